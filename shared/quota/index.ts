// Public API of the quota core, used by the tax comparison, the PWA ledger and the extension.
export {
  admitOrder,
  type Admission,
  type AdmissionCandidate,
  type AdmissionStatus,
} from './admission.ts';
export {
  calendarYearUsage,
  ledgerEntrySchema,
  ledgerOrderSchema,
  ledgerReturnSchema,
  parseLedger,
  QUOTA_ERROR_MESSAGES,
  QuotaError,
  reconcile,
  type LedgerEntry,
  type LedgerOrder,
  type LedgerReturn,
  type OrderUsage,
  type QuotaErrorCode,
  type Reconciliation,
  type ReconciliationStatus,
  type ReturnCheck,
  type ReturnOutcome,
  type UsageOptions,
  type YearUsage,
} from './ledger.ts';
