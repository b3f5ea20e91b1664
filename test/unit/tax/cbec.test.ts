// Channel (a), CBEC retail import (shared/tax/cbec.ts) through compareChannels: composite tax within
// the limits, dated rates, and the admission that decides composite or full.
import { describe, expect, it } from 'vitest';
import type { NetContent, TaxClassId } from '../../../shared/catalog/tax-classes.ts';
import { dividedBy, exact, exactBasisPoints, exactToDecimalString, minus, plus, roundHalfUp, times } from '../../../shared/money/index.ts';
import { compareChannels, type Order } from '../../../shared/tax/index.ts';
import { item, one, ml, g, pieces, type Expect } from './orders.ts';

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
    // 20 % + 1 CNY/kg at 0.912 kg/l: S = 0.6384 CNY; CT = (300 + 0.6384) ÷ 0.8 × 0.2 + 0.6384 = 75.798 → ×70 % 53.06;
    // VAT = (300 + 75.80) × 13 % × 70 % = 34.20 (customs tariff 2208, 进口环节消费税 table).
    ['whisky 300 CNY, 700 ml: 20 % + 1 CNY/kg (0.912 kg/l)', one('2024-05-01', item('spirits', 30_000, ml(700))), [0, 5_306, 3_420]],
    ['beer 24 × 330 ml at 10 CNY: class A 250 CNY/t', one('2024-05-01', item('beer', 1_000, ml(330), 24)), [0, 140, 2_202]],
    // Imported beer is class A from 370 USD per tonne (customs CT table, 2203); without the customs
    // rate class A is assumed. 0.001 t × 250 = 0.25 → × 70 % 0.18; VAT (3.00 + 0.25) × 9.1 % = 0.29575 → 0.30.
    ['beer at 3,000 CNY per tonne, no rate: class A assumed', one('2024-05-01', item('beer', 300, ml(988))), [0, 18, 30]],
    // 2,990 CNY/t at 7.1 CNY per USD = 421 USD/t ≥ 370: class A (the domestic 3,000 CNY test said B).
    // VAT (2.99 + 0.25) × 9.1 % = 0.29484 → 0.29.
    ['beer at 2,990 CNY per tonne at 7.1 CNY/USD: class A', { ...one('2024-05-01', item('beer', 299, ml(988))), customsUsdRate: 7.1 }, [0, 18, 29]],
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
    ['2016: make-up 30 % CT + 17 % VAT = the 47 % of April 2016', one('2016-05-01', item('make-up', 100_000, ml(200))), 47_000],
    ['2016: general goods 11.9 %', one('2016-05-01', item('general', 100_000)), 11_900],
    ['2016-09-30: last day of 30 % make-up CT', one('2016-09-30', item('make-up', 100_000, ml(200))), 47_000],
    ['2016-09-30: skin care bore no CT: 11.9 %', one('2016-09-30', item('cosmetics', 100_000, ml(200))), 11_900],
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
