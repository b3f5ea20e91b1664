// @vitest-environment happy-dom
// Each shop adapter against its saved page (test/fixtures/sites/): what it reads is what the page
// shows. Expected values are read off the fixture HTML by hand, not computed by the adapter.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { site as generic } from '../../../../extension/content/sites/generic.ts';
import { site as jdHk } from '../../../../extension/content/sites/jd-hk.ts';
import { parsePriceFen, type SiteAdapter } from '../../../../extension/content/sites/site.ts';
import { site as tmallHk } from '../../../../extension/content/sites/tmall-hk.ts';

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sites');
const fixture = (name: string) => readFileSync(join(fixturesDir, name), 'utf8');

function load(name: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  // Fixtures are trusted test data; parse without running their scripts.
  doc.documentElement.innerHTML = fixture(name).replace(/^<!DOCTYPE html>/i, '').replace(/<script(?![^>]*ld\+json)[\s\S]*?<\/script>/gi, '');
  return doc;
}

describe('product pages', () => {
  it.each<[string, SiteAdapter, string, Record<string, unknown>]>([
    [
      'tmall-hk-product.html',
      tmallHk,
      'https://detail.tmall.hk/hk/item.htm?id=609460372468',
      { title: '兰蔻 Lancome 小黑瓶 精华肌底液 第二代 50ml 修护保湿', priceFen: 108_000, quantity: 1, productId: '609460372468', specTexts: ['净含量: 50ml'] },
    ],
    [
      'jd-hk-product.html',
      jdHk,
      'https://npcitem.jd.hk/100012043978.html',
      { title: 'a2 Platinum 白金版 婴幼儿配方奶粉 3段 900g 新西兰原装进口', priceFen: 25_800, quantity: 2, productId: '100012043978', hsCode: '19011010', specTexts: ['净含量：900g'] },
    ],
    [
      'generic-product.html',
      generic,
      'https://shop.example/products/manuka',
      { title: 'Manuka Honey UMF 15+ 250g', priceFen: 32_900, quantity: 1, productId: 'KP-MH15-250', gtin: '9421900951233', specTexts: ['Net weight: 250g'] },
    ],
    [
      'generic-microdata.html',
      generic,
      'https://shop.example/p/1',
      { title: '澳洲 Swisse 钙片 维生素D 150片', priceFen: 13_900, quantity: 1, productId: 'SW-CAD-150', gtin: '9311770592335' },
    ],
  ])('%s', (file, adapter, url, expected) => {
    const doc = load(file);
    expect(adapter.pageKind(new URL(url))).toBe('product');
    expect(adapter.readProduct!(doc, new URL(url))).toMatchObject(expected);
    expect(adapter.priceAnchor!(doc)).not.toBeNull();
  });

  it('the Tmall reader reads a tariff-code parameter row when the page has one', () => {
    // The saved page shows no 税号 row; a page that does (as JD's parameter list) gives its code.
    const url = new URL('https://detail.tmall.hk/hk/item.htm?id=609460372468');
    expect(tmallHk.readProduct!(load('tmall-hk-product.html'), url)).not.toHaveProperty('hsCode');
    const doc = load('tmall-hk-product.html');
    const row = doc.createElement('li');
    row.textContent = '税号: 3304.99.00';
    doc.querySelector('#J_AttrList ul, #J_AttrList .attributes-list')!.append(row);
    expect(tmallHk.readProduct!(doc, url)).toMatchObject({ hsCode: '33049900' });
  });

  it('the generic adapter falls back to Open Graph when there is no schema.org', () => {
    const doc = load('generic-product.html');
    doc.querySelectorAll('script[type="application/ld+json"]').forEach((s) => s.remove());
    expect(generic.readProduct!(doc, new URL('https://shop.example/'))).toMatchObject({ title: 'Manuka Honey UMF 15+ 250g', priceFen: 32_900 });
  });

  it('a price in another currency is not read as yuan', () => {
    const doc = load('generic-product.html');
    doc.querySelector('script[type="application/ld+json"]')!.textContent = JSON.stringify({
      '@type': 'Product',
      name: 'Thing',
      offers: { '@type': 'Offer', price: '19.99', priceCurrency: 'USD' },
    });
    expect(generic.readProduct!(doc, new URL('https://shop.example/'))).toMatchObject({ title: 'Thing', priceFen: null });
  });

  it.each(['{"@type":"Product","name":', '[[[[[[[[[[]]]]]]]]]]', 'null', '"<script>alert(1)</script>"'])(
    'malformed or odd JSON-LD %s is skipped without throwing',
    (text) => {
      const doc = load('generic-microdata.html');
      const script = doc.createElement('script');
      script.type = 'application/ld+json';
      script.textContent = text;
      doc.head.append(script);
      expect(generic.readProduct!(doc, new URL('https://shop.example/'))?.title).toBe('澳洲 Swisse 钙片 维生素D 150片');
    },
  );
});

describe('list pages', () => {
  it.each<[string, SiteAdapter, string, { count: number; first: Record<string, unknown> }]>([
    ['tmall-hk-list.html', tmallHk, 'https://list.tmall.hk/search_product.htm?q=x', { count: 4, first: { title: '兰蔻 Lancome 小黑瓶 精华肌底液 50ml', priceFen: 108_000, productId: '609460372468' } }],
    ['jd-hk-list.html', jdHk, 'https://search.jd.hk/Search?keyword=x', { count: 2, first: { title: 'a2 Platinum 白金版 婴幼儿配方奶粉 3段 900g 新西兰原装进口', priceFen: 25_800, productId: '100012043978' } }],
  ])('%s', (file, adapter, url, expected) => {
    const doc = load(file);
    expect(adapter.pageKind(new URL(url))).toBe('list');
    const cards = Array.from(doc.querySelectorAll(adapter.cardSelector!));
    expect(cards).toHaveLength(expected.count);
    expect(adapter.readCard!(cards[0]!)).toEqual(expected.first);
    for (const card of cards) {
      expect(adapter.readCard!(card)?.priceFen).toBeGreaterThan(0);
      expect(adapter.cardAnchor!(card)).not.toBeNull();
    }
  });
});

describe('page kinds', () => {
  it.each<[string, SiteAdapter, string, string | null]>([
    ['tmall-hk', tmallHk, 'https://detail.tmall.hk/hk/item.htm?id=1', 'product'],
    ['tmall-hk', tmallHk, 'https://detail.tmall.hk/hk/other.htm', null],
    ['tmall-hk', tmallHk, 'https://list.tmall.com/search_product.htm?q=x', 'list'],
    ['tmall-hk', tmallHk, 'https://buy.tmall.hk/order/confirm_order.htm', 'order'],
    ['jd-hk', jdHk, 'https://item.jd.hk/5001208.html', 'product'],
    ['jd-hk', jdHk, 'https://npcitem.jd.hk/100012043978.html', 'product'],
    ['jd-hk', jdHk, 'https://npcitem.jd.hk/help.html', null],
    ['jd-hk', jdHk, 'https://search.jd.hk/Search?keyword=x', 'list'],
    ['jd-hk', jdHk, 'https://trade.jd.hk/shopping/order/getOrderInfo.action', 'order'],
  ])('%s %s → %s', (_id, adapter, url, kind) => {
    expect(adapter.pageKind(new URL(url))).toBe(kind);
  });
});

describe('parsePriceFen', () => {
  it.each<[string | null, number | null]>([
    ['¥1,899.00', 189_900],
    ['￥ 59.9', 5_990],
    ['258', 25_800],
    ['299.00-399.00', 29_900],
    ['0.01', 1],
    ['CN¥12,345.67', 1_234_567],
    ['价格面议', null],
    ['', null],
    [null, null],
    ['99999999999999999999', null],
  ])('%s → %s', (text, fen) => {
    expect(parsePriceFen(text)).toBe(fen);
  });
});
