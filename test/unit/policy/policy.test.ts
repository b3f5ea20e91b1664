import { describe, expect, it } from 'vitest';
import { TAX_CLASS_IDS } from '../../../shared/catalog/tax-classes.ts';
import {
  addDays,
  createPolicy,
  daysBetween,
  defaultPolicy,
  isIsoDate,
  POLICY_ERROR_MESSAGES,
  PolicyError,
  policyAt,
  rowKey,
  type PolicyRow,
} from '../../../shared/policy/index.ts';

function policyError(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error('expected a PolicyError');
}

describe('quota limits by date', () => {
  it.each([
    ['2016-04-08', 200_000, 2_000_000, 'quota.2016'],
    ['2018-12-31', 200_000, 2_000_000, 'quota.2016'],
    ['2019-01-01', 500_000, 2_600_000, 'quota.2019'],
    ['2026-06-30', 500_000, 2_600_000, 'quota.2019'],
  ])('%s: per order %i fen, per year %i fen (%s)', (date, perOrder, annual, id) => {
    const q = policyAt(date).quota();
    expect([q.perOrderLimitFen, q.annualLimitFen, q.id]).toEqual([perOrder, annual, id]);
  });

  it('has no CBEC quota the day before the regime started', () => {
    const e = policyError(() => policyAt('2016-04-07').quota());
    expect(e.code).toBe('no-policy');
    expect(e.detail).toMatch(/quota/);
  });

  it.each([
    ['2016-04-08', 7_000, 0],
    ['2025-01-01', 7_000, 0],
  ])('%s: CBEC factor %i bp, tariff within limits %i bp', (date, factor, tariff) => {
    const p = policyAt(date).cbecPreference();
    expect([p.factorBp, p.tariffWithinLimitsBp]).toEqual([factor, tariff]);
  });
});

describe('VAT history', () => {
  it.each([
    ['general', '2016-04-08', 1_700],
    ['general', '2018-04-30', 1_700],
    ['general', '2018-05-01', 1_600],
    ['general', '2019-03-31', 1_600],
    ['general', '2019-04-01', 1_300],
    ['general', '2026-01-01', 1_300],
    ['cosmetics', '2018-05-01', 1_600],
    ['agricultural', '2017-06-30', 1_300],
    ['agricultural', '2017-07-01', 1_100],
    ['agricultural', '2018-04-30', 1_100],
    ['agricultural', '2018-05-01', 1_000],
    ['books', '2019-03-31', 1_000],
    ['books', '2019-04-01', 900],
    ['agricultural', '2026-01-01', 900],
  ] as const)('%s on %s: %i bp', (taxClass, date, bp) => {
    expect(policyAt(date).vat(taxClass).rate.rateBp).toBe(bp);
  });

  it('cites the VAT law from 2026-01-01', () => {
    expect(policyAt('2026-01-01').vat('general').rate.source.instrument).toMatch(/增值税法/);
    expect(policyAt('2025-12-31').vat('general').rate.source.instrument).toMatch(/2019年第39号/);
  });
});

describe('HS codes decide the class', () => {
  it.each([
    ['22082000', '2024-05-01', 'spirits', 'hs.2208'],
    ['2208.60.00', '2024-05-01', 'spirits', 'hs.2208'],
    ['33041000', '2016-05-01', 'make-up', 'hs.330410'],
    ['33049900', '2016-05-01', 'cosmetics', 'hs.3304.2006'],
    ['33049900', '2016-10-01', 'cosmetics', 'hs.3304'],
    ['34013000', '2020-12-31', 'general', 'hs.340130.tariff'],
    ['85075000', '2015-01-31', 'battery-exempt', 'hs.850750.tariff'],
    ['85075000', '2015-02-01', 'battery-exempt', 'hs.850750'],
    ['34013000', '2024-05-01', 'general', 'hs.340130'],
    ['04012000', '2025-12-31', 'agricultural', 'hs.040120'],
    ['04012000', '2026-01-01', 'agricultural', 'hs.040120.law'],
    ['85076000', '2024-05-01', 'battery-exempt', 'hs.850760'],
    ['85071000', '2024-05-01', 'battery', 'hs.850710'],
  ] as const)('%s on %s → %s (%s)', (code, date, taxClass, id) => {
    const row = policyAt(date).hsClass(code);
    expect([row?.taxClass, row?.id]).toEqual([taxClass, id]);
  });

  it('knows nothing of a code no row covers', () => {
    expect(policyAt('2024-05-01').hsClass('61091000')).toBeUndefined();
  });
});

describe('consumption tax rows', () => {
  it.each([
    ['cosmetics', '2016-09-30', 'flat', [0]], // skin care: no CT before 2016-10-01 (财税〔2006〕33号)
    ['make-up', '2016-09-30', 'flat', [3_000]],
    ['make-up', '2016-10-01', 'price-per-net-content', [0, 1_500]],
    ['cosmetics', '2016-10-01', 'price-per-net-content', [0, 1_500]],
    ['wine', '2019-01-01', 'flat', [1_000]],
    ['spirits', '2019-01-01', 'flat', [2_000]],
    ['beer', '2019-01-01', 'price-per-tonne', [0, 0]],
    ['yellow-wine', '2019-01-01', 'flat', [0]],
    ['watch', '2019-01-01', 'unit-price', [0, 2_000]],
    ['precious-jewellery', '2019-01-01', 'flat', [1_000]],
    ['gold-silver-jewellery', '2019-01-01', 'flat', [0]],
    ['golf', '2019-01-01', 'flat', [1_000]],
    ['battery', '2015-01-31', 'flat', [0]],
    ['battery', '2015-02-01', 'flat', [400]],
    ['battery-exempt', '2015-02-01', 'flat', [0]], // 财税〔2015〕16号 §二
    ['coating-low-voc', '2019-01-01', 'flat', [0]],
    ['coating', '2019-01-01', 'flat', [400]],
    ['general', '2019-01-01', 'flat', [0]],
  ] as const)('%s on %s: %s, tiers %j bp', (taxClass, date, measure, rates) => {
    const row = policyAt(date).consumptionTax(taxClass);
    expect(row.measure).toBe(measure);
    expect(row.tiers.map((t) => t.adValoremBp)).toEqual(rates);
  });

  it.each([
    ['cosmetics', { ml: 1_000, g: 1_000, piece: 1_500 }],
  ] as const)('%s high-end threshold per unit', (taxClass, per) => {
    expect(policyAt('2020-01-01').consumptionTax(taxClass).tiers[1]?.atLeastFenPer).toEqual(per);
  });

  it.each([
    ['spirits', 0, { amountFen: 100, per: 1, unit: 'kg', kgPerLitre: 0.912 }], // 1 CNY/kg, 1 l = 0.912 kg
    ['beer', 0, { amountFen: 22_000, per: 1, unit: 'tonne', litresPerTonne: 988 }],
    ['beer', 1, { amountFen: 25_000, per: 1, unit: 'tonne', litresPerTonne: 988 }],
    ['yellow-wine', 0, { amountFen: 24_000, per: 1, unit: 'tonne', litresPerTonne: 962 }],
  ] as const)('%s tier %i specific duty', (taxClass, tier, specific) => {
    expect(policyAt('2020-01-01').consumptionTax(taxClass).tiers[tier]?.specific).toEqual(specific);
  });

  it('splits imported beer at 370 USD per tonne (customs CT table, 2203) and watches at 10,000 CNY per article', () => {
    const beer = policyAt('2020-01-01').consumptionTax('beer');
    expect([beer.id, beer.tiers[1]?.atLeastUsdCents, beer.tiers[1]?.atLeastFen]).toEqual(['ct.beer.import', 37_000, undefined]);
    expect(beer.source.article).toMatch(/370美元\/吨/);
    expect(policyAt('2020-01-01').consumptionTax('watch').tiers[1]?.atLeastFen).toBe(1_000_000);
  });
});

describe('postal articles', () => {
  it.each([
    ['2016-04-07', [1_000, 2_000, 3_000, 5_000]],
    ['2016-04-08', [1_500, 3_000, 6_000]],
    ['2018-10-31', [1_500, 3_000, 6_000]],
    ['2018-11-01', [1_500, 2_500, 5_000]],
    ['2019-04-08', [1_500, 2_500, 5_000]],
    ['2019-04-09', [1_300, 2_000, 5_000]],
    ['2024-12-01', [1_300, 2_000, 5_000]],
  ])('%s: category rates %j bp', (date, rates) => {
    const p = policyAt(date);
    expect(rates.map((_, i) => p.postalRate(i + 1).rateBp)).toEqual(rates);
  });

  it('has no category 4 after 2016-04-07', () => {
    expect(policyError(() => policyAt('2016-04-08').postalRate(4)).code).toBe('no-policy');
  });

  it.each([
    ['cosmetics', '2016-04-07', 4, undefined],
    ['cosmetics', '2016-04-08', 3, undefined], // 2016 table: every 化妆品 in 税目3 until 2016-09-30
    ['cosmetics', '2016-10-01', 2, 3],
    ['make-up', '2016-04-08', 2, 3],
    ['watch', '2015-01-01', 2, 3],
    ['wine', '2020-01-01', 3, undefined],
    ['gold-silver-jewellery', '2020-01-01', 1, undefined],
    ['precious-jewellery', '2020-01-01', 3, undefined],
    ['golf', '2020-01-01', 3, undefined],
    ['general', '2015-01-01', 1, undefined],
    ['general', '2020-01-01', 2, undefined],
    ['medicine', '2019-04-08', 2, undefined],
    ['medicine', '2019-04-09', 1, undefined],
    ['battery', '2024-11-30', 2, undefined],
    ['battery', '2024-12-01', 3, undefined],
    ['food', '2020-01-01', 1, undefined],
  ] as const)('%s on %s: category %i (consumption-taxed: %s)', (taxClass, date, category, taxed) => {
    const row = policyAt(date).postalCategory(taxClass);
    expect([row.category, row.consumptionTaxedCategory]).toEqual([category, taxed]);
  });

  it.each([
    ['postal exemption', (d: string) => policyAt(d).postalExemption().exemptUpToFen, 5_000],
    ['HK/Macau/Taiwan parcel limit', (d: string) => policyAt(d).postalParcelLimit('hk-mo-tw').limitFen, 80_000],
    ['other parcel limit', (d: string) => policyAt(d).postalParcelLimit('other').limitFen, 100_000],
  ])('%s', (_label, read, fen) => {
    expect(read('2010-09-01')).toBe(fen);
    expect(read('2025-01-01')).toBe(fen);
  });
});

describe('returns window', () => {
  it.each([
    ['2019-06-01', 30, undefined],
    ['2020-03-28', 30, 45],
  ])('%s: apply within %i days, goods back within %s', (date, apply, back) => {
    const r = policyAt(date).returnsWindow();
    expect([r.applyWithinDays, r.goodsBackWithinDays]).toEqual([apply, back]);
  });
});

describe('coverage and sources', () => {
  const changeDates = [...new Set(defaultPolicy().rows.flatMap((r) => [r.validFrom, ...(r.validTo ? [addDays(r.validTo, 1)] : [])]))]
    .filter((d) => d >= '2016-04-08')
    .toSorted();

  it.each(changeDates)('on %s every tax class resolves every rule', (date) => {
    const p = policyAt(date);
    p.quota();
    p.cbecPreference();
    p.returnsWindow();
    p.postalExemption();
    for (const taxClass of TAX_CLASS_IDS) {
      p.vat(taxClass);
      p.consumptionTax(taxClass);
      p.tariff(taxClass);
      const postal = p.postalCategory(taxClass);
      p.postalRate(postal.category);
      if (postal.consumptionTaxedCategory) p.postalRate(postal.consumptionTaxedCategory);
    }
  });

  it('every row cites an instrument, and every non-memory source a URL', () => {
    for (const row of defaultPolicy().rows) {
      expect(row.source.instrument.length).toBeGreaterThan(0);
      if (row.source.grade !== 'MEM') expect(row.source.url).toMatch(/^https?:\/\//);
      if (row.source.grade === 'MEM') expect(row.confidence).not.toBe('high');
    }
  });

  // A row relies on its instrument only from the day the instrument took effect: 增值税法 (2026-01-01)
  // cannot be the source of a 2010 VAT row, 财税〔2015〕16号 of a 2014 battery row.
  it.each(defaultPolicy().rows.map((row) => [row.id, row] as const))("%s: its source is in force on the row's validFrom", (_id, row) => {
    expect(row.source.inForceFrom, `${row.id} cites ${row.source.instrument} without its effective day`).toBeDefined();
    expect(row.validFrom >= row.source.inForceFrom!, `${row.id} from ${row.validFrom} cites ${row.source.instrument} (in force ${row.source.inForceFrom})`).toBe(true);
  });

  it.each([
    ['2010-09-01', '增值税暂行条例'],
    ['2017-07-01', '2017〕37号'],
    ['2018-05-01', '2018〕32号'],
    ['2019-04-01', '2019年第39号'],
    ['2025-12-31', '2019年第39号'],
    ['2026-01-01', '增值税法'],
  ])('the reduced VAT rate on %s cites %s', (date, instrument) => {
    const vat = policyAt(date).vat('agricultural');
    expect(vat.rate.source.instrument).toContain(instrument);
    if (date < '2026-01-01') expect(vat.band.source.instrument).not.toContain('增值税法');
  });

  it.each([
    ['postal-exemption.2010', 'OPEN-6'],
    ['ct.beer.import', 'OPEN-7'],
    ['tariff.mfn.wine', 'OPEN-4'],
  ])('marks %s as depending on %s', (id, open) => {
    expect(defaultPolicy().rows.find((r) => r.id === id)?.open).toContain(open);
  });
});

describe('dates', () => {
  it.each([
    ['2019-02-29', false],
    ['2020-02-29', true],
    ['2019-13-01', false],
    ['2019-1-01', false],
    ['2019-04-31', false],
    ['', false],
  ])('isIsoDate(%j) = %s', (text, ok) => {
    expect(isIsoDate(text)).toBe(ok);
  });

  it.each([
    ['2020-02-28', 1, '2020-02-29'],
    ['2019-12-31', 1, '2020-01-01'],
    ['2020-03-01', 30, '2020-03-31'],
    ['2020-03-31', -31, '2020-02-29'],
  ])('addDays(%s, %i) = %s', (date, days, out) => {
    expect(addDays(date, days)).toBe(out);
    expect(daysBetween(date, out)).toBe(days);
  });

  it.each([
    ['2010-08-31', 'no-policy'],
    ['1999-01-01', 'no-policy'],
    ['2019-02-30', 'bad-date'],
    ['20190101', 'bad-date'],
  ])('policyAt(%s) fails with %s', (date, code) => {
    expect(policyError(() => policyAt(date)).code).toBe(code);
  });

  it('has a message in both languages for every error code', () => {
    for (const m of Object.values(POLICY_ERROR_MESSAGES)) {
      expect(m.en).toBeTruthy();
      expect(m['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('createPolicy with extra rows (signed policy updates)', () => {
  const newLimits = {
    kind: 'quota',
    id: 'quota.2027',
    validFrom: '2027-01-01',
    perOrderLimitFen: 800_000,
    annualLimitFen: 4_000_000,
    source: { instrument: 'hypothetical update', url: 'https://example.org/update', grade: 'OFF' },
    confidence: 'high',
  };

  it('a later row replaces the open-ended one from its first day, without editing it', () => {
    const policy = createPolicy([newLimits]);
    expect(policy.at('2026-12-31').quota().annualLimitFen).toBe(2_600_000);
    expect(policy.at('2027-01-01').quota().annualLimitFen).toBe(4_000_000);
    expect(defaultPolicy().at('2027-01-01').quota().annualLimitFen).toBe(2_600_000);
  });

  it.each([
    ['a negative limit', { ...newLimits, perOrderLimitFen: -1 }, 'invalid-policy-row', /perOrderLimitFen/],
    ['a float limit', { ...newLimits, annualLimitFen: 2600000.5 }, 'invalid-policy-row', /annualLimitFen/],
    ['an impossible date', { ...newLimits, validFrom: '2027-02-30' }, 'invalid-policy-row', /validFrom/],
    ['validTo before validFrom', { ...newLimits, validTo: '2026-01-01' }, 'invalid-policy-row', /validTo/],
    [
      'a row older than its source',
      { ...newLimits, validFrom: '2026-06-01', source: { ...newLimits.source, inForceFrom: '2027-01-01' } },
      'invalid-policy-row',
      /before its source took effect \(2027-01-01\)/,
    ],
    ['no url on an official source', { ...newLimits, source: { instrument: 'x', grade: 'OFF' } }, 'invalid-policy-row', /url/],
    ['an unknown field', { ...newLimits, extra: 1 }, 'invalid-policy-row', /quota.2027/],
    ['an unknown kind', { ...newLimits, kind: 'magic' }, 'invalid-policy-row', /kind/],
    // The row is named by its position when its id is not a short string (String() of an object
    // without a prototype throws).
    ['an id without a prototype', { ...newLimits, id: Object.create(null) as object }, 'invalid-policy-row', /^extra row #0: id:/],
    ['a rate of 100 %', { ...newLimits, kind: 'tariff', taxClass: 'wine', rateBp: 10_000 }, 'invalid-policy-row', /rateBp/],
    ['an unknown tax class', { ...newLimits, kind: 'tariff', taxClass: 'caviar', rateBp: 100 }, 'invalid-policy-row', /taxClass/],
    [
      'a dollar threshold beside a fen one on the same tier',
      {
        id: 'ct.beer.2027',
        validFrom: '2027-01-01',
        source: newLimits.source,
        confidence: 'high',
        kind: 'consumption-tax',
        taxClass: 'beer',
        item: '啤酒',
        measure: 'price-per-tonne',
        tiers: [
          { name: 'class-b', adValoremBp: 0 },
          { name: 'class-a', adValoremBp: 0, atLeastFen: 300_000, atLeastUsdCents: 37_000 },
        ],
      },
      'invalid-policy-row',
      /one of atLeastFen or atLeastUsdCents/,
    ],
    ['a duplicate id', { ...newLimits, id: 'quota.2019' }, 'policy-conflict', /quota.2019/],
    ['a second row for the same day', { ...newLimits, id: 'quota.dup', validFrom: '2019-01-01' }, 'policy-conflict', /2019-01-01/],
    [
      'a threshold tier without a threshold',
      {
        id: 'ct.watch.2027',
        validFrom: '2027-01-01',
        source: newLimits.source,
        confidence: 'high',
        kind: 'consumption-tax',
        taxClass: 'watch',
        item: '手表',
        measure: 'unit-price',
        tiers: [
          { name: 'a', adValoremBp: 0 },
          { name: 'b', adValoremBp: 100 },
        ],
      },
      'invalid-policy-row',
      /atLeastFen/,
    ],
  ])('refuses %s', (_label, row, code, detail) => {
    const e = policyError(() => createPolicy([row]));
    expect(e.code).toBe(code);
    expect(e.detail).toMatch(detail);
  });

  it('keys rows so that replacement is per rule', () => {
    const rows = defaultPolicy().rows;
    const keyOf = (id: string) => rowKey(rows.find((r) => r.id === id) as PolicyRow);
    expect([keyOf('vat.standard.17'), keyOf('ct.wine'), keyOf('postal-rate.1.13'), keyOf('quota.2019')]).toEqual([
      'standard',
      'wine',
      '1',
      '',
    ]);
  });
});
