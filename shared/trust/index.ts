// Public API of the trust bundle.
export {
  loadTrustBundle,
  openTrustBundle,
  keyStateAt,
  issuerHasRole,
  verifyWithCandidates,
  BUNDLE_LIMITS,
  TRUST_ERROR_MESSAGES,
  type RootKey,
  type TrustBundle,
  type TrustedKey,
  type TrustError,
  type TrustErrorCode,
  type KeyState,
  type BrandAuthorization,
  type RejectedAuthorization,
  type LoadOptions,
} from './bundle.ts';
export {
  AUTHORITY_FIELDS,
  authorityFindings,
  delegationsOf,
  maySpeakFor,
  originsOf,
  receiptOfferAllowed,
  type AuthorityField,
  type AuthorityFinding,
} from './authority.ts';
