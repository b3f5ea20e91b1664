// Keys through WebCrypto only (globalThis.crypto.subtle: Node 20 and every browser), plus the
// small DER walk needed to take the public key out of an X.509 certificate (DCC trust lists ship
// certificates, our own bundles ship SPKI or JWK).
import type { Alg } from './cose.ts';
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';
import { hexOf } from './hex.ts';
import { bufferSource, type CryptoKeyPairT, type CryptoKeyT, type ImportAlgorithmT, type PublicJwk, type SignAlgorithmT } from './webcrypto-types.ts';

/**
 * Signs COSE Sig_structure bytes with ES256 and returns the raw r‖s (64 bytes). A key that
 * never leaves its hardware (PKCS#11, a cloud key service) is reached through one of these.
 */
export type Es256Signer = (toBeSigned: Uint8Array) => Promise<Uint8Array>;

/** An ES256 signing key: a WebCrypto private key, or an async signer (the key lives elsewhere). */
export type SigningKey = { kid: Uint8Array; alg: 'ES256' } & ({ privateKey: CryptoKeyT; sign?: never } | { sign: Es256Signer; privateKey?: never });

/** A verification key as the trust bundle gives it: the algorithm is pinned here, never read from a message. */
export interface VerifyKey {
  alg: Alg;
  publicKey: CryptoKeyT;
}

const subtle = () => globalThis.crypto.subtle;

export const ES256_PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A fresh ES256 key pair (extractable, so the CLI can write it to a file). */
export async function generateSigningKey(): Promise<CryptoKeyPairT> {
  return (await subtle().generateKey(ES256_PARAMS, true, ['sign', 'verify'])) as CryptoKeyPairT;
}

/**
 * Our key identifier: the first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo. Eight bytes as
 * in the EU DCC (hcert spec §3.3.1), which takes them over the whole certificate; we have no
 * certificates, so the SPKI is the stable thing to hash. A kid only selects candidate keys; the
 * signature decides.
 */
export async function kidFor(publicKey: CryptoKeyT): Promise<Uint8Array> {
  const spki = new Uint8Array(await subtle().exportKey('spki', publicKey));
  return kidForSpki(spki);
}

export async function kidForSpki(spki: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bufferSource(spki))).slice(0, 8);
}

/** The DCC kid: the first 8 bytes of SHA-256 over the DER signer certificate (hcert spec §3.3.1). */
export async function dccKidForCertificate(certificateDer: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bufferSource(certificateDer))).slice(0, 8);
}

// ---------------------------------------------------------------------------------------------
// DER walk (ITU-T X.690), just enough for Certificate → TBSCertificate → SubjectPublicKeyInfo.

interface DerNode {
  tag: number;
  start: number; // offset of the tag byte
  contentStart: number;
  end: number; // offset after the contents
}

function readDer(data: Uint8Array, offset: number, limit: number): DerNode | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = data[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers never occur in these structures
  let len = data[offset + 1]!;
  let p = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || p + n > limit) return undefined; // no indefinite lengths in DER; ≤ 16 MB
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + data[p++]!;
  }
  if (p + len > limit) return undefined;
  return { tag, start: offset, contentStart: p, end: p + len };
}

function children(data: Uint8Array, node: DerNode): DerNode[] | undefined {
  const out: DerNode[] = [];
  for (let p = node.contentStart; p < node.end; ) {
    const child = readDer(data, p, node.end);
    if (!child) return undefined;
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Extracts the DER SubjectPublicKeyInfo from a DER X.509 certificate (RFC 5280 §4.1). */
const badCertificate = (why: string) => fail('signature', 'signature-key-unusable', `certificate: ${why}`);

export function spkiFromCertificate(der: Uint8Array): Result<Uint8Array, ContainerError> {
  const bad = badCertificate;
  const cert = readDer(der, 0, der.length);
  if (!cert || cert.tag !== 0x30 || cert.end !== der.length) return bad('not a DER SEQUENCE');
  const certParts = children(der, cert);
  const tbs = certParts?.[0];
  if (!tbs || tbs.tag !== 0x30) return bad('no TBSCertificate');
  const fields = children(der, tbs);
  if (!fields) return bad('malformed TBSCertificate');
  // [0] version (optional), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const spki = fields[first + 5];
  if (!spki || spki.tag !== 0x30) return bad('no SubjectPublicKeyInfo');
  return ok(der.slice(spki.start, spki.end));
}

const OID_EC_PUBLIC_KEY = '2a8648ce3d0201'; // 1.2.840.10045.2.1
const OID_P256 = '2a8648ce3d030107'; // 1.2.840.10045.3.1.7
const OID_RSA = '2a864886f70d010101'; // 1.2.840.113549.1.1.1
const OID_RSA_PSS = '2a864886f70d01010a'; // 1.2.840.113549.1.1.10
const OID_ED25519 = '2b6570'; // 1.3.101.112

/** Which of our algorithms an SPKI's key type is used with (RSA keys: PS256, as in the DCC). */
export function algForSpki(spki: Uint8Array): Alg | undefined {
  const root = readDer(spki, 0, spki.length);
  if (!root || root.tag !== 0x30) return undefined;
  const algId = children(spki, root)?.[0];
  if (!algId || algId.tag !== 0x30) return undefined;
  const [oid, param] = children(spki, algId) ?? [];
  if (!oid || oid.tag !== 0x06) return undefined;
  const oidHex = hexOf(spki.subarray(oid.contentStart, oid.end));
  if (oidHex === OID_EC_PUBLIC_KEY) {
    return param && param.tag === 0x06 && hexOf(spki.subarray(param.contentStart, param.end)) === OID_P256 ? 'ES256' : undefined;
  }
  if (oidHex === OID_RSA || oidHex === OID_RSA_PSS) return 'PS256';
  if (oidHex === OID_ED25519) return 'EdDSA';
  return undefined;
}

export function importParamsFor(alg: Alg): ImportAlgorithmT {
  switch (alg) {
    case 'ES256':
      return ES256_PARAMS;
    case 'PS256':
      return { name: 'RSA-PSS', hash: 'SHA-256' };
    case 'EdDSA':
      return { name: 'Ed25519' };
  }
}

/** Imports a DER SPKI as a verify key; the algorithm is `alg` if given, else implied by the key type. */
export async function importVerifyKeySpki(spki: Uint8Array, alg?: Alg): Promise<Result<VerifyKey, ContainerError>> {
  const implied = algForSpki(spki);
  const chosen = alg ?? implied;
  if (!chosen) return fail('signature', 'signature-key-unusable', 'unsupported public key type');
  if (implied && implied !== chosen) return fail('signature', 'signature-key-unusable', `a ${implied} key cannot verify ${chosen}`);
  try {
    const publicKey = await subtle().importKey('spki', bufferSource(spki), importParamsFor(chosen), true, ['verify']);
    return ok({ alg: chosen, publicKey });
  } catch (e) {
    return fail('signature', 'signature-key-unusable', e instanceof Error ? e.message : String(e));
  }
}

export async function importVerifyKeyCertificate(der: Uint8Array, alg?: Alg): Promise<Result<VerifyKey, ContainerError>> {
  const spki = spkiFromCertificate(der);
  if (!spki.ok) return spki;
  return importVerifyKeySpki(spki.value, alg);
}

/** Imports a public JWK; `alg` defaults from the JWK (kty/crv) the same way as for SPKI. */
export async function importVerifyKeyJwk(jwk: PublicJwk, alg?: Alg): Promise<Result<VerifyKey, ContainerError>> {
  // Keys come from files and trust bundles: a JWK that is not even an object is refused, not read.
  if (jwk === null || typeof jwk !== 'object') return fail('signature', 'signature-key-unusable', 'the JWK is not an object');
  const implied: Alg | undefined =
    jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk.kty === 'RSA' ? 'PS256' : jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : undefined;
  const chosen = alg ?? implied;
  if (!chosen || (implied && implied !== chosen)) return fail('signature', 'signature-key-unusable', 'unsupported or mismatched JWK');
  try {
    // Only public members: a private JWK handed in by mistake is not imported as such.
    const { kty, crv, x, y, n, e } = jwk;
    const pub = { kty, ...(crv && { crv }), ...(x && { x }), ...(y && { y }), ...(n && { n }), ...(e && { e }) };
    const publicKey = await subtle().importKey('jwk', pub, importParamsFor(chosen), true, ['verify']);
    return ok({ alg: chosen, publicKey });
  } catch (e) {
    return fail('signature', 'signature-key-unusable', e instanceof Error ? e.message : String(e));
  }
}

// ---------------------------------------------------------------------------------------------
// Signing and verifying raw Sig_structure bytes.

/** Does the CryptoKey's own algorithm fit the pinned COSE algorithm? */
export function keyFitsAlg(key: CryptoKeyT, alg: Alg): boolean {
  const a = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  switch (alg) {
    case 'ES256':
      return a.name === 'ECDSA' && a.namedCurve === 'P-256';
    case 'PS256':
      return a.name === 'RSA-PSS' && a.hash?.name === 'SHA-256';
    case 'EdDSA':
      return a.name === 'Ed25519';
  }
}

export function signParamsFor(alg: Alg): SignAlgorithmT {
  switch (alg) {
    case 'ES256':
      // WebCrypto ECDSA signatures are r‖s (IEEE P1363), exactly COSE's format (RFC 9053 §2.1).
      return { name: 'ECDSA', hash: 'SHA-256' };
    case 'PS256':
      // RFC 8230 §2: PS256 = RSASSA-PSS, SHA-256, MGF1 with SHA-256, salt length 32.
      return { name: 'RSA-PSS', saltLength: 32 };
    case 'EdDSA':
      return { name: 'Ed25519' };
  }
}

export async function signEs256(privateKey: CryptoKeyT, data: Uint8Array): Promise<Uint8Array> {
  return lowS(new Uint8Array(await subtle().sign(signParamsFor('ES256'), privateKey, bufferSource(data))));
}

/** Signs with either kind of SigningKey; the result is always 64 bytes r‖s with s in the low half. */
export async function signWith(key: SigningKey, data: Uint8Array): Promise<Uint8Array> {
  if (!key.sign) return signEs256(key.privateKey, data);
  return checkedEs256Signature(await key.sign(data));
}

/** What an outside ES256 signer (an HSM, node:crypto) returned, checked (r‖s, 64 bytes) and made low-s. */
export function checkedEs256Signature(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64) throw new Error(`the ES256 signer returned ${signature.length} bytes, not 64 (r‖s)`);
  return lowS(signature);
}

/** The order n of the P-256 group (SEC 2 §2.4.2). */
export const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const P256_HALF_N = P256_N >> 1n;

/** 32 big-endian bytes of a 256-bit number (module set-up only). */
const bytes32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));
/** n and n/2 as bytes, so s is compared and flipped without BigInt on the signing and verifying paths. */
const P256_N_BYTES = bytes32(P256_N);
const P256_HALF_N_BYTES = bytes32(P256_HALF_N);

/**
 * (r, s) and (r, n − s) are both valid ECDSA signatures of one message. Signers here always give
 * the one with s ≤ n/2 (the "low-s" form, as Bitcoin's BIP 62 and many HSMs do), so a verifier
 * may refuse the other and one message has one signature per nonce. WebCrypto and PKCS#11 give
 * either form; this makes both the same. Byte arithmetic (compare, then subtract with borrow):
 * through BigInt this took ~4 µs a signature, a tenth of a batch line's budget beside the signature.
 */
export function lowS(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64 || isLowS(signature)) return signature;
  const out = new Uint8Array(signature); // a copy, also of a Buffer (whose slice() is a view)
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    const d = P256_N_BYTES[i]! - signature[32 + i]! - borrow;
    out[32 + i] = d & 0xff;
    borrow = d < 0 ? 1 : 0;
  }
  return out;
}

/** Is s in the low half (s ≤ n/2)? For tests and for a verifier that enforces the low-s form. */
export function isLowS(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  for (let i = 0; i < 32; i++) {
    const a = signature[32 + i]!;
    const b = P256_HALF_N_BYTES[i]!;
    if (a !== b) return a < b;
  }
  return true; // s = n/2 exactly
}
