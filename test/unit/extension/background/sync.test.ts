// The background's side of the shared ledger (SYNC.md) in Node: a Map for chrome.storage, the real
// core and verifier, a throw-away trust world made with the CLI. Only the PWA's origin, from a top
// frame, is answered; what it sends is checked like a file; the answer is the merged ledger.
import { beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type BackgroundDeps } from '../../../../extension/background/dispatch.ts';
import { memoryStore } from '../../../../extension/state.ts';
import { SYNC_PROTOCOL, SYNC_VERSION, syncAnswerSchema, type LedgerOrder, type SyncState } from '../../../../shared/ledger/index.ts';
import type { TrustWorld } from '../../../fixtures/sites/trust-world.ts';
import { useTrustWorld } from './trust-world.ts';
import { sampleOrder } from '../../ledger/sample-order.ts';

const APP = 'https://app.crosscheck.example';
const trust = useTrustWorld('crosscheck-bg-sync-');
let world: TrustWorld;
let roots: unknown[];
let bundle: string;
beforeAll(() => void ({ world, roots, bundle } = trust));

function setUp(overrides: Partial<BackgroundDeps> = {}) {
  const store = memoryStore();
  const deps: BackgroundDeps = {
    tabs: { store: memoryStore(), show: async () => {} },
    store,
    now: () => new Date(),
    trust: { roots, builtInBundle: bundle, bundleUrl: `${APP}/trust/bundle.txt` },
    fetchText: async () => bundle,
    uiLanguage: () => 'en-US',
    appOrigin: APP,
    siteAccess: { shopMatches: [], register: async () => {}, unregister: async () => {}, registered: async () => [] },
    ...overrides,
  };
  return { store, deps, dispatcher: createDispatcher(deps) };
}

const page = { origin: undefined, fromExtensionPage: true, tabId: undefined, url: undefined, frameId: undefined };
const fromApp = { origin: APP, url: `${APP}/ledger`, frameId: 0, extensionId: undefined };
const emptyState = (): SyncState => ({ ledger: { orders: [], parcels: [], officialFigures: [] }, owner: null, edits: {} });
const request = (state: SyncState) => ({ protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync', state });
/** The receipt's order as the app sends it (figures it claims; the extension re-derives them). */
const receiptOrder = (): LedgerOrder => ({
  ...sampleOrder(world.receiptOrderId, { dutiableValueFen: world.receiptDutiableFen }),
  source: 'receipt',
  receipt: world.receipt,
});

describe('who may sync', () => {
  it.each([
    ['another origin', { ...fromApp, origin: 'https://evil.example', url: 'https://evil.example/' }],
    ['the app’s host on another port', { ...fromApp, origin: 'https://app.crosscheck.example:8443', url: 'https://app.crosscheck.example:8443/' }],
    ['an origin that disagrees with its address', { ...fromApp, url: 'https://evil.example/' }],
    ['a frame inside the app', { ...fromApp, frameId: 3 }],
    ['another extension', { ...fromApp, extensionId: 'abcdefghijklmnopabcdefghijklmnop' }],
    ['no origin at all', { origin: undefined, url: undefined, frameId: undefined, extensionId: undefined }],
  ])('%s: refused, nothing read or written', async (_name, sender) => {
    const { dispatcher, store } = setUp();
    await dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page);
    const before = JSON.stringify([...store.data]);
    const answer = await dispatcher.handleExternal(request({ ...emptyState(), ledger: { orders: [sampleOrder('INJECTED')], parcels: [], officialFigures: [] } }), sender);
    expect(answer).toEqual({ protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync-refused', code: 'wrong-sender' });
    expect(JSON.stringify(answer)).not.toContain(world.receiptOrderId);
    expect(JSON.stringify([...store.data])).toBe(before);
  });

  it('a build with no app origin answers no page', async () => {
    const { dispatcher } = setUp({ appOrigin: undefined });
    expect(await dispatcher.handleExternal(request(emptyState()), fromApp)).toMatchObject({ type: 'sync-refused', code: 'wrong-sender' });
  });

  it.each([
    ['a popup message', { type: 'ui-bg-export-ledger' }],
    ['another version', { ...request(emptyState()), version: 2 }],
    ['a full ID number as the owner', request({ ...emptyState(), owner: { idLast4: '11010519800105123X' } as never })],
  ])('from the app, %s: bad-message', async (_name, message) => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handleExternal(message, fromApp)).toMatchObject({ type: 'sync-refused', code: 'bad-message' });
  });
});

describe('one ledger', () => {
  it('a receipt the app sends is verified here and counts in the quota; the answer carries the extension’s own orders', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle({ type: 'ui-bg-set-settings', officialUsedFen: 500_000 }, page)).toMatchObject({ ok: true });
    const answer = await dispatcher.handleExternal(request({ ...emptyState(), ledger: { orders: [receiptOrder(), sampleOrder('MANUAL-APP')], parcels: [], officialFigures: [] } }), fromApp);
    const parsed = syncAnswerSchema.parse(answer);
    if (parsed.type !== 'sync-answer') throw new Error(parsed.code);
    expect(parsed.refused).toEqual([]);
    expect(parsed.state.ledger.orders.map((o) => o.orderId).toSorted()).toEqual(['MANUAL-APP', world.receiptOrderId].toSorted());
    expect(parsed.state.ledger.officialFigures).toMatchObject([{ usedFen: 500_000 }]);
    expect(Object.keys(parsed.state.edits)).toEqual([`figure:${parsed.state.ledger.officialFigures[0]!.year}`]);
    const status = await dispatcher.handle({ type: 'ui-bg-get-status' }, page);
    expect(status).toMatchObject({ orderCount: 2, appLink: { origin: APP, lastSyncedAt: parsed.syncedAt } });
  });

  it('a forged or unsigned receipt is refused and never enters the ledger', async () => {
    const { dispatcher } = setUp();
    const i = world.receipt.length - 4;
    const forged = `${world.receipt.slice(0, i)}${world.receipt[i] === 'Q' ? 'R' : 'Q'}${world.receipt.slice(i + 1)}`;
    const answer = syncAnswerSchema.parse(
      await dispatcher.handleExternal(
        request({ ...emptyState(), ledger: { orders: [{ ...receiptOrder(), receipt: forged }, { ...sampleOrder('NOSIG'), source: 'receipt', receipt: 'CC1:UNSIGNED' }], parcels: [], officialFigures: [] } }),
        fromApp,
      ),
    );
    if (answer.type !== 'sync-answer') throw new Error(answer.code);
    expect(answer.refused.map((r) => [r.id, r.code.split(':')[0]])).toEqual([
      [world.receiptOrderId, 'ledger/receipt-rejected'],
      ['NOSIG', 'ledger/receipt-rejected'],
    ]);
    expect(answer.state.ledger.orders).toEqual([]);
    expect(await dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ usedFen: 0, orderCount: 0 });
  });

  it('a hand-entered order from the app cannot change a signed order here', async () => {
    const { dispatcher } = setUp();
    await dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page);
    const answer = syncAnswerSchema.parse(
      await dispatcher.handleExternal(request({ ...emptyState(), ledger: { orders: [sampleOrder(world.receiptOrderId, { dutiableValueFen: 1, returnedOn: '2026-01-01' })], parcels: [], officialFigures: [] } }), fromApp),
    );
    if (answer.type !== 'sync-answer') throw new Error(answer.code);
    expect(answer.state.ledger.orders).toMatchObject([{ orderId: world.receiptOrderId, source: 'receipt', dutiableValueFen: world.receiptDutiableFen }]);
    expect(answer.state.ledger.orders[0]!.returnedOn).toBeUndefined();
  });

  it('the owner profile: saved in the extension reaches the app; forgotten later in the app, forgotten here', async () => {
    const { dispatcher } = setUp();
    await dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '123X', maskedName: '张*' } }, page);
    const first = syncAnswerSchema.parse(await dispatcher.handleExternal(request(emptyState()), fromApp));
    if (first.type !== 'sync-answer') throw new Error(first.code);
    expect(first.state.owner).toEqual({ idLast4: '123X', maskedName: '张*' });
    const forgotten = { ...emptyState(), edits: { owner: new Date(Date.now() + 1000).toISOString() } };
    await dispatcher.handleExternal(request(forgotten), fromApp);
    expect(await dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ owner: null });
  });
});
