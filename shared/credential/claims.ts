// The claims inside a CrossCheck credential: one readable JSON form per type (zod 4 schemas, what
// the CLI reads and what verifiers hand to user interfaces) and one compact CBOR form (small
// integer keys, what gets signed and printed). FORMAT.md beside this file is the specification;
// the key tables below are its normative source, so keep the two in step.
//
// Compactness matters: the parcel credential must fit a QR code of version 12 at error-correction
// level M in its bare `CC1:` form (412 alphanumeric characters → about 270 bytes of compressed
// COSE, of which 64 are the signature). Hence integer keys, GTINs as integers and times as epoch
// seconds; see FORMAT.md §"Size".
//
// Privacy rule (issue 3; DESIGN.md §3): no name, phone number or ID number is a field of any
// credential. The receipt carries the last four characters of the orderer's ID only, and receipts
// are handed to the buyer, not printed on parcels.
import { z } from 'zod';
import { sealCredential, type SigningKey } from './index.ts';
// A trust bundle is larger than any QR code, which is sealCredential's limit; it is sealed with
// the same steps (deterministic CBOR → COSE_Sign1 → zlib → Base45) one level down.
import { sealPayloadBytes } from './container.ts';
import { encodeDeterministicCbor } from './cbor-strict.ts';

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
export const partyId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,31}$/, 'party id: 1–32 of a-z 0-9 . - (starting with a letter or digit)');
/** Credential ids: unique per issuer; revocation lists name them. */
export const credentialId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'credential id: 1–64 of A-Z a-z 0-9 . _ : -');

const MAX_EPOCH_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
/** Custody hops lie within 100 years of release. */
const MAX_CUSTODY_OFFSET_MINUTES = 100 * 366 * 24 * 60;

/** ISO 8601 UTC, whole seconds: the only form decoded times take. */
export function isoFromEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch seconds (floored) of an ISO date-time; NaN when unparsable. */
export function epochSecondsFromIso(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** Accepts any ISO 8601 date-time with Z or an offset; normalises to UTC whole seconds. */
export const isoTime = z.iso
  .datetime({ offset: true })
  .transform((s) => isoFromEpochSeconds(epochSecondsFromIso(s)))
  .refine((s) => {
    const t = epochSecondsFromIso(s);
    return t >= 0 && t <= MAX_EPOCH_SECONDS;
  }, 'time outside 1970–9999');

/** A calendar date (best-before / expiry), YYYY-MM-DD. */
export const isoDate = z.iso.date();

export function gtinCheckDigitOk(digits: string): boolean {
  let sum = 0;
  // GS1 General Specifications §7.9.1: weights 3,1,3,… from the digit left of the check digit.
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/**
 * GTIN-8/12/13/14 with a valid check digit, normalised to 14 digits (the GS1 Digital Link form),
 * so "6901234567892" and "06901234567892" compare equal everywhere.
 */
export function normalizeGtin(text: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text) || !gtinCheckDigitOk(text)) return undefined;
  return text.padStart(14, '0');
}

export const gtin = z
  .string()
  .transform((s, ctx) => {
    const normal = normalizeGtin(s);
    if (normal === undefined) {
      ctx.addIssue({ code: 'custom', message: 'GTIN: 8, 12, 13 or 14 digits with a valid GS1 check digit' });
      return z.NEVER;
    }
    return normal;
  });

/** Money is integer fen, never a float (STYLE.md; shared/money). */
export const fen = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const hexBytes = (n: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${n * 2}}$`), `${n} bytes as ${n * 2} hex digits`)
    .transform((s) => s.toLowerCase());

export const bilingualName = z.strictObject({
  en: z.string().min(1).max(128),
  'zh-CN': z.string().min(1).max(128),
});

const shortText = (max: number) => z.string().min(1).max(max);

// ---------------------------------------------------------------------------------------------
// Envelope (CWT-like) and the five types

const envelope = {
  /** Party id of the issuer in the trust bundle (CWT `iss`, key 1). */
  issuer: partyId,
  /** Unique per issuer (key -4). */
  id: credentialId,
  /** CWT `iat` (key 6). */
  issuedAt: isoTime,
  /** CWT `exp` (key 4): after it the credential is `expired`. */
  expiresAt: isoTime.optional(),
  /** Always 1 for now (key -2). */
  version: z.literal(CLAIMS_VERSION).default(CLAIMS_VERSION),
};

export const parcelGoodsSchema = z.strictObject({
  gtin,
  /** Short product name as on the label (keep it short: it is in the QR). */
  name: shortText(40).optional(),
  batch: shortText(20).optional(),
  /** Best-before / expiry date of the batch. */
  expiry: isoDate.optional(),
  quantity: z.int().min(1).max(9999),
});

export const custodyHopSchema = z.strictObject({
  step: z.enum(CUSTODY_STEPS),
  /** Whole minutes: on the wire it is minutes relative to releasedAt (FORMAT.md §4.1). */
  at: isoTime.transform((s) => isoFromEpochSeconds(Math.floor(epochSecondsFromIso(s) / 60) * 60)),
  /**
   * Party id of who performed the step. Omitted when it is the party the parcel already names
   * for that step (customs-filing and declaration: the importer; bonded-warehouse: the warehouse);
   * see custodyActor().
   */
  actor: partyId.optional(),
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

export const parcelClaimsSchema = z
  .strictObject({
    type: z.literal('parcel'),
    ...envelope,
    goods: z.array(parcelGoodsSchema).min(1).max(20),
    /** Waybill (运单) number, also printed on the label: a code copied onto another label mismatches. */
    waybill: z.string().regex(/^[A-Z0-9-]{6,30}$/, 'waybill: 6–30 of A-Z 0-9 -'),
    /** Carrier code, e.g. "SF", "YTO", "EMS". */
    carrier: z.string().regex(/^[A-Z0-9]{2,10}$/, 'carrier: 2–10 of A-Z 0-9'),
    /** 申报清单 number. */
    declaration: z.string().regex(/^[A-Z0-9]{10,24}$/, 'declaration: 10–24 of A-Z 0-9'),
    /** Customs district (关区) code of the port of entry, 4 digits. */
    port: z.string().regex(/^\d{4}$/, 'port: 4-digit customs district code'),
    /** 1210 bonded (网购保税), 9610 direct mail (直购). */
    mode: z.union([z.literal(1210), z.literal(9610)]),
    /** Customs release (放行) of the declaration. */
    releasedAt: isoTime,
    /** Declared (dutiable) value of the goods in this parcel, fen. */
    declaredValueFen: fen,
    importer: partyId,
    /** The bonded warehouse; required for mode 1210. */
    warehouse: partyId.optional(),
    /** Who sold the goods (whose brand authorization counts). */
    seller: partyId,
    custody: z.array(custodyHopSchema).max(12).default([]),
    /** HMAC-SHA-256(order secret, "CrossCheck parcel binding v1\0" ‖ id)[0..16], see buyer-commitment.ts. */
    buyerCommitment: hexBytes(16),
  })
  .refine((p) => p.mode !== 1210 || p.warehouse !== undefined, {
    message: 'mode 1210 (bonded) needs a warehouse',
    path: ['warehouse'],
  })
  // Normal form: an actor equal to the implied one is dropped, so encode(decode(x)) is stable.
  .transform((p) => ({
    ...p,
    custody: p.custody.map((hop) => {
      const implied = IMPLIED_CUSTODY_ACTOR[hop.step];
      if (implied !== undefined && hop.actor !== undefined && hop.actor === p[implied]) return { step: hop.step, at: hop.at };
      return hop;
    }),
  }));

export const receiptItemSchema = z.strictObject({
  gtin,
  name: shortText(128),
  quantity: z.int().min(1).max(1_000_000),
  /** Unit price as paid, without tax. */
  unitPriceFen: fen,
});

export const receiptClaimsSchema = z
  .strictObject({
  type: z.literal('receipt'),
  ...envelope,
  orderId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'orderId: 1–64 of A-Z a-z 0-9 . _ -'),
  seller: partyId,
  orderedAt: isoTime,
  items: z.array(receiptItemSchema).min(1).max(100),
  /** 完税价格 of the order: what counts against the personal quota. */
  dutiableValueFen: fen,
  /** Composite CBEC tax charged on the order (VAT + consumption tax, each at 70 %). */
  taxFen: fen,
  vatFen: fen.optional(),
  consumptionTaxFen: fen.optional(),
  freightFen: fen.optional(),
  /** What the buyer paid in total. */
  paidFen: fen,
  mode: z.union([z.literal(1210), z.literal(9610)]).optional(),
  /** Last four characters of the orderer's resident ID number, for the buyer's own recognition. */
  ordererIdLast4: z.string().regex(/^\d{3}[\dX]$/, 'ordererIdLast4: 3 digits and a digit or X'),
  /** Per-order secret (32 random bytes) keying the buyer commitment on this order's parcels. */
  orderSecret: hexBytes(32),
  })
  .refine((r) => r.vatFen === undefined || r.consumptionTaxFen === undefined || r.vatFen + r.consumptionTaxFen === r.taxFen, {
    message: 'vatFen + consumptionTaxFen must equal taxFen',
    path: ['taxFen'],
  });

export const listingClaimsSchema = z.strictObject({
  type: z.literal('listing'),
  ...envelope,
  product: z.strictObject({ gtin, name: shortText(128) }),
  seller: partyId,
  /** Credential id of the brand authorization (in the trust bundle) the seller relies on. */
  brandAuthorization: credentialId.optional(),
  /** The seller's or importer's customs filing (备案) reference. */
  customsFiling: shortText(64).optional(),
  /** Web origins the listing may be shown on (scheme://host[:port]). */
  origins: z
    .array(
      z.string().transform((s, ctx) => {
        const normal = normalizeOrigin(s);
        if (normal === undefined) {
          ctx.addIssue({ code: 'custom', message: 'origin: http(s)://host[:port], nothing else' });
          return z.NEVER;
        }
        return normal;
      }),
    )
    .min(1)
    .max(8),
});

export const brandAuthorizationClaimsSchema = z.strictObject({
  type: z.literal('brand-authorization'),
  ...envelope,
  /** The seller the brand authorizes. Valid from issuedAt until expiresAt. */
  seller: partyId,
  gtins: z.array(gtin).min(1).max(500),
});

export const ALGS = ['ES256', 'PS256', 'EdDSA'] as const;

export const bundleKeySchema = z.strictObject({
  /** Key id as hex (8 bytes for our keys: kidFor(publicKey)). */
  kid: z.string().regex(/^([0-9a-f]{2}){1,32}$/, 'kid: hex'),
  /** The one algorithm this key may be used with; never taken from the message. */
  alg: z.enum(ALGS),
  publicKeyJwk: z.record(z.string(), z.unknown()),
  notBefore: isoTime,
  notAfter: isoTime.optional(),
  /** Credentials issued at or after this time are rejected; earlier ones still verify. */
  revokedSince: isoTime.optional(),
});

export const FILING_STATES = ['filed', 'unfiled', 'suspended'] as const;
export type FilingState = (typeof FILING_STATES)[number];

export const bundleIssuerSchema = z.strictObject({
  id: partyId,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  name: bilingualName,
  keys: z.array(bundleKeySchema).max(16).default([]),
  /** GS1 company prefixes a brand owns: its GTINs need its authorization. */
  gtinPrefixes: z.array(z.string().regex(/^\d{6,12}$/, 'GTIN prefix: 6–12 digits')).max(64).optional(),
  /** Customs filing (跨境电商企业备案) of a cross-border entity. */
  filing: z
    .strictObject({
      status: z.enum(FILING_STATES),
      reference: shortText(64).optional(),
    })
    .optional(),
});

export const personalUseSchema = z.strictObject({
  /** Units of one product per parcel beyond which a parcel is flagged. */
  maxUnitsPerLine: z.int().min(1).max(100_000),
  overrides: z
    .array(z.strictObject({ gtinPrefix: z.string().regex(/^\d{1,14}$/), maxUnits: z.int().min(1).max(100_000) }))
    .max(256)
    .default([]),
  /** Where the numbers come from (law, customs guidance, platform practice). */
  source: shortText(256),
});

export const trustBundleClaimsSchema = z.strictObject({
  type: z.literal('trust-bundle'),
  ...envelope,
  /** Increases with every bundle the root signs; a verifier never goes back to a lower serial. */
  serial: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** After issuedAt + maxAgeSeconds the bundle is stale: verdicts say so. */
  maxAgeSeconds: z.int().min(60).max(10 * 365 * 86_400),
  issuers: z.array(bundleIssuerSchema).max(2000),
  revoked: z.array(z.strictObject({ issuer: partyId, id: credentialId })).max(100_000).default([]),
  /** Brand-authorization credentials (CC1: payloads), each verified against its brand's key. */
  brandAuthorizations: z.array(z.string().min(4).max(8192)).max(10_000).default([]),
  /** Policy rows for shared/policy (createPolicy); opaque here. */
  policy: z.array(z.unknown()).max(10_000).optional(),
  /** Exchange-rate rows for shared/policy; opaque here. */
  exchangeRates: z.array(z.unknown()).max(10_000).optional(),
  personalUse: personalUseSchema.optional(),
});

export const claimsSchema = z.union([
  parcelClaimsSchema,
  receiptClaimsSchema,
  listingClaimsSchema,
  brandAuthorizationClaimsSchema,
  trustBundleClaimsSchema,
]);

export type ParcelClaims = z.output<typeof parcelClaimsSchema>;
export type ReceiptClaims = z.output<typeof receiptClaimsSchema>;
export type ListingClaims = z.output<typeof listingClaimsSchema>;
export type BrandAuthorizationClaims = z.output<typeof brandAuthorizationClaimsSchema>;
export type TrustBundleClaims = z.output<typeof trustBundleClaimsSchema>;
export type BundleIssuer = z.output<typeof bundleIssuerSchema>;
export type BundleKey = z.output<typeof bundleKeySchema>;
export type Claims = ParcelClaims | ReceiptClaims | ListingClaims | BrandAuthorizationClaims | TrustBundleClaims;
/** What a claims author writes (the CLI's CLAIMS.json): GTINs unpadded, times with offsets, … */
export type ClaimsInput = z.input<typeof claimsSchema>;

export type ClaimsOf<T extends CredentialType> = Extract<Claims, { type: T }>;

export const SCHEMAS: Record<CredentialType, z.ZodType<Claims, unknown>> = {
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
// CBOR key tables (normative: FORMAT.md §4 repeats them)

type Codec =
  | 'text'
  | 'uint'
  | 'time'
  | 'date'
  | 'gtin'
  | 'hex'
  | 'json'
  | 'minutes' // signed integer; decoded relative to the parcel's releasedAt (see relativeTimes)
  | 'digits4' // a 4-digit code with leading zeros, as an integer
  | 'mode' // customs mode: 1 = 1210, 2 = 9610 (one byte instead of three)
  | { readonly enum: readonly string[] } // CBOR value = index + 1
  | { readonly map: Readonly<Record<string, readonly [number, Codec]>> }
  | { readonly tuple: readonly (readonly [string, Codec])[] } // trailing fields optional
  | { readonly array: Codec };

/** Envelope keys: CWT iss/exp/iat plus private-use negative keys. */
export const ENVELOPE_KEYS = { issuer: 1, expiresAt: 4, issuedAt: 6, type: -1, version: -2, body: -3, id: -4 } as const;

const bilingual: Codec = { map: { en: [1, 'text'], 'zh-CN': [2, 'text'] } };

export const BODY_CODECS: Record<CredentialType, { readonly map: Readonly<Record<string, readonly [number, Codec]>> }> = {
  parcel: {
    map: {
      goods: [1, { array: { map: { gtin: [1, 'gtin'], name: [2, 'text'], batch: [3, 'text'], expiry: [4, 'date'], quantity: [5, 'uint'] } } }],
      waybill: [2, 'text'],
      carrier: [3, 'text'],
      declaration: [4, 'text'],
      port: [5, 'digits4'],
      mode: [6, 'mode'],
      releasedAt: [7, 'time'],
      declaredValueFen: [8, 'uint'],
      importer: [9, 'text'],
      warehouse: [10, 'text'],
      seller: [11, 'text'],
      // `at` is minutes relative to releasedAt (negative before release): 1–3 bytes instead of 5.
      custody: [12, { array: { tuple: [['step', { enum: CUSTODY_STEPS }], ['at', 'minutes'], ['actor', 'text']] } }],
      buyerCommitment: [13, 'hex'],
    },
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

export const CLAIMS_ERROR_MESSAGES: Record<ClaimsErrorCode, { en: string; 'zh-CN': string }> = {
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
  message: { en: string; 'zh-CN': string };
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

function zodError(error: z.ZodError): ClaimsError {
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
      case 'gtin':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 99_999_999_999_999) {
          return kind('a GTIN as an integer');
        }
        return String(value).padStart(14, '0');
      case 'hex':
        if (!(value instanceof Uint8Array)) return kind('a byte string');
        return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('');
      case 'json':
        return jsonFromCbor(value, path, depth);
      case 'minutes':
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_CUSTODY_OFFSET_MINUTES) {
          return kind('minutes relative to release');
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
      if (i < value.length) out[name] = decodeValue(value[i], sub, join(path, name), depth + 1);
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
  if (!type) return { ok: false, error: claimsError('claims.unknown-type', 'type', `type code ${String(typeCode)}`) };
  const version = entries.find(([k]) => k === ENVELOPE_KEYS.version)?.[1];
  if (version !== CLAIMS_VERSION) {
    return { ok: false, error: claimsError('claims.unsupported-version', 'version', `version ${String(version)}`) };
  }
  return { ok: true, value: type };
}

/**
 * Decoded CBOR claims (as the container's openCredential returns them) → validated readable claims.
 * Rejects unknown integer keys anywhere (critical by rule), ignores text keys (extensions).
 */
export function decodeClaims(value: unknown): ClaimsResult<Claims> {
  const peeked = peekType(value);
  if (!peeked.ok) return peeked;
  const type = peeked.value;
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
    for (const [name, v] of Object.entries(decodeMap(body, BODY_CODECS[type].map, '', 1))) {
      readable[name] = v;
    }
    if (type === 'parcel') absoluteCustody(readable);
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, error: e.error };
    throw e;
  }
  const parsed = SCHEMAS[type].safeParse(readable);
  if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
  return { ok: true, value: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// Encoding: readable input → validated claims → CBOR value (a Map, ready for the container)

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeValue(value: unknown, codec: Codec): unknown {
  if (typeof codec === 'string') {
    switch (codec) {
      case 'text':
      case 'uint':
      case 'json':
      case 'minutes': // already converted by relativeCustody()
        return value;
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
        return hexToBytes(value as string);
    }
  }
  if ('enum' in codec) return codec.enum.indexOf(value as string) + 1;
  if ('array' in codec) return (value as unknown[]).map((v) => encodeValue(v, codec.array));
  if ('tuple' in codec) {
    const record = value as Record<string, unknown>;
    const out = codec.tuple.map(([name, sub]) => (record[name] === undefined ? undefined : encodeValue(record[name], sub)));
    while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
    if (out.includes(undefined)) throw new Error('tuple with a gap: only trailing fields may be absent');
    return out;
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

/** Parcel custody times travel as minutes relative to releasedAt; these two convert. */
function absoluteCustody(parcel: Record<string, unknown>): void {
  const base = typeof parcel.releasedAt === 'string' ? epochSecondsFromIso(parcel.releasedAt) : NaN;
  if (!Array.isArray(parcel.custody)) return;
  for (const hop of parcel.custody as Record<string, unknown>[]) {
    if (typeof hop.at !== 'number') continue;
    const at = base + hop.at * 60;
    // Out of range → leave the number; the schema then rejects it as not a time.
    if (Number.isFinite(at) && at >= 0 && at <= MAX_EPOCH_SECONDS) hop.at = isoFromEpochSeconds(at);
  }
}

function relativeCustody(parcel: ParcelClaims): Record<string, unknown> {
  const base = epochSecondsFromIso(parcel.releasedAt);
  return {
    ...parcel,
    custody: parcel.custody.map((hop) => ({ ...hop, at: Math.round((epochSecondsFromIso(hop.at) - base) / 60) })),
  };
}

/** Validates readable claims (author input) and returns the normalised readable form. */
export function parseClaims<T extends CredentialType>(type: T, input: unknown): ClaimsResult<ClaimsOf<T>> {
  const withType = input !== null && typeof input === 'object' && !Array.isArray(input) ? { type, ...input } : input;
  const parsed = SCHEMAS[type].safeParse(withType);
  if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
  if (parsed.data.type !== type) {
    return { ok: false, error: claimsError('claims.schema', 'type', `type is ${parsed.data.type}, expected ${type}`) };
  }
  return { ok: true, value: parsed.data as ClaimsOf<T> };
}

/** Validated claims → the CBOR claims map (envelope + body) to seal. */
export function encodeClaims(claims: Claims): Map<number, unknown> {
  const out = new Map<number, unknown>();
  out.set(ENVELOPE_KEYS.issuer, claims.issuer);
  if (claims.expiresAt !== undefined) out.set(ENVELOPE_KEYS.expiresAt, epochSecondsFromIso(claims.expiresAt));
  out.set(ENVELOPE_KEYS.issuedAt, epochSecondsFromIso(claims.issuedAt));
  out.set(ENVELOPE_KEYS.type, TYPE_CODES[claims.type]);
  out.set(ENVELOPE_KEYS.version, claims.version);
  out.set(ENVELOPE_KEYS.id, claims.id);
  const body = claims.type === 'parcel' ? relativeCustody(claims) : (claims as unknown as Record<string, unknown>);
  out.set(ENVELOPE_KEYS.body, encodeMap(body, BODY_CODECS[claims.type].map));
  return out;
}

/**
 * Issues a credential: validates readable claims of `type`, encodes them and seals them with
 * `key` (ES256). Returns the payload text (CC1:…) or the claims error; signing failures throw
 * (they are programming or key errors, not input errors).
 */
export async function sealClaims<T extends CredentialType>(
  type: T,
  input: unknown,
  key: SigningKey,
  opts: { prefix?: string } = {},
): Promise<ClaimsResult<{ payload: string; claims: ClaimsOf<T> }>> {
  const parsed = parseClaims(type, input);
  if (!parsed.ok) return parsed;
  const encoded = encodeClaims(parsed.value);
  const payload =
    type === 'trust-bundle'
      ? (await sealPayloadBytes(encodeDeterministicCbor(encoded), key, opts)).text
      : await sealCredential(encoded, key, opts);
  return { ok: true, value: { payload, claims: parsed.value } };
}
