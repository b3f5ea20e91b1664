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

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    const e = Math.floor(n / 2025);
    const rest = n % 2025;
    out += BASE45_ALPHABET[rest % 45]! + BASE45_ALPHABET[Math.floor(rest / 45)]! + BASE45_ALPHABET[e]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

function valueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUE_OF[code]! : -1;
}

export function decodeBase45(text: string): Result<Uint8Array, ContainerError> {
  if (text.length === 0) return fail('base45', 'base45-empty');
  if (text.length % 3 === 1) {
    return fail('base45', 'base45-dangling-char', `length ${text.length} leaves one character without a partner`);
  }
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
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
  return ok(out);
}
