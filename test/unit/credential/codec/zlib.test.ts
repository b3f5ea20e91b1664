import { describe, expect, it } from 'vitest';
import { deflateZlibSync } from '../../../../shared/credential/codec/deflate.ts';
import { adler32, deflateZlib, inflateZlib, inflateZlibSync, walkZlib } from '../../../../shared/credential/codec/zlib.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';

const LIMIT = 65536;

/** Platform inflate (zlib format) without our checks, to compare against. */
async function platformInflate(data: Uint8Array): Promise<Uint8Array | 'error'> {
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return 'error';
  }
}

describe('zlib stage', () => {
  it('round-trips and measures the exact output size before inflating', async () => {
    const rnd = seededRandom(1);
    for (const size of [0, 1, 100, 1000, 20000, 60000]) {
      // Mixed content: runs (LZ77 matches, dynamic Huffman) and noise (literals, stored blocks).
      const data = Uint8Array.from({ length: size }, (_, i) => (i % 50 < 25 ? i % 7 : Math.floor(rnd() * 256)));
      const compressed = await deflateZlib(data);
      const walked = walkZlib(compressed, LIMIT);
      expect(walked.ok && walked.value.outputLength).toBe(size);
      expect(await inflateZlib(compressed, LIMIT)).toEqual({ ok: true, value: data });
    }
  });

  it('computes Adler-32 like RFC 1950 (Wikipedia example)', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia')).toString(16)).toBe('11e60398');
  });

  it('stops a real zip bomb at the output bound', async () => {
    const bomb = await deflateZlib(new Uint8Array(8 << 20)); // 8 MiB of zeros
    expect(bomb.length).toBeLessThan(10_000);
    const started = performance.now();
    const r = await inflateZlib(bomb, LIMIT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('zlib-too-large');
    // A runaway guard, not the budget (200 ms, in `npm run bench -- --only bounds`).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['too short', [0x78], 'zlib-header-invalid'],
    ['not deflate (CM 7)', [0x77, 0x9c, 0x03, 0x00, 0, 0, 0, 1], 'zlib-header-invalid'],
    ['bad FCHECK', [0x78, 0x9d, 0x03, 0x00, 0, 0, 0, 1], 'zlib-header-invalid'],
    ['preset dictionary', [0x78, 0xbb, 0, 0, 0, 1, 0x03, 0x00, 0, 0, 0, 1], 'zlib-header-invalid'],
    ['reserved block type', [0x78, 0x9c, 0x07, 0, 0, 0, 1], 'zlib-data-invalid'],
    ['stored length check', [0x78, 0x9c, 0x01, 0x01, 0x00, 0x00, 0x00, 0x41, 0, 0, 0, 1], 'zlib-data-invalid'],
    ['stored block cut off', [0x78, 0x9c, 0x01, 0x05, 0x00, 0xfa, 0xff, 0x41], 'zlib-truncated'],
    ['empty deflate data', [0x78, 0x9c], 'zlib-truncated'],
  ])('rejects %s', async (_name, bytes, code) => {
    const r = await inflateZlib(Uint8Array.from(bytes), LIMIT);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.stage, r.error.code]).toEqual(['zlib', code]);
  });

  it('rejects appended bytes that the platform inflater silently ignores', async () => {
    const data = new TextEncoder().encode('hello hello hello');
    const junk = new Uint8Array([...(await deflateZlib(data)), 1, 2, 3]);
    expect(await platformInflate(junk)).toEqual(data); // Node 20: trailing junk accepted
    const r = await inflateZlib(junk, LIMIT);
    expect(!r.ok && r.error.code).toBe('zlib-trailing-data');
  });

  it('rejects set padding bits that the platform inflater ignores (one credential, one encoding)', async () => {
    const data = new TextEncoder().encode('CrossCheck parcel credential');
    const compressed = await deflateZlib(data);
    const layout = walkZlib(compressed, LIMIT);
    if (!layout.ok) throw new Error('walk failed');
    let ignoredBits = 0;
    for (let bit = 0; bit < 8; bit++) {
      const c = compressed.slice();
      c[layout.value.deflateEnd - 1]! ^= 1 << bit;
      const platform = await platformInflate(c);
      const ours = await inflateZlib(c, LIMIT);
      if (platform !== 'error' && Buffer.from(platform).equals(Buffer.from(data))) {
        ignoredBits++;
        expect(!ours.ok && ours.error.code).toBe('zlib-padding-not-zero');
      } else {
        expect(ours.ok).toBe(false);
      }
    }
    expect(ignoredBits).toBeGreaterThan(0); // this stream does have padding bits
  });

  it('rejects a checksum mismatch with its own code', async () => {
    const c = await deflateZlib(new TextEncoder().encode('abc'));
    c[c.length - 1]! ^= 0x80;
    const r = await inflateZlib(c, LIMIT);
    expect(!r.ok && r.error.code).toBe('zlib-checksum');
  });

  it('agrees with the platform inflater on 1,000 random mutations (stricter only about padding)', async () => {
    const rnd = seededRandom(7);
    const base = await deflateZlib(new TextEncoder().encode('The quick brown fox jumps over the lazy dog. '.repeat(8)));
    for (let n = 0; n < 1000; n++) {
      const c = base.slice();
      const flips = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < flips; k++) c[2 + Math.floor(rnd() * (c.length - 2))]! ^= 1 << Math.floor(rnd() * 8);
      const ours = await inflateZlib(c, LIMIT);
      if (ours.ok) {
        const platform = await platformInflate(c);
        expect(platform).not.toBe('error');
        expect(Buffer.from(ours.value).equals(Buffer.from(platform as Uint8Array))).toBe(true);
      } else if ((await platformInflate(c)) !== 'error') {
        // The platform accepted what we refused: only the canonical-form rule may explain that.
        expect(ours.error.code).toBe('zlib-padding-not-zero');
      }
    }
  }, 30_000);
});

describe('sealing compressor (deflate.ts)', () => {
  it('round-trips through our inflater and the platform inflater, deterministically', async () => {
    const rnd = seededRandom(3);
    for (const size of [0, 1, 2, 3, 10, 258, 259, 300, 1000, 40000, 70000]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (rnd() < 0.3 ? Math.floor(rnd() * 256) : (i * 7) % 13));
      const z = deflateZlibSync(data);
      expect(deflateZlibSync(data)).toEqual(z);
      expect(inflateZlibSync(z, 1 << 20)).toEqual({ ok: true, value: data });
      expect(await platformInflate(z)).toEqual(data);
    }
  });

  it('compresses credential-sized data about as well as the platform zlib', async () => {
    const text = new TextEncoder().encode('importer-hangzhou SF1400012345678 53162026I000012345 qhwh-bonded lumi-store sf-express '.repeat(3));
    const data = Uint8Array.from([...text, ...Array.from({ length: 80 }, (_, i) => (i * 151) & 0xff)]);
    expect(deflateZlibSync(data).length).toBeLessThanOrEqual((await deflateZlib(data)).length + 3);
  });
});
