// The sealing compressor (deflate.ts) against its first version, kept here as the reference: the
// same greedy parse through Map-keyed hash chains, written bit by bit. The rewrite for speed
// (typed-array chains, a size count before writing) must give the same bytes, so credentials
// sealed before and after it are byte-identical for the same COSE message.
import { describe, expect, it } from 'vitest';
import { deflateZlibBound, deflateZlibInto, deflateZlibSync } from '../../../../shared/credential/codec/deflate.ts';
import { adler32, DIST_BASE, DIST_EXTRA, inflateZlibSync, LENGTH_BASE, LENGTH_EXTRA } from '../../../../shared/credential/codec/zlib.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';

function referenceDeflateZlib(data: Uint8Array): Uint8Array {
  const bytes: number[] = [];
  let acc = 0;
  let n = 0;
  const bits = (value: number, count: number) => {
    acc |= (value & ((1 << count) - 1)) << n;
    n += count;
    while (n >= 8) {
      bytes.push(acc & 0xff);
      acc >>>= 8;
      n -= 8;
    }
  };
  const code = (value: number, length: number) => {
    let r = 0;
    for (let i = 0; i < length; i++) r |= ((value >> i) & 1) << (length - 1 - i);
    bits(r, length);
  };
  const literal = (s: number) => {
    if (s < 144) code(0x30 + s, 8);
    else if (s < 256) code(0x190 + s - 144, 9);
    else if (s < 280) code(s - 256, 7);
    else code(0xc0 + s - 280, 8);
  };
  const symbolOf = (table: number[], v: number) => {
    let i = table.length - 1;
    while (table[i]! > v) i--;
    return i;
  };
  bits(1, 1);
  bits(1, 2);
  const head = new Map<number, number>();
  const prev = new Int32Array(data.length).fill(-1);
  const hashAt = (i: number) => (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
  const insert = (i: number) => {
    if (i + 2 >= data.length) return;
    prev[i] = head.get(hashAt(i)) ?? -1;
    head.set(hashAt(i), i);
  };
  let i = 0;
  while (i < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < data.length) {
      let candidate = head.get(hashAt(i)) ?? -1;
      for (let chain = 0; candidate >= 0 && i - candidate <= 32768 && chain < 64; chain++) {
        let length = 0;
        const max = Math.min(258, data.length - i);
        while (length < max && data[candidate + length] === data[i + length]) length++;
        if (length > bestLength) {
          bestLength = length;
          bestDistance = i - candidate;
          if (length === max) break;
        }
        candidate = prev[candidate]!;
      }
    }
    if (bestLength >= 3) {
      const ls = symbolOf(LENGTH_BASE, bestLength);
      literal(257 + ls);
      bits(bestLength - LENGTH_BASE[ls]!, LENGTH_EXTRA[ls]!);
      const ds = symbolOf(DIST_BASE, bestDistance);
      code(ds, 5);
      bits(bestDistance - DIST_BASE[ds]!, DIST_EXTRA[ds]!);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
    } else {
      literal(data[i]!);
      insert(i);
      i++;
    }
  }
  literal(256);
  if (n > 0) bytes.push(acc & 0xff);
  const stored: number[] = [];
  let at = 0;
  do {
    const len = Math.min(65535, data.length - at);
    stored.push(at + len >= data.length ? 1 : 0, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff);
    for (let k = 0; k < len; k++) stored.push(data[at + k]!);
    at += len;
  } while (at < data.length);
  const body = bytes.length <= stored.length ? bytes : stored;
  const sum = adler32(data);
  const out = new Uint8Array(body.length + 6);
  out.set([0x78, 0x9c]);
  out.set(body, 2);
  out.set([sum >>> 24, (sum >> 16) & 0xff, (sum >> 8) & 0xff, sum & 0xff], body.length + 2);
  return out;
}

describe('sealing compressor (deflate.ts) against its reference', () => {
  it('gives the reference bytes on random data of every kind and size', () => {
    const rnd = seededRandom(14);
    const sizes = [0, 1, 2, 3, 4, 5, 10, 64, 100, 180, 230, 258, 259, 300, 517, 1000, 4000, 20000];
    for (const size of sizes) {
      // From noise (stored) through credential-like mixes to long runs (matches of 258, long chains).
      for (const repeat of [0, 0.3, 0.7, 0.97, 1]) {
        const alphabet = 1 + Math.floor(rnd() * 255);
        const data = new Uint8Array(size);
        for (let i = 0; i < size; i++) {
          data[i] = i > 0 && rnd() < repeat ? data[Math.max(0, i - 1 - Math.floor(rnd() * Math.min(i, 300)))]! : Math.floor(rnd() * alphabet);
        }
        const ours = deflateZlibSync(data);
        expect(Buffer.from(ours).equals(Buffer.from(referenceDeflateZlib(data))), `size ${size}, repeat ${repeat}`).toBe(true);
        expect(inflateZlibSync(ours, 1 << 20)).toEqual({ ok: true, value: data });
      }
    }
    // Noise beyond one stored block (65,535 bytes): two stored blocks.
    const noise = Uint8Array.from({ length: 70_000 }, () => Math.floor(rnd() * 256));
    expect(Buffer.from(deflateZlibSync(noise)).equals(Buffer.from(referenceDeflateZlib(noise)))).toBe(true);
  }, 60_000);

  it('writes into a buffer at an offset, within the bound', () => {
    const data = new TextEncoder().encode('SF1400012345678 SF1400012345678 53162026I000012345');
    const out = new Uint8Array(10 + deflateZlibBound(data.length)).fill(0xee);
    const end = deflateZlibInto(data, out, 10);
    expect(out.subarray(0, 10).every((b) => b === 0xee)).toBe(true);
    expect(out.subarray(10, end)).toEqual(deflateZlibSync(data));
  });
});
