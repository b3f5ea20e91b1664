// Lowercase hex, as kids, buyer commitments and the JSON view of byte strings are written.
// Table-driven: a verdict writes and reads a few of these (kid, commitment, order secret), and
// toString(16)/parseInt per byte cost more than the rest of the lookup together.

const HEX_OF_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
  NIBBLE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_OF_BYTE[bytes[i]!]!;
  return out;
}

/** The bytes of an even-length hex string; the caller has checked it is hex. */
export function bytesOfHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    const hi = hex.charCodeAt(2 * i);
    const lo = hex.charCodeAt(2 * i + 1);
    out[i] = ((hi < 128 ? NIBBLE[hi]! : 0) << 4) | (lo < 128 ? NIBBLE[lo]! : 0);
  }
  return out;
}
