// The ledger survives interrupted writes and export/import round trips: a write that fails part
// way (the disk full, a put refused, the tab closed mid-transaction) leaves the ledger exactly as
// it was, and a backup restores to the same ledger and the same export text.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { database } from './db-fixture.ts';
import {
  CrossCheckDatabase,
  addManualOrder,
  addReceipt,
  exportLedgerJson,
  importLedgerJson,
  ledgerContents,
  linkParcel,
  saveOfficialFigure,
  setReturned,
} from '../../../pwa/db/index.ts';
import { serializeLedger, type LedgerOrder, type ParcelCheck, type ReceiptCheck, type ReceiptFigures } from '../../../shared/ledger/index.ts';


const figuresOf = (n: number): ReceiptFigures => ({
  orderId: `R-${n}`,
  merchant: 'Demo Platform',
  orderedAt: `2026-03-0${n}T02:00:00Z`,
  dutiableValueFen: 10_000 * n,
  taxFen: 910 * n,
  paidFen: 10_910 * n,
  items: [{ name: `Item ${n}`, quantity: 1, priceFen: 10_000 * n }],
});
// Stand-in for the verifier: "GOOD-n" verifies as order R-n.
const check: ReceiptCheck = async (payload) => {
  const n = /^GOOD-(\d)$/.exec(payload)?.[1];
  return n ? { ok: true, figures: figuresOf(Number(n)) } : { ok: false, reason: { code: 'signature.invalid', en: 'no', 'zh-CN': '否' } };
};

// Stand-in for the parcel verifier: "CC1:Pn" verifies as parcel P-n (P-1 with its release time).
const parcelCheck: ParcelCheck = async (payload) => {
  const n = /^CC1:P(\d)$/.exec(payload)?.[1];
  if (!n) return { ok: false, reason: { code: 'signature.invalid', en: 'no', 'zh-CN': '否' } };
  return { ok: true, parcelId: `P-${n}`, status: 'genuine-yours', ...(n === '1' && { releasedAt: '2026-03-04T01:00:00Z' }) };
};
const withParcels = { parcelCheck: () => parcelCheck };

function receiptOrder(n: number): LedgerOrder {
  const f = figuresOf(n);
  return { orderId: f.orderId, source: 'receipt', receipt: `GOOD-${n}`, merchant: f.merchant!, orderedAt: f.orderedAt, dutiableValueFen: f.dutiableValueFen, taxFen: f.taxFen, paidFen: f.paidFen!, items: f.items, addedAt: '2026-03-10T00:00:00.000Z' };
}

/** A backup file of three receipt orders, a manual one, a parcel and an official figure. */
function backupFile(): string {
  return serializeLedger(
    {
      orders: [
        receiptOrder(1),
        receiptOrder(2),
        receiptOrder(3),
        { orderId: 'M-1', source: 'manual', orderedAt: '2026-02-01T00:00:00Z', dutiableValueFen: 500, taxFen: 45, items: [], addedAt: '2026-02-02T00:00:00.000Z' },
      ],
      parcels: [{ parcelId: 'P-2', orderId: 'R-2', payload: 'CC1:P2', status: 'genuine-yours', scannedAt: '2026-03-06T00:00:00.000Z' }],
      officialFigures: [{ year: 2026, usedFen: 70_000, enteredAt: '2026-04-01T00:00:00.000Z' }],
    },
    new Date('2026-05-01T00:00:00Z'),
  );
}

/** A device that already holds an order, a return and a figure. */
async function deviceWithLedger(): Promise<CrossCheckDatabase> {
  const db = database();
  await addReceipt(db, 'GOOD-1', check, new Date('2026-03-05T00:00:00Z'));
  await addManualOrder(db, { orderId: 'M-9', orderedAt: '2026-01-10T00:00:00Z', dutiableValueFen: 30_000, taxFen: 2_730 }, new Date('2026-01-11T00:00:00Z'));
  await setReturned(db, 'M-9', '2026-01-20');
  await saveOfficialFigure(db, 2026, 40_000, new Date('2026-03-01T00:00:00Z'));
  return db;
}

describe('an interrupted write leaves the ledger exactly as it was', () => {
  it.each([
    ['the third receipt order of an import', 'orders', (obj: { orderId?: string }) => obj.orderId === 'R-3'],
    ['the parcels, after every order was written', 'parcels', () => true],
    ['the official figures, the last table written', 'officialFigures', () => true],
  ] as const)('a put refused for %s', async (_name, table, refuses) => {
    const db = await deviceWithLedger();
    const before = await ledgerContents(db);
    // A put that fails inside the import's transaction, as a full disk or a refused write does.
    db.table(table).hook('creating', (_key, obj) => {
      if (refuses(obj as { orderId?: string })) throw new Error('QuotaExceededError: disk full');
    });
    db.table(table).hook('updating', () => {
      if (table !== 'orders') throw new Error('QuotaExceededError: disk full');
    });
    await expect(importLedgerJson(db, backupFile(), check, withParcels)).rejects.toThrow(/disk full/);
    expect(await ledgerContents(db)).toEqual(before);
  });

  it('a transaction aborted midway through a multi-receipt import (the tab closed) writes nothing', async () => {
    const db = await deviceWithLedger();
    const before = await ledgerContents(db);
    let written = 0;
    db.orders.hook('creating', () => {
      // After the first new order is on its way, the transaction is aborted from outside.
      if (++written === 2) Dexie.currentTransaction?.abort();
    });
    await expect(importLedgerJson(db, backupFile(), check, withParcels)).rejects.toThrow();
    expect(await ledgerContents(db)).toEqual(before);
  });

  it.each([
    ['addReceipt', (db: CrossCheckDatabase) => addReceipt(db, 'GOOD-2', check)],
    ['addManualOrder', (db: CrossCheckDatabase) => addManualOrder(db, { orderId: 'M-2', orderedAt: '2026-02-01T00:00:00Z', dutiableValueFen: 1, taxFen: 0 })],
    ['linkParcel', (db: CrossCheckDatabase) => linkParcel(db, { parcelId: 'P-9', orderId: 'M-9', payload: 'CC1:P9', status: 'genuine-yours', scannedAt: '2026-03-06T00:00:00.000Z' }, '2026-01-12T00:00:00Z')],
  ] as const)('%s with a refused put changes nothing', async (_name, write) => {
    const db = await deviceWithLedger();
    const before = await ledgerContents(db);
    for (const table of db.tables) {
      table.hook('creating', () => {
        throw new Error('QuotaExceededError: disk full');
      });
      table.hook('updating', () => {
        throw new Error('QuotaExceededError: disk full');
      });
    }
    await expect(write(db)).rejects.toThrow(/disk full/);
    expect(await ledgerContents(db)).toEqual(before);
  });
});

describe('a backup round-trips', () => {
  it('import then export gives the same file, and importing it again changes nothing', async () => {
    const file = backupFile();
    const db = database();
    const imported = await importLedgerJson(db, file, check, withParcels);
    expect(imported.ok && imported.value.rejected).toEqual([]);
    const exportedAt = new Date('2026-05-01T00:00:00Z');
    expect(await exportLedgerJson(db, exportedAt)).toBe(file);

    const contents = await ledgerContents(db);
    await importLedgerJson(db, file, check, withParcels);
    expect(await ledgerContents(db)).toEqual(contents);
    expect(await exportLedgerJson(db, exportedAt)).toBe(file);
  });

  it('a device ledger survives export → import into a fresh device → export, byte for byte', async () => {
    const db = await deviceWithLedger();
    await linkParcel(db, { parcelId: 'P-1', orderId: 'R-1', payload: 'CC1:P1', status: 'genuine-yours', scannedAt: '2026-03-06T00:00:00.000Z' }, '2026-03-04T01:00:00Z');
    const exportedAt = new Date('2026-06-01T00:00:00Z');
    const first = await exportLedgerJson(db, exportedAt);
    const fresh = database();
    expect((await importLedgerJson(fresh, first, check, withParcels)).ok).toBe(true);
    expect(await ledgerContents(fresh)).toEqual(await ledgerContents(db));
    expect(await exportLedgerJson(fresh, exportedAt)).toBe(first);
  });
});
