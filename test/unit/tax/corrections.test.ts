// Corrections to the tax as customs applies it: each figure written by hand from the formula and
// the row's legal source.
import { describe, expect, it } from 'vitest';
import { compareChannels, type Order, type OrderItem } from '../../../shared/tax/index.ts';
import { g, item, ml, one, pieces, type Expect } from './orders.ts';

// Goods that were taxed wrongly before these rows, each computed as customs would. Expected figures are
// written by hand from the formula (cbec-rules §2.1) with the customs rounding (海关总署令第272号
// 第十七条、第十九条: each tax half up to the fen, the rounded CT in the VAT base), 2024 rates unless
// the row says otherwise. Within the limits: tariff 0, CT and VAT × 70 %.
describe('corrections: each figure from the formula and its source', () => {
  const hs = (line: OrderItem, hsCode: string): OrderItem => ({ ...line, hsCode });
  it.each<[string, Order, Expect]>([
    // 进口环节消费税 table, 2208.20: brandy is 白酒 (20 % + 1 CNY/kg, 1 l = 0.912 kg), not 其他酒 10 %.
    // S = 0.7 × 0.912 = 0.6384; CT = (400 + 0.6384) ÷ 0.8 × 0.2 + 0.6384 = 100.7980 → 100.80, × 70 % = 70.5586 → 70.56;
    // VAT = (400 + 100.80) × 13 % × 70 % = 45.5728 → 45.57.
    ['brandy 700 ml at 400 CNY (HS 2208.20)', one('2024-05-01', item('spirits', 40_000, ml(700))), [0, 7_056, 4_557]],
    ['brandy by its HS code although the order says wine', one('2024-05-01', hs(item('wine', 40_000, ml(700)), '22082000')), [0, 7_056, 4_557]],
    // 2208.60 vodka: CT = (120 + 0.6384) ÷ 0.8 × 0.2 + 0.6384 = 30.7980 → 30.80, × 70 % = 21.5586 → 21.56;
    // VAT = (120 + 30.80) × 9.1 % = 13.7228 → 13.72.
    ['vodka 700 ml at 120 CNY (HS 2208.60)', one('2024-05-01', item('spirits', 12_000, ml(700))), [0, 2_156, 1_372]],
    // 1 CNY/kg when the net content is a weight: 500 g → 0.50; CT = 100.50 ÷ 0.8 × 0.2 + 0.50 = 25.625 → 25.63, × 70 % = 17.9375 → 17.94;
    // VAT = (100 + 25.63) × 9.1 % = 11.43233 → 11.43.
    ['a spirit sold by weight: 500 g at 100 CNY', one('2024-05-01', item('spirits', 10_000, g(500))), [0, 1_794, 1_143]],
    // 财税〔2015〕16号 §二: Ni-MH and lithium batteries are exempt; VAT only: 100 × 9.1 % = 9.10.
    ['Ni-MH batteries 100 CNY (HS 8507.50)', one('2024-05-01', hs(item('battery', 10_000), '85075000')), [0, 0, 910]],
    ['lithium-ion battery 300 CNY (HS 8507.60)', one('2024-05-01', hs(item('battery', 30_000), '85076000')), [0, 0, 2_730]],
    ['lithium primary cells 50 CNY (class)', one('2024-05-01', item('battery-exempt', 5_000)), [0, 0, 455]],
    ['low-VOC paint 500 CNY (class)', one('2024-05-01', item('coating-low-voc', 50_000)), [0, 0, 4_550]],
    // 海关总署公告2020年第108号: face cleanser is 3401.30, no consumption tax, even at 12 CNY per g:
    // VAT = 600 × 9.1 % = 54.60 (as high-end cosmetics it would have borne 15 % CT).
    ['face cleanser 50 g at 600 CNY (HS 3401.30)', one('2024-05-01', hs(item('cosmetics', 60_000, g(50)), '34013000')), [0, 0, 5_460]],
    // 增值税法 第十条 / 农业产品征税范围注释 (鲜奶): UHT milk 0401.20 at 9 %: 12 × 8 = 96 × 9 % × 70 % = 6.048 → 6.05.
    ['UHT milk 12 × 200 ml at 8 CNY (HS 0401.20)', one('2024-05-01', hs(item('food', 800, ml(200), 12), '04012000')), [0, 0, 605]],
    ['UHT milk in 2026 under the VAT law', one('2026-03-01', hs(item('food', 800, ml(200), 12), '04012000')), [0, 0, 605]],
    // natural honey 0409: 300 × 6.3 % = 18.90.
    ['manuka honey 500 g at 300 CNY (HS 0409)', one('2024-05-01', hs(item('food', 30_000, g(500)), '04090000')), [0, 0, 1_890]],
    // 财税〔2006〕33号: before 2016-10-01 skin care bore no CT: a sheet mask, 10 pieces at 200 CNY: VAT 17 % × 70 % = 23.80.
    ['2016-05-01 sheet masks 10 pieces at 200 CNY', one('2016-05-01', item('cosmetics', 20_000, pieces(10))), [0, 0, 2_380]],
    // From 2016-10-01 (财税〔2016〕103号) 20 CNY per piece ≥ 15: CT = 200 ÷ 0.85 × 0.15 = 35.2941 → 35.29, × 70 % = 24.7059 → 24.71;
    // VAT = (200 + 35.29) × 17 % × 70 % = 27.99951 → 28.00.
    ['2016-10-01 the same masks are high-end', one('2016-10-01', item('cosmetics', 20_000, pieces(10))), [0, 2_471, 2_800]],
    // Lipstick in 2016 (make-up, 30 %): CT = 200 ÷ 0.7 × 0.3 = 85.7143 → 85.71, × 70 % = 60.00; VAT = (200 + 85.71) × 11.9 % = 33.99949 → 34.00.
    ['2016-05-01 lipstick 200 CNY (make-up, 30 %)', one('2016-05-01', item('make-up', 20_000, g(3))), [0, 6_000, 3_400]],
    // A case of beer: 24 × 330 ml at 10 CNY = 240 CNY for 7.92 l = 0.0080162 t → 30,000 CNY/t, class A 250 CNY/t:
    // CT = 7.92 ÷ 988 × 250 = 2.0040 → 2.00, × 70 % = 1.40; VAT = (240 + 2.00) × 9.1 % = 22.022 → 22.02.
    ['a case of beer: 24 × 330 ml at 10 CNY', one('2024-05-01', item('beer', 1_000, ml(330), 24)), [0, 140, 2_202]],
  ])('%s', (_label, order, [tariff, ct, vat]) => {
    const r = compareChannels(order);
    expect(r.admission.status).toBe('within-limits');
    expect([r.cbec.tariffFen, r.cbec.consumptionTaxFen, r.cbec.vatFen]).toEqual([tariff, ct, vat]);
  });

  it('names the HS rule that decided the class, and the class the order gave', () => {
    const r = compareChannels(one('2024-05-01', { ...item('cosmetics', 60_000, g(50)), hsCode: '34013000' }));
    expect(r.items[0]!.taxClass).toBe('general');
    expect(r.items[0]!.hsClassRule?.id).toBe('hs.340130');
    expect(r.items[0]!.hsClassRule?.source.instrument).toMatch(/2020年第108号/);
    expect(r.items[0]!.evidence.map((e) => e.en).join(' ')).toMatch(/HS 34013000 → tax class general .*the order said cosmetics/);
  });

  it('the VAT band cites the regulations before 2026 and the VAT law from 2026-01-01', () => {
    const before = compareChannels(one('2025-12-31', item('agricultural', 10_000))).items[0]!.vat;
    const after = compareChannels(one('2026-01-01', item('agricultural', 10_000))).items[0]!.vat;
    expect(before.bandRule.source.instrument).toMatch(/增值税暂行条例/);
    expect(before.rule.source.instrument).not.toMatch(/增值税法/);
    expect([after.bandRule.id, after.rule.id]).toEqual(['vat-band.agricultural.law', 'vat.reduced.law']);
    expect(after.bandRule.source.instrument).toMatch(/增值税法/);
  });

  it('rounds as customs does by default: the rounded CT enters the VAT base (272号 第十七条、第十九条)', () => {
    // Wine 100.11 CNY as general trade: tariff 14.0154 → 14.02; CT = (100.11 + 14.02) ÷ 0.9 × 0.1 = 12.6811 → 12.68;
    // VAT = (100.11 + 14.02 + 12.68) × 13 % = 16.4853 → 16.49 (exact bases would give 16.48).
    const r = compareChannels(one('2024-05-01', item('wine', 10_011, ml(750))));
    expect(r.rounding).toBe('rounded-bases');
    expect([r.generalTrade.tariffFen, r.generalTrade.consumptionTaxFen, r.generalTrade.vatFen]).toEqual([1_402, 1_268, 1_649]);
  });
});

// 进口环节消费税 table, 2203 啤酒: class A (250 CNY/t) when the 完税价格 is ≥ 370 USD per tonne, else
// class B (220 CNY/t); 1 t = 988 l. The dollar threshold is compared at the customs rate the order gives
// (关税法 第六十条: the 计征汇率). A 9.88 l keg is 0.01 t, so its threshold is 370 × rate CNY ÷ 100.
describe('imported beer: class A from 370 USD per tonne', () => {
  const keg = (priceFen: number, customsUsdRate?: number): Order => ({
    ...one('2024-05-01', item('beer', priceFen, ml(9_880))),
    ...(customsUsdRate === undefined ? {} : { customsUsdRate }),
  });
  it.each<[string, Order, string, Expect]>([
    // 7.1: threshold 370 × 7.1 = 2,627 CNY/t, 26.27 CNY for the keg. Class A: CT 0.01 × 250 = 2.50, × 70 % = 1.75;
    // VAT (26.27 + 2.50) × 9.1 % = 2.61807 → 2.62.
    ['26.27 CNY at 7.1: exactly 370 USD per tonne', keg(2_627, 7.1), 'class-a', [0, 175, 262]],
    // Class B: CT 0.01 × 220 = 2.20, × 70 % = 1.54; VAT (26.26 + 2.20) × 9.1 % = 2.58986 → 2.59.
    ['26.26 CNY at 7.1: just under', keg(2_626, 7.1), 'class-b', [0, 154, 259]],
    // 7.1026: threshold 2,627.962 CNY/t, 26.27962 CNY for the keg — compared exactly, not rounded first.
    // 26.28 reaches it: VAT (26.28 + 2.50) × 9.1 % = 2.61898 → 2.62. 26.27 does not: VAT (26.27 + 2.20) × 9.1 % = 2.59077 → 2.59.
    ['26.28 CNY at 7.1026', keg(2_628, 7.1026), 'class-a', [0, 175, 262]],
    ['26.27 CNY at 7.1026', keg(2_627, 7.1026), 'class-b', [0, 154, 259]],
    // The old row's 3,000 CNY test would have made this keg (2,900 CNY/t) class B; at 7.1 it is 408 USD/t.
    // VAT (29.00 + 2.50) × 9.1 % = 2.8665 → 2.87.
    ['29.00 CNY at 7.1 (2,900 CNY/t): class A, not B', keg(2_900, 7.1), 'class-a', [0, 175, 287]],
    // No rate: class A assumed, as the explanation says. VAT (26.26 + 2.50) × 9.1 % = 2.61716 → 2.62.
    ['26.26 CNY, no rate: class A assumed', keg(2_626), 'class-a', [0, 175, 262]],
  ])('%s', (_label, order, tier, [tariff, ct, vat]) => {
    const r = compareChannels(order);
    expect(r.items[0]!.consumptionTax.tier).toBe(tier);
    expect([r.cbec.tariffFen, r.cbec.consumptionTaxFen, r.cbec.vatFen]).toEqual([tariff, ct, vat]);
  });

  it('explains the threshold in dollars and the rate, or that the rate was missing', () => {
    const withRate = compareChannels(keg(2_628, 7.1026)).items[0]!.evidence;
    expect(withRate.map((e) => e.en).join(' | ')).toContain('2628.0000 CNY per tonne ≥ 2627.96 CNY per tonne (370.00 USD × 7.1026 CNY per USD, the customs rate given, = 2627.9620 CNY)');
    expect(withRate.map((e) => e['zh-CN']).join(' | ')).toContain('（370.00 美元 × 所填海关计征汇率 7.1026 = 2627.9620 元）');
    const without = compareChannels(keg(2_626)).items[0]!;
    expect(without.consumptionTax.assumption?.en).toMatch(/customs exchange rate unknown: assumed class-a/);
    expect(without.consumptionTax.assumption?.['zh-CN']).toMatch(/海关计征汇率未知/);
  });

  it.each([0, -7.1, 7.1234567, Number.NaN, 1_001])('refuses a customs rate of %s', (rate) => {
    expect(() => compareChannels(keg(2_626, rate))).toThrow(/customsUsdRate/);
  });
});

describe('which day, which value, which unit', () => {
  it('the declaration date decides the rules when known (关税法 第二十条; 272号 第十四条)', () => {
    // Make-up, 1,000 CNY for 200 ml (5 CNY/ml): ordered on 2016-09-30 (30 % CT: 47 %), declared on
    // 2016-10-01 (财税〔2016〕103号: below 10 CNY/ml, no CT): 1,000 × 17 % × 70 % = 119.00.
    const ordered = one('2016-09-30', item('make-up', 100_000, ml(200)));
    expect(compareChannels(ordered).cbec.totalFen).toBe(47_000);
    const declared = compareChannels({ ...ordered, declarationDate: '2016-10-01' });
    expect([declared.date, declared.rulesDate, declared.cbec.totalFen]).toEqual(['2016-09-30', '2016-10-01', 11_900]);
  });

  it.each<[string, string, number, string, boolean]>([
    // 财关税〔2016〕18号 §三: over 2,000 CNY, one indivisible article: general trade, full tax, not counted.
    ['2018-06-01: one 3,000 CNY article is general trade', '2018-06-01', 0, 'single-item-general-trade', false],
    ['2018-06-01: even with 19,000 used it does not touch the year', '2018-06-01', 1_900_000, 'single-item-general-trade', false],
    // 财关税〔2018〕49号 §二: from 2019 it stays CBEC at full tax and counts toward the year.
    ['2019-01-01: one 6,000 CNY article is CBEC at full tax and counts', '2019-01-01', 0, 'single-item-full-tax', true],
  ])('%s', (_label, date, used, status, counts) => {
    const price = date < '2019-01-01' ? 300_000 : 600_000;
    const r = compareChannels(one(date, item('general', price)), { usedThisYearFen: used });
    expect([r.admission.status, r.admission.countsTowardYear, r.cbec.regime]).toEqual([status, counts, 'full']);
  });

  it('a seller discount lowers the dutiable value, shared over the lines (公告2016年第26号 (十五))', () => {
    // 600 + 400 CNY less a 100 CNY coupon: 540 + 360; VAT 540 × 9.1 % = 49.14, 360 × 9.1 % = 32.76.
    const r = compareChannels({ date: '2024-05-01', items: [item('general', 60_000), item('general', 40_000)], discountFen: 10_000 });
    expect(r.items.map((i) => [i.discountShareFen, i.dutiableValueFen])).toEqual([[6_000, 54_000], [4_000, 36_000]]);
    expect([r.discountFen, r.dutiableValueFen, r.cbec.vatFen]).toEqual([10_000, 90_000, 8_190]);
  });

  it('a discount can bring an order within the 5,000 CNY limit, and cannot exceed the goods', () => {
    const order = { date: '2024-05-01', items: [item('general', 260_000), item('general', 250_000)] };
    expect(compareChannels(order).admission.status).toBe('exceeds-single');
    expect(compareChannels({ ...order, discountFen: 20_000 }).admission.status).toBe('within-limits');
    expect(() => compareChannels({ ...order, discountFen: 510_001 })).toThrow(/discountFen: must not exceed the goods value/);
  });

  it.each<[string, OrderItem, Expect]>([
    // 30 片 at 450 CNY = 15 CNY per piece: high-end (CT 55.59, VAT 48.18, as with unit 'piece').
    ['片', { ...item('cosmetics', 45_000), netContent: { value: 30, unit: '片' } as never }, [0, 5_559, 4_818]],
    ['张', { ...item('cosmetics', 45_000), netContent: { value: 30, unit: '张' } as never }, [0, 5_559, 4_818]],
    // 0.7 升 = 700 ml of whisky at 300 CNY: as in the spirits row above.
    ['升', { ...item('spirits', 30_000), netContent: { value: 0.7, unit: '升' } as never }, [0, 5_306, 3_420]],
    ['毫升', { ...item('spirits', 30_000), netContent: { value: 700, unit: '毫升' } as never }, [0, 5_306, 3_420]],
    // 20 克 of cream at 425 CNY: the Ningbo Customs example, 52.50 + 45.50.
    ['克', { ...item('cosmetics', 42_500), netContent: { value: 20, unit: '克' } as never }, [0, 5_250, 4_550]],
    ['千克', { ...item('cosmetics', 42_500), netContent: { value: 0.02, unit: '千克' } as never }, [0, 5_250, 4_550]],
  ])('net content written in %s', (_unit, line, [tariff, ct, vat]) => {
    const r = compareChannels(one('2025-11-14', line));
    expect([r.cbec.tariffFen, r.cbec.consumptionTaxFen, r.cbec.vatFen]).toEqual([tariff, ct, vat]);
  });
});
