// The extension's own pages for a screen-reader, keyboard or large-text user, in Chromium with the
// unpacked build: axe-core finds no serious or critical violation in the popup, the side panel (a
// verified listing with its estimate, and a receipt offer) and the options page, light and dark;
// the calculator's answer lands in the live region that was there before it was asked; confirming
// a receipt in the side panel moves focus to what happened; the breakdown toggle has a name; each
// page names its document in the user's language.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiCatalogue } from '../../extension/ui/catalogue.ts';
import { startExtensionUnderTest, type ExtensionUnderTest } from '../fixtures/sites/extension-under-test.ts';
import { fixturePage } from '../fixtures/sites/shop-server.ts';
import { BUYER_ID_NUMBER } from '../fixtures/sites/trust-world.ts';
import { axeViolations, blocking, focused } from './a11y-probes.ts';

let ext: ExtensionUnderTest;
const en = uiCatalogue.en;

beforeAll(async () => {
  ext = await startExtensionUnderTest();
  const listing = fixturePage('tmall-hk-product.html').replace(
    '<div class="tm-fcs-panel">',
    `<crosscheck-badge credential="${ext.world.tmallListing}"></crosscheck-badge>\n<div class="tm-fcs-panel">`,
  );
  ext.server.route('detail.tmall.hk', '/valid/item.htm', listing);
  ext.server.route(
    'buy.tmall.hk',
    '/order/confirm_order.htm',
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单提交成功</title></head>
<body><h2>订单提交成功</h2><crosscheck-receipt credential="${ext.world.receipt}"></crosscheck-receipt></body></html>`,
  );
}, 180_000);

afterAll(async () => {
  await ext?.close();
});

/** axe on `page` in both colour schemes: what is serious or critical, by scheme. */
async function axeBothSchemes(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const bad = blocking(await axeViolations(page));
    if (bad.length > 0) found[scheme] = bad.flatMap((v) => [`${v.impact} ${v.id}: ${v.help}`, ...v.nodes]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

describe('popup', () => {
  it('the calculator answers in the live region that was there before; axe finds nothing serious, breakdown open', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/popup/index.html`);
    await page.getByTestId('quota').waitFor({ timeout: 10_000 });
    const region = await page.getByTestId('calc-status').elementHandle();
    expect(await region!.getAttribute('role')).toBe('status');
    expect((await region!.textContent())!.trim()).toBe('');
    await page.getByLabel(/Unit price/).fill('1080');
    await page.getByLabel(/Product title/).fill('兰蔻 Lancome 小黑瓶 精华肌底液 第二代 50ml');
    await page.getByRole('button', { name: en.calculate }).click();
    await page.getByTestId('calc-result').waitFor({ timeout: 10_000 });
    // The same element, still in the page, now holds the headline.
    expect(await region!.evaluate((el) => el.isConnected)).toBe(true);
    expect((await region!.textContent())!.trim()).toMatch(/¥/);
    // A bad amount replaces the headline in the same region.
    await page.getByLabel(/Unit price/).fill('abc');
    await page.getByRole('button', { name: en.calculate }).click();
    await expect.poll(async () => (await region!.textContent())!.trim()).toBe(en.priceExample);
    await page.getByLabel(/Unit price/).fill('1080');
    await page.getByRole('button', { name: en.calculate }).click();
    await page.getByTestId('calc-result').waitFor({ timeout: 10_000 });
    // The breakdown's toggle says what it opens.
    const toggle = page.getByTestId('calc-result').locator('summary');
    expect((await toggle.textContent())!.trim()).toBe(en.breakdown);
    await toggle.click();
    expect(await axeBothSchemes(page)).toEqual({});
    expect(await page.title()).toBe('CrossCheck');
    await page.close();
  });
});

describe('side panel', () => {
  it('a verified listing with its estimate: axe finds nothing serious; the document is named', async () => {
    const page = await ext.context.newPage();
    await page.goto('https://detail.tmall.hk/valid/item.htm');
    await page.locator('crosscheck-annotation[data-status]:not([data-status="pending"])').waitFor({ state: 'attached', timeout: 15_000 });
    const panel = await ext.openSidePanel(page);
    await panel.getByTestId('estimate').waitFor({ timeout: 10_000 });
    await panel.getByTestId('listing').waitFor({ timeout: 10_000 });
    const toggle = panel.getByTestId('estimate').locator('summary');
    if (await toggle.count()) {
      expect((await toggle.textContent())!.trim()).toBe(en.breakdown);
      await toggle.click();
    }
    expect(await axeBothSchemes(panel)).toEqual({});
    expect(await panel.title()).toBe(en.panelTitle);
    await panel.close();
    await page.close();
  });

  it('confirming a receipt moves focus to what happened; axe finds nothing serious before or after', async () => {
    await ext.setOwner(BUYER_ID_NUMBER);
    const page = await ext.context.newPage();
    await page.goto('https://buy.tmall.hk/order/confirm_order.htm');
    await page.locator('crosscheck-receipt-offer').waitFor({ state: 'attached', timeout: 15_000 });
    await expect.poll(async () => (await ext.trusted(page)).badge, { timeout: 10_000 }).toBe('+1');
    const panel = await ext.openSidePanel(page);
    const confirm = panel.getByTestId('confirm-receipt');
    await confirm.waitFor({ timeout: 10_000 });
    expect(await axeBothSchemes(panel)).toEqual({});
    await confirm.focus();
    await panel.keyboard.press('Enter');
    await panel.locator('[data-testid="receipt"][data-state="added"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => focused(panel)).toMatchObject({ tag: 'p', data: { testid: 'receipt-result' } });
    expect(await axeBothSchemes(panel)).toEqual({});
    await panel.close();
    await page.close();
  });
});

describe('options', () => {
  it('axe finds nothing serious; an action\'s outcome replaces the text of the region that was there', async () => {
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options/index.html`);
    await page.getByTestId('used-fen').waitFor({ timeout: 10_000 });
    expect(await page.title()).toBe(en.optionsTitle);
    const region = await page.getByTestId('message').elementHandle();
    expect(await region!.getAttribute('role')).toBe('status');
    await page.getByLabel(en.receiptTitle).fill('CC1:NOT-A-RECEIPT');
    await page.getByRole('button', { name: en.addReceipt }).click();
    await page.locator('[data-testid="message"][data-ok="false"]').waitFor({ timeout: 10_000 });
    expect(await region!.evaluate((el) => el.isConnected)).toBe(true);
    expect((await region!.textContent())!.trim().length).toBeGreaterThan(0);
    expect(await axeBothSchemes(page)).toEqual({});
    await page.close();
  });
});
