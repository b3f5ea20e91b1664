import { describe, expect, it } from 'vitest';
import {
  admitOrder,
  calendarYearUsage,
  parseQuotaEntries,
  QuotaError,
  reconcile,
  type AdmissionStatus,
  type QuotaEntry,
} from '../../../shared/quota/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';

describe('admitOrder (cbec-rules §1.4)', () => {
  it.each<[string, string, number, number, boolean, AdmissionStatus]>([
    ['exactly 5,000.00', '2024-05-01', 500_000, 0, false, 'within-limits'],
    ['5,000.01 with two articles', '2024-05-01', 500_001, 0, false, 'exceeds-single'],
    ['5,000.01, one indivisible article', '2024-05-01', 500_001, 0, true, 'single-item-full-tax'],
    ['one article of 25,999.99', '2024-05-01', 2_599_999, 0, true, 'single-item-full-tax'],
    ['one article of exactly 26,000.00 (49号: 低于 the annual limit)', '2024-05-01', 2_600_000, 0, true, 'exceeds-annual'],
    ['year reaches exactly 26,000.00', '2024-05-01', 100_000, 2_500_000, false, 'within-limits'],
    ['year passes 26,000.00 by one fen', '2024-05-01', 100_001, 2_500_000, false, 'exceeds-annual'],
    ['year full, 5,000.00 order', '2024-05-01', 500_000, 2_100_000, false, 'within-limits'],
    ['single article but year would pass', '2024-05-01', 600_000, 2_100_000, true, 'exceeds-annual'],
    ['zero-value order', '2024-05-01', 0, 0, false, 'within-limits'],
    ['2016 limits: exactly 2,000.00', '2017-05-01', 200_000, 0, false, 'within-limits'],
    ['2016 limits: 2,000.01', '2017-05-01', 200_001, 0, false, 'exceeds-single'],
    // 财关税〔2016〕18号 §三: general trade, full tax, not counted toward the year (counting came with 49号).
    ['2016 limits: one article of 2,000.01', '2017-05-01', 200_001, 0, true, 'single-item-general-trade'],
    ['2016 limits: one article of 2,000.01 with 19,000 used', '2017-05-01', 200_001, 1_900_000, true, 'single-item-general-trade'],
    ['2016 limits: year passes 20,000', '2017-05-01', 100_000, 1_950_000, false, 'exceeds-annual'],
    ['3,000 the day before the 2019 limits', '2018-12-31', 300_000, 0, false, 'exceeds-single'],
    ['3,000 the day the 2019 limits start', '2019-01-01', 300_000, 0, false, 'within-limits'],
  ])('%s → %s', (_label, date, value, used, single, status) => {
    const a = admitOrder({ date, dutiableValueFen: value, singleIndivisibleItem: single }, used);
    expect(a.status).toBe(status);
    expect(a.compositeTax).toBe(status === 'within-limits');
    expect(a.countsTowardYear).toBe(status === 'within-limits' || status === 'single-item-full-tax');
    expect(a.message.en.length).toBeGreaterThan(10);
    expect(a.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports the remaining annual quota and the rule that applied', () => {
    const a = admitOrder({ date: '2024-05-01', dutiableValueFen: 123_456, singleIndivisibleItem: false }, 1_000_000);
    expect(a.remainingAfterFen).toBe(2_600_000 - 1_000_000 - 123_456);
    expect(a.rule.id).toBe('quota.2019');
    expect(a.rule.source.instrument).toMatch(/49号/);
    const refused = admitOrder({ date: '2024-05-01', dutiableValueFen: 600_000, singleIndivisibleItem: false }, 1_000_000);
    expect(refused.remainingAfterFen).toBe(1_600_000);
  });

  it('is never within-limits above the per-order limit or past the annual limit (generated)', () => {
    const random = seededRandom(20_260_101);
    for (let i = 0; i < 5_000; i++) {
      const date = random() < 0.3 ? '2017-06-01' : '2024-06-01';
      const value = Math.floor(random() * 3_000_000);
      const used = Math.floor(random() * 2_700_000);
      const single = random() < 0.5;
      const a = admitOrder({ date, dutiableValueFen: value, singleIndivisibleItem: single }, used);
      if (value > a.perOrderLimitFen) expect(a.status).not.toBe('within-limits');
      if (used + value > a.annualLimitFen) expect(['exceeds-annual', 'single-item-general-trade']).toContain(a.status);
      if (a.status === 'single-item-full-tax') expect(single).toBe(true);
      if (a.countsTowardYear) expect(used + value).toBeLessThanOrEqual(a.annualLimitFen);
    }
  });
});

const order = (id: string, orderDate: string, releaseDate: string | undefined, fen: number, extra: object = {}): QuotaEntry => ({
  kind: 'order',
  id,
  orderDate,
  ...(releaseDate ? { releaseDate } : {}),
  dutiableValueFen: fen,
  itemCount: 1,
  ...extra,
});
const ret = (orderId: string, date: string, amountFen: number): QuotaEntry => ({ kind: 'return', orderId, date, amountFen });
const retBack = (orderId: string, date: string, amountFen: number, goodsBackDate: string): QuotaEntry => ({ kind: 'return', orderId, date, amountFen, goodsBackDate });

describe('calendarYearUsage', () => {
  const base = [order('a', '2024-02-20', '2024-03-01', 100_000), order('b', '2024-05-01', '2024-05-03', 50_000)];

  it.each<[string, QuotaEntry[], number, string]>([
    ['no returns', [], 150_000, ''],
    ['return on the last day of the window (release + 30)', [ret('a', '2024-03-31', 100_000)], 50_000, 'restored'],
    ['return the day after the window', [ret('a', '2024-04-01', 100_000)], 150_000, 'outside-window'],
    // 海关总署公告2020年第45号: the goods must also be back within 45 days of release (2024-03-01 + 45 = 2024-04-15).
    ['goods back on day 44 after release', [retBack('a', '2024-03-10', 100_000, '2024-04-14')], 50_000, 'restored'],
    ['goods back on day 45 after release', [retBack('a', '2024-03-10', 100_000, '2024-04-15')], 50_000, 'restored'],
    ['goods back on day 46 after release', [retBack('a', '2024-03-10', 100_000, '2024-04-16')], 150_000, 'outside-window'],
    ['partial return inside the window', [ret('a', '2024-03-10', 30_000)], 120_000, 'restored'],
    ['return larger than the order is capped', [ret('b', '2024-05-04', 90_000)], 100_000, 'restored'],
    ['a second return after a full one restores nothing', [ret('b', '2024-05-04', 50_000), ret('b', '2024-05-05', 1)], 100_000, 'nothing-left-to-restore'],
  ])('%s', (_label, extra, used, lastOutcome) => {
    const usage = calendarYearUsage([...base, ...extra], 2024);
    expect(usage.usedFen).toBe(used);
    const outcomes = usage.orders.flatMap((o) => o.returns.map((r) => r.outcome));
    if (lastOutcome) expect(outcomes.at(-1)).toBe(lastOutcome);
  });

  it('names the window and the rule for each return', () => {
    const usage = calendarYearUsage([...base, ret('a', '2024-03-31', 1)], 2024);
    expect(usage.orders[0]!.returns[0]).toMatchObject({ windowLastDay: '2024-03-31', goodsBackLastDay: '2024-04-15', ruleId: 'returns-window.2020' });
    const old = calendarYearUsage([order('x', '2019-06-01', '2019-06-02', 10_000), ret('x', '2019-07-02', 10_000)], 2019);
    expect(old.orders[0]!.returns[0]).toMatchObject({ windowLastDay: '2019-07-02', ruleId: 'returns-window.2016', outcome: 'restored' });
  });

  it('counts pending orders, not refused ones; a pending order’s return is a cancellation', () => {
    const ledger = [
      order('p', '2024-06-01', undefined, 70_000),
      order('r', '2024-06-01', undefined, 80_000, { status: 'refused' }),
      order('q', '2024-06-02', undefined, 10_000),
      ret('q', '2024-12-30', 10_000),
    ];
    const usage = calendarYearUsage(ledger, 2024);
    expect([usage.usedFen, usage.pendingFen, usage.releasedFen, usage.restoredFen]).toEqual([70_000, 80_000, 0, 10_000]);
  });

  it.each([
    ['release-date', 2023, 0],
    ['release-date', 2024, 100_000],
    ['order-date', 2023, 100_000],
    ['order-date', 2024, 0],
  ] as const)('year basis %s (OPEN-3): %i uses %i', (basis, year, used) => {
    const ledger = [order('n', '2023-12-30', '2024-01-02', 100_000)];
    expect(calendarYearUsage(ledger, year, { yearBasis: basis }).usedFen).toBe(used);
  });

  it('can count tax as well as value (OPEN-1)', () => {
    const ledger = [order('t', '2024-01-05', '2024-01-06', 100_000, { taxFen: 9_100 })];
    expect(calendarYearUsage(ledger, 2024).usedFen).toBe(100_000);
    expect(calendarYearUsage(ledger, 2024, { measure: 'dutiable-value-plus-tax' }).usedFen).toBe(109_100);
  });

  it('lists returns for unknown orders without restoring anything', () => {
    const usage = calendarYearUsage([...base, ret('ghost', '2024-05-05', 5_000)], 2024);
    expect(usage.usedFen).toBe(150_000);
    expect(usage.strayReturns).toEqual([{ orderId: 'ghost', date: '2024-05-05', amountFen: 5_000, restoredFen: 0, outcome: 'unknown-order' }]);
  });
});

describe('reconcile', () => {
  const ledger = [
    order('a', '2024-02-20', '2024-03-01', 100_000),
    order('b', '2024-05-01', '2024-05-03', 50_000),
    order('c', '2024-12-28', undefined, 20_000),
  ];

  it.each([
    ['matches released orders', 150_000, 'consistent', 0],
    ['includes the pending order', 170_000, 'consistent', 0],
    ['one fen more than the ledger explains', 170_001, 'unexplained-usage', 1],
    ['someone ordered 3,000 CNY under the identity', 470_000, 'unexplained-usage', 300_000],
    ['official is behind the ledger', 100_000, 'ledger-ahead', 0],
  ] as const)('%s', (_label, official, status, unexplained) => {
    const r = reconcile(official, ledger, 2024);
    expect([r.status, r.unexplainedFen]).toEqual([status, unexplained]);
    expect(r.advice.en.length).toBe(r.advice['zh-CN'].length);
  });

  it('tells the consumer what to do about unexplained usage, in both languages', () => {
    const r = reconcile(470_000, ledger, 2024);
    expect(r.advice.en.join(' ')).toMatch(/CN¥3,000\.00/);
    expect(r.advice.en.join(' ')).toMatch(/12360/);
    expect(r.advice.en.join(' ')).toMatch(/单一窗口/);
    expect(r.advice['zh-CN'].join('')).toMatch(/¥3,000\.00/);
    expect(r.advice['zh-CN'].join('')).toMatch(/12360/);
    expect(r.advice['zh-CN'].join('')).toMatch(/消费明细/);
  });

  it('refuses a negative official figure', () => {
    expect(() => reconcile(-1, ledger, 2024)).toThrow(QuotaError);
  });
});

describe('parseQuotaEntries', () => {
  it.each([
    [[{ kind: 'order', id: 'a', orderDate: '2024-02-30', dutiableValueFen: 1, itemCount: 1 }], /0\.orderDate/],
    [[{ kind: 'order', id: 'a', orderDate: '2024-02-01', dutiableValueFen: -1, itemCount: 1 }], /0\.dutiableValueFen/],
    [[{ kind: 'order', id: 'a', orderDate: '2024-02-01', dutiableValueFen: 1.5, itemCount: 1 }], /0\.dutiableValueFen/],
    [[{ kind: 'return', orderId: 'a', date: '2024-02-01' }], /0\.amountFen/],
    [[{ kind: 'gift' }], /0\.kind/],
    ['not a list', /ledger/],
  ])('refuses %j', (input, field) => {
    expect(() => parseQuotaEntries(input)).toThrow(field);
  });

  it('accepts a valid ledger', () => {
    const entries = [order('a', '2024-02-20', '2024-03-01', 100_000), ret('a', '2024-03-02', 100)];
    expect(parseQuotaEntries(JSON.parse(JSON.stringify(entries)))).toEqual(entries);
  });
});
