// One ledger on a device with both halves (SYNC.md), in real Chromium: the PWA served on its
// loopback origin, the extension built for the demo (externally_connectable for that origin, the
// fixed demo id the app asks), the demo store's product and order pages judged by the extension.
// A receipt imported in the app changes the extension's quota warning on the next product page; a
// receipt confirmed in the extension's side panel appears in the app's ledger; the owner profile
// entered in the app reaches the extension. Attacks: pages on other origins (another port of the
// app's host included) cannot reach the ledger through the channel; a forged or unsigned receipt
// sent from the app's origin is refused by the extension; a forged receipt in the extension's
// storage is refused by the app.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_EXTENSION_ID } from '../../extension/demo-key.ts';
import { toVerifyUrl } from '../../shared/credential/index.ts';
import { SYNC_PROTOCOL, SYNC_VERSION } from '../../shared/ledger/index.ts';
import { launchChromium } from './browser.ts';
import { extensionServiceWorker, trustedView, type TrustedView } from '../fixtures/sites/extension-under-test.ts';
import { crosscheck, DEMO_DIR, startMerchantWorld, type MerchantWorld } from './merchant-fixture.ts';
import { setOwnerProfile } from './pwa-harness.ts';

interface DemoIndex {
  keys: Record<string, string>;
  owner: { idLast4: string };
  credentials: { name: string; file: string; claims: Record<string, unknown> }[];
}

let world: MerchantWorld;
let index: DemoIndex;
/** A signed receipt of the demo consumer worth 23,280 CNY: with it, the watch (3,880) no longer fits this year. */
let bigReceipt: { payload: string; orderId: string; dutiableValueFen: number };
let app: Page;
/** Console errors and uncaught exceptions of the app's page while it syncs. */
const appErrors: string[] = [];

const extensionLedger = async (): Promise<{ orders: { orderId: string; source: string; dutiableValueFen: number }[] }> => {
  const worker = await extensionServiceWorker(world.browser.context);
  return worker.evaluate(async () => ((await chrome.storage.local.get('ledger')) as { ledger?: { orders: [] } }).ledger ?? { orders: [] });
};
const extensionOwner = async (): Promise<unknown> => {
  const worker = await extensionServiceWorker(world.browser.context);
  return worker.evaluate(async () => ((await chrome.storage.local.get('owner')) as { owner?: unknown }).owner ?? null);
};
const orderIds = async () => (await extensionLedger()).orders.map((o) => o.orderId);

/** The page's trusted view once `ready` holds (the tab is known to the extension only once its findings are kept). */
async function trustedAfter(page: Page, ready: (view: TrustedView) => boolean): Promise<TrustedView> {
  let view: TrustedView | undefined;
  await expect
    .poll(async () => {
      view = await trustedView(world.browser.context, page).catch(() => undefined);
      return view !== undefined && ready(view);
    })
    .toBe(true);
  return view!;
}

/** The extension's trusted estimate for the demo store's watch page, opened afresh. */
async function watchEstimate(): Promise<{ quotaWarning?: string; rows: string }> {
  const page = await world.browser.context.newPage();
  await page.goto(`${world.store.storeUrl}/products/watch?lang=en`);
  await page.waitForFunction(() => {
    const s = document.querySelector('crosscheck-annotation')?.getAttribute('data-status');
    return s !== null && s !== undefined && s !== 'pending';
  }, undefined, { timeout: 20_000 });
  const view = await trustedAfter(page, (v) => v.state?.estimate !== undefined);
  const estimate = view.state!.estimate as { quotaWarning?: string; rows?: { label: string; value: string }[] };
  await page.close();
  return { ...(estimate.quotaWarning ? { quotaWarning: estimate.quotaWarning } : {}), rows: JSON.stringify(estimate.rows ?? []) };
}

beforeAll(async () => {
  world = await startMerchantWorld({ extension: true });
  index = JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as DemoIndex;
  const watch = index.credentials.find((c) => c.name === 'receipt-watch')!.claims;
  const day = 86_400_000;
  const iso = (offset: number) => new Date(Date.now() + offset).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const quantity = 6;
  const unit = (watch.items as { unitPriceFen: number }[])[0]!.unitPriceFen;
  const vat = (watch.vatFen as number) * quantity;
  const claims = {
    ...watch,
    id: 'receipt-ledger-sync-big',
    orderId: `KJSYNC${Date.now()}`,
    issuedAt: iso(-day + 60_000),
    orderedAt: iso(-day),
    items: (watch.items as object[]).map((i) => ({ ...i, quantity })),
    dutiableValueFen: unit * quantity,
    taxFen: vat,
    vatFen: vat,
    paidFen: unit * quantity + vat,
    orderSecret: randomBytes(32).toString('hex'),
  };
  const file = join(world.appRoot, '..', 'big-receipt.json');
  writeFileSync(file, JSON.stringify(claims));
  const payload = (await crosscheck(['issue', 'receipt', '--key', join(DEMO_DIR, index.keys.kjmall!), '--in', file])).trim();
  bigReceipt = { payload, orderId: claims.orderId, dutiableValueFen: claims.dutiableValueFen };
  app = await world.browser.context.newPage();
  app.on('console', (m) => {
    if (m.type() === 'error') appErrors.push(m.text());
  });
  app.on('pageerror', (e) => appErrors.push(e.message));
}, 240_000);

afterAll(async () => {
  await world?.close();
});

describe('the channel', () => {
  it('the demo extension has the id the app was built to ask, and lets only the app’s origin in', async () => {
    const worker = await extensionServiceWorker(world.browser.context);
    expect(new URL(worker.url()).host).toBe(DEMO_EXTENSION_ID);
    const manifest = JSON.parse(readFileSync(join(world.extensionDir!, 'manifest.json'), 'utf8')) as { externally_connectable?: { matches: string[]; ids?: string[] } };
    expect(manifest.externally_connectable).toEqual({ matches: [`${world.appUrl}/*`] });
  });
});

describe('one ledger', () => {
  it('a receipt imported in the app changes the extension’s quota warning on the next product page, without a file', async () => {
    const before = await watchEstimate();
    expect(before.quotaWarning).toBeUndefined();

    // The profile is entered once, in the app; the extension gets it over the channel.
    await setOwnerProfile(app, world.app, index.owner.idLast4);
    await expect.poll(extensionOwner).toMatchObject({ idLast4: index.owner.idLast4 });

    await app.goto(toVerifyUrl(bigReceipt.payload, `${world.appUrl}/receipts/import`));
    await app.locator('[data-action="add-receipt"]').click({ timeout: 20_000 });
    await app.locator('[data-receipt-result="good"]').waitFor({ timeout: 10_000 });

    await expect.poll(orderIds).toContain(bigReceipt.orderId);
    const stored = (await extensionLedger()).orders.find((o) => o.orderId === bigReceipt.orderId)!;
    expect(stored).toMatchObject({ source: 'receipt', dutiableValueFen: bigReceipt.dutiableValueFen });

    const after = await watchEstimate();
    expect(after.quotaWarning).toMatch(/^Quota warning before you buy/);
    expect(after.rows).not.toBe(before.rows);
  });

  it('the app’s Settings and the extension’s options say they are linked, with the last sync', async () => {
    await app.goto(`${world.appUrl}/settings`);
    await expect.poll(() => app.locator('[data-extension-link]').count()).toBe(1);
    expect(await app.locator('[data-extension-link]').textContent()).toContain('Linked with the CrossCheck extension, last synced');
    const options = await world.browser.context.newPage();
    await options.goto(`chrome-extension://${DEMO_EXTENSION_ID}/options/index.html`);
    const link = options.getByTestId('app-link');
    await expect.poll(() => link.getAttribute('data-linked')).toBe('true');
    expect(await link.textContent()).toContain(`Linked with the CrossCheck app (${world.appUrl}), last synced`);
    await options.close();
  });

  it('a receipt confirmed in the extension’s side panel appears in the app’s ledger', async () => {
    const order = index.credentials.find((c) => c.name === 'receipt-watch')!.claims.orderId as string;
    const page = await world.browser.context.newPage();
    await page.goto(`${world.store.storeUrl}/orders/${order}?lang=en`);
    const view = await trustedAfter(page, (v) => (v.state?.receipts?.length ?? 0) > 0);
    const panel = await world.browser.context.newPage();
    await panel.goto(`chrome-extension://${DEMO_EXTENSION_ID}/sidepanel/index.html?tab=${view.tabId}`);
    await panel.getByTestId('confirm-receipt').click({ timeout: 15_000 });
    await expect.poll(orderIds).toContain(order);
    await panel.close();
    await page.close();

    // The app asks at start (and on return to the foreground, and every few seconds while shown).
    await app.goto(`${world.appUrl}/ledger`);
    await app.locator(`[data-orders] > li[data-order-id="${order}"]`).waitFor({ timeout: 20_000 });
    await app.locator(`[data-orders] > li[data-order-id="${bigReceipt.orderId}"]`).waitFor();
    expect(appErrors).toEqual([]);
  });

  it('without the extension (a phone, another browser) the app works alone and says nothing about it', async () => {
    const alone = await launchChromium();
    try {
      const page = await alone.context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${world.appUrl}/settings`);
      await page.locator('[data-owner-section]').waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
      await page.goto(`${world.appUrl}/ledger`);
      await page.locator('[data-ledger-loaded]').waitFor({ timeout: 15_000 });
      await page.goto(`${world.appUrl}/settings`);
      await page.locator('[data-owner-section]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-extension-link]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await alone.close();
    }
  });
});

describe('attacks on the channel', () => {
  const syncFrom = (page: Page, extensionId: string, state: unknown) =>
    page.evaluate(
      async ({ id, message }) => {
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown, cb: (a: unknown) => void) => void; lastError?: unknown } } }).chrome?.runtime;
        if (typeof runtime?.sendMessage !== 'function') return { available: false, answer: null };
        const answer = await new Promise<unknown>((resolve) => {
          try {
            runtime.sendMessage!(id, message, (a) => resolve(runtime.lastError ? { lastError: String((runtime.lastError as { message?: string }).message) } : a));
          } catch (e) {
            resolve({ thrown: String(e) });
          }
        });
        return { available: true, answer };
      },
      { id: extensionId, message: { protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync', state } },
    );
  const manual = (orderId: string) => ({
    orderId,
    source: 'manual',
    orderedAt: '2026-01-05T00:00:00Z',
    dutiableValueFen: 1,
    taxFen: 0,
    items: [],
    addedAt: '2026-01-05T00:00:00Z',
  });
  const state = (orders: unknown[]) => ({ ledger: { orders, parcels: [], officialFigures: [] }, owner: { idLast4: '0000' }, edits: { owner: new Date().toISOString() } });

  it.each([
    ['the demo store', () => world.store.storeUrl],
    ['a look-alike on the app’s host, another port', () => world.store.lookalikeUrl],
  ])('%s cannot read or write the ledger', async (_name, origin) => {
    const page = await world.browser.context.newPage();
    await page.goto(`${origin()}/?lang=en`);
    const got = await syncFrom(page, DEMO_EXTENSION_ID, state([manual('INJECTED-FROM-PAGE')]));
    // Chrome gives such a page no channel at all; were it to, the background answers no state.
    if (got.available) expect(JSON.stringify(got.answer)).not.toContain(bigReceipt.orderId);
    expect(got.available).toBe(false);
    expect(await orderIds()).not.toContain('INJECTED-FROM-PAGE');
    expect(await extensionOwner()).toMatchObject({ idLast4: index.owner.idLast4 });
    await page.close();
  });

  it('from the app’s origin, a forged and an unsigned receipt are refused and never enter the extension’s ledger', async () => {
    const i = bigReceipt.payload.length - 6;
    const forged = `${bigReceipt.payload.slice(0, i)}${bigReceipt.payload[i] === '0' ? '1' : '0'}${bigReceipt.payload.slice(i + 1)}`;
    const receiptOrder = (orderId: string, receipt: string) => ({ ...manual(orderId), source: 'receipt', receipt, dutiableValueFen: 999_999 });
    await app.goto(`${world.appUrl}/settings`);
    const got = await syncFrom(app, DEMO_EXTENSION_ID, {
      ...state([receiptOrder('FORGED-1', forged), receiptOrder('UNSIGNED-1', 'CC1:NOT-SIGNED')]),
      owner: null,
      edits: {},
    });
    expect(got.available).toBe(true);
    const answer = got.answer as { type: string; refused: { kind: string; id: string; code: string }[]; state: { ledger: { orders: { orderId: string }[] } } };
    expect(answer.type).toBe('sync-answer');
    expect(answer.refused.map((r) => [r.id, r.code.split(':')[0]])).toEqual([
      ['FORGED-1', 'ledger/receipt-rejected'],
      ['UNSIGNED-1', 'ledger/receipt-rejected'],
    ]);
    expect(answer.state.ledger.orders.map((o) => o.orderId)).not.toContain('FORGED-1');
    expect(await orderIds()).not.toContain('FORGED-1');
    expect(await orderIds()).not.toContain('UNSIGNED-1');
  });

  it('a forged receipt in the extension’s storage is refused by the app', async () => {
    const worker = await extensionServiceWorker(world.browser.context);
    const i = bigReceipt.payload.length - 6;
    const forged = `${bigReceipt.payload.slice(0, i)}${bigReceipt.payload[i] === '0' ? '1' : '0'}${bigReceipt.payload.slice(i + 1)}`;
    await worker.evaluate(async (receipt) => {
      const { ledger } = (await chrome.storage.local.get('ledger')) as { ledger: { orders: unknown[] } };
      ledger.orders.push({ orderId: 'FORGED-IN-EXTENSION', source: 'receipt', receipt, orderedAt: '2026-11-01T00:00:00Z', dutiableValueFen: 999_999, taxFen: 0, items: [], addedAt: '2026-11-01T00:00:00Z' });
      await chrome.storage.local.set({ ledger });
    }, forged);
    await app.goto(`${world.appUrl}/ledger`);
    await app.locator(`[data-orders] > li[data-order-id="${bigReceipt.orderId}"]`).waitFor({ timeout: 20_000 });
    // A sync round has run since the forged entry was written (the link time moves on).
    const since = new Date().toISOString();
    await app.goto(`${world.appUrl}/settings`);
    await expect.poll(async () => ((await app.locator('[data-extension-link]').getAttribute('data-extension-link')) ?? '') > since).toBe(true);
    await app.goto(`${world.appUrl}/ledger`);
    await app.locator(`[data-orders] > li[data-order-id="${bigReceipt.orderId}"]`).waitFor({ timeout: 20_000 });
    expect(await app.locator('[data-orders] > li[data-order-id="FORGED-IN-EXTENSION"]').count()).toBe(0);
  });
});
