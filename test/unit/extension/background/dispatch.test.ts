// The background's message handling in Node: a Map for chrome.storage, the real shared core, and a
// throw-away trust world made with the CLI. Covers validation by direction, the origin rule for
// listings, the ledger round trip in the PWA's format, and the trust refresh.
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyTitle } from '../../../../shared/catalog/index.ts';
import { compareChannels } from '../../../../shared/tax/index.ts';
import { onBundledPositiveList } from '../../../../extension/background/handlers/estimate.ts';
import { createDispatcher, type BackgroundDeps } from '../../../../extension/background/dispatch.ts';
import { forgetTab } from '../../../../extension/background/handlers/tab-state.ts';
import { refreshTrust } from '../../../../extension/background/handlers/trust.ts';
import { readShops } from '../../../../extension/shop-folder.ts';
import { memoryStore } from '../../../../extension/state.ts';
import type { ActionLook } from '../../../../extension/platform/action.ts';
import { TMALL_ITEM, type TrustWorld } from '../../../fixtures/sites/trust-world.ts';
import { useTrustWorld } from './trust-world.ts';

const trust = useTrustWorld('crosscheck-dispatch-');
let world: TrustWorld;
let roots: unknown[];
let bundle: string;
beforeAll(() => void ({ world, roots, bundle } = trust));
/** The shops' match patterns as the build hands them to the worker (virtual:crosscheck-content-scripts). */
const shopMatches = (await readShops()).shops.flatMap((s) => s.matches);

function setUp(overrides: Partial<BackgroundDeps> = {}) {
  const store = memoryStore();
  const registered = new Set<string>();
  /** The toolbar action as last painted, per tab. */
  const action = new Map<number, ActionLook>();
  const deps: BackgroundDeps = {
    tabs: { store: memoryStore(), show: async (tabId, look) => void action.set(tabId, look) },
    store,
    now: () => new Date(),
    trust: { roots, builtInBundle: bundle, bundleUrl: 'https://trust.example/bundle.txt' },
    fetchText: async () => bundle,
    uiLanguage: () => 'en-US',
    onPositiveList: onBundledPositiveList,
    siteAccess: {
      shopMatches,
      register: async (o) => void registered.add(o),
      unregister: async (o) => void registered.delete(o),
      registered: async () => [...registered],
    },
    ...overrides,
  };
  return { store, deps, dispatcher: createDispatcher(deps), registered, action };
}

const tab = (origin: string, path = `/hk/item.htm?id=${TMALL_ITEM}`) => ({ origin, fromExtensionPage: false, tabId: 1, url: `${origin}${path}`, frameId: 0 });
const page = { origin: undefined, fromExtensionPage: true, tabId: undefined, url: undefined, frameId: undefined };
const TITLE = '兰蔻 Lancome 小黑瓶 精华肌底液 第二代 50ml 修护保湿';
const facts = { title: TITLE, priceFen: 108_000, quantity: 1, specTexts: ['净含量: 50ml'] };
const annotate = (origin: string, listings: string[] = [], badgeCount = listings.length) => ({
  type: 'cs-bg-annotate-product',
  origin,
  siteId: 'tmall-hk',
  facts,
  badgeCount,
  listings,
});

describe('validation by direction', () => {
  it.each<[string, unknown, typeof page | ReturnType<typeof tab>]>([
    ['not an object', 'hello', tab('https://detail.tmall.hk')],
    ['unknown type', { type: 'cs-bg-delete-everything' }, tab('https://detail.tmall.hk')],
    ['a popup message from a page', { type: 'ui-bg-export-ledger' }, tab('https://detail.tmall.hk')],
    ['a content message from the popup', annotate('https://detail.tmall.hk'), page],
    ['a negative price', { ...annotate('https://detail.tmall.hk'), facts: { ...facts, priceFen: -1 } }, tab('https://detail.tmall.hk')],
    ['a float price', { ...annotate('https://detail.tmall.hk'), facts: { ...facts, priceFen: 10.5 } }, tab('https://detail.tmall.hk')],
    ['an oversized title', { ...annotate('https://detail.tmall.hk'), facts: { ...facts, title: 'x'.repeat(301) } }, tab('https://detail.tmall.hk')],
    ['too many cards', { type: 'cs-bg-annotate-cards', origin: 'https://list.tmall.hk', cards: Array.from({ length: 201 }, () => ({ title: 't', priceFen: 1 })) }, tab('https://list.tmall.hk')],
  ])('%s → bad-message', async (_name, message, sender) => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle(message, sender)).toMatchObject({ error: 'bad-message' });
  });

  it('a content message claiming another origin than the tab it came from is refused', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle(annotate('https://detail.tmall.hk', [world.tmallListing]), tab('https://evil.example'))).toMatchObject({ error: 'wrong-sender' });
  });
});

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const want = () =>
  compareChannels({ date: today(), items: [{ name: TITLE, priceFen: 108_000, quantity: 1, taxClass: classifyTitle(TITLE).taxClass, netContent: { value: 50, unit: 'ml' } }] });

describe('product annotation', () => {
  it.each([
    ['the listing for this origin and product', () => [world.tmallListing], 'verified', 'neutral', '✓'],
    ['a genuine listing copied from another origin', () => [world.foreignListing], 'not-genuine', 'not-genuine', '!'],
    ['a badge without a credential', () => [], 'not-genuine', 'not-genuine', '!', 1],
    ['garbage in the badge', () => ['CC1:NOT-A-CREDENTIAL'], 'not-genuine', 'not-genuine', '!'],
    ['nothing', () => [], 'not-verified', 'neutral', '', 0],
  ] as const)('%s → %s in the toolbar and side panel, %s in the page, with the tax shared/tax computes', async (_name, listings, status, inPage, badge, badges?: number) => {
    const { dispatcher, action } = setUp();
    const answer = (await dispatcher.handle(annotate('https://detail.tmall.hk', [...listings()], badges), tab('https://detail.tmall.hk'))) as Record<string, unknown>;
    const c = want();
    expect(answer).toMatchObject({ status: inPage, taxFen: c.cbec.totalFen, locale: 'en' });
    // The page is never told a positive word.
    expect(JSON.stringify(answer)).not.toMatch(/Verified|Signed listing/);
    const side = (await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, page)) as { state: { listing: { status: string; title: string; product?: string } } };
    expect(side.state.listing.status).toBe(status);
    expect(action.get(1)?.text).toBe(badge);
    if (status === 'verified') {
      expect(side.state.listing.title).toBe('Verified listing — Global Platform (test)');
      expect(side.state.listing.product).toBe('兰蔻 小黑瓶 精华肌底液 50ml');
      expect(action.get(1)?.title).toContain('Verified listing — Global Platform (test)');
    }
  });

  it('a sub-frame says nothing in the trusted surfaces', async () => {
    const { dispatcher, action } = setUp();
    await dispatcher.handle(annotate('https://detail.tmall.hk', [world.tmallListing]), { ...tab('https://detail.tmall.hk'), frameId: 3 });
    expect(action.size).toBe(0);
    expect(await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, page)).toMatchObject({ state: null });
  });

  it('no ledger figure reaches the page; the quota warning is in the trusted surfaces', async () => {
    const { dispatcher, action } = setUp();
    await dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page);
    await dispatcher.handle({ type: 'ui-bg-set-settings', officialUsedFen: 2_550_000 }, page);
    // ¥25,500 used (the official figure is not the ledger, so add manual use through the ledger file).
    const { json } = (await dispatcher.handle({ type: 'ui-bg-export-ledger' }, page)) as { json: string };
    const file = JSON.parse(json) as { orders: object[] };
    file.orders.push({ orderId: 'M-1', source: 'manual', orderedAt: new Date().toISOString(), dutiableValueFen: 2_450_000, taxFen: 0, items: [], addedAt: new Date().toISOString() });
    await dispatcher.handle({ type: 'ui-bg-import-ledger', json: JSON.stringify(file) }, page);
    const answer = await dispatcher.handle(annotate('https://detail.tmall.hk'), tab('https://detail.tmall.hk'));
    const cards = await dispatcher.handle({ type: 'cs-bg-annotate-cards', origin: 'https://list.tmall.hk', cards: [{ title: TITLE, priceFen: 108_000 }] }, tab('https://list.tmall.hk', '/search_product.htm'));
    const c = want();
    expect(answer).toMatchObject({ taxFen: c.cbec.totalFen });
    expect(cards).toMatchObject({ chips: [{ overLimit: false, taxFen: c.cbec.totalFen }] });
    // What the page gets is exactly what a fresh profile gets: nothing in it depends on the ledger.
    const fresh = setUp();
    expect(answer).toEqual(await fresh.dispatcher.handle(annotate('https://detail.tmall.hk'), tab('https://detail.tmall.hk')));
    expect(cards).toEqual(await fresh.dispatcher.handle({ type: 'cs-bg-annotate-cards', origin: 'https://list.tmall.hk', cards: [{ title: TITLE, priceFen: 108_000 }] }, tab('https://list.tmall.hk', '/search_product.htm')));
    expect(JSON.stringify(answer)).not.toMatch(/25,500|24,500|from your ledger/);
    const side = (await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, page)) as { state: { estimate: { admission: string; quotaWarning?: string } } };
    expect(side.state.estimate.admission).toBe('exceeds-annual');
    expect(side.state.estimate.quotaWarning).toMatch(/^Quota warning before you buy/);
    expect(action.get(1)?.text).toBe('¥!');
  });

  it('findings are forgotten when the tab goes to another address', async () => {
    const { dispatcher, deps, action } = setUp();
    await dispatcher.handle(annotate('https://detail.tmall.hk', [world.tmallListing]), tab('https://detail.tmall.hk'));
    await forgetTab(deps, 1, 'https://detail.tmall.hk/hk/item.htm?id=609460372468#reviews');
    expect(action.get(1)?.text).toBe('✓');
    await forgetTab(deps, 1, 'https://detail.tmall.hk/hk/item.htm?id=1');
    expect(action.get(1)?.text).toBe('');
    expect(await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, page)).toMatchObject({ state: null });
  });

  it.each([
    // A 2022 addition (secondary source) and a 2019 line from memory are not stated as fact.
    ['95045020', /^95045020 is in the list we ship, from a source not checked against the official list; check the official list$/],
    ['19011010', /^19011010 is in the list we ship, from a source not checked/],
    // A 2016 line: our copy says nothing of the lists since 2019.
    ['04090000', /^04090000 is not in the list we ship/],
    // Absence from our partial copy is said as such, never as "cannot be imported".
    ['24022000', /^24022000 is not in the list we ship \(a partial copy of the CBEC positive list\); check the official list$/],
    ['61091000', /^61091000 is not in the list we ship/],
  ])('HS code %s: the positive-list row says what the bundled list says', async (hsCode, text) => {
    const { dispatcher } = setUp();
    const answer = (await dispatcher.handle({ ...annotate('https://detail.tmall.hk'), facts: { ...facts, hsCode } }, tab('https://detail.tmall.hk'))) as { rows: { label: string; value: string }[] };
    expect(answer.rows.find((r) => r.label.startsWith('Positive list'))?.value).toMatch(text);
  });

  it.each([
    ['04090000', '2017-06-01', 'listed'],
    ['04090000', '2025-11-14', 'not-in-our-copy'],
    ['95045020', '2022-02-28', 'not-in-our-copy'],
    ['95045020', '2022-03-01', 'listed-unverified'],
    ['0409', '2017-06-01', undefined],
  ] as const)('the bundled list answers %s on %s: %s', (hsCode, day, answer) => {
    expect(onBundledPositiveList(hsCode, day)).toBe(answer);
  });

  it('answers in Chinese after the language switch', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle({ type: 'ui-bg-set-settings', locale: 'zh-CN' }, page)).toMatchObject({ ok: true });
    const answer = (await dispatcher.handle(annotate('https://detail.tmall.hk'), tab('https://detail.tmall.hk'))) as { locale: string; headline: string };
    expect(answer.locale).toBe('zh-CN');
    expect(answer.headline).toMatch(/预估跨境电商综合税/);
  });
});

describe('ledger', () => {
  it('a receipt a page offers is added only when confirmed in the side panel; it is in the export, which imports into a fresh profile', async () => {
    const a = setUp();
    const order = tab('https://buy.tmall.hk', '/order/confirm_order.htm');
    // The owner profile: the receipt's orderer ID ending (only these four characters are stored).
    expect(await a.dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '123X' } }, page)).toMatchObject({ ok: true });
    expect(await a.dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '11010519800105123X' } }, page)).toMatchObject({ error: 'bad-message' });
    // The page's message can only offer: no content message adds a receipt.
    expect(await a.dispatcher.handle({ type: 'cs-bg-add-receipt', origin: 'https://buy.tmall.hk', receipt: world.receipt }, order)).toMatchObject({ error: 'bad-message' });
    const notice = await a.dispatcher.handle({ type: 'cs-bg-offer-receipts', origin: 'https://buy.tmall.hk', receipts: [world.receipt] }, order);
    expect(JSON.stringify(notice)).not.toContain(world.receiptOrderId);
    expect(await a.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ orderCount: 0 });
    expect(a.action.get(1)?.text).toBe('+1');
    // A receipt the tab did not offer is refused by the confirm message.
    expect(await a.dispatcher.handle({ type: 'ui-bg-confirm-receipt', tabId: 2, receipt: world.receipt }, page)).toMatchObject({ ok: false });
    expect(await a.dispatcher.handle({ type: 'ui-bg-confirm-receipt', tabId: 1, receipt: world.receipt }, page)).toMatchObject({ ok: true });
    expect(a.action.get(1)?.text).toBe('');
    const status = (await a.dispatcher.handle({ type: 'ui-bg-get-status' }, page)) as { usedFen: number; orderCount: number };
    expect(status).toMatchObject({ usedFen: world.receiptDutiableFen, orderCount: 1 });
    const exported = (await a.dispatcher.handle({ type: 'ui-bg-export-ledger' }, page)) as { json: string };
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'crosscheck-ledger', orders: [{ orderId: world.receiptOrderId, source: 'receipt' }] });

    const b = setUp();
    expect(await b.dispatcher.handle({ type: 'ui-bg-import-ledger', json: exported.json }, page)).toMatchObject({ ok: true });
    expect(await b.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ usedFen: world.receiptDutiableFen, orderCount: 1 });
  });

  it('an edited ledger file cannot inflate or invent receipt figures', async () => {
    const a = setUp();
    await a.dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page);
    const { json } = (await a.dispatcher.handle({ type: 'ui-bg-export-ledger' }, page)) as { json: string };
    const edited = json.replace(`"dutiableValueFen": ${world.receiptDutiableFen}`, '"dutiableValueFen": 1');
    const b = setUp();
    await b.dispatcher.handle({ type: 'ui-bg-import-ledger', json: edited }, page);
    expect(await b.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ usedFen: world.receiptDutiableFen });
  });

  it('the official figure above the ledger is reported as unexplained', async () => {
    const a = setUp();
    await a.dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page);
    await a.dispatcher.handle({ type: 'ui-bg-set-settings', officialUsedFen: 500_000 }, page);
    expect(await a.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ officialUsedFen: 500_000, unexplainedFen: 500_000 - world.receiptDutiableFen });
  });
});

describe('receipt offers: the issuer\'s origins and the owner profile', () => {
  const offer = async (s: ReturnType<typeof setUp>, origin: string) => {
    await s.dispatcher.handle({ type: 'cs-bg-offer-receipts', origin, receipts: [world.receipt] }, tab(origin, '/order'));
    return ((await s.dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, page)) as { state: { receipts: { ok: boolean; canAdd: boolean; ownership?: string }[] } }).state.receipts[0]!;
  };

  it('from an origin the bundle does not list for the issuer: refused, cannot be confirmed', async () => {
    const s = setUp();
    await s.dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '123X' } }, page);
    expect(await offer(s, 'https://trade.jd.hk')).toMatchObject({ ok: false, canAdd: false });
    expect(await s.dispatcher.handle({ type: 'ui-bg-confirm-receipt', tabId: 1, receipt: world.receipt }, page)).toMatchObject({ ok: false });
    expect(await s.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ orderCount: 0 });
  });

  it.each([
    ['no owner profile', null, 'unconfirmed'],
    ['another identity', { idLast4: '1239' }, 'other-identity'],
  ] as const)('%s: %s, shown but not addable', async (_name, owner, ownership) => {
    const s = setUp();
    if (owner) await s.dispatcher.handle({ type: 'ui-bg-set-owner', owner }, page);
    expect(await offer(s, 'https://buy.tmall.hk')).toMatchObject({ ok: true, canAdd: false, ownership });
    expect(await s.dispatcher.handle({ type: 'ui-bg-confirm-receipt', tabId: 1, receipt: world.receipt }, page)).toMatchObject({ ok: false });
    expect(await s.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ orderCount: 0, owner: owner ?? null });
  });

  it('a receipt pasted in the options page is checked against the owner profile too', async () => {
    const s = setUp();
    await s.dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '1239' } }, page);
    const refused = (await s.dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page)) as { ok: boolean; message: string };
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/ANOTHER identity/);
    expect(await s.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ orderCount: 0 });
    // The owner's own receipt (its orderer's ID ends in 123X) is added.
    await s.dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '123X' } }, page);
    expect(await s.dispatcher.handle({ type: 'ui-bg-import-receipt', receipt: world.receipt }, page)).toMatchObject({ ok: true });
    expect(await s.dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ orderCount: 1 });
  });
});

describe('site access and trust refresh', () => {
  it.each([
    ['https://detail.tmall.hk/hk/item.htm?id=1', 'built-in'],
    ['https://shop.example/p/1', 'not-granted'],
    ['chrome://extensions', 'unsupported'],
    ['not a url', 'unsupported'],
  ])('%s → %s', async (url, kind) => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle({ type: 'ui-bg-get-site-access', url }, page)).toMatchObject({ kind });
  });

  it('switching a site on registers the generic script; off unregisters it', async () => {
    const { dispatcher, registered } = setUp();
    await dispatcher.handle({ type: 'ui-bg-set-site-access', origin: 'https://shop.example', enabled: true }, page);
    expect([...registered]).toEqual(['https://shop.example']);
    expect(await dispatcher.handle({ type: 'ui-bg-get-site-access', url: 'https://shop.example/x' }, page)).toMatchObject({ kind: 'granted' });
    await dispatcher.handle({ type: 'ui-bg-set-site-access', origin: 'https://shop.example', enabled: false }, page);
    expect([...registered]).toEqual([]);
  });

  it.each<[string, () => Promise<string>, string]>([
    ['the same bundle', async () => bundle, 'unchanged'],
    ['garbage', async () => 'CC1:GARBAGE', 'rejected'],
    ['a bundle that is not signed by a pinned root', async () => bundle.slice(0, -8) + '00000000', 'rejected'],
    ['no network', async () => Promise.reject(new Error('offline')), 'unreachable'],
  ])('refresh with %s → %s, and the built-in copy stays in use', async (_name, fetchText, outcome) => {
    const { deps, dispatcher } = setUp({ fetchText });
    expect(await refreshTrust(deps)).toBe(outcome);
    expect(await dispatcher.handle({ type: 'ui-bg-get-status' }, page)).toMatchObject({ trust: { source: 'built-in' } });
  });
});
