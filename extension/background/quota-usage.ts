// From the stored ledger (shared/ledger's export format, the same as the PWA's) to the quota
// core's entries (shared/quota), and this year's usage and reconciliation.
import type { LedgerContents } from '../../shared/ledger/index.ts';
import type { Policy } from '../../shared/policy/index.ts';
import { calendarYearUsage, reconcile, type LedgerEntry } from '../../shared/quota/index.ts';

/** Shanghai calendar date of an instant: the customs year is China's calendar year (UTC+8, no DST). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function quotaEntries(contents: LedgerContents): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const order of contents.orders) {
    const orderDate = chinaDate(new Date(order.orderedAt));
    const itemCount = Math.max(1, order.items.reduce((n, i) => n + i.quantity, 0));
    entries.push({
      kind: 'order',
      id: order.orderId,
      orderDate,
      ...(order.releasedAt ? { releaseDate: chinaDate(new Date(order.releasedAt)) } : {}),
      dutiableValueFen: order.dutiableValueFen,
      itemCount,
      taxFen: order.taxFen,
    });
    // A return marked in the ledger returns the whole order (the PWA records whole-order returns).
    if (order.returnedOn) {
      entries.push({ kind: 'return', orderId: order.orderId, date: order.returnedOn, amountFen: order.dutiableValueFen });
    }
  }
  return entries;
}

export interface QuotaState {
  year: number;
  usedFen: number;
  annualLimitFen: number;
  perOrderLimitFen: number;
  remainingFen: number;
  officialUsedFen: number | null;
  unexplainedFen: number | null;
}

export function quotaState(contents: LedgerContents, now: Date, policy: Policy): QuotaState {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const entries = quotaEntries(contents);
  const usage = calendarYearUsage(entries, year, { policy });
  const quota = policy.at(today).quota();
  const official = contents.officialFigures.find((f) => f.year === year);
  const reconciliation = official ? reconcile(official.usedFen, entries, year, { policy }) : undefined;
  return {
    year,
    usedFen: usage.usedFen,
    annualLimitFen: quota.annualLimitFen,
    perOrderLimitFen: quota.perOrderLimitFen,
    remainingFen: Math.max(0, quota.annualLimitFen - usage.usedFen),
    officialUsedFen: official?.usedFen ?? null,
    unexplainedFen: reconciliation ? reconciliation.unexplainedFen : null,
  };
}
