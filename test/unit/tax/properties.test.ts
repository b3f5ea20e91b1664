// Properties over many seeded random orders (test/harness/samples/tax-orders.ts): replayable by seed.
import { describe, expect, it } from 'vitest';
import { compareChannels, type ChannelComparison, type Order } from '../../../shared/tax/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';
import { generateOrder } from '../../harness/samples/tax-orders.ts';

const totals = (r: ChannelComparison) => [r.cbec.totalFen, r.generalTrade.totalFen, r.postal.assessedFen, r.postal.totalFen];

function raisePrice(order: Order, index: number, deltaFen: number): Order {
  return { ...order, items: order.items.map((line, i) => (i === index ? { ...line, priceFen: line.priceFen + deltaFen } : line)) };
}

describe('tax never decreases as a price rises', () => {
  it.each([
    ['multi-line orders without freight', 1, 4, false],
    ['single-line orders with freight and insurance', 2, 1, true],
  ])('%s (seed %i)', (_label, seed, maxItems, keepFreight) => {
    const random = seededRandom(seed);
    for (let n = 0; n < 1_500; n++) {
      const generated = generateOrder(random, { maxItems });
      const order: Order = keepFreight ? generated : { date: generated.date, items: generated.items };
      const used = random() < 0.5 ? 0 : Math.floor(random() * 2_600_000);
      const index = Math.floor(random() * order.items.length);
      const delta = 1 + Math.floor(random() * (random() < 0.5 ? 100 : 200_000));
      const before = totals(compareChannels(order, { usedThisYearFen: used }));
      const after = totals(compareChannels(raisePrice(order, index, delta), { usedThisYearFen: used }));
      after.forEach((value, channel) => expect(value, `seed ${seed} order ${n} channel ${channel}`).toBeGreaterThanOrEqual(before[channel]!));
    }
  });
  // Why not multi-line orders with freight: freight is shared by value, so raising one line's price
  // moves freight from a line taxed at, say, 23 % onto one taxed at 9.1 %; the order's total may
  // then fall by a few fen. That is what apportioning by value (18号 §一) implies, not a defect.
});

describe('invariants of every comparison', () => {
  it('holds over 3,000 generated orders', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 3_000; n++) {
      const order = generateOrder(random);
      const used = Math.floor(random() * 2_800_000);
      const r = compareChannels(order, { usedThisYearFen: used });
      const where = `order ${n}`;
      // Admission is never within-limits above the per-order limit or past the annual limit.
      if (r.dutiableValueFen > r.admission.perOrderLimitFen) expect(r.admission.status, where).not.toBe('within-limits');
      // (Before 2019 one indivisible article over the limit is general trade, outside the CBEC totals: 18号 §三.)
      if (used + r.dutiableValueFen > r.admission.annualLimitFen) expect(['exceeds-annual', 'single-item-general-trade'], where).toContain(r.admission.status);
      expect(r.cbec.regime === 'composite', where).toBe(r.admission.status === 'within-limits');
      // Composite CBEC tax never exceeds full taxation of the same goods.
      if (r.cbec.regime === 'composite') expect(r.cbec.totalFen, where).toBeLessThanOrEqual(r.generalTrade.totalFen);
      else expect(r.cbec.totalFen, where).toBe(r.generalTrade.totalFen);
      // Shares and lines add up exactly.
      expect(r.items.reduce((a, i) => a + i.freightShareFen, 0), where).toBe(r.freightFen);
      expect(r.items.reduce((a, i) => a + i.insuranceShareFen, 0), where).toBe(r.insuranceFen);
      expect(r.goodsValueFen + r.freightFen + r.insuranceFen, where).toBe(r.dutiableValueFen);
      for (const channel of [r.cbec, r.generalTrade]) {
        expect(channel.lines.reduce((a, l) => a + l.amountFen, 0), where).toBe(channel.totalFen);
        expect(channel.tariffFen + channel.consumptionTaxFen + channel.vatFen, where).toBe(channel.totalFen);
      }
      expect(r.postal.exempt, where).toBe(r.postal.assessedFen <= r.postal.exemptUpToFen);
      for (const v of [...totals(r), r.dutiableValueFen]) expect(Number.isSafeInteger(v) && v >= 0, where).toBe(true);
    }
  });
});
