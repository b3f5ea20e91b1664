// The extension in a real browser: Debian Chromium with the unpacked build, saved shop pages served
// over HTTPS under the shops' real host names (test/fixtures/sites/shop-server.ts), so the manifest's
// match patterns decide what runs. Expected figures are computed here, independently, from shared/tax
// with the facts read off the fixture pages by hand.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTitle } from '../../shared/catalog/index.ts';
import { compareChannels } from '../../shared/tax/index.ts';
import { startExtensionUnderTest, type ExtensionUnderTest } from '../fixtures/sites/extension-under-test.ts';
import { fixturePage } from '../fixtures/sites/shop-server.ts';

let ext: ExtensionUnderTest;

/** Today in China (UTC+8): the date the extension taxes at. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function expected(title: string, priceFen: number, quantity: number, netContent?: { value: number; unit: 'ml' | 'g' | 'piece' }, usedThisYearFen = 0) {
  const c = compareChannels(
    { date: chinaToday(), items: [{ name: title, priceFen, quantity, taxClass: classifyTitle(title).taxClass, ...(netContent ? { netContent } : {}) }] },
    { usedThisYearFen },
  );
  return { taxFen: String(c.cbec.totalFen), admission: c.admission.status };
}

async function annotation(page: Page) {
  const host = page.locator('crosscheck-annotation');
  await host.waitFor({ state: 'attached', timeout: 15_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('crosscheck-annotation');
    return !!el && el.getAttribute('data-status') !== 'pending';
  }, undefined, { timeout: 15_000 });
  return {
    status: await host.getAttribute('data-status'),
    taxFen: await host.getAttribute('data-tax-fen'),
    admission: await host.getAttribute('data-admission'),
    text: (await host.evaluate((el) => el.shadowRoot?.textContent ?? '')) as string,
  };
}

/** The Tmall item page with `extra` HTML inserted after the product header. */
function tmallVariant(extra: string): string {
  return fixturePage('tmall-hk-product.html').replace('<div class="tm-fcs-panel">', `${extra}\n<div class="tm-fcs-panel">`);
}

const TMALL_TITLE = '兰蔻 Lancome 小黑瓶 精华肌底液 第二代 50ml 修护保湿';
const JD_TITLE = 'a2 Platinum 白金版 婴幼儿配方奶粉 3段 900g 新西兰原装进口';

beforeAll(async () => {
  ext = await startExtensionUnderTest();
  const s = ext.server;
  s.route('detail.tmall.hk', '/hk/item.htm', fixturePage('tmall-hk-product.html'));
  s.route('npcitem.jd.hk', '/100012043978.html', fixturePage('jd-hk-product.html'));
  s.route('item.jd.hk', '/100012043978.html', fixturePage('jd-hk-product.html'));
  s.route('detail.tmall.hk', '/valid/item.htm', tmallVariant(`<crosscheck-badge credential="${ext.world.tmallListing}"></crosscheck-badge>`));
  s.route('detail.tmall.hk', '/copied/item.htm', tmallVariant(`<crosscheck-badge credential="${ext.world.foreignListing}"></crosscheck-badge>`));
  s.route('detail.tmall.hk', '/other-shop/item.htm', tmallVariant(`<crosscheck-badge credential="${ext.world.jdListing}"></crosscheck-badge>`));
  s.route(
    'detail.tmall.hk',
    '/fake/item.htm',
    tmallVariant(`<crosscheck-badge data-state="verified"></crosscheck-badge>
<script>customElements.define('crosscheck-badge', class extends HTMLElement { connectedCallback() {
  this.attachShadow({ mode: 'open' }).innerHTML = '<b style="color:green">✔ CrossCheck verified</b>'; } });</script>`),
  );
  s.route(
    'detail.tmall.hk',
    '/tampered/item.htm',
    tmallVariant(`<crosscheck-badge credential="${ext.world.tmallListing.slice(0, -6)}AAAAAA"></crosscheck-badge>`),
  );
  s.route('list.tmall.hk', '/search_product.htm', fixturePage('tmall-hk-list.html'));
  s.route('search.jd.hk', '/Search', fixturePage('jd-hk-list.html'));
}, 180_000);

afterAll(async () => {
  await ext?.close();
});

describe('product pages', () => {
  it.each([
    ['detail.tmall.hk (Tmall Global)', 'https://detail.tmall.hk/hk/item.htm?id=609460372468', TMALL_TITLE, 108_000, 1, { value: 50, unit: 'ml' as const }],
    ['npcitem.jd.hk (JD Worldwide)', 'https://npcitem.jd.hk/100012043978.html', JD_TITLE, 25_800, 2, { value: 900, unit: 'g' as const }],
    ['item.jd.hk (JD Worldwide)', 'https://item.jd.hk/100012043978.html', JD_TITLE, 25_800, 2, { value: 900, unit: 'g' as const }],
  ])('%s: the annotation carries the CBEC tax and admission', async (_name, url, title, priceFen, quantity, net) => {
    const page = await ext.context.newPage();
    await page.goto(url);
    const a = await annotation(page);
    const want = expected(title, priceFen, quantity, net);
    expect(a).toMatchObject({ status: 'not-verified', taxFen: want.taxFen, admission: want.admission });
    expect(a.text).toContain(title); // page text shown back, as text
    await page.close();
  });

  it('high-end cosmetics: the per-ml figure and the 15 % consumption tax are shown', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://detail.tmall.hk/hk/item.htm?id=609460372468');
    const a = await annotation(page);
    expect(a.text).toMatch(/21\.60/); // ¥1,080.00 ÷ 50 ml
    expect(a.text).toMatch(/high-end|高档/);
    await page.close();
  });

  it('the quota left comes from the ledger in chrome.storage', async () => {
    const sw = await ext.serviceWorker();
    const usedFen = 2_550_000; // ¥25,500 already used this year: ¥1,080 more passes ¥26,000
    await sw.evaluate(async (used) => {
      await chrome.storage.local.set({
        ledger: {
          orders: [{ orderId: 'M-1', source: 'manual', orderedAt: new Date().toISOString(), dutiableValueFen: used, taxFen: 0, items: [], addedAt: new Date().toISOString() }],
          parcels: [],
          officialFigures: [],
        },
      });
    }, usedFen);
    const page = await ext.context.newPage();
    await page.goto('https://detail.tmall.hk/hk/item.htm?id=609460372468');
    const a = await annotation(page);
    const want = expected(TMALL_TITLE, 108_000, 1, { value: 50, unit: 'ml' }, usedFen);
    expect(want.admission).toBe('exceeds-annual');
    expect(a).toMatchObject({ taxFen: want.taxFen, admission: want.admission });
    await sw.evaluate(() => chrome.storage.local.remove('ledger'));
    await page.close();
  });
});

describe('authenticity', () => {
  it.each([
    ['a listing credential naming this origin and product', '/valid/item.htm', 'verified'],
    ['a genuine credential copied from another origin', '/copied/item.htm', 'not-genuine'],
    ['a credential of this platform for another shop and product', '/other-shop/item.htm', 'not-genuine'],
    ['a badge element whose own script claims "verified", no credential', '/fake/item.htm', 'not-genuine'],
    ['a tampered credential', '/tampered/item.htm', 'not-genuine'],
    ['no badge at all', '/hk/item.htm', 'not-verified'],
  ])('%s → %s', async (_name, path, status) => {
    const page = await ext.context.newPage();
    await page.goto(`https://detail.tmall.hk${path}?id=609460372468`);
    const a = await annotation(page);
    expect(a.status).toBe(status);
    await page.close();
  });
});
