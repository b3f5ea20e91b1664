// The compact CBOR form of the claims (small integer keys, what gets signed and printed): the
// envelope and body key tables, decoding (CBOR value → readable object → schema) and encoding
// (readable → CBOR → sealed payload). The key tables below are the normative source FORMAT.md
// repeats, so keep the two in step.
//
// Compactness matters: the parcel credential must fit a QR code of version 12 at error-correction
// level M, in its bare `CC1:` form (≤ 419 alphanumeric characters → ≤ 276 bytes of zlib data) and
// in its URL form (≤ 257 bytes with a short https origin). The container's fixed part (signature,
// kid, framing, zlib) is 96 bytes of that, so a parcel's claims get about 160. Hence integer keys,
// positional goods lines, packed identifiers, times relative to each other, and nothing the
// verifier can derive; see FORMAT.md §4.1 and §11.
//
// The schemas are zod/mini, which has no locale: the parses here pass issueMessage, which words the
// issues whose check has no message of its own.
import { issueMessage } from '../../validation/issue-message.ts';
import { claimsBytes, finishSeal, prepareSeal, SealError, type PreparedSeal, type SealArena } from '../codec/container.ts';
import { signWith, type SigningKey } from '../codec/keys.ts';
import { bytesOfHex, hexOf } from '../codec/hex.ts';
import { claimsError, zodError, type ClaimsError, type ClaimsErrorCode } from './errors.ts';
import { err, ok, type Result } from '../../result.ts';
import { fastParse } from './fast-parse.ts';
import { encodeParcelClaims } from './parcel-encode.ts';
import { packOrThrow, unpackText } from './packed-text.ts';
import { compactParcel, ISSUER_REF, resolveParcel, type PartyCodes, type WireHop } from './parcel.ts';
import {
  ALGS,
  CLAIMS_VERSION,
  CREDENTIAL_TYPES,
  CUSTODY_STEPS,
  FILING_STATES,
  MAX_REGISTRY_CODE,
  REGISTRY_REF,
  ROLES,
  SCHEMAS,
  TYPE_CODES,
  type Claims,
  type ClaimsOf,
  type CredentialType,
} from './schemas.ts';
import { epochSecondsFromIso, isoFromEpochSeconds, MAX_EPOCH_DAYS, MAX_EPOCH_SECONDS, MAX_OFFSET_MINUTES } from './time.ts';

// ---------------------------------------------------------------------------------------------
// CBOR key tables (normative: FORMAT.md §4 repeats them)

type Codec =
  | 'text'
  | 'uint'
  | 'time'
  | 'date'
  | 'days' // a date as whole days since 1970-01-01 (3 bytes instead of 5 for YYYYMMDD)
  | 'gtin'
  | 'hex'
  | 'json'
  | 'minutes' // signed integer; parcel times relative to another time (see compactParcel)
  | 'digits4' // a 4-digit code with leading zeros, as an integer
  | 'mode' // customs mode: 1 = 1210, 2 = 9610 (one byte instead of three)
  | 'packed' // upper-case identifier, 3 characters in 2 bytes (packText)
  | 'party' // party id: packed, or 0 for "the issuer" (ISSUER_REF)
  | 'hops' // parcel custody: one flat array (decodeHops)
  | { readonly enum: readonly string[] } // CBOR value = index + 1
  | { readonly map: Readonly<Record<string, readonly [number, Codec]>> }
  | { readonly tuple: readonly (readonly [string, Codec])[] } // absent fields: null, trailing ones left out
  | { readonly array: Codec };

/** Envelope keys: CWT iss/exp/iat plus private-use negative keys. */
export const ENVELOPE_KEYS = { issuer: 1, expiresAt: 4, issuedAt: 6, type: -1, version: -2, body: -3, id: -4 } as const;

const bilingual: Codec = { map: { en: [1, 'text'], 'zh-CN': [2, 'text'] } };

export type BodyCodec = { readonly map: Readonly<Record<string, readonly [number, Codec]>> } | { readonly tuple: readonly (readonly [string, Codec])[] };

/** The body (envelope key -3) of each type: a map of small integer keys, or for parcels a tuple. */
export const BODY_CODECS: Record<CredentialType, BodyCodec> = {
  parcel: {
    // Positional, not a map: keys would cost one byte per field (FORMAT.md §4.1). Required fields
    // first, then the optional ones; an absent field before a present one is null.
    tuple: [
      // One tuple per line, not a map: the keys would be 5 of its ~40 bytes.
      ['goods', { array: { tuple: [['gtin', 'gtin'], ['quantity', 'uint'], ['expiry', 'days'], ['batch', 'text'], ['name', 'text']] } }],
      ['waybill', 'packed'],
      ['carrier', 'packed'],
      ['declaration', 'packed'],
      ['mode', 'mode'],
      // Minutes relative to issuedAt (whole minute): 1–3 bytes instead of 5.
      ['releasedAt', 'minutes'],
      ['declaredValueFen', 'uint'],
      ['importer', 'party'],
      ['seller', 'party'],
      ['buyerCommitment', 'hex'],
      ['warehouse', 'party'],
      // Flat [head, minutes, actor?]… with minutes relative to releasedAt.
      ['custody', 'hops'],
      // Left out when it is the declaration's first four characters (关区 code of the 清单 number).
      ['port', 'digits4'],
    ],
  },
  receipt: {
    map: {
      orderId: [1, 'text'],
      seller: [2, 'text'],
      orderedAt: [3, 'time'],
      items: [4, { array: { map: { gtin: [1, 'gtin'], name: [2, 'text'], quantity: [3, 'uint'], unitPriceFen: [4, 'uint'] } } }],
      dutiableValueFen: [5, 'uint'],
      taxFen: [6, 'uint'],
      vatFen: [7, 'uint'],
      consumptionTaxFen: [8, 'uint'],
      freightFen: [9, 'uint'],
      paidFen: [10, 'uint'],
      mode: [11, 'mode'],
      ordererIdLast4: [12, 'text'],
      orderSecret: [13, 'hex'],
    },
  },
  listing: {
    map: {
      product: [1, { map: { gtin: [1, 'gtin'], name: [2, 'text'] } }],
      seller: [2, 'text'],
      brandAuthorization: [3, 'text'],
      customsFiling: [4, 'text'],
      origins: [5, { array: 'text' }],
      placements: [6, { array: { map: { site: [1, 'text'], item: [2, 'text'], shop: [3, 'text'] } } }],
    },
  },
  'brand-authorization': {
    map: {
      seller: [1, 'text'],
      gtins: [2, { array: 'gtin' }],
    },
  },
  'trust-bundle': {
    map: {
      serial: [1, 'uint'],
      maxAgeSeconds: [2, 'uint'],
      issuers: [
        3,
        {
          array: {
            map: {
              id: [1, 'text'],
              code: [7, 'uint'],
              roles: [2, { array: { enum: ROLES } }],
              name: [3, bilingual],
              keys: [
                4,
                {
                  array: {
                    map: {
                      kid: [1, 'hex'],
                      alg: [2, { enum: ALGS }],
                      publicKeyJwk: [3, 'json'],
                      notBefore: [4, 'time'],
                      notAfter: [5, 'time'],
                      revokedSince: [6, 'time'],
                    },
                  },
                },
              ],
              gtinPrefixes: [5, { array: 'text' }],
              filing: [6, { map: { status: [1, { enum: FILING_STATES }], reference: [2, 'text'] } }],
              speaksFor: [8, { array: 'text' }],
              origins: [9, { array: 'text' }],
            },
          },
        },
      ],
      revoked: [4, { array: { tuple: [['issuer', 'text'], ['id', 'text']] } }],
      brandAuthorizations: [5, { array: 'text' }],
      policy: [6, 'json'],
      exchangeRates: [7, 'json'],
      personalUse: [
        8,
        {
          map: {
            maxUnitsPerLine: [1, 'uint'],
            overrides: [2, { array: { tuple: [['gtinPrefix', 'text'], ['maxUnits', 'uint']] } }],
            source: [3, 'text'],
          },
        },
      ],
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Decoding: CBOR value → readable object (then zod)

/** Thrown inside the decoder, returned as a claims error at its edge (decodeClaims). */
class DecodeFailure extends Error {
  constructor(readonly error: ClaimsError) {
    super(error.detail);
  }
}

function fail(code: ClaimsErrorCode, path: string, detail: string): never {
  throw new DecodeFailure(claimsError(code, path, detail));
}

/** cbor2 gives a Map when any key is not a text string, a plain object otherwise. */
function entriesOf(value: unknown, path: string): [unknown, unknown][] {
  if (value instanceof Map) return [...value.entries()];
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return Object.entries(value);
  }
  return fail('claims.wrong-kind', path, `${path || '(root)'}: expected a map`);
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function wrongKind(path: string, want: string): never {
  return fail('claims.wrong-kind', path, `${path}: expected ${want}`);
}

function decodeValue(value: unknown, codec: Codec, path: string, depth: number): unknown {
  if (depth > 16) fail('claims.wrong-kind', path, `${path}: nested too deeply`);
  if (typeof codec === 'string') {
    switch (codec) {
      case 'text':
        return typeof value === 'string' ? value : wrongKind(path, 'a text string');
      case 'uint':
        return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : wrongKind(path, 'an unsigned integer');
      case 'time':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_EPOCH_SECONDS) {
          return wrongKind(path, 'epoch seconds');
        }
        return isoFromEpochSeconds(value);
      case 'date': {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1000_01_01 || value > 9999_12_31) {
          return wrongKind(path, 'a date as YYYYMMDD');
        }
        const s = String(value);
        return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`; // validity checked by zod
      }
      case 'days':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_EPOCH_DAYS) return wrongKind(path, 'days since 1970-01-01');
        return isoFromEpochSeconds(value * 86_400).slice(0, 10);
      case 'gtin':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 99_999_999_999_999) {
          return wrongKind(path, 'a GTIN as an integer');
        }
        return String(value).padStart(14, '0');
      case 'packed': {
        const text = value instanceof Uint8Array ? unpackText(value) : undefined;
        return text ?? wrongKind(path, 'a packed identifier (byte string)');
      }
      case 'party': {
        if (value === ISSUER_REF) return ISSUER_REF;
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_REGISTRY_CODE) return `#${value}`;
        const text = value instanceof Uint8Array ? unpackText(value) : undefined;
        return text?.toLowerCase() ?? wrongKind(path, `a packed party id, a registry code, or ${ISSUER_REF} (the issuer)`);
      }
      case 'hops':
        return decodeHops(value, path);
      case 'hex':
        if (!(value instanceof Uint8Array)) return wrongKind(path, 'a byte string');
        return hexOf(value);
      case 'json':
        return jsonFromCbor(value, path, depth);
      case 'minutes':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_OFFSET_MINUTES) {
          return wrongKind(path, 'relative minutes');
        }
        return value;
      case 'mode':
        return value === 1 ? 1210 : value === 2 ? 9610 : wrongKind(path, 'a customs mode code 1 or 2');
      case 'digits4':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 9999) return wrongKind(path, 'a 4-digit code');
        return String(value).padStart(4, '0');
    }
  }
  if ('enum' in codec) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > codec.enum.length) {
      return wrongKind(path, `a code 1–${codec.enum.length}`);
    }
    return codec.enum[value - 1];
  }
  if ('array' in codec) {
    if (!Array.isArray(value)) return wrongKind(path, 'an array');
    return value.map((v, i) => decodeValue(v, codec.array, join(path, String(i)), depth + 1));
  }
  if ('tuple' in codec) {
    if (!Array.isArray(value)) return wrongKind(path, 'an array');
    if (value.length > codec.tuple.length) {
      fail('claims.unknown-critical-field', path, `${path}: ${value.length} elements, at most ${codec.tuple.length} known`);
    }
    const out: Record<string, unknown> = {};
    codec.tuple.forEach(([name, sub], i) => {
      // null marks an absent field before a present one; a required field left null fails the schema.
      if (i < value.length && value[i] !== null) out[name] = decodeValue(value[i], sub, join(path, name), depth + 1);
    });
    return out;
  }
  return decodeMap(value, codec.map, path, depth);
}

/** Each key table by its integer keys, built once per table. */
const fieldsByKey = new WeakMap<object, Map<number, [string, Codec]>>();

function decodeMap(value: unknown, fields: Readonly<Record<string, readonly [number, Codec]>>, path: string, depth: number): Record<string, unknown> {
  let byKey = fieldsByKey.get(fields);
  if (!byKey) {
    byKey = new Map<number, [string, Codec]>();
    for (const [name, [key, codec]] of Object.entries(fields)) byKey.set(key, [name, codec]);
    fieldsByKey.set(fields, byKey);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of entriesOf(value, path)) {
    // Text-string keys are non-critical extensions: ignored (FORMAT.md §"Unknown fields").
    if (typeof key === 'string') continue;
    if (typeof key !== 'number' || !Number.isInteger(key)) fail('claims.bad-key', path, `${path || '(root)'}: key is not an integer or text`);
    const field = byKey.get(key);
    if (!field) fail('claims.unknown-critical-field', path, `${path || '(root)'}: unknown critical key ${key}`);
    out[field[0]] = decodeValue(v, field[1], join(path, field[0]), depth + 1);
  }
  return out;
}

function jsonFromCbor(value: unknown, path: string, depth: number): unknown {
  if (depth > 24) fail('claims.wrong-kind', path, `${path}: nested too deeply`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : fail('claims.wrong-kind', path, `${path}: not a finite number`);
  if (Array.isArray(value)) return value.map((v, i) => jsonFromCbor(v, join(path, String(i)), depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of entriesOf(value, path)) {
    if (typeof k !== 'string') fail('claims.bad-key', path, `${path}: JSON object keys must be text`);
    if (k === '__proto__') fail('claims.bad-key', path, `${path}: reserved key`);
    out[k] = jsonFromCbor(v, join(path, k), depth + 1);
  }
  return out;
}

/**
 * A value of unknown shape named in an error detail: primitives as themselves, anything else only
 * by its kind. String() of a hostile value can throw (an object without a prototype) or recurse
 * without bound (a deeply nested array).
 */
function describeValue(value: unknown): string {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value).slice(0, 64);
  return Array.isArray(value) ? 'an array' : value instanceof Uint8Array ? 'a byte string' : 'a map';
}

/** Reads the envelope's type and version without validating the rest. */
export function peekType(value: unknown): Result<CredentialType, ClaimsError> {
  let entries: [unknown, unknown][];
  try {
    entries = entriesOf(value, '');
  } catch {
    return err(claimsError('claims.not-a-map', '', 'claims are not a CBOR map'));
  }
  const typeCode = entries.find(([k]) => k === ENVELOPE_KEYS.type)?.[1];
  const type = CREDENTIAL_TYPES.find((t) => TYPE_CODES[t] === typeCode);
  if (!type) return err(claimsError('claims.unknown-type', 'type', `type code ${describeValue(typeCode)}`));
  const version = entries.find(([k]) => k === ENVELOPE_KEYS.version)?.[1];
  if (version !== CLAIMS_VERSION) {
    return err(claimsError('claims.unsupported-version', 'version', `version ${describeValue(version)}`));
  }
  return ok(type);
}

export interface DecodeClaimsOptions {
  /**
   * The party id behind a registry code, from the verifier's trust bundle (partyCodeIndex in
   * shared/trust). Without it, or for a code it does not know, the party reads "#code".
   */
  partyOfCode?: (code: number) => string | undefined;
}

/**
 * Decoded CBOR claims (as the container's openCredential returns them) → validated readable claims.
 * Rejects unknown integer keys anywhere (critical by rule), ignores text keys (extensions).
 */
export function decodeClaims(value: unknown, opts: DecodeClaimsOptions = {}): Result<Claims, ClaimsError> {
  const peeked = peekType(value);
  if (!peeked.ok) return peeked;
  const type = peeked.value;
  const resolve = (ref: unknown): unknown => {
    const code = typeof ref === 'string' ? REGISTRY_REF.exec(ref) : null;
    return (code && opts.partyOfCode?.(Number(code[1]))) ?? ref;
  };
  const readable: Record<string, unknown> = { type };
  try {
    let body: unknown;
    for (const [key, v] of entriesOf(value, '')) {
      if (typeof key === 'string') continue;
      switch (key) {
        case ENVELOPE_KEYS.issuer:
          readable.issuer = decodeValue(v, 'text', 'issuer', 0);
          break;
        case ENVELOPE_KEYS.id:
          readable.id = decodeValue(v, 'text', 'id', 0);
          break;
        case ENVELOPE_KEYS.issuedAt:
          readable.issuedAt = decodeValue(v, 'time', 'issuedAt', 0);
          break;
        case ENVELOPE_KEYS.expiresAt:
          readable.expiresAt = decodeValue(v, 'time', 'expiresAt', 0);
          break;
        case ENVELOPE_KEYS.type:
          break;
        case ENVELOPE_KEYS.version:
          readable.version = v;
          break;
        case ENVELOPE_KEYS.body:
          body = v;
          break;
        default:
          if (typeof key !== 'number' || !Number.isInteger(key)) fail('claims.bad-key', '', 'envelope key is not an integer or text');
          fail('claims.unknown-critical-field', '', `unknown critical envelope key ${key}`);
      }
    }
    if (body === undefined) fail('claims.schema', 'body', `body (key ${ENVELOPE_KEYS.body}) is missing`);
    for (const [name, v] of Object.entries(decodeValue(body, BODY_CODECS[type], '', 1) as Record<string, unknown>)) {
      readable[name] = v;
    }
    readable.issuer = resolve(readable.issuer);
    if (type === 'parcel') resolveParcel(readable, resolve);
  } catch (e) {
    if (e instanceof DecodeFailure) return err(e.error);
    throw e;
  }
  // Parcels and receipts in normal form take the fast path (same result); the rest, and every error, zod.
  const fast = fastParse(type, readable);
  if (fast) return ok(fast);
  const parsed = SCHEMAS[type].safeParse(readable, { error: issueMessage });
  if (!parsed.success) return err(zodError(parsed.error));
  return ok(parsed.data);
}

// ---------------------------------------------------------------------------------------------
// Encoding: readable input → validated claims → CBOR value (a Map, ready for the container)

function encodeValue(value: unknown, codec: Codec): unknown {
  if (typeof codec === 'string') {
    switch (codec) {
      case 'text':
      case 'uint':
      case 'json':
      case 'minutes': // already converted by compactParcel()
        return value;
      case 'days':
        return Math.floor(epochSecondsFromIso(`${value as string}T00:00:00Z`) / 86_400);
      case 'packed':
        return packOrThrow(value as string);
      case 'party': {
        if (value === ISSUER_REF) return ISSUER_REF;
        const code = REGISTRY_REF.exec(value as string);
        return code ? Number(code[1]) : packOrThrow((value as string).toUpperCase());
      }
      case 'hops':
        return encodeHops(value as WireHop[]);
      case 'digits4':
        return Number(value as string);
      case 'mode':
        return value === 1210 ? 1 : 2;
      case 'time':
        return epochSecondsFromIso(value as string);
      case 'date':
        return Number((value as string).replaceAll('-', ''));
      case 'gtin':
        return Number(value as string);
      case 'hex':
        return bytesOfHex(value as string);
    }
  }
  if ('enum' in codec) return codec.enum.indexOf(value as string) + 1;
  if ('array' in codec) return (value as unknown[]).map((v) => encodeValue(v, codec.array));
  if ('tuple' in codec) {
    const record = value as Record<string, unknown>;
    const out = codec.tuple.map(([name, sub]) => (record[name] === undefined ? undefined : encodeValue(record[name], sub)));
    while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
    return out.map((v) => (v === undefined ? null : v));
  }
  return encodeMap(value as Record<string, unknown>, codec.map);
}

function encodeMap(record: Record<string, unknown>, fields: Readonly<Record<string, readonly [number, Codec]>>): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (const [name, [key, codec]] of Object.entries(fields)) {
    if (record[name] !== undefined) out.set(key, encodeValue(record[name], codec));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parcel custody on the wire: one flat array of [head, minutes, actor?]… (compaction: parcel.ts)

/** A custody head: the step's index (1–5), plus 8 when an actor follows the minutes. */
export const HOP_ACTOR_FLAG = 8;

function decodeHops(value: unknown, path: string): WireHop[] {
  const bad = (detail: string): never => fail('claims.wrong-kind', path, `${path}: ${detail}`);
  if (!Array.isArray(value)) return bad('expected an array');
  const hops: WireHop[] = [];
  for (let i = 0; i < value.length; ) {
    const hopPath = join(path, String(hops.length));
    const head: unknown = value[i++];
    if (typeof head !== 'number' || !Number.isInteger(head)) return bad(`element ${i - 1}: expected a custody head`);
    const stepCode = head & ~HOP_ACTOR_FLAG;
    if (head < 0 || head > 15 || stepCode < 1 || stepCode > CUSTODY_STEPS.length) return bad(`element ${i - 1}: custody head ${head} is not a known step`);
    if (i >= value.length) return bad(`hop ${hops.length}: minutes missing`);
    const hop: WireHop = { step: CUSTODY_STEPS[stepCode - 1]!, at: decodeValue(value[i++], 'minutes', join(hopPath, 'at'), 2) as number };
    if (head & HOP_ACTOR_FLAG) {
      if (i >= value.length) return bad(`hop ${hops.length}: actor missing`);
      hop.actor = decodeValue(value[i++], 'party', join(hopPath, 'actor'), 2) as string | typeof ISSUER_REF;
    }
    hops.push(hop);
  }
  return hops;
}

function encodeHops(hops: readonly WireHop[]): unknown[] {
  const out: unknown[] = [];
  for (const hop of hops) {
    const step = CUSTODY_STEPS.indexOf(hop.step) + 1;
    if (hop.actor === undefined) out.push(step, hop.at);
    else out.push(step + HOP_ACTOR_FLAG, hop.at, encodeValue(hop.actor, 'party'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Issuing: readable input → validated claims → CBOR → sealed payload

/** Validates readable claims (author input) and returns the normalised readable form. */
export function parseClaims<T extends CredentialType>(type: T, input: unknown): Result<ClaimsOf<T>, ClaimsError> {
  const withType = input !== null && typeof input === 'object' && !Array.isArray(input) ? { type, ...input } : input;
  const fast = fastParse(type, withType);
  if (fast) return ok(fast as ClaimsOf<T>);
  const parsed = SCHEMAS[type].safeParse(withType, { error: issueMessage });
  if (!parsed.success) return err(zodError(parsed.error));
  if (parsed.data.type !== type) {
    return err(claimsError('claims.schema', 'type', `type is ${parsed.data.type}, expected ${type}`));
  }
  return ok(parsed.data as ClaimsOf<T>);
}

/**
 * Validated claims → the CBOR claims map (envelope + body) to seal. With `partyCodes` (the
 * issuer's bundle, partyCodesOf), a parcel names parties by registry code where they have one.
 */
export function encodeClaims(claims: Claims, opts: { partyCodes?: PartyCodes } = {}): Map<number, unknown> {
  const out = new Map<number, unknown>();
  const issuerCode = claims.type === 'parcel' ? opts.partyCodes?.get(claims.issuer) : undefined;
  out.set(ENVELOPE_KEYS.issuer, issuerCode === undefined ? claims.issuer : `#${issuerCode}`);
  if (claims.expiresAt !== undefined) out.set(ENVELOPE_KEYS.expiresAt, epochSecondsFromIso(claims.expiresAt));
  out.set(ENVELOPE_KEYS.issuedAt, epochSecondsFromIso(claims.issuedAt));
  out.set(ENVELOPE_KEYS.type, TYPE_CODES[claims.type]);
  out.set(ENVELOPE_KEYS.version, claims.version);
  // A parcel's id is its waybill unless stated otherwise (the commitment and revocations use it).
  if (claims.type !== 'parcel' || claims.id !== claims.waybill) out.set(ENVELOPE_KEYS.id, claims.id);
  const body = claims.type === 'parcel' ? compactParcel(claims, opts.partyCodes) : (claims as unknown as Record<string, unknown>);
  out.set(ENVELOPE_KEYS.body, encodeValue(body, BODY_CODECS[claims.type]));
  return out;
}

/**
 * The first half of sealClaims, for a caller with a signer of its own: validates readable claims
 * of `type` and encodes them, up to the bytes to sign. Sign `prepared.toBeSigned` with the key
 * whose `kid` this is, then finishSeal(prepared, signature) gives the payload text. Returns the
 * claims error for invalid claims; throws SealError for valid claims CBOR cannot hold. `arena`:
 * see SealArena.
 *
 * Unlike sealCredential, the CBOR is not scanned again by the strict decoder: claims that passed
 * their schema and went through encodeClaims are strict CBOR by construction (integers, text,
 * byte strings, arrays and integer-keyed maps, in preferred serialization, with no duplicate
 * keys), and every schema bounds its arrays, so depth and item count stay within the default
 * limits (at most ~1,000 items, a receipt of 100 lines; prepare-claims.test.ts scans the largest
 * claims of each type). The scan cost a batch line ~10 µs, a tenth of its signature. Trust
 * bundles are the exception that was always made: their policy and key members are opaque JSON,
 * so their only bound is the encoder's depth (claimsBytes), and as files rather than QR codes
 * they may exceed the scanning limits.
 */
export function prepareClaims<T extends CredentialType>(
  type: T,
  input: unknown,
  kid: Uint8Array,
  opts: { prefix?: string; partyCodes?: PartyCodes; arena?: SealArena } = {},
): Result<{ prepared: PreparedSeal; claims: ClaimsOf<T> }, ClaimsError> {
  const parsed = parseClaims(type, input);
  if (!parsed.ok) return parsed;
  const claims = parsed.value as Claims;
  // A parcel by the hand-written encoder (the same bytes, parcel-encode.ts), unless it is not sure.
  const payload =
    (claims.type === 'parcel' ? encodeParcelClaims(claims, opts.partyCodes) : undefined) ??
    claimsBytes(encodeClaims(claims, opts.partyCodes ? { partyCodes: opts.partyCodes } : {}));
  const prepared = prepareSeal(payload, kid, {
    ...(opts.prefix !== undefined && { prefix: opts.prefix }),
    checkSize: type !== 'trust-bundle',
    ...(opts.arena && { arena: opts.arena }),
  });
  return ok({ prepared, claims: parsed.value });
}

/**
 * Issues a credential: validates readable claims of `type`, encodes them and seals them with
 * `key` (ES256). Returns the payload text (CC1:…) or the claims error. Throws SealError for valid
 * claims no verifier could open (too large for a QR code, unencodable); other failures to sign
 * throw too (they are programming or key errors, not input errors).
 */
export async function sealClaims<T extends CredentialType>(
  type: T,
  input: unknown,
  key: SigningKey,
  opts: { prefix?: string; partyCodes?: PartyCodes } = {},
): Promise<Result<{ payload: string; claims: ClaimsOf<T> }, ClaimsError>> {
  if (key.alg !== 'ES256') throw new SealError('seal-alg', `only ES256 signing keys are supported, got ${String(key.alg)}`);
  const r = prepareClaims(type, input, key.kid, opts);
  if (!r.ok) return r;
  const { prepared, claims } = r.value;
  return ok({ payload: finishSeal(prepared, await signWith(key, prepared.toBeSigned)), claims });
}
