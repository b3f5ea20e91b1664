// Channel (b), general trade (shared/tax/general-trade.ts), and CBEC taxed in full above the limits.
import { describe, expect, it } from 'vitest';
import { compareChannels, type Order } from '../../../shared/tax/index.ts';
import { item, one, ml, type Expect } from './orders.ts';

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
