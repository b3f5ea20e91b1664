// Packed identifiers (waybill, carrier and declaration numbers, party ids in parcels)
//
// The RADIX-50 idea (DEC, 1960s: three characters of a 40-character set in one 16-bit word): the
// 38 characters below, three to two bytes, 5.33 bits per character instead of 8. A waybill of 15
// characters takes 10 bytes. A last pair of characters is stored as PACKED_PAIR_BASE + value, so
// the byte length alone says how many characters there are, and one string has one packing.

export const PACKED_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.';
const RADIX = PACKED_ALPHABET.length; // 38
/** 38^3 = 54,872 triples fit below it; a final pair is 54,872 + (0 … 38^2 − 1) < 65,536. */
export const PACKED_PAIR_BASE = RADIX ** 3;

/** Each ASCII character's value in PACKED_ALPHABET, -1 for the others. */
const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < RADIX; i++) DIGIT_OF[PACKED_ALPHABET.charCodeAt(i)] = i;

const digitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 128 ? DIGIT_OF[c]! : -1;
};

/** The packed length of `n` characters: 2 bytes a group of three, (0, 1, 2) for the rest. */
export const packedLength = (n: number) => 2 * Math.floor(n / 3) + (n % 3);

/**
 * Packs `text` into `out` from `at` (packedLength(text.length) bytes); false, with `out` partly
 * written, when a character is not of PACKED_ALPHABET. By character codes: every parcel packs
 * four to six of these.
 */
export function packInto(text: string, out: Uint8Array, at: number): boolean {
  const n = text.length;
  let o = at;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const a = digitAt(text, i);
    const b = digitAt(text, i + 1);
    const c = digitAt(text, i + 2);
    if (a < 0 || b < 0 || c < 0) return false;
    const v = (a * RADIX + b) * RADIX + c;
    out[o++] = v >> 8;
    out[o++] = v & 0xff;
  }
  if (n - i === 2) {
    const a = digitAt(text, i);
    const b = digitAt(text, i + 1);
    if (a < 0 || b < 0) return false;
    const v = PACKED_PAIR_BASE + a * RADIX + b;
    out[o++] = v >> 8;
    out[o] = v & 0xff;
  } else if (n - i === 1) {
    const a = digitAt(text, i);
    if (a < 0) return false;
    out[o] = a;
  }
  return true;
}

/** Packs text of PACKED_ALPHABET characters; undefined when another character occurs. */
export function packText(text: string): Uint8Array | undefined {
  const out = new Uint8Array(packedLength(text.length));
  return packInto(text, out, 0) ? out : undefined;
}

/** The inverse of packText; undefined for bytes packText never writes. */
export function unpackText(bytes: Uint8Array): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 === bytes.length) {
      // A last odd byte is one character.
      if (bytes[i]! >= RADIX) return undefined;
      out += PACKED_ALPHABET[bytes[i]!];
      break;
    }
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    const last = i + 2 === bytes.length;
    if (v < PACKED_PAIR_BASE) {
      out += PACKED_ALPHABET[Math.floor(v / (RADIX * RADIX))]! + PACKED_ALPHABET[Math.floor(v / RADIX) % RADIX]! + PACKED_ALPHABET[v % RADIX]!;
    } else if (last && v < PACKED_PAIR_BASE + RADIX * RADIX) {
      const pair = v - PACKED_PAIR_BASE;
      out += PACKED_ALPHABET[Math.floor(pair / RADIX)]! + PACKED_ALPHABET[pair % RADIX]!;
    } else {
      return undefined;
    }
  }
  return out;
}

export function packOrThrow(text: string): Uint8Array {
  const packed = packText(text);
  // The schemas only let through text of the alphabet; reaching this is a programming error.
  if (packed === undefined) throw new Error(`cannot pack ${JSON.stringify(text)}`);
  return packed;
}
