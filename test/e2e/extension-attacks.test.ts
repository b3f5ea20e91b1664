/* oxlint-disable no-underscore-dangle -- __attack: the globals the hostile test pages set on purpose */
// The page attacks of the trust issue, rebuilt in a real browser against the unpacked extension:
// a page that tries to restyle our panel through its shadow root, hides it and draws its own
// CrossCheck-styled "Verified" panel; a shop reading personal figures from what we put in its DOM;
// a page laying its own box over our receipt offer; a genuine listing copied to another seller's
// item on the same marketplace. Each ends in the truth in the trusted surfaces (toolbar action,
// side panel) and no leak; the honest paths still show green there.
//
// Run alone: npx vitest run --project e2e test/e2e/extension-attacks.test.ts
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtensionUnderTest, type ExtensionUnderTest } from '../fixtures/sites/extension-under-test.ts';
import { fixturePage } from '../fixtures/sites/shop-server.ts';
import { BUYER_ID_NUMBER, TMALL_ITEM } from '../fixtures/sites/trust-world.ts';
import { closedShadow } from './closed-shadow.ts';

let ext: ExtensionUnderTest;

const ITEM = TMALL_ITEM;
/** Another seller's item on the same marketplace (same origin, another `id=`). */
const OTHER_ITEM = '640000000001';
/** A valid ID number of someone else (ending 1239, not the receipt's 123X). */
const OTHER_ID_NUMBER = '110105199003071239';

/** The Tmall item page with `head` in <head> and `extra` after the product header. */
function tmall(extra: string, head = ''): string {
  return fixturePage('tmall-hk-product.html')
    .replace('<div class="tm-fcs-panel">', `${extra}\n<div class="tm-fcs-panel">`)
    .replace('</head>', `${head}</head>`);
}

/**
 * The page's attack on our panel: read and restyle it through its shadow root (adopting a sheet
 * that would turn "Badge not genuine" into a green "Verified listing"), then hide it (a zero-height
 * parent, overflow hidden) and draw its own CrossCheck-styled "Verified" panel in its place.
 * Whatever it managed is recorded in window.__attack.
 */
const RESTYLE_HIDE_AND_FAKE = `<script>
window.__attack = { sawRoot: false, adopted: false, errors: [] };
const attack = () => {
  const ours = document.querySelector('crosscheck-annotation');
  if (!ours || ours.parentElement?.id === 'trap') return false;
  if (ours.shadowRoot) {
    window.__attack.sawRoot = true;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.status { color: transparent !important } .status::after { content: "Verified listing"; color: green }');
      ours.shadowRoot.adoptedStyleSheets = [...ours.shadowRoot.adoptedStyleSheets, sheet];
      window.__attack.adopted = true;
    } catch (e) { window.__attack.errors.push(String(e)); }
  }
  const trap = document.createElement('div');
  trap.id = 'trap';
  trap.style.cssText = 'height:0;overflow:hidden';
  ours.before(trap);
  trap.append(ours);
  const fake = document.createElement('div');
  fake.id = 'fake-panel';
  fake.innerHTML = '<b>CrossCheck</b> <span style="color:#0b6e4f;border:1px solid;border-radius:999px;padding:1px 8px">Verified listing — Global Platform (test)</span>';
  trap.after(fake);
  return true;
};
new MutationObserver((_, o) => { if (attack()) o.disconnect(); }).observe(document.documentElement, { childList: true, subtree: true });
</script>`;

/** Everything page script can read of what we put in its DOM: every attribute, title and text. */
async function pageView(page: Page): Promise<{ tag: string; attributes: [string, string][]; title: string; text: string; innerText: string; root: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('crosscheck-annotation, crosscheck-chip, crosscheck-receipt-offer')).map((el) => ({
      tag: el.localName,
      attributes: el.getAttributeNames().map((n) => [n, el.getAttribute(n) ?? ''] as [string, string]),
      title: (el as HTMLElement).title,
      text: el.textContent ?? '',
      innerText: (el as HTMLElement).innerText,
      root: el.shadowRoot !== null,
    })),
  );
}

async function waitForAnnotation(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('crosscheck-annotation');
    return !!el && el.getAttribute('data-status') !== 'pending';
  }, undefined, { timeout: 15_000 });
}

const setLedger = async (usedFen: number | null) => {
  const sw = await ext.serviceWorker();
  await sw.evaluate(async (used) => {
    if (used === null) return chrome.storage.local.remove('ledger');
    const at = new Date().toISOString();
    await chrome.storage.local.set({
      ledger: { orders: [{ orderId: 'M-ATTACK', source: 'manual', orderedAt: at, dutiableValueFen: used, taxFen: 0, items: [], addedAt: at }], parcels: [], officialFigures: [] },
    });
  }, usedFen);
};

const ledgerOrders = async () => {
  const sw = await ext.serviceWorker();
  return sw.evaluate(async () => ((await chrome.storage.local.get('ledger')).ledger as { orders?: { orderId: string }[] } | undefined)?.orders ?? []);
};

beforeAll(async () => {
  ext = await startExtensionUnderTest();
  const s = ext.server;
  const badge = (credential: string) => `<crosscheck-badge credential="${credential}"></crosscheck-badge>`;
  s.route('detail.tmall.hk', '/honest/item.htm', tmall(badge(ext.world.tmallListing)));
  s.route('detail.tmall.hk', '/attack-valid/item.htm', tmall(badge(ext.world.tmallListing), RESTYLE_HIDE_AND_FAKE));
  s.route('detail.tmall.hk', '/attack-copied/item.htm', tmall(badge(ext.world.foreignListing), RESTYLE_HIDE_AND_FAKE));
  s.route('list.tmall.hk', '/search_product.htm', fixturePage('tmall-hk-list.html'));
  // A reseller's page (an origin the trust data does not list for the receipt's issuer) handing on a buyer's receipt.
  s.route('trade.jd.hk', '/shopping/order/getOrderInfo.action', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>order</title></head><body><crosscheck-receipt credential="${ext.world.receipt}"></crosscheck-receipt></body></html>`);
  s.route(
    'buy.tmall.hk',
    '/order/confirm_order.htm',
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单提交成功</title></head>
<body><div class="order-success"><h2>订单提交成功</h2><crosscheck-receipt credential="${ext.world.receipt}"></crosscheck-receipt></div>
<script>
  // Click-jacking: a box of the page's own laid over wherever our offer appears, inviting a click.
  window.__clicks = 0;
  new MutationObserver(() => {
    const ours = document.querySelector('crosscheck-receipt-offer');
    if (!ours || document.getElementById('overlay')) return;
    const box = ours.getBoundingClientRect();
    const overlay = document.createElement('button');
    overlay.id = 'overlay';
    overlay.textContent = 'Add to my CrossCheck ledger';
    overlay.style.cssText = 'position:absolute;z-index:2147483647;left:' + (box.left + scrollX) + 'px;top:' + (box.top + scrollY) + 'px;width:' + Math.max(box.width, 200) + 'px;height:' + Math.max(box.height, 40) + 'px;opacity:0.01';
    overlay.addEventListener('click', () => { window.__clicks++; ours.click(); ours.dispatchEvent(new MouseEvent('click', { bubbles: true })); });
    document.body.append(overlay);
  }).observe(document.documentElement, { childList: true, subtree: true });
</script></body></html>`,
  );
}, 180_000);

afterAll(async () => {
  await ext?.close();
});

describe('the page cannot make our panel lie', () => {
  it('honest page: green only in the toolbar and the side panel, which name the shop and the product', async () => {
    const page = await ext.context.newPage();
    await page.goto(`https://detail.tmall.hk/honest/item.htm?id=${ITEM}`);
    await waitForAnnotation(page);
    const trusted = await ext.trusted(page);
    // The toolbar title carries the finding's sentence: shown when this fails.
    expect(trusted.badge, JSON.stringify(trusted)).toBe('✓');
    expect(trusted.title).toContain('Verified listing — Global Platform (test)');
    const panel = await ext.openSidePanel(page);
    const listing = panel.getByTestId('listing');
    expect(await listing.getAttribute('data-status')).toBe('verified');
    expect(await panel.getByTestId('listing-title').textContent()).toBe('Verified listing — Global Platform (test)');
    expect(await panel.getByTestId('listing-product').textContent()).toBe('兰蔻 小黑瓶 精华肌底液 50ml');
    // The page itself carries no positive word at all.
    const inside = await closedShadow(page, 'crosscheck-annotation');
    expect(inside.text).not.toMatch(/Verified|已验证的商品/);
    expect(inside.text).toMatch(/toolbar|工具栏/);
    await panel.close();
    await page.close();
  });

  it.each([
    ['a genuine listing', '/attack-valid/item.htm', 'verified', '✓'],
    ['a listing copied from another origin', '/attack-copied/item.htm', 'not-genuine', '!'],
  ])('%s on a page that restyles our root, hides our panel and draws a fake "Verified" one: the trusted surfaces still tell the truth', async (_name, path, status, badge) => {
    const page = await ext.context.newPage();
    await page.goto(`https://detail.tmall.hk${path}?id=${ITEM}`);
    await waitForAnnotation(page);
    await page.waitForSelector('#fake-panel', { state: 'attached', timeout: 10_000 });
    const attack = await page.evaluate(() => (window as unknown as { __attack: { sawRoot: boolean; adopted: boolean } }).__attack);
    // Closed root: nothing to adopt a sheet into, nothing to read.
    expect(attack).toMatchObject({ sawRoot: false, adopted: false });
    // Our panel is hidden by the page (a zero-height parent) — and its own fake says "Verified".
    expect(await page.locator('#fake-panel').textContent()).toContain('Verified listing');
    // What our root holds is unchanged: the negative finding in words, never a positive word.
    const inside = await closedShadow(page, 'crosscheck-annotation');
    expect(inside.mode).toBe('closed');
    expect(inside.text).not.toMatch(/Verified listing|已验证的商品/);
    if (status === 'not-genuine') expect(inside.text).toMatch(/Badge not genuine|徽章不真实/);
    expect(await page.locator('crosscheck-annotation').getAttribute('data-status')).toBe(status === 'not-genuine' ? 'not-genuine' : 'neutral');
    // The toolbar action and the side panel, which the page cannot draw, tell the truth.
    const trusted = await ext.trusted(page);
    expect(trusted.badge).toBe(badge);
    expect(trusted.state?.listing?.status).toBe(status);
    const panel = await ext.openSidePanel(page);
    expect(await panel.getByTestId('listing').getAttribute('data-status')).toBe(status);
    await panel.close();
    await page.close();
  });
});

describe('listings bound to the product page', () => {
  it('a genuine listing copied to another seller\'s item on the same marketplace (another Tmall id=) is not verified', async () => {
    const page = await ext.context.newPage();
    await page.goto(`https://detail.tmall.hk/honest/item.htm?id=${OTHER_ITEM}`);
    await waitForAnnotation(page);
    const trusted = await ext.trusted(page);
    expect(trusted.state?.listing?.status).toBe('not-genuine');
    expect(trusted.badge).toBe('!');
    expect(await page.locator('crosscheck-annotation').getAttribute('data-status')).toBe('not-genuine');
    await page.close();
  });

  it('the same listing on a page of its own item (honest path) is verified', async () => {
    const page = await ext.context.newPage();
    await page.goto(`https://detail.tmall.hk/honest/item.htm?id=${ITEM}`);
    await waitForAnnotation(page);
    const trusted = await ext.trusted(page);
    expect(trusted.badge, JSON.stringify(trusted)).toBe('✓');
    await page.close();
  });
});

describe('the page reads no personal figure', () => {
  it('chips and the annotation carry the same attributes, titles and text whatever the ledger holds', async () => {
    const views: Awaited<ReturnType<typeof pageView>>[] = [];
    for (const used of [null, 1_984_400, 2_550_000]) {
      await setLedger(used);
      const page = await ext.context.newPage();
      await page.goto('https://list.tmall.hk/search_product.htm?q=x&cards=8');
      await page.waitForFunction(() => document.querySelectorAll('crosscheck-chip:not([hidden])').length === 8, undefined, { timeout: 15_000 });
      const list = await pageView(page);
      await page.goto(`https://detail.tmall.hk/honest/item.htm?id=${ITEM}`);
      await waitForAnnotation(page);
      views.push([...list, ...(await pageView(page))]);
      if (used !== null) {
        // The trusted surfaces do use the ledger: the quota warning is there.
        if (used === 2_550_000) expect((await ext.trusted(page)).state?.estimate?.quotaWarning).toMatch(/Quota warning|额度提醒/);
      }
      await page.close();
    }
    await setLedger(null);
    expect(views[0]!.length).toBe(9);
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
    for (const el of views[0]!) {
      expect(el.root).toBe(false);
      expect(el.title).toBe('');
      expect(el.attributes.map(([n]) => n).filter((n) => !['data-tax-fen', 'data-over-limit', 'data-status', 'hidden', 'lang'].includes(n))).toEqual([]);
      expect(`${el.text}${el.innerText}`).not.toMatch(/quota|ledger|额度|账本|19,844|25,500/i);
    }
  });
});

describe('receipt offers', () => {
  it('a receipt offered by a page the trust data does not list for its issuer is refused', async () => {
    await ext.setOwner(BUYER_ID_NUMBER);
    const page = await ext.context.newPage();
    await page.goto('https://trade.jd.hk/shopping/order/getOrderInfo.action');
    await page.locator('crosscheck-receipt-offer').waitFor({ state: 'attached', timeout: 15_000 });
    await expect.poll(async () => (await ext.trusted(page)).state?.receipts?.length ?? 0, { timeout: 10_000 }).toBe(1);
    const panel = await ext.openSidePanel(page);
    expect(await panel.getByTestId('receipt').getAttribute('data-state')).toBe('invalid');
    expect(await panel.getByTestId('confirm-receipt').count()).toBe(0);
    await panel.close();
    await page.close();
  });

  it('a receipt ordered under another identity is shown as such and cannot be added', async () => {
    await ext.setOwner(OTHER_ID_NUMBER);
    const page = await ext.context.newPage();
    await page.goto('https://buy.tmall.hk/order/confirm_order.htm');
    await expect.poll(async () => (await ext.trusted(page)).state?.receipts?.length ?? 0, { timeout: 10_000 }).toBe(1);
    const panel = await ext.openSidePanel(page);
    const receipt = panel.getByTestId('receipt');
    expect(await receipt.getAttribute('data-ownership')).toBe('other-identity');
    expect(await receipt.textContent()).toMatch(/ANOTHER identity|其他身份/);
    expect(await panel.getByTestId('confirm-receipt').count()).toBe(0);
    expect(await ledgerOrders()).toEqual([]);
    // Only the last four characters of an ID number are ever stored.
    const stored = await (await ext.serviceWorker()).evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
    expect(stored).not.toContain(OTHER_ID_NUMBER.slice(0, 14));
    await panel.close();
    await page.close();
  });

  it('a click-jacked offer adds nothing; the receipt is added only after confirming in the side panel', async () => {
    await setLedger(null);
    await ext.setOwner(BUYER_ID_NUMBER);
    const page = await ext.context.newPage();
    await page.goto('https://buy.tmall.hk/order/confirm_order.htm');
    await page.locator('#overlay').waitFor({ state: 'attached', timeout: 15_000 });
    // The user clicks what the page laid over our notice (a real, trusted click) — and our notice itself.
    await page.locator('#overlay').click();
    await page.locator('crosscheck-receipt-offer').click({ force: true });
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => (window as unknown as { __clicks: number }).__clicks)).toBeGreaterThan(0); // the page got the click
    expect(await ledgerOrders()).toEqual([]);
    // The offer waits in the trusted surfaces; the side panel's button adds it.
    await expect.poll(async () => (await ext.trusted(page)).badge, { timeout: 10_000 }).toBe('+1');
    const panel = await ext.openSidePanel(page);
    expect(await panel.getByTestId('receipt').getAttribute('data-state')).toBe('offered');
    await panel.getByTestId('confirm-receipt').click();
    await panel.locator('[data-testid="receipt"][data-state="added"]').waitFor({ timeout: 10_000 });
    expect((await ledgerOrders()).map((o) => o.orderId)).toEqual([ext.world.receiptOrderId]);
    await panel.close();
    await page.close();
    await setLedger(null);
  });
});
