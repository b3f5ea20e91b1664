// The in-app scanner on Chromium's fake camera (toolchain.md §4): a Y4M made at test time from a
// demo parcel's QR code. Linux Chromium has no native BarcodeDetector, so this exercises the
// self-hosted zxing wasm path — and asserts it never reaches for a CDN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { measureScanToVerdict } from './pwa-bench.ts';
import {
  deepLink,
  demoWorld,
  fakeCameraArgs,
  foreignRequests,
  importReceipts,
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
    // The camera is off once the code is found.
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
    expect(requests.some((r) => r.url().endsWith('.wasm'))).toBe(true);
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
