// The claims inside a CrossCheck credential: one readable JSON form per type (zod 4 schemas, what
// the CLI reads and what verifiers hand to user interfaces) and one compact CBOR form (small
// integer keys, what gets signed and printed). FORMAT.md beside this file is the specification;
// the key tables below are its normative source, so keep the two in step.
//
// Compactness matters: the parcel credential must fit a QR code of version 12 at error-correction
// level M, in its bare `CC1:` form (≤ 419 alphanumeric characters → ≤ 276 bytes of zlib data) and
// in its URL form (≤ 257 bytes with a short https origin). The container's fixed part (signature,
// kid, framing, zlib) is 96 bytes of that, so a parcel's claims get about 160. Hence integer keys,
// positional goods lines, packed identifiers, times relative to each other, and nothing the
// verifier can derive; see FORMAT.md §4.1 and §11.
//
// Privacy rule (issue 3; DESIGN.md §3): no name, phone number or ID number is a field of any
// credential. The receipt carries the last four characters of the orderer's ID only, and receipts
// are handed to the buyer, not printed on parcels.
// zod/mini, not classic zod: the same checks and issue paths in the functional form, which a
// bundler can tree-shake, so the browser verifiers (the merchant badge's verifier chunk, the PWA)
// carry only the zod they use. zod/mini has no locale: parses pass issueMessage, which words the
// issues whose check has no message of its own (the same sentences as policy, ledger and tax).
import * as z from 'zod/mini';
// zod/mini's name for classic zod's .default(): the value when the field is absent.
import { _default as withDefault } from 'zod/mini';
import { issueMessage } from '../validation/issue-message.ts';
import { sealCredential, SealError, type SigningKey } from './index.ts';
// A trust bundle is larger than any QR code, which is sealCredential's limit; it is sealed with
// the same steps (deterministic CBOR → COSE_Sign1 → zlib → Base45) one level down.
import { sealPayloadBytes } from './container.ts';
import { encodeDeterministicCbor } from './cbor-strict.ts';
import { bytesOfHex, hexOf } from './hex.ts';
import type { Localized } from '../text/localized.ts';

// ---------------------------------------------------------------------------------------------
// Shared field schemas

export const CREDENTIAL_TYPES = ['parcel', 'receipt', 'listing', 'brand-authorization', 'trust-bundle'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** CBOR value of claim key -1 for each type. */
export const TYPE_CODES: Record<CredentialType, number> = {
  parcel: 1,
  receipt: 2,
  listing: 3,
  'brand-authorization': 4,
  'trust-bundle': 5,
};

/** The only claims version this code reads and writes. */
export const CLAIMS_VERSION = 1;

// `seller` (跨境电商企业, the e-commerce enterprise that sells) is added to the roles the issue lists:
// brand authorizations and customs filings name sellers, so the bundle has to know them.
export const ROLES = ['brand', 'platform', 'seller', 'importer', 'customs-broker', 'warehouse', 'logistics'] as const;
export type Role = (typeof ROLES)[number];

/** Which roles may issue which credential type (FORMAT.md §"Issuer roles"). */
export const ISSUER_ROLES: Record<Exclude<CredentialType, 'trust-bundle'>, readonly Role[]> = {
  // Labels are printed by whoever packs or ships the parcel on the importer's behalf.
  parcel: ['importer', 'customs-broker', 'warehouse', 'logistics'],
  // 194号: the platform pushes the order (订单) to customs, so it is the party that can sign it.
  receipt: ['platform'],
  // A listing is published by the platform that hosts the shop, or by the cross-border
  // e-commerce enterprise (the seller, or an importer of record) running its own store.
  listing: ['platform', 'seller', 'importer'],
  'brand-authorization': ['brand'],
};

export const CUSTODY_STEPS = [
  'brand-authorization',
  'customs-filing',
  'declaration',
  'bonded-warehouse',
  'logistics',
] as const;
export type CustodyStep = (typeof CUSTODY_STEPS)[number];

/** Party (issuer / entity) ids: short, lowercase, printable. They are repeated in QR codes. */
export const partyId = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{0,31}$/, 'party id: 1–32 of a-z 0-9 . - (starting with a letter or digit)'));
/**
 * A party named by its registry code in the trust bundle ("#12"): what a parcel carries when the
 * issuer's bundle gives the party a code, and what a verifier shows when its bundle does not know
 * the code (FORMAT.md §4.1 "Party references").
 */
export const REGISTRY_REF = /^#([1-9][0-9]{0,4})$/;
/** A party id, or a registry code not resolved against a bundle. */
export const partyRef = z.string().check(z.regex(/^([a-z0-9][a-z0-9.-]{0,31}|#[1-9][0-9]{0,4})$/, 'party: a party id, or # and a registry code'));
export const MAX_REGISTRY_CODE = 99_999;
/** Credential ids: unique per issuer; revocation lists name them. */
export const credentialId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'credential id: 1–64 of A-Z a-z 0-9 . _ : -'));

const MAX_EPOCH_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
const MAX_EPOCH_DAYS = Math.floor(MAX_EPOCH_SECONDS / 86_400);
/** Relative parcel times (release after signing, custody hops after release) lie within 100 years. */
const MAX_OFFSET_MINUTES = 100 * 366 * 24 * 60;

/** ISO 8601 UTC, whole seconds: the only form decoded times take. */
export function isoFromEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch seconds (floored) of an ISO date-time; NaN when unparsable. */
export function epochSecondsFromIso(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** Accepts any ISO 8601 date-time with Z or an offset; normalises to UTC whole seconds. */
export const isoTime = z
  .pipe(
    z.iso.datetime({ offset: true }),
    z.transform((s: string) => isoFromEpochSeconds(epochSecondsFromIso(s))),
  )
  .check(
    z.refine((s: string) => {
      const t = epochSecondsFromIso(s);
      return t >= 0 && t <= MAX_EPOCH_SECONDS;
    }, 'time outside 1970–9999'),
  );

/** A time floored to the whole minute (parcel times travel as minute offsets). */
const wholeMinutes = z.pipe(
  isoTime,
  z.transform((s: string) => isoFromEpochSeconds(Math.floor(epochSecondsFromIso(s) / 60) * 60)),
);

/** A calendar date (best-before / expiry), YYYY-MM-DD. */
export const isoDate = z.iso.date();

/** The GS1 check digit for the digits before it (General Specifications §7.9.1: weights 3,1,3,… from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return (10 - (sum % 10)) % 10;
}

export function gtinCheckDigitOk(digits: string): boolean {
  return gtinCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/**
 * GTIN-8/12/13/14 with a valid check digit, normalised to 14 digits (the GS1 Digital Link form),
 * so "6901234567892" and "06901234567892" compare equal everywhere.
 */
export function normalizeGtin(text: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text) || !gtinCheckDigitOk(text)) return undefined;
  return text.padStart(14, '0');
}

/**
 * A normalising transform that can refuse: zod/mini's transform gets the parse payload (no
 * addIssue helper as in classic zod), so a refusal is an issue pushed onto it.
 */
const normalizedText = (normalize: (text: string) => string | undefined, message: string) =>
  z.pipe(
    z.string(),
    z.transform((s: string, payload) => {
      const normal = normalize(s);
      if (normal === undefined) {
        payload.issues.push({ code: 'custom', message, input: s });
        return z.NEVER;
      }
      return normal;
    }),
  );

export const gtin = normalizedText(normalizeGtin, 'GTIN: 8, 12, 13 or 14 digits with a valid GS1 check digit');

/** Money is integer fen, never a float (STYLE.md; shared/money). */
export const fen = z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

/** A whole number in [min, max]. */
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

const hexBytes = (n: number) =>
  z.string().check(z.regex(new RegExp(`^[0-9a-fA-F]{${n * 2}}$`), `${n} bytes as ${n * 2} hex digits`), z.toLowerCase());

const shortText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** An array of 0 (or min) to max elements. */
const arrayOf = <T extends z.core.SomeType>(element: T, max: number, min = 0) =>
  min > 0 ? z.array(element).check(z.minLength(min), z.maxLength(max)) : z.array(element).check(z.maxLength(max));

export const bilingualName = z.strictObject({
  en: shortText(128),
  'zh-CN': shortText(128),
});

// ---------------------------------------------------------------------------------------------
// Envelope (CWT-like) and the five types

const envelope = {
  /** Party id of the issuer in the trust bundle (CWT `iss`, key 1); "#code" if not resolved. */
  issuer: partyRef,
  /** Unique per issuer (key -4). */
  id: credentialId,
  /** CWT `iat` (key 6). */
  issuedAt: isoTime,
  /** CWT `exp` (key 4): after it the credential is `expired`. */
  expiresAt: z.optional(isoTime),
  /** Always 1 for now (key -2). */
  version: withDefault(z.literal(CLAIMS_VERSION), CLAIMS_VERSION),
};

export const parcelGoodsSchema = z.strictObject({
  gtin,
  /** Short product name as on the label (keep it short: it is in the QR). */
  name: z.optional(shortText(40)),
  batch: z.optional(shortText(20)),
  /** Best-before / expiry date of the batch. */
  expiry: z.optional(isoDate),
  quantity: intIn(1, 9999),
});

export const custodyHopSchema = z.strictObject({
  step: z.enum(CUSTODY_STEPS),
  /** Whole minutes: on the wire it is minutes relative to releasedAt (FORMAT.md §4.1). */
  at: wholeMinutes,
  /**
   * Party id of who performed the step. Omitted when it is the party the parcel already names
   * for that step (customs-filing and declaration: the importer; bonded-warehouse: the warehouse);
   * see custodyActor().
   */
  actor: z.optional(partyRef),
});

/** Steps whose actor, when not stated, is a party the parcel names anyway (saves QR bytes). */
export const IMPLIED_CUSTODY_ACTOR: Partial<Record<CustodyStep, 'importer' | 'warehouse'>> = {
  'customs-filing': 'importer',
  declaration: 'importer',
  'bonded-warehouse': 'warehouse',
};

/** Who performed a custody step: the stated actor, or the one implied by the parcel. */
export function custodyActor(parcel: Pick<ParcelClaims, 'importer' | 'warehouse'>, hop: { step: CustodyStep; actor?: string }): string | undefined {
  if (hop.actor !== undefined) return hop.actor;
  const implied = IMPLIED_CUSTODY_ACTOR[hop.step];
  return implied === undefined ? undefined : parcel[implied];
}

const customsMode = z.union([z.literal(1210), z.literal(9610)]);

/** The parcel's fields and cross-field rule, before the normal form (parcelClaimsSchema). */
const parcelFieldsSchema = z
  .strictObject({
    type: z.literal('parcel'),
    ...envelope,
    goods: arrayOf(parcelGoodsSchema, 20, 1),
    /** Waybill (运单) number, also printed on the label: a code copied onto another label mismatches. */
    waybill: z.string().check(z.regex(/^[A-Z0-9-]{6,30}$/, 'waybill: 6–30 of A-Z 0-9 -')),
    /** Carrier code, e.g. "SF", "YTO", "EMS". */
    carrier: z.string().check(z.regex(/^[A-Z0-9]{2,10}$/, 'carrier: 2–10 of A-Z 0-9')),
    /** 申报清单 number. */
    declaration: z.string().check(z.regex(/^[A-Z0-9]{10,24}$/, 'declaration: 10–24 of A-Z 0-9')),
    /** Customs district (关区) code of the port of entry, 4 digits. */
    port: z.string().check(z.regex(/^\d{4}$/, 'port: 4-digit customs district code')),
    /** 1210 bonded (网购保税), 9610 direct mail (直购). */
    mode: customsMode,
    /** Customs release (放行) of the declaration, whole minutes (on the wire: minutes relative to issuedAt). */
    releasedAt: wholeMinutes,
    /** Declared (dutiable) value of the goods in this parcel, fen. */
    declaredValueFen: fen,
    importer: partyRef,
    /** The bonded warehouse; required for mode 1210. */
    warehouse: z.optional(partyRef),
    /** Who sold the goods (whose brand authorization counts). */
    seller: partyRef,
    custody: withDefault(arrayOf(custodyHopSchema, 12), []),
    /** HMAC-SHA-256(order secret, "CrossCheck parcel binding v1\0" ‖ id)[0..16], see buyer-commitment.ts. */
    buyerCommitment: hexBytes(16),
  })
  .check(
    z.refine((p) => p.mode !== 1210 || p.warehouse !== undefined, {
      message: 'mode 1210 (bonded) needs a warehouse',
      path: ['warehouse'],
    }),
  );

export const parcelClaimsSchema = z.pipe(
  parcelFieldsSchema,
  // Normal form: an actor equal to the implied one is dropped, so encode(decode(x)) is stable.
  z.transform((p: z.output<typeof parcelFieldsSchema>) => ({
    ...p,
    custody: p.custody.map((hop) => {
      const implied = IMPLIED_CUSTODY_ACTOR[hop.step];
      if (implied !== undefined && hop.actor !== undefined && hop.actor === p[implied]) return { step: hop.step, at: hop.at };
      return hop;
    }),
  })),
);

export const receiptItemSchema = z.strictObject({
  gtin,
  name: shortText(128),
  quantity: intIn(1, 1_000_000),
  /** Unit price as paid, without tax. */
  unitPriceFen: fen,
});

export const receiptClaimsSchema = z
  .strictObject({
    type: z.literal('receipt'),
    ...envelope,
    orderId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'orderId: 1–64 of A-Z a-z 0-9 . _ -')),
    seller: partyId,
    orderedAt: isoTime,
    items: arrayOf(receiptItemSchema, 100, 1),
    /** 完税价格 of the order: what counts against the personal quota. */
    dutiableValueFen: fen,
    /** Composite CBEC tax charged on the order (VAT + consumption tax, each at 70 %). */
    taxFen: fen,
    vatFen: z.optional(fen),
    consumptionTaxFen: z.optional(fen),
    freightFen: z.optional(fen),
    /** What the buyer paid in total. */
    paidFen: fen,
    mode: z.optional(customsMode),
    /** Last four characters of the orderer's resident ID number, for the buyer's own recognition. */
    ordererIdLast4: z.string().check(z.regex(/^\d{3}[\dX]$/, 'ordererIdLast4: 3 digits and a digit or X')),
    /** Per-order secret (32 random bytes) keying the buyer commitment on this order's parcels. */
    orderSecret: hexBytes(32),
  })
  .check(
    z.refine((r) => r.vatFen === undefined || r.consumptionTaxFen === undefined || r.vatFen + r.consumptionTaxFen === r.taxFen, {
      message: 'vatFen + consumptionTaxFen must equal taxFen',
      path: ['taxFen'],
    }),
  );

export const listingClaimsSchema = z.strictObject({
  type: z.literal('listing'),
  ...envelope,
  product: z.strictObject({ gtin, name: shortText(128) }),
  seller: partyId,
  /** Credential id of the brand authorization (in the trust bundle) the seller relies on. */
  brandAuthorization: z.optional(credentialId),
  /** The seller's or importer's customs filing (备案) reference. */
  customsFiling: z.optional(shortText(64)),
  /** Web origins the listing may be shown on (scheme://host[:port]). */
  origins: arrayOf(normalizedText(normalizeOrigin, 'origin: http(s)://host[:port], nothing else'), 8, 1),
});

export const brandAuthorizationClaimsSchema = z.strictObject({
  type: z.literal('brand-authorization'),
  ...envelope,
  /** The seller the brand authorizes. Valid from issuedAt until expiresAt. */
  seller: partyId,
  gtins: arrayOf(gtin, 500, 1),
});

export const ALGS = ['ES256', 'PS256', 'EdDSA'] as const;

export const bundleKeySchema = z.strictObject({
  /** Key id as hex (8 bytes for our keys: kidFor(publicKey)). */
  kid: z.string().check(z.regex(/^([0-9a-f]{2}){1,32}$/, 'kid: hex')),
  /** The one algorithm this key may be used with; never taken from the message. */
  alg: z.enum(ALGS),
  publicKeyJwk: z.record(z.string(), z.unknown()),
  notBefore: isoTime,
  notAfter: z.optional(isoTime),
  /** Credentials issued at or after this time are rejected; earlier ones still verify. */
  revokedSince: z.optional(isoTime),
});

export const FILING_STATES = ['filed', 'unfiled', 'suspended'] as const;

export const bundleIssuerSchema = z.strictObject({
  id: partyId,
  /**
   * Registry code: a small number the root gives a party once and never gives to another, so
   * parcels can name the party in 1–3 bytes (FORMAT.md §4.1 "Party references").
   */
  code: z.optional(intIn(1, MAX_REGISTRY_CODE)),
  roles: arrayOf(z.enum(ROLES), ROLES.length, 1),
  name: bilingualName,
  keys: withDefault(arrayOf(bundleKeySchema, 16), []),
  /** GS1 company prefixes a brand owns: its GTINs need its authorization. */
  gtinPrefixes: z.optional(arrayOf(z.string().check(z.regex(/^\d{6,12}$/, 'GTIN prefix: 6–12 digits')), 64)),
  /** Customs filing (跨境电商企业备案) of a cross-border entity. */
  filing: z.optional(
    z.strictObject({
      status: z.enum(FILING_STATES),
      reference: z.optional(shortText(64)),
    }),
  ),
});

export const personalUseSchema = z.strictObject({
  /** Units of one product per parcel beyond which a parcel is flagged. */
  maxUnitsPerLine: intIn(1, 100_000),
  overrides: withDefault(arrayOf(z.strictObject({ gtinPrefix: z.string().check(z.regex(/^\d{1,14}$/)), maxUnits: intIn(1, 100_000) }), 256), []),
  /** Where the numbers come from (law, customs guidance, platform practice). */
  source: shortText(256),
});

export const trustBundleClaimsSchema = z.strictObject({
  type: z.literal('trust-bundle'),
  ...envelope,
  /** Increases with every bundle the root signs; a verifier never goes back to a lower serial. */
  serial: intIn(0, Number.MAX_SAFE_INTEGER),
  /** After issuedAt + maxAgeSeconds the bundle is stale: verdicts say so. */
  maxAgeSeconds: intIn(60, 10 * 365 * 86_400),
  issuers: arrayOf(bundleIssuerSchema, 2000).check(
    z.refine((issuers) => {
      const codes = issuers.flatMap((i) => (i.code === undefined ? [] : [i.code]));
      return new Set(codes).size === codes.length;
    }, 'two issuers with one registry code'),
  ),
  revoked: withDefault(arrayOf(z.strictObject({ issuer: partyId, id: credentialId }), 100_000), []),
  /** Brand-authorization credentials (CC1: payloads), each verified against its brand's key. */
  brandAuthorizations: withDefault(arrayOf(z.string().check(z.minLength(4), z.maxLength(8192)), 10_000), []),
  /** Policy rows for shared/policy (createPolicy); opaque here. */
  policy: z.optional(arrayOf(z.unknown(), 10_000)),
  /** Exchange-rate rows for shared/policy; opaque here. */
  exchangeRates: z.optional(arrayOf(z.unknown(), 10_000)),
  personalUse: z.optional(personalUseSchema),
});

export type ParcelClaims = z.output<typeof parcelClaimsSchema>;
export type ReceiptClaims = z.output<typeof receiptClaimsSchema>;
export type ListingClaims = z.output<typeof listingClaimsSchema>;
export type BrandAuthorizationClaims = z.output<typeof brandAuthorizationClaimsSchema>;
export type TrustBundleClaims = z.output<typeof trustBundleClaimsSchema>;
export type BundleIssuer = z.output<typeof bundleIssuerSchema>;
export type BundleKey = z.output<typeof bundleKeySchema>;
export type Claims = ParcelClaims | ReceiptClaims | ListingClaims | BrandAuthorizationClaims | TrustBundleClaims;

export type ClaimsOf<T extends CredentialType> = Extract<Claims, { type: T }>;

export const SCHEMAS: Record<CredentialType, z.ZodMiniType<Claims, unknown>> = {
  parcel: parcelClaimsSchema,
  receipt: receiptClaimsSchema,
  listing: listingClaimsSchema,
  'brand-authorization': brandAuthorizationClaimsSchema,
  'trust-bundle': trustBundleClaimsSchema,
};

/** scheme://host[:port] in the form URL.origin gives, or undefined for anything else. */
export function normalizeOrigin(text: string): string | undefined {
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Packed identifiers (waybill, carrier and declaration numbers, party ids in parcels)
//
// The RADIX-50 idea (DEC, 1960s: three characters of a 40-character set in one 16-bit word): the
// 38 characters below, three to two bytes, 5.33 bits per character instead of 8. A waybill of 15
// characters takes 10 bytes. A last pair of characters is stored as PACKED_PAIR_BASE + value, so
// the byte length alone says how many characters there are, and one string has one packing.

export const PACKED_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.';
const RADIX = PACKED_ALPHABET.length; // 38
/** 38^3 = 54,872 triples fit below it; a final pair is 54,872 + (0 … 38^2 − 1) < 65,536. */
export const PACKED_PAIR_BASE = RADIX ** 3;

/** Packs text of PACKED_ALPHABET characters; undefined when another character occurs. */
export function packText(text: string): Uint8Array | undefined {
  const digits = Array.from(text, (c) => PACKED_ALPHABET.indexOf(c));
  if (digits.some((d) => d < 0)) return undefined;
  const out: number[] = [];
  let i = 0;
  for (; i + 3 <= digits.length; i += 3) {
    const v = (digits[i]! * RADIX + digits[i + 1]!) * RADIX + digits[i + 2]!;
    out.push(v >> 8, v & 0xff);
  }
  if (digits.length - i === 2) {
    const v = PACKED_PAIR_BASE + digits[i]! * RADIX + digits[i + 1]!;
    out.push(v >> 8, v & 0xff);
  } else if (digits.length - i === 1) {
    out.push(digits[i]!);
  }
  return Uint8Array.from(out);
}

/** The inverse of packText; undefined for bytes packText never writes. */
export function unpackText(bytes: Uint8Array): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 === bytes.length) {
      // A last odd byte is one character.
      if (bytes[i]! >= RADIX) return undefined;
      out += PACKED_ALPHABET[bytes[i]!];
      break;
    }
    const v = (bytes[i]! << 8) | bytes[i + 1]!;
    const last = i + 2 === bytes.length;
    if (v < PACKED_PAIR_BASE) {
      out += PACKED_ALPHABET[Math.floor(v / (RADIX * RADIX))]! + PACKED_ALPHABET[Math.floor(v / RADIX) % RADIX]! + PACKED_ALPHABET[v % RADIX]!;
    } else if (last && v < PACKED_PAIR_BASE + RADIX * RADIX) {
      const pair = v - PACKED_PAIR_BASE;
      out += PACKED_ALPHABET[Math.floor(pair / RADIX)]! + PACKED_ALPHABET[pair % RADIX]!;
    } else {
      return undefined;
    }
  }
  return out;
}

function packOrThrow(text: string): Uint8Array {
  const packed = packText(text);
  // The schemas only let through text of the alphabet; reaching this is a programming error.
  if (packed === undefined) throw new Error(`cannot pack ${JSON.stringify(text)}`);
  return packed;
}

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
// Errors

export type ClaimsErrorCode =
  | 'claims.not-a-map'
  | 'claims.unknown-type'
  | 'claims.unsupported-version'
  | 'claims.unknown-critical-field'
  | 'claims.bad-key'
  | 'claims.wrong-kind'
  | 'claims.schema';

export const CLAIMS_ERROR_MESSAGES: Record<ClaimsErrorCode, Localized> = {
  'claims.not-a-map': {
    en: 'The credential’s content is not a claims map.',
    'zh-CN': '凭证内容不是声明映射。',
  },
  'claims.unknown-type': {
    en: 'The credential is of a type this app does not know.',
    'zh-CN': '凭证类型未知，本应用无法识别。',
  },
  'claims.unsupported-version': {
    en: 'The credential uses a format version this app does not support.',
    'zh-CN': '凭证的格式版本不受本应用支持。',
  },
  'claims.unknown-critical-field': {
    en: 'The credential contains a field this app does not understand, so it cannot be trusted.',
    'zh-CN': '凭证包含本应用无法理解的关键字段，因此不能信任。',
  },
  'claims.bad-key': {
    en: 'The credential’s content uses a malformed field key.',
    'zh-CN': '凭证内容的字段键格式错误。',
  },
  'claims.wrong-kind': {
    en: 'A field of the credential has the wrong kind of value.',
    'zh-CN': '凭证中某个字段的取值类型错误。',
  },
  'claims.schema': {
    en: 'The credential’s content does not meet the format rules.',
    'zh-CN': '凭证内容不符合格式规则。',
  },
};

export interface ClaimsError {
  code: ClaimsErrorCode;
  /** Where in the claims (readable field names), e.g. "goods.0.gtin". */
  path: string;
  /** Technical detail in English, for logs and `inspect`. */
  detail: string;
  message: Localized;
}

export type ClaimsResult<T> = { ok: true; value: T } | { ok: false; error: ClaimsError };

function claimsError(code: ClaimsErrorCode, path: string, detail: string): ClaimsError {
  return { code, path, detail, message: CLAIMS_ERROR_MESSAGES[code] };
}

class DecodeFailure extends Error {
  constructor(readonly error: ClaimsError) {
    super(error.detail);
  }
}

function fail(code: ClaimsErrorCode, path: string, detail: string): never {
  throw new DecodeFailure(claimsError(code, path, detail));
}

function zodError(error: z.core.$ZodError): ClaimsError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  return claimsError('claims.schema', path, issue ? `${path || '(root)'}: ${issue.message}` : 'invalid');
}

// ---------------------------------------------------------------------------------------------
// Decoding: CBOR value → readable object (then zod)

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

function decodeValue(value: unknown, codec: Codec, path: string, depth: number): unknown {
  if (depth > 16) fail('claims.wrong-kind', path, `${path}: nested too deeply`);
  const kind = (want: string): never => fail('claims.wrong-kind', path, `${path}: expected ${want}`);
  if (typeof codec === 'string') {
    switch (codec) {
      case 'text':
        return typeof value === 'string' ? value : kind('a text string');
      case 'uint':
        return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : kind('an unsigned integer');
      case 'time':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_EPOCH_SECONDS) {
          return kind('epoch seconds');
        }
        return isoFromEpochSeconds(value);
      case 'date': {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1000_01_01 || value > 9999_12_31) {
          return kind('a date as YYYYMMDD');
        }
        const s = String(value);
        return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`; // validity checked by zod
      }
      case 'days':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_EPOCH_DAYS) return kind('days since 1970-01-01');
        return isoFromEpochSeconds(value * 86_400).slice(0, 10);
      case 'gtin':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 99_999_999_999_999) {
          return kind('a GTIN as an integer');
        }
        return String(value).padStart(14, '0');
      case 'packed': {
        const text = value instanceof Uint8Array ? unpackText(value) : undefined;
        return text ?? kind('a packed identifier (byte string)');
      }
      case 'party': {
        if (value === ISSUER_REF) return ISSUER_REF;
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_REGISTRY_CODE) return `#${value}`;
        const text = value instanceof Uint8Array ? unpackText(value) : undefined;
        return text?.toLowerCase() ?? kind(`a packed party id, a registry code, or ${ISSUER_REF} (the issuer)`);
      }
      case 'hops':
        return decodeHops(value, path);
      case 'hex':
        if (!(value instanceof Uint8Array)) return kind('a byte string');
        return hexOf(value);
      case 'json':
        return jsonFromCbor(value, path, depth);
      case 'minutes':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_OFFSET_MINUTES) {
          return kind('relative minutes');
        }
        return value;
      case 'mode':
        return value === 1 ? 1210 : value === 2 ? 9610 : kind('a customs mode code 1 or 2');
      case 'digits4':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 9999) return kind('a 4-digit code');
        return String(value).padStart(4, '0');
    }
  }
  if ('enum' in codec) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > codec.enum.length) {
      return kind(`a code 1–${codec.enum.length}`);
    }
    return codec.enum[value - 1];
  }
  if ('array' in codec) {
    if (!Array.isArray(value)) return kind('an array');
    return value.map((v, i) => decodeValue(v, codec.array, join(path, String(i)), depth + 1));
  }
  if ('tuple' in codec) {
    if (!Array.isArray(value)) return kind('an array');
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

function decodeMap(value: unknown, fields: Readonly<Record<string, readonly [number, Codec]>>, path: string, depth: number): Record<string, unknown> {
  const byKey = new Map<number, [string, Codec]>();
  for (const [name, [key, codec]] of Object.entries(fields)) byKey.set(key, [name, codec]);
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
export function peekType(value: unknown): ClaimsResult<CredentialType> {
  let entries: [unknown, unknown][];
  try {
    entries = entriesOf(value, '');
  } catch {
    return { ok: false, error: claimsError('claims.not-a-map', '', 'claims are not a CBOR map') };
  }
  const typeCode = entries.find(([k]) => k === ENVELOPE_KEYS.type)?.[1];
  const type = CREDENTIAL_TYPES.find((t) => TYPE_CODES[t] === typeCode);
  if (!type) return { ok: false, error: claimsError('claims.unknown-type', 'type', `type code ${describeValue(typeCode)}`) };
  const version = entries.find(([k]) => k === ENVELOPE_KEYS.version)?.[1];
  if (version !== CLAIMS_VERSION) {
    return { ok: false, error: claimsError('claims.unsupported-version', 'version', `version ${describeValue(version)}`) };
  }
  return { ok: true, value: type };
}

export interface DecodeClaimsOptions {
  /**
   * The party id behind a registry code, from the verifier's trust bundle (partyCodeIndex in
   * shared/trust). Without it, or for a code it does not know, the party reads "#code".
   */
  partyOfCode?: (code: number) => string | undefined;
}

/** Party id → registry code, as the issuer's trust bundle assigns them. */
export type PartyCodes = ReadonlyMap<string, number>;

/** The registry codes of a bundle's issuers (for encodeClaims / sealClaims). */
export function partyCodesOf(issuers: Iterable<{ id: string; code?: number | undefined }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of issuers) if (i.code !== undefined) out.set(i.id, i.code);
  return out;
}

/**
 * Decoded CBOR claims (as the container's openCredential returns them) → validated readable claims.
 * Rejects unknown integer keys anywhere (critical by rule), ignores text keys (extensions).
 */
export function decodeClaims(value: unknown, opts: DecodeClaimsOptions = {}): ClaimsResult<Claims> {
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
    if (e instanceof DecodeFailure) return { ok: false, error: e.error };
    throw e;
  }
  const parsed = SCHEMAS[type].safeParse(readable, { error: issueMessage });
  if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
  return { ok: true, value: parsed.data };
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
// Parcel wire form: what the verifier can derive is left out, the rest is made relative.

/** On the wire, a party field holding this number means "the issuer" (envelope key 1). */
export const ISSUER_REF = 0;

/** Custody on the wire, before times and actors are resolved. */
interface WireHop {
  step: CustodyStep;
  /** Minutes relative to releasedAt. */
  at: number;
  actor?: string | typeof ISSUER_REF;
}

/** A custody head: the step's index (1–5), plus 8 when an actor follows the minutes. */
const HOP_ACTOR_FLAG = 8;

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

/** releasedAt travels relative to issuedAt floored to its minute, so the offset is whole minutes. */
const minuteOf = (iso: string) => Math.floor(epochSecondsFromIso(iso) / 60) * 60;

/** Readable parcel → the record the parcel key table encodes (FORMAT.md §4.1). */
function compactParcel(p: ParcelClaims, codes: PartyCodes | undefined): Record<string, unknown> {
  const party = (id: string | undefined) => {
    if (id === undefined) return undefined;
    if (id === p.issuer) return ISSUER_REF;
    const code = codes?.get(id);
    return code === undefined ? id : `#${code}`;
  };
  const released = epochSecondsFromIso(p.releasedAt);
  const hops: WireHop[] = p.custody.map((hop) => {
    const wire: WireHop = { step: hop.step, at: Math.round((epochSecondsFromIso(hop.at) - released) / 60) };
    const actor = party(hop.actor);
    if (actor !== undefined) wire.actor = actor;
    return wire;
  });
  return {
    ...p,
    port: p.declaration.startsWith(p.port) ? undefined : p.port,
    releasedAt: Math.round((released - minuteOf(p.issuedAt)) / 60),
    importer: party(p.importer),
    warehouse: party(p.warehouse),
    seller: party(p.seller),
    custody: hops.length > 0 ? hops : undefined,
  };
}

/** base + minutes as ISO time; out of range, the number stays and the schema rejects it as not a time. */
function isoAfter(base: number, minutes: unknown): unknown {
  const t = typeof minutes === 'number' ? base + minutes * 60 : NaN;
  return Number.isFinite(t) && t >= 0 && t <= MAX_EPOCH_SECONDS ? isoFromEpochSeconds(t) : minutes;
}

/** The inverse of compactParcel on decoded wire values, before the schema checks the result. */
function resolveParcel(parcel: Record<string, unknown>, resolve: (ref: unknown) => unknown): void {
  const issuer = parcel.issuer;
  const party = (v: unknown) => (v === ISSUER_REF ? issuer : resolve(v));
  parcel.importer = party(parcel.importer);
  parcel.seller = party(parcel.seller);
  if (parcel.warehouse !== undefined) parcel.warehouse = party(parcel.warehouse);
  if (parcel.id === undefined) parcel.id = parcel.waybill;
  const declaration = parcel.declaration;
  if (parcel.port === undefined && typeof declaration === 'string' && /^\d{4}/.test(declaration)) parcel.port = declaration.slice(0, 4);
  if (typeof parcel.issuedAt === 'string') parcel.releasedAt = isoAfter(minuteOf(parcel.issuedAt), parcel.releasedAt);
  const released = typeof parcel.releasedAt === 'string' ? epochSecondsFromIso(parcel.releasedAt) : NaN;
  if (Array.isArray(parcel.custody)) {
    parcel.custody = (parcel.custody as WireHop[]).map((hop) => {
      const out: Record<string, unknown> = { step: hop.step, at: isoAfter(released, hop.at) };
      if (hop.actor !== undefined) out.actor = party(hop.actor);
      return out;
    });
  }
}

/** Validates readable claims (author input) and returns the normalised readable form. */
export function parseClaims<T extends CredentialType>(type: T, input: unknown): ClaimsResult<ClaimsOf<T>> {
  const withType = input !== null && typeof input === 'object' && !Array.isArray(input) ? { type, ...input } : input;
  const parsed = SCHEMAS[type].safeParse(withType, { error: issueMessage });
  if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
  if (parsed.data.type !== type) {
    return { ok: false, error: claimsError('claims.schema', 'type', `type is ${parsed.data.type}, expected ${type}`) };
  }
  return { ok: true, value: parsed.data as ClaimsOf<T> };
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
 * A trust bundle's CBOR. Its policy rows and key members are opaque to the schema, so they can be
 * what no CBOR encoder writes (nested too deeply): refused as sealCredential refuses such claims.
 */
function bundleBytes(encoded: Map<number, unknown>): Uint8Array {
  try {
    return encodeDeterministicCbor(encoded);
  } catch (e) {
    throw new SealError('seal-claims-unencodable', `claims cannot be encoded as CBOR: ${e instanceof Error ? e.message : String(e)}`);
  }
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
): Promise<ClaimsResult<{ payload: string; claims: ClaimsOf<T> }>> {
  const parsed = parseClaims(type, input);
  if (!parsed.ok) return parsed;
  const encoded = encodeClaims(parsed.value, opts.partyCodes ? { partyCodes: opts.partyCodes } : {});
  const prefix = opts.prefix === undefined ? {} : { prefix: opts.prefix };
  const payload =
    type === 'trust-bundle' ? (await sealPayloadBytes(bundleBytes(encoded), key, prefix)).text : await sealCredential(encoded, key, prefix);
  return { ok: true, value: { payload, claims: parsed.value } };
}
