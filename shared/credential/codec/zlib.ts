// zlib (RFC 1950) around DEFLATE (RFC 1951), decoded by a small strict inflater of our own
// (after Mark Adler's puff.c: canonical Huffman decoding one bit at a time). Why not the
// platform's DecompressionStream:
//
//  - canonical form: the unused bits after the final block (and before stored blocks) must be
//    zero and the 4-byte Adler-32 trailer must end the data. Without this, a payload whose last
//    deflate byte has a different padding bit — or with junk appended (Node 20's
//    DecompressionStream('deflate') silently ignores trailing bytes) — opens to the same signed
//    message: one credential, many scannable strings, and a single-character change that still
//    "verifies". A stream API cannot tell us where the deflate data ended.
//  - bombs: the output bound is checked before each byte is produced, so a zip bomb costs at most
//    maxDecompressedBytes of work, synchronously, with no stream to cancel.
//  - speed: opening a parcel credential through DecompressionStream cost ~520 µs in Node 20
//    (stream set-up dominates); this inflater takes ~30 µs, the difference between ~800 and
//    several thousand verifications per second (test/harness/bench/credential.ts).
//
// The platform inflater remains the oracle: the unit tests and the fuzz harness compare both on
// thousands of streams. Sealing uses deflate.ts (CompressionStream remains as deflateZlib, an
// independent encoder for tests and fuzzing).
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';

export interface ZlibLayout {
  /** Offset of the first DEFLATE byte (after the 2-byte header). */
  deflateStart: number;
  /** Offset just after the last DEFLATE byte (where the Adler-32 trailer starts). */
  deflateEnd: number;
  /** Exact size of the decompressed data. */
  outputLength: number;
  adler32: number;
}

// RFC 1951 §3.2.5 length and distance tables (the writer in deflate.ts uses them too).
export const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
export const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
export const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
export const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

/** Thrown inside the walker only; converted to a Result at its boundary. */
class WalkStop {
  constructor(
    readonly code: 'zlib-data-invalid' | 'zlib-truncated' | 'zlib-too-large' | 'zlib-padding-not-zero',
    readonly detail: string,
  ) {}
}

interface Huffman {
  count: Uint16Array; // number of codes of each length
  symbol: Uint16Array; // symbols ordered by code
}

/** Builds a canonical Huffman decoder; rejects over-subscribed and (like zlib) incomplete codes. */
function buildHuffman(lengths: ArrayLike<number>, what: string): Huffman {
  const count = new Uint16Array(MAX_BITS + 1);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]!]!++;
  let max = MAX_BITS;
  while (max > 0 && count[max] === 0) max--;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - count[len]!;
    if (left < 0) throw new WalkStop('zlib-data-invalid', `over-subscribed ${what} code`);
  }
  // zlib's inflate_table accepts an incomplete code only for literal/length or distance codes whose
  // single code has length 1; an empty code is accepted and fails when a symbol is read.
  if (max > 0 && left > 0 && (what === 'code-length' || max !== 1)) {
    throw new WalkStop('zlib-data-invalid', `incomplete ${what} code`);
  }
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len]! + count[len]!;
  const symbol = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) if (lengths[s] !== 0) symbol[offsets[lengths[s]!]!++] = s;
  return { count, symbol };
}

let fixedTables: { lit: Huffman; dist: Huffman } | undefined;
function fixed(): { lit: Huffman; dist: Huffman } {
  if (!fixedTables) {
    const lit = new Uint8Array(288);
    lit.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    // The fixed distance code has 32 codes of 5 bits; symbols 30 and 31 must never occur.
    fixedTables = { lit: buildHuffman(lit, 'literal/length'), dist: buildHuffman(new Uint8Array(32).fill(5), 'distance') };
  }
  return fixedTables;
}

class BitReader {
  bitBuf = 0;
  bitCount = 0;
  constructor(
    readonly data: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  bits(n: number): number {
    let value = this.bitBuf;
    while (this.bitCount < n) {
      if (this.pos >= this.end) throw new WalkStop('zlib-truncated', 'deflate data ends early');
      value |= this.data[this.pos++]! << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuf = value >>> n;
    this.bitCount -= n;
    return value & ((1 << n) - 1);
  }

  /** Drops the rest of the current byte; those bits must be zero (canonical encoding). */
  alignToByte(where: string): void {
    if (this.bitBuf !== 0) throw new WalkStop('zlib-padding-not-zero', `non-zero padding bits ${where}`);
    this.bitBuf = 0;
    this.bitCount = 0;
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.count[len]!;
      if (code - count < first) return h.symbol[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new WalkStop('zlib-data-invalid', 'invalid Huffman code');
  }
}

/** Output sink: counts always; writes only when `buf` is given (the walk-only pass skips it). */
class Output {
  length = 0;
  constructor(
    readonly max: number,
    public buf: Uint8Array | undefined,
  ) {}

  reserve(n: number): void {
    if (this.length + n > this.max) throw new WalkStop('zlib-too-large', `output exceeds ${this.max} bytes`);
    if (this.buf && this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.min(this.max, Math.max(this.buf.length * 2, this.length + n)));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
  }
}

function walkDeflate(reader: BitReader, output: Output): void {
  let final = 0;
  do {
    final = reader.bits(1);
    const type = reader.bits(2);
    if (type === 0) {
      reader.alignToByte('before a stored block');
      if (reader.pos + 4 > reader.end) throw new WalkStop('zlib-truncated', 'stored block header cut off');
      const d = reader.data;
      const len = d[reader.pos]! | (d[reader.pos + 1]! << 8);
      const nlen = d[reader.pos + 2]! | (d[reader.pos + 3]! << 8);
      if (len !== (~nlen & 0xffff)) throw new WalkStop('zlib-data-invalid', 'stored block length check fails');
      reader.pos += 4;
      if (reader.pos + len > reader.end) throw new WalkStop('zlib-truncated', 'stored block cut off');
      output.reserve(len);
      if (output.buf) output.buf.set(reader.data.subarray(reader.pos, reader.pos + len), output.length);
      output.length += len;
      reader.pos += len;
      continue;
    }
    if (type === 3) throw new WalkStop('zlib-data-invalid', 'reserved block type 3');
    let lit: Huffman;
    let dist: Huffman;
    if (type === 1) {
      ({ lit, dist } = fixed());
    } else {
      const nlen = reader.bits(5) + 257;
      const ndist = reader.bits(5) + 1;
      const ncode = reader.bits(4) + 4;
      if (nlen > 286 || ndist > 30) throw new WalkStop('zlib-data-invalid', 'too many length or distance codes');
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = reader.bits(3);
      const lencode = buildHuffman(codeLengths, 'code-length');
      const lengths = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = reader.decode(lencode);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let repeat: number;
        let value = 0;
        if (sym === 16) {
          if (i === 0) throw new WalkStop('zlib-data-invalid', 'repeat with no previous length');
          value = lengths[i - 1]!;
          repeat = 3 + reader.bits(2);
        } else if (sym === 17) {
          repeat = 3 + reader.bits(3);
        } else {
          repeat = 11 + reader.bits(7);
        }
        if (i + repeat > nlen + ndist) throw new WalkStop('zlib-data-invalid', 'too many code lengths');
        lengths.fill(value, i, i + repeat);
        i += repeat;
      }
      if (lengths[256] === 0) throw new WalkStop('zlib-data-invalid', 'no end-of-block code');
      lit = buildHuffman(lengths.subarray(0, nlen), 'literal/length');
      dist = buildHuffman(lengths.subarray(nlen), 'distance');
    }
    for (;;) {
      const sym = reader.decode(lit);
      if (sym < 256) {
        output.reserve(1);
        if (output.buf) output.buf[output.length] = sym;
        output.length++;
      } else if (sym === 256) {
        break;
      } else {
        const li = sym - 257;
        if (li >= 29) throw new WalkStop('zlib-data-invalid', 'invalid length symbol');
        const length = LENGTH_BASE[li]! + reader.bits(LENGTH_EXTRA[li]!);
        const ds = reader.decode(dist);
        if (ds >= 30) throw new WalkStop('zlib-data-invalid', 'invalid distance symbol');
        const distance = DIST_BASE[ds]! + reader.bits(DIST_EXTRA[ds]!);
        if (distance > output.length) throw new WalkStop('zlib-data-invalid', 'distance too far back');
        output.reserve(length);
        const buf = output.buf;
        if (buf) {
          // Byte by byte: a match may overlap the bytes it is producing (distance < length).
          for (let k = 0, from = output.length - distance; k < length; k++) buf[output.length + k] = buf[from + k]!;
        }
        output.length += length;
      }
    }
  } while (!final);
  reader.alignToByte('after the final block');
}

/** `produce`: false to walk only; true for a new output buffer; a buffer to write into (it grows into a new one when too small). */
function decodeZlib(data: Uint8Array, maxOutput: number, produce: boolean | Uint8Array): Result<{ layout: ZlibLayout; output: Uint8Array }, ContainerError> {
  if (data.length < 2) return fail('zlib', 'zlib-header-invalid', 'shorter than a zlib header');
  const cmf = data[0]!;
  const flg = data[1]!;
  // RFC 1950 §2.2: CM = 8 (deflate), CINFO ≤ 7 (window ≤ 32 KiB), FCHECK makes CMF·256+FLG a
  // multiple of 31, FDICT must be 0 (no preset dictionary can be agreed on in a QR code).
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || (cmf * 256 + flg) % 31 !== 0 || (flg & 0x20) !== 0) {
    return fail('zlib', 'zlib-header-invalid', `header ${hex2(cmf)}${hex2(flg)} is not a zlib deflate header`);
  }
  const reader = new BitReader(data, 2, data.length);
  const first = produce instanceof Uint8Array ? produce : produce ? new Uint8Array(Math.min(maxOutput, data.length * 4 + 64)) : undefined;
  const output = new Output(maxOutput, first);
  try {
    walkDeflate(reader, output);
  } catch (e) {
    if (e instanceof WalkStop) return fail('zlib', e.code, e.detail);
    return fail('zlib', 'zlib-corrupt', e instanceof Error ? e.message : String(e));
  }
  const deflateEnd = reader.pos;
  const trailer = data.length - deflateEnd;
  if (trailer < 4) return fail('zlib', 'zlib-truncated', 'Adler-32 trailer cut off');
  if (trailer > 4) return fail('zlib', 'zlib-trailing-data', `${trailer - 4} bytes after the Adler-32 trailer`);
  const d = data;
  const stored = ((d[deflateEnd]! << 24) | (d[deflateEnd + 1]! << 16) | (d[deflateEnd + 2]! << 8) | d[deflateEnd + 3]!) >>> 0;
  const layout = { deflateStart: 2, deflateEnd, outputLength: output.length, adler32: stored };
  return ok({ layout, output: output.buf ? output.buf.subarray(0, output.length) : new Uint8Array(0) });
}

/** Checks the zlib framing and measures the output without producing it. */
export function walkZlib(data: Uint8Array, maxOutput: number): Result<ZlibLayout, ContainerError> {
  const r = decodeZlib(data, maxOutput, false);
  return r.ok ? ok(r.value.layout) : r;
}

/**
 * Decompresses zlib data within `maxOutput` bytes, strictly; never throws. With `into`, the output
 * is written there (or, when it does not fit, into a larger buffer) and a view is returned, for a
 * caller that reuses its buffer and copies what it keeps; without, a new array of the exact size.
 */
export function inflateZlibSync(data: Uint8Array, maxOutput: number, into?: Uint8Array): Result<Uint8Array, ContainerError> {
  const r = decodeZlib(data, maxOutput, into ?? true);
  if (!r.ok) return r;
  if (adler32(r.value.output) !== r.value.layout.adler32) return fail('zlib', 'zlib-checksum', 'Adler-32 mismatch');
  return ok(into ? r.value.output : r.value.output.slice());
}

/** Async form of inflateZlibSync (the container's stages are async-shaped). */
export async function inflateZlib(data: Uint8Array, maxOutput: number): Promise<Result<Uint8Array, ContainerError>> {
  return inflateZlibSync(data, maxOutput);
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the largest n such that 255·n·(n+1)/2 + (n+1)·65520 stays below 2^32 (RFC 1950 §9).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Reads a stream to the end (chunk by chunk, so a bound could cancel it early). */
async function readBounded(stream: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** zlib-compresses with the platform's CompressionStream (tests and fuzzing; sealing uses deflate.ts). */
export async function deflateZlib(data: Uint8Array): Promise<Uint8Array> {
  const out = await readBounded(streamOf(data).pipeThrough(new CompressionStream('deflate') as unknown as TransformStream<Uint8Array, Uint8Array>), Number.MAX_SAFE_INTEGER);
  if (out === 'too-large') throw new Error('unreachable');
  return out;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
