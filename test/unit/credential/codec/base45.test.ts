import { describe, expect, it } from 'vitest';
import { BASE45_ALPHABET, decodeBase45, encodeBase45 } from '../../../../shared/credential/codec/base45.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('Base45 (RFC 9285)', () => {
  // RFC 9285 §4.3 and §4.4 examples.
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('encodes %j as %j and back', (plain, encoded) => {
    expect(encodeBase45(text(plain))).toBe(encoded);
    expect(decodeBase45(encoded)).toEqual({ ok: true, value: text(plain) });
  });

  it.each([
    ['', 'base45-empty'],
    ['GGW', 'base45-value-too-large'], // 16 + 16·45 + 32·2025 = 65536
    [':::', 'base45-value-too-large'], // 44 + 44·45 + 44·2025 = 91124
    ['::', 'base45-value-too-large'], // final pair 44 + 44·45 = 2024 > 255
    ['BB8A', 'base45-dangling-char'],
    ['bb8', 'base45-invalid-char'],
    ['BB#', 'base45-invalid-char'],
    ['B\u00e98', 'base45-invalid-char'],
    ['BB\n', 'base45-invalid-char'],
  ])('rejects %j with %s', (input, code) => {
    const r = decodeBase45(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.stage, r.error.code]).toEqual(['base45', code]);
  });

  it('round-trips every byte pair value (the encoding is a bijection on valid strings)', () => {
    const bytes = new Uint8Array(2 * 65536);
    for (let n = 0; n < 65536; n++) {
      bytes[2 * n] = n >> 8;
      bytes[2 * n + 1] = n & 0xff;
    }
    const encoded = encodeBase45(bytes);
    expect(decodeBase45(encoded)).toEqual({ ok: true, value: bytes });
    for (let b = 0; b < 256; b++) expect(decodeBase45(encodeBase45(Uint8Array.of(b)))).toEqual({ ok: true, value: Uint8Array.of(b) });
  });

  it('uses exactly the QR alphanumeric character set', () => {
    expect([...BASE45_ALPHABET].toSorted().join('')).toBe([...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'].toSorted().join(''));
  });
});
