// Public API of the trust bundle.
export {
  loadTrustBundle,
  keyStateAt,
  issuerHasRole,
  verifyWithCandidates,
  hexOf,
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
