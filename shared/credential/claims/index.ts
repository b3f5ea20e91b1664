// The claims layer of a credential: the readable schemas (schemas.ts), the compact wire form
// (wire.ts, with parcel compaction in parcel.ts and packed identifiers in packed-text.ts) and the
// claims error catalogue (errors.ts). The container below it is ../codec; FORMAT.md is the spec.
export {
  CREDENTIAL_TYPES,
  TYPE_CODES,
  CLAIMS_VERSION,
  ROLES,
  ISSUER_ROLES,
  CUSTODY_STEPS,
  partyId,
  REGISTRY_REF,
  partyRef,
  MAX_REGISTRY_CODE,
  credentialId,
  isoTime,
  isoDate,
  gtin,
  fen,
  bilingualName,
  parcelGoodsSchema,
  custodyHopSchema,
  IMPLIED_CUSTODY_ACTOR,
  parcelClaimsSchema,
  receiptItemSchema,
  receiptClaimsSchema,
  listingClaimsSchema,
  placementSchema,
  brandAuthorizationClaimsSchema,
  ALGS,
  bundleKeySchema,
  FILING_STATES,
  bundleIssuerSchema,
  personalUseSchema,
  trustBundleClaimsSchema,
  SCHEMAS,
  normalizeOrigin,
} from './schemas.ts';
export type {
  CredentialType,
  Role,
  CustodyStep,
  ParcelClaims,
  ReceiptClaims,
  ListingClaims,
  BrandAuthorizationClaims,
  TrustBundleClaims,
  BundleIssuer,
  BundleKey,
  Claims,
  ClaimsOf,
} from './schemas.ts';
export { isoFromEpochSeconds, epochSecondsFromIso } from './time.ts';
export { gtinCheckDigit, gtinCheckDigitOk, normalizeGtin } from './gtin.ts';
export { PACKED_ALPHABET, PACKED_PAIR_BASE, packText, unpackText } from './packed-text.ts';
export { ENVELOPE_KEYS, BODY_CODECS, peekType, decodeClaims, parseClaims, encodeClaims, prepareClaims, sealClaims } from './wire.ts';
export type { BodyCodec, DecodeClaimsOptions } from './wire.ts';
export { custodyActor, partyCodesOf, ISSUER_REF } from './parcel.ts';
export type { PartyCodes } from './parcel.ts';
export { CLAIMS_ERROR_MESSAGES } from './errors.ts';
export type { ClaimsErrorCode, ClaimsError } from './errors.ts';
