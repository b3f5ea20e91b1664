// Trust holes on the PWA side, in real Chromium: a receipt only makes a parcel "yours" when it was
// ordered under the device's owner profile; a genuine parcel with no receipt is neutral, never
// green; a backup cannot slip a hand-entered twin of a signed order in; a look-alike verify host
// in a scanned URL is named (and the code still checked here, the URL never opened).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toVerifyUrl } from '../../shared/credential/index.ts';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { deepLink, demoWorld, importReceipts, OUT_DIR, setOwnerProfile, startServer, verdictOf, type DemoWorld } from './pwa-harness.ts';

let world: DemoWorld;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  world = demoWorld();
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await importReceipts(page, server, world);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How many orders the app's ledger holds (IndexedDB, read in the page). */
const ledgerCount = (p: Page) =>
  p.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('crosscheck');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const count = open.result.transaction('orders', 'readonly').objectStore('orders').count();
          count.addEventListener('success', () => resolve(count.result));
          count.addEventListener('error', () => reject(count.error));
        });
      }),
  );

const parcelNamed = (name: string) => world.parcels.find((p) => p.name === `parcel-${name}`)!;

describe('receipts bound to a person', () => {
  // The tests share one device and run in order: honest path first, then the copied receipt.
  it("the honest path: the consumer's own parcel is genuine-yours, in green", async () => {
    await page.goto(deepLink(server, world.payload(parcelNamed('watch-yours'))));
    expect(await verdictOf(page)).toBe('genuine-yours');
    expect(await page.locator('[data-verdict]').getAttribute('class')).toContain('tone-good');
  });

  it("another buyer's receipt, handed on, is flagged on the receipt screen, kept out of the ledger, and does not make their parcel yours", async () => {
    const other = world.credentials.find((c) => c.type === 'receipt' && c.file.startsWith('other-buyer/'))!;
    const before = await ledgerCount(page);
    await page.goto(deepLink(server, world.payload(other), '/receipts/import'));
    const flag = page.locator('[data-receipt-ownership="other-identity"]');
    await flag.waitFor({ timeout: 20_000 });
    expect(await flag.innerText()).toMatch(/another identity/i);
    expect(await page.locator('[data-action="add-receipt"]').count()).toBe(0);
    expect(await ledgerCount(page)).toBe(before);
    // The parcel of that order (the copied label), scanned with no waybill typed in.
    await page.goto(deepLink(server, world.payload(parcelNamed('watch-copied-label'))));
    expect(await verdictOf(page)).not.toBe('genuine-yours');
    expect(await page.locator('[data-verdict]').getAttribute('class')).not.toContain('tone-good');
  });

  it('a genuine parcel with no receipt is neutral (not green) and says how to link it', async () => {
    const unbound = world.parcels.find((p) => p.expect === 'genuine-unbound')!;
    await page.goto(deepLink(server, world.payload(unbound)));
    expect(await verdictOf(page)).toBe('genuine-unbound');
    const cls = (await page.locator('[data-verdict]').getAttribute('class')) ?? '';
    expect(cls).toContain('tone-neutral');
    expect(cls).not.toContain('tone-good');
    expect(await page.locator('[data-link-hint="receipt"]').innerText()).toMatch(/import the receipt/i);
  });

  it('without an owner profile, a parcel matching a receipt is not called yours and the screen asks for the profile', async () => {
    const fresh = await launchChromium();
    try {
      const p = await fresh.context.newPage();
      // Receipts imported, no profile set.
      for (const receipt of world.receipts) {
        await p.goto(deepLink(server, world.payload(receipt), '/receipts/import'));
        await p.locator('[data-action="add-receipt"]').click({ timeout: 20_000 });
        await p.locator('[data-receipt-result="good"]').waitFor({ timeout: 10_000 });
      }
      await p.goto(deepLink(server, world.payload(parcelNamed('watch-yours'))));
      expect(await verdictOf(p)).toBe('genuine-unbound');
      expect(await p.locator('[data-link-hint="profile"] a[href="/settings"]').count()).toBe(1);
      // Setting the profile once makes the same parcel yours.
      await setOwnerProfile(p, server, world.owner!.idLast4);
      const stored = await p.evaluate(async () => {
        const req = indexedDB.open('crosscheck');
        const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
        const row = await new Promise<unknown>((resolve) => {
          const get = db.transaction('meta').objectStore('meta').get('ownerProfile');
          get.onsuccess = () => resolve(get.result);
        });
        return JSON.stringify(row);
      });
      // Only the last four characters and the masked name are kept.
      expect(stored).toContain(world.owner!.idLast4);
      expect(stored).not.toMatch(/\d{6,}/);
      await p.goto(deepLink(server, world.payload(parcelNamed('watch-yours'))));
      expect(await verdictOf(p)).toBe('genuine-yours');
    } finally {
      await fresh.close();
    }
  });

  it('an invalid ID number is refused with its reason, nothing stored', async () => {
    await page.goto(`${server.url}/settings`);
    await page.locator('#owner-id').fill('11010119800101123');
    await page.locator('[data-action="save-owner"]').click();
    await page.locator('[data-owner-problem]').waitFor({ timeout: 10_000 });
    expect(await page.locator(`[data-owner-profile="${world.owner!.idLast4}"]`).count()).toBe(1);
  });
});

describe('a backup cannot game the ledger', () => {
  it('a hand-entered order reusing a signed order id (with a return) is refused with its reason; the signed order stays', async () => {
    const signed = world.receipts[0]!.claims as unknown as { orderId: string; orderedAt: string };
    const doc = {
      format: 'crosscheck-ledger',
      version: 1,
      exportedAt: new Date().toISOString(),
      orders: [{ orderId: signed.orderId, source: 'manual', orderedAt: signed.orderedAt, dutiableValueFen: 1, taxFen: 0, items: [], returnedOn: signed.orderedAt.slice(0, 10), addedAt: new Date().toISOString() }],
      parcels: [],
      officialFigures: [{ year: 2026, usedFen: 0, enteredAt: '2099-01-01T00:00:00.000Z' }],
    };
    mkdirSync(OUT_DIR, { recursive: true });
    const file = join(OUT_DIR, 'backup-twin-of-signed.json');
    writeFileSync(file, JSON.stringify(doc));
    await page.goto(`${server.url}/ledger`);
    await page.locator('[data-ledger-loaded]').waitFor();
    await page.locator('#backup-file').setInputFiles(file);
    const message = page.locator('[data-ledger-message]');
    await message.waitFor({ timeout: 15_000 });
    expect(await message.getAttribute('data-ledger-message')).toBe('warn');
    const refused = message.locator(`[data-refusal="ledger/unsigned-reuses-signed"][data-refused-id="${signed.orderId}"]`);
    expect(await refused.innerText()).toMatch(/signed receipt/);
    expect(await message.locator('[data-refusal="ledger/figure-from-the-future"]').count()).toBe(1);
    const row = page.locator(`[data-order-id="${signed.orderId}"]`);
    expect(await row.locator('[data-return-outcome]').count()).toBe(0);
    expect(await row.innerText()).not.toMatch(/manual/i);
  });
});

describe('look-alike hosts in a scanned URL', () => {
  it('a pasted verify URL on a look-alike host is named, and the code is still checked here', async () => {
    const parcel = parcelNamed('watch-yours');
    const url = toVerifyUrl(world.payload(parcel), 'https://crоsscheck.example/verify'); // Cyrillic о
    await page.goto(`${server.url}/`);
    await page.locator('#paste').fill(url);
    await page.locator('#paste').press('Enter').catch(() => {});
    await page.locator('form button[type="submit"]').first().click().catch(() => {});
    const named = page.locator('[data-scan-host-kind="lookalike"]');
    await named.waitFor({ timeout: 20_000 });
    expect(await named.getAttribute('data-scan-host')).toMatch(/^xn--/);
    expect(await named.innerText()).toMatch(/not CrossCheck/);
    expect(await verdictOf(page)).toBe('genuine-yours');
    expect(new URL(page.url()).origin).toBe(server.url);
  });
});
