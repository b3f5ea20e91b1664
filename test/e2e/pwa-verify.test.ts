// The PWA in real Chromium: deep links, receipts, the ledger, hostile payloads, privacy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import {
  deepLink,
  demoWorld,
  foreignRequests,
  importReceipts,
  recordRequests,
  startServer,
  verdictOf,
  type DemoWorld,
} from './pwa-harness.ts';

let world: DemoWorld;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: LaunchedBrowser;
let page: Page;
let requests: Request[];

beforeAll(async () => {
  world = demoWorld();
  server = await startServer();
  browser = await launchChromium();
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
  await importReceipts(page, server, world);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('receipts and the ledger', () => {
  it('a receipt import fills the ledger with the signed figures', async () => {
    await page.goto(`${server.url}/ledger`);
    const rows = page.locator('[data-orders] > li');
    await expect.poll(() => rows.count()).toBe(world.receipts.length);
    let used = 0;
    let taxes = 0;
    for (const receipt of world.receipts) {
      const claims = receipt.claims as { orderId: string; dutiableValueFen: number; taxFen: number; orderedAt: string };
      const row = page.locator(`[data-order-id="${claims.orderId}"]`);
      expect(await row.locator('[data-dutiable-fen]').getAttribute('data-dutiable-fen')).toBe(String(claims.dutiableValueFen));
      expect(await row.locator('[data-tax-fen]').getAttribute('data-tax-fen')).toBe(String(claims.taxFen));
      used += claims.dutiableValueFen;
      taxes += claims.taxFen;
    }
    expect(await page.locator('[data-quota-used]').getAttribute('data-quota-used')).toBe(String(used));
    expect(await page.locator('[data-quota-remaining]').getAttribute('data-quota-remaining')).toBe(String(2_600_000 - used));
    expect(await page.locator('[data-taxes-fen]').getAttribute('data-taxes-fen')).toBe(String(taxes));
  });

  it('a second import of the same receipt changes nothing', async () => {
    const receipt = world.receipts[0]!;
    await page.goto(deepLink(server, world.payload(receipt), '/receipts/import'));
    await page.locator('[data-receipt]').waitFor();
    expect(await page.locator('[data-action="add-receipt"]').count()).toBe(0);
    await page.goto(`${server.url}/ledger`);
    await expect.poll(() => page.locator('[data-orders] > li').count()).toBe(world.receipts.length);
  });

  it('the ledger survives a reload, and a second tab sees a change made in the first', async () => {
    await page.goto(`${server.url}/ledger`);
    await page.reload();
    await expect.poll(() => page.locator('[data-orders] > li').count()).toBe(world.receipts.length);
    const other = await browser.context.newPage();
    await other.goto(`${server.url}/ledger`);
    await expect.poll(() => other.locator('[data-orders] > li').count()).toBe(world.receipts.length);
    const orderId = (world.receipts[0]!.claims as { orderId: string }).orderId;
    // Mark returned in tab 1 (the return date is today, inside the window) …
    const row = page.locator(`[data-order-id="${orderId}"]`);
    await row.getByRole('button', { name: 'Mark returned' }).click();
    await row.getByRole('button', { name: 'Save return' }).click();
    // … tab 2 shows the return without a reload.
    await other.locator(`[data-order-id="${orderId}"] [data-return-outcome]`).waitFor({ timeout: 10_000 });
    await row.getByRole('button', { name: 'Undo return' }).click();
    await other.locator(`[data-order-id="${orderId}"] [data-return-outcome]`).waitFor({ state: 'detached', timeout: 10_000 });
    await other.close();
  });

  it('a receipt that was tampered with is refused', async () => {
    const payload = world.payload(world.receipts[0]!);
    const i = Math.floor(payload.length / 2);
    const tampered = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    await page.goto(`${server.url}/receipts/import#${encodeURIComponent(tampered)}`);
    expect(await verdictOf(page)).toBe('invalid');
    expect(await page.locator('[data-action="add-receipt"]').count()).toBe(0);
  });
});

describe('deep links from a parcel QR', () => {
  it('covers every parcel status the demo world has', () => {
    const statuses = new Set(world.parcels.map((p) => p.expect));
    for (const s of ['genuine-yours', 'genuine-unbound', 'not-yours', 'not-authorized', 'unknown-issuer', 'revoked', 'expired', 'invalid']) {
      expect(statuses.has(s), s).toBe(true);
    }
  });

  it.each(demoWorld().parcels.map((p) => [p.name, p.expect, p.expectReasons ?? []] as const))(
    '%s → %s',
    async (name, expected, reasons) => {
      const parcel = world.parcels.find((p) => p.name === name)!;
      await page.goto(deepLink(server, world.payload(parcel)));
      expect(await verdictOf(page)).toBe(expected);
      const banner = page.locator('[data-verdict]');
      expect(await banner.getAttribute('aria-live')).toBe('polite');
      expect((await banner.innerText()).length).toBeGreaterThan(5);
      for (const code of reasons) {
        const shown = await page.locator(`[data-warning="${code}"], [data-verdict][data-reason="${code}"]`).count();
        expect(shown, `${code} shown`).toBeGreaterThan(0);
      }
    },
  );

  it('shows the evidence: product, importer, custody timeline, declared beside paid, trust age', async () => {
    const parcel = world.parcels.find((p) => p.expect === 'genuine-yours' && (p.expectReasons ?? []).length === 0)!;
    await page.goto(deepLink(server, world.payload(parcel)));
    expect(await verdictOf(page)).toBe('genuine-yours');
    const claims = parcel.claims as { goods: Array<{ name?: string }>; declaredValueFen: number; waybill: string };
    expect(await page.locator('[data-fact="product"]').innerText()).toContain(claims.goods[0]!.name!);
    expect(await page.locator('[data-fact="waybill"]').innerText()).toContain(claims.waybill);
    expect(await page.locator('[data-fact="importer"]').innerText()).not.toBe('');
    expect(await page.locator('[data-fact="declared"]').getAttribute('data-fen')).toBe(String(claims.declaredValueFen));
    await expect.poll(() => page.locator('[data-fact="paid"]').getAttribute('data-fen')).toMatch(/^\d+$/);
    expect(await page.locator('[data-custody] li').count()).toBe(5);
    expect(await page.locator('[data-trust-age]').count()).toBe(1);
  });

  it('under-declaration shows what was declared beside what the receipt says was paid', async () => {
    const parcel = world.parcels.find((p) => (p.expectReasons ?? []).includes('value.under-declared'))!;
    await page.goto(deepLink(server, world.payload(parcel)));
    expect(await verdictOf(page)).toBe(parcel.expect);
    const declared = Number(await page.locator('[data-fact="declared"]').getAttribute('data-fen'));
    await expect.poll(async () => Number(await page.locator('[data-fact="paid"]').getAttribute('data-fen'))).toBeGreaterThan(declared);
  });

  it('"this is my parcel" links the parcel to its order', async () => {
    const parcel = world.parcels.find((p) => p.expect === 'genuine-yours')!;
    await page.goto(deepLink(server, world.payload(parcel)));
    expect(await verdictOf(page)).toBe('genuine-yours');
    await page.locator('[data-action="mine"]').click();
    const linked = await page.locator('[data-linked-order]').getAttribute('data-linked-order', { timeout: 10_000 });
    expect(linked).toMatch(/\S/);
    await page.goto(`${server.url}/ledger`);
    expect(await page.locator(`[data-order-id="${linked}"]`).innerText()).toMatch(/1 parcel/);
  });

  it('shows the verdict in Chinese when the browser asks for it', async () => {
    const zh = await launchChromium({ locale: 'zh-CN', colorScheme: 'dark' });
    try {
      const p = await zh.context.newPage();
      const parcel = world.parcels.find((x) => x.expect === 'revoked')!;
      await p.goto(deepLink(server, world.payload(parcel)));
      expect(await verdictOf(p)).toBe('revoked');
      expect(await p.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await p.locator('[data-verdict]').innerText()).toMatch(/吊销/);
    } finally {
      await zh.close();
    }
  });
});

describe('hostile payloads give a clear error screen', () => {
  it.each([
    ['a javascript: URL', '#javascript%3Aalert(document.domain)', 'error', 'scan-unsupported-scheme'],
    ['a data: URL', `#${encodeURIComponent('data:text/html,<script>alert(1)</script>')}`, 'error', 'scan-unsupported-scheme'],
    ['an oversized code', `#CC1:${'1'.repeat(300_000)}`, 'error', 'scan-too-long'],
    ['malformed digits', '#CC1:1234', 'error', 'scan-fragment-invalid'],
    ['malformed Base45', `#${encodeURIComponent('CC1:!!!!not base45')}`, 'invalid', 'credential.unreadable'],
    ['a foreign prefix', `#${encodeURIComponent('HC1:6BFOXN%TS3DH0YOJ58S')}`, 'error', 'scan-not-credential'],
    ['nothing', '#', 'error', 'scan-empty'],
    ['bad percent-encoding', '#%E0%A4%A', 'error', 'scan-not-credential'],
  ])('%s', async (_name, hash, verdict, code) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/verify${hash}`);
    expect(await verdictOf(page)).toBe(verdict);
    expect(await page.locator('[data-verdict]').getAttribute('data-reason')).toBe(code);
    expect((await page.locator('[data-verdict]').innerText()).length).toBeGreaterThan(10);
    page.removeAllListeners('pageerror');
    expect(errors).toEqual([]);
    // Nothing navigated away: still our verify page.
    expect(new URL(page.url()).origin).toBe(new URL(server.url).origin);
  });

  it('a pasted javascript: link is not followed either', async () => {
    await page.goto(server.url);
    await page.locator('#paste').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await verdictOf(page)).toBe('error');
    expect(new URL(page.url()).pathname).toBe('/verify');
  });
});

describe('privacy', () => {
  it('made no request to any other origin', () => {
    expect(requests.length).toBeGreaterThan(20);
    expect(foreignRequests(requests, new URL(server.url).origin)).toEqual([]);
  });

  it('never sent a credential to the server (fragments stay on the device)', () => {
    const payloadStart = world.payload(world.receipts[0]!).slice(4, 24);
    for (const path of server.requests) {
      expect(path.includes('CC1')).toBe(false);
      expect(path.includes(payloadStart)).toBe(false);
    }
  });
});
