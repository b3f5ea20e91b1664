// The second scan in real Chromium: after a genuine parcel verdict, the product's own barcode on the
// fake camera (a Y4M made at test time from a barcode drawn by zxing-wasm's writer, the library the
// scanner reads with) is compared with the signed goods. A product whose GTIN is not in the parcel
// says mismatch; a GS1 DataMatrix with the signed GTIN, batch and expiry says match. The result is
// a live region that exists before it is filled, holds both languages, and gets the focus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm/full';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { OUT_DIR, deepLink, demoWorld, fakeCameraArgs, foreignRequests, recordRequests, startServer, verdictOf } from './pwa-harness.ts';

const world = demoWorld();
const parcel = world.parcels.find((p) => p.expect === 'genuine-unbound')!;
const line = (parcel.claims.goods as Array<{ gtin: string; batch: string; expiry: string }>)[0]!;
const goods = { ...line, gtin: line.gtin.padStart(14, '0') };
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);

prepareZXingModule({ overrides: { wasmBinary: readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/full/zxing_full.wasm')) } });

/** A PNG of `text` in `format` (EAN13 or a GS1 DataMatrix from the bracketed form), then a looping 640×480 Y4M of it. */
async function barcodeVideo(text: string, format: 'EAN13' | 'DataMatrix', name: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const written = await writeBarcode(text, { format, scale: format === 'EAN13' ? 4 : 10, ...(format === 'DataMatrix' && { options: 'gs1' }) });
  if (!written.image) throw new Error(`writeBarcode ${format}: ${written.error}`);
  const png = join(OUT_DIR, `${name}.png`);
  writeFileSync(png, Buffer.from(await written.image.arrayBuffer()));
  const y4m = join(OUT_DIR, `${name}.y4m`);
  execFileSync('ffmpeg', [
    '-loglevel', 'error', '-y', '-loop', '1', '-i', png,
    '-vf', 'scale=w=560:h=400:force_original_aspect_ratio=decrease:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-r', '10', '-t', '1', '-pix_fmt', 'yuv420p', y4m,
  ]);
  return y4m;
}

async function scanGoods(browser: LaunchedBrowser, server: Awaited<ReturnType<typeof startServer>>) {
  const page = await browser.context.newPage();
  await page.goto(deepLink(server, world.payload(parcel)));
  expect(await verdictOf(page)).toBe('genuine-unbound');
  const region = page.locator('[data-goods-result]');
  // The live region is on the page, empty, before anything is scanned.
  expect(await region.getAttribute('role')).toBe('status');
  expect(await region.getAttribute('data-goods-result')).toBe('');
  await page.locator('[data-action="scan-goods"]').click();
  await page.locator('[data-goods-result]:not([data-goods-result=""])').waitFor({ timeout: 30_000 });
  return { page, region };
}

describe.each([
  // [case, code on the product, format, expected outcome]
  ['a product whose EAN-13 is not in the parcel', '5901234123457', 'EAN13', 'mismatch'],
  ['a GS1 DataMatrix with the signed GTIN, batch and expiry', `(01)${goods.gtin}(17)${yymmdd(goods.expiry)}(10)${goods.batch}`, 'DataMatrix', 'match'],
] as const)('second scan: %s', (name, text, format, outcome) => {
  let browser: LaunchedBrowser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    const video = await barcodeVideo(text, format, `goods-${outcome}`);
    server = await startServer();
    browser = await launchChromium({ args: fakeCameraArgs(video) });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`says ${outcome} in both languages, announced and focused`, async () => {
    const requests = recordRequests(browser.context);
    const { page, region } = await scanGoods(browser, server);
    expect(await region.getAttribute('data-goods-result')).toBe(outcome);
    const en = (await region.locator('[data-goods-lang="en"]').textContent()) ?? '';
    const zh = (await region.locator('[data-goods-lang="zh-CN"]').textContent()) ?? '';
    expect(en).toMatch(outcome === 'match' ? /^Match/ : /^Mismatch/);
    expect(zh).toMatch(outcome === 'match' ? /^一致/ : /^不一致/);
    if (outcome === 'mismatch') expect(en).toContain('5901234123457');
    else expect(await region.getAttribute('data-goods-differs')).toBe('');
    // Focus moved to the result; the camera is off.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-goods-result'))).toBe(outcome);
    expect(await page.locator('[data-goods-scanner="on"]').count()).toBe(0);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);

    if (outcome === 'match') {
      // The typed-in fallback: the same GTIN with another batch is a mismatch naming the batch.
      await page.locator('#goods-code').fill(`(01)${goods.gtin}(10)FAKE01`);
      await page.locator('[data-goods-check] button[type="submit"]').click();
      await expect.poll(() => region.getAttribute('data-goods-result')).toBe('mismatch');
      expect(await region.getAttribute('data-goods-differs')).toBe('batch');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-goods-result'))).toBe('mismatch');
    }
  });
});
