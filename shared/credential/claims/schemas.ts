// The readable form of the claims: one zod schema per credential type (what the CLI reads and what
// verifiers hand to user interfaces), with the field schemas they share. The compact CBOR form is
// wire.ts; FORMAT.md (shared/credential) is the specification of both.
//
// Privacy rule (issue 3; DESIGN.md §3): no name, phone number or ID number is a field of any
// credential. The receipt carries the last four characters of the orderer's ID only, and receipts
// are handed to the buyer, not printed on parcels.
//
// zod/mini, not classic zod: the same checks and issue paths in the functional form, which a
// bundler can tree-shake, so the browser verifiers (the merchant badge's verifier chunk, the PWA)
// carry only the zod they use. zod/mini has no locale: parses pass issueMessage, which words the
// issues whose check has no message of its own (the same sentences as policy, ledger and tax).
import * as z from 'zod/mini';
// zod/mini's name for classic zod's .default(): the value when the field is absent.
import { _default as withDefault } from 'zod/mini';
import { normalizeGtin } from './gtin.ts';
import type { CredentialType } from './types.ts';
import { epochSecondsFromIso, isoFromEpochSeconds, MAX_EPOCH_SECONDS } from './time.ts';

// ---------------------------------------------------------------------------------------------
// Shared field schemas

export { CREDENTIAL_TYPES, type CredentialType } from './types.ts';

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

/** Marketplace ids as page URLs carry them (FORMAT.md §4.3). */
const marketplaceId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, 'marketplace id: 1–40 of A-Z a-z 0-9 _ -'));

export const placementSchema = z.strictObject({
  site: z.string().check(z.regex(/^[a-z0-9-]{1,16}$/, 'site: 1–16 of a-z 0-9 -')),
  item: marketplaceId,
  shop: z.optional(marketplaceId),
});

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
  /**
   * Where on a marketplace the listing is valid: the marketplace (`site`, e.g. tmall, jd), the item
   * id its page URL carries and optionally the shop id. On a marketplace origin, where many
   * sellers share one origin, a listing verifies only on a page whose item is one of these.
   */
  placements: z.optional(arrayOf(placementSchema, 16, 1)),
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
  /**
   * Parties this issuer may speak for (FORMAT.md §5 "Authority"): a platform for the sellers on
   * it, a bonded warehouse for the importers and sellers it serves. One step, not transitive.
   */
  speaksFor: z.optional(arrayOf(partyId, 2000, 1)),
  /** Web origins where this issuer's pages may offer its receipts to the consumer's app. */
  origins: z.optional(arrayOf(normalizedText(normalizeOrigin, 'origin: http(s)://host[:port], nothing else'), 16, 1)),
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
