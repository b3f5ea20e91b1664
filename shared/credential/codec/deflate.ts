// A small deterministic zlib compressor for sealing: greedy LZ77 (hash chains, 32 KiB window)
// coded with the fixed Huffman tables of RFC 1951 §3.2.6, or a stored block when that is
// smaller. For credential-sized inputs (~300 bytes, short unique strings and 80+ random bytes)
// zlib itself picks fixed Huffman too, and this output is within a byte or two of it; but it
// takes tens of microseconds where CompressionStream took milliseconds in Node 20, and it gives
// the same bytes on every platform. Unused bits after the final block are zero, as the strict
// inflater (zlib.ts) requires.
import { adler32, DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from './zlib.ts';

const WINDOW = 32768;
const MAX_CHAIN = 64;

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;

  /** Writes `count` (≤ 16) bits of `value`, least significant first (RFC 1951 §3.1.1). */
  bits(value: number, count: number): void {
    this.acc |= (value & ((1 << count) - 1)) << this.n;
    this.n += count;
    while (this.n >= 8) {
      this.bytes.push(this.acc & 0xff);
      this.acc >>>= 8;
      this.n -= 8;
    }
  }

  /** Writes a Huffman code, most significant bit first. */
  code(value: number, length: number): void {
    let reversed = 0;
    for (let i = 0; i < length; i++) reversed |= ((value >> i) & 1) << (length - 1 - i);
    this.bits(reversed, length);
  }

  /** Pads the last byte with zero bits. */
  flush(): void {
    if (this.n > 0) this.bytes.push(this.acc & 0xff);
    this.acc = 0;
    this.n = 0;
  }
}

function literalCode(w: BitWriter, symbol: number): void {
  if (symbol < 144) w.code(0x30 + symbol, 8);
  else if (symbol < 256) w.code(0x190 + symbol - 144, 9);
  else if (symbol < 280) w.code(symbol - 256, 7);
  else w.code(0xc0 + symbol - 280, 8);
}

function lengthSymbol(length: number): number {
  let i = LENGTH_BASE.length - 1;
  while (LENGTH_BASE[i]! > length) i--;
  return i;
}

function distanceSymbol(distance: number): number {
  let i = DIST_BASE.length - 1;
  while (DIST_BASE[i]! > distance) i--;
  return i;
}

function fixedHuffmanBlock(data: Uint8Array): number[] {
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(1, 2); // BTYPE 01: fixed Huffman
  const head = new Map<number, number>();
  const prev = new Int32Array(data.length).fill(-1);
  const hashAt = (i: number) => (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
  const insert = (i: number) => {
    if (i + 2 >= data.length) return;
    const h = hashAt(i);
    prev[i] = head.get(h) ?? -1;
    head.set(h, i);
  };
  let i = 0;
  while (i < data.length) {
    let bestLength = 0;
    let bestDistance = 0;
    if (i + 2 < data.length) {
      let candidate = head.get(hashAt(i)) ?? -1;
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
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
      const ls = lengthSymbol(bestLength);
      literalCode(w, 257 + ls);
      w.bits(bestLength - LENGTH_BASE[ls]!, LENGTH_EXTRA[ls]!);
      const ds = distanceSymbol(bestDistance);
      w.code(ds, 5);
      w.bits(bestDistance - DIST_BASE[ds]!, DIST_EXTRA[ds]!);
      for (let k = 0; k < bestLength; k++) insert(i + k);
      i += bestLength;
    } else {
      literalCode(w, data[i]!);
      insert(i);
      i++;
    }
  }
  literalCode(w, 256); // end of block
  w.flush();
  return w.bytes;
}

function storedBlocks(data: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  do {
    const len = Math.min(65535, data.length - i);
    const final = i + len >= data.length ? 1 : 0;
    out.push(final, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff);
    for (let k = 0; k < len; k++) out.push(data[i + k]!);
    i += len;
  } while (i < data.length);
  return out;
}

/** zlib (RFC 1950) of `data`: header 78 9c, the smaller of fixed Huffman and stored, Adler-32. */
export function deflateZlibSync(data: Uint8Array): Uint8Array {
  const huffman = fixedHuffmanBlock(data);
  // Stored blocks take 5 bytes of header per 65,535 bytes (at least one block): built only when smaller.
  const storedLength = data.length + 5 * Math.max(1, Math.ceil(data.length / 65535));
  const body = huffman.length <= storedLength ? huffman : storedBlocks(data);
  const sum = adler32(data);
  const out = new Uint8Array(body.length + 6);
  out[0] = 0x78;
  out[1] = 0x9c;
  out.set(body, 2);
  out[body.length + 2] = (sum >>> 24) & 0xff;
  out[body.length + 3] = (sum >> 16) & 0xff;
  out[body.length + 4] = (sum >> 8) & 0xff;
  out[body.length + 5] = sum & 0xff;
  return out;
}
