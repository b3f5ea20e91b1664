// Decoding bounds. Every decoder stage checks its bound before doing the work the bound limits,
// so hostile input costs at most O(maxInputChars) before it is rejected.

export interface Limits {
  /** Characters of scanned text examined at all (prefix included). */
  maxInputChars: number;
  /** Bytes of zlib data after Base45 decoding. */
  maxCompressedBytes: number;
  /** Bytes after decompression (the COSE_Sign1 message). Zip bombs stop here. */
  maxDecompressedBytes: number;
  /** Nesting depth of arrays, maps and tags, in the envelope and in the claims. */
  maxCborDepth: number;
  /** Data items (each integer, string, array, map, tag... counts one) in one decoded CBOR value. */
  maxCborItems: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  // 4,296 characters is the most a single QR code can hold in alphanumeric mode (version 40, level L,
  // ISO/IEC 18004:2015 table 7); anything longer cannot have come from one scan.
  maxInputChars: 4296,
  // What 4,296 Base45 characters can carry: 2 bytes per 3 characters.
  maxCompressedBytes: 2864,
  // A parcel credential is ~300 bytes and an EU DCC ~300–1,000 before compression; 64 KiB leaves
  // room for growth while a 2.8 KB zip bomb (which could expand to ~3 MB) is refused.
  maxDecompressedBytes: 65536,
  // Our claims nest 4–5 levels (credential → hops → hop → goods); DCC about 5.
  maxCborDepth: 16,
  // A parcel has ~100 items, a DCC ~40; 4,096 keeps a decoded document to a few hundred KB of objects.
  maxCborItems: 4096,
});

export function resolveLimits(partial?: Partial<Limits>): Limits {
  const limits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const value = partial[key];
      // Ignore nonsense (NaN, negatives, non-numbers) rather than weakening a bound by accident.
      if (typeof value === 'number' && Number.isInteger(value) && value > 0) limits[key] = value;
    }
  }
  return limits;
}
