// Order screening (issue 7): throughput on one core and each rule's precision and recall on a
// seeded stream with planted cases. Goal: 1,000,000 orders per minute on one core (16,667/s).
// Baseline: JSON.parse of the same lines in the same run, since a screen can never be faster
// than reading its input.
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';
import {
  RULE_IDS,
  ScreenStream,
  checkOrder,
  createScreener,
  resolveConfig,
  type RuleId,
  type ValidOrder,
} from '../../../shared/screen/index.ts';
import { generateOrders, scoreRules } from '../samples/screen-orders.ts';

const GOAL_PER_SECOND = 1_000_000 / 60;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.quick ? 20_000 : 100_000;
  const ms = ctx.quick ? 300 : 3_000;
  const generated = generateOrders({ orders: n, seed: 20_260_101 });
  const resolved = resolveConfig({ watchlist: generated.watchlist });
  if (!resolved.ok) throw new Error(resolved.error.message);
  const config = resolved.value;
  const lines = generated.orders.map((g) => JSON.stringify(g.order));
  const orders = lines.length;
  ctx.log(`screen: ${orders} orders (${generated.orders.filter((g) => g.expected.length > 0).length} with planted risks), ${(lines.reduce((s, l) => s + l.length + 1, 0) / 1e6).toFixed(1)} M chars`);

  // The input as a stream delivers it: 256 K chunks that cut lines anywhere.
  const text = `${lines.join('\n')}\n`;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 1 << 18) chunks.push(text.slice(i, i + (1 << 18)));

  const validated: ValidOrder[] = lines.map((l) => {
    const c = checkOrder(JSON.parse(l));
    if (!c.ok) throw new Error(`generator produced an invalid order: ${c.error.message}`);
    return c.value;
  });

  let sink = 0;
  const baseline = await opsPerSecond(() => {
    for (const l of lines) sink += (JSON.parse(l) as { paidFen: number }).paidFen & 1;
    return orders;
  }, ms);
  const parseValidate = await opsPerSecond(() => {
    for (const l of lines) sink += checkOrder(JSON.parse(l)).ok ? 1 : 0;
    return orders;
  }, ms);
  const engineOnly = await opsPerSecond(() => {
    // A fresh screener per pass: replaying the same orders into one would change what they mean.
    const screener = createScreener({ config });
    for (const o of validated) sink += screener.screen(o).reasons.length;
    return orders;
  }, ms);
  const fullStream = await opsPerSecond(() => {
    let out = 0;
    const stream = new ScreenStream({
      config,
      onOutput: (o) => {
        out += JSON.stringify(o).length;
      },
    });
    for (const c of chunks) stream.push(c);
    stream.end();
    sink += out;
    return orders;
  }, ms);
  if (sink === -1) ctx.log('unreachable');

  // Precision and recall: one pass with the default rules, scored against the planted labels.
  const reasons = new Map<string, readonly RuleId[]>();
  const screener = createScreener({ config });
  for (const o of validated) {
    const r = screener.screen(o);
    if (r.reasons.length > 0) reasons.set(r.orderId, r.reasons);
  }
  const scores = scoreRules(generated.orders, (id) => reasons.get(id), RULE_IDS);

  const perMinute = fullStream * 60;
  const rows: BenchRow[] = [
    { label: 'baseline: JSON.parse of the order lines', value: baseline, unit: 'orders/s' },
    { label: 'JSON.parse + zod validation', value: parseValidate, unit: 'orders/s', ratio: parseValidate / baseline, baseline: 'JSON.parse' },
    { label: 'rules engine alone (validated orders)', value: engineOnly, unit: 'orders/s', ratio: engineOnly / baseline, baseline: 'JSON.parse' },
    { label: 'full stream: split + parse + validate + rules + output', value: fullStream, unit: 'orders/s', ratio: fullStream / baseline, baseline: 'JSON.parse' },
    { label: 'full stream per minute (goal 1,000,000 on one core)', value: perMinute, unit: 'orders/min', ratio: fullStream / GOAL_PER_SECOND, baseline: 'goal' },
  ];
  for (const s of scores) {
    rows.push({ label: `${s.rule}: precision (${s.truePositives}/${s.fired} fired)`, value: s.precision, unit: '' });
    rows.push({ label: `${s.rule}: recall (${s.truePositives}/${s.planted} planted)`, value: s.recall, unit: '' });
  }
  return rows;
}
