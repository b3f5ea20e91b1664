// The buyer commitment binds a parcel to one order without putting anything about the buyer on the
// label. The platform draws a random 32-byte secret per order and hands it to the buyer inside the
// receipt credential; the parcel credential carries
//
//   HMAC-SHA-256(key = order secret, message = "CrossCheck parcel binding v1" ‖ 0x00 ‖ UTF-8(parcel id))
//
// truncated to its first 16 bytes. Whoever holds the receipt recomputes it and knows "this parcel
// is mine"; whoever only sees the label learns nothing: without the secret the value is a random
// 128-bit string (HMAC is a PRF). The same construction as SMART Health Cards' `rid` (an HMAC
// over a user id, truncated), with a per-order key so two parcels of one buyer are unlinkable.
//
// Why not a hash of the ID number: a resident ID number has 18 characters but little entropy once
// the region (6 digits) and birth date (8 digits) are known or guessed — only the 3-digit sequence
// remains and the check digit follows from the rest (GB 11643-1999), so about 10^3 candidates,
// hashed in well under a millisecond. FORMAT.md §"Buyer binding" works it out.
import { bytesOfHex, hexOf } from './codec/hex.ts';
import { hmacSha256, hmacSha256Key, type HmacSha256Key } from './hmac-sha256.ts';

const DOMAIN = 'CrossCheck parcel binding v1\0';
export const BUYER_COMMITMENT_BYTES = 16;
export const ORDER_SECRET_BYTES = 32;

const encoder = new TextEncoder();

function toBytes(secret: Uint8Array | string): Uint8Array {
  if (typeof secret !== 'string') return secret;
  if (!/^([0-9a-fA-F]{2})*$/.test(secret)) throw new TypeError('order secret: hex expected');
  return bytesOfHex(secret);
}

/** The message that is MACed: domain label, NUL, parcel id. Exported for the specification's vectors. */
export function commitmentMessage(parcelId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(DOMAIN + parcelId);
}

// A verifier checks every scanned parcel against all of the consumer's receipts: the key's inner
// and outer HMAC states are computed once per secret (not per check) and the MAC itself is a few
// µs of synchronous JavaScript (hmac-sha256.ts; WebCrypto's async HMAC cost a third of a P-256
// verify). The cache holds states of secrets the app holds anyway, and is bounded. It is keyed by
// the secret as stored (receipts hold it as hex), so a known secret is not decoded again.
const keyCache = new Map<string, HmacSha256Key>();
const KEY_CACHE_SIZE = 256;

function hmacKey(orderSecret: Uint8Array | string): HmacSha256Key {
  const id = typeof orderSecret === 'string' ? orderSecret : hexOf(orderSecret);
  let key = keyCache.get(id);
  if (!key) {
    const secret = toBytes(orderSecret);
    if (secret.length !== ORDER_SECRET_BYTES) throw new RangeError(`order secret: ${ORDER_SECRET_BYTES} bytes expected`);
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    key = hmacSha256Key(secret);
    keyCache.set(id, key);
  }
  return key;
}

// The message of the synchronous MAC, written into a buffer reused from call to call (a verdict
// MACs once per candidate receipt; a new encoding is a separate allocation each time).
const messageScratch = new Uint8Array(256);

/** HMAC-SHA-256(orderSecret, domain ‖ parcelId) truncated to 16 bytes, synchronously. */
export function buyerCommitmentSync(orderSecret: Uint8Array | string, parcelId: string): Uint8Array {
  const key = hmacKey(orderSecret);
  const text = DOMAIN + parcelId;
  // UTF-8 takes at most 3 bytes per UTF-16 unit; a longer id than the scratch holds is encoded anew.
  const message = text.length * 3 <= messageScratch.length ? messageScratch.subarray(0, encoder.encodeInto(text, messageScratch).written) : commitmentMessage(parcelId);
  return hmacSha256(key, message).subarray(0, BUYER_COMMITMENT_BYTES);
}

/** HMAC-SHA-256(orderSecret, domain ‖ parcelId) truncated to 16 bytes. */
export async function buyerCommitment(orderSecret: Uint8Array | string, parcelId: string): Promise<Uint8Array> {
  return buyerCommitmentSync(orderSecret, parcelId);
}

/** Hex form, as parcel claims carry it. */
export async function buyerCommitmentHex(orderSecret: Uint8Array | string, parcelId: string): Promise<string> {
  return hexOf(await buyerCommitment(orderSecret, parcelId));
}

/**
 * Compares in time independent of where the first difference is. The commitment is not a secret
 * the verifier must protect, but a constant-time compare costs nothing and keeps this code safe
 * to reuse where it would be (e.g. a server checking claims).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Does this order secret open the commitment on parcel `parcelId`? */
export async function commitmentMatches(
  orderSecret: Uint8Array | string,
  parcelId: string,
  commitment: Uint8Array | string,
): Promise<boolean> {
  return commitmentMatchesSync(orderSecret, parcelId, commitment);
}

/** commitmentMatches, synchronously. */
export function commitmentMatchesSync(orderSecret: Uint8Array | string, parcelId: string, commitment: Uint8Array | string): boolean {
  return constantTimeEqual(buyerCommitmentSync(orderSecret, parcelId), toBytes(commitment));
}

/** A fresh per-order secret (platform side). */
export function newOrderSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(ORDER_SECRET_BYTES));
}
