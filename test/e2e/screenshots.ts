// README screenshots from the real UI in headless Chromium, so they never go stale:
//   npm run screenshots   (test/harness/commands/screenshots.ts runs takeScreenshots)
// The extension on the demo store (a verified listing, a copied badge, a fake badge), the order
// page's receipt button, the app's verdict screens and the quota ledger (on a phone, and on a desktop
// for the install sheet: the PWA manifest lists some of these, pwa/build.config.ts). Writes
// test/screenshots/*.png.
// Needs the demo world and the built app (npm start, or the e2e global setup, makes both).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { toVerifyUrl } from '../../shared/credential/index.ts';
import { DEMO_DIR, ROOT, startMerchantWorld } from './merchant-fixture.ts';
import { setOwnerProfile } from './pwa-harness.ts';

const OUT = join(ROOT, 'test/screenshots');
const DESKTOP = { width: 1200, height: 800 };
const PHONE = { width: 390, height: 844 };

interface DemoIndex {
  credentials: { name: string; type: string; file: string }[];
  owner: { idLast4: string };
}

function payload(name: string): string {
  const index = JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as DemoIndex;
  const c = index.credentials.find((x) => x.name === name);
  if (!c) throw new Error(`the demo world has no credential ${name}`);
  return readFileSync(join(DEMO_DIR, c.file), 'utf8').trim();
}

async function settled(page: Page, selector: string, attribute: string, pending: string[]): Promise<void> {
  await page.waitForFunction(
    (q) => {
      const v = document.querySelector(q.selector)?.getAttribute(q.attribute);
      return v !== null && v !== undefined && !q.pending.includes(v);
    },
    { selector, attribute, pending },
    { timeout: 20_000 },
  );
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300); // transitions
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  log(`test/screenshots/${name}.png`);
}

let log: (line: string) => void = () => {};

/** Writes every screenshot; `say` hears the path of each file written. */
export async function takeScreenshots(say: (line: string) => void): Promise<void> {
  log = say;
  mkdirSync(OUT, { recursive: true });
  // badge.js is rebuilt (a fraction of a second) so the pictures show the badge as the sources have it.
  const world = await startMerchantWorld({ extension: true, rebuildBadge: true, launch: { viewport: DESKTOP } });
  try {
    const { context } = world.browser;
    const { storeUrl, lookalikeUrl, model } = world.store;
    const page = await context.newPage();

    // The extension and the badge on the demo store.
    const storePages = [
      ['store-verified', `${storeUrl}/products/serum?lang=en`],
      ['lookalike-copied-badge', `${lookalikeUrl}/products/serum?lang=en`],
      ['lookalike-fake-badge', `${lookalikeUrl}/products/flash-sale?lang=en`],
    ] as const;
    for (const [name, url] of storePages) {
      await page.goto(url);
      await settled(page, 'crosscheck-annotation', 'data-status', ['pending']);
      await settled(page, 'crosscheck-badge', 'data-state', ['checking']);
      await shot(page, name);
    }
    await page.goto(`${storeUrl}/orders/${model.orders[0]!.orderId}?lang=en`);
    await page.locator('crosscheck-receipt[data-state="ready"]').waitFor();
    await shot(page, 'store-order-receipt');

    // The app on a phone: the demo consumer's profile (entered once in Settings), then their
    // receipts, as the receipt button adds them.
    await page.setViewportSize(PHONE);
    const { owner } = JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as DemoIndex;
    await setOwnerProfile(page, world.app, owner.idLast4);
    for (const name of ['receipt-serum', 'receipt-milk', 'receipt-watch']) {
      await page.goto(`${world.appUrl}/receipts/import#${encodeURIComponent(payload(name))}`);
      if (name === 'receipt-serum') {
        await page.locator('[data-action="add-receipt"]').waitFor();
        await shot(page, 'app-receipt-import');
      }
      await page.locator('[data-action="add-receipt"]').click();
      await page.locator('[data-receipt-result]').waitFor();
    }
    const verdicts = [
      ['app-verdict-genuine-yours', 'parcel-serum-yours'],
      ['app-verdict-not-authorized', 'parcel-serum-grey-seller'],
      ['app-verdict-invalid', 'parcel-tampered'],
    ] as const;
    for (const [name, credential] of verdicts) {
      await page.goto('about:blank');
      await page.goto(toVerifyUrl(payload(credential), `${world.appUrl}/verify`));
      await settled(page, '[data-verdict]', 'data-verdict', ['checking']);
      await shot(page, name);
    }
    await page.goto(`${world.appUrl}/ledger`);
    await page.locator('[data-orders] [data-order-id]').first().waitFor();
    await shot(page, 'app-ledger');
    // The install sheet's desktop picture (the PWA manifest's "wide" screenshot, pwa/build.config.ts).
    await page.setViewportSize(DESKTOP);
    await page.locator('[data-orders] [data-order-id]').first().waitFor();
    await shot(page, 'app-wide-ledger');
  } finally {
    await world.close();
  }
}
