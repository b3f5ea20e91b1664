// Base45, RFC 9285. Chosen by the EU DCC because its 45 characters are exactly the QR code
// alphanumeric set, which packs 5.5 bits per character (2 bytes → 3 characters).
//
// Decoding is strict (RFC 9285 §4.2): a character outside the alphabet, a 3-character group above
// 65535, a final 2-character group above 255, or a lone final character is an error. Strictness
// makes the encoding a bijection: every valid string decodes to exactly one byte string and back,
// so no two different scans can carry the same bytes.
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE45_ALPHABET.length; i++) VALUE_OF[BASE45_ALPHABET.charCodeAt(i)] = i;

const CODE_OF = Uint8Array.from(BASE45_ALPHABET, (c) => c.charCodeAt(0));
const ascii = new TextDecoder();
/** Character codes of the output, reused from call to call (a new typed array costs ~1–2 µs in V8). */
let codes = new Uint8Array(1024);

/**
 * The characters of `prefix` (ASCII) and the Base45 of `bytes`, as character codes: a view of a
 * buffer the next call reuses (copy it, or decode it, before calling again).
 */
export function base45Codes(bytes: Uint8Array, prefix = ''): Uint8Array {
  const size = prefix.length + Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2;
  if (codes.length < size) codes = new Uint8Array(size);
  const out = codes;
  let o = 0;
  for (; o < prefix.length; o++) {
    const c = prefix.charCodeAt(o);
    if (c > 0x7f) throw new RangeError('the prefix is not ASCII');
    out[o] = c;
  }
  // n = c + 45·d + 2025·e. The divisions by 45 as multiply-and-shift, exact in these ranges
  // (q = ⌊n / 45⌋ for n < 65,536; ⌊q / 45⌋ for q < 2,025: base45.test.ts encodes every pair).
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = (bytes[i]! << 8) | bytes[i + 1]!;
    const q = (n * 11_651) >>> 19;
    const e = (q * 1_457) >>> 16;
    out[o] = CODE_OF[n - q * 45]!;
    out[o + 1] = CODE_OF[q - e * 45]!;
    out[o + 2] = CODE_OF[e]!;
    o += 3;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    const d = (n * 1_457) >>> 16;
    out[o] = CODE_OF[n - d * 45]!;
    out[o + 1] = CODE_OF[d]!;
    o += 2;
  }
  return out.subarray(0, o);
}

/**
 * Base45 of `bytes`, after `prefix` when one is given: one string built at once. The characters
 * are written as codes (base45Codes) and read back by TextDecoder; appending them one by one to a
 * string took ~15 µs for a parcel's 400 characters, this ~2 µs.
 */
export function encodeBase45(bytes: Uint8Array, prefix = ''): string {
  for (let k = 0; k < prefix.length; k++) if (prefix.charCodeAt(k) > 0x7f) return prefix + encodeBase45(bytes); // joined as strings
  return ascii.decode(base45Codes(bytes, prefix));
}

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUE_OF[code]! : -1;
}

/**
 * Decodes `text`. With `into` (large enough), the bytes are written there and a view of it is
 * returned: the container decodes into a buffer it reuses, since a new typed array of more than
 * 64 bytes costs V8 a backing store (~2 µs with its collection).
 */
export function decodeBase45(text: string, into?: Uint8Array): Result<Uint8Array, ContainerError> {
  if (text.length === 0) return fail('base45', 'base45-empty');
  if (text.length % 3 === 1) {
    return fail('base45', 'base45-dangling-char', `length ${text.length} leaves one character without a partner`);
  }
  const size = Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0);
  const out = into !== undefined && into.length >= size ? into : new Uint8Array(size);
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = valueAt(text, i);
    const d = valueAt(text, i + 1);
    const last = i + 2 >= text.length;
    const e = last ? 0 : valueAt(text, i + 2);
    if (c < 0 || d < 0 || e < 0) {
      const offset = c < 0 ? 0 : d < 0 ? 1 : 2;
      return fail('base45', 'base45-invalid-char', `character ${i + offset} (${JSON.stringify(text[i + offset])}) is not in the Base45 alphabet`);
    }
    const n = c + d * 45 + e * 2025;
    if (last) {
      if (n > 255) return fail('base45', 'base45-value-too-large', `final pair at ${i} encodes ${n} > 255`);
      out[o++] = n;
    } else {
      if (n > 65535) return fail('base45', 'base45-value-too-large', `group at ${i} encodes ${n} > 65535`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    }
  }
  return ok(out.length === size ? out : out.subarray(0, size));
}
