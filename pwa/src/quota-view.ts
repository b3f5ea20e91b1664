// The stored ledger seen through shared/quota: the consumer's orders become quota entries
// (shared/quota quotaEntries), and the year's usage, remaining quota, taxes and admission of a
// what-if order come from the pure core.
import { admitOrder, calendarYearUsage, quotaEntries, reconcile, type Admission, type Reconciliation, type YearUsage } from '../../shared/quota/index.ts';
import { chinaDate, defaultPolicy, type Policy } from '../../shared/policy/index.ts';
import type { LedgerOrder } from '../../shared/ledger/index.ts';

export interface YearSummary {
  year: number;
  usage: YearUsage;
  perOrderLimitFen: number;
  annualLimitFen: number;
  remainingFen: number;
  /** Taxes on the orders counted this year (returned orders' tax is refunded, so left out). */
  taxFen: number;
  /** The orders counted in this year, newest first. */
  orders: LedgerOrder[];
}

function limitDate(year: number, today: string): string {
  // The limits in force today for the current year, else those in force at the end of that year.
  return today.startsWith(String(year)) ? today : `${year}-12-31`;
}

export function yearSummary(orders: readonly LedgerOrder[], year: number, policy: Policy = defaultPolicy(), now = Date.now()): YearSummary {
  const usage = calendarYearUsage(quotaEntries(orders), year, { policy });
  const limits = policy.at(limitDate(year, chinaDate(now))).quota();
  const counted = new Map(usage.orders.map((u) => [u.orderId, u]));
  const inYear = orders
    .filter((o) => counted.has(o.orderId))
    .toSorted((a, b) => b.orderedAt.localeCompare(a.orderedAt));
  const taxFen = inYear.reduce((sum, o) => sum + (counted.get(o.orderId)!.countedFen > 0 ? o.taxFen : 0), 0);
  return {
    year,
    usage,
    perOrderLimitFen: limits.perOrderLimitFen,
    annualLimitFen: limits.annualLimitFen,
    remainingFen: Math.max(0, limits.annualLimitFen - usage.usedFen),
    taxFen,
    orders: inYear,
  };
}

/** "Can I still order ¥X?" — an order today of that value, against this year's usage. */
export function whatIf(summary: YearSummary, valueFen: number, policy: Policy = defaultPolicy(), now = Date.now()): Admission {
  return admitOrder({ date: chinaDate(now), dutiableValueFen: valueFen, singleIndivisibleItem: false }, summary.usage.usedFen, policy);
}

export function reconcileYear(orders: readonly LedgerOrder[], officialUsedFen: number, year: number, policy: Policy = defaultPolicy()): Reconciliation {
  return reconcile(officialUsedFen, quotaEntries(orders), year, { policy });
}
