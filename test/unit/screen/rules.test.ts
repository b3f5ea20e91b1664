// One table per rule: the last value that passes and the first that fires.
import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS, resolveConfig, rulesByState, mergeResults, type Order, type ScreenConfigInput } from '../../../shared/screen/index.ts';
import { day, order, orderWorth, screenAll } from './fixtures.ts';

/** The reasons and decision of the last order of a sequence. */
function last(orders: Order[], config?: ScreenConfigInput) {
  const results = screenAll(orders, config);
  return results[results.length - 1]!;
}

// Five orders of 5,000 CNY use 25,000; the annual limit leaves exactly 1,000.00.
const fillYear = (offsetDays = 0) => [0, 1, 2, 3, 4].map((d) => orderWorth(500_000, 2, { time: day(d + offsetDays) }));

const at = (who: string, d: number, recipient: Partial<Order['recipient']> = {}) =>
  order({ time: day(d), orderer: { idHash: who, nameHash: who }, payer: { idHash: who }, recipient: { phoneHash: 'p-drop', address: '深圳市南山区科技园1号', ...recipient } });

const sugar = (grams: number, d = 0) =>
  order({ time: day(d), items: [{ sku: 'SG', name: 'CSR 白砂糖', hsCode: '17019910', priceFen: 2_800, quantity: 1, netWeightGrams: grams }], freightFen: 0, paidFen: 2_800, declaredValueFen: 2_800 });

const rice = (title: string, quantity: number, d = 0) =>
  order({ time: day(d), items: [{ sku: 'RC', name: title, priceFen: 10_000, quantity }], freightFen: 0, paidFen: 10_000 * quantity, declaredValueFen: 10_000 * quantity });

const formula = (quantity: number, d: number, sku = 'FM') =>
  order({ time: day(d), items: [{ sku, name: 'Aptamil 婴幼儿配方奶粉 800g', priceFen: 20_000, quantity }], freightFen: 0, paidFen: 20_000 * quantity, declaredValueFen: 20_000 * quantity });

const honey = (quantity: number, d: number, sku = 'HN') =>
  order({ time: day(d), items: [{ sku, name: 'Manuka honey 250g', priceFen: 10_000, quantity }], freightFen: 0, paidFen: 10_000 * quantity, declaredValueFen: 10_000 * quantity });

describe('orderer-payer-mismatch (18号 §五)', () => {
  it.each([
    ['payer is the orderer', 'id-alice', 'pass', []],
    ['payer is someone else', 'id-bob', 'review', ['orderer-payer-mismatch']],
  ])('%s', (_, payer, decision, reasons) => {
    expect(last([order({ payer: { idHash: payer } })])).toMatchObject({ decision, reasons });
  });
});

describe('order-limit-exceeded and single-item-over-order-limit (49号 §二)', () => {
  it.each([
    ['two units worth exactly 5,000.00', orderWorth(500_000, 2), 'pass', []],
    ['two units worth 5,000.02', orderWorth(500_002, 2), 'block', ['order-limit-exceeded']],
    ['one unit worth exactly 5,000.00', orderWorth(500_000), 'pass', []],
    ['one indivisible unit worth 5,000.01', orderWorth(500_001), 'review', ['single-item-over-order-limit']],
    ['one unit of exactly the annual limit', orderWorth(2_600_000), 'block', ['annual-limit-exceeded']],
    ['2018: two units worth 2,000.02 (old limit)', orderWorth(200_002, 2, { time: '2018-06-01T10:00:00+08:00' }), 'block', ['order-limit-exceeded']],
    ['2018: two units worth 2,000.00', orderWorth(200_000, 2, { time: '2018-06-01T10:00:00+08:00' }), 'pass', []],
    ['2015: before the CBEC regime, no quota rule applies', orderWorth(900_000, 2, { time: '2015-06-01T10:00:00+08:00' }), 'pass', []],
  ])('%s', (_, o, decision, reasons) => {
    expect(last([o])).toMatchObject({ decision, reasons });
  });

  it('reports both limits when a multi-item order is over both', () => {
    expect(last([...fillYear(), orderWorth(600_000, 2, { time: day(5) })]).reasons).toEqual(['order-limit-exceeded', 'annual-limit-exceeded']);
  });
});

describe('annual-limit-exceeded (49号 §一: 26,000 CNY per calendar year)', () => {

  it.each([
    ['an order that fills the year exactly', 100_000, 'pass', []],
    ['one fen more', 100_002, 'block', ['annual-limit-exceeded']],
  ])('%s', (_, fen, decision, reasons) => {
    expect(last([...fillYear(), orderWorth(fen, 2, { time: day(10) })])).toMatchObject({ decision, reasons });
  });

  it('does not count an order it refused, so a smaller one still fits', () => {
    const results = screenAll([...fillYear(), orderWorth(200_000, 2, { time: day(10) }), orderWorth(100_000, 2, { time: day(11) })]);
    expect(results.map((r) => r.decision)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'block', 'pass']);
  });

  it('counts a single indivisible item over the per-order limit toward the year', () => {
    const single = [0, 1, 2, 3].map((d) => orderWorth(600_000, 1, { time: day(d) })); // 24,000
    const results = screenAll([...single, orderWorth(200_002, 2, { time: day(5) })]);
    expect(results.at(-1)).toMatchObject({ decision: 'block', reasons: ['annual-limit-exceeded'] });
  });

  it('starts a new year at midnight in Shanghai, not in UTC', () => {
    const full = [0, 1, 2, 3, 4].map((d) => orderWorth(500_000, 2, { time: `2026-12-2${d}T10:00:00+08:00` })); // 25,000
    // 2026-12-31T16:30Z is 2027-01-01 00:30 in Shanghai: a fresh year.
    expect(last([...full, orderWorth(200_000, 2, { time: '2026-12-31T16:30:00Z' })]).decision).toBe('pass');
    // 15:30Z is still 23:30 on 31 December in Shanghai: the same, full year.
    expect(last([...full, orderWorth(200_000, 2, { time: '2026-12-31T15:30:00Z' })]).reasons).toEqual(['annual-limit-exceeded']);
  });

  it('keeps the previous year for an order that arrives late across New Year', () => {
    const lastYear = [0, 1, 2, 3, 4].map((d) => orderWorth(500_000, 2, { time: `2026-12-2${d}T10:00:00+08:00` }));
    const results = screenAll([...lastYear, orderWorth(500_000, 2, { time: '2027-01-02T10:00:00+08:00' }), orderWorth(200_000, 2, { time: '2026-12-31T20:00:00+08:00' })]);
    expect(results.map((r) => r.decision)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'block']);
  });
});

describe('recipient-many-identities (more than 3 identities per address or phone in 30 days)', () => {

  it.each([
    ['3 identities', ['a', 'b', 'c'], 'pass'],
    ['4 identities', ['a', 'b', 'c', 'd'], 'review'],
    ['4 orders by 2 identities', ['a', 'b', 'a', 'b'], 'pass'],
  ])('%s at one address within a few days', (_, who, decision) => {
    expect(last(who.map((w, i) => at(w, i))).decision).toBe(decision);
  });

  it('forgets identities older than the window', () => {
    expect(last([at('a', 0), at('b', 1), at('c', 2), at('d', 31)]).decision).toBe('pass');
    expect(last([at('a', 0), at('b', 1), at('c', 2), at('d', 30)]).decision).toBe('review');
  });

  it('counts by phone alone when the addresses differ', () => {
    const orders = ['a', 'b', 'c', 'd'].map((w, i) => at(w, i, { address: `深圳市南山区科技园${i + 1}号楼` }));
    expect(last(orders).reasons).toEqual(['recipient-many-identities']);
    expect(last(orders, { rules: { 'recipient-many-identities': { thresholds: { byPhone: false } } } }).reasons).toEqual([]);
  });

  it('matches the address after normalisation (full-width digits, spaces)', () => {
    const orders = ['a', 'b', 'c', 'd'].map((w, i) => at(w, i, { phoneHash: `p-${w}`, address: i % 2 ? '深圳市 南山区 科技园１号' : '深圳市南山区科技园1号' }));
    expect(last(orders).decision).toBe('review');
  });

  it('uses the configured threshold', () => {
    const orders = ['a', 'b', 'c'].map((w, i) => at(w, i));
    expect(last(orders, { rules: { 'recipient-many-identities': { thresholds: { maxIdentities: 2 } } } }).decision).toBe('review');
  });
});

describe('positive-list-quantity-cap (sugar 2 kg, rice 20 kg per person per year)', () => {

  it.each([
    ['sugar 1,000 g + 1,000 g', [sugar(1000), sugar(1000, 1)], 'pass', []],
    ['sugar 1,000 g + 1,001 g', [sugar(1000), sugar(1001, 1)], 'block', ['positive-list-quantity-cap']],
    ['rice 4 × 5 kg (weight from the title)', [rice('泰国茉莉香米 5kg', 4)], 'pass', []],
    ['rice 3 × 5 kg then 1 × 5.5 kg', [rice('泰国茉莉香米 5kg', 3), rice('Basmati rice 5.5 kg', 1, 1)], 'block', ['positive-list-quantity-cap']],
    ['rice in 斤: 41 × 1 斤 (20.5 kg)', [rice('东北大米 1斤', 41)], 'block', ['positive-list-quantity-cap']],
  ])('%s', (_, orders, decision, reasons) => {
    expect(last(orders)).toMatchObject({ decision, reasons });
  });

  it('resets in a new calendar year', () => {
    expect(last([sugar(2000), order({ ...sugar(1000), time: '2027-01-01T09:00:00+08:00' })]).decision).toBe('pass');
  });

  it('does not count a refused order toward the cap', () => {
    const results = screenAll([sugar(1500), sugar(1000, 1), sugar(500, 2)]);
    expect(results.map((r) => r.decision)).toEqual(['pass', 'block', 'pass']);
  });
});

describe('personal-use-quantity (merchant defaults, not law)', () => {

  it.each([
    ['72 cans in a year', [formula(12, 0, 'A'), formula(12, 40, 'B'), formula(12, 80, 'C'), formula(12, 120, 'A'), formula(12, 160, 'B'), formula(12, 200, 'C')], 'pass'],
    ['73 cans in a year', [formula(12, 0, 'A'), formula(12, 40, 'B'), formula(12, 80, 'C'), formula(12, 120, 'A'), formula(12, 160, 'B'), formula(13, 200, 'C')], 'review'],
  ])('%s', (_, orders, decision) => {
    const r = last(orders);
    expect(r.decision).toBe(decision);
    expect(r.reasons.includes('personal-use-quantity')).toBe(decision === 'review');
  });

  it('takes per-class limits from the config', () => {
    const cfg = { rules: { 'personal-use-quantity': { thresholds: { classes: { 'infant-formula': { limit: 10, unit: 'unit' as const } } } } } };
    expect(last([formula(11, 0)], cfg).reasons).toEqual(['personal-use-quantity']);
  });
});

describe('under-declared-value (declared below 90 % of paid)', () => {
  it.each([
    [10_000, 9_000, 'pass'],
    [10_000, 8_999, 'block'],
    [10_000, 7_000, 'block'],
    [10_000, 10_000, 'pass'],
    [10_000, 12_000, 'pass'],
  ])('paid %i fen, declared %i fen → %s', (paid, declared, decision) => {
    const o = order({ items: [{ sku: 'X', name: 'x', priceFen: paid, quantity: 1 }], freightFen: 0, paidFen: paid, declaredValueFen: declared });
    expect(last([o]).decision).toBe(decision);
  });
});

describe('resale-repeat-sku (3 orders and 24 units of one SKU in 90 days)', () => {

  it.each([
    ['3 orders, 24 units', [honey(8, 0), honey(8, 10), honey(8, 20)], 'review'],
    ['3 orders, 23 units', [honey(8, 0), honey(8, 10), honey(7, 20)], 'pass'],
    ['2 orders, 40 units', [honey(20, 0), honey(20, 10)], 'pass'],
    ['3 orders, 24 units, the first outside 90 days', [honey(8, 0), honey(8, 80), honey(8, 91)], 'pass'],
    ['3 orders, 24 units of different SKUs', [honey(8, 0, 'A'), honey(8, 10, 'B'), honey(8, 20, 'C')], 'pass'],
  ])('%s', (_, orders, decision) => {
    expect(last(orders).decision).toBe(decision);
  });

  it('adds up one SKU spread over several lines of an order', () => {
    const split = order({ time: day(20), items: [{ sku: 'HN', name: 'Manuka honey', priceFen: 10_000, quantity: 4 }, { sku: 'HN', name: 'Manuka honey', priceFen: 10_000, quantity: 4 }], freightFen: 0, paidFen: 80_000, declaredValueFen: 80_000 });
    expect(last([honey(8, 0), honey(8, 10), split]).decision).toBe('review');
  });
});

describe('watchlist-address (merchant list, normalised, building covers rooms)', () => {
  const cfg = { watchlist: ['广州市天河区体育西路１２３号', 'short'] };
  it.each([
    ['the listed address', '广州市天河区体育西路123号', 'block'],
    ['another spelling', ' 广州市 天河区 体育西路 123 号', 'block'],
    ['a room under the listed building', '广州市天河区体育西路123号5栋1001室', 'block'],
    ['a neighbouring number', '广州市天河区体育西路124号', 'pass'],
    ['an address containing a too-short entry', '广州市short路1号', 'pass'],
  ])('%s', (_, address, decision) => {
    expect(last([order({ recipient: { address } })], cfg).decision).toBe(decision);
  });
});

describe('configuration', () => {
  it('changes severity and disables rules', () => {
    const o = order({ payer: { idHash: 'id-bob' } });
    expect(last([o], { rules: { 'orderer-payer-mismatch': { severity: 'block' } } }).decision).toBe('block');
    expect(last([o], { rules: { 'orderer-payer-mismatch': { enabled: false } } }).decision).toBe('pass');
  });

  it.each([
    [{ rules: { 'no-such-rule': {} } }, /rules/],
    [{ rules: { 'under-declared-value': { thresholds: { minDeclaredPercent: 150 } } } }, /minDeclaredPercent/],
    [{ rules: { 'under-declared-value': { thresholds: { typo: 1 } } } }, /thresholds/],
    [{ rules: { 'personal-use-quantity': { thresholds: { classes: { caviar: { limit: 1, unit: 'unit' } } } } } }, /unknown class "caviar"/],
    [{ rules: { 'order-limit-exceeded': { thresholds: { perOrderLimitFen: 1 } } } }, /thresholds/],
    [{ extra: true }, /config/],
    ['not an object', /config/],
  ])('refuses %j', (input, message) => {
    const r = resolveConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('config-invalid');
      expect(r.error.message).toMatch(message);
    }
  });

  it('gives every rule a source, a rationale and messages in both languages', () => {
    for (const id of RULE_IDS) {
      const r = RULES[id];
      expect(r.id).toBe(id);
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.rationale.length).toBeGreaterThan(10);
      expect(r.message.en).toMatch(/[a-z]/);
      expect(r.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('partitioning', () => {
  it('gives the same decisions run as one set or as stages merged by order id', () => {
    const orders = [
      ...['a', 'b', 'c', 'd'].map((w, i) => order({ time: day(i), orderer: { idHash: w, nameHash: w }, payer: { idHash: 'x' }, recipient: { phoneHash: 'p', address: '深圳市南山区科技园1号' } })),
      ...[0, 1, 2, 3, 4, 5].map((d) => orderWorth(500_000, 2, { time: day(d + 10) })),
    ];
    const whole = screenAll(orders);
    const groups = rulesByState();
    const staged = [groups.none, groups.orderer, groups.recipient].map((only) => {
      const cfg = { rules: Object.fromEntries(RULE_IDS.filter((id) => !only.includes(id)).map((id) => [id, { enabled: false }])) };
      return screenAll(orders, cfg);
    });
    const merged = whole.map((_, i) => staged.map((s) => s[i]!).reduce(mergeResults));
    expect(merged).toEqual(whole);
    expect(whole.filter((r) => r.decision !== 'pass').length).toBeGreaterThan(3);
  });
});
