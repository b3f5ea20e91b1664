// The smaller parts: address normalisation, product classes, positive-list caps, agreement of the
// quota decision with shared/quota, the report's escaping.
import { describe, expect, it } from 'vitest';
import { admitOrder, type AdmissionStatus } from '../../../shared/quota/index.ts';
import {
  AddressWatchlist,
  PRODUCT_CLASSES,
  ReportAccumulator,
  DEFAULT_CONFIG,
  checkOrder,
  classifyItem,
  escapeHtml,
  normaliseAddress,
  unitGrams,
  type RuleId,
} from '../../../shared/screen/index.ts';
import { listCapFor } from '../../../shared/screen/product-classes.ts';
import { day, order, orderWorth, screenAll } from './fixtures.ts';

describe('normaliseAddress', () => {
  it.each([
    ['上海市浦东新区世纪大道100号', '上海市浦东新区世纪大道100号'],
    ['上海市 浦东新区 世纪大道１００号', '上海市浦东新区世纪大道100号'],
    ['上海市浦东新区世纪大道100号（1栋）#101', '上海市浦东新区世纪大道100号1栋101'],
    ['Room 5, 88 JIANGUO Rd.', 'room588jianguord'],
    ['\u3000北京市\t朝阳区', '北京市朝阳区'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it('matches listed buildings and their rooms, never a shorter prefix', () => {
    const list = new AddressWatchlist(['北京市朝阳区建国路88号', '北京市']);
    expect(list.size).toBe(1);
    expect(list.matches(normaliseAddress('北京市朝阳区建国路88号3单元402'))).toBe(true);
    expect(list.matches(normaliseAddress('北京市朝阳区建国路8号'))).toBe(false);
    expect(list.matches(normaliseAddress('北京市海淀区'))).toBe(false);
    expect(AddressWatchlist.tooShort(['北京市', '北京市朝阳区建国路88号'])).toEqual(['北京市']);
  });
});

describe('product classes', () => {
  const id = (i: number) => (i < 0 ? 'none' : PRODUCT_CLASSES[i]!.id);
  it.each([
    [{ name: 'anything', hsCode: '17019910' }, 'sugar'],
    [{ name: '白砂糖', hsCode: '09012100' }, 'none'], // the tariff code wins over the title
    [{ name: 'CSR 白砂糖 1kg' }, 'sugar'],
    [{ name: '无糖 sugar-free 饼干' }, 'none'],
    [{ name: '瑞士糖果 candy' }, 'none'],
    [{ name: '泰国茉莉香米 5kg' }, 'rice'],
    [{ name: '日本米饼 rice cracker' }, 'none'],
    [{ name: 'Aptamil 婴幼儿配方奶粉 800g' }, 'infant-formula'],
    [{ name: 'Swisse 鱼油' }, 'supplements'],
    [{ name: 'YSL 口红 #1966' }, 'cosmetics'], // through shared/catalog's classifier
    [{ name: '红酒面膜' }, 'cosmetics'], // a mask, not wine: the catalogue reads the head noun
    [{ name: 'Penfolds Bin 389 红酒 750ml' }, 'wine'],
    [{ name: 'Coach 托特包' }, 'none'],
  ])('%j → %s', (item, expected) => {
    expect(id(classifyItem(item))).toBe(expected);
  });

  it.each([
    [{ name: 'x', netWeightGrams: 750 }, 750],
    [{ name: '泰国茉莉香米 5kg' }, 5000],
    [{ name: '东北大米 2斤' }, 1000],
    [{ name: '冰糖 2×1kg' }, 2000],
    [{ name: 'Coach 托特包' }, undefined],
  ])('unitGrams(%j) = %s', (item, grams) => {
    expect(unitGrams(item)).toBe(grams);
  });

  it('reads the caps from the positive list, by code or by class', () => {
    const sugar = PRODUCT_CLASSES.findIndex((c) => c.id === 'sugar');
    expect(listCapFor({ hsCode: '17019910' }, sugar)).toMatchObject({ limit: 2000, unit: 'g', group: '1701:g' });
    expect(listCapFor({}, sugar)).toMatchObject({ limit: 2000, unit: 'g', hs8: '17019910' });
    expect(listCapFor({ hsCode: '09012100' }, -1)).toBeUndefined();
  });
});

describe('quota decision agrees with shared/quota admitOrder', () => {
  const expectedReasons: Record<AdmissionStatus, RuleId[]> = {
    'within-limits': [],
    'single-item-full-tax': ['single-item-over-order-limit'],
    'exceeds-single': ['order-limit-exceeded'],
    'exceeds-annual': ['annual-limit-exceeded'],
    // Only before 2019 (18号 §三); the screen decides on today's rules.
    'single-item-general-trade': ['order-limit-exceeded'],
  };
  // (fen already used this year, value of the new order, single indivisible item?)
  it.each([
    [0, 500_000, false],
    [0, 500_001, false],
    [0, 500_001, true],
    [0, 2_599_999, true],
    [0, 2_600_000, true],
    [2_000_000, 600_000, true],
    [2_000_000, 600_001, true],
    [2_100_000, 500_000, false],
    [2_100_000, 500_001, false],
    [2_500_000, 100_000, false],
    [2_500_000, 100_001, false],
  ])('used %i, order %i, single item %s', (used, value, single) => {
    const fill: ReturnType<typeof order>[] = [];
    // Reach `used` with orders of at most 5,000.00 (two units each), one a day.
    for (let left = used, d = 0; left > 0; d++) {
      const chunk = Math.min(left, 500_000);
      fill.push(orderWorth(chunk, 2, { time: day(d) }));
      left -= chunk;
    }
    const probe = single ? orderWorth(value, 1, { time: day(60) }) : orderWorth(value - (value % 2), 2, { time: day(60) });
    const probeValue = single ? value : value - (value % 2);
    const admission = admitOrder({ date: '2026-04-30', dutiableValueFen: probeValue, singleIndivisibleItem: single }, used);
    const screened = screenAll([...fill, probe]).at(-1)!;
    // admitOrder names the first limit that applies; the screen also names the per-order limit
    // when the annual one is crossed too, so that reason is set aside when admitOrder says annual.
    const quotaReasons = screened.reasons.filter((r) => r === 'single-item-over-order-limit' || r === 'annual-limit-exceeded' || (r === 'order-limit-exceeded' && admission.status !== 'exceeds-annual'));
    expect(quotaReasons).toEqual(expectedReasons[admission.status]);
  });
});

describe('report', () => {
  it('escapes order text and says when no rule fired', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const report = new ReportAccumulator();
    const checked = checkOrder(JSON.parse(JSON.stringify(order({ orderId: '"><img src=x onerror=alert(1)>' }))));
    if (!checked.ok) throw new Error(checked.error.message);
    report.add({ orderId: checked.value.orderId, decision: 'pass', reasons: [] }, checked.value);
    report.add({ line: 2, decision: 'error', code: 'json-invalid', message: '<svg onload=alert(1)>' }, undefined);
    const summary = {
      lines: 2,
      orders: 1,
      decisions: { pass: 1, review: 0, block: 0, error: 1 },
      reasons: Object.fromEntries(Object.keys(DEFAULT_CONFIG.rules).map((k) => [k, 0])) as Record<RuleId, number>,
      errors: { 'json-invalid': 1 },
    };
    const html = report.render(summary, DEFAULT_CONFIG, { source: '<file>' });
    expect(html).toContain('No rule fired');
    expect(html).toContain('&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('Input 输入: &lt;file&gt;');
    expect(html).not.toMatch(/<img|<svg onload/);
    expect(html).toContain('2026-03-01'); // the day bucket of the order
  });
});
