import { describe, expect, it } from 'vitest';
import { packText, unpackText, PACKED_ALPHABET, PACKED_PAIR_BASE } from '../../../../shared/credential/claims/index.ts';

describe('packed identifiers (3 characters in 2 bytes)', () => {
  it.each([
    ['', 0],
    ['S', 1],
    ['SF', 2],
    ['EMS', 2],
    ['SF14', 3],
    ['SF1400012345678', 10],
    ['53162026I000012345', 12],
    ['QHWH-BONDED', 8],
  ])('%j packs into %i bytes and back', (text, bytes) => {
    const packed = packText(text)!;
    expect(packed).toHaveLength(bytes);
    expect(unpackText(packed)).toBe(text);
  });

  it('round-trips random strings of every length up to 40', () => {
    for (let n = 0; n <= 40; n++) {
      const text = Array.from({ length: n }, (_, i) => PACKED_ALPHABET[(i * 17 + n * 5) % PACKED_ALPHABET.length]).join('');
      expect(unpackText(packText(text)!)).toBe(text);
    }
  });

  it('refuses characters outside the alphabet', () => {
    expect(packText('sf')).toBeUndefined();
    expect(packText('SF_1')).toBeUndefined();
  });

  it('is one-to-one: every 1- and 2-byte string unpacks to text that packs back to it, or is refused', () => {
    let accepted = 0;
    for (let v = 0; v < 65_536; v++) {
      const two = Uint8Array.of(v >> 8, v & 0xff);
      const text = unpackText(two);
      if (text !== undefined) {
        accepted++;
        expect(packText(text)).toEqual(two);
      }
    }
    // All triples and all final pairs, nothing else.
    expect(accepted).toBe(PACKED_PAIR_BASE + PACKED_ALPHABET.length ** 2);
    for (let v = 0; v < 256; v++) expect(unpackText(Uint8Array.of(v)) !== undefined).toBe(v < PACKED_ALPHABET.length);
    // A pair is only allowed last: the same two bytes in front of a triple are refused.
    expect(unpackText(Uint8Array.of(PACKED_PAIR_BASE >> 8, PACKED_PAIR_BASE & 0xff, 0, 0))).toBeUndefined();
  });
});
