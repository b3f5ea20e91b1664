// The keyed state behind the screen: whichever store keeps it (memory, a snapshot file, a keyed
// store loaded and committed per key), the decisions are those of one in-memory run.
import { describe, expect, it } from 'vitest';
import {
  KeyedScreener,
  MemoryKeyedStore,
  createScreener,
  decodeKeyState,
  encodeKeyState,
  readOrderText,
  readSnapshot,
  resolveConfig,
  screenSourceKeyed,
  snapshotLines,
  type ScreenOutput,
  type ScreenResult,
  type ValidOrder,
} from '../../../shared/screen/index.ts';
import { generateOrders } from '../../harness/samples/screen-orders.ts';
import { checkOrder } from '../../../shared/screen/order.ts';

const generated = generateOrders({ orders: 6_000, seed: 7 });
const resolved = resolveConfig({ watchlist: generated.watchlist });
if (!resolved.ok) throw new Error(resolved.error.message);
const config = resolved.value;
const orders: ValidOrder[] = generated.orders.map((g) => {
  const c = checkOrder(JSON.parse(JSON.stringify(g.order)));
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
});
const oneRun: ScreenResult[] = (() => {
  const screener = createScreener({ config });
  return orders.map((o) => screener.screen(o));
})();

describe('screen state', () => {
  it('flags enough planted orders for the comparisons below to mean something', () => {
    expect(oneRun.filter((r) => r.decision !== 'pass').length).toBeGreaterThan(50);
  });

  it('restores a snapshot so that two halves give the decisions of one run', () => {
    const half = 2_345;
    const first = createScreener({ config });
    const a = orders.slice(0, half).map((o) => first.screen(o));
    const text = [...snapshotLines(first.state)].join('\n');
    const read = readSnapshot(text);
    if (!read.ok) throw new Error(read.error.message);
    const second = createScreener({ config, state: read.value });
    const b = orders.slice(half).map((o) => second.screen(o));
    expect([...a, ...b]).toEqual(oneRun);
  });

  it('keeps the sweep clock in the snapshot, so a restored run sweeps where one run would', () => {
    const screener = createScreener({ config });
    for (const o of orders.slice(0, 100)) screener.screen(o);
    const read = readSnapshot([...snapshotLines(screener.state)].join('\n'));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.clock).toEqual(screener.state.clock);
    expect(read.value.orderers.size).toBe(screener.state.orderers.size);
  });

  it('reports a bad snapshot line by its number', () => {
    const good = [...snapshotLines(createScreener({ config }).state)];
    expect(readSnapshot('')).toMatchObject({ ok: false, error: { line: 1 } });
    expect(readSnapshot('{"format":"other"}')).toMatchObject({ ok: false, error: { line: 1 } });
    expect(readSnapshot([...good, '{"o":"x","s":{"c":{"y":2026,"f":-1}}}'].join('\n'))).toMatchObject({ ok: false, error: { line: 2, message: expect.stringContaining('orderer x') } });
    expect(readSnapshot([...good, '', '{"a":"addr","w":[1,"x"]}'].join('\n'))).toMatchObject({ ok: false, error: { line: 3 } });
    expect(readSnapshot([...good, 'nope'].join('\n'))).toMatchObject({ ok: false, error: { line: 2, message: expect.stringContaining('not JSON') } });
  });
});

describe('one key as JSON (a Redis hash field)', () => {
  it('round-trips every key of a run and refuses records that are not state', () => {
    const screener = createScreener({ config });
    for (const o of orders.slice(0, 2_000)) screener.screen(o);
    for (const [id, s] of screener.state.orderers) {
      const back = decodeKeyState('orderer', encodeKeyState('orderer', s));
      expect(back).toEqual({ ok: true, value: s });
      if (!back.ok) throw new Error(id);
    }
    for (const w of screener.state.addresses.values()) expect(decodeKeyState('address', encodeKeyState('address', w))).toEqual({ ok: true, value: w });
    const bad: [kind: 'orderer' | 'phone', text: string, message: RegExp][] = [
      ['orderer', '{', /not JSON/],
      ['orderer', '{"c":{"y":"2026","f":0}}', /c\.y/],
      ['orderer', '{"c":{"y":2026,"f":-5}}', /c\.f/],
      ['orderer', '{"c":{"y":2026,"f":0},"k":{"S":[1,2,3]}}', /pairs/],
      ['orderer', '{"c":{"y":2026,"f":0},"x":1}', /x|Unrecognized/],
      ['phone', '["id",1,"id2"]', /pairs/],
      ['phone', '[1,"id"]', /pairs/],
    ];
    for (const [kind, text, message] of bad) expect(decodeKeyState(kind, text)).toMatchObject({ ok: false, error: expect.stringMatching(message) });
  });
});

describe('keyed screener', { timeout: 60_000 }, () => {
  const inBatches = async (keyed: KeyedScreener, list: readonly ValidOrder[], size: number) => {
    const out: ScreenResult[] = [];
    for (let i = 0; i < list.length; i += size) out.push(...(await keyed.screenBatch(list.slice(i, i + size))));
    return out;
  };

  it('gives the in-memory decisions, in batches of any size', async () => {
    for (const size of [7, 2_000]) {
      const keyed = new KeyedScreener({ config, store: new MemoryKeyedStore() });
      expect(await inBatches(keyed, orders, size)).toEqual(oneRun);
    }
  });

  it('counts an order fed twice once and replays its decision', async () => {
    const store = new MemoryKeyedStore();
    const half = 3_000;
    const a = await inBatches(new KeyedScreener({ config, store }), orders.slice(0, half + 700), 500);
    // A restart that feeds 1,000 orders again, then the rest.
    const b = await inBatches(new KeyedScreener({ config, store }), orders.slice(half), 500);
    expect([...a.slice(0, half), ...b]).toEqual(oneRun);
  });

  it('does not trust its cache of keys it wrote for an order fed again in the same process', async () => {
    const keyed = new KeyedScreener({ config, store: new MemoryKeyedStore() });
    const a = await inBatches(keyed, orders.slice(0, 3_700), 500);
    const b = await inBatches(keyed, orders.slice(3_000), 500);
    expect([...a.slice(0, 3_000), ...b]).toEqual(oneRun);
  });

  it('redoes a key whose compare-and-set lost to another writer', async () => {
    const store = new MemoryKeyedStore();
    store.conflicts = 200;
    expect(await inBatches(new KeyedScreener({ config, store }), orders, 256)).toEqual(oneRun);
    expect(store.conflicts).toBe(0);
  });

  it('reads a source in batches, errors in place with their line numbers', async () => {
    const lines = orders.slice(0, 300).map((o) => JSON.stringify(generated.orders.find((g) => g.order.orderId === o.orderId)!.order));
    lines.splice(10, 0, '{not json');
    lines.splice(200, 0, '{"orderId":"bad-1"}');
    const outputs: ScreenOutput[] = [];
    const summary = await screenSourceKeyed([`${lines.join('\n')}\n`], {
      config,
      keyed: new KeyedScreener({ config, store: new MemoryKeyedStore() }),
      batchSize: 64,
      onOutput: (o) => outputs.push(o),
    });
    expect(outputs).toHaveLength(302);
    expect(outputs[10]).toMatchObject({ line: 11, decision: 'error', code: 'json-invalid' });
    expect(outputs[200]).toMatchObject({ line: 201, decision: 'error', code: 'order-invalid', orderId: 'bad-1' });
    const decided = outputs.filter((o): o is ScreenResult => o.decision !== 'error');
    expect(decided).toEqual(oneRun.slice(0, 300));
    expect(summary.orders).toBe(300);
    expect(summary.decisions.error).toBe(2);
  });

  it('reads one order from text with the row checks of the reader', () => {
    expect(readOrderText('{', 4)).toMatchObject({ ok: false, error: { line: 4, code: 'json-invalid' } });
    expect(readOrderText('{"orderId":"x"}', 5)).toMatchObject({ ok: false, error: { line: 5, code: 'order-invalid', orderId: 'x' } });
  });
});
