// Orders evaluated per second: the full three-channel tax comparison with quota admission, and
// admission alone. The baseline, measured in the same run over the same orders, only sums
// price × quantity (integers; no float money even here), so the ratio says what exact arithmetic
// (integers while they stay exact, BigInt past 2^53), three channels, dated rules and itemised
// explanations cost on this machine.
import { admitOrder } from '../../../shared/quota/index.ts';
import { compareChannels } from '../../../shared/tax/index.ts';
import { seededRandom } from '../samples/seeded-random.ts';
import { generateOrder } from '../samples/tax-orders.ts';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const random = seededRandom(2_026);
  const orders = Array.from({ length: 512 }, () => generateOrder(random));
  const used = orders.map(() => Math.floor(random() * 2_600_000));
  const ms = ctx.quick ? 150 : 1_500;
  let sink = 0;

  const baseline = await opsPerSecond(() => {
    for (const order of orders) for (const item of order.items) sink += item.priceFen * item.quantity;
    return orders.length;
  }, ms);

  const comparison = await opsPerSecond(() => {
    orders.forEach((order, i) => {
      sink += compareChannels(order, { usedThisYearFen: used[i] }).cbec.totalFen;
    });
    return orders.length;
  }, ms);

  const admission = await opsPerSecond(() => {
    orders.forEach((order, i) => {
      const value = order.items.reduce((a, it) => a + it.priceFen * it.quantity, 0);
      const single = order.items.length === 1 && order.items[0]!.quantity === 1;
      sink += admitOrder({ date: order.date, dutiableValueFen: value, singleIndivisibleItem: single }, used[i]).remainingAfterFen;
    });
    return orders.length;
  }, ms);

  if (sink === Number.MIN_SAFE_INTEGER) ctx.log('unreachable: keeps the loops from being optimised away');
  const base = 'sum of price × quantity';
  return [
    { label: `baseline: ${base}, same orders`, value: baseline, unit: 'orders/s' },
    { label: 'compareChannels: 3 channels + admission', value: comparison, unit: 'orders/s', ratio: comparison / baseline, baseline: base },
    { label: 'admission only (admitOrder)', value: admission, unit: 'orders/s', ratio: admission / baseline, baseline: base },
  ];
}
