// The credential container: PREFIX + Base45( zlib( COSE_Sign1( CBOR claims ) ) ).
// Opening runs the stages in order, each bounded before it works, and returns the first failure
// as a typed error. Nothing here throws to the caller.
import { base45Codes, decodeBase45, encodeBase45 } from './base45.ts';
import { decodeStrictCbor, encodeDeterministicCbor, scanStrictCbor } from './cbor-strict.ts';
import { COSE_ALG_IDS, coseSign1Length, encodeCoseSign1Into, parseCoseSign1, sigStructure, sigStructureBound, sigStructureLength, writeSigStructure, type Alg, type CoseProfile, type CoseSign1Parts } from './cose.ts';
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';
import { checkedEs256Signature, isLowS, keyFitsAlg, signParamsFor, signWith, type SigningKey, type VerifyKey } from './keys.ts';
import { DEFAULT_LIMITS, resolveLimits, type Limits } from './limits.ts';
import { bufferSource } from './webcrypto-types.ts';
import { deflateZlibBound, deflateZlibInto } from './deflate.ts';
import { inflateZlibSync } from './zlib.ts';

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

// The stages before the arena (openCredential) write into these, reused from call to call: nothing
// awaits between writing and copying out, so no two openings share them. Larger inputs (a trust
// bundle) get arrays of their own, so that one large opening does not stay in memory.
const base45Scratch = new Uint8Array(2048);
const inflateScratch = new Uint8Array(4096);

export async function openCredential(text: string, opts: OpenOptions = {}): Promise<Result<OpenedCredential, ContainerError>> {
  try {
    const prefix = opts.prefix ?? CC1_PREFIX;
    const limits = resolveLimits(opts.limits);
    const profile = opts.profile ?? (prefix === CC1_PREFIX ? 'cc1' : 'dcc');
    const body = stripPrefix(text, prefix, limits);
    if (!body.ok) return body;
    const compressed = decodeBase45(body.value, base45Scratch);
    if (!compressed.ok) return compressed;
    if (compressed.value.length > limits.maxCompressedBytes) {
      return fail('zlib', 'zlib-input-too-large', `${compressed.value.length} > ${limits.maxCompressedBytes} bytes`);
    }
    const inflated = inflateZlibSync(compressed.value, limits.maxDecompressedBytes, inflateScratch);
    if (!inflated.ok) return inflated;
    // One allocation per credential (the arena): the compressed bytes, the COSE bytes and the
    // Sig_structure, every other array a view into it. A typed array of more than 64 bytes is a
    // separate backing store in V8, ~2 µs to allocate and collect: the five a scan used to make
    // cost more than the rest of opening it.
    const c = compressed.value.length;
    const n = inflated.value.length;
    const arena = new Uint8Array(c + n + sigStructureBound(n));
    arena.set(compressed.value);
    arena.set(inflated.value, c);
    const cose = arena.subarray(c, c + n);
    const parts = parseCoseSign1(cose, limits, profile, true);
    if (!parts.ok) return parts;
    const p = parts.value;
    const claims = decodeStrictCbor(p.payload, limits, 'cbor', { byteStringViews: true });
    if (!claims.ok) return claims;
    const toBeSigned = arena.subarray(c + n, c + n + sigStructureLength(p.protectedBytes, p.payload));
    writeSigStructure(toBeSigned, p.protectedBytes, p.payload);
    const opened: OpenedCredential = {
      prefix,
      compressed: arena.subarray(0, c),
      cose,
      protectedHeader: p.protectedHeader,
      unprotectedHeader: p.unprotectedHeader,
      payload: p.payload,
      claims: claims.value,
      signature: p.signature,
      toBeSigned,
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

/** The last protected header built, with a copy of its kid: a batch signs thousands with one key. */
let lastProtected: { kid: Uint8Array; header: Uint8Array } | undefined;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The protected header for `kid`, shared with the next calls: read it, never change it. */
function sharedProtectedHeader(kid: Uint8Array): Uint8Array {
  if (lastProtected && sameBytes(lastProtected.kid, kid)) return lastProtected.header;
  const header = encodeDeterministicCbor(new Map<number, unknown>([[1, COSE_ALG_IDS.ES256], [4, kid]]));
  lastProtected = { kid: kid.slice(), header };
  return header;
}

/** The protected header we write: {1: -7, 4: kid}, deterministic. */
export function protectedHeaderFor(kid: Uint8Array): Uint8Array {
  return sharedProtectedHeader(kid).slice();
}

/**
 * A credential ready for its signature. Sealing is two synchronous halves around the signer:
 * prepareSeal (the bytes to sign) and finishSeal (COSE, zlib, Base45), so a caller whose signer
 * is synchronous (the batch issuer's workers, node:crypto) seals with no promise at all, and an
 * asynchronous one (WebCrypto, an HSM) awaits between them (sealPayloadBytes). Its byte arrays
 * are to be read only.
 */
export interface PreparedSeal {
  /** The Sig_structure: what the signer signs. */
  toBeSigned: Uint8Array;
  protectedBytes: Uint8Array;
  payload: Uint8Array;
  /** The unprotected header's encoding; {} (0xa0) unless a test writes another. */
  unprotected: Uint8Array;
  prefix: string;
  /** Refuse (SealError) a credential larger than verifiers accept under the default limits. */
  checkSize: boolean;
}

export interface PrepareOptions {
  prefix?: string;
  protectedBytes?: Uint8Array;
  unprotected?: Uint8Array;
  /** Default true (see PreparedSeal). */
  checkSize?: boolean;
  /** Where the Sig_structure goes, for a caller preparing many credentials at once (SealArena). */
  arena?: SealArena;
}

/**
 * Room for the Sig_structures of many credentials prepared before any is signed: one buffer for
 * a few hundred of them instead of one each (a typed array beyond 64 bytes costs ~1–2 µs in V8).
 * The batch issuer prepares a chunk of lines, signs them, then finishes them, keeping the JavaScript
 * and OpenSSL's tables each in the processor's caches for a whole phase (issue 14: a line cost
 * ~25 µs more when the two took turns line by line).
 */
export class SealArena {
  private buf: Uint8Array;
  private used = 0;

  constructor(private readonly size = 16_384) {
    this.buf = new Uint8Array(size);
  }

  /** `n` bytes of its own (a view that stays valid: a full buffer is left to its views, not reused). */
  take(n: number): Uint8Array {
    if (this.used + n > this.buf.length) {
      this.buf = new Uint8Array(Math.max(n, this.size));
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

/** The first half of sealing: the Sig_structure of `payload` (copied; the caller may reuse its buffer) under `kid`. */
export function prepareSeal(payload: Uint8Array, kid: Uint8Array, opts: PrepareOptions = {}): PreparedSeal {
  const protectedBytes = opts.protectedBytes ?? sharedProtectedHeader(kid);
  let toBeSigned: Uint8Array;
  if (opts.arena) {
    toBeSigned = opts.arena.take(sigStructureLength(protectedBytes, payload));
    writeSigStructure(toBeSigned, protectedBytes, payload);
  } else {
    toBeSigned = sigStructure(protectedBytes, payload);
  }
  return {
    toBeSigned,
    protectedBytes,
    // The Sig_structure ends with the payload: kept from there.
    payload: toBeSigned.subarray(toBeSigned.length - payload.length),
    unprotected: opts.unprotected ?? EMPTY_MAP,
    prefix: opts.prefix ?? CC1_PREFIX,
    checkSize: opts.checkSize ?? true,
  };
}

const EMPTY_MAP = Uint8Array.of(0xa0);

// The COSE message and its zlib form of the credential being finished, reused from one to the
// next: each is beyond the 64 bytes up to which V8 makes a typed array cheaply (~1–2 µs apiece
// otherwise, a tenth of what a batch line may spend beside its signature).
let coseBuffer = new Uint8Array(1024);
let zlibBuffer = new Uint8Array(1024);

/** The Base45 text's length for `bytes` bytes (2 bytes → 3 characters, a last byte → 2). */
const base45Length = (bytes: number) => Math.floor(bytes / 2) * 3 + (bytes % 2) * 2;

/**
 * COSE_Sign1 → zlib of a prepared credential and its (64-byte, low-s) signature, as views of the
 * reused buffers (valid until the next call).
 */
function compress(prepared: PreparedSeal, sig: Uint8Array): { compressed: Uint8Array; cose: Uint8Array } {
  const coseLength = coseSign1Length(prepared.protectedBytes, prepared.payload, sig, prepared.unprotected);
  if (coseBuffer.length < coseLength) coseBuffer = new Uint8Array(coseLength);
  const cose = coseBuffer.subarray(0, encodeCoseSign1Into(coseBuffer, prepared.protectedBytes, prepared.payload, sig, prepared.unprotected));
  if (zlibBuffer.length < deflateZlibBound(cose.length)) zlibBuffer = new Uint8Array(deflateZlibBound(cose.length));
  const compressed = zlibBuffer.subarray(0, deflateZlibInto(cose, zlibBuffer, 0));
  const textLength = prepared.prefix.length + base45Length(compressed.length);
  if (prepared.checkSize && (cose.length > DEFAULT_LIMITS.maxDecompressedBytes || textLength > DEFAULT_LIMITS.maxInputChars)) {
    throw new SealError('seal-too-large', `credential of ${textLength} characters exceeds what verifiers accept`);
  }
  return { compressed, cose };
}

/**
 * The second half of sealing: `signature` (ES256 r‖s as the key gave it, either half: made low-s
 * here) → COSE_Sign1 → zlib → Base45 text. Throws SealError, unless prepared without checkSize,
 * when the credential is more than a verifier accepts under the default limits, so an issuer
 * never prints a QR code no verifier can read.
 */
export function finishSeal(prepared: PreparedSeal, signature: Uint8Array): string {
  return encodeBase45(compress(prepared, checkedEs256Signature(signature)).compressed, prepared.prefix);
}

/**
 * finishSeal's text as ASCII bytes, for a caller that writes them out as bytes (the batch
 * issuer's workers): a view of a buffer the next call reuses (copy it before calling again).
 * Needs an ASCII prefix, as CC1: and HC1: are.
 */
export function finishSealBytes(prepared: PreparedSeal, signature: Uint8Array): Uint8Array {
  return base45Codes(compress(prepared, checkedEs256Signature(signature)).compressed, prepared.prefix);
}

/**
 * Signs ready-made claim bytes, whatever they are and however large (the vector generator, the
 * fuzzer and the hostile-input tests build odd payloads with it).
 */
export async function sealPayloadBytes(
  payload: Uint8Array,
  key: SigningKey,
  opts: { prefix?: string; protectedBytes?: Uint8Array; unprotected?: Uint8Array } = {},
): Promise<{ text: string; compressed: Uint8Array; cose: Uint8Array }> {
  const prepared = prepareSeal(payload, key.kid, { ...opts, checkSize: false });
  const { compressed, cose } = compress(prepared, await signWith(key, prepared.toBeSigned));
  return { text: encodeBase45(compressed, prepared.prefix), compressed: compressed.slice(), cose: cose.slice() };
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

/** Deterministic CBOR of claims for sealing; SealError when CBOR cannot hold them. */
export function claimsBytes(claims: unknown): Uint8Array {
  try {
    return encodeDeterministicCbor(claims);
  } catch (e) {
    throw new SealError('seal-claims-unencodable', `claims cannot be encoded as CBOR: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Issues a credential: claims → deterministic CBOR → COSE_Sign1 (ES256) → zlib → Base45 → prefix.
 * Refuses (throws SealError) claims that openCredential would refuse under the default limits,
 * so an issuer never prints a QR code no verifier can read.
 */
export async function sealCredential(claims: unknown, key: SigningKey, opts: { prefix?: string } = {}): Promise<string> {
  if (key.alg !== 'ES256') throw new SealError('seal-alg', `only ES256 signing keys are supported, got ${String(key.alg)}`);
  const payload = claimsBytes(claims);
  const scanned = scanStrictCbor(payload, DEFAULT_LIMITS, 'cbor');
  if (!scanned.ok) throw new SealError('seal-claims-invalid', `claims would not open: ${scanned.error.code} (${scanned.error.detail ?? ''})`);
  const prepared = prepareSeal(payload, key.kid, opts);
  return finishSeal(prepared, await signWith(key, prepared.toBeSigned));
}
