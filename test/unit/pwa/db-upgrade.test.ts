// Upgrades from every earlier schema version: build the database the way that version wrote it,
// reopen with the current code, and check nothing was lost and derived data is right.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CrossCheckDatabase, CURRENT_VERSION, SCHEMA_HISTORY, ledgerContents } from '../../../pwa/db/index.ts';
import { declareSchema } from '../../../pwa/db/schema.ts';

const names: string[] = [];
function freshName(): string {
  const name = `upgrade-${names.length}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const v1Order = {
  orderId: 'T-1',
  source: 'manual',
  orderedAt: '2025-12-31T17:30:00Z', // 2026-01-01 01:30 in Beijing: counts in 2026
  dutiableValueFen: 10_000,
  taxFen: 910,
  items: [],
  addedAt: '2026-01-02T00:00:00.000Z',
};

/** What each earlier version stored, written through that version's schema. */
const seeds: Record<number, (db: Dexie) => Promise<void>> = {
  1: async (db) => {
    await db.table('orders').add(v1Order);
    await db.table('parcels').add({ parcelId: 'P-1', orderId: 'T-1', payload: 'CC1:X', status: 'genuine-yours', scannedAt: '2026-01-03T00:00:00.000Z' });
    await db.table('meta').put({ key: 'official:2026', value: { usedFen: 12_345, enteredAt: '2026-02-01T00:00:00.000Z' } });
    await db.table('meta').put({ key: 'official:2025', value: { usedFen: 'garbage' } });
    await db.table('meta').put({ key: 'trustBundle', value: { text: 'CC1:B', fetchedAt: 1 } });
  },
};

describe('Dexie schema upgrades', () => {
  it('has a seed for every earlier version', () => {
    const earlier = SCHEMA_HISTORY.map((s) => s.version).filter((v) => v < CURRENT_VERSION);
    expect(Object.keys(seeds).map(Number)).toEqual(earlier);
  });

  it.each(SCHEMA_HISTORY.filter((s) => s.version < CURRENT_VERSION).map((s) => s.version))(
    'upgrades from version %i without losing data',
    async (from) => {
      const name = freshName();
      const old = new Dexie(name);
      declareSchema(old, from);
      await old.open();
      await seeds[from]!(old);
      old.close();

      const db = new CrossCheckDatabase(name);
      await db.open();
      expect(db.verno).toBe(CURRENT_VERSION);
      const contents = await ledgerContents(db);
      expect(contents.orders).toEqual([v1Order]);
      expect(contents.parcels.map((p) => p.parcelId)).toEqual(['P-1']);
      // v2: year index in China time, official figures moved out of meta (garbage dropped).
      expect((await db.orders.where('year').equals(2026).toArray()).map((o) => o.orderId)).toEqual(['T-1']);
      expect(contents.officialFigures).toEqual([{ year: 2026, usedFen: 12_345, enteredAt: '2026-02-01T00:00:00.000Z' }]);
      expect(await db.meta.get('official:2026')).toBeUndefined();
      expect((await db.meta.get('trustBundle'))?.value).toEqual({ text: 'CC1:B', fetchedAt: 1 });
      db.close();
    },
  );

  it('opens a fresh database at the current version', async () => {
    const db = new CrossCheckDatabase(freshName());
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(db.tables.map((t) => t.name).toSorted()).toEqual(['meta', 'officialFigures', 'orders', 'parcels']);
    db.close();
  });
});
