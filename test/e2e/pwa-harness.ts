// Shared pieces of the PWA browser tests: the demo world, the built app served by test/harness/store/serve-pwa.ts,
// a recorder of every request the page makes, and fake-camera videos made from demo QR codes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { toVerifyUrl } from '../../shared/credential/index.ts';
import { computeCheckCharacter } from '../../shared/identity/resident-id.ts';
import { servePwa, type PwaServer } from '../harness/store/serve-pwa.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIR = process.env.CROSSCHECK_DEMO_DIR ?? join(ROOT, 'dist/demo');
export const PWA_DIST = join(ROOT, 'dist/pwa');
/** Git-ignored scratch space for videos and second builds. */
export const OUT_DIR = join(ROOT, 'test/.out/pwa');

export interface DemoCredential {
  name: string;
  type: 'parcel' | 'receipt' | 'listing' | 'brand-authorization';
  file: string;
  claims: Record<string, unknown>;
  expect?: string;
  expectReasons?: string[];
  labelWaybill?: string;
}

export interface DemoWorld {
  dir: string;
  verifyBase: string;
  credentials: DemoCredential[];
  payload(c: DemoCredential): string;
  parcels: DemoCredential[];
  /** The demo consumer's own receipts (index.json `receipts` folder). */
  receipts: DemoCredential[];
  /** The demo consumer's owner profile (their receipts were ordered under this ID ending). */
  owner?: { idLast4: string; maskedName: string };
}

export function demoWorld(dir = DEMO_DIR): DemoWorld {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    verifyBase: string;
    receipts: string;
    credentials: DemoCredential[];
    owner?: { idLast4: string; maskedName: string };
  };
  const payload = (c: DemoCredential) => readFileSync(join(dir, c.file), 'utf8').trim();
  return {
    dir,
    verifyBase: index.verifyBase,
    credentials: index.credentials,
    payload,
    parcels: index.credentials.filter((c) => c.type === 'parcel'),
    receipts: index.credentials.filter((c) => c.type === 'receipt' && c.file.startsWith(`${index.receipts}/`)),
    ...(index.owner && { owner: index.owner }),
  };
}

/** The verify (or receipt-import) deep link for a credential on this server. */
export function deepLink(server: PwaServer, payload: string, path: '/verify' | '/receipts/import' = '/verify'): string {
  return toVerifyUrl(payload, `${server.url}${path}`);
}

export async function startServer(root = PWA_DIST): Promise<PwaServer & { requests: string[] }> {
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root} is not built: npm run build:pwa`);
  const requests: string[] = [];
  const server = await servePwa({ root, onRequest: (_m, path) => requests.push(path) });
  return Object.assign(server, { requests });
}

/** Records every request a context makes (pages and service workers) for the privacy check. */
export function recordRequests(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (r) => seen.push(r));
  return seen;
}

export function foreignRequests(requests: readonly Request[], origin: string): string[] {
  return requests
    .map((r) => r.url())
    .filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:')) return false;
      try {
        return new URL(url).origin !== origin;
      } catch {
        return true;
      }
    });
}

/** Waits for a final verdict (not the "checking" placeholder) and returns its status. */
export async function verdictOf(page: Page, timeout = 20_000): Promise<string> {
  const el = page.locator('[data-verdict]:not([data-verdict="checking"])').first();
  await el.waitFor({ timeout });
  return (await el.getAttribute('data-verdict')) ?? '';
}

/** Imports the demo consumer's receipts through the receipt screen, as the merchant button does. */
/**
 * A full resident ID number (GB 11643, valid check character) ending in `idLast4`: Beijing
 * Dongcheng, a birth date searched so that the check character comes out as wanted.
 */
export function idNumberEndingIn(idLast4: string): string {
  const sequence = idLast4.slice(0, 3);
  for (let day = 0; day < 3650; day++) {
    const born = new Date(Date.UTC(1980, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `110101${born}${sequence}`;
    if (computeCheckCharacter(first17) === idLast4[3]) return first17 + idLast4[3];
  }
  throw new Error(`no ID number ends in ${idLast4}`);
}

/** Sets the owner profile in Settings, as a consumer does once (the full number typed, last 4 kept). */
export async function setOwnerProfile(page: Page, server: PwaServer, idLast4: string, name = '张三'): Promise<void> {
  await page.goto(`${server.url}/settings`);
  await page.locator('#owner-id').fill(idNumberEndingIn(idLast4));
  await page.locator('#owner-name').fill(name);
  await page.locator('[data-action="save-owner"]').click();
  await page.locator(`[data-owner-profile="${idLast4}"]`).waitFor({ timeout: 10_000 });
}

/** The demo consumer's device: their owner profile, then their receipts imported. */
export async function importReceipts(page: Page, server: PwaServer, world: DemoWorld): Promise<void> {
  if (world.owner) await setOwnerProfile(page, server, world.owner.idLast4);
  for (const receipt of world.receipts) {
    await page.goto(deepLink(server, world.payload(receipt), '/receipts/import'));
    await page.locator('[data-action="add-receipt"]').click({ timeout: 20_000 });
    await page.locator('[data-receipt-result="good"]').waitFor({ timeout: 10_000 });
  }
}

/** Makes the app's service worker control the page (first visit installs, reload is controlled). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });
}

/** A QR code of `text` as a PNG (black on white, quiet zone included), made at test time into test/.out/. */
export async function qrPng(text: string, name: string, width = 460): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const png = join(OUT_DIR, `${name}.png`);
  await QRCode.toFile(png, text, { errorCorrectionLevel: 'M', margin: 4, width });
  return png;
}

/** A photo with no QR code in it: ffmpeg's colour test pattern, 640×480. */
export function photoWithoutQr(name = 'no-qr-photo'): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const png = join(OUT_DIR, `${name}.png`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=1', '-frames:v', '1', png]);
  return png;
}

/**
 * A looping fake-camera video (Y4M, what Chromium's --use-file-for-fake-video-capture reads;
 * toolchain.md §4) showing `text` as a QR code on a white 640×480 frame. Made with ffmpeg at test
 * time into test/.out/.
 */
/** The fake camera's frame interval: qrVideo writes 10 frames a second (`-r 10`). */
export const FAKE_CAMERA_FRAME_MS = 100;

export async function qrVideo(text: string, name: string): Promise<string> {
  const png = await qrPng(text, name);
  const y4m = join(OUT_DIR, `${name}.y4m`);
  execFileSync('ffmpeg', [
    '-loglevel', 'error', '-y', '-loop', '1', '-i', png,
    '-vf', 'scale=460:460:flags=neighbor,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-r', '10', '-t', '1', '-pix_fmt', 'yuv420p', y4m,
  ]);
  return y4m;
}

export function fakeCameraArgs(y4m: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`];
}

/** Clicks what starts a download, saves the file into test/.out/ and returns it with its text. */
export async function downloadFrom(page: Page, selector: string): Promise<{ path: string; name: string; text: string }> {
  mkdirSync(OUT_DIR, { recursive: true });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.locator(selector).click()]);
  const name = download.suggestedFilename();
  const path = join(OUT_DIR, `${Date.now()}-${name}`);
  await download.saveAs(path);
  return { path, name, text: readFileSync(path, 'utf8') };
}

export interface LedgerSnapshot {
  usedFen: number;
  remainingFen: number;
  taxesFen: number;
  orders: Array<{ orderId: string; dutiableFen: number; taxFen: number; returnOutcome: string | null; text: string }>;
}

/** The quota dashboard's figures as shown, once the ledger has loaded from IndexedDB. */
export async function ledgerSnapshot(page: Page): Promise<LedgerSnapshot> {
  await page.locator('[data-ledger-loaded]').waitFor({ timeout: 15_000 });
  return page.evaluate(() => {
    const attr = (selector: string, name: string, root: ParentNode = document) => root.querySelector(selector)?.getAttribute(name) ?? null;
    const num = (selector: string, name: string, root?: ParentNode) => Number(attr(selector, name, root));
    const orders = [...document.querySelectorAll<HTMLElement>('[data-orders] > li')].map((li) => ({
      orderId: li.dataset.orderId ?? '',
      dutiableFen: num('[data-dutiable-fen]', 'data-dutiable-fen', li),
      taxFen: num('[data-tax-fen]', 'data-tax-fen', li),
      returnOutcome: attr('[data-return-outcome]', 'data-return-outcome', li),
      text: li.querySelector('.hint')?.textContent ?? '',
    }));
    return {
      usedFen: num('[data-quota-used]', 'data-quota-used'),
      remainingFen: num('[data-quota-remaining]', 'data-quota-remaining'),
      taxesFen: num('[data-taxes-fen]', 'data-taxes-fen'),
      orders: orders.toSorted((a, b) => a.orderId.localeCompare(b.orderId)),
    };
  });
}
