// The consumer's ledger (shared/ledger, the stored and exported format) as quota entries. The one
// mapping both apps use, so the PWA and the extension count the same orders on the same dates.
import type { LedgerOrder } from '../ledger/format.ts';
import { chinaDate } from '../policy/dates.ts';
import type { QuotaEntry } from './usage.ts';

/**
 * One order entry per ledger order, dated in China time (the quota year is China's calendar
 * year), plus a return entry when the consumer marked the order returned: the apps record whole
 * orders as returned, so the return gives back the order's whole dutiable value.
 */
export function quotaEntries(orders: readonly LedgerOrder[]): QuotaEntry[] {
  const entries: QuotaEntry[] = [];
  for (const o of orders) {
    entries.push({
      kind: 'order',
      id: o.orderId,
      orderDate: chinaDate(o.orderedAt),
      ...(o.releasedAt ? { releaseDate: chinaDate(o.releasedAt) } : {}),
      dutiableValueFen: o.dutiableValueFen,
      // A receipt lists at least one line; a manual order may list none and is still one article.
      itemCount: Math.max(1, o.items.reduce((n, i) => n + i.quantity, 0)),
      taxFen: o.taxFen,
      ...(o.merchant ? { platform: o.merchant } : {}),
    });
    if (o.returnedOn) entries.push({ kind: 'return', orderId: o.orderId, date: o.returnedOn, amountFen: o.dutiableValueFen });
  }
  return entries;
}
