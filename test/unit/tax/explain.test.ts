// The explanation of a tax comparison (shared/tax/explain.ts) in both languages: the English is the
// text the breakdown always had (reference.test.ts checks it word for word); the Chinese must be
// Chinese throughout — no English word a zh-CN user would read beside Chinese labels.
import { describe, expect, it } from 'vitest';
import type { NetContent, TaxClassId } from '../../../shared/catalog/tax-classes.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';
import { compareChannels, type ChannelComparison, type Order } from '../../../shared/tax/index.ts';
import { generateOrder } from '../../harness/samples/tax-orders.ts';
import type { Localized } from '../../../shared/text/localized.ts';

/** Every user-facing text of a comparison: each line's formula, each item's evidence and assumption. */
function texts(r: ChannelComparison): Localized[] {
  return [
    ...[r.cbec, r.generalTrade, r.postal].flatMap((c) => c.lines.map((l) => l.formula)),
    ...r.items.flatMap((i) => [...i.evidence, ...(i.consumptionTax.assumption ? [i.consumptionTax.assumption] : [])]),
  ];
}

/** Two Latin letters in a row: an English word (or an untranslated unit such as "ml" or "CNY"). */
const LATIN_WORD = /[A-Za-z]{2,}/;

const one = (taxClass: TaxClassId, priceFen: number, netContent?: NetContent, extra: Partial<Order['items'][number]> = {}): Order => ({
  date: '2025-11-14',
  items: [{ name: `${taxClass} item`, priceFen, quantity: 1, taxClass, ...(netContent ? { netContent } : {}), ...extra }],
});

describe('the zh-CN explanation has no English words', () => {
  it('on thousands of seeded orders of every tax class', () => {
    const random = seededRandom(21);
    for (let n = 0; n < 600; n++) {
      const r = compareChannels(generateOrder(random, { maxItems: 3 }), { usedThisYearFen: n % 3 === 0 ? 2_590_000 : 0 });
      for (const text of texts(r)) {
        expect(text['zh-CN'], text.en).not.toMatch(LATIN_WORD);
        expect(text['zh-CN'].length, text.en).toBeGreaterThan(0);
      }
    }
  });

  it.each<[string, Order]>([
    ['high-end cosmetics by the gram', one('cosmetics', 42_500, { value: 20, unit: 'g' })],
    ['cosmetics without a net content (assumed high-end)', one('cosmetics', 10_000)],
    ['spirits with a specific duty', one('spirits', 30_000, { value: 700, unit: 'ml' })],
    ['beer per tonne', one('beer', 3_000, { value: 500, unit: 'ml' })],
    ['a high-end watch', one('watch', 1_000_000)],
    ['an item with a tariff code', one('general', 10_000, undefined, { hsCode: '61091000' })],
    ['an item whose tariff code decides its class', one('general', 10_000, { value: 50, unit: 'g' }, { hsCode: '33049900' })],
    ['brandy by its tariff code', one('wine', 40_000, { value: 700, unit: 'ml' }, { hsCode: '22082000' })],
  ])('%s', (_label, order) => {
    for (const text of texts(compareChannels(order))) expect(text['zh-CN'], text.en).not.toMatch(LATIN_WORD);
  });
});

describe('what the zh-CN explanation says', () => {
  it('names the tax class, the consumption-tax item and the tier in Chinese', () => {
    const r = compareChannels(one('cosmetics', 42_500, { value: 20, unit: 'g' }));
    expect(r.items[0]!.evidence[0]!['zh-CN']).toBe('税类：护肤品及其他化妆品；消费税目：高档化妆品，税档：高档');
    expect(r.items[0]!.evidence[1]!['zh-CN']).toBe('每克 21.2500 元 ≥ 每克 10.00 元');
  });

  it('spells the VAT base with 关税 and 全额消费税, and the postal category as 第N类', () => {
    const r = compareChannels({ date: '2024-05-01', items: [{ name: 'wine', priceFen: 42_500, quantity: 1, taxClass: 'wine', netContent: { value: 750, unit: 'ml' } }] });
    const vat = r.generalTrade.lines.find((l) => l.tax === 'vat')!.formula;
    expect(vat.en).toMatch(/full CT 53\.83/);
    expect(vat['zh-CN']).toMatch(/关税 59\.50 \+ 全额消费税 53\.83/);
    expect(r.postal.lines[0]!.formula['zh-CN']).toMatch(/（第3类）= /);
  });

  it('says why the higher tier was assumed', () => {
    const r = compareChannels(one('cosmetics', 10_000));
    expect(r.items[0]!.consumptionTax.assumption).toEqual({
      en: 'net content unknown: assumed high-end (the higher tax); give netContent to decide',
      'zh-CN': '净含量未知：按税负较高的高档税档计算；提供净含量后可确定税档',
    });
  });
});
