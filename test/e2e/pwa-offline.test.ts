// Offline and updates (ux-anchors.md §5.3): the service worker precaches the app and the zxing
// wasm; with the network off and the server closed the app still starts and verifies; a new
// build served in place of the old one shows the "update available" prompt.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { productionBuild } from '../harness/store/apps.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { DEMO_DIR, OUT_DIR, PWA_DIST, deepLink, demoWorld, importReceipts, startServer, verdictOf, waitForServiceWorker } from './pwa-harness.ts';
import { servePwa } from '../harness/store/serve-pwa.ts';

const world = demoWorld();
let browser: LaunchedBrowser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('offline', () => {
  it('starts, verifies and scans-ready with the network off and the server gone', async () => {
    const server = await startServer();
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    await importReceipts(page, server, world);
    const parcel = world.parcels.find((p) => p.expect === 'genuine-yours')!;
    const link = deepLink(server, world.payload(parcel));
    await page.goto(link); // the trust bundle is now cached in IndexedDB
    expect(await verdictOf(page)).toBe('genuine-yours');
    const precached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(precached.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(precached).toContain('/index.html');

    await browser.context.setOffline(true);
    await server.close();
    try {
      await page.goto(`${server.url}/`);
      // Chromium 156 gives a document served by the service worker under Playwright's offline
      // emulation navigator.onLine === true; the network is off all the same (the server is gone).
      // The same emulation applied to the page itself reaches navigator.onLine and its events.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await page.locator('[data-action="scan"]').waitFor({ timeout: 10_000 });
      await page.locator('.offline-banner').waitFor();
      // A deep link opened offline: the shell from the precache, the verdict from the fragment.
      const other = world.parcels.find((p) => p.expect === 'revoked')!;
      await page.goto(deepLink(server, world.payload(other)));
      expect(await verdictOf(page)).toBe('revoked');
      await page.goto(link);
      expect(await verdictOf(page)).toBe('genuine-yours');
      // The ledger is still there, and the scan route's code and wasm load from the precache.
      await page.goto(`${server.url}/ledger`);
      await expect.poll(() => page.locator('[data-orders] > li').count()).toBe(world.receipts.length);
      await page.goto(`${server.url}/scan`);
      await page.locator('[data-scan-explainer]').waitFor();
      const wasmOk = await page.evaluate(async () => {
        const names = await caches.keys();
        for (const name of names) {
          for (const req of await (await caches.open(name)).keys()) {
            if (req.url.endsWith('.wasm')) return (await fetch(req.url)).ok;
          }
        }
        return false;
      });
      expect(wasmOk).toBe(true);
    } finally {
      await browser.context.setOffline(false);
      await page.close();
    }
  });
});

describe('updates', () => {
  const dirA = join(OUT_DIR, 'build-a');
  const dirB = join(OUT_DIR, 'build-b');

  beforeAll(async () => {
    rmSync(dirA, { recursive: true, force: true });
    cpSync(PWA_DIST, dirA, { recursive: true });
    // Build B: the same app with another build label, so its entry chunk (and the precache
    // manifest in sw.js) changes — what a deploy looks like to an installed app.
    await productionBuild('pwa', { CROSSCHECK_BUILD_LABEL: `e2e-update-${Date.now()}`, CROSSCHECK_DEMO_DIR: DEMO_DIR }, { outDir: dirB });
  }, 120_000);

  it('shows the update prompt for a new build, and the new version takes over when accepted', async () => {
    const server = await servePwa({ root: dirA });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.url}/ledger`);
      await waitForServiceWorker(page);
      await importReceipts(page, server, world);
      await page.goto(`${server.url}/ledger`);
      await expect.poll(() => page.locator('[data-orders] > li').count()).toBe(world.receipts.length);
      expect(await page.locator('[data-update-prompt]').count()).toBe(0);
      const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
      const orders = await page.locator('[data-orders] > li').count();

      server.setRoot(dirB); // deploy
      await page.reload();
      await page.locator('[data-update-prompt]').waitFor({ timeout: 20_000 });
      const changed = page.waitForEvent('load', { timeout: 20_000 });
      await page.getByRole('button', { name: 'Update now' }).click();
      await changed;
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 10_000 });
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(before);
      // The new build is running (its label is in Settings) and no data was lost.
      await page.goto(`${server.url}/settings`);
      await expect.poll(() => page.locator('main').innerText()).toMatch(/e2e-update-/);
      await page.goto(`${server.url}/ledger`);
      await expect.poll(() => page.locator('[data-orders] > li').count()).toBe(orders);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
