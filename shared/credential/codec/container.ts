// The credential container: PREFIX + Base45( zlib( COSE_Sign1( CBOR claims ) ) ).
// Opening runs the stages in order, each bounded before it works, and returns the first failure
// as a typed error. Nothing here throws to the caller.
import { decodeBase45, encodeBase45 } from './base45.ts';
import { decodeStrictCbor, encodeDeterministicCbor, scanStrictCbor } from './cbor-strict.ts';
import { COSE_ALG_IDS, encodeCoseSign1, parseCoseSign1, sigStructure, type Alg, type CoseProfile, type CoseSign1Parts } from './cose.ts';
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';
import { isLowS, keyFitsAlg, signParamsFor, signWith, type SigningKey, type VerifyKey } from './keys.ts';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from './limits.ts';
import { bufferSource } from './webcrypto-types.ts';
import { deflateZlibSync } from './deflate.ts';
import { inflateZlib } from './zlib.ts';

export const CC1_PREFIX = 'CC1:';

/**
 * Every stage's output. The COSE parts are parseCoseSign1's (for CC1 the tags are [18] and the kid
 * always comes from the protected header); the protected bytes are kept only inside `toBeSigned`.
 */
export interface OpenedCredential extends Omit<CoseSign1Parts, 'protectedBytes'> {
  prefix: string;
  compressed: Uint8Array;
  cose: Uint8Array;
  claims: unknown;
  toBeSigned: Uint8Array;
  profile: CoseProfile;
}

export interface OpenOptions {
  /** Expected prefix; default 'CC1:'. Any prefix is accepted when given (e.g. 'HC1:'). */
  prefix?: string;
  limits?: Partial<Limits>;
  /** Default: 'cc1' for the CC1 prefix, 'dcc' for any other (see cose.ts). */
  profile?: CoseProfile;
}

// A prefix-like start: a few capitals/digits and a colon ("HC1:", "CC2:").
const PREFIX_SHAPE = /^[A-Z0-9]{1,8}:/;

function internalError(e: unknown): { ok: false; error: ContainerError } {
  // Reaching this is a bug in a stage; still a typed error, never an exception.
  return fail('input', 'internal-error', `${e instanceof Error ? e.message : String(e)}`);
}

/** Bounds and strips the prefix; returns the Base45 body. */
export function stripPrefix(text: unknown, prefix: string, limits: Limits): Result<string, ContainerError> {
  if (typeof text !== 'string') return fail('input', 'input-not-text', `got ${typeof text}`);
  if (text.length === 0) return fail('input', 'input-empty');
  if (text.length > limits.maxInputChars) return fail('input', 'input-too-long', `${text.length} > ${limits.maxInputChars} characters`);
  if (!text.startsWith(prefix)) {
    return PREFIX_SHAPE.test(text)
      ? fail('prefix', 'prefix-unknown', `starts with ${JSON.stringify(text.slice(0, text.indexOf(':') + 1))}, expected ${JSON.stringify(prefix)}`)
      : fail('prefix', 'prefix-missing', `expected ${JSON.stringify(prefix)}`);
  }
  return ok(text.slice(prefix.length));
}

export async function openCredential(text: string, opts: OpenOptions = {}): Promise<Result<OpenedCredential, ContainerError>> {
  try {
    const prefix = opts.prefix ?? CC1_PREFIX;
    const limits = resolveLimits(opts.limits);
    const profile = opts.profile ?? (prefix === CC1_PREFIX ? 'cc1' : 'dcc');
    const body = stripPrefix(text, prefix, limits);
    if (!body.ok) return body;
    const compressed = decodeBase45(body.value);
    if (!compressed.ok) return compressed;
    if (compressed.value.length > limits.maxCompressedBytes) {
      return fail('zlib', 'zlib-input-too-large', `${compressed.value.length} > ${limits.maxCompressedBytes} bytes`);
    }
    const cose = await inflateZlib(compressed.value, limits.maxDecompressedBytes);
    if (!cose.ok) return cose;
    const parts = parseCoseSign1(cose.value, limits, profile);
    if (!parts.ok) return parts;
    const claims = decodeStrictCbor(parts.value.payload, limits, 'cbor');
    if (!claims.ok) return claims;
    const p = parts.value;
    const opened: OpenedCredential = {
      prefix,
      compressed: compressed.value,
      cose: cose.value,
      protectedHeader: p.protectedHeader,
      unprotectedHeader: p.unprotectedHeader,
      payload: p.payload,
      claims: claims.value,
      signature: p.signature,
      toBeSigned: sigStructure(p.protectedBytes, p.payload),
      tags: p.tags,
      profile,
    };
    if (p.kid) opened.kid = p.kid;
    if (p.kidSource) opened.kidSource = p.kidSource;
    if (p.headerAlg !== undefined) opened.headerAlg = p.headerAlg;
    return ok(opened);
  } catch (e) {
    return internalError(e);
  }
}

const SIGNATURE_BYTES: Partial<Record<Alg, number>> = { ES256: 64, EdDSA: 64 };

/**
 * Checks the signature with a key from the trust bundle. The algorithm is the key's (`key.alg`);
 * a message naming another algorithm is refused before any cryptography runs, so a message can
 * never choose how it is verified (the JOSE/COSE "alg confusion" class of attacks).
 */
export async function verifyOpened(opened: OpenedCredential, key: VerifyKey): Promise<Result<true, ContainerError>> {
  try {
    if (opened.headerAlg !== key.alg) {
      return fail('signature', 'signature-alg-mismatch', `message says ${String(opened.headerAlg)}, key is ${String(key.alg)}`);
    }
    if (!keyFitsAlg(key.publicKey, key.alg) || !key.publicKey.usages.includes('verify')) {
      return fail('signature', 'signature-key-unusable', `key is ${key.publicKey.algorithm.name}, pinned alg ${key.alg}`);
    }
    const expected = SIGNATURE_BYTES[key.alg];
    if (expected !== undefined && opened.signature.length !== expected) {
      return fail('signature', 'signature-malformed', `${opened.signature.length} bytes, ${key.alg} needs ${expected}`);
    }
    // ECDSA signs (r, s) and (r, n − s) equally well; CC1 signers always write the low-s twin
    // (keys.ts lowS), so a CC1 credential has one signature and one COSE encoding. HC1 signers
    // make no such promise, so the DCC profile takes either.
    if (opened.profile === 'cc1' && key.alg === 'ES256' && !isLowS(opened.signature)) {
      return fail('signature', 'signature-high-s', 'ECDSA s is in the upper half of the group order');
    }
    const valid = await globalThis.crypto.subtle.verify(signParamsFor(key.alg), key.publicKey, bufferSource(opened.signature), bufferSource(opened.toBeSigned));
    return valid ? ok(true) : fail('signature', 'signature-invalid');
  } catch (e) {
    return fail('signature', 'signature-key-unusable', e instanceof Error ? e.message : String(e));
  }
}

/** The protected header we write: {1: -7, 4: kid}, deterministic. */
export function protectedHeaderFor(kid: Uint8Array): Uint8Array {
  return encodeDeterministicCbor(new Map<number, unknown>([[1, COSE_ALG_IDS.ES256], [4, kid]]));
}

/** Signs ready-made claim bytes (the vector generator and fuzzer use this to build odd payloads). */
export async function sealPayloadBytes(
  payload: Uint8Array,
  key: SigningKey,
  opts: { prefix?: string; protectedBytes?: Uint8Array; unprotected?: Uint8Array } = {},
): Promise<{ text: string; compressed: Uint8Array; cose: Uint8Array }> {
  const protectedBytes = opts.protectedBytes ?? protectedHeaderFor(key.kid);
  const signature = await signWith(key, sigStructure(protectedBytes, payload));
  const cose = encodeCoseSign1(protectedBytes, payload, signature, opts.unprotected);
  const compressed = deflateZlibSync(cose);
  return { text: (opts.prefix ?? CC1_PREFIX) + encodeBase45(compressed), compressed, cose };
}

/** Error thrown by sealCredential for claims that could never be opened. */
export class SealError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

/**
 * Issues a credential: claims → deterministic CBOR → COSE_Sign1 (ES256) → zlib → Base45 → prefix.
 * Refuses (throws SealError) claims that openCredential would refuse under the default limits,
 * so an issuer never prints a QR code no verifier can read.
 */
export async function sealCredential(claims: unknown, key: SigningKey, opts: { prefix?: string } = {}): Promise<string> {
  if (key.alg !== 'ES256') throw new SealError('seal-alg', `only ES256 signing keys are supported, got ${String(key.alg)}`);
  let payload: Uint8Array;
  try {
    payload = encodeDeterministicCbor(claims);
  } catch (e) {
    throw new SealError('seal-claims-unencodable', `claims cannot be encoded as CBOR: ${e instanceof Error ? e.message : String(e)}`);
  }
  const scanned = scanStrictCbor(payload, DEFAULT_LIMITS, 'cbor');
  if (!scanned.ok) throw new SealError('seal-claims-invalid', `claims would not open: ${scanned.error.code} (${scanned.error.detail ?? ''})`);
  const { text, cose } = await sealPayloadBytes(payload, key, opts);
  if (cose.length > DEFAULT_LIMITS.maxDecompressedBytes || text.length > DEFAULT_LIMITS.maxInputChars) {
    throw new SealError('seal-too-large', `credential of ${text.length} characters exceeds what verifiers accept`);
  }
  return text;
}
