import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../ledger/sample-order.ts';
import { reconcileYear, whatIf, yearSummary } from '../../../pwa/src/quota-view.ts';

const order = sampleOrder;

const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('the ledger seen by shared/quota', () => {
  it.each([
    // name, orders, used, taxes
    ['two orders', [order('A'), order('B', { dutiableValueFen: 50_000, taxFen: 4_550 })], 150_000, 13_650],
    [
      'a return inside the 30-day window restores quota and tax',
      [order('A', { releasedAt: '2026-03-02T00:00:00+08:00', returnedOn: '2026-04-01' }), order('B')],
      100_000,
      9_100,
    ],
    [
      'a return one day after the window does not',
      [order('A', { releasedAt: '2026-03-02T00:00:00+08:00', returnedOn: '2026-04-02' })],
      100_000,
      9_100,
    ],
    ['an order released next year counts next year', [order('A', { orderedAt: '2026-12-30T10:00:00+08:00', releasedAt: '2027-01-02T10:00:00+08:00' })], 0, 0],
    ['an order of last year does not count', [order('A', { orderedAt: '2025-06-01T10:00:00+08:00' })], 0, 0],
  ])('%s', (_name, orders, usedFen, taxFen) => {
    const summary = yearSummary(orders, 2026, undefined, NOW);
    expect(summary.usage.usedFen).toBe(usedFen);
    expect(summary.taxFen).toBe(taxFen);
    expect(summary.annualLimitFen).toBe(2_600_000);
    expect(summary.perOrderLimitFen).toBe(500_000);
    expect(summary.remainingFen).toBe(2_600_000 - usedFen);
  });

  it.each([
    [0, 100_000, 'within-limits'],
    [2_550_000, 50_000, 'within-limits'],
    [2_550_000, 50_001, 'exceeds-annual'],
    [0, 500_001, 'exceeds-single'],
  ])('what-if with %i used: ¥%i → %s', (used, value, status) => {
    const summary = yearSummary(used ? [order('U', { dutiableValueFen: used })] : [], 2026, undefined, NOW);
    expect(whatIf(summary, value, undefined, NOW).status).toBe(status);
  });

  it('reconciles with the official figure', () => {
    const orders = [order('A', { releasedAt: '2026-03-02T00:00:00+08:00' })];
    expect(reconcileYear(orders, 100_000, 2026).status).toBe('consistent');
    const r = reconcileYear(orders, 350_000, 2026);
    expect(r.status).toBe('unexplained-usage');
    expect(r.unexplainedFen).toBe(250_000);
    expect(r.advice['zh-CN'].length).toBeGreaterThan(1);
  });
});
