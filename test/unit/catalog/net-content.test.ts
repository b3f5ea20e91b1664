import { describe, expect, it } from 'vitest';
import {
  findNetContents,
  netContentMilliUnits,
  parseNetContent,
  pricePerUnitFen,
  reachesUnitPrice,
  readNetContent,
  type NetContent,
} from '../../../shared/catalog/index.ts';

type Row = [text: string, total: NetContent, perUnit: NetContent, units: number];

const parsed: Row[] = [
  ['50ml', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['50 mL', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['50 ML', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['1.7 fl oz', { value: 50.275, unit: 'ml' }, { value: 50.275, unit: 'ml' }, 1],
  ['1.7 fl. oz.', { value: 50.275, unit: 'ml' }, { value: 50.275, unit: 'ml' }, 1],
  ['1.7floz', { value: 50.275, unit: 'ml' }, { value: 50.275, unit: 'ml' }, 1],
  // bare oz is the avoirdupois (mass) ounce: 1.7 × 28.349523125 = 48.194 g
  ['1.7oz', { value: 48.194, unit: 'g' }, { value: 48.194, unit: 'g' }, 1],
  ['16 oz', { value: 453.592, unit: 'g' }, { value: 453.592, unit: 'g' }, 1],
  ['1 lb', { value: 453.592, unit: 'g' }, { value: 453.592, unit: 'g' }, 1],
  ['30片', { value: 30, unit: 'piece' }, { value: 30, unit: 'piece' }, 1],
  ['30 pcs', { value: 30, unit: 'piece' }, { value: 30, unit: 'piece' }, 1],
  ['60 capsules', { value: 60, unit: 'piece' }, { value: 60, unit: 'piece' }, 1],
  ['2×100g', { value: 200, unit: 'g' }, { value: 100, unit: 'g' }, 2],
  ['2x100g', { value: 200, unit: 'g' }, { value: 100, unit: 'g' }, 2],
  ['2 X 100 g', { value: 200, unit: 'g' }, { value: 100, unit: 'g' }, 2],
  ['100g*2', { value: 200, unit: 'g' }, { value: 100, unit: 'g' }, 2],
  ['100g x 2', { value: 200, unit: 'g' }, { value: 100, unit: 'g' }, 2],
  ['50mlx2', { value: 100, unit: 'ml' }, { value: 50, unit: 'ml' }, 2],
  ['30片*3盒', { value: 90, unit: 'piece' }, { value: 30, unit: 'piece' }, 3],
  ['1L', { value: 1000, unit: 'ml' }, { value: 1000, unit: 'ml' }, 1],
  ['1.5升', { value: 1500, unit: 'ml' }, { value: 1500, unit: 'ml' }, 1],
  ['75cl', { value: 750, unit: 'ml' }, { value: 750, unit: 'ml' }, 1],
  ['0.5 kg', { value: 500, unit: 'g' }, { value: 500, unit: 'g' }, 1],
  ['2公斤', { value: 2000, unit: 'g' }, { value: 2000, unit: 'g' }, 1],
  ['5斤', { value: 2500, unit: 'g' }, { value: 2500, unit: 'g' }, 1],
  ['750毫升', { value: 750, unit: 'ml' }, { value: 750, unit: 'ml' }, 1],
  ['100克', { value: 100, unit: 'g' }, { value: 100, unit: 'g' }, 1],
  ['5片装', { value: 5, unit: 'piece' }, { value: 5, unit: 'piece' }, 1],
  ['５０ｍｌ', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['50㎖', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['1.13kg', { value: 1130, unit: 'g' }, { value: 1130, unit: 'g' }, 1],
  // in a title: the first metric amount wins over an imperial twin, whatever the order
  ['Serum 50ml/1.7 fl oz', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['Serum 1.7 fl oz / 50ml', { value: 50, unit: 'ml' }, { value: 50, unit: 'ml' }, 1],
  ['安耐晒 SPF50+ PA++++ 60ml', { value: 60, unit: 'ml' }, { value: 60, unit: 'ml' }, 1],
  ['Vitamin C 1000mg 60粒', { value: 60, unit: 'piece' }, { value: 60, unit: 'piece' }, 1],
];

describe('parseNetContent', () => {
  it.each(parsed)('%s → %o (per unit %o × %d)', (text, total, perUnit, units) => {
    const result = parseNetContent(text);
    expect(result).toMatchObject({ value: total.value, unit: total.unit, perUnit, units });
  });

  it.each([
    ['no amount', 'Lancome Genifique Serum'],
    ['storage size is not grams', 'iPhone 15 256GB'],
    ['a count word, not a gram', '10 golf balls'],
    ['SPF is not a quantity', 'SPF50'],
    ['a version number is not litres', 'V2升级版'],
    ['milligrams are a dose', '1000mg'],
    ['amount without a unit', '50'],
    ['too many digits to be an amount', '99999999kg'],
  ])('%s: %s → undefined', (_why, text) => {
    expect(parseNetContent(text)).toBeUndefined();
  });
});

describe('readNetContent (typed errors)', () => {
  it.each([
    ['Lancome Serum', 'not-found'],
    ['0ml', 'zero-amount'],
    ['0 x 50ml', 'zero-amount'],
    ['9999999kg', 'too-large'],
    ['', 'not-found'],
  ])('%s → %s', (text, code) => {
    const result = readNetContent(text);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message.en.length > 0 && result.error.message['zh-CN'].length > 0).toBe(true);
  });

  it('skips an invalid amount when a later one is valid', () => {
    expect(readNetContent('0ml 50ml')).toMatchObject({ ok: true, value: { value: 50, unit: 'ml' } });
  });

  it('is bounded on hostile input', () => {
    const started = performance.now();
    expect(findNetContents('1ml '.repeat(1_000_000)).length).toBeLessThanOrEqual(32);
    expect(readNetContent('1'.repeat(5_000_000)).ok).toBe(false);
    // A runaway guard, not the budget (200 ms, in `npm run bench -- --only bounds`): quadratic work
    // over millions of characters takes far longer than 10 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('lists every amount in order', () => {
    expect(findNetContents('精华 50ml + 眼霜 15ml').map((c) => c.value)).toEqual([50, 15]);
  });
});

describe('price per unit (integer fen)', () => {
  it.each([
    // priceFen, content, expected fen per unit (rounded half up)
    [45_000, { value: 50, unit: 'ml' }, 900],
    [50_000, { value: 50, unit: 'ml' }, 1000],
    [100, { value: 3, unit: 'g' }, 33],
    [200, { value: 3, unit: 'g' }, 67],
    [150, { value: 100, unit: 'ml' }, 2], // 1.5 fen rounds half up to 2
    [58_000, { value: 50.275, unit: 'ml' }, 1154],
    [45_000, { value: 30, unit: 'piece' }, 1500],
    [0, { value: 50, unit: 'ml' }, 0],
  ] as Array<[number, NetContent, number]>)('%d fen for %o → %d fen per unit', (price, content, expected) => {
    expect(pricePerUnitFen(price, content)).toBe(expected);
  });

  // The high-end cosmetics threshold is "from 10 CNY per ml (g)" and "from 15 CNY per piece"
  // (财税〔2016〕103号): reaching it exactly counts. The thresholds themselves live in shared/policy.
  it.each([
    [50_000, { value: 50, unit: 'ml' }, 1000, true], // exactly 10.00 CNY/ml
    [49_999, { value: 50, unit: 'ml' }, 1000, false], // 9.9998 CNY/ml: rounding would say 10.00
    [50_001, { value: 50, unit: 'ml' }, 1000, true],
    [45_000, { value: 30, unit: 'piece' }, 1500, true], // exactly 15 CNY per mask
    [44_999, { value: 30, unit: 'piece' }, 1500, false],
    [50_275, { value: 50.275, unit: 'ml' }, 1000, true], // 1.7 fl oz at exactly 10 CNY/ml
    [50_274, { value: 50.275, unit: 'ml' }, 1000, false],
    [9_000_000_000_000, { value: 0.001, unit: 'g' }, 1000, true], // no overflow: BigInt arithmetic
  ] as Array<[number, NetContent, number, boolean]>)('%d fen for %o reaches %d fen/unit: %s', (price, content, threshold, expected) => {
    expect(reachesUnitPrice(price, content, threshold)).toBe(expected);
  });

  it.each([
    ['negative price', () => pricePerUnitFen(-1, { value: 50, unit: 'ml' })],
    ['fractional fen', () => pricePerUnitFen(1.5, { value: 50, unit: 'ml' })],
    ['zero content', () => pricePerUnitFen(100, { value: 0, unit: 'ml' })],
    ['NaN content', () => reachesUnitPrice(100, { value: Number.NaN, unit: 'ml' }, 1000)],
    ['content below 0.001', () => netContentMilliUnits({ value: 0.0001, unit: 'g' })],
  ])('rejects %s with a RangeError', (_name, call) => {
    expect(call).toThrow(RangeError);
  });
});
