// Importing a ledger file: parse, then re-verify every receipt it carries. The caller supplies the
// receipt check (it needs the trust bundle and the clock), so this module stays pure and is shared
// by the PWA and the extension.
import type { ReceiptClaims } from '../credential/claims/index.ts';
import { ledgerError, type LedgerError } from './errors.ts';
import { ok, type Result } from '../result.ts';
import {
  parseLedgerExport,
  type LedgerContents,
  type LedgerItem,
  type LedgerOrder,
  type LedgerParcel,
  type OfficialFigure,
} from './format.ts';
import type { Localized } from '../text/localized.ts';

/** The figures a verified receipt credential states (signed by the merchant). */
export interface ReceiptFigures {
  orderId: string;
  merchant?: string;
  orderedAt: string;
  dutiableValueFen: number;
  taxFen: number;
  paidFen?: number;
  items: LedgerItem[];
}

export interface ReasonText extends Localized {
  code: string;
}

/**
 * Verifies one receipt payload. A check may also hand back the verified claims, for a store that
 * keeps them so later verdicts need no signature check of the receipt (shared/verdict).
 */
export type ReceiptCheck = (
  payload: string,
) => Promise<{ ok: true; figures: ReceiptFigures; claims?: ReceiptClaims } | { ok: false; reason: ReasonText }>;

export interface RejectedOrder {
  orderId: string;
  error: LedgerError;
  /** Why the receipt failed, from the verifier. */
  reason?: ReasonText;
}

/**
 * Verifies one parcel payload again (signature, issuer standing, binding): the parcel id and the
 * verdict status it has now, with its signed customs release time; or why it is refused.
 */
export type ParcelCheck = (
  payload: string,
) => Promise<{ ok: true; parcelId: string; status: string; releasedAt?: string } | { ok: false; reason: ReasonText }>;

export interface RejectedParcel {
  parcelId: string;
  error: LedgerError;
  reason?: ReasonText;
}

export interface RejectedFigure {
  year: number;
  error: LedgerError;
}

export interface ImportOptions {
  /** Re-verifies each parcel record. Without it no parcel record can be trusted: all are refused. */
  checkParcel?: ParcelCheck;
  /** The device clock: official figures entered after now + skew are refused. */
  now?: Date;
}

/** Tolerated clock difference between the device that wrote a file and this one. */
export const LEDGER_CLOCK_SKEW_MS = 300_000;

export interface LedgerImport {
  contents: LedgerContents;
  /** Orders left out (receipt failed, or a hand-entered order reusing a signed order's id). */
  rejected: RejectedOrder[];
  /** Parcel records left out (they did not verify again). */
  rejectedParcels: RejectedParcel[];
  /** Official figures left out (dated in the future). */
  rejectedFigures: RejectedFigure[];
  /** Orders whose JSON figures differed from their receipt (the receipt's figures were kept). */
  corrected: string[];
}

export type LedgerImportResult = Result<LedgerImport, LedgerError>;

function sameFigures(order: LedgerOrder, figures: ReceiptFigures): boolean {
  return (
    order.orderId === figures.orderId &&
    order.orderedAt === figures.orderedAt &&
    order.dutiableValueFen === figures.dutiableValueFen &&
    order.taxFen === figures.taxFen &&
    order.paidFen === figures.paidFen
  );
}

/** Builds the ledger order for a verified receipt; user-owned state (returns) is passed in. */
export function orderFromReceipt(
  payload: string,
  figures: ReceiptFigures,
  addedAt: string,
  userState: Pick<LedgerOrder, 'releasedAt' | 'returnedOn'> = {},
): LedgerOrder {
  const order: LedgerOrder = {
    orderId: figures.orderId,
    source: 'receipt',
    receipt: payload,
    orderedAt: figures.orderedAt,
    dutiableValueFen: figures.dutiableValueFen,
    taxFen: figures.taxFen,
    items: figures.items,
    addedAt,
  };
  if (figures.merchant !== undefined) order.merchant = figures.merchant;
  if (figures.paidFen !== undefined) order.paidFen = figures.paidFen;
  if (userState.releasedAt !== undefined) order.releasedAt = userState.releasedAt;
  if (userState.returnedOn !== undefined) order.returnedOn = userState.returnedOn;
  return order;
}

const CHECK_FAILED: ReasonText = { code: 'internal', en: 'The entry could not be checked.', 'zh-CN': '无法检查该条目。' };

/** An official figure is refused when entered after now (+ skew) or for a year after its entry. */
function futureFigure(fig: OfficialFigure, now: Date): boolean {
  const entered = Date.parse(fig.enteredAt);
  if (!(entered <= now.getTime() + LEDGER_CLOCK_SKEW_MS)) return true;
  // The year in China when it was entered: nobody reads next year's usage on the Single Window.
  return fig.year > new Date(entered + 8 * 3_600_000).getUTCFullYear();
}

/**
 * Parses a ledger file and re-verifies everything signed in it. Signed data decides: orders whose
 * receipt fails are left out; orders whose JSON figures disagree with their receipt take the
 * receipt's figures; a hand-entered order reusing a signed order's id is refused (its "return"
 * cannot touch the signed order); a signed order's release time comes from its verified parcels,
 * never from the JSON; parcel records are verified again (refused when they do not verify); official
 * figures dated in the future are refused. Each refusal is named; nothing that verifies is lost.
 */
export async function importLedger(
  text: string,
  checkReceipt: ReceiptCheck,
  options: ImportOptions = {},
): Promise<LedgerImportResult> {
  const parsed = parseLedgerExport(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const now = options.now ?? new Date();
  const signed: Array<{ order: LedgerOrder; payload: string; figures: ReceiptFigures }> = [];
  const rejected: RejectedOrder[] = [];
  const corrected: string[] = [];
  const signedIds = new Set<string>();
  // JSON order id → the id the receipt signs (parcels follow their order to its signed id).
  const renamed = new Map<string, string>();
  // Signed entries first, so no hand-entered order can take a signed order's place.
  for (const order of doc.orders) {
    if (order.source !== 'receipt') continue;
    let check: Awaited<ReturnType<ReceiptCheck>>;
    try {
      check = await checkReceipt(order.receipt ?? '');
    } catch {
      check = { ok: false, reason: CHECK_FAILED };
    }
    if (!check.ok) {
      rejected.push({ orderId: order.orderId, error: ledgerError('ledger/receipt-rejected'), reason: check.reason });
      continue;
    }
    if (signedIds.has(check.figures.orderId)) {
      rejected.push({ orderId: order.orderId, error: ledgerError('ledger/duplicate-order') });
      continue;
    }
    if (!sameFigures(order, check.figures)) corrected.push(order.orderId);
    signed.push({ order, payload: order.receipt!, figures: check.figures });
    signedIds.add(check.figures.orderId);
    renamed.set(order.orderId, check.figures.orderId);
  }
  const manual: LedgerOrder[] = [];
  for (const order of doc.orders) {
    if (order.source !== 'manual') continue;
    if (signedIds.has(order.orderId)) {
      rejected.push({ orderId: order.orderId, error: ledgerError('ledger/unsigned-reuses-signed') });
      continue;
    }
    const { receipt: _ignored, ...kept } = order;
    manual.push(kept);
    renamed.set(order.orderId, order.orderId);
  }

  const parcels: LedgerParcel[] = [];
  const rejectedParcels: RejectedParcel[] = [];
  // The earliest verified customs release among each signed order's parcels.
  const releasedOf = new Map<string, string>();
  for (const p of doc.parcels) {
    if (!options.checkParcel) {
      rejectedParcels.push({ parcelId: p.parcelId, error: ledgerError('ledger/parcel-unverified') });
      continue;
    }
    let check: Awaited<ReturnType<ParcelCheck>>;
    try {
      check = await options.checkParcel(p.payload);
    } catch {
      check = { ok: false, reason: CHECK_FAILED };
    }
    if (check.ok && check.parcelId !== p.parcelId) {
      check = { ok: false, reason: { code: 'parcel.id-mismatch', en: 'The record names another parcel than its signed payload.', 'zh-CN': '记录中的包裹号与其签名内容不符。' } };
    }
    if (!check.ok) {
      rejectedParcels.push({ parcelId: p.parcelId, error: ledgerError('ledger/parcel-rejected'), reason: check.reason });
      continue;
    }
    const orderId = p.orderId === undefined ? undefined : renamed.get(p.orderId);
    const record: LedgerParcel = { parcelId: p.parcelId, payload: p.payload, status: check.status, scannedAt: p.scannedAt };
    if (orderId !== undefined) {
      record.orderId = orderId;
      const r = check.releasedAt;
      const earliest = releasedOf.get(orderId);
      if (r !== undefined && signedIds.has(orderId) && (earliest === undefined || Date.parse(earliest) > Date.parse(r))) releasedOf.set(orderId, r);
    }
    parcels.push(record);
  }

  const orders: LedgerOrder[] = signed.map(({ order, payload, figures }) => {
    const state: Pick<LedgerOrder, 'releasedAt' | 'returnedOn'> = {};
    const released = releasedOf.get(figures.orderId);
    if (released !== undefined) state.releasedAt = released;
    if (order.releasedAt !== released && !corrected.includes(order.orderId)) corrected.push(order.orderId);
    if (order.returnedOn !== undefined) state.returnedOn = order.returnedOn;
    return orderFromReceipt(payload, figures, order.addedAt, state);
  });
  orders.push(...manual);

  const officialFigures: OfficialFigure[] = [];
  const rejectedFigures: RejectedFigure[] = [];
  for (const fig of doc.officialFigures) {
    if (futureFigure(fig, now)) rejectedFigures.push({ year: fig.year, error: ledgerError('ledger/figure-from-the-future', `officialFigures.${fig.year}`) });
    else officialFigures.push(fig);
  }
  return ok({ contents: { orders, parcels, officialFigures }, rejected, rejectedParcels, rejectedFigures, corrected });
}

export interface LedgerMerge {
  contents: LedgerContents;
  /** What the merge refused or replaced, named. */
  rejected: RejectedOrder[];
}

/**
 * Merges an imported ledger into the current one. Signed data decides: a hand-entered order never
 * changes a signed one with the same id (refused, named), a signed order replaces a hand-entered
 * one. Otherwise nothing already recorded is lost: existing orders stay, imported ones are added;
 * a return recorded on either side is kept; the newer entry of the official figure for a year wins.
 */
export function mergeLedgersChecked(current: LedgerContents, incoming: LedgerContents): LedgerMerge {
  const rejected: RejectedOrder[] = [];
  const orders = new Map(current.orders.map((o) => [o.orderId, o]));
  for (const o of incoming.orders) {
    const mine = orders.get(o.orderId);
    if (!mine) {
      orders.set(o.orderId, o);
      continue;
    }
    if (mine.source === 'receipt' && o.source === 'manual') {
      rejected.push({ orderId: o.orderId, error: ledgerError('ledger/unsigned-reuses-signed') });
      continue;
    }
    if (mine.source === 'manual' && o.source === 'receipt') {
      orders.set(o.orderId, o);
      rejected.push({ orderId: o.orderId, error: ledgerError('ledger/manual-replaced-by-receipt') });
      continue;
    }
    const merged: LedgerOrder = { ...mine };
    if (merged.returnedOn === undefined && o.returnedOn !== undefined) merged.returnedOn = o.returnedOn;
    if (merged.releasedAt === undefined && o.releasedAt !== undefined) merged.releasedAt = o.releasedAt;
    orders.set(o.orderId, merged);
  }
  const parcels = new Map(current.parcels.map((p) => [p.parcelId, p]));
  for (const p of incoming.parcels) {
    const mine = parcels.get(p.parcelId);
    if (!mine) parcels.set(p.parcelId, p);
    else if (mine.orderId === undefined && p.orderId !== undefined) parcels.set(p.parcelId, { ...mine, orderId: p.orderId });
  }
  const figures = new Map<number, OfficialFigure>(current.officialFigures.map((f) => [f.year, f]));
  for (const f of incoming.officialFigures) {
    const mine = figures.get(f.year);
    if (!mine || mine.enteredAt < f.enteredAt) figures.set(f.year, f);
  }
  return {
    contents: { orders: [...orders.values()], parcels: [...parcels.values()], officialFigures: [...figures.values()] },
    rejected,
  };
}

/** mergeLedgersChecked's contents (for callers that do not report what was refused). */
export function mergeLedgers(current: LedgerContents, incoming: LedgerContents): LedgerContents {
  return mergeLedgersChecked(current, incoming).contents;
}
