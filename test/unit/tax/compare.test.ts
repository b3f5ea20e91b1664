// compareChannels as a whole (shared/tax/compare.ts): freight and insurance shares, the rules and
// explanation on every line, policy updates, and bad orders as typed errors.
import { describe, expect, it } from 'vitest';
import { createPolicy, PolicyError } from '../../../shared/policy/index.ts';
import { compareChannels, TaxError, type Order } from '../../../shared/tax/index.ts';
import { item, one, ml, g, pieces } from './orders.ts';

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
    expect(r.items[0]!.consumptionTax.specific).toEqual({ amountFen: 100, per: 1, unit: 'kg', units: '0.6384' });
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
