// A hand-written fast path for the two schemas on the hot paths: parcel claims (every scan, every
// issued label) and receipt claims (every receipt entering the ledger). The zod schemas in
// schemas.ts stay the one definition of what is accepted and the only source of error messages:
//
//   - fastParse returns the claims exactly as zod's safeParse would return them (same values, same
//     key order), or undefined. Undefined means "not sure", never "invalid": the caller then runs
//     zod, which accepts or rejects and words the error. So what is accepted, what is refused and
//     every error path are zod's by construction; this file can only make an accepted input cheap.
//   - It says yes only to a narrow, normal-form subset: plain objects with no unknown, undefined or
//     inherited keys, times already in the canonical UTC whole-second form, and so on. Anything
//     unusual (hostile input included) goes to zod.
//   - It is written for one version of the schemas. SCHEMA_FINGERPRINTS pins a digest of each
//     schema's definition (shapes, checks, patterns, bounds); when schemas.ts changes, the digest
//     differs, the fast path switches itself off (zod alone, correct but slower) and the unit test
//     fast-parse.test.ts fails until this file is brought in step and the digest updated.
//
// Why: zod's parse of one parcel cost ≈ 200 µs of CPU on the CI machine, more than the signature
// check (≈ 160 µs); this costs a few µs. test/unit/credential/claims/fast-parse.test.ts compares
// both on the corpora, the hostile table and seeded random claims with mutations.
import { normalizeGtin } from './gtin.ts';
import { IMPLIED_CUSTODY_ACTOR, parcelClaimsSchema, receiptClaimsSchema, type ParcelClaims, type ReceiptClaims } from './schemas.ts';
import { canonicalEpochDays, canonicalEpochSeconds, isoFromEpochSeconds } from './time.ts';

// ---------------------------------------------------------------------------------------------
// The guard: a digest of the schema definitions this file was written against.

/** FNV-1a digests of schemaShape(schema); update after checking this file against schemas.ts. */
export const SCHEMA_FINGERPRINTS = { parcel: 'f325f536', receipt: '5316fba6' } as const;

/**
 * The definition of a zod schema as plain data: types, shapes, checks, patterns and bounds.
 * Functions (transforms, refinements, message functions) appear as "fn": their bodies are not
 * compared, their presence and place are.
 */
export function schemaShape(schema: unknown): string {
  const walk = (x: unknown, depth: number): unknown => {
    if (depth > 64) return '…';
    if (typeof x === 'function') return 'fn';
    if (x === null || typeof x !== 'object') return x;
    if (x instanceof RegExp) return `/${x.source}/${x.flags}`;
    // zod keeps a schema's definition on its internals object (`_zod.def`).
    const zod = (x as Record<string, { def?: unknown } | undefined>)['_zod'];
    if (zod?.def) return { def: walk(zod.def, depth + 1) };
    if (Array.isArray(x)) return x.map((v) => walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) out[k] = walk((x as Record<string, unknown>)[k], depth + 1);
    return out;
  };
  return JSON.stringify(walk(schema, 0));
}

export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

let enabled: { parcel: boolean; receipt: boolean } | undefined;

/** Whether the fast path is in step with schemas.ts (computed once). */
export function fastPathEnabled(): { parcel: boolean; receipt: boolean } {
  enabled ??= {
    parcel: fnv1a(schemaShape(parcelClaimsSchema)) === SCHEMA_FINGERPRINTS.parcel,
    receipt: fnv1a(schemaShape(receiptClaimsSchema)) === SCHEMA_FINGERPRINTS.receipt,
  };
  return enabled;
}

// ---------------------------------------------------------------------------------------------
// Field checks: each returns true only where zod certainly accepts (and outputs the input).

const PARTY_REF = /^([a-z0-9][a-z0-9.-]{0,31}|#[1-9][0-9]{0,4})$/;
const PARTY_ID = /^[a-z0-9][a-z0-9.-]{0,31}$/;
const CREDENTIAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const WAYBILL = /^[A-Z0-9-]{6,30}$/;
const CARRIER = /^[A-Z0-9]{2,10}$/;
const DECLARATION = /^[A-Z0-9]{10,24}$/;
const PORT = /^\d{4}$/;
const ORDER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ID_LAST4 = /^\d{3}[\dX]$/;
const HEX16 = /^[0-9a-fA-F]{32}$/;
const HEX32 = /^[0-9a-fA-F]{64}$/;
const CUSTODY_STEP_SET: ReadonlySet<unknown> = new Set(['brand-authorization', 'customs-filing', 'declaration', 'bonded-warehouse', 'logistics']);

const str = (v: unknown, re: RegExp): v is string => typeof v === 'string' && re.test(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length >= 1 && v.length <= max;
const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const fen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Epoch seconds of a time in the one form isoFromEpochSeconds writes (YYYY-MM-DDTHH:MM:SSZ, a
 * date that exists, 1970–9999), else undefined. Such a string is one zod's datetime pattern
 * accepts and its normal form is itself. (canonicalEpochSeconds reads it by character codes.)
 */
function canonicalTime(v: unknown): number | undefined {
  const t = typeof v === 'string' ? canonicalEpochSeconds(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
}

/** A calendar date that exists, YYYY-MM-DD, 1970–9999 (zod's date pattern accepts it). */
function canonicalDate(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(canonicalEpochDays(v));
}

/** A plain object whose own keys are all in `allowed` and none is undefined; else false. */
function plainWith(v: unknown, allowed: ReadonlySet<string>): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k in v) {
    if (!Object.hasOwn(v, k) || !allowed.has(k) || (v as Record<string, unknown>)[k] === undefined) return false;
  }
  return true;
}

const has = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k);

interface Envelope {
  issuer: string;
  id: string;
  issuedAt: string;
  expiresAt?: string;
  version: 1;
}

/** The envelope fields in the schema's order, or undefined. */
function envelope(o: Record<string, unknown>): Envelope | undefined {
  if (!str(o.issuer, PARTY_REF) || !str(o.id, CREDENTIAL_ID) || canonicalTime(o.issuedAt) === undefined) return undefined;
  if (has(o, 'expiresAt') && canonicalTime(o.expiresAt) === undefined) return undefined;
  if (has(o, 'version') && o.version !== 1) return undefined;
  const out: Envelope = { issuer: o.issuer, id: o.id, issuedAt: o.issuedAt as string } as Envelope;
  if (has(o, 'expiresAt')) out.expiresAt = o.expiresAt as string;
  out.version = 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parcel

const PARCEL_KEYS: ReadonlySet<string> = new Set([
  'type', 'issuer', 'id', 'issuedAt', 'expiresAt', 'version', 'goods', 'waybill', 'carrier', 'declaration', 'port', 'mode',
  'releasedAt', 'declaredValueFen', 'importer', 'warehouse', 'seller', 'custody', 'buyerCommitment',
]);
const GOODS_KEYS: ReadonlySet<string> = new Set(['gtin', 'name', 'batch', 'expiry', 'quantity']);
const HOP_KEYS: ReadonlySet<string> = new Set(['step', 'at', 'actor']);

/** The canonical time `v` (at `t` seconds) floored to its minute: `v` itself when it is on one. */
const wholeMinute = (v: unknown, t: number) => (t % 60 === 0 ? (v as string) : isoFromEpochSeconds(Math.floor(t / 60) * 60));

function parseParcel(o: unknown): ParcelClaims | undefined {
  if (!plainWith(o, PARCEL_KEYS) || o.type !== 'parcel') return undefined;
  const env = envelope(o);
  if (!env) return undefined;
  const goodsIn = o.goods;
  if (!Array.isArray(goodsIn) || goodsIn.length < 1 || goodsIn.length > 20) return undefined;
  const goods: ParcelClaims['goods'] = [];
  for (const line of goodsIn as unknown[]) {
    if (!plainWith(line, GOODS_KEYS)) return undefined;
    const gtin = typeof line.gtin === 'string' ? normalizeGtin(line.gtin) : undefined;
    if (gtin === undefined || !intIn(line.quantity, 1, 9999)) return undefined;
    if (has(line, 'name') && !text(line.name, 40)) return undefined;
    if (has(line, 'batch') && !text(line.batch, 20)) return undefined;
    if (has(line, 'expiry') && !canonicalDate(line.expiry)) return undefined;
    const out: ParcelClaims['goods'][number] = { gtin } as ParcelClaims['goods'][number];
    if (has(line, 'name')) out.name = line.name as string;
    if (has(line, 'batch')) out.batch = line.batch as string;
    if (has(line, 'expiry')) out.expiry = line.expiry as string;
    out.quantity = line.quantity;
    goods.push(out);
  }
  if (!str(o.waybill, WAYBILL) || !str(o.carrier, CARRIER) || !str(o.declaration, DECLARATION) || !str(o.port, PORT)) return undefined;
  if (o.mode !== 1210 && o.mode !== 9610) return undefined;
  const released = canonicalTime(o.releasedAt);
  if (released === undefined || !fen(o.declaredValueFen) || !str(o.importer, PARTY_REF) || !str(o.seller, PARTY_REF)) return undefined;
  if (has(o, 'warehouse') && !str(o.warehouse, PARTY_REF)) return undefined;
  if (o.mode === 1210 && !has(o, 'warehouse')) return undefined;
  if (!str(o.buyerCommitment, HEX16)) return undefined;
  const custodyIn = has(o, 'custody') ? o.custody : [];
  if (!Array.isArray(custodyIn) || custodyIn.length > 12) return undefined;
  const custody: ParcelClaims['custody'] = [];
  for (const hop of custodyIn as unknown[]) {
    if (!plainWith(hop, HOP_KEYS) || !CUSTODY_STEP_SET.has(hop.step)) return undefined;
    const at = canonicalTime(hop.at);
    if (at === undefined) return undefined;
    if (has(hop, 'actor') && !str(hop.actor, PARTY_REF)) return undefined;
    const step = hop.step as ParcelClaims['custody'][number]['step'];
    const implied = IMPLIED_CUSTODY_ACTOR[step];
    // The schema's normal form: an actor equal to the implied party is dropped.
    const dropActor = implied !== undefined && has(hop, 'actor') && hop.actor === o[implied];
    custody.push(has(hop, 'actor') && !dropActor ? { step, at: wholeMinute(hop.at, at), actor: hop.actor as string } : { step, at: wholeMinute(hop.at, at) });
  }
  const out = { type: 'parcel', ...env, goods } as Record<string, unknown>;
  out.waybill = o.waybill;
  out.carrier = o.carrier;
  out.declaration = o.declaration;
  out.port = o.port;
  out.mode = o.mode;
  out.releasedAt = wholeMinute(o.releasedAt, released);
  out.declaredValueFen = o.declaredValueFen;
  out.importer = o.importer;
  if (has(o, 'warehouse')) out.warehouse = o.warehouse;
  out.seller = o.seller;
  out.custody = custody;
  out.buyerCommitment = o.buyerCommitment.toLowerCase();
  return out as ParcelClaims;
}

// ---------------------------------------------------------------------------------------------
// Receipt

const RECEIPT_KEYS: ReadonlySet<string> = new Set([
  'type', 'issuer', 'id', 'issuedAt', 'expiresAt', 'version', 'orderId', 'seller', 'orderedAt', 'items', 'dutiableValueFen',
  'taxFen', 'vatFen', 'consumptionTaxFen', 'freightFen', 'paidFen', 'mode', 'ordererIdLast4', 'orderSecret',
]);
const ITEM_KEYS: ReadonlySet<string> = new Set(['gtin', 'name', 'quantity', 'unitPriceFen']);
const OPTIONAL_FEN = ['vatFen', 'consumptionTaxFen', 'freightFen'] as const;

function parseReceipt(o: unknown): ReceiptClaims | undefined {
  if (!plainWith(o, RECEIPT_KEYS) || o.type !== 'receipt') return undefined;
  const env = envelope(o);
  if (!env) return undefined;
  if (!str(o.orderId, ORDER_ID) || !str(o.seller, PARTY_ID) || canonicalTime(o.orderedAt) === undefined) return undefined;
  const itemsIn = o.items;
  if (!Array.isArray(itemsIn) || itemsIn.length < 1 || itemsIn.length > 100) return undefined;
  const items: ReceiptClaims['items'] = [];
  for (const item of itemsIn as unknown[]) {
    if (!plainWith(item, ITEM_KEYS)) return undefined;
    const gtin = typeof item.gtin === 'string' ? normalizeGtin(item.gtin) : undefined;
    if (gtin === undefined || !text(item.name, 128) || !intIn(item.quantity, 1, 1_000_000) || !fen(item.unitPriceFen)) return undefined;
    items.push({ gtin, name: item.name, quantity: item.quantity, unitPriceFen: item.unitPriceFen });
  }
  if (!fen(o.dutiableValueFen) || !fen(o.taxFen) || !fen(o.paidFen)) return undefined;
  for (const k of OPTIONAL_FEN) if (has(o, k) && !fen(o[k])) return undefined;
  if (has(o, 'mode') && o.mode !== 1210 && o.mode !== 9610) return undefined;
  if (!str(o.ordererIdLast4, ID_LAST4) || !str(o.orderSecret, HEX32)) return undefined;
  if (has(o, 'vatFen') && has(o, 'consumptionTaxFen') && (o.vatFen as number) + (o.consumptionTaxFen as number) !== o.taxFen) return undefined;
  const out = { type: 'receipt', ...env } as Record<string, unknown>;
  out.orderId = o.orderId;
  out.seller = o.seller;
  out.orderedAt = o.orderedAt;
  out.items = items;
  out.dutiableValueFen = o.dutiableValueFen;
  out.taxFen = o.taxFen;
  for (const k of OPTIONAL_FEN) if (has(o, k)) out[k] = o[k];
  out.paidFen = o.paidFen;
  if (has(o, 'mode')) out.mode = o.mode;
  out.ordererIdLast4 = o.ordererIdLast4;
  out.orderSecret = o.orderSecret.toLowerCase();
  return out as ReceiptClaims;
}

let suspended = false;

/** Runs `fn` with the fast path off (zod alone): the differential tests' reference. */
export function withoutFastPath<T>(fn: () => T): T {
  const was = suspended;
  suspended = true;
  try {
    return fn();
  } finally {
    suspended = was;
  }
}

/**
 * The claims zod would return for `input` as a `type` credential, when this fast path is sure of
 * them; undefined otherwise (the caller then parses with zod). Never throws.
 */
export function fastParse(type: string, input: unknown): ParcelClaims | ReceiptClaims | undefined {
  if (suspended) return undefined;
  try {
    if (type === 'parcel') return fastPathEnabled().parcel ? parseParcel(input) : undefined;
    if (type === 'receipt') return fastPathEnabled().receipt ? parseReceipt(input) : undefined;
  } catch {
    // A getter or proxy in hostile input: leave it to zod.
  }
  return undefined;
}
