// Random orders for property tests and the benchmark, drawn from a caller's `random` (seededRandom
// of seeded-random.ts): the same seed gives the same orders on every machine, so a failing
// case can be replayed.
import { TAX_CLASS_IDS, type NetContent, type TaxClassId } from '../../../shared/catalog/tax-classes.ts';
import type { Order, OrderItem } from '../../../shared/tax/order.ts';

const DATES = ['2016-05-01', '2017-08-15', '2018-06-01', '2019-01-01', '2019-04-09', '2021-11-11', '2024-12-01', '2026-03-01'];

function netContentFor(taxClass: TaxClassId, random: () => number): NetContent | undefined {
  const int = (max: number) => 1 + Math.floor(random() * max);
  switch (taxClass) {
    case 'cosmetics':
    case 'make-up':
      return random() < 0.2 ? { value: int(60), unit: 'piece' } : { value: int(200), unit: random() < 0.5 ? 'ml' : 'g' };
    case 'spirits':
    case 'wine':
    case 'beer':
    case 'yellow-wine':
      return { value: [330, 500, 700, 750, 1_000][int(5) - 1]!, unit: 'ml' };
    default:
      return random() < 0.3 ? { value: int(1_000), unit: 'g' } : undefined;
  }
}

export interface GenerateOptions {
  date?: string;
  maxItems?: number;
  maxPriceFen?: number;
}

/** One random, valid order: 1..maxItems lines, any tax class, net content where a duty needs it. */
export function generateOrder(random: () => number, options: GenerateOptions = {}): Order {
  const count = 1 + Math.floor(random() * (options.maxItems ?? 4));
  const items: OrderItem[] = Array.from({ length: count }, (_, i) => {
    const taxClass = TAX_CLASS_IDS[Math.floor(random() * TAX_CLASS_IDS.length)]!;
    const netContent = netContentFor(taxClass, random);
    return {
      name: `item ${i}`,
      priceFen: Math.floor(random() * (options.maxPriceFen ?? 600_000)),
      quantity: random() < 0.7 ? 1 : 1 + Math.floor(random() * 3),
      taxClass,
      ...(netContent ? { netContent } : {}),
    };
  });
  return {
    date: options.date ?? DATES[Math.floor(random() * DATES.length)]!,
    items,
    ...(random() < 0.6 ? { freightFen: Math.floor(random() * 3_000) } : {}),
    ...(random() < 0.3 ? { insuranceFen: Math.floor(random() * 500) } : {}),
  };
}
