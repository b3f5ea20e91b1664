// The in-app scanner on Chromium's fake camera (toolchain.md §4): a Y4M made at test time from a
// demo parcel's QR code. Linux Chromium has no native BarcodeDetector, so this exercises the
// self-hosted zxing wasm path — and asserts it never reaches for a CDN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { measureScanToVerdict } from './pwa-bench.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  OUT_DIR,
  deepLink,
  demoWorld,
  fakeCameraArgs,
  foreignRequests,
  importReceipts,
  ledgerSnapshot,
  photoWithoutQr,
  qrPng,
  qrVideo,
  recordRequests,
  startServer,
  verdictOf,
} from './pwa-harness.ts';
import { toVerifyUrl } from '../../shared/credential/index.ts';

const world = demoWorld();

describe.each([
  // [parcel, QR content form]
  ['parcel-serum-yours', 'url'],
  ['parcel-serum-grey-seller', 'bare'],
] as const)('scanning %s (%s form)', (name, form) => {
  const parcel = world.parcels.find((p) => p.name === name)!;
  let browser: LaunchedBrowser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    const payload = world.payload(parcel);
    // The URL form as printed on the label (for another host: only the fragment matters).
    const text = form === 'url' ? toVerifyUrl(payload, world.verifyBase) : payload;
    const video = await qrVideo(text, `${name}-${form}`);
    server = await startServer();
    browser = await launchChromium({ args: fakeCameraArgs(video) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`shows ${parcel.expect} without following the scanned URL`, async () => {
    const requests = recordRequests(browser.context);
    const page = await browser.context.newPage();
    await importReceipts(page, server, world);
    await page.goto(`${server.url}/scan`);
    // --use-fake-ui-for-media-stream grants the camera, so the scanner may start by itself (no
    // prompt to explain); otherwise press the button under the explainer.
    const start = page.getByRole('button', { name: 'Start the camera' });
    if (await start.isVisible()) await start.click({ timeout: 2000 }).catch(() => {});
    expect(await verdictOf(page, 30_000)).toBe(parcel.expect);
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(server.url).origin);
    expect(url.pathname).toBe('/verify');
    // The camera is off once the code is found: no video element holds a stream (the verdict's
    // goods check keeps its own idle, hidden <video> until the consumer asks for a second scan).
    expect(await page.evaluate(() => [...document.querySelectorAll('video')].filter((v) => v.srcObject !== null).length)).toBe(0);
    expect(await page.locator('[data-goods-scanner="on"]').count()).toBe(0);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
    expect(requests.some((r) => r.url().endsWith('.wasm'))).toBe(true);
  });
});

describe.each([
  // [receipt, QR content: the verify URL (what `crosscheck qr` prints) or the merchant's import link]
  ['receipt-serum', 'verify-url'],
  ['receipt-watch', 'import-link'],
] as const)("scanning %s's QR (%s)", (name, form) => {
  const receipt = world.receipts.find((r) => r.name === name)!;
  const claims = receipt.claims as { orderId: string; dutiableValueFen: number; taxFen: number };
  let browser: LaunchedBrowser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    const payload = world.payload(receipt);
    const base = form === 'verify-url' ? world.verifyBase : world.verifyBase.replace(/\/verify$/, '/receipts/import');
    const video = await qrVideo(toVerifyUrl(payload, base), `${name}-${form}`);
    server = await startServer();
    browser = await launchChromium({ args: fakeCameraArgs(video) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lands on the receipt screen and adds the order only when tapped', async () => {
    const requests = recordRequests(browser.context);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/scan`);
    const start = page.getByRole('button', { name: 'Start the camera' });
    if (await start.isVisible()) await start.click({ timeout: 2000 }).catch(() => {});
    const card = page.locator(`[data-receipt="${claims.orderId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/receipts/import');
    expect(await verdictOf(page)).toBe('genuine');
    expect(await card.locator('[data-fact="dutiable"]').getAttribute('data-fen')).toBe(String(claims.dutiableValueFen));
    expect(await card.locator('[data-fact="tax"]').getAttribute('data-fen')).toBe(String(claims.taxFen));
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);

    // Shown, not added: another tab's ledger is still empty.
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/ledger`);
    expect((await ledgerSnapshot(other)).orders).toEqual([]);

    await page.locator('[data-action="add-receipt"]').click();
    await page.locator('[data-receipt-result="good"]').waitFor({ timeout: 10_000 });
    // The other tab sees the order (Dexie's cross-tab notification), with the signed figures.
    await expect
      .poll(async () => (await ledgerSnapshot(other)).orders.map((o) => [o.orderId, o.dutiableFen, o.taxFen]), { timeout: 10_000 })
      .toEqual([[claims.orderId, claims.dutiableValueFen, claims.taxFen]]);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
  });
});

describe('photo fallback (take or pick a photo)', () => {
  let browser: LaunchedBrowser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  const parcelUrl = (parcelName: string) => toVerifyUrl(world.payload(world.parcels.find((p) => p.name === parcelName)!), world.verifyBase);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium(); // no camera at all: the photo is the way in
    page = await browser.context.newPage();
    await importReceipts(page, server, world);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pickPhoto(file: string): Promise<void> {
    await page.goto(`${server.url}/scan`);
    await page.locator('[data-scan-explainer]').waitFor();
    await page.locator('#photo').setInputFiles(file);
  }

  it.each([
    // [case, QR text, expected verdict]
    ['parcel-serum-yours as its label URL', () => parcelUrl('parcel-serum-yours'), 'genuine-yours'],
    ['parcel-revoked-credential as its label URL', () => parcelUrl('parcel-revoked-credential'), 'revoked'],
    ['parcel-serum-grey-seller as a bare code', () => world.payload(world.parcels.find((p) => p.name === 'parcel-serum-grey-seller')!), 'not-authorized'],
  ] as const)('a photo of %s shows its verdict', async (label, text, verdict) => {
    const requests = recordRequests(browser.context);
    await pickPhoto(await qrPng(text(), `photo-${label.replace(/\W+/g, '-')}`));
    expect(await verdictOf(page, 30_000)).toBe(verdict);
    expect(new URL(page.url()).pathname).toBe('/verify');
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
  });

  it.each([
    // [case, make the file, what the screen says]
    ['a photo without any QR code', () => photoWithoutQr(), '[data-scan-photo-problem]'],
    ['a file that is not an image', () => {
      const file = join(OUT_DIR, 'not-an-image.png');
      writeFileSync(file, 'this is text, not a PNG');
      return file;
    }, '[data-scan-photo-problem]'],
    ['a photo of some other QR code (a link elsewhere)', () => qrPng('https://prize.example/claim?id=1', 'photo-foreign'), '[data-scan-foreign]'],
  ] as const)('%s gives a clear message and follows nothing', async (_case, make, shown) => {
    const requests = recordRequests(browser.context);
    await pickPhoto(await make());
    const notice = page.locator(shown);
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('role')).toBe('alert');
    expect((await notice.innerText()).length).toBeGreaterThan(20);
    if (shown === '[data-scan-photo-problem]') expect(await notice.innerText()).toMatch(/No QR code found/);
    else expect(await page.locator('[data-scan-foreign] pre').innerText()).toBe('https://prize.example/claim?id=1');
    expect(new URL(page.url()).pathname).toBe('/scan');
    expect(await page.locator('[data-verdict]').count()).toBe(0);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
  });
});

describe('camera lifecycle', () => {
  it('explains before the permission prompt and starts nothing by itself', async () => {
    const server = await startServer();
    const browser = await launchChromium(); // no camera permission granted: the browser would ask
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/scan`);
      await page.locator('[data-scan-explainer]').waitFor();
      await page.waitForTimeout(500);
      expect(await page.locator('[data-scan-explainer]').isVisible()).toBe(true);
      expect(await page.evaluate(() => !!(document.querySelector('video') as HTMLVideoElement | null)?.srcObject)).toBe(false);
      // The fallbacks are on screen before any camera: photo and paste.
      expect(await page.locator('input[type="file"][accept="image/*"]').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Paste a code instead' }).count()).toBe(1);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('stops the camera when the app is hidden and resumes when it returns', async () => {
    const parcel = world.parcels.find((p) => p.expect === 'genuine-unbound')!;
    // A frame with no QR code at all keeps the scanner running.
    const video = await qrVideo('NOT A CROSSCHECK CODE', 'not-ours');
    const server = await startServer();
    const browser = await launchChromium({ args: fakeCameraArgs(video) });
    try {
      await browser.context.grantPermissions(['camera'], { origin: server.url });
      const page = await browser.context.newPage();
      await page.goto(deepLink(server, world.payload(parcel))); // trust data cached
      await verdictOf(page);
      await page.goto(`${server.url}/scan`);
      // Permission already granted: no prompt to explain, the camera starts at once.
      await page.locator('[data-scanner-state="scanning"]').waitFor({ timeout: 15_000 });
      // A foreign QR is shown as text, never opened.
      await page.locator('[data-scan-foreign]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-scan-foreign] pre').innerText()).toBe('NOT A CROSSCHECK CODE');
      const liveTracks = () =>
        page.evaluate(() => {
          const v = document.querySelector('video');
          const s = v?.srcObject as MediaStream | null;
          return s ? s.getVideoTracks().filter((t) => t.readyState === 'live').length : 0;
        });
      expect(await liveTracks()).toBe(1);
      const setHidden = (hidden: boolean) =>
        page.evaluate((h) => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
          document.dispatchEvent(new Event('visibilitychange'));
        }, hidden);
      await setHidden(true);
      await page.locator('[data-scanner-state="paused"]').waitFor({ state: 'attached' });
      expect(await liveTracks()).toBe(0);
      await setHidden(false);
      await page.locator('[data-scanner-state="scanning"]').waitFor({ timeout: 15_000 });
      await expect.poll(liveTracks).toBe(1);
      // By keyboard: Stop goes away when used, so focus moves to Start, and back to Stop.
      const focusedAction = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action);
      await page.locator('[data-action="scan-stop"]').focus();
      await page.keyboard.press('Enter');
      await expect.poll(focusedAction).toBe('scan-start');
      expect(await liveTracks()).toBe(0);
      await page.keyboard.press('Enter');
      await page.locator('[data-scanner-state="scanning"]').waitFor({ timeout: 15_000 });
      await expect.poll(focusedAction).toBe('scan-stop');
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('offers torch and zoom only when the camera has them', async () => {
    const video = await qrVideo('NOT A CROSSCHECK CODE', 'not-ours');
    const server = await startServer();
    const browser = await launchChromium({ args: fakeCameraArgs(video) });
    try {
      await browser.context.grantPermissions(['camera'], { origin: server.url });
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/scan`);
      await page.locator('[data-scanner-state="scanning"]').waitFor({ timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Light on' }).count()).toBe(0);
      // Pretend the camera has a torch and a zoom (ux-anchors.md §5.2: stub getCapabilities).
      await page.addInitScript(() => {
        const original = MediaStreamTrack.prototype.getCapabilities;
        MediaStreamTrack.prototype.getCapabilities = function () {
          return { ...original.call(this), torch: true, zoom: { min: 1, max: 4, step: 0.5 } } as MediaTrackCapabilities;
        };
        MediaStreamTrack.prototype.applyConstraints = async () => {};
      });
      await page.reload();
      await page.locator('[data-scanner-state="scanning"]').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Light on' }).click();
      await page.getByRole('button', { name: 'Light off' }).waitFor();
      expect(await page.locator('input#zoom').getAttribute('max')).toBe('4');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('benchmark helper', () => {
  it('measures QR frame → verdict on the fake camera', async () => {
    const result = await measureScanToVerdict({ runs: 2 });
    expect(result.runs).toHaveLength(2);
    for (const run of result.runs) {
      expect(run.verdict).toBe(world.parcels.find((p) => p.name === result.parcel)!.expect);
      expect(run.frameToVerdictMs).toBeGreaterThan(0);
      expect(run.foundToVerdictMs).toBeGreaterThan(0);
      expect(run.foundToVerdictMs).toBeLessThanOrEqual(run.frameToVerdictMs);
    }
    console.log(`scan → verdict (${result.detector}): median ${result.median.frameToVerdictMs.toFixed(0)} ms frame→verdict, ${result.median.foundToVerdictMs.toFixed(0)} ms decode→verdict`);
  });
});
