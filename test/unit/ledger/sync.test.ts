// The shared ledger's core (shared/ledger/sync.ts): the receiver's checks on what crosses the
// channel (with the real verifier and a throw-away trust world made with the CLI) and the merge
// rules both sides run — signed data decides, never the last writer; user-owned state follows its
// latest recorded change; merge(a, b) and merge(b, a) agree.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptSyncState,
  canonical,
  mergeSyncStates,
  syncRequestSchema,
  SYNC_PROTOCOL,
  SYNC_VERSION,
  type LedgerOrder,
  type ReceiptCheck,
  type SyncState,
} from '../../../shared/ledger/index.ts';
import { loadTrustBundle, type RootKey } from '../../../shared/trust/index.ts';
import { ledgerFiguresOf, ledgerReceiptCheck, verifyReceipt } from '../../../shared/verdict/index.ts';
import { makeTrustWorld, type TrustWorld } from '../../fixtures/sites/trust-world.ts';
import { sampleOrder } from './sample-order.ts';

let world: TrustWorld;
let scratch: string;
let checkReceipt: ReceiptCheck;
/** The ledger order of the world's signed receipt, as a device adds it. */
let signed: LedgerOrder;
const NOW = new Date();

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'crosscheck-sync-'));
  world = await makeTrustWorld(scratch);
  const roots = JSON.parse(readFileSync(join(scratch, 'trust/roots.json'), 'utf8')) as RootKey[];
  const loaded = await loadTrustBundle(readFileSync(join(scratch, 'trust/bundle.txt'), 'utf8').trim(), roots);
  if (!loaded.ok) throw new Error(loaded.error.code);
  const bundle = loaded.value;
  checkReceipt = ledgerReceiptCheck(() => ({ bundle, now: new Date() }));
  const verified = await verifyReceipt(world.receipt, { bundle, now: new Date() });
  if (!verified.ok) throw new Error(verified.refusal.code);
  const f = ledgerFiguresOf(verified.claims);
  signed = {
    orderId: f.orderId,
    source: 'receipt',
    receipt: world.receipt,
    merchant: f.merchant!,
    orderedAt: f.orderedAt,
    dutiableValueFen: f.dutiableValueFen,
    taxFen: f.taxFen,
    paidFen: f.paidFen!,
    items: f.items,
    addedAt: '2026-11-26T12:00:00.000Z',
  };
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const empty = (): SyncState => ({ ledger: { orders: [], parcels: [], officialFigures: [] }, owner: null, edits: {} });
const state = (patch: { orders?: LedgerOrder[]; figures?: SyncState['ledger']['officialFigures']; owner?: SyncState['owner']; edits?: SyncState['edits'] }): SyncState => ({
  ledger: { orders: patch.orders ?? [], parcels: [], officialFigures: patch.figures ?? [] },
  owner: patch.owner ?? null,
  edits: patch.edits ?? {},
});
const accept = async (raw: unknown) => {
  const r = await acceptSyncState(raw, { checkReceipt, now: NOW });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const orderIn = (s: SyncState, id: string) => s.ledger.orders.find((o) => o.orderId === id);
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('what the receiver accepts', () => {
  it('a signed receipt verifies again and keeps only its signed figures', async () => {
    const inflated = { ...signed, dutiableValueFen: 1, taxFen: 0, paidFen: 1 };
    const got = await accept(state({ orders: [inflated] }));
    expect(orderIn(got.state, signed.orderId)).toMatchObject({ dutiableValueFen: signed.dutiableValueFen, taxFen: signed.taxFen });
    expect(got.refused).toEqual([]);
  });

  it('a forged receipt (one signature character changed) and an unsigned "receipt" are refused, named', async () => {
    const payload = world.receipt;
    const i = payload.length - 5;
    const forged = `${payload.slice(0, i)}${payload[i] === 'A' ? 'B' : 'A'}${payload.slice(i + 1)}`;
    const got = await accept(
      state({
        orders: [
          { ...signed, orderId: 'FORGED-1', receipt: forged },
          { ...sampleOrder('UNSIGNED-1'), source: 'receipt', receipt: 'CC1:NOTASIGNATURE' },
        ],
      }),
    );
    expect(got.state.ledger.orders).toEqual([]);
    expect(got.refused.map((r) => [r.kind, r.id, r.code.split(':')[0]])).toEqual([
      ['order', 'FORGED-1', 'ledger/receipt-rejected'],
      ['order', 'UNSIGNED-1', 'ledger/receipt-rejected'],
    ]);
  });

  it('a hand-entered order reusing a signed order’s number is refused; the signed one stays', async () => {
    const got = await accept(state({ orders: [signed, sampleOrder(signed.orderId, { dutiableValueFen: 1 })] }));
    expect(got.state.ledger.orders).toHaveLength(1);
    expect(orderIn(got.state, signed.orderId)).toMatchObject({ source: 'receipt', dutiableValueFen: signed.dutiableValueFen });
    expect(got.refused).toEqual([{ kind: 'order', id: signed.orderId, code: 'ledger/unsigned-reuses-signed' }]);
  });

  it('figures, orders, returns and edits dated in the future are refused; the rest is kept', async () => {
    const tomorrow = new Date(NOW.getTime() + 2 * 86_400_000);
    const got = await accept(
      state({
        orders: [
          sampleOrder('FUTURE', { orderedAt: tomorrow.toISOString() }),
          sampleOrder('RETURN-FUTURE', { orderedAt: '2026-01-02T00:00:00Z', returnedOn: tomorrow.toISOString().slice(0, 10) }),
          sampleOrder('OK'),
        ],
        figures: [{ year: NOW.getUTCFullYear(), usedFen: 5, enteredAt: later(3_600_000) }],
        edits: { owner: later(3_600_000), 'return:OK': later(-1000) },
      }),
    );
    expect(got.state.ledger.orders.map((o) => o.orderId).toSorted()).toEqual(['OK', 'RETURN-FUTURE']);
    expect(orderIn(got.state, 'RETURN-FUTURE')!.returnedOn).toBeUndefined();
    expect(got.state.ledger.officialFigures).toEqual([]);
    expect(got.state.edits).toEqual({ 'return:OK': later(-1000) });
    expect(got.refused.map((r) => `${r.kind}:${r.code}`).toSorted()).toEqual([
      'edit:sync/edit-from-the-future',
      'figure:ledger/figure-from-the-future',
      'order:sync/order-from-the-future',
      'return:sync/return-from-the-future',
    ]);
  });

  it.each<[string, unknown]>([
    ['not an object', 'ledger'],
    ['a full ID number as the owner', { ...empty(), owner: { idLast4: '11010519800105123X' } }],
    ['an unknown field', { ...empty(), extra: 1 }],
    ['a negative amount', state({ orders: [sampleOrder('N', { dutiableValueFen: -1 })] })],
    ['an edit key that is not one', { ...empty(), edits: { 'delete:everything': NOW.toISOString() } }],
    ['two hand-entered orders with one number', state({ orders: [sampleOrder('D'), sampleOrder('D')] })],
  ])('%s → invalid', async (_name, raw) => {
    const r = await acceptSyncState(raw, { checkReceipt, now: NOW });
    expect(r.ok).toBe(false);
  });

  it('the request envelope names the protocol and version', () => {
    expect(syncRequestSchema.safeParse({ protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync', state: empty() }).success).toBe(true);
    expect(syncRequestSchema.safeParse({ protocol: SYNC_PROTOCOL, version: 2, type: 'sync', state: empty() }).success).toBe(false);
  });
});

describe('merge rules', () => {
  /** Both orders of merging, which must hold the same. */
  const both = (a: SyncState, b: SyncState) => {
    const ab = mergeSyncStates(a, b).state;
    const ba = mergeSyncStates(b, a).state;
    expect(canonical(ab)).toBe(canonical(ba));
    return ab;
  };

  it('the union: an order on either side is on both', () => {
    const m = both(state({ orders: [sampleOrder('A')] }), state({ orders: [signed] }));
    expect(m.ledger.orders.map((o) => o.orderId).toSorted()).toEqual(['A', signed.orderId].toSorted());
  });

  it('a signed receipt’s figures win over a hand-entered order with the same id, whichever was written last', () => {
    const manual = sampleOrder(signed.orderId, { dutiableValueFen: 1, taxFen: 0, addedAt: later(-1000), returnedOn: '2026-01-01' });
    const merge = mergeSyncStates(state({ orders: [manual] }), state({ orders: [signed] }));
    expect(orderIn(merge.state, signed.orderId)).toEqual(signed);
    expect(merge.settled).toEqual([`signed-over-manual:${signed.orderId}`]);
    expect(merge.changed).toBe(true);
    expect(orderIn(both(state({ orders: [signed] }), state({ orders: [manual] })), signed.orderId)).toEqual(signed);
  });

  it('two different hand-entered entries for one id: the one added first, not the last writer', () => {
    const first = sampleOrder('M', { dutiableValueFen: 100, addedAt: '2026-03-01T00:00:00Z' });
    const last = sampleOrder('M', { dutiableValueFen: 999_999, addedAt: '2026-03-09T00:00:00Z' });
    expect(orderIn(both(state({ orders: [first] }), state({ orders: [last] })), 'M')!.dutiableValueFen).toBe(100);
  });

  it('a return: the later recorded change wins, an unmarking included; without change times, the earlier date', () => {
    const marked = { ...signed, returnedOn: '2026-11-28' };
    // Marked on one side at t1, unmarked on the other at t2 > t1: unmarked.
    const unmarked = both(
      state({ orders: [marked], edits: { [`return:${signed.orderId}`]: '2026-11-28T10:00:00Z' } }),
      state({ orders: [signed], edits: { [`return:${signed.orderId}`]: '2026-11-29T10:00:00Z' } }),
    );
    expect(orderIn(unmarked, signed.orderId)!.returnedOn).toBeUndefined();
    expect(unmarked.edits[`return:${signed.orderId}`]).toBe('2026-11-29T10:00:00Z');
    // Marked later than unmarked: marked.
    const remarked = both(
      state({ orders: [marked], edits: { [`return:${signed.orderId}`]: '2026-11-30T10:00:00Z' } }),
      state({ orders: [signed], edits: { [`return:${signed.orderId}`]: '2026-11-29T10:00:00Z' } }),
    );
    expect(orderIn(remarked, signed.orderId)!.returnedOn).toBe('2026-11-28');
    // A side that recorded a change wins over one that never did (an entry from a file).
    expect(orderIn(both(state({ orders: [marked] }), state({ orders: [signed], edits: { [`return:${signed.orderId}`]: '2026-11-29T10:00:00Z' } })), signed.orderId)!.returnedOn).toBeUndefined();
    // Neither recorded one: the return is kept, the earlier date.
    expect(orderIn(both(state({ orders: [marked] }), state({ orders: [{ ...signed, returnedOn: '2026-11-27' }] })), signed.orderId)!.returnedOn).toBe('2026-11-27');
    // The signed figures are untouched by any of it.
    expect(orderIn(remarked, signed.orderId)!.dutiableValueFen).toBe(signed.dutiableValueFen);
  });

  it('the customs release: the earliest known', () => {
    const m = both(state({ orders: [{ ...signed, releasedAt: '2026-11-27T08:00:00Z' }] }), state({ orders: [{ ...signed, releasedAt: '2026-11-26T08:00:00Z' }] }));
    expect(orderIn(m, signed.orderId)!.releasedAt).toBe('2026-11-26T08:00:00Z');
  });

  it('the official figure: the later entry or clear per year', () => {
    const old = { year: 2026, usedFen: 100_000, enteredAt: '2026-06-01T00:00:00Z' };
    const newer = { year: 2026, usedFen: 300_000, enteredAt: '2026-07-01T00:00:00Z' };
    expect(both(state({ figures: [old] }), state({ figures: [newer] })).ledger.officialFigures).toEqual([newer]);
    // Cleared after the newer entry: gone on both.
    const cleared = state({ edits: { 'figure:2026': '2026-08-01T00:00:00Z' } });
    expect(both(state({ figures: [newer], edits: { 'figure:2026': newer.enteredAt } }), cleared).ledger.officialFigures).toEqual([]);
    // Entered again after the clear: back.
    const again = { ...old, enteredAt: '2026-09-01T00:00:00Z' };
    expect(both(state({ figures: [again], edits: { 'figure:2026': again.enteredAt } }), cleared).ledger.officialFigures).toEqual([again]);
    // Other years are independent.
    expect(both(state({ figures: [{ ...old, year: 2025 }] }), cleared).ledger.officialFigures).toEqual([{ ...old, year: 2025 }]);
  });

  it('the owner profile: adopted where missing, the later save or forget otherwise', () => {
    const owner = { idLast4: '123X', maskedName: '张*' };
    expect(both(state({ owner }), empty()).owner).toEqual(owner);
    expect(both(state({ owner, edits: { owner: '2026-11-01T00:00:00Z' } }), state({ owner: { idLast4: '9876' }, edits: { owner: '2026-11-02T00:00:00Z' } })).owner).toEqual({ idLast4: '9876' });
    // Forgotten later on one side: forgotten on both.
    expect(both(state({ owner, edits: { owner: '2026-11-01T00:00:00Z' } }), state({ edits: { owner: '2026-11-03T00:00:00Z' } })).owner).toBeNull();
  });

  it('a merge already in: nothing changed, and merging twice changes nothing', () => {
    const a = state({ orders: [signed, sampleOrder('A')], owner: { idLast4: '123X' } });
    const b = state({ orders: [sampleOrder('B')], figures: [{ year: 2026, usedFen: 1, enteredAt: '2026-05-01T00:00:00Z' }] });
    const once = mergeSyncStates(a, b);
    expect(once.changed).toBe(true);
    expect(once.received).toEqual(['B']);
    const twice = mergeSyncStates(once.state, b);
    expect(twice.changed).toBe(false);
    expect(mergeSyncStates(b, once.state).state).toSatisfy((s: SyncState) => canonical(s) === canonical(once.state));
  });

  it('a parcel linked on either side stays linked; a link to an order not in the ledger is dropped', () => {
    const p = { parcelId: 'P1', payload: 'CC1:X', status: 'genuine-yours', scannedAt: '2026-11-27T00:00:00Z' };
    const a: SyncState = { ...state({ orders: [signed] }), ledger: { orders: [signed], parcels: [p], officialFigures: [] } };
    const b: SyncState = { ...empty(), ledger: { orders: [signed], parcels: [{ ...p, orderId: signed.orderId }], officialFigures: [] } };
    expect(both(a, b).ledger.parcels).toEqual([{ ...p, orderId: signed.orderId }]);
    const orphan: SyncState = { ...empty(), ledger: { orders: [], parcels: [{ ...p, orderId: 'GONE' }], officialFigures: [] } };
    expect(mergeSyncStates(empty(), orphan).state.ledger.parcels).toEqual([p]);
  });
});
