import { describe, expect, it } from 'vitest';
import type { LedgerOrder } from '../../../shared/ledger/index.ts';
import { sampleOrder } from '../ledger/sample-order.ts';
import { calendarYearUsage, quotaEntries, type QuotaEntry } from '../../../shared/quota/index.ts';

const order = sampleOrder;

describe('quotaEntries: the stored ledger as the quota counts it', () => {
  it.each<[string, LedgerOrder[], QuotaEntry[]]>([
    [
      'an order, its release and a return marked by the consumer (a whole-order return)',
      [order('A', { releasedAt: '2026-03-03T01:00:00Z', returnedOn: '2026-03-20', merchant: 'Shop' })],
      [
        { kind: 'order', id: 'A', orderDate: '2026-03-01', releaseDate: '2026-03-03', dutiableValueFen: 100_000, itemCount: 2, taxFen: 9_100, platform: 'Shop' },
        { kind: 'return', orderId: 'A', date: '2026-03-20', amountFen: 100_000 },
      ],
    ],
    [
      'an order placed just before midnight UTC on 31 December is a January order in China',
      [order('B', { orderedAt: '2025-12-31T16:30:00Z' })],
      [{ kind: 'order', id: 'B', orderDate: '2026-01-01', dutiableValueFen: 100_000, itemCount: 2, taxFen: 9_100 }],
    ],
    [
      'a manual order without item lines is still one article',
      [order('C', { items: [] })],
      [{ kind: 'order', id: 'C', orderDate: '2026-03-01', dutiableValueFen: 100_000, itemCount: 1, taxFen: 9_100 }],
    ],
    ['no orders, no entries', [], []],
  ])('%s', (_name, orders, expected) => {
    expect(quotaEntries(orders)).toEqual(expected);
  });

  it('the entries feed the year arithmetic: release in the next China year counts there', () => {
    const entries = quotaEntries([order('A', { orderedAt: '2026-12-31T10:00:00+08:00', releasedAt: '2026-12-31T17:00:00Z' })]);
    expect(calendarYearUsage(entries, 2026).usedFen).toBe(0);
    expect(calendarYearUsage(entries, 2027).usedFen).toBe(100_000);
  });
});
