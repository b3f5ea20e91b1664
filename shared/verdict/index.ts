// Public API of the verdict: verify a credential against a trust bundle, the consumer's receipts
// and the clock; explain the result in zh-CN and en.
export {
  verifyCredential,
  verifyReceipt,
  verifyListing,
  receiptResult,
  refusalOf,
  mainReason,
  CLOCK_SKEW_SECONDS,
  type Verdict,
  type VerifyContext,
  type CheckState,
  type ReceiptCheckResult,
  type ReceiptRefusal,
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
export { ledgerFiguresOf, ledgerReceiptCheck, reasonTextOf, RECEIPT_NO_TRUST, type ReceiptContext } from './ledger-receipts.ts';
