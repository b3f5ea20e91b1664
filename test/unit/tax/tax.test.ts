import { describe, expect, it } from 'vitest';
import type { NetContent, TaxClassId } from '../../../shared/catalog/tax-classes.ts';
import { dividedBy, exact, exactBasisPoints, exactToDecimalString, minus, plus, roundHalfUp, times } from '../../../shared/money/index.ts';
import { createPolicy, PolicyError } from '../../../shared/policy/index.ts';
import { compareChannels, TaxError, type Order, type OrderItem } from '../../../shared/tax/index.ts';

const item = (taxClass: TaxClassId, priceFen: number, netContent?: NetContent, quantity = 1): OrderItem => ({
  name: `${taxClass} item`,
  priceFen,
  quantity,
  taxClass,
  ...(netContent ? { netContent } : {}),
});
const one = (date: string, line: OrderItem, extra: Partial<Order> = {}): Order => ({ date, items: [line], ...extra });
const ml = (value: number): NetContent => ({ value, unit: 'ml' });
const g = (value: number): NetContent => ({ value, unit: 'g' });
const pieces = (value: number): NetContent => ({ value, unit: 'piece' });

type Expect = [tariff: number, consumptionTax: number, vat: number];

describe('CBEC composite tax within the limits (expected values computed with exact fractions)', () => {
  it.each<[string, Order, Expect]>([
    // The Ningbo Customs example (人民日报海外版 2025-11-14): 425 CNY, 20 g → 52.50 + 45.50 = 98.00 (OPEN-5).
    ['official example: 425 CNY cream, 20 g', one('2025-11-14', item('cosmetics', 42_500, g(20))), [0, 5_250, 4_550]],
    ['high-end cosmetics at exactly 10.00 CNY per ml', one('2024-05-01', item('cosmetics', 50_000, ml(50))), [0, 6_176, 5_353]],
    ['ordinary cosmetics at 9.9998 CNY per ml', one('2024-05-01', item('cosmetics', 49_999, ml(50))), [0, 0, 4_550]],
    ['freight lifts 9.9998 to exactly 10.00 CNY per ml', one('2024-05-01', item('cosmetics', 49_999, ml(50)), { freightFen: 1 }), [0, 6_176, 5_353]],
    ['masks at exactly 15.00 CNY per piece', one('2024-05-01', item('cosmetics', 45_000, pieces(30))), [0, 5_559, 4_818]],
    ['masks at 14.9997 CNY per piece', one('2024-05-01', item('cosmetics', 44_999, pieces(30))), [0, 0, 4_095]],
    ['cosmetics, 10 CNY per g over two jars', one('2024-05-01', item('cosmetics', 25_000, g(25), 2)), [0, 6_176, 5_353]],
    ['general goods 1,000 CNY (9.1 %)', one('2024-05-01', item('general', 100_000)), [0, 0, 9_100]],
    ['olive oil 1,000 CNY (6.3 %)', one('2024-05-01', item('agricultural', 100_000)), [0, 0, 6_300]],
    ['whisky 300 CNY, 700 ml: 20 % + 0.5 CNY per 500 ml', one('2024-05-01', item('spirits', 30_000, ml(700))), [0, 5_311, 3_420]],
    ['beer 24 × 330 ml at 10 CNY: class A 250 CNY/t', one('2024-05-01', item('beer', 1_000, ml(330), 24)), [0, 140, 2_202]],
    ['beer at exactly 3,000 CNY per tonne: class A', one('2024-05-01', item('beer', 300, ml(988))), [0, 18, 30]],
    ['beer at 2,990 CNY per tonne: class B 220 CNY/t', one('2024-05-01', item('beer', 299, ml(988))), [0, 15, 29]],
    ['yellow wine 2 × 962 ml at 50 CNY: 240 CNY/t', one('2024-05-01', item('yellow-wine', 5_000, ml(962), 2)), [0, 34, 914]],
    ['gold jewellery: no consumption tax at import', one('2024-05-01', item('gold-silver-jewellery', 100_000)), [0, 0, 9_100]],
    ['battery 4 %', one('2024-05-01', item('battery', 100_000)), [0, 2_917, 9_479]],
  ])('%s', (_label, order, [tariff, ct, vat]) => {
    const r = compareChannels(order);
    expect(r.admission.status).toBe('within-limits');
    expect(r.cbec.regime).toBe('composite');
    expect([r.cbec.tariffFen, r.cbec.consumptionTaxFen, r.cbec.vatFen]).toEqual([tariff, ct, vat]);
    expect(r.cbec.totalFen).toBe(tariff + ct + vat);
  });

  it.each<[string, TaxClassId, number, NetContent | undefined, string]>([
    ['general (13 % VAT)', 'general', 1_300, undefined, '9.10'],
    ['olive oil (9 % VAT)', 'agricultural', 900, undefined, '6.30'],
    ['high-end cosmetics (15 % CT)', 'cosmetics', 1_300, ml(100), '23.06'],
    ['wine (10 % CT)', 'wine', 1_300, ml(750), '17.89'],
    ['precious jewellery (10 % CT)', 'precious-jewellery', 1_300, undefined, '17.89'],
    ['golf (10 % CT)', 'golf', 1_300, undefined, '17.89'],
  ])('reproduces the comprehensive rate of %s: (c + v) / (1 − c) × 70 %', (_label, taxClass, vatBp, content, percent) => {
    const dv = 400_000;
    const r = compareChannels(one('2024-05-01', item(taxClass, dv, content)));
    const c = exactBasisPoints(r.items[0]!.consumptionTax.adValoremBp);
    const rate = times(dividedBy(plus(c, exactBasisPoints(vatBp)), minus(exact(1), c)), exactBasisPoints(7_000));
    // Two taxes, each rounded once: the total is within one fen of dv × rate.
    expect(Math.abs(r.cbec.totalFen - roundHalfUp(times(exact(dv), rate)))).toBeLessThanOrEqual(1);
    expect(exactToDecimalString(times(rate, exact(100)), 2)).toBe(percent);
    expect(exactToDecimalString(exact(r.cbec.totalFen * 100, dv), 2)).toBe(percent);
  });
});

describe('historical orders under old rates', () => {
  it.each<[string, Order, number]>([
    ['2016: cosmetics 30 % CT + 17 % VAT = the 47 % of April 2016', one('2016-05-01', item('cosmetics', 100_000, ml(200))), 47_000],
    ['2016: general goods 11.9 %', one('2016-05-01', item('general', 100_000)), 11_900],
    ['2016-09-30: last day of 30 % cosmetics CT', one('2016-09-30', item('cosmetics', 100_000, ml(200))), 47_000],
    ['2016-10-01: 5 CNY/ml is ordinary cosmetics now', one('2016-10-01', item('cosmetics', 100_000, ml(200))), 11_900],
    ['2017-06-30: farm goods at 13 %', one('2017-06-30', item('agricultural', 100_000)), 9_100],
    ['2017-07-01: farm goods at 11 %', one('2017-07-01', item('agricultural', 100_000)), 7_700],
    ['2018-04-30: general at 17 %', one('2018-04-30', item('general', 100_000)), 11_900],
    ['2018-05-01: general at 16 %', one('2018-05-01', item('general', 100_000)), 11_200],
    ['2018-05-01: farm goods at 10 %', one('2018-05-01', item('agricultural', 100_000)), 7_000],
    ['2019-03-31: general at 16 %', one('2019-03-31', item('general', 100_000)), 11_200],
    ['2019-04-01: general at 13 %', one('2019-04-01', item('general', 100_000)), 9_100],
    ['2019-04-01: farm goods at 9 %', one('2019-04-01', item('agricultural', 100_000)), 6_300],
  ])('%s', (_label, order, total) => {
    expect(compareChannels(order).cbec.totalFen).toBe(total);
  });

  it.each<[string, string, number, string]>([
    ['2018-12-31: 3,000 CNY over the old 2,000 limit', '2018-12-31', 300_000, 'exceeds-single'],
    ['2019-01-01: 3,000 CNY within the new 5,000 limit', '2019-01-01', 300_000, 'within-limits'],
  ])('%s', (_label, date, price, status) => {
    const r = compareChannels({ date, items: [item('general', price / 2), item('general', price / 2)] });
    expect(r.admission.status).toBe(status);
    expect(r.cbec.regime).toBe(status === 'within-limits' ? 'composite' : 'full');
  });
});

describe('full taxation: general trade, and CBEC above the limits', () => {
  it.each<[string, Order, Expect, string]>([
    ['a watch of exactly 10,000.00: high-end, 20 % CT', one('2024-05-01', item('watch', 1_000_000)), [80_000, 270_000, 175_500], 'single-item-full-tax'],
    ['a watch of 9,999.99: ordinary', one('2024-05-01', item('watch', 999_999)), [80_000, 0, 140_400], 'single-item-full-tax'],
    ['one article of 5,000.01', one('2024-05-01', item('general', 500_001)), [50_000, 0, 71_500], 'single-item-full-tax'],
  ])('%s', (_label, order, [tariff, ct, vat], status) => {
    const r = compareChannels(order);
    expect(r.admission.status).toBe(status);
    expect(r.cbec.regime).toBe('full');
    expect([r.cbec.tariffFen, r.cbec.consumptionTaxFen, r.cbec.vatFen]).toEqual([tariff, ct, vat]);
    expect([r.generalTrade.tariffFen, r.generalTrade.consumptionTaxFen, r.generalTrade.vatFen]).toEqual([tariff, ct, vat]);
    expect(r.cbec.lines.every((l) => l.rules.some((rule) => rule.id.startsWith('quota.')))).toBe(true);
  });

  it('taxes wine as general trade: tariff and full CT in the VAT base', () => {
    const r = compareChannels(one('2024-05-01', item('wine', 42_500, ml(750))));
    expect([r.generalTrade.tariffFen, r.generalTrade.consumptionTaxFen, r.generalTrade.vatFen]).toEqual([5_950, 5_383, 6_998]);
    expect(r.generalTrade.lines.find((l) => l.tax === 'vat')?.formula.en).toMatch(/full CT 53\.83/);
  });

  it.each([
    ['exact-bases', 1_648],
    ['rounded-bases', 1_649],
  ] as const)('rounding variant %s (OPEN-5): VAT on 100.11 CNY of wine is %i fen', (rounding, vat) => {
    const r = compareChannels(one('2024-05-01', item('wine', 10_011, ml(750))), { rounding });
    expect([r.generalTrade.tariffFen, r.generalTrade.consumptionTaxFen, r.generalTrade.vatFen]).toEqual([1_402, 1_268, vat]);
    expect(r.rounding).toBe(rounding);
  });
});

describe('admission inside the comparison', () => {
  it.each<[string, Order, number, string]>([
    ['exactly 5,000.00 over two lines', { date: '2024-05-01', items: [item('general', 250_000), item('food', 250_000)] }, 0, 'within-limits'],
    ['5,000.01 over two lines', { date: '2024-05-01', items: [item('general', 250_000), item('food', 250_001)] }, 0, 'exceeds-single'],
    ['freight pushes 4,999.00 over the limit', { date: '2024-05-01', items: [item('general', 499_900, undefined, 1), item('food', 1)], freightFen: 100 }, 0, 'exceeds-single'],
    ['2 × one article is not one indivisible article', one('2024-05-01', item('general', 300_000, undefined, 2)), 0, 'exceeds-single'],
    ['year reaches exactly 26,000.00', one('2024-05-01', item('general', 100_000)), 2_500_000, 'within-limits'],
    ['year passes 26,000.00', one('2024-05-01', item('general', 100_001)), 2_500_000, 'exceeds-annual'],
  ])('%s', (_label, order, used, status) => {
    expect(compareChannels(order, { usedThisYearFen: used }).admission.status).toBe(status);
  });
});

describe('freight and insurance', () => {
  it('shares them over lines by value so that the shares sum exactly', () => {
    const r = compareChannels({ date: '2024-05-01', items: [item('general', 10_000), item('general', 20_000)], freightFen: 1_000, insuranceFen: 1 });
    expect(r.items.map((i) => [i.freightShareFen, i.insuranceShareFen, i.dutiableValueFen])).toEqual([
      [333, 0, 10_333],
      [667, 1, 20_668],
    ]);
    expect(r.dutiableValueFen).toBe(31_001);
    expect(r.cbec.vatFen).toBe(940 + 1_881);
  });
});

describe('postal articles', () => {
  it.each<[string, Order, number, boolean, number]>([
    ['300 CNY of category 2: 60 CNY, payable', one('2024-05-01', item('general', 30_000)), 6_000, false, 6_000],
    ['250 CNY of category 2: 50 CNY, exempt (含50元)', one('2024-05-01', item('general', 25_000)), 5_000, true, 0],
    ['250.03 CNY of category 2: 50.01 CNY, payable', one('2024-05-01', item('general', 25_003)), 5_001, false, 5_001],
    ['high-end cream 425 CNY: category 3, 50 %', one('2024-05-01', item('cosmetics', 42_500, g(20))), 21_250, false, 21_250],
    ['ordinary cream 425 CNY: category 2, 20 %', one('2024-05-01', item('cosmetics', 42_500, g(200))), 8_500, false, 8_500],
    ['milk powder 500 CNY: category 1, 13 %', one('2024-05-01', item('food', 50_000)), 6_500, false, 6_500],
    ['2019-04-08: milk powder at 15 %', one('2019-04-08', item('food', 50_000)), 7_500, false, 7_500],
    ['2018-10-31: general at 30 %', one('2018-10-31', item('general', 50_000)), 15_000, false, 15_000],
    ['2018-11-01: general at 25 %', one('2018-11-01', item('general', 50_000)), 12_500, false, 12_500],
    ['2016-05-01: cosmetics at 60 %', one('2016-05-01', item('cosmetics', 50_000, ml(200))), 30_000, false, 30_000],
  ])('%s', (_label, order, assessed, exempt, payable) => {
    const p = compareChannels(order).postal;
    expect([p.assessedFen, p.exempt, p.totalFen]).toEqual([assessed, exempt, payable]);
    expect(p.lines[0]!.rules[0]!.id).toMatch(/^postal-rate\./);
  });

  it.each<[string, Order, string]>([
    ['1,000.00 from abroad', one('2024-05-01', item('general', 100_000)), 'within-limit'],
    ['1,000.01 in two articles', one('2024-05-01', item('general', 50_001, undefined, 2)), 'over-limit'],
    ['1,000.01 in one indivisible article', one('2024-05-01', item('general', 100_001)), 'single-article-over-limit'],
    ['800.01 from Hong Kong', one('2024-05-01', item('general', 40_001, undefined, 2), { postalOrigin: 'hk-mo-tw' }), 'over-limit'],
    ['800.00 from Hong Kong', one('2024-05-01', item('general', 80_000), { postalOrigin: 'hk-mo-tw' }), 'within-limit'],
  ])('parcel limit: %s → %s', (_label, order, status) => {
    expect(compareChannels(order).postal.parcelLimit.status).toBe(status);
  });
});

describe('the breakdown explains itself', () => {
  it('reports the per-ml price and the threshold for cosmetics', () => {
    const r = compareChannels(one('2025-11-14', item('cosmetics', 42_500, g(20))));
    const ct = r.items[0]!.consumptionTax;
    expect(ct.tier).toBe('high-end');
    expect(ct.unitPrice).toEqual({ fenPerUnit: 2_125, yuanPerUnit: '21.2500', unit: 'g', thresholdFen: 1_000, meetsThreshold: true });
    expect(r.items[0]!.evidence.map((e) => e.en).join(' ')).toMatch(/21\.2500 CNY per g ≥ 10\.00 CNY per g/);
  });

  it('assumes high-end cosmetics when the net content is unknown, and says so', () => {
    const r = compareChannels(one('2024-05-01', item('cosmetics', 10_000)));
    expect(r.items[0]!.consumptionTax.tier).toBe('high-end');
    expect(r.items[0]!.consumptionTax.assumption?.en).toMatch(/net content unknown/);
  });

  it('names the rule and source on every line, and the lines add up to the totals', () => {
    const r = compareChannels({
      date: '2024-05-01',
      items: [item('spirits', 30_000, ml(700)), item('cosmetics', 42_500, g(20), 2), item('agricultural', 9_999)],
      freightFen: 1_234,
      insuranceFen: 56,
    });
    for (const channel of [r.cbec, r.generalTrade]) {
      for (const line of channel.lines) {
        expect(line.rules.length).toBeGreaterThan(0);
        for (const rule of line.rules) expect(rule.source.instrument.length).toBeGreaterThan(0);
      }
      const sum = (tax: string) => channel.lines.filter((l) => l.tax === tax).reduce((a, l) => a + l.amountFen, 0);
      expect([sum('tariff'), sum('consumption-tax'), sum('vat')]).toEqual([channel.tariffFen, channel.consumptionTaxFen, channel.vatFen]);
    }
    expect(r.cbec.lines.find((l) => l.tax === 'vat' && l.item === 2)?.rules.map((x) => x.id)).toEqual([
      'vat.reduced.9',
      'vat-band.agricultural',
      'cbec-preference.2016',
    ]);
    expect(r.items[0]!.consumptionTax.specific).toEqual({ amountFen: 50, per: 500, unit: 'ml-or-g', units: '1.4' });
  });

  it('uses a policy update given as extra rows', () => {
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
    expect(compareChannels(one('2027-01-01', item('general', 100_000)), { policy }).cbec.vatFen).toBe(7_800);
    expect(compareChannels(one('2026-12-31', item('general', 100_000)), { policy }).cbec.vatFen).toBe(9_100);
  });
});

describe('bad orders are typed errors naming the field', () => {
  it.each<[string, unknown, string, string]>([
    ['negative price', one('2024-05-01', item('general', -1)), 'invalid-order', 'items.0.priceFen'],
    ['fractional fen', one('2024-05-01', item('general', 1.5)), 'invalid-order', 'items.0.priceFen'],
    ['zero quantity', one('2024-05-01', item('general', 100, undefined, 0)), 'invalid-order', 'items.0.quantity'],
    ['unknown unit', one('2024-05-01', { ...item('cosmetics', 100), netContent: { value: 1, unit: 'oz' } } as never), 'invalid-order', 'items.0.netContent.unit'],
    ['unknown class', one('2024-05-01', { ...item('general', 100), taxClass: 'caviar' } as never), 'invalid-order', 'items.0.taxClass'],
    ['no items', { date: '2024-05-01', items: [] }, 'invalid-order', 'items'],
    ['impossible date', one('2024-02-30', item('general', 100)), 'invalid-order', 'date'],
    ['negative freight', one('2024-05-01', item('general', 100), { freightFen: -5 }), 'invalid-order', 'freightFen'],
    ['spirits without net content', one('2024-05-01', item('spirits', 30_000)), 'net-content-required', 'items.0.netContent'],
    ['beer in pieces', one('2024-05-01', item('beer', 1_000, pieces(6))), 'net-content-unit', 'items.0.netContent'],
  ])('%s', (_label, order, code, field) => {
    let error: unknown;
    try {
      compareChannels(order as Order);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TaxError);
    expect([(error as TaxError).code, (error as TaxError).field]).toEqual([code, field]);
  });

  it.each(['2016-04-07', '2010-01-01'])('a date without a CBEC regime (%s) is no-policy', (date) => {
    expect(() => compareChannels(one(date, item('general', 100)))).toThrow(PolicyError);
  });
});
