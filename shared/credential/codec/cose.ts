// COSE_Sign1 (RFC 9052 §4.2): 18([protected: bstr .cbor header_map, unprotected: header_map,
// payload: bstr, signature: bstr]). Two profiles:
//
//  - 'cc1' (our credentials): tag 18 required; the protected header holds alg (1) and kid (4); the
//    unprotected header is empty. Nothing outside the signature can change what a verifier
//    concludes, and one credential has one encoding.
//  - 'dcc' (opening EU DCC "HC1:" payloads for interoperability tests): also accepts the CWT tag
//    61 around tag 18 (dgc-testdata CO28) and an untagged array, and a kid in the unprotected header:
//    the protected kid wins over the unprotected one (hcert spec §3.3.1; dgc-testdata CO18–CO23),
//    because only the protected one is covered by the signature.
//
// In both, alg must be protected (RFC 9052 §3.1: "This header parameter MUST be authenticated
// where the ability to do so exists") — except, in 'dcc', when the protected header is empty
// (dgc-testdata CO20) — and `crit` is refused (we understand no extensions).
import { CborTag } from './cbor-tag.ts';
import { decodeStrictCbor } from './cbor-strict.ts';
import { fail, type ContainerError } from './errors.ts';
import { ok, type Result } from '../../result.ts';
import type { Limits } from './limits.ts';

export type Alg = 'ES256' | 'PS256' | 'EdDSA';
export type CoseProfile = 'cc1' | 'dcc';

/** IANA COSE Algorithms registry. */
export const COSE_ALG_IDS: Readonly<Record<Alg, number>> = Object.freeze({ ES256: -7, EdDSA: -8, PS256: -37 });
const ALG_BY_ID = new Map<number, Alg>(Object.entries(COSE_ALG_IDS).map(([name, id]) => [id, name as Alg]));

export const HEADER_ALG = 1;
export const HEADER_CRIT = 2;
export const HEADER_KID = 4;
export const TAG_COSE_SIGN1 = 18;
export const TAG_CWT = 61;

export interface CoseSign1Parts {
  /** The tags found around the array, outermost first (e.g. [18] or [61, 18]). */
  tags: number[];
  protectedBytes: Uint8Array;
  protectedHeader: Map<number, unknown>;
  unprotectedHeader: Map<number, unknown>;
  kid?: Uint8Array;
  kidSource?: 'protected' | 'unprotected';
  headerAlg?: Alg | number;
  payload: Uint8Array;
  signature: Uint8Array;
}

export function algFromId(id: number): Alg | number {
  return ALG_BY_ID.get(id) ?? id;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type HeaderCheck = Result<Map<number, unknown>, ContainerError>;

function checkHeaderMap(value: unknown, which: string): HeaderCheck {
  if (!(value instanceof Map)) return fail('cose', 'cose-header-invalid', `${which} header is not a map`);
  for (const [label, v] of value) {
    if (typeof label !== 'number' && typeof label !== 'string') {
      return fail('cose', 'cose-header-invalid', `${which} header label of type ${typeof label}`);
    }
    if (label === HEADER_ALG && typeof v !== 'number') return fail('cose', 'cose-header-invalid', `${which} alg is not an integer`);
    if (label === HEADER_KID && !(v instanceof Uint8Array)) return fail('cose', 'cose-header-invalid', `${which} kid is not a byte string`);
  }
  return ok(value as Map<number, unknown>);
}

/**
 * Parses and checks a COSE_Sign1 structure. `views`: the byte strings (protected header, payload,
 * signature, kid) are views of `cose`, for a caller that owns those bytes and never changes them;
 * otherwise copies.
 */
export function parseCoseSign1(cose: Uint8Array, limits: Limits, profile: CoseProfile, views = false): Result<CoseSign1Parts, ContainerError> {
  const decoded = decodeStrictCbor(cose, limits, 'cose', { preferMap: true, byteStringViews: views });
  if (!decoded.ok) return decoded;
  let value = decoded.value;
  const tags: number[] = [];
  while (value instanceof CborTag) {
    tags.push(Number(value.tag));
    value = value.contents;
  }
  const tagsOk =
    profile === 'cc1'
      ? tags.length === 1 && tags[0] === TAG_COSE_SIGN1
      : tags.length === 0 || (tags.length === 1 && tags[0] === TAG_COSE_SIGN1) || (tags.length === 2 && tags[0] === TAG_CWT && tags[1] === TAG_COSE_SIGN1);
  if (!tagsOk) {
    return fail('cose', 'cose-wrong-tag', tags.length === 0 ? 'untagged' : `tags ${tags.join(', ')} (expected 18)`);
  }
  if (!Array.isArray(value) || value.length !== 4) {
    return fail('cose', 'cose-structure', Array.isArray(value) ? `array of ${value.length}, expected 4` : 'not an array');
  }
  const [protectedBytes, unprotectedRaw, payload, signature] = value as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) return fail('cose', 'cose-structure', 'protected header is not a byte string');
  if (payload === null) return fail('cose', 'cose-payload-detached', 'payload is nil');
  if (!(payload instanceof Uint8Array)) return fail('cose', 'cose-structure', 'payload is not a byte string');
  if (!(signature instanceof Uint8Array)) return fail('cose', 'cose-structure', 'signature is not a byte string');

  let protectedValue: unknown = new Map();
  if (protectedBytes.length > 0) {
    const p = decodeStrictCbor(protectedBytes, limits, 'cose', { preferMap: true, byteStringViews: views });
    if (!p.ok) return p;
    protectedValue = p.value;
  }
  const prot = checkHeaderMap(protectedValue, 'protected');
  if (!prot.ok) return prot;
  const unprot = checkHeaderMap(unprotectedRaw, 'unprotected');
  if (!unprot.ok) return unprot;
  const protectedHeader = prot.value;
  const unprotectedHeader = unprot.value;

  if (protectedHeader.has(HEADER_CRIT) || unprotectedHeader.has(HEADER_CRIT)) {
    return fail('cose', 'cose-crit-unsupported', 'crit header present');
  }
  // An HC1 signer may protect nothing at all (a zero-length protected header, dgc-testdata CO20:
  // alg and kid both unprotected, verifies in the EU apps). Only then is the unprotected alg read:
  // the verifier takes the algorithm from the trusted key and merely refuses a message naming
  // another (container.ts verifyOpened), so an unauthenticated alg cannot choose how it is checked.
  // A protected header that exists but leaves alg outside (CO22) stays refused, as does any in CC1.
  const unprotectedAlgAllowed = profile === 'dcc' && protectedBytes.length === 0;
  if (unprotectedHeader.has(HEADER_ALG) && !unprotectedAlgAllowed) return fail('cose', 'cose-alg-unprotected', 'alg in the unprotected header');
  const algId = (protectedHeader.get(HEADER_ALG) ?? (unprotectedAlgAllowed ? unprotectedHeader.get(HEADER_ALG) : undefined)) as number | undefined;
  if (algId === undefined) return fail('cose', 'cose-alg-missing', 'no alg in the protected header');

  const protectedKid = protectedHeader.get(HEADER_KID) as Uint8Array | undefined;
  const unprotectedKid = unprotectedHeader.get(HEADER_KID) as Uint8Array | undefined;
  if (profile === 'cc1') {
    if (!protectedKid) {
      return unprotectedKid
        ? fail('cose', 'cose-kid-unprotected', 'kid only in the unprotected header')
        : fail('cose', 'cose-kid-missing', 'no kid in the protected header');
    }
    if (unprotectedKid && !sameBytes(unprotectedKid, protectedKid)) {
      return fail('cose', 'cose-kid-conflict', 'protected and unprotected kid differ');
    }
    if (unprotectedHeader.size > 0) return fail('cose', 'cose-unprotected-not-empty', `${unprotectedHeader.size} unprotected header parameters`);
  }
  const kid = protectedKid ?? unprotectedKid;
  const parts: CoseSign1Parts = {
    tags,
    protectedBytes,
    protectedHeader,
    unprotectedHeader,
    headerAlg: algFromId(algId),
    payload,
    signature,
  };
  if (kid) {
    parts.kid = kid;
    parts.kidSource = protectedKid ? 'protected' : 'unprotected';
  }
  return ok(parts);
}

/** Length of a CBOR head (major type + argument) in preferred serialization, for arguments below 2^32. */
function headLength(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
}

/** Writes a CBOR head at `o` (preferred serialization, argument below 2^32); returns the offset after it. */
function writeHead(out: Uint8Array, o: number, major: number, n: number): number {
  const m = major << 5;
  if (n < 24) {
    out[o] = m | n;
    return o + 1;
  }
  if (n < 0x100) {
    out[o] = m | 24;
    out[o + 1] = n;
    return o + 2;
  }
  if (n < 0x10000) {
    out[o] = m | 25;
    out[o + 1] = n >> 8;
    out[o + 2] = n & 0xff;
    return o + 3;
  }
  out[o] = m | 26;
  out[o + 1] = (n >>> 24) & 0xff;
  out[o + 2] = (n >> 16) & 0xff;
  out[o + 3] = (n >> 8) & 0xff;
  out[o + 4] = n & 0xff;
  return o + 5;
}

/** A byte string item (head and bytes) at `o`; returns the offset after it. */
function writeBstr(out: Uint8Array, o: number, bytes: Uint8Array): number {
  o = writeHead(out, o, 2, bytes.length);
  out.set(bytes, o);
  return o + bytes.length;
}

/** 0x84 (array of 4), then "Signature1" as a text string: the fixed start of every Sig_structure. */
const SIG_STRUCTURE_START = Uint8Array.of(0x84, 0x6a, ...Array.from('Signature1', (c) => c.charCodeAt(0)));

/** The size of the Sig_structure of `protectedBytes` and `payload` (sigStructure). */
export function sigStructureLength(protectedBytes: Uint8Array, payload: Uint8Array): number {
  return SIG_STRUCTURE_START.length + headLength(protectedBytes.length) + protectedBytes.length + 1 + headLength(payload.length) + payload.length;
}

/**
 * An upper bound of the Sig_structure's size for a COSE_Sign1 of `coseLength` bytes (its protected
 * header and payload lie within them; the fixed start, two heads of at most 5 bytes and h'').
 */
export function sigStructureBound(coseLength: number): number {
  return SIG_STRUCTURE_START.length + 5 + 1 + 5 + coseLength;
}

/** Writes the Sig_structure at the start of `out` (sigStructureLength bytes); returns its length. */
export function writeSigStructure(out: Uint8Array, protectedBytes: Uint8Array, payload: Uint8Array): number {
  out.set(SIG_STRUCTURE_START);
  let o = writeBstr(out, SIG_STRUCTURE_START.length, protectedBytes);
  out[o++] = 0x40; // external_aad: h''
  return writeBstr(out, o, payload);
}

/**
 * The bytes a COSE_Sign1 signature covers (RFC 9052 §4.4):
 * Sig_structure = ["Signature1", body_protected, external_aad = h'', payload].
 * `protectedBytes` are the bytes as received, never re-encoded. Written into one buffer of the
 * exact size (this runs once per credential, on the issuing and the verifying side).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(sigStructureLength(protectedBytes, payload));
  writeSigStructure(out, protectedBytes, payload);
  return out;
}

/** The size of 18([protected, unprotected, payload, signature]) as encodeCoseSign1Into writes it. */
export function coseSign1Length(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array, unprotected: Uint8Array): number {
  return (
    2 +
    headLength(protectedBytes.length) +
    protectedBytes.length +
    unprotected.length +
    headLength(payload.length) +
    payload.length +
    headLength(signature.length) +
    signature.length
  );
}

/** Writes 18([protected, unprotected, payload, signature]) at the start of `out` (coseSign1Length bytes); returns its length. */
export function encodeCoseSign1Into(out: Uint8Array, protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array, unprotected: Uint8Array): number {
  out[0] = 0xd2; // tag 18
  out[1] = 0x84; // array of 4
  let o = writeBstr(out, 2, protectedBytes);
  out.set(unprotected, o);
  o = writeBstr(out, o + unprotected.length, payload);
  return writeBstr(out, o, signature);
}

/** Serialises 18([protected, {}, payload, signature]) with preferred (minimal) heads. */
export function encodeCoseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array, unprotected: Uint8Array = Uint8Array.of(0xa0)): Uint8Array {
  const out = new Uint8Array(coseSign1Length(protectedBytes, payload, signature, unprotected));
  encodeCoseSign1Into(out, protectedBytes, payload, signature, unprotected);
  return out;
}
