import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml, html, jsonLd } from '../../../harness/store/html.ts';
import { loadStoreModel, type StoreModel, type StoreProduct } from '../../../harness/store/model.ts';
import { homePage, orderPage, productPage, type PageContext } from '../../../harness/store/pages.ts';
import { contentSecurityPolicy, storeResponse } from '../../../harness/store/server.ts';
import { labelContentFor } from '../../../../cli/labels/content.ts';
import { parseScanned } from '../../../../shared/credential/index.ts';
import { memoryIo } from '../../../harness/memory-io.ts';
import { runHarness } from '../../../harness/run.ts';

const APP = 'http://localhost:4173';

let dir: string;
let model: StoreModel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-store-'));
  const io = memoryIo();
  expect(await runHarness(['demo', '--out', dir], io), io.err).toBe(0);
  model = await loadStoreModel(dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror=alert(2)> "quoted" 'single' & <!--`;

function hostileProduct(p: StoreProduct): StoreProduct {
  return {
    ...p,
    name: HOSTILE,
    nameZh: HOSTILE,
    sellerName: { en: HOSTILE, 'zh-CN': HOSTILE },
    listing: `CC1:" onmouseover="alert(3)`,
    copy: { ...p.copy, blurb: { en: HOSTILE, 'zh-CN': HOSTILE }, specs: [{ en: HOSTILE, 'zh-CN': HOSTILE, value: HOSTILE }] },
  };
}

/** The JSON-LD blocks of a page, parsed. */
function jsonLdBlocks(page: string): unknown[] {
  return [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('html escaping', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['"x" & \'y\'', '&quot;x&quot; &amp; &#39;y&#39;'],
    ['plain 中文', 'plain 中文'],
  ])('escapeHtml(%j)', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });

  it('html`` escapes values, lists and numbers, and passes nested html through', () => {
    const inner = html`<i>${'<x>'}</i>`;
    expect(html`<p title="${'"'}">${['<a>', inner, 3]}</p>`.value).toBe('<p title="&quot;">&lt;a&gt;<i>&lt;x&gt;</i>3</p>');
  });

  it('jsonLd cannot end its script element, and parses back to the same value', () => {
    const value = { name: HOSTILE, line: 'a\u2028b' };
    const block = jsonLd(value).value;
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(block).not.toContain('<!--');
    expect(jsonLdBlocks(block)).toEqual([value]);
  });
});

function ctx(site: 'store' | 'lookalike', lang: 'en' | 'zh-CN' = 'zh-CN'): PageContext {
  return { site, lang, appUrl: APP, model };
}

describe('store pages from the demo world', () => {
  it('sells the products whose listings are genuine on the store origin, at the signed receipt price', () => {
    expect(model.products.map((p) => p.slug)).toEqual(expect.arrayContaining(['serum', 'milk', 'wine', 'watch']));
    const serum = model.products.find((p) => p.slug === 'serum')!;
    const receiptItem = model.orders.flatMap((o) => o.items).find((i) => i.gtin === serum.gtin)!;
    expect(serum.priceFen).toBe(receiptItem.unitPriceFen);
    expect(serum.expectByOrigin[model.origins.store]).toBe('genuine');
    expect(model.fakeListing).toMatch(/^CC1:/);
  });

  it('a product page carries its listing in a crosscheck-badge, badge.js from the app, and a CNY schema.org Product', () => {
    const serum = model.products.find((p) => p.slug === 'serum')!;
    const page = productPage(serum, ctx('store'));
    expect(page).toContain(`<crosscheck-badge credential="${escapeHtml(serum.listing)}">`);
    expect(page).toContain(`<script type="module" src="${APP}/badge.js"></script>`);
    expect(page).toMatch(/<html lang="zh-CN">/);
    const [product] = jsonLdBlocks(page) as { '@type': string; gtin13: string; offers: { price: string; priceCurrency: string } }[];
    expect(product!['@type']).toBe('Product');
    expect(product!.gtin13).toBe(serum.gtin.replace(/^0+(?=\d{13}$)/, ''));
    expect(product!.offers).toMatchObject({ price: (serum.priceFen / 100).toFixed(2), priceCurrency: 'CNY' });
  });

  it('escapes every text that comes from the demo world (names, sellers, credentials, specs)', () => {
    const evil = hostileProduct(model.products[0]!);
    for (const page of [productPage(evil, ctx('store', 'en')), productPage(evil, ctx('lookalike')), homePage({ ...ctx('store'), model: { ...model, products: [evil] } })]) {
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).not.toContain('onmouseover="alert');
      // The only script elements are badge.js and JSON-LD.
      const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.every((s) => s.includes('application/ld+json') || s.includes(`${APP}/badge.js`))).toBe(true);
    }
    const [ld] = jsonLdBlocks(productPage(evil, ctx('store'))) as { name: string }[];
    expect(ld!.name).toBe(`${HOSTILE} ${HOSTILE}`);
  });

  it('an order page hands over the receipt in a crosscheck-receipt element, escaped', () => {
    const order = { ...model.orders[0]!, items: [{ gtin: '1', name: HOSTILE, quantity: 1, unitPriceFen: 100 }], receipt: '"><script>alert(4)</script>' };
    const page = orderPage(order, ctx('store', 'en'));
    expect(page).toContain('<crosscheck-receipt credential="&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;">');
    expect(page).not.toContain('<script>alert');
  });
});

describe('storeResponse (routing of the two shops)', () => {
  it.each([
    ['store', '/', 200, 'text/html'],
    ['store', '/?lang=en', 200, 'text/html'],
    ['store', '/products/serum', 200, 'text/html'],
    ['store', '/products/serum-grey-seller', 200, 'text/html'],
    ['store', '/products/nope', 404, 'text/html'],
    ['store', '/orders', 200, 'text/html'],
    ['store', '/labels', 200, 'text/html'],
    ['store', '/labels/serum-yours.pdf', 200, 'application/pdf'],
    ['store', '/labels/serum-yours.svg', 200, 'image/svg+xml'],
    ['store', '/labels/../index.json', 404, 'text/html'],
    ['store', '/assets/store.css', 200, 'text/css'],
    ['store', '/assets/fake-badge.js', 404, 'text/html'],
    ['store', '/products/flash-sale', 404, 'text/html'],
    ['lookalike', '/', 200, 'text/html'],
    ['lookalike', '/products/serum', 200, 'text/html'],
    ['lookalike', '/products/serum-grey-seller', 404, 'text/html'],
    ['lookalike', '/products/flash-sale', 200, 'text/html'],
    ['lookalike', '/assets/fake-badge.js', 200, 'text/javascript'],
    ['lookalike', '/orders', 404, 'text/html'],
    ['lookalike', '/labels/serum-yours.pdf', 404, 'text/html'],
  ] as const)('%s %s → %i %s', async (site, path, status, type) => {
    const r = await storeResponse(site, model, APP, path);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toContain(type);
  });

  it('every order of the demo consumer has a page with its receipt', async () => {
    expect(model.orders.length).toBeGreaterThan(0);
    for (const order of model.orders) {
      const r = await storeResponse('store', model, APP, `/orders/${order.orderId}`);
      expect(r.status).toBe(200);
      expect(String(r.body)).toContain(`credential="${escapeHtml(order.receipt)}"`);
    }
  });

  it('the look-alike copies the badge byte for byte; its flash sale has its own badge script and no badge.js', async () => {
    const serum = model.products.find((p) => p.slug === 'serum')!;
    const copied = String((await storeResponse('lookalike', model, APP, '/products/serum')).body);
    expect(copied).toContain(`credential="${escapeHtml(serum.listing)}"`);
    const fake = String((await storeResponse('lookalike', model, APP, '/products/flash-sale')).body);
    expect(fake).toContain('<script src="/assets/fake-badge.js" defer></script>');
    expect(fake).not.toContain('/badge.js"');
    expect(fake).toContain(`credential="${escapeHtml(model.fakeListing!)}"`);
  });

  it('pages allow scripts and connections to their own origin and the app, nothing else', async () => {
    const r = await storeResponse('store', model, APP, '/products/serum');
    expect(r.headers['content-security-policy']).toBe(contentSecurityPolicy(APP));
    expect(r.headers['content-security-policy']).toContain(`script-src 'self' ${APP};`);
    expect(r.headers['content-security-policy']).toContain(`connect-src 'self' ${APP};`);
  });
});

describe('parcel labels from the demo world', () => {
  it('each label QR holds the verify URL of its own parcel, and prints the waybill of the label', () => {
    for (const parcel of model.parcels) {
      const label = labelContentFor(parcel, model.verifyBase);
      const scanned = parseScanned(label.qrText);
      expect(scanned.ok && scanned.value.payload).toBe(parcel.payload);
      expect(label.qrText.startsWith(`${model.verifyBase}#CC1:`)).toBe(true);
      expect(label.waybill).toBe(parcel.labelWaybill);
    }
    const copied = model.parcels.find((p) => p.name === 'watch-copied-label')!;
    expect(copied.labelWaybill).not.toBe(copied.claims.waybill);
  });
});
