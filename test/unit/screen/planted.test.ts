// End to end on a generated stream: every planted case is caught (recall 1.0 per rule), the
// honest traffic stays quiet except where the generator plants known noise, and state stays
// bounded by the population, not the stream.
import { describe, expect, it } from 'vitest';
import {
  PriceFiling,
  RULE_IDS,
  ScreenStream,
  ThreeRecords,
  priceFilingCheck,
  threeRecordCheck,
  checkOrder,
  createScreener,
  resolveConfig,
  type ScreenOutput,
} from '../../../shared/screen/index.ts';
import { generateOrders, scoreRules } from '../../harness/samples/screen-orders.ts';
import { order } from './fixtures.ts';

describe('generated stream with planted cases', () => {
  const generated = generateOrders({ orders: 20_000, seed: 42 });
  const resolved = resolveConfig({ watchlist: generated.watchlist });
  if (!resolved.ok) throw new Error(resolved.error.message);
  const text = generated.orders.map((g) => JSON.stringify(g.order)).join('\n');
  const outputs: ScreenOutput[] = [];
  // The side records beside the orders: the price filing, payment and logistics records.
  const filing = PriceFiling.fromRecords(generated.filings.map((value, i) => ({ line: 0, record: i + 1, value })));
  if (!filing.ok) throw new Error(filing.error[0]!.message);
  const records = new ThreeRecords();
  const rows = (xs: readonly unknown[]) => xs.map((value, i) => ({ line: i + 1, record: 0, value }));
  const recordErrors = [...records.addPayments(rows(generated.payments)), ...records.addLogistics(rows(generated.logistics))];
  if (recordErrors.length > 0) throw new Error(recordErrors[0]!.message);
  const checks = [priceFilingCheck(filing.value, resolved.value), threeRecordCheck(records, resolved.value)];
  const stream = new ScreenStream({ config: resolved.value, onOutput: (o) => outputs.push(o), checks });
  for (let i = 0; i < text.length; i += 65_536) stream.push(text.slice(i, i + 65_536));
  const summary = stream.end();
  const reasons = new Map(outputs.map((o) => [('orderId' in o ? o.orderId : ''), 'reasons' in o ? o.reasons : []]));
  const scores = scoreRules(generated.orders, (id) => reasons.get(id), RULE_IDS);

  it('reads every generated order', () => {
    expect(summary.orders).toBe(generated.orders.length);
    expect(summary.decisions.error).toBe(0);
  });

  it('plants at least one case for every rule', () => {
    for (const s of scores) expect(s.planted, s.rule).toBeGreaterThan(0);
  });

  it.each(RULE_IDS)('%s: recall 1.0 on the planted cases', (rule) => {
    const s = scores.find((x) => x.rule === rule)!;
    expect(s.truePositives, `${rule}: ${s.truePositives}/${s.planted}`).toBe(s.planted);
  });

  it('is precise except for the payer rules, whose known noise is gifts paid by a partner', () => {
    const gifts = generated.orders.filter((g) => g.pattern === 'gift').length;
    for (const s of scores) {
      if (s.rule === 'orderer-payer-mismatch' || s.rule === 'payment-payer-mismatch') {
        expect(s.fired - s.truePositives).toBe(gifts);
      } else {
        expect(s.precision, `${s.rule}: ${s.truePositives}/${s.fired}`).toBe(1);
      }
    }
  });

  it('is deterministic for a seed', () => {
    const again = generateOrders({ orders: 2_000, seed: 7 });
    const twice = generateOrders({ orders: 2_000, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(twice));
    expect(JSON.stringify(generateOrders({ orders: 2_000, seed: 8 }).orders[0])).not.toBe(JSON.stringify(again.orders[0]));
  });
});

describe('state', () => {
  it('grows with the orderers and addresses it remembers, not with the number of orders', () => {
    const screener = createScreener();
    const people = 50;
    const sizes: number[] = [];
    const start = Date.parse('2026-01-01T00:00:00+08:00');
    for (let i = 0; i < 40_000; i++) {
      const p = i % people;
      const checked = checkOrder({
        ...order({ orderId: `S${i}`, orderer: { idHash: `id${p}`, nameHash: `n${p}` }, payer: { idHash: `id${p}` }, recipient: { phoneHash: `ph${p}`, address: `地址${p}号楼` } }),
        // Two years of orders, so the sweep has expired years and windows to drop.
        time: new Date(start + i * 1_500_000).toISOString(),
      });
      if (!checked.ok) throw new Error(checked.error.message);
      screener.screen(checked.value);
      if (i % 10_000 === 9_999) sizes.push(screener.stateSize().orderers + screener.stateSize().recipients);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3 * people);
  }, 30_000);
});
