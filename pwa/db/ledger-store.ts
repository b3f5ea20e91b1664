// Ledger operations on IndexedDB. Every receipt passes the supplied check (signature, trust,
// freshness) inside these functions, so no caller can put an unverified receipt in the ledger.
import {
  importLedger,
  ledgerOrderSchema,
  ledgerToCsv,
  mergeLedgersChecked,
  orderFromReceipt,
  serializeLedger,
  type LedgerContents,
  type LedgerImportResult,
  type LedgerOrder,
  type LedgerParcel,
  type ParcelCheck,
  type ReasonText,
  type RejectedOrder,
  type ReceiptCheck,
  syncEditsSchema,
  type SyncEdits,
} from '../../shared/ledger/index.ts';
import type { ReceiptClaims } from '../../shared/credential/claims/index.ts';
import { quotaYearOf } from './schema.ts';
import type { CrossCheckDatabase, StoredOrder } from './database.ts';

function stored(order: LedgerOrder, receiptClaims?: ReceiptClaims): StoredOrder {
  return { ...order, year: quotaYearOf(order), ...(receiptClaims && order.source === 'receipt' && { receiptClaims }) };
}

/** The order as the ledger format has it (what export, merge and the quota see). */
function plain(order: StoredOrder): LedgerOrder {
  const { year: _year, receiptClaims: _claims, ...rest } = order;
  return rest;
}

export type AddReceiptResult =
  | { ok: true; order: LedgerOrder; added: boolean }
  | { ok: false; reason: ReasonText };

/**
 * Verifies a receipt credential and records its order (once; a second add is a no-op), with the
 * verified claims when the check gives them. The check may be the answer of a verification just
 * made on screen (pwa/src/verification.ts verifiedAnswer), so one scan verifies once.
 */
export async function addReceipt(
  db: CrossCheckDatabase,
  payload: string,
  checkReceipt: ReceiptCheck,
  now: Date = new Date(),
): Promise<AddReceiptResult> {
  const check = await checkReceipt(payload);
  if (!check.ok) return { ok: false, reason: check.reason };
  return db.transaction('rw', db.orders, async () => {
    const existing = await db.orders.get(check.figures.orderId);
    if (existing) return { ok: true as const, order: plain(existing), added: false };
    const order = orderFromReceipt(payload, check.figures, now.toISOString());
    await db.orders.add(stored(order, check.claims));
    return { ok: true as const, order, added: true };
  });
}

export type ManualOrderInput = Pick<LedgerOrder, 'orderId' | 'orderedAt' | 'dutiableValueFen' | 'taxFen'> &
  Partial<Pick<LedgerOrder, 'merchant' | 'items' | 'paidFen'>>;

/** An order the consumer types in (bought where no receipt credential exists). */
export async function addManualOrder(
  db: CrossCheckDatabase,
  input: ManualOrderInput,
  now: Date = new Date(),
): Promise<{ ok: true; order: LedgerOrder } | { ok: false; field: string }> {
  const candidate = { ...input, items: input.items ?? [], source: 'manual', addedAt: now.toISOString() };
  const parsed = ledgerOrderSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, field: parsed.error.issues[0]?.path.join('.') ?? '' };
  const order = parsed.data;
  const added = await db.transaction('rw', db.orders, async () => {
    if (await db.orders.get(order.orderId)) return false;
    await db.orders.add(stored(order));
    return true;
  });
  return added ? { ok: true, order } : { ok: false, field: 'orderId' };
}

/** Records (or clears, with `undefined`) the date a return was filed for an order. */
export async function setReturned(db: CrossCheckDatabase, orderId: string, returnedOn: string | undefined, now = new Date()): Promise<void> {
  if (returnedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(returnedOn)) throw new RangeError('returnedOn: YYYY-MM-DD');
  await db.transaction('rw', db.orders, db.meta, async () => {
    const order = await db.orders.get(orderId);
    if (!order) return;
    const next = { ...order };
    if (returnedOn === undefined) delete next.returnedOn;
    else next.returnedOn = returnedOn;
    await db.orders.put(next);
    // Unmarking too: the shared ledger follows the later change (SYNC.md).
    await recordEdit(db, `return:${orderId}`, now);
  });
}

/**
 * "This is my parcel": records a scanned parcel and links it to an order. The parcel's customs
 * release time becomes the order's, which starts the return window.
 */
export async function linkParcel(
  db: CrossCheckDatabase,
  parcel: LedgerParcel,
  releasedAt?: string,
): Promise<void> {
  await db.transaction('rw', db.parcels, db.orders, async () => {
    await db.parcels.put(parcel);
    if (parcel.orderId === undefined || releasedAt === undefined) return;
    const order = await db.orders.get(parcel.orderId);
    if (order && (order.releasedAt === undefined || order.releasedAt > releasedAt)) {
      await db.orders.put(stored({ ...plain(order), releasedAt }, order.receiptClaims));
    }
  });
}

export async function saveOfficialFigure(db: CrossCheckDatabase, year: number, usedFen: number, now = new Date()): Promise<void> {
  if (!Number.isSafeInteger(usedFen) || usedFen < 0) throw new RangeError('usedFen: non-negative integer fen');
  await db.transaction('rw', db.officialFigures, db.meta, async () => {
    await db.officialFigures.put({ year, usedFen, enteredAt: now.toISOString() });
    await recordEdit(db, `figure:${year}`, now);
  });
}

export async function ledgerContents(db: CrossCheckDatabase): Promise<LedgerContents> {
  return db.transaction('r', db.orders, db.parcels, db.officialFigures, async () => ({
    orders: (await db.orders.toArray()).map(plain),
    parcels: await db.parcels.toArray(),
    officialFigures: await db.officialFigures.toArray(),
  }));
}

export async function exportLedgerJson(db: CrossCheckDatabase, now = new Date()): Promise<string> {
  return serializeLedger(await ledgerContents(db), now);
}

export async function exportLedgerCsv(db: CrossCheckDatabase): Promise<string> {
  return ledgerToCsv((await ledgerContents(db)).orders);
}

export interface ImportLedgerOptions {
  /**
   * The parcel check for this import, given the receipts verified so far in it (a restored parcel
   * is bound to a restored receipt). Without one, parcel records are refused (they cannot be verified).
   */
  parcelCheck?: (importedReceipts: readonly ReceiptClaims[]) => ParcelCheck;
  now?: Date;
}

/**
 * Imports a ledger file: receipts and parcels re-verified, merged so nothing valid already recorded
 * is lost and no hand-entered order changes a signed one; every refusal is in the result.
 */
export async function importLedgerJson(
  db: CrossCheckDatabase,
  text: string,
  checkReceipt: ReceiptCheck,
  options: ImportLedgerOptions = {},
): Promise<LedgerImportResult> {
  // The claims each receipt verified to, kept with its order (see StoredOrder.receiptClaims).
  const claimsOf = new Map<string, ReceiptClaims>();
  const importedClaims: ReceiptClaims[] = [];
  const imported = await importLedger(
    text,
    async (payload) => {
      const check = await checkReceipt(payload);
      if (check.ok && check.claims) {
        claimsOf.set(payload, check.claims);
        importedClaims.push(check.claims);
      }
      return check;
    },
    { ...(options.parcelCheck && { checkParcel: options.parcelCheck(importedClaims) }), ...(options.now && { now: options.now }) },
  );
  if (!imported.ok) return imported;
  const refused: RejectedOrder[] = [];
  await db.transaction('rw', db.orders, db.parcels, db.officialFigures, async () => {
    const rows = await db.orders.toArray();
    const current = {
      orders: rows.map(plain),
      parcels: await db.parcels.toArray(),
      officialFigures: await db.officialFigures.toArray(),
    };
    const { contents: merged, rejected } = mergeLedgersChecked(current, imported.value.contents);
    refused.push(...rejected);
    // A signed order that replaced a hand-entered one takes the claims it verified to.
    const kept = new Map(rows.map((o) => [o.orderId, o.source === 'receipt' ? o.receiptClaims : undefined]));
    await db.orders.bulkPut(merged.orders.map((o) => stored(o, kept.get(o.orderId) ?? (o.receipt ? claimsOf.get(o.receipt) : undefined))));
    await db.parcels.bulkPut(merged.parcels);
    await db.officialFigures.bulkPut(merged.officialFigures);
  });
  return refused.length ? { ok: true, value: { ...imported.value, rejected: [...imported.value.rejected, ...refused] } } : imported;
}

/** The meta row of the edit times the shared ledger merges by (shared/ledger sync.ts, SYNC.md). */
export const SYNC_EDITS_KEY = 'syncEdits';

/** When the user last changed what nobody signs, by key (`return:<id>`, `figure:<year>`, `owner`). */
export async function readEdits(db: CrossCheckDatabase): Promise<SyncEdits> {
  const parsed = syncEditsSchema.safeParse((await db.meta.get(SYNC_EDITS_KEY))?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Notes a change the user made on this device (a return marked or unmarked, a figure, the profile). */
export async function recordEdit(db: CrossCheckDatabase, key: string, at: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SYNC_EDITS_KEY, value: { ...(await readEdits(db)), [key]: at.toISOString() } });
  });
}

export async function getMeta<T>(db: CrossCheckDatabase, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta(db: CrossCheckDatabase, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Several values at once, in one transaction. */
export async function setMetas(db: CrossCheckDatabase, values: Record<string, unknown>): Promise<void> {
  await db.meta.bulkPut(Object.entries(values).map(([key, value]) => ({ key, value })));
}

export interface PersistenceApi {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/**
 * Asks the browser to keep our storage (Storage Standard `persist()`), once the ledger holds
 * something worth keeping. Returns whether storage is persistent; asks at most once per device.
 */
export async function ensurePersisted(db: CrossCheckDatabase, storage: PersistenceApi | undefined): Promise<boolean | undefined> {
  if (!storage?.persist) return undefined;
  if (await storage.persisted?.()) return true;
  if (await getMeta<boolean>(db, 'persistAsked')) return false;
  if ((await db.orders.count()) === 0) return undefined;
  await setMeta(db, 'persistAsked', true);
  return storage.persist();
}
