// A small deterministic zlib compressor for sealing: greedy LZ77 (hash chains, 32 KiB window)
// coded with the fixed Huffman tables of RFC 1951 §3.2.6, or a stored block when that is
// smaller. For credential-sized inputs (~300 bytes, short unique strings and 80+ random bytes)
// zlib itself picks fixed Huffman too, and this output is within a byte or two of it; but it
// takes a few microseconds where CompressionStream took milliseconds in Node 20, and it gives
// the same bytes on every platform. Unused bits after the final block are zero, as the strict
// inflater (zlib.ts) requires.
//
// Speed (issue 14: a batch issuer runs this once per credential beside one signature): the
// fixed-Huffman block is written into a reused buffer as the parse goes, then copied out if it
// beats the stored one (a parcel with registry codes is stored: FORMAT.md §11). Hash chains live
// in typed arrays reused from call to call, and codes are looked up bit-reversed. Same parse and
// the same bytes as the first version of this file (Map-based chains, bit by bit), which
// deflate.test.ts keeps as the reference; this one takes ~3 µs for a parcel where that took ~25
// (and node:zlib's deflateSync ~40, most of it setting up a stream per call).
import { adler32, DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from './zlib.ts';

const WINDOW = 32768;
const MAX_CHAIN = 64;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const STORED_MAX = 65535;

/** The reverse of the low `length` bits of `code` (Huffman codes are sent most significant bit first). */
function reversed(code: number, length: number): number {
  let r = 0;
  for (let i = 0; i < length; i++) r |= ((code >> i) & 1) << (length - 1 - i);
  return r;
}

// Fixed literal/length code (RFC 1951 §3.2.6), bit-reversed, and its lengths.
const LIT_CODE = new Uint16Array(288);
const LIT_BITS = new Uint8Array(288);
for (let s = 0; s < 288; s++) {
  const [code, bits] = s < 144 ? [0x30 + s, 8] : s < 256 ? [0x190 + s - 144, 9] : s < 280 ? [s - 256, 7] : [0xc0 + s - 280, 8];
  LIT_CODE[s] = reversed(code, bits);
  LIT_BITS[s] = bits;
}
/** Fixed distance codes are the 5-bit symbol itself, bit-reversed. */
const DIST_CODE = Uint8Array.from({ length: 30 }, (_, s) => reversed(s, 5));

/** Length 3…258 → its length symbol index (0…28), and distance 1…32768 → its distance symbol (0…29). */
const LENGTH_SYMBOL = new Uint8Array(MAX_MATCH + 1);
for (let ls = 0; ls < LENGTH_BASE.length; ls++) LENGTH_SYMBOL.fill(ls, LENGTH_BASE[ls]!, MAX_MATCH + 1);
const DIST_SYMBOL = new Uint8Array(WINDOW + 1);
for (let ds = 0; ds < DIST_BASE.length; ds++) DIST_SYMBOL.fill(ds, DIST_BASE[ds]!, WINDOW + 1);

// Hash chains: `head` holds, for each hash of three bytes, the most recent position with it, and
// `prev` for each position the one before. Positions are stored plus an offset that grows from
// call to call (`epoch`), so entries of earlier inputs read as empty without clearing the table.
const HASH_BITS = 12;
const HASH_SHIFT = 32 - HASH_BITS;
const HASH_MULTIPLIER = 0x9e3779b1; // Knuth's multiplicative hash (2^32 / φ)
const headTable = new Int32Array(1 << HASH_BITS);
let epoch = 0;
// Grown when an input needs more and reused after (typed arrays beyond 64 bytes are separate
// allocations in V8, ~1–2 µs each).
let prevTable = new Int32Array(512);
/** The fixed-Huffman block of the last input, written while parsing it. */
let block = new Uint8Array(512);

/**
 * Greedy LZ77 parse of `data`, written as one final fixed-Huffman block into `block` as it goes;
 * returns the block's length in bytes (the last byte's unused bits zero).
 *
 * The chains are keyed by a hash of three bytes, so a chain may hold positions whose three bytes
 * differ (the first version keyed them by the three bytes themselves). Those are passed over
 * without counting against MAX_CHAIN, so the matches tried, and the parse, are the same.
 * (Written without helper closures: V8 keeps variables that closures share in a heap context,
 * which made this loop several times slower.)
 */
function fixedHuffmanBlock(data: Uint8Array): number {
  const n = data.length;
  if (prevTable.length < n) prevTable = new Int32Array(n);
  // At most 9 bits a byte (a literal takes 8 or 9, a match of 3 or more bytes at most 25), 3 + 7 around.
  if (block.length < Math.ceil((9 * n + 10) / 8) + 4) block = new Uint8Array(Math.ceil((9 * n + 10) / 8) + 4);
  if (epoch > 0x3fffffff - n) {
    headTable.fill(0);
    epoch = 0;
  }
  const head = headTable;
  const prev = prevTable;
  const out = block;
  const base = epoch + 1; // position p is stored as base + p; anything below base is empty
  let o = 0;
  let acc = 0b011; // BFINAL 1, BTYPE 01: fixed Huffman
  let accBits = 3;
  let i = 0;
  while (i < n) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < n) {
      const a = data[i]!;
      const b = data[i + 1]!;
      const c = data[i + 2]!;
      const h = Math.imul((a << 16) | (b << 8) | c, HASH_MULTIPLIER) >>> HASH_SHIFT;
      const max = Math.min(MAX_MATCH, n - i);
      let chain = 0;
      for (let cand = head[h]! - base; cand >= 0 && i - cand <= WINDOW && chain < MAX_CHAIN; cand = prev[cand]! - base) {
        if (data[cand] !== a || data[cand + 1] !== b || data[cand + 2] !== c) continue; // another key, same hash
        chain++;
        let length = MIN_MATCH;
        while (length < max && data[cand + length] === data[i + length]) length++;
        if (length > bestLength) {
          bestLength = length;
          bestDistance = i - cand;
          if (length === max) break;
        }
      }
      // Position i joins its chain after its own search.
      prev[i] = head[h]!;
      head[h] = base + i;
    }
    if (bestLength >= MIN_MATCH) {
      // Length code and extra bits (≤ 13 bits), then distance code and extra bits (≤ 18):
      // flushed in between, so the accumulator never holds more than 7 + 18 bits.
      const ls = LENGTH_SYMBOL[bestLength]!;
      acc |= LIT_CODE[257 + ls]! << accBits;
      accBits += LIT_BITS[257 + ls]!;
      acc |= (bestLength - LENGTH_BASE[ls]!) << accBits;
      accBits += LENGTH_EXTRA[ls]!;
      while (accBits >= 8) {
        out[o++] = acc & 0xff;
        acc >>>= 8;
        accBits -= 8;
      }
      const ds = DIST_SYMBOL[bestDistance]!;
      acc |= DIST_CODE[ds]! << accBits;
      accBits += 5;
      acc |= (bestDistance - DIST_BASE[ds]!) << accBits;
      accBits += DIST_EXTRA[ds]!;
      // The positions inside the match join their chains too.
      const end = i + bestLength;
      for (let j = i + 1; j < end && j + 2 < n; j++) {
        const hj = Math.imul((data[j]! << 16) | (data[j + 1]! << 8) | data[j + 2]!, HASH_MULTIPLIER) >>> HASH_SHIFT;
        prev[j] = head[hj]!;
        head[hj] = base + j;
      }
      i = end;
    } else {
      const byte = data[i]!;
      acc |= LIT_CODE[byte]! << accBits;
      accBits += LIT_BITS[byte]!;
      i++;
    }
    while (accBits >= 8) {
      out[o++] = acc & 0xff;
      acc >>>= 8;
      accBits -= 8;
    }
  }
  epoch += n;
  acc |= LIT_CODE[256]! << accBits; // end of block
  accBits += LIT_BITS[256]!;
  while (accBits > 0) {
    out[o++] = acc & 0xff; // the last byte's unused bits are zero
    acc >>>= 8;
    accBits -= 8;
  }
  return o;
}

/** Writes `data` as stored blocks at `out[at…]`; returns the end. */
function writeStoredBlocks(data: Uint8Array, out: Uint8Array, at: number): number {
  let o = at;
  let i = 0;
  do {
    const len = Math.min(STORED_MAX, data.length - i);
    out[o++] = i + len >= data.length ? 1 : 0; // BFINAL, BTYPE 00, padding
    out[o++] = len & 0xff;
    out[o++] = len >> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >> 8) & 0xff;
    out.set(data.subarray(i, i + len), o);
    o += len;
    i += len;
  } while (i < data.length);
  return o;
}

/** Stored blocks take 5 bytes of header per 65,535 bytes (at least one block). */
const storedLength = (n: number) => n + 5 * Math.max(1, Math.ceil(n / STORED_MAX));

/** The most bytes deflateZlibInto writes for `n` bytes of data: header, stored blocks, Adler-32. */
export function deflateZlibBound(n: number): number {
  return 2 + storedLength(n) + 4;
}

/**
 * zlib (RFC 1950) of `data` written at `out[at…]` (room for deflateZlibBound(data.length) bytes
 * needed): header 78 9c, the smaller of fixed Huffman and stored, Adler-32. Returns the end.
 */
export function deflateZlibInto(data: Uint8Array, out: Uint8Array, at: number): number {
  const huffmanLength = fixedHuffmanBlock(data);
  out[at] = 0x78;
  out[at + 1] = 0x9c;
  let end: number;
  if (huffmanLength <= storedLength(data.length)) {
    out.set(block.subarray(0, huffmanLength), at + 2);
    end = at + 2 + huffmanLength;
  } else {
    end = writeStoredBlocks(data, out, at + 2);
  }
  const sum = adler32(data);
  out[end] = (sum >>> 24) & 0xff;
  out[end + 1] = (sum >> 16) & 0xff;
  out[end + 2] = (sum >> 8) & 0xff;
  out[end + 3] = sum & 0xff;
  return end + 4;
}

/** zlib (RFC 1950) of `data`: header 78 9c, the smaller of fixed Huffman and stored, Adler-32. */
export function deflateZlibSync(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(deflateZlibBound(data.length));
  return out.slice(0, deflateZlibInto(data, out, 0));
}
