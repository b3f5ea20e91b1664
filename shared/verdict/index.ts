// Public API of the verdict: verify a credential against a trust bundle, the consumer's receipts,
// owner profile and page, and the clock; explain the result in zh-CN and en; give its tone.
export {
  verifyCredential,
  verifyReceipt,
  verifyListing,
  checkReceiptOffer,
  receiptResult,
  refusalOf,
  mainReason,
  CLOCK_SKEW_SECONDS,
  BUNDLE_TOO_OLD_FACTOR,
  type Verdict,
  type VerifyContext,
  type CheckState,
  type ReceiptCheckResult,
  type ReceiptRefusal,
  type ReceiptOfferResult,
} from './verify.ts';
export {
  REASONS,
  REASON_CODES,
  STATUS_MESSAGES,
  STATUS_PRECEDENCE,
  reason,
  statusFor,
  type Reason,
  type ReasonCode,
  type ReasonDetail,
  type Severity,
  type VerdictStatus,
} from './reasons.ts';
export { toneOf, STATUS_TONES, type Tone } from './tone.ts';
export {
  ownerProfileFromIdNumber,
  parseOwnerProfile,
  receiptOwnership,
  maskName,
  type OwnerProfile,
  type OwnerProfileError,
  type OwnerProfileErrorCode,
  type ReceiptOwnership,
} from './owner.ts';
export {
  pageContextOf,
  marketplaceOf,
  placementMatches,
  placementsText,
  MARKETPLACES,
  type PageContext,
  type Placement,
  type Marketplace,
  type IdRule,
} from './page.ts';
export { ledgerFiguresOf, ledgerReceiptCheck, reasonTextOf, RECEIPT_NO_TRUST, type ReceiptContext } from './ledger-receipts.ts';
export { ledgerParcelCheck, type ParcelContext } from './ledger-parcels.ts';
