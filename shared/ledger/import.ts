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

export interface LedgerImport {
  contents: LedgerContents;
  rejected: RejectedOrder[];
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

/**
 * Parses a ledger file and re-verifies each receipt. Orders whose receipt fails are left out and
 * reported; orders whose JSON figures disagree with their receipt take the receipt's figures.
 */
export async function importLedger(text: string, checkReceipt: ReceiptCheck): Promise<LedgerImportResult> {
  const parsed = parseLedgerExport(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const orders: LedgerOrder[] = [];
  const rejected: RejectedOrder[] = [];
  const corrected: string[] = [];
  const kept = new Set<string>();
  for (const order of doc.orders) {
    if (order.source === 'manual') {
      const { receipt: _ignored, ...manual } = order;
      orders.push(manual);
      kept.add(order.orderId);
      continue;
    }
    let check: Awaited<ReturnType<ReceiptCheck>>;
    try {
      check = await checkReceipt(order.receipt ?? '');
    } catch {
      check = { ok: false, reason: { code: 'internal', en: 'The receipt could not be checked.', 'zh-CN': '无法检查该收据。' } };
    }
    if (!check.ok) {
      rejected.push({ orderId: order.orderId, error: ledgerError('ledger/receipt-rejected'), reason: check.reason });
      continue;
    }
    if (!sameFigures(order, check.figures)) corrected.push(order.orderId);
    if (kept.has(check.figures.orderId)) {
      rejected.push({ orderId: order.orderId, error: ledgerError('ledger/duplicate-order') });
      continue;
    }
    const state: Pick<LedgerOrder, 'releasedAt' | 'returnedOn'> = {};
    if (order.releasedAt !== undefined) state.releasedAt = order.releasedAt;
    if (order.returnedOn !== undefined) state.returnedOn = order.returnedOn;
    orders.push(orderFromReceipt(order.receipt!, check.figures, order.addedAt, state));
    kept.add(check.figures.orderId);
  }
  const parcels: LedgerParcel[] = doc.parcels.map((p) => {
    if (p.orderId === undefined || kept.has(p.orderId)) return p;
    const { orderId: _dropped, ...unlinked } = p;
    return unlinked;
  });
  return ok({ contents: { orders, parcels, officialFigures: doc.officialFigures }, rejected, corrected });
}

/**
 * Merges an imported ledger into the current one. Nothing already recorded is lost: existing
 * orders stay, imported ones are added; a return recorded on either side is kept; the newer entry
 * of the official figure for a year wins.
 */
export function mergeLedgers(current: LedgerContents, incoming: LedgerContents): LedgerContents {
  const orders = new Map(current.orders.map((o) => [o.orderId, o]));
  for (const o of incoming.orders) {
    const mine = orders.get(o.orderId);
    if (!mine) {
      orders.set(o.orderId, o);
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
  return { orders: [...orders.values()], parcels: [...parcels.values()], officialFigures: [...figures.values()] };
}
