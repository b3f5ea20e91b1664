// The consumer's import ledger as a portable, versioned JSON document (export, backup, moving
// between the PWA and the browser extension). Pure: no storage, no DOM — the apps keep the ledger
// in their own stores (IndexedDB, the extension's storage area) and use this module at the boundary.
//
// Trust model: a ledger file is user-controlled input. Orders that came from a signed receipt
// carry the receipt payload itself, and on import the figures are re-derived from the receipt
// after it verifies again (see import.ts) — the JSON's own figures for such orders are never
// believed. Manual orders are kept, marked manual, because the consumer typed them in.
// zod/mini: the tree-shakable form of zod 4 (same core and issue paths); only paths are reported.
import * as z from 'zod/mini';
import { ledgerError, type LedgerError } from './errors.ts';
import { err, ok, type Result } from '../result.ts';

export const LEDGER_FORMAT = 'crosscheck-ledger';
/** Bump when the document shape changes; older versions are migrated in `parseLedgerExport`. */
export const LEDGER_VERSION = 1;

/** Bounds for hostile files: far above any real household ledger, small enough to parse at once. */
export const LEDGER_LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  maxOrders: 5_000,
  maxParcels: 20_000,
  maxItemsPerOrder: 200,
  maxPayloadChars: 8_192,
  /** 10^11 fen = one billion yuan; keeps every sum a safe integer. */
  maxFen: 100_000_000_000,
} as const;

const fen = z.int().check(z.minimum(0), z.maximum(LEDGER_LIMITS.maxFen));
const text = (max: number) => z.string().check(z.maxLength(max));
const id = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const ledgerItemSchema = z.strictObject({
  name: text(512),
  quantity: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  /** Unit price as paid, without tax. */
  priceFen: fen,
});

export const ledgerOrderSchema = z.strictObject({
  orderId: id(128),
  /** `receipt`: figures come from a signed receipt credential; `manual`: typed in by the consumer. */
  source: z.enum(['receipt', 'manual']),
  /** The signed receipt (CC1:… payload); required when source is `receipt`. */
  receipt: z.optional(id(LEDGER_LIMITS.maxPayloadChars)),
  merchant: z.optional(text(256)),
  orderedAt: isoDateTime,
  /** What counts against the personal quota (完税价格: goods + freight + insurance). */
  dutiableValueFen: fen,
  /** The composite tax charged on the order (withheld by the platform). */
  taxFen: fen,
  paidFen: z.optional(fen),
  items: z.array(ledgerItemSchema).check(z.maxLength(LEDGER_LIMITS.maxItemsPerOrder)),
  /** Customs release of the 申报清单: starts the 30-day return window (海关总署公告2020年第45号). */
  releasedAt: z.optional(isoDateTime),
  /** The date the consumer says the return was filed through the platform. */
  returnedOn: z.optional(isoDate),
  addedAt: isoDateTime,
});

export const ledgerParcelSchema = z.strictObject({
  parcelId: id(256),
  /** The order this parcel belongs to ("this is my parcel"), when linked. */
  orderId: z.optional(id(128)),
  /** The signed parcel credential, kept so it can be re-verified later. */
  payload: id(LEDGER_LIMITS.maxPayloadChars),
  /** The verdict status when it was scanned (informative; re-verified on import). */
  status: text(64),
  scannedAt: isoDateTime,
});

export const officialFigureSchema = z.strictObject({
  year: z.int().check(z.minimum(2016), z.maximum(2100)),
  /** The "已消费额度" the consumer read on the Single Window quota look-up. */
  usedFen: fen,
  enteredAt: isoDateTime,
});

export const ledgerDocumentSchema = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  version: z.literal(LEDGER_VERSION),
  exportedAt: isoDateTime,
  orders: z.array(ledgerOrderSchema).check(z.maxLength(LEDGER_LIMITS.maxOrders)),
  parcels: z.array(ledgerParcelSchema).check(z.maxLength(LEDGER_LIMITS.maxParcels)),
  officialFigures: z.array(officialFigureSchema).check(z.maxLength(200)),
});

export type LedgerItem = z.infer<typeof ledgerItemSchema>;
export type LedgerOrder = z.infer<typeof ledgerOrderSchema>;
export type LedgerParcel = z.infer<typeof ledgerParcelSchema>;
export type OfficialFigure = z.infer<typeof officialFigureSchema>;
export type LedgerDocument = z.infer<typeof ledgerDocumentSchema>;

/** What a store holds; the document adds format, version and time. */
export interface LedgerContents {
  orders: LedgerOrder[];
  parcels: LedgerParcel[];
  officialFigures: OfficialFigure[];
}

export type LedgerParse = Result<LedgerDocument, LedgerError>;

/** The JSON text of a ledger export. Stable order (by time, then id) so two exports diff cleanly. */
export function serializeLedger(contents: LedgerContents, exportedAt: Date): string {
  const doc: LedgerDocument = {
    format: LEDGER_FORMAT,
    version: LEDGER_VERSION,
    exportedAt: exportedAt.toISOString(),
    orders: contents.orders.toSorted(
      (a, b) => a.orderedAt.localeCompare(b.orderedAt) || a.orderId.localeCompare(b.orderId),
    ),
    parcels: contents.parcels.toSorted(
      (a, b) => a.scannedAt.localeCompare(b.scannedAt) || a.parcelId.localeCompare(b.parcelId),
    ),
    officialFigures: contents.officialFigures.toSorted((a, b) => a.year - b.year),
  };
  return `${JSON.stringify(ledgerDocumentSchema.parse(doc), null, 2)}\n`;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * Parses and validates a ledger file. Structure only: receipts inside are verified by
 * `importLedger`, which needs the trust bundle. Every failure is a typed error, never a throw.
 */
export function parseLedgerExport(input: string): LedgerParse {
  if (typeof input !== 'string') return err(ledgerError('ledger/not-text'));
  // Cheap bound first: a UTF-16 length above the limit is certainly too many bytes.
  if (input.length > LEDGER_LIMITS.maxBytes || byteLength(input) > LEDGER_LIMITS.maxBytes) {
    return err(ledgerError('ledger/too-large'));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch {
    return err(ledgerError('ledger/not-json'));
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return err(ledgerError('ledger/not-a-ledger'));
  }
  const head = raw as { format?: unknown; version?: unknown };
  if (head.format !== LEDGER_FORMAT) return err(ledgerError('ledger/not-a-ledger'));
  if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1) {
    return err(ledgerError('ledger/invalid', 'version'));
  }
  if (head.version > LEDGER_VERSION) return err(ledgerError('ledger/version-unsupported'));
  const parsed = ledgerDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(ledgerError('ledger/invalid', issue ? issue.path.join('.') : undefined));
  }
  const doc = parsed.data;
  const ids = new Set<string>();
  // A hand-entered order may clash with a signed one: importLedger refuses that order alone (the
  // signed one wins), so one hostile entry does not cost the whole file.
  const bySource = { receipt: new Set<string>(), manual: new Set<string>() };
  for (const [i, order] of doc.orders.entries()) {
    if (bySource[order.source].has(order.orderId)) return err(ledgerError('ledger/duplicate-order', `orders.${i}`));
    bySource[order.source].add(order.orderId);
    ids.add(order.orderId);
    if (order.source === 'receipt' && !order.receipt) {
      return err(ledgerError('ledger/invalid', `orders.${i}.receipt`));
    }
  }
  const years = new Set<number>();
  for (const [i, fig] of doc.officialFigures.entries()) {
    if (years.has(fig.year)) return err(ledgerError('ledger/invalid', `officialFigures.${i}.year`));
    years.add(fig.year);
  }
  for (const [i, parcel] of doc.parcels.entries()) {
    if (parcel.orderId !== undefined && !ids.has(parcel.orderId)) {
      return err(ledgerError('ledger/unknown-order', `parcels.${i}.orderId`));
    }
  }
  return ok(doc);
}
