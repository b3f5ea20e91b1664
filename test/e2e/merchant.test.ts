// The merchant side in real Chromium: badge.js served by the app on its own origin, embedded by
// the demo store (the origin its listings name) and by a look-alike that copied the pages; the
// extension (built for the demo) judging the same pages; the receipt button filling the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { BADGE_SIZE, RECEIPT_SIZE } from '../../pwa/badge/sizes.ts';
import { badgeSizeReport, BADGE_BUDGET_GZIP, VERIFIER_CEILING_GZIP } from '../../pwa/badge/size.ts';
import { BADGE_BOX, RECEIPT_BOX } from '../harness/store/layout-sizes.ts';
import { launchChromium } from './browser.ts';
import { axeViolations, blocking } from './a11y-probes.ts';
import { trustedView } from '../fixtures/sites/extension-under-test.ts';
import { startMerchantWorld, type MerchantWorld } from './merchant-fixture.ts';

let world: MerchantWorld;

beforeAll(async () => {
  world = await startMerchantWorld({ extension: true, testListings: true });
}, 180_000);

afterAll(async () => {
  await world?.close();
});

async function badgeState(page: Page, selector = 'crosscheck-badge'): Promise<{ state: string; status: string; title: string; sub: string }> {
  const badge = page.locator(selector);
  await page.waitForFunction((sel) => {
    const state = document.querySelector<HTMLElement>(sel)?.dataset.state;
    return state !== undefined && state !== 'checking';
  }, selector);
  return {
    state: (await badge.getAttribute('data-state')) ?? '',
    status: (await badge.getAttribute('data-status')) ?? '',
    title: (await badge.locator('.title').textContent()) ?? '',
    sub: (await badge.locator('.sub').textContent()) ?? '',
  };
}

async function annotationStatus(page: Page): Promise<string> {
  const host = page.locator('crosscheck-annotation');
  await page.waitForFunction(() => {
    const s = document.querySelector('crosscheck-annotation')?.getAttribute('data-status');
    return s !== null && s !== undefined && s !== 'pending';
  }, undefined, { timeout: 20_000 });
  return (await host.getAttribute('data-status')) ?? '';
}

describe('the app serves the badge to merchant pages', () => {
  it('badge.js is within its budget; the verifier chunk is reported beside it', () => {
    const report = badgeSizeReport(world.appRoot);
    console.info(
      `badge.js ${report.entry.gzip} B gzip (budget ${BADGE_BUDGET_GZIP}); verifier ${report.verifier.map((f) => `${f.file} ${f.gzip} B`).join(', ')}; total ${report.totalGzip} B gzip`,
    );
    expect(report.entry.gzip).toBeLessThanOrEqual(BADGE_BUDGET_GZIP);
    expect(report.verifier).toHaveLength(1);
    expect(report.verifierGzip).toBeLessThanOrEqual(VERIFIER_CEILING_GZIP);
  });

  it('the reserved boxes of the store CSS are the badge’s own', () => {
    expect(BADGE_BOX).toEqual(BADGE_SIZE);
    expect(RECEIPT_BOX).toEqual(RECEIPT_SIZE);
  });

  it.each(['/badge.js', '/trust/bundle.txt'])('%s may be read by other origins (CORS), without credentials', async (path) => {
    const response = await fetch(`${world.appUrl}${path}`, { headers: { origin: world.store.storeUrl } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('badge states', () => {
  it.each([
    ['store', 'serum', 'verified', 'genuine', 'Verified listing'],
    ['store', 'watch', 'verified', 'genuine', 'Verified listing'],
    ['lookalike', 'serum', 'wrong-site', 'not-authorized', 'Not valid on this site'],
    ['lookalike', 'milk', 'wrong-site', 'not-authorized', 'Not valid on this site'],
    ['store', 'serum-grey-seller', 'invalid', 'not-authorized', 'Not a valid listing'],
  ] as const)('%s /products/%s → %s', async (site, slug, state, status, title) => {
    const page = await world.browser.context.newPage();
    const origin = site === 'store' ? world.store.storeUrl : world.store.lookalikeUrl;
    await page.goto(`${origin}/products/${slug}?lang=en`);
    const badge = await badgeState(page);
    expect(badge).toMatchObject({ state, status, title });
    if (state === 'verified') {
      // It names the product the credential covers, not only the shop.
      const product = world.store.model.products.find((p) => p.slug === slug)!;
      expect(badge.sub).toBe(`${product.name} · ${product.sellerName.en}`);
    }
    await page.close();
  });

  it('inside a look-alike’s frame that crops the honest page, a genuine listing is not called verified', async () => {
    const page = await world.browser.context.newPage();
    // The demo store forbids framing outright (CSP frame-ancestors 'none'), the first defence; many
    // shops do not, so the store's pages are served here without that directive.
    await page.route(`${world.store.storeUrl}/products/**`, async (route) => {
      const response = await route.fetch();
      const headers = response.headers();
      headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace(/;?\s*frame-ancestors[^;]*/, '');
      await route.fulfill({ response, headers });
    });
    const framing = `${world.store.lookalikeUrl}/framed-serum`;
    await page.route(framing, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>Lumière — official?</title><h1>Best prices</h1>
<iframe src="${world.store.storeUrl}/products/serum?lang=en" style="width:900px;height:700px;border:0"></iframe>`,
      }),
    );
    // A page answered by the test (not a server) has no address space, so Chrome treats it as
    // public and asks before it reaches loopback; both sites are granted that, as a user would.
    for (const origin of [world.store.lookalikeUrl, world.store.storeUrl]) await world.browser.context.grantPermissions(['local-network-access'], { origin });
    await page.goto(framing);
    const frame = page.frameLocator('iframe');
    await frame.locator('crosscheck-badge[data-state]:not([data-state=checking])').waitFor({ timeout: 15_000 });
    const badge = frame.locator('crosscheck-badge');
    expect(await badge.getAttribute('data-state')).toBe('framed');
    // The verdict itself is unchanged (genuine); only the word "verified" is withheld.
    expect(await badge.getAttribute('data-status')).toBe('genuine');
    expect(await badge.locator('.title').textContent()).toBe('Open the shop’s own page');
    // The same page framed by its own origin is still verified.
    await page.unroute(framing);
    await page.goto(`${world.store.storeUrl}/products/serum?lang=en`);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${world.store.storeUrl}/products/watch?lang=en`);
    const own = page.frameLocator('iframe').locator('crosscheck-badge[data-state]:not([data-state=checking])');
    await own.waitFor({ timeout: 15_000 });
    expect(await own.getAttribute('data-state')).toBe('verified');
    await page.close();
  });

  it('refuses a trust bundle older than the one badge.js was built with (rollback), saying it cannot check', async () => {
    const page = await world.browser.context.newPage();
    let served = world.olderBundle!;
    await page.route(`${world.appUrl}/trust/bundle.txt`, (route) => route.fulfill({ contentType: 'text/plain', body: served, headers: { 'access-control-allow-origin': '*' } }));
    await page.goto(`${world.store.storeUrl}/products/serum?lang=en`);
    expect(await badgeState(page)).toMatchObject({ state: 'unavailable' });
    // The same route serving the current bundle: verified (the refusal was the serial's).
    served = readFileSync(join(world.appRoot, 'trust/bundle.txt'), 'utf8');
    await page.reload();
    expect(await badgeState(page)).toMatchObject({ state: 'verified' });
    await page.close();
  });

  it.each([
    ['expired', 'expired', 'Listing expired'],
    ['revoked', 'revoked', 'Listing revoked'],
  ] as const)('a listing that is %s says so, on the right origin too', async (which, state, title) => {
    const page = await world.browser.context.newPage();
    await page.goto(`${world.store.storeUrl}/test/${which}`);
    expect(await badgeState(page)).toMatchObject({ state, status: state, title });
    await page.close();
  });

  it('follows the page language: zh-CN by default', async () => {
    const page = await world.browser.context.newPage();
    await page.goto(`${world.store.storeUrl}/products/milk`);
    expect(await badgeState(page)).toMatchObject({ state: 'verified', title: '商品信息已验证' });
    await page.goto(`${world.store.lookalikeUrl}/products/milk`);
    expect(await badgeState(page)).toMatchObject({ state: 'wrong-site', title: '在本网站无效' });
    await page.close();
  });

  it('opens the app’s detail view in a new tab, the credential in the fragment', async () => {
    const page = await world.browser.context.newPage();
    await page.goto(`${world.store.storeUrl}/products/serum?lang=en`);
    await badgeState(page);
    const [detail] = await Promise.all([world.browser.context.waitForEvent('page'), page.locator('crosscheck-badge a').click()]);
    await detail.waitForLoadState();
    expect(detail.url().startsWith(`${world.appUrl}/verify#CC1`)).toBe(true);
    await detail.waitForFunction(() => {
      const v = document.querySelector('[data-verdict]')?.getAttribute('data-verdict');
      return v && v !== 'checking';
    });
    expect(await detail.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('genuine');
    await detail.close();
    await page.close();
  });
});

describe('what the badge costs the merchant page', () => {
  it('requests nothing but its own origin, sends no cookies, and loads the verifier only for a listing badge', async () => {
    const context = world.browser.context;
    await context.addCookies([{ name: 'session', value: 'should-not-travel', url: world.appUrl }]);
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(`${world.store.storeUrl}/products/wine?lang=en`);
    await badgeState(page);
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    expect([...origins].toSorted()).toEqual([world.appUrl, world.store.storeUrl].toSorted());
    const appPaths = requests.filter((r) => r.url().startsWith(world.appUrl)).map((r) => new URL(r.url()).pathname);
    expect(appPaths.toSorted()).toEqual([expect.stringMatching(/^\/assets\/badge-[\w-]+\.js$/), '/badge.js', '/trust/bundle.txt']);
    for (const r of requests.filter((x) => x.url().startsWith(world.appUrl))) expect((await r.allHeaders()).cookie).toBeUndefined();

    // An order page with only a receipt button: badge.js and nothing else from the app.
    requests.length = 0;
    await page.goto(`${world.store.storeUrl}/orders/${world.store.model.orders[0]!.orderId}?lang=en`);
    await page.locator('crosscheck-receipt[data-state="ready"]').waitFor();
    expect(requests.filter((r) => r.url().startsWith(world.appUrl)).map((r) => new URL(r.url()).pathname)).toEqual(['/badge.js']);
    await context.clearCookies();
    await page.close();
  });

  it('keeps its box: no layout shift while badge.js loads and verifies', async () => {
    // A browser without the extension: its annotation moves the page on its own (and it waits for
    // DOMContentLoaded, which a held-back module script delays), so only the badge is measured.
    const plain = await launchChromium({ viewport: { width: 1280, height: 900 } });
    const page = await plain.context.newPage();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await page.route(`${world.appUrl}/badge.js`, async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(`${world.store.storeUrl}/products/watch?lang=en`, { waitUntil: 'commit' });
    await page.locator('.buy').waitFor();
    const boxes = () =>
      page.evaluate(() => {
        const rect = (el: Element | null) => {
          const r = el!.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height];
        };
        return { badge: rect(document.querySelector('crosscheck-badge')), buy: rect(document.querySelector('.buy')), defined: !!customElements.get('crosscheck-badge') };
      });
    const before = await boxes();
    expect(before.defined).toBe(false);
    release();
    expect((await badgeState(page)).state).toBe('verified');
    const after = await boxes();
    expect(after.defined).toBe(true);
    expect(after.badge).toEqual(before.badge);
    expect(after.buy).toEqual(before.buy);
    expect(after.badge.slice(2)).toEqual([BADGE_SIZE.width, BADGE_SIZE.height]);
    await plain.close();
  });
});

describe('the extension on the demo store', () => {
  it.each([
    ['the store’s own badge', 'verified', 'store', '/products/serum'],
    ['a copied badge on the look-alike', 'not-genuine', 'lookalike', '/products/serum'],
    ['the look-alike’s own fake badge script', 'not-genuine', 'lookalike', '/products/flash-sale'],
  ] as const)('%s → %s (toolbar; the page hears only a negative finding)', async (_, status, site, path) => {
    const page = await world.browser.context.newPage();
    const origin = site === 'store' ? world.store.storeUrl : world.store.lookalikeUrl;
    await page.goto(`${origin}${path}?lang=en`);
    expect(await annotationStatus(page)).toBe(status === 'verified' ? 'neutral' : status);
    const trusted = await trustedView(world.browser.context, page);
    expect(trusted.state?.listing?.status).toBe(status);
    expect(trusted.badge).toBe(status === 'verified' ? '✓' : '!');
    if (path === '/products/flash-sale') {
      // The page's own script claims "verified" all the same: only the extension tells.
      expect(await page.locator('crosscheck-badge').getAttribute('data-state')).toBe('verified');
      expect(await page.locator('crosscheck-badge .fake-badge').textContent()).toContain('Verified');
    }
    await page.close();
  });
});

describe('the demo store for a screen-reader user', () => {
  it('axe-core finds no serious or critical violation on a product page and an order page (its footer at ≥ 4.5:1)', async () => {
    const page = await world.browser.context.newPage();
    const found: Record<string, string[]> = {};
    for (const path of ['/products/serum', `/orders/${world.store.model.orders[0]!.orderId}`]) {
      await page.goto(`${world.store.storeUrl}${path}?lang=en`);
      await page.waitForFunction(() => document.querySelector('crosscheck-badge, crosscheck-receipt')?.getAttribute('data-state') !== 'checking');
      const bad = blocking(await axeViolations(page));
      if (bad.length > 0) found[path] = bad.flatMap((v) => [`${v.impact} ${v.id}: ${v.help}`, ...v.nodes]);
    }
    expect(found).toEqual({});
    await page.close();
  });
});

describe('the receipt button', () => {
  it('opens the app with the receipt, which adds it to the ledger', async () => {
    const order = world.store.model.orders[0]!;
    const page = await world.browser.context.newPage();
    await page.goto(`${world.store.storeUrl}/orders/${order.orderId}?lang=en`);
    const button = page.locator('crosscheck-receipt a');
    expect(await button.textContent()).toContain('Add to my CrossCheck ledger');
    const [app] = await Promise.all([world.browser.context.waitForEvent('page'), button.click()]);
    await app.waitForLoadState();
    expect(app.url().startsWith(`${world.appUrl}/receipts/import#CC1`)).toBe(true);
    await app.locator(`[data-receipt="${order.orderId}"]`).waitFor();
    await app.locator('[data-action="add-receipt"]').click();
    await app.locator('[data-receipt-result="good"]').waitFor();
    await app.goto(`${world.appUrl}/ledger`);
    const row = app.locator(`[data-order-id="${order.orderId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-dutiable-fen]').getAttribute('data-dutiable-fen')).toBe(String(order.dutiableValueFen));
    await app.close();
    await page.close();
  });
});
