// Channel (c), postal articles (shared/tax/postal.ts): category rates, the 50 CNY exemption, parcel limits.
import { describe, expect, it } from 'vitest';
import { compareChannels, type Order } from '../../../shared/tax/index.ts';
import { item, one, ml, g } from './orders.ts';

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
