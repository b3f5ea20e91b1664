// The app's side of the shared ledger on IndexedDB (fake-indexeddb): edit times recorded by the
// screens' writes, the state sent, the extension's checked state taken in by the merge rules.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { database } from './db-fixture.ts';
import {
  EXTENSION_LINK_KEY,
  addManualOrder,
  localSyncState,
  readEdits,
  readExtensionLink,
  saveOfficialFigure,
  setReturned,
  takeSyncState,
  watchSyncState,
} from '../../../pwa/db/index.ts';
import type { SyncState } from '../../../shared/ledger/index.ts';
import { sampleOrder } from '../ledger/sample-order.ts';

const OWNER = 'ownerProfile';
const link = { extensionId: 'a'.repeat(32), lastSyncedAt: '2026-11-30T00:00:00.000Z' };
const remote = (patch: Partial<SyncState> & { orders?: SyncState['ledger']['orders']; figures?: SyncState['ledger']['officialFigures'] } = {}): SyncState => ({
  ledger: { orders: patch.orders ?? [], parcels: [], officialFigures: patch.figures ?? [] },
  owner: patch.owner ?? null,
  edits: patch.edits ?? {},
});

describe('edits recorded where the user changes things', () => {
  it('a return marked and unmarked, an official figure: each with its time', async () => {
    const db = database();
    await addManualOrder(db, { orderId: 'M-1', orderedAt: '2026-03-01T00:00:00Z', dutiableValueFen: 100, taxFen: 9 });
    await setReturned(db, 'M-1', '2026-03-05', new Date('2026-03-05T01:00:00Z'));
    await setReturned(db, 'M-1', undefined, new Date('2026-03-06T01:00:00Z'));
    await saveOfficialFigure(db, 2026, 5_000, new Date('2026-03-07T01:00:00Z'));
    expect(await readEdits(db)).toEqual({ 'return:M-1': '2026-03-06T01:00:00.000Z', 'figure:2026': '2026-03-07T01:00:00.000Z' });
    expect((await localSyncState(db, OWNER)).edits).toEqual(await readEdits(db));
  });
});

describe('taking in the extension’s state', () => {
  it('adds its orders, adopts its profile, clears a figure it cleared later, and notes the link', async () => {
    const db = database();
    await addManualOrder(db, { orderId: 'APP-1', orderedAt: '2026-03-01T00:00:00Z', dutiableValueFen: 100, taxFen: 9 });
    await saveOfficialFigure(db, 2026, 5_000, new Date('2026-03-07T01:00:00Z'));
    const merged = await takeSyncState(
      db,
      remote({ orders: [sampleOrder('EXT-1')], owner: { idLast4: '123X' }, edits: { 'figure:2026': '2026-03-08T00:00:00.000Z' } }),
      new Map(),
      OWNER,
      link,
    );
    expect(merged.received).toEqual(['EXT-1']);
    const state = await localSyncState(db, OWNER);
    expect(state.ledger.orders.map((o) => o.orderId).toSorted()).toEqual(['APP-1', 'EXT-1']);
    expect((await db.orders.get('EXT-1'))?.year).toBe(2026);
    expect(state.ledger.officialFigures).toEqual([]);
    expect(state.owner).toEqual({ idLast4: '123X' });
    expect(await readExtensionLink(db)).toEqual(link);
  });

  it('a hand-entered order from the extension never replaces a receipt order here', async () => {
    const db = database();
    const signed = { ...sampleOrder('R-1'), source: 'receipt' as const, receipt: 'CC1:SIGNED' };
    await db.orders.put({ ...signed, year: 2026 });
    await takeSyncState(db, remote({ orders: [sampleOrder('R-1', { dutiableValueFen: 1 })] }), new Map(), OWNER, link);
    expect(await db.orders.get('R-1')).toMatchObject({ source: 'receipt', dutiableValueFen: signed.dutiableValueFen });
  });

  it('the watcher sees ledger changes, not the last-sync time', async () => {
    const db = database();
    let calls = 0;
    const stop = watchSyncState(db, OWNER, () => void calls++);
    await expect.poll(() => calls).toBe(1);
    await db.meta.put({ key: EXTENSION_LINK_KEY, value: link });
    await addManualOrder(db, { orderId: 'W-1', orderedAt: '2026-03-01T00:00:00Z', dutiableValueFen: 100, taxFen: 9 });
    await expect.poll(() => calls).toBe(2);
    await db.meta.put({ key: EXTENSION_LINK_KEY, value: { ...link, lastSyncedAt: '2026-12-01T00:00:00.000Z' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(2);
    stop();
  });
});
