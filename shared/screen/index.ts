// Public API of the order screen (issue 7). See README.md in this folder.
export { orderSchema, orderItemSchema, checkOrder, type Order, type OrderItem, type ValidOrder, type OrderCheck } from './order.ts';
export {
  RULES,
  RULE_IDS,
  PRICE_FILING_RULES,
  THREE_RECORD_RULES,
  ROW_ERRORS,
  DEFAULT_CONFIG,
  resolveConfig,
  screenConfigSchema,
  type RuleId,
  type RuleDefinition,
  type RuleState,
  type Severity,
  type Decision,
  type ScreenConfig,
  type ScreenConfigInput,
  type RowErrorCode,
} from './rules.ts';
export { createScreener, mergeResults, rulesByState, type Screener, type ScreenerOptions, type ScreenResult, type ScreenCheck } from './engine.ts';
export { PriceFiling, priceFilingCheck, filingRowSchema, type FilingRow, type FilingError } from './price-filing.ts';
export {
  ThreeRecords,
  threeRecordCheck,
  paymentRecordSchema,
  logisticsRecordSchema,
  normaliseIdNumber,
  normaliseName,
  type PaymentRecord,
  type LogisticsRecord,
  type Party,
  type RecordError,
} from './three-records.ts';
export { readRecordFile, recordFormatOf, whereOf, type RecordFormat, type RawRecord, type RecordFileError } from './record-files.ts';
export { ScreenStream, ScreenInputError, screenSource, readOrderText, type InputFormat, type RowError, type ScreenOutput, type ScreenSummary, type ScreenStreamOptions } from './stream.ts';
export {
  createScreenState,
  encodeKeyState,
  decodeKeyState,
  snapshotLines,
  readSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type ScreenState,
  type StateKind,
  type OrdererState,
  type IdentityWindow,
  type SnapshotRead,
} from './state.ts';
export {
  KeyedScreener,
  KeyedConflictError,
  KeyedStateError,
  MemoryKeyedStore,
  screenSourceKeyed,
  encodeReasons,
  decodeReasons,
  type KeyedStateStore,
  type KeyedScreenerOptions,
  type KeyedSourceOptions,
  type StoredKey,
  type DoneEntry,
} from './keyed.ts';
export { LineSplitter, type LineSink } from './lines.ts';
export { normaliseAddress, AddressWatchlist } from './address.ts';
export { PRODUCT_CLASSES, classifyItem, unitGrams, type ProductClass } from './product-classes.ts';
export { ReportAccumulator, renderReport, escapeHtml, type ReportOptions } from './report.ts';
export { quotaLimitsAt, type QuotaLimits, type QuotaLimitsAt } from './limits.ts';
export { shanghaiYear } from './calendar.ts';
