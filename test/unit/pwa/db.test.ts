import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { database } from './db-fixture.ts';
import {
  addManualOrder,
  addReceipt,
  ensurePersisted,
  exportLedgerCsv,
  exportLedgerJson,
  importLedgerJson,
  ledgerContents,
  linkParcel,
  saveOfficialFigure,
  setReturned,
} from '../../../pwa/db/index.ts';
import type { ReceiptCheck, ReceiptFigures } from '../../../shared/ledger/index.ts';
import type { ReceiptClaims } from '../../../shared/credential/claims/index.ts';


const figures: ReceiptFigures = {
  orderId: 'R-1',
  merchant: 'Demo Platform',
  orderedAt: '2026-03-02T02:00:00Z',
  dutiableValueFen: 129_900,
  taxFen: 11_821,
  paidFen: 141_721,
  items: [{ name: 'Serum 50ml', quantity: 1, priceFen: 129_900 }],
};
// Stand-in for the real verifier: "GOOD" verifies, everything else is refused.
const check: ReceiptCheck = async (payload) =>
  payload === 'GOOD'
    ? { ok: true, figures }
    : { ok: false, reason: { code: 'signature.invalid', en: 'The signature does not match.', 'zh-CN': '签名不匹配。' } };

describe('ledger store', () => {
  it('keeps the verified receipt claims with the order (for verdicts), never in the export; a link keeps them', async () => {
    const db = database();
    const claims = { type: 'receipt', orderId: 'R-1', orderSecret: 'a1'.repeat(32) } as unknown as ReceiptClaims;
    await addReceipt(db, 'GOOD', async (p) => ({ ...(await check(p)), claims }) as Awaited<ReturnType<ReceiptCheck>>);
    expect((await db.orders.get('R-1'))?.receiptClaims).toEqual(claims);
    await linkParcel(db, { parcelId: 'P-1', orderId: 'R-1', payload: 'CC1:P', status: 'genuine-yours', scannedAt: '2026-03-06T00:00:00Z' }, '2026-03-04T00:00:00Z');
    expect((await db.orders.get('R-1'))?.receiptClaims).toEqual(claims);
    const exported = await exportLedgerJson(db);
    expect(exported).not.toContain('receiptClaims');
    expect(exported).not.toContain('a1a1');
  });

  it('adds a receipt only after it verifies, once', async () => {
    const db = database();
    const bad = await addReceipt(db, 'FORGED', check);
    expect(bad).toMatchObject({ ok: false, reason: { code: 'signature.invalid' } });
    expect(await db.orders.count()).toBe(0);

    const first = await addReceipt(db, 'GOOD', check, new Date('2026-03-05T00:00:00Z'));
    expect(first).toMatchObject({ ok: true, added: true, order: { orderId: 'R-1', source: 'receipt', receipt: 'GOOD' } });
    const again = await addReceipt(db, 'GOOD', check);
    expect(again).toMatchObject({ ok: true, added: false });
    expect(await db.orders.count()).toBe(1);
    expect((await db.orders.get('R-1'))?.year).toBe(2026);
  });

  it.each([
    ['a float amount', { dutiableValueFen: 10.5 }, 'dutiableValueFen'],
    ['a negative tax', { taxFen: -1 }, 'taxFen'],
    ['an empty id', { orderId: '' }, 'orderId'],
    ['a date without zone', { orderedAt: '2026-01-01T00:00:00' }, 'orderedAt'],
  ])('refuses a manual order with %s', async (_name, patch, field) => {
    const db = database();
    const result = await addManualOrder(db, { orderId: 'M-1', orderedAt: '2026-01-01T00:00:00Z', dutiableValueFen: 100, taxFen: 9, ...patch });
    expect(result).toEqual({ ok: false, field });
  });

  it('records and clears a return, links a parcel and takes its release time', async () => {
    const db = database();
    await addReceipt(db, 'GOOD', check);
    await linkParcel(
      db,
      { parcelId: 'P-1', orderId: 'R-1', payload: 'CC1:P', status: 'genuine-yours', scannedAt: '2026-03-06T00:00:00.000Z' },
      '2026-03-04T01:00:00Z',
    );
    expect((await db.orders.get('R-1'))?.releasedAt).toBe('2026-03-04T01:00:00Z');
    await setReturned(db, 'R-1', '2026-03-20');
    expect((await db.orders.get('R-1'))?.returnedOn).toBe('2026-03-20');
    await setReturned(db, 'R-1', undefined);
    expect((await db.orders.get('R-1'))?.returnedOn).toBeUndefined();
    await expect(setReturned(db, 'R-1', '20 March')).rejects.toThrow(RangeError);
  });

  it('exports JSON and CSV, and a backup restores into an empty device', async () => {
    const db = database();
    await addReceipt(db, 'GOOD', check);
    await addManualOrder(db, { orderId: 'M-1', orderedAt: '2026-01-10T00:00:00Z', dutiableValueFen: 30_000, taxFen: 2_730, merchant: 'Corner shop' });
    await saveOfficialFigure(db, 2026, 159_900, new Date('2026-04-01T00:00:00Z'));
    await setReturned(db, 'M-1', '2026-01-20');
    const json = await exportLedgerJson(db, new Date('2026-05-01T00:00:00Z'));
    const csv = await exportLedgerCsv(db);
    expect(csv.split('\r\n')[1]).toContain('M-1,manual,Corner shop');

    const other = database();
    const result = await importLedgerJson(other, json, check);
    expect(result.ok).toBe(true);
    expect(await ledgerContents(other)).toEqual(await ledgerContents(db));
  });

  it('import merges: keeps what is recorded, adds what is new, leaves out forged receipts', async () => {
    const source = database();
    await addReceipt(source, 'GOOD', check);
    const json = (await exportLedgerJson(source)).replace('"receipt": "GOOD"', '"receipt": "FORGED"');
    const target = database();
    await addManualOrder(target, { orderId: 'M-9', orderedAt: '2026-02-01T00:00:00Z', dutiableValueFen: 1, taxFen: 0 });
    const result = await importLedgerJson(target, json, check);
    expect(result.ok && result.value.rejected.map((r) => r.orderId)).toEqual(['R-1']);
    expect((await target.orders.toArray()).map((o) => o.orderId)).toEqual(['M-9']);
  });

  it("a backup's hand-entered twin of a signed order (with a return) is refused and named; the signed order is untouched", async () => {
    const db = database();
    await addReceipt(db, 'GOOD', check, new Date('2026-03-05T00:00:00Z'));
    const before = await ledgerContents(db);
    const twin = { orderId: 'R-1', source: 'manual', orderedAt: '2026-03-02T02:00:00Z', dutiableValueFen: 1, taxFen: 0, items: [], returnedOn: '2026-03-10', addedAt: '2026-03-05T00:00:00.000Z' };
    const file = JSON.stringify({ format: 'crosscheck-ledger', version: 1, exportedAt: '2026-05-01T00:00:00Z', orders: [twin], parcels: [], officialFigures: [] });
    const result = await importLedgerJson(db, file, check);
    expect(result.ok && result.value.rejected.map((r) => [r.orderId, r.error.code])).toEqual([['R-1', 'ledger/unsigned-reuses-signed']]);
    expect(await ledgerContents(db)).toEqual(before);
    expect((await db.orders.get('R-1'))?.returnedOn).toBeUndefined();
  });

  it('a hostile file changes nothing', async () => {
    const db = database();
    await addReceipt(db, 'GOOD', check);
    const before = await ledgerContents(db);
    for (const text of ['', 'not json', '{"format":"crosscheck-ledger","version":99}', '{"format":"crosscheck-ledger","version":1,"orders":5}']) {
      const result = await importLedgerJson(db, text, check);
      expect(result.ok).toBe(false);
    }
    expect(await ledgerContents(db)).toEqual(before);
  });

  it('asks for persistent storage once, after the first entry', async () => {
    const db = database();
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    expect(await ensurePersisted(db, storage)).toBeUndefined(); // nothing to keep yet
    expect(storage.persist).not.toHaveBeenCalled();
    await addReceipt(db, 'GOOD', check);
    expect(await ensurePersisted(db, storage)).toBe(true);
    expect(await ensurePersisted(db, storage)).toBe(false);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(await ensurePersisted(db, undefined)).toBeUndefined();
  });

  it('a second connection (another tab) sees changes through liveQuery', async () => {
    const tabA = database();
    const tabB = database(tabA.name);
    const seen: number[] = [];
    let firstSeen: () => void = () => {};
    const first = new Promise<void>((resolve) => (firstSeen = resolve));
    const done = new Promise<void>((resolve) => {
      const sub = liveQuery(() => tabB.orders.count()).subscribe((n) => {
        seen.push(n);
        firstSeen();
        if (n === 1) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    // Tab B has read the empty ledger before tab A writes (a fixed 20 ms wait was not always
    // enough on a loaded machine: B's first read then already saw the order, [1]).
    await first;
    await addReceipt(tabA, 'GOOD', check);
    await done;
    expect(seen).toEqual([0, 1]);
  });
});
