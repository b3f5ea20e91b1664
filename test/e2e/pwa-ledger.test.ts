// The quota dashboard in real Chromium, driven only through its screens: returns restoring quota
// (海关总署公告2020年第45号: a return applied for within 30 days of customs release restores it),
// reconciliation with the official look-up, and the data-safety tools — JSON backup exported in
// one browser profile and imported in a fresh one, tampered backups, the CSV export.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fenToYuan, formatFen } from '../../shared/money/index.ts';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import {
  OUT_DIR,
  deepLink,
  demoWorld,
  downloadFrom,
  importReceipts,
  ledgerSnapshot,
  startServer,
  verdictOf,
  type DemoWorld,
  type LedgerSnapshot,
} from './pwa-harness.ts';

interface ReceiptClaims {
  orderId: string;
  orderedAt: string;
  dutiableValueFen: number;
  taxFen: number;
  paidFen: number;
}

let world: DemoWorld;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: LaunchedBrowser;
let page: Page;

const receiptOf = (name: string) => world.receipts.find((r) => r.name === name)!.claims as unknown as ReceiptClaims;
/** The civil date in China (UTC+8) `days` after an instant. */
const chinaDatePlus = (iso: string, days: number) => new Date(Date.parse(iso) + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
// The demo's serum parcel is the one linked to its order ("this is my parcel"), so that order has a
// customs release date and a return window; the milk order stays unreleased.
const LINKED_PARCEL = 'parcel-serum-yours';
const LINKED_RECEIPT = 'receipt-serum';
const UNRELEASED_RECEIPT = 'receipt-milk';

beforeAll(async () => {
  world = demoWorld();
  server = await startServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await importReceipts(page, server, world);
  const parcel = world.parcels.find((p) => p.name === LINKED_PARCEL)!;
  await page.goto(deepLink(server, world.payload(parcel)));
  expect(await verdictOf(page)).toBe('genuine-yours');
  await page.locator('[data-action="mine"]').click();
  expect(await page.locator('[data-linked-order]').getAttribute('data-linked-order', { timeout: 10_000 })).toBe(receiptOf(LINKED_RECEIPT).orderId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openLedger(p: Page): Promise<LedgerSnapshot> {
  await p.goto(`${server.url}/ledger`);
  return ledgerSnapshot(p);
}

async function markReturned(p: Page, orderId: string, date: string): Promise<void> {
  const row = p.locator(`[data-order-id="${orderId}"]`);
  await row.getByRole('button', { name: 'Mark returned' }).click();
  await row.locator('input[type="date"]').fill(date);
  await row.getByRole('button', { name: 'Save return' }).click();
  await row.locator('[data-return-outcome]').waitFor({ timeout: 10_000 });
}

describe('marking an order returned', () => {
  it.each([
    // [case, receipt, return date from the order's claims and parcel, outcome, restores quota]
    ['released, return filed on the 30th day after release (last day of the window)', LINKED_RECEIPT, 30, 'restored', true],
    ['released, return filed on the 31st day after release (too late)', LINKED_RECEIPT, 31, 'outside-window', false],
    ['not released yet (a cancellation), filed today', UNRELEASED_RECEIPT, undefined, 'restored', true],
  ] as const)('%s', async (_case, receiptName, daysAfterRelease, outcome, restores) => {
    const claims = receiptOf(receiptName);
    const parcel = world.parcels.find((p) => p.name === LINKED_PARCEL)!.claims as { releasedAt: string };
    const date = daysAfterRelease === undefined ? chinaDatePlus(new Date().toISOString(), 0) : chinaDatePlus(parcel.releasedAt, daysAfterRelease);
    const before = await openLedger(page);
    expect(before.orders.find((o) => o.orderId === claims.orderId)?.returnOutcome).toBeNull();

    await markReturned(page, claims.orderId, date);
    const row = page.locator(`[data-order-id="${claims.orderId}"]`);
    expect(await row.locator('[data-return-outcome]').getAttribute('data-return-outcome')).toBe(outcome);
    const restoredFen = restores ? claims.dutiableValueFen : 0;
    await expect.poll(() => page.locator('[data-quota-used]').getAttribute('data-quota-used')).toBe(String(before.usedFen - restoredFen));
    expect(Number(await page.locator('[data-quota-remaining]').getAttribute('data-quota-remaining'))).toBe(before.remainingFen + restoredFen);
    // A returned order's tax is refunded with it, so it leaves the year's taxes too.
    expect(Number(await page.locator('[data-taxes-fen]').getAttribute('data-taxes-fen'))).toBe(before.taxesFen - (restores ? claims.taxFen : 0));

    // Undo: the ledger is as it was.
    await row.getByRole('button', { name: 'Undo return' }).click();
    await row.locator('[data-return-outcome]').waitFor({ state: 'detached' });
    await expect.poll(() => ledgerSnapshot(page)).toEqual(before);
  });
});

describe('reconciliation with the official quota look-up', () => {
  it.each([
    // [case, official figure relative to the ledger, expected status, unexplained fen]
    ['an official figure larger than the ledger', (used: number) => used + 12_345, 'unexplained-usage', 12_345],
    ['the same figure as the ledger', (used: number) => used, 'consistent', 0],
    ['a figure below the released orders (a refund the look-up already shows)', () => 50_000, 'ledger-ahead', 0],
  ] as const)('%s', async (_case, official, status, unexplainedFen) => {
    const { usedFen } = await openLedger(page);
    const figure = official(usedFen);
    await page.locator('#official').fill(fenToYuan(figure));
    await page.getByRole('button', { name: 'Compare' }).click();
    const result = page.locator(`[data-reconcile="${status}"]`);
    await result.waitFor({ timeout: 10_000 });
    expect(Number(await result.getAttribute('data-unexplained-fen'))).toBe(unexplainedFen);
    const advice = await result.innerText();
    if (status === 'unexplained-usage') {
      // The amount nobody in the ledger explains, and what to do about it.
      expect(advice).toContain(formatFen(unexplainedFen, 'en'));
      expect(advice).toMatch(/ordered under your identity/);
      expect(advice).toMatch(/消费明细/);
      expect(advice).toMatch(/12360/);
      expect(await result.getAttribute('class')).toMatch(/notice-bad/);
    } else {
      expect(advice).not.toMatch(/12360/);
    }
    // The figure is kept: a reload shows the same comparison.
    await page.reload();
    await page.locator(`[data-reconcile="${status}"]`).waitFor({ timeout: 10_000 });
  });
});

describe('ledger backup and export', () => {
  let exported: { path: string; name: string; text: string };
  let original: LedgerSnapshot;
  /** A second, fresh browser profile holding the restored backup. */
  let restored: LaunchedBrowser;
  let restoredPage: Page;

  beforeAll(async () => {
    // Something in the ledger beyond the receipts: a return and the official figure.
    await openLedger(page);
    const parcel = world.parcels.find((p) => p.name === LINKED_PARCEL)!.claims as { releasedAt: string };
    await markReturned(page, receiptOf(LINKED_RECEIPT).orderId, chinaDatePlus(parcel.releasedAt, 3));
    original = await ledgerSnapshot(page);
    await page.locator('#official').fill(fenToYuan(original.usedFen + 10_000));
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('[data-reconcile="unexplained-usage"]').waitFor({ timeout: 10_000 });
    exported = await downloadFrom(page, '[data-export="json"]');
  });

  afterAll(async () => {
    await restored?.close();
  });

  async function importBackup(p: Page, file: string): Promise<{ tone: string; text: string }> {
    await p.goto(`${server.url}/ledger`);
    await p.locator('[data-ledger-loaded]').waitFor();
    await p.locator('#backup-file').setInputFiles(file);
    const message = p.locator('[data-ledger-message]');
    await message.waitFor({ timeout: 15_000 });
    return { tone: (await message.getAttribute('data-ledger-message')) ?? '', text: await message.innerText() };
  }

  it('exports a versioned JSON file holding every order with its signed receipt', () => {
    expect(exported.name).toMatch(/^crosscheck-ledger-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(exported.text) as { format: string; version: number; orders: Array<{ orderId: string; receipt?: string; returnedOn?: string }>; officialFigures: unknown[]; parcels: unknown[] };
    expect(doc.format).toBe('crosscheck-ledger');
    expect(doc.version).toBe(1);
    expect(doc.orders.map((o) => o.orderId).toSorted()).toEqual(world.receipts.map((r) => (r.claims as unknown as ReceiptClaims).orderId).toSorted());
    for (const order of doc.orders) expect(order.receipt).toMatch(/^CC1:/);
    expect(doc.orders.find((o) => o.orderId === receiptOf(LINKED_RECEIPT).orderId)?.returnedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc.officialFigures).toHaveLength(1);
    expect(doc.parcels).toHaveLength(1);
  });

  it('a fresh browser profile importing the file shows the same orders and figures', async () => {
    restored = await launchChromium();
    restoredPage = await restored.context.newPage();
    expect((await openLedger(restoredPage)).orders).toEqual([]);
    const message = await importBackup(restoredPage, exported.path);
    expect(message.tone).toBe('good');
    const n = world.receipts.length;
    expect(message.text).toBe(`Imported ${n} ${n === 1 ? 'order' : 'orders'}.`);
    await expect.poll(() => ledgerSnapshot(restoredPage)).toEqual(original);
    // The return, the linked parcel and the official figure came along.
    const linked = restoredPage.locator(`[data-order-id="${receiptOf(LINKED_RECEIPT).orderId}"]`);
    expect(await linked.locator('[data-return-outcome]').getAttribute('data-return-outcome')).toBe('restored');
    expect(await linked.innerText()).toMatch(/1 parcel/);
    expect(Number(await restoredPage.locator('[data-reconcile="unexplained-usage"]').getAttribute('data-unexplained-fen'))).toBe(10_000);
  });

  type Doc = { version: number; orders: Array<{ orderId: string; receipt: string; dutiableValueFen: number; taxFen: number }> };
  const flipMiddle = (s: string) => {
    const i = Math.floor(s.length / 2);
    return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  };

  it.each([
    // [case, edit, expected message tone, message pattern, what a fresh profile then holds]
    [
      "one receipt order's dutiable value raised in the JSON",
      (doc: Doc): void => {
        doc.orders[0]!.dutiableValueFen += 100_000;
      },
      'warn',
      /1 order was corrected to match its signed receipt/,
      'signed figures',
    ],
    [
      "one receipt order's tax lowered in the JSON",
      (doc: Doc): void => {
        doc.orders[0]!.taxFen = 0;
      },
      'warn',
      /1 order was corrected to match its signed receipt/,
      'signed figures',
    ],
    [
      'a character of one signed receipt changed',
      (doc: Doc): void => {
        doc.orders[0]!.receipt = flipMiddle(doc.orders[0]!.receipt);
      },
      'warn',
      /1 entry in the file was refused:[\s\S]*receipt in the ledger did not verify/,
      'the other orders',
    ],
    [
      'a figure no ledger can hold (negative tax)',
      (doc: Doc): void => {
        doc.orders[0]!.taxFen = -1;
      },
      'bad',
      /damaged or was edited/,
      'nothing',
    ],
    [
      'a version from the future',
      (doc: Doc): void => {
        doc.version = 99;
      },
      'bad',
      /newer version of CrossCheck/,
      'nothing',
    ],
  ] as const)('a tampered backup — %s — is not believed, and nothing is lost', async (name, edit, tone, pattern, holds) => {
    const doc = JSON.parse(exported.text) as Doc;
    const target = doc.orders[0]!.orderId;
    edit(doc);
    const file = join(OUT_DIR, `tampered-${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const signed = world.receipts.map((r) => r.claims as unknown as ReceiptClaims).find((c) => c.orderId === target)!;

    // Into a fresh profile: the edited figure never shows.
    const fresh = await launchChromium();
    try {
      const p = await fresh.context.newPage();
      const message = await importBackup(p, file);
      expect(message.tone).toBe(tone);
      expect(message.text).toMatch(pattern);
      const shown = await ledgerSnapshot(p);
      const ids = shown.orders.map((o) => o.orderId);
      if (holds === 'nothing') expect(ids).toEqual([]);
      else if (holds === 'the other orders') expect(ids).toEqual(original.orders.map((o) => o.orderId).filter((id) => id !== target));
      else {
        expect(ids).toEqual(original.orders.map((o) => o.orderId));
        const row = shown.orders.find((o) => o.orderId === target)!;
        expect([row.dutiableFen, row.taxFen]).toEqual([signed.dutiableValueFen, signed.taxFen]);
      }
    } finally {
      await fresh.close();
    }

    // Into the profile that already holds the ledger: everything recorded stays as it was.
    const message = await importBackup(restoredPage, file);
    expect(message.tone).toBe(tone);
    await expect.poll(() => ledgerSnapshot(restoredPage)).toEqual(original);
  });

  it('the CSV export downloads with a header row and one row per order', async () => {
    const csv = await downloadFrom(page, '[data-export="csv"]');
    expect(csv.name).toMatch(/^crosscheck-ledger-\d{4}-\d{2}-\d{2}\.csv$/);
    // UTF-8 with a byte-order mark (Excel then reads the Chinese product names), CRLF rows.
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.text.slice(1));
    expect(rows[0]).toEqual(['order_id', 'source', 'merchant', 'ordered_at', 'dutiable_value_cny', 'tax_cny', 'paid_cny', 'released_at', 'returned_on', 'items']);
    const body = rows.slice(1);
    expect(body).toHaveLength(world.receipts.length);
    const col = (name: string) => rows[0]!.indexOf(name);
    for (const receipt of world.receipts) {
      const claims = receipt.claims as unknown as ReceiptClaims;
      const row = body.find((r) => r[col('order_id')] === claims.orderId);
      expect(row, claims.orderId).toBeDefined();
      expect(row![col('source')]).toBe('receipt');
      expect(row![col('ordered_at')]).toBe(claims.orderedAt);
      expect(row![col('dutiable_value_cny')]).toBe(fenToYuan(claims.dutiableValueFen));
      expect(row![col('tax_cny')]).toBe(fenToYuan(claims.taxFen));
      expect(row![col('paid_cny')]).toBe(fenToYuan(claims.paidFen));
    }
    const linked = body.find((r) => r[col('order_id')] === receiptOf(LINKED_RECEIPT).orderId)!;
    expect(linked[col('returned_on')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(linked[col('released_at')]).not.toBe('');
  });
});

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF line ends); enough to read our own export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
