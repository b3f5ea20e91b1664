// compareChannels against a straightforward reference: the BigInt-only implementation it replaced
// (./reference/compare-bigint.ts, every base an exact fraction, every formula built eagerly).
// The whole result must be deep-equal — amounts, rules, formulas, evidence, unit prices — on
// thousands of seeded orders, including prices large enough to leave the number fast path, and a
// bad order must fail with the same error (code, field and sentence).
import { describe, expect, it } from 'vitest';
import { TAX_CLASS_IDS, type NetContent } from '../../../shared/catalog/tax-classes.ts';
import { createPolicy } from '../../../shared/policy/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';
import { compareChannels, type CompareOptions, type Order, type RoundingMode } from '../../../shared/tax/index.ts';
import { generateOrder } from '../../harness/samples/tax-orders.ts';
import type { Localized } from '../../../shared/text/localized.ts';
import { referenceCompareChannels } from './reference/compare-bigint.ts';

/**
 * The value with every Localized text as its English sentence. The reference was frozen before the
 * explanation was localized: the English must still read word for word as it did (the Chinese is
 * checked in explain.test.ts).
 */
function english(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(english);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 2 && keys[0] === 'en' && keys[1] === 'zh-CN') return (value as Localized).en;
  return Object.fromEntries(keys.map((k) => [k, english((value as Record<string, unknown>)[k])]));
}

/** The result as JSON (what the CLI prints and what crosses a message port, key order included), or the error. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify({ result: english(run()) });
  } catch (e) {
    const error = e as Error & { code?: string; field?: string };
    return JSON.stringify({ error: error.name, code: error.code, field: error.field, message: error.message });
  }
}

function expectSame(order: unknown, options: CompareOptions, where: string): void {
  const fast = outcome(() => compareChannels(order as Order, options));
  let reference = outcome(() => referenceCompareChannels(order as Order, options));
  // One deliberate difference: where the reference overflowed past 2^53 fen with a RangeError (an
  // absurd order: billions of litres, a price per ml beyond any goods), the engine now refuses the
  // order with a typed TaxError.
  if (JSON.parse(reference).error === 'RangeError') {
    const refused = JSON.parse(fast) as { error?: string; code?: string; field?: string };
    expect(refused, where).toMatchObject({ error: 'TaxError', code: 'invalid-order', field: expect.stringMatching(/^items(\.\d+\.netContent)?$/) });
    reference = fast;
  }
  // Parsed first for a readable difference, then as text for the key order.
  if (fast !== reference) expect(JSON.parse(fast), where).toEqual(JSON.parse(reference));
  expect(fast, where).toBe(reference);
}

const ROUNDINGS: RoundingMode[] = ['exact-bases', 'rounded-bases'];

describe('compareChannels equals the BigInt reference', () => {
  it.each([
    ['everyday orders', 11, {}],
    ['one or two lines up to 6,000 CNY', 12, { maxItems: 2, maxPriceFen: 600_000 }],
    ['expensive lines (up to 2 million CNY)', 13, { maxItems: 3, maxPriceFen: 200_000_000 }],
    ['cheap lines (fen-level rounding)', 14, { maxItems: 6, maxPriceFen: 500 }],
  ] as const)('%s (seed %i), both rounding modes', (_label, seed, generate) => {
    const random = seededRandom(seed);
    for (let n = 0; n < 1_500; n++) {
      const order = generateOrder(random, generate);
      const used = random() < 0.5 ? 0 : Math.floor(random() * 2_800_000);
      const rounding = ROUNDINGS[n % 2]!;
      expectSame(order, { usedThisYearFen: used, rounding }, `seed ${seed} order ${n} ${rounding}`);
    }
  });

  it('on decimal net contents, large quantities and every tax class', () => {
    const random = seededRandom(15);
    const units: NetContent['unit'][] = ['ml', 'g', 'piece'];
    for (let n = 0; n < 2_000; n++) {
      const taxClass = TAX_CLASS_IDS[n % TAX_CLASS_IDS.length]!;
      const value = Math.round(random() * 10 ** (1 + Math.floor(random() * 5))) / 10 ** Math.floor(random() * 4) || 0.01;
      const unit = taxClass === 'cosmetics' ? units[Math.floor(random() * 3)]! : random() < 0.9 ? 'ml' : 'g';
      const order: Order = {
        date: ['2016-05-01', '2018-06-01', '2019-04-09', '2024-12-01'][n % 4]!,
        items: [
          {
            name: `line ${n}`,
            priceFen: Math.floor(random() * 10 ** (2 + Math.floor(random() * 8))),
            quantity: random() < 0.8 ? 1 + Math.floor(random() * 5) : 1 + Math.floor(random() * 1_000_000),
            taxClass,
            netContent: { value, unit },
          },
        ],
        ...(random() < 0.5 ? { freightFen: Math.floor(random() * 10_000) } : {}),
      };
      expectSame(order, { rounding: ROUNDINGS[n % 2]! }, `order ${n}: ${JSON.stringify(order)}`);
    }
  });

  it.each([
    ['the largest safe price', { date: '2024-05-01', items: [{ name: 'x', priceFen: Number.MAX_SAFE_INTEGER, quantity: 1, taxClass: 'spirits', netContent: { value: 750, unit: 'ml' } }] }],
    ['a safe price times a million articles', { date: '2024-05-01', items: [{ name: 'x', priceFen: 9_000_000_000, quantity: 1_000_000, taxClass: 'general' }] }],
    ['beer in the billions of ml', { date: '2024-05-01', items: [{ name: 'x', priceFen: 1_234_567_890, quantity: 999_999, taxClass: 'beer', netContent: { value: 9_999_999_999.9, unit: 'ml' } }] }],
    ['tiny net content', { date: '2024-05-01', items: [{ name: 'x', priceFen: 99_999, quantity: 3, taxClass: 'cosmetics', netContent: { value: 0.000_001, unit: 'g' } }] }],
    ['freight on a zero-value order', { date: '2024-05-01', items: [{ name: 'x', priceFen: 0, quantity: 1, taxClass: 'wine', netContent: { value: 750, unit: 'ml' } }], freightFen: 999 }],
  ])('at the edges: %s', (_label, order) => {
    for (const rounding of ROUNDINGS) expectSame(order, { rounding }, `${rounding}`);
  });

  it('under a policy with extra rows (a 6,000 bp composite factor from 2027)', () => {
    const policy = createPolicy([
      {
        kind: 'cbec-preference',
        id: 'cbec-preference.2027',
        validFrom: '2027-01-01',
        factorBp: 6_000,
        tariffWithinLimitsBp: 0,
        source: { instrument: 'hypothetical', url: 'https://example.org/x', grade: 'OFF' },
        confidence: 'high',
      },
    ]);
    const random = seededRandom(16);
    for (let n = 0; n < 300; n++) expectSame(generateOrder(random, { date: '2027-03-01' }), { policy }, `order ${n}`);
  });
});

describe('beer against a threshold in dollars', () => {
  // Kegs and cases around 370 USD per tonne at rates with 0 to 6 decimals: the number path and the
  // BigInt reference pick the same class and give the same figures.
  it('agrees with the reference around the threshold', () => {
    const random = seededRandom(18);
    for (let n = 0; n < 400; n++) {
      const rate = Math.round((6 + random() * 2) * 10 ** (n % 7)) / 10 ** (n % 7);
      const litres = [0.33, 0.5, 0.988, 9.88, 20][n % 5]!;
      const quantity = 1 + (n % 24);
      // About 370 USD per tonne: price per article = 370 × rate × tonnes, ± a few fen.
      const atThreshold = (370 * rate * litres * quantity * 100) / 988 / quantity;
      const priceFen = Math.max(1, Math.round(atThreshold) + ((n % 5) - 2));
      const order: Order = {
        date: '2024-05-01',
        items: [{ name: 'beer', priceFen, quantity, taxClass: 'beer', netContent: { value: litres * 1000, unit: 'ml' } }],
        ...(n % 10 === 0 ? {} : { customsUsdRate: rate }),
      };
      expectSame(order, {}, `beer ${n}`);
    }
  });
});

describe('bad orders fail as the reference fails', () => {
  // One field of a valid order replaced by something hostile; the fast validity check must never
  // accept what the schema refuses, and the error must be the schema's.
  const BAD_VALUES: unknown[] = [
    undefined, null, -1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1e10 + 1, '12', '', 'x'.repeat(501),
    [], {}, true, '2024-02-30', '2024-5-1', 'oz', 'caviar', '123', '12345678901', { value: 1, unit: 'oz' },
    { value: 1, unit: 'ml', extra: 1 }, { value: 0, unit: 'g' }, [{}], 7.1234567, 1_001, 1e-7,
  ];
  const FIELDS: ((order: Order, value: unknown) => unknown)[] = [
    (o, v) => ({ ...o, date: v }),
    (o, v) => ({ ...o, items: v }),
    (o, v) => ({ ...o, freightFen: v }),
    (o, v) => ({ ...o, insuranceFen: v }),
    (o, v) => ({ ...o, postalOrigin: v }),
    (o, v) => ({ ...o, declarationDate: v }),
    (o, v) => ({ ...o, discountFen: v }),
    (o, v) => ({ ...o, customsUsdRate: v }),
    (o, v) => ({ ...o, unknownField: v }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, name: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, priceFen: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, quantity: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, taxClass: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, netContent: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === 0 ? { ...line, hsCode: v } : line)) }),
    (o, v) => ({ ...o, items: o.items.map((line, i) => (i === o.items.length - 1 ? { ...line, extra: v } : line)) }),
  ];

  it('for every field × hostile value', () => {
    const random = seededRandom(17);
    FIELDS.forEach((replace, f) => {
      BAD_VALUES.forEach((value, v) => {
        const order = generateOrder(random, { date: '2024-05-01' });
        expectSame(replace(order, value), {}, `field ${f} value ${v}`);
      });
    });
  });

  it.each([
    ['not an object', 'order'],
    ['null', null],
    ['an array', []],
    ['a class instance', new (class Order {
      date = '2024-05-01';
      items = [{ name: 'x', priceFen: 1, quantity: 1, taxClass: 'general' }];
    })()],
    ['1,001 items', { date: '2024-05-01', items: Array.from({ length: 1_001 }, () => ({ name: 'x', priceFen: 1, quantity: 1, taxClass: 'general' })) }],
  ])('%s', (_label, order) => {
    expectSame(order, {}, String(_label));
  });
});
