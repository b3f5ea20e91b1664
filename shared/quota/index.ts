// Public API of the quota core, used by the tax comparison, the PWA ledger and the extension.
export {
  admitOrder,
  type Admission,
  type AdmissionCandidate,
  type AdmissionStatus,
} from './admission.ts';
export { quotaEntries } from './from-ledger.ts';
export {
  calendarYearUsage,
  quotaEntrySchema,
  quotaOrderSchema,
  quotaReturnSchema,
  parseQuotaEntries,
  QUOTA_ERROR_MESSAGES,
  QuotaError,
  reconcile,
  type QuotaEntry,
  type QuotaOrder,
  type QuotaReturn,
  type OrderUsage,
  type QuotaErrorCode,
  type Reconciliation,
  type ReconciliationStatus,
  type ReturnCheck,
  type ReturnOutcome,
  type UsageOptions,
  type YearUsage,
} from './usage.ts';
