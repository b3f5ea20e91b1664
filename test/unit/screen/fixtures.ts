// Building blocks for the screen tests: one honest order, variations of it, and a runner that
// screens a sequence and returns the results.
import { checkOrder, createScreener, resolveConfig, type Order, type ScreenConfigInput, type ScreenResult } from '../../../shared/screen/index.ts';

let serial = 0;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** A valid, unremarkable order: one coffee for 89 CNY plus 10 CNY freight, declared as paid. */
export function order(overrides: DeepPartial<Order> = {}): Order {
  const base: Order = {
    orderId: `T${++serial}`,
    time: '2026-03-01T10:00:00+08:00',
    platform: 'tmall-global',
    orderer: { idHash: 'id-alice', nameHash: 'name-alice' },
    payer: { idHash: 'id-alice' },
    recipient: { phoneHash: 'phone-alice', address: '上海市浦东新区世纪大道100号1栋101室' },
    items: [{ sku: 'CF-1', name: 'illy 咖啡豆 250g', hsCode: '09012100', priceFen: 8_900, quantity: 1 }],
    freightFen: 1_000,
    paidFen: 9_900,
    declaredValueFen: 9_900,
  };
  return {
    ...base,
    ...overrides,
    orderer: { ...base.orderer, ...overrides.orderer },
    payer: { ...base.payer, ...overrides.payer },
    recipient: { ...base.recipient, ...overrides.recipient },
  } as Order;
}

/** An order whose paid, declared and item values all equal `fen` (one line of `quantity`). */
export function orderWorth(fen: number, quantity = 1, overrides: DeepPartial<Order> = {}): Order {
  if (fen % quantity !== 0) throw new RangeError('fen must divide by quantity');
  return order({
    items: [{ sku: 'BAG-1', name: 'Coach 托特包', hsCode: '42022100', priceFen: fen / quantity, quantity }],
    freightFen: 0,
    paidFen: fen,
    declaredValueFen: fen,
    ...overrides,
  });
}

/** Screens the orders in sequence with one screener; returns one result per order. */
export function screenAll(orders: readonly Order[], config: ScreenConfigInput = {}): ScreenResult[] {
  const resolved = resolveConfig(config);
  if (!resolved.ok) throw new Error(resolved.error.message);
  const screener = createScreener({ config: resolved.value });
  return orders.map((o) => {
    const checked = checkOrder(JSON.parse(JSON.stringify(o)));
    if (!checked.ok) throw new Error(`fixture invalid: ${checked.error.message}`);
    return screener.screen(checked.value);
  });
}

/** The ISO time `days` days after 2026-03-01 10:00 Shanghai time. */
export function day(days: number): string {
  const ms = Date.parse('2026-03-01T10:00:00+08:00') + days * 86_400_000;
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
