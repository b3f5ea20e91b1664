// A hand-written fast path for the claims encoding of a parcel, the one credential issued in bulk
// (`crosscheck issue parcel --batch`, issue 14). The general encoding stays the definition:
//
//   encodeDeterministicCbor(encodeClaims(parcel, { partyCodes }))
//
// compacts the parcel into a record (compactParcel, parcel.ts), maps each field through the key
// table (encodeValue, wire.ts) into a Map of arrays, then sorts and writes it (cbor-strict.ts):
// ~30 µs of CPU per parcel, a third of the signature a batch line also pays for. This file writes
// the same bytes straight from the claims, field by field in FORMAT.md §4.1's order: ~2 µs.
//
//   - It returns those bytes or undefined, never others: undefined means "not sure" (a time not in
//     the canonical form, a number that is not a safe integer, text that cannot be packed…), and
//     the caller then runs the general encoding, which encodes or throws as it always did. Claims
//     from parseClaims are in the normal form this path takes.
//   - It is written for one version of the key tables. PARCEL_WIRE_FINGERPRINT pins a digest of
//     the tables it writes by hand (envelope keys, the parcel's body codec, the custody steps, the
//     type code); when they change the fast path switches itself off and parcel-encode.test.ts
//     fails until this file is brought in step. The rules that are code rather than tables
//     (compactParcel) are held by the same test, which compares both encodings on the samples,
//     the demo world's parcels and seeded random parcels.
import { CborWriter } from '../codec/cbor-strict.ts';
import { bytesOfHex } from '../codec/hex.ts';
import { fnv1a } from './fast-parse.ts';
import { packedLength, packInto } from './packed-text.ts';
import { ISSUER_REF, type PartyCodes } from './parcel.ts';
import { CUSTODY_STEPS, TYPE_CODES, type ParcelClaims } from './schemas.ts';
import { canonicalEpochDays, canonicalEpochSeconds } from './time.ts';
import { BODY_CODECS, ENVELOPE_KEYS, HOP_ACTOR_FLAG } from './wire.ts';

/** FNV-1a of wireTables(); update after checking this file against wire.ts and parcel.ts. */
export const PARCEL_WIRE_FINGERPRINT = 'b91d4831';

/** What this file writes by hand, as data. */
export function wireTables(): string {
  return JSON.stringify([ENVELOPE_KEYS, BODY_CODECS.parcel, CUSTODY_STEPS, TYPE_CODES.parcel, ISSUER_REF, HOP_ACTOR_FLAG]);
}

let enabled: boolean | undefined;

/** Whether this fast path is in step with the key tables (computed once). */
export function parcelEncoderEnabled(): boolean {
  enabled ??= fnv1a(wireTables()) === PARCEL_WIRE_FINGERPRINT;
  return enabled;
}

/** Thrown inside the encoder when it is not sure; the caller falls back to the general encoding. */
const notSure = new Error('not sure');

const safeInt = (n: unknown): number => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || Object.is(n, -0)) throw notSure;
  return n;
};
const seconds = (iso: unknown): number => {
  const t = typeof iso === 'string' ? canonicalEpochSeconds(iso) : Number.NaN;
  if (Number.isNaN(t)) throw notSure;
  return t;
};
/** A date's days since 1970 ('days': the generic path's `YYYY-MM-DDT00:00:00Z` in seconds / 86,400). */
const days = (date: unknown): number => {
  const d = typeof date === 'string' ? canonicalEpochDays(date) : Number.NaN;
  if (Number.isNaN(d)) throw notSure;
  return d;
};
const text = (w: CborWriter, value: unknown) => {
  if (typeof value !== 'string') throw notSure;
  w.text(value);
};
/** A packed identifier, packed straight into the writer. */
const packed = (w: CborWriter, value: string) => {
  const n = packedLength(value.length);
  w.head(2, n);
  w.reserve(n);
  if (!packInto(value, w.buf, w.length)) throw notSure;
  w.length += n;
};

/** A registry reference `#1`…`#99999` as its code, else undefined (REGISTRY_REF, by character codes). */
function registryCode(ref: string): number | undefined {
  if (ref.length < 2 || ref.length > 6 || ref.charCodeAt(0) !== 35 || ref.charCodeAt(1) === 48) return undefined; // '#', no leading 0
  let code = 0;
  for (let i = 1; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    code = code * 10 + d;
  }
  return code;
}

/** A party field (compactParcel's party, then encodeValue's 'party'). */
function party(w: CborWriter, id: unknown, p: ParcelClaims, codes: PartyCodes | undefined): void {
  if (typeof id !== 'string') throw notSure;
  if (id === p.issuer) return w.int(ISSUER_REF);
  const given = codes?.get(id);
  const code = registryCode(given === undefined ? id : `#${given}`);
  if (code !== undefined) return w.int(code);
  if (given !== undefined) throw notSure; // "#code" that is no registry reference: the general path refuses it
  packed(w, id.toUpperCase());
}

const writer = new CborWriter();

/**
 * The deterministic CBOR of the parcel's claims map, as encodeClaims and encodeDeterministicCbor
 * give it, or undefined when this path is off or not sure. The bytes are a view of a buffer the
 * next call reuses: copy them (prepareSeal does) before calling again.
 */
export function encodeParcelClaims(p: ParcelClaims, codes: PartyCodes | undefined): Uint8Array | undefined {
  if (!parcelEncoderEnabled()) return undefined;
  const w = writer;
  w.length = 0;
  try {
    writeParcel(w, p, codes);
  } catch {
    // notSure, or claims not even of the parcel's shape (a field missing, a getter that throws):
    // the general encoding decides, and throws what it always threw.
    return undefined;
  }
  return w.buf.subarray(0, w.length);
}

function writeParcel(w: CborWriter, p: ParcelClaims, codes: PartyCodes | undefined): void {
  const issuedAt = seconds(p.issuedAt);
  const released = seconds(p.releasedAt);
  const issuerCode = codes?.get(p.issuer);
  const withId = p.id !== p.waybill;
  // The envelope, keys in deterministic order: 1, 4, 6, then -1, -2, -3, -4.
  w.head(5, 5 + (p.expiresAt !== undefined ? 1 : 0) + (withId ? 1 : 0));
  w.int(ENVELOPE_KEYS.issuer);
  text(w, issuerCode === undefined ? p.issuer : `#${issuerCode}`);
  if (p.expiresAt !== undefined) {
    w.int(ENVELOPE_KEYS.expiresAt);
    w.int(seconds(p.expiresAt));
  }
  w.int(ENVELOPE_KEYS.issuedAt);
  w.int(issuedAt);
  w.int(ENVELOPE_KEYS.type);
  w.int(TYPE_CODES.parcel);
  w.int(ENVELOPE_KEYS.version);
  w.int(safeInt(p.version));
  w.int(ENVELOPE_KEYS.body);
  writeBody(w, p, codes, issuedAt, released);
  if (withId) {
    w.int(ENVELOPE_KEYS.id);
    text(w, p.id);
  }
}

/** The body tuple (FORMAT.md §4.1): absent trailing fields left out, an absent one before a present one null. */
function writeBody(w: CborWriter, p: ParcelClaims, codes: PartyCodes | undefined, issuedAt: number, released: number): void {
  if (typeof p.declaration !== 'string' || typeof p.port !== 'string' || !Array.isArray(p.custody)) throw notSure;
  const port = p.declaration.startsWith(p.port) ? undefined : p.port;
  const custody = p.custody.length > 0 ? p.custody : undefined;
  const length = port !== undefined ? 13 : custody !== undefined ? 12 : p.warehouse !== undefined ? 11 : 10;
  w.head(4, length);
  w.head(4, p.goods.length);
  for (const line of p.goods) {
    const n = line.name !== undefined ? 5 : line.batch !== undefined ? 4 : line.expiry !== undefined ? 3 : 2;
    w.head(4, n);
    w.int(safeInt(Number(line.gtin)));
    w.int(safeInt(line.quantity));
    if (n > 2) {
      if (line.expiry === undefined) w.byte(0xf6);
      else w.int(days(line.expiry));
    }
    if (n > 3) {
      if (line.batch === undefined) w.byte(0xf6);
      else text(w, line.batch);
    }
    if (n > 4) text(w, line.name);
  }
  packed(w, p.waybill);
  packed(w, p.carrier);
  packed(w, p.declaration);
  w.int(p.mode === 1210 ? 1 : 2);
  // releasedAt: minutes after issuedAt floored to its minute.
  w.int(safeInt(Math.round((released - Math.floor(issuedAt / 60) * 60) / 60)));
  w.int(safeInt(p.declaredValueFen));
  party(w, p.importer, p, codes);
  party(w, p.seller, p, codes);
  if (typeof p.buyerCommitment !== 'string') throw notSure;
  w.bytes(bytesOfHex(p.buyerCommitment));
  if (length <= 10) return;
  if (p.warehouse === undefined) w.byte(0xf6);
  else party(w, p.warehouse, p, codes);
  if (length <= 11) return;
  if (custody === undefined) w.byte(0xf6);
  else {
    // One flat array: head (step + 8 when an actor follows), minutes after releasedAt, actor.
    let items = 0;
    for (const hop of custody) items += hop.actor === undefined ? 2 : 3;
    w.head(4, items);
    for (const hop of custody) {
      const step = CUSTODY_STEPS.indexOf(hop.step) + 1;
      const at = safeInt(Math.round((seconds(hop.at) - released) / 60));
      if (hop.actor === undefined) {
        w.int(step);
        w.int(at);
      } else {
        w.int(step + HOP_ACTOR_FLAG);
        w.int(at);
        party(w, hop.actor, p, codes);
      }
    }
  }
  if (length <= 12) return;
  w.int(safeInt(Number(port)));
}
