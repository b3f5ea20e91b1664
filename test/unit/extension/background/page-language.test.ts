// Which language the extension speaks: on a shop page the page's own (its `<html lang>`), so a
// Chinese Tmall/JD page gets a Chinese annotation beside its Chinese badge even in an English
// browser; elsewhere — the extension's own UI (toolbar title, popup, side panel, options) and a
// page declaring no language — the browser's; the user's choice in the options page wins
// everywhere. The real answers a Chinese page gets — annotation, chips, receipt notice, and in a
// Chinese browser the toolbar title and side panel too — are checked for English words with the
// issue-13 rule (test/unit/text/english-words.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLocale } from '../../../../extension/background/context.ts';
import { createDispatcher, type BackgroundDeps } from '../../../../extension/background/dispatch.ts';
import { onBundledPositiveList } from '../../../../extension/background/handlers/estimate.ts';
import { contentLocale, contentText } from '../../../../extension/content/catalogue.ts';
import { localeOfTag, type LocaleSetting } from '../../../../extension/messages.ts';
import type { ActionLook } from '../../../../extension/platform/action.ts';
import { memoryStore } from '../../../../extension/state.ts';
import { makeTrustWorld, type TrustWorld } from '../../../fixtures/sites/trust-world.ts';
import { englishWords } from '../../text/english-words.ts';

describe('resolveLocale: the choice in options, else the page, else the browser', () => {
  it.each<[LocaleSetting, string, string | undefined, 'en' | 'zh-CN']>([
    // auto: a shop page's declared language
    ['auto', 'en-US', 'zh-CN', 'zh-CN'],
    ['auto', 'en-US', 'zh', 'zh-CN'],
    ['auto', 'en-GB', 'zh-Hans-CN', 'zh-CN'],
    ['auto', 'en-US', 'zh_CN', 'zh-CN'],
    ['auto', 'en-US', 'zh-HK', 'zh-CN'],
    ['auto', 'zh-CN', 'en', 'en'],
    ['auto', 'zh-CN', 'EN-us', 'en'],
    // auto: no page, no declared language, or one CrossCheck does not speak → the browser's
    ['auto', 'en-US', undefined, 'en'],
    ['auto', 'zh-CN', undefined, 'zh-CN'],
    ['auto', 'zh-TW', '', 'zh-CN'],
    ['auto', 'zh-CN', 'ja', 'zh-CN'],
    ['auto', 'en-US', 'fr-FR', 'en'],
    ['auto', 'de', undefined, 'en'],
    ['auto', 'de', 'es', 'en'],
    // the user's choice wins over both
    ['en', 'zh-CN', 'zh-CN', 'en'],
    ['zh-CN', 'en-US', 'en', 'zh-CN'],
    ['zh-CN', 'en-US', undefined, 'zh-CN'],
  ])('%s, browser %s, page %s → %s', (setting, browser, pageLang, want) => {
    expect(resolveLocale(setting, browser, pageLang)).toBe(want);
  });

  it('reads only the primary subtag', () => {
    expect(localeOfTag('zhx')).toBeUndefined();
    expect(localeOfTag('english')).toBeUndefined();
    expect(localeOfTag(' zh ')).toBe('zh-CN');
  });

  it('the content script’s first word (before the background answers) follows the page too', () => {
    expect(contentText('zh-CN', 'en-US').pending).toBe('正在核对…');
    expect(contentText(undefined, 'en-US').pending).toBe('checking…');
    expect(contentText('', 'zh-CN').pending).toBe('正在核对…');
    expect(contentText('en', 'zh-CN').pending).toBe('checking…');
    expect(contentLocale('zh-Hans', 'en-US')).toBe('zh-CN');
    expect(contentLocale('ko', 'en-US')).toBe('en');
  });
});

let world: TrustWorld;
let scratch: string;
let roots: unknown[];
let bundle: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'crosscheck-page-lang-'));
  world = await makeTrustWorld(scratch);
  roots = JSON.parse(readFileSync(join(scratch, 'trust/roots.json'), 'utf8')) as unknown[];
  bundle = readFileSync(join(scratch, 'trust/bundle.txt'), 'utf8').trim();
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An English browser (unless `browser` says otherwise), with a Map for chrome.storage. */
function setUp(browser = 'en-US') {
  const action = new Map<number, ActionLook>();
  const deps: BackgroundDeps = {
    tabs: { store: memoryStore(), show: async (tabId, look) => void action.set(tabId, look) },
    store: memoryStore(),
    now: () => new Date(),
    trust: { roots, builtInBundle: bundle, bundleUrl: 'https://trust.example/bundle.txt' },
    fetchText: async () => bundle,
    uiLanguage: () => browser,
    onPositiveList: onBundledPositiveList,
    siteAccess: { shopMatches: [], register: async () => {}, unregister: async () => {}, registered: async () => [] },
  };
  return { deps, dispatcher: createDispatcher(deps), action };
}

const TITLE = '兰蔻 Lancome 小黑瓶 精华肌底液 第二代 50ml 修护保湿';
const PRODUCT = '兰蔻 小黑瓶 精华肌底液 50ml';
const tab = (origin: string, path: string, tabId = 1) => ({ origin, fromExtensionPage: false, tabId, url: `${origin}${path}`, frameId: 0 });
const extensionPage = { origin: undefined, fromExtensionPage: true, tabId: undefined, url: undefined, frameId: undefined };
const product = (lang: string | undefined, listings: string[], hsCode?: string) => ({
  type: 'cs-bg-annotate-product',
  origin: 'https://detail.tmall.hk',
  ...(lang !== undefined && { lang }),
  siteId: 'tmall-hk',
  facts: { title: TITLE, priceFen: 108_000, quantity: 1, specTexts: ['净含量: 50ml'], ...(hsCode && { hsCode }) },
  badgeCount: listings.length,
  listings,
});
const productTab = tab('https://detail.tmall.hk', '/item.htm?id=609460372468');

/** Every string in an answer, by its path, except the fields that carry data rather than our words. */
function texts(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      // Not words: the language tag, states and codes the UI keys on, credentials, addresses, times.
      ['locale', 'status', 'admission', 'receipt', 'url', 'origin', 'at', 'ownership', 'color'].includes(k) && typeof v === 'string' ? [] : texts(v, `${path}.${k}`),
    );
  }
  return [];
}

/** Data in the answers: the page's title as the shop wrote it, the credential's product name, an order number. */
const DATA = [TITLE, PRODUCT, 'TM20261126001'];

function expectNoEnglish(answer: unknown, where: string): void {
  const all = texts(answer, where);
  expect(all.length, `${where}: some text`).toBeGreaterThan(0);
  const problems = all.flatMap(([path, text]) => {
    const words = englishWords(text, DATA);
    return words.length > 0 ? [`${path}: ${words.join(', ')} in “${text}”`] : [];
  });
  expect(problems).toEqual([]);
}

describe('a Chinese shop page in an English browser', () => {
  /** The badges a page may carry (the world is made in beforeAll). */
  const cases = (): Array<[string, string[], string | undefined]> => [
    ['a verified listing, an HS code', [world.tmallListing], '33049900'],
    ['a copied badge', [world.foreignListing], undefined],
    ['a garbage badge', ['CC1:NOT-A-CREDENTIAL'], undefined],
    ['no badge', [], undefined],
  ];

  it('gets a Chinese annotation, in Chinese throughout; the toolbar and side panel (extension UI) stay English', async () => {
    for (const [name, listings, hs] of cases()) {
      const { dispatcher, action } = setUp();
      const answer = (await dispatcher.handle(product('zh-CN', [...listings], hs), productTab)) as { locale: string; headline: string; note: string };
      expect(answer.locale, name).toBe('zh-CN');
      expect(answer.headline, name).toMatch(/^预估跨境电商综合税 /);
      expectNoEnglish(answer, `annotation (${name})`);
      expect(action.get(1)?.title, name).toMatch(/^CrossCheck — [A-Z]/);
      const side = (await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, extensionPage)) as { locale: string; state: { estimate: { headline: string } } };
      expect(side.locale, name).toBe('en');
      expect(side.state.estimate.headline, name).toMatch(/^Estimated CBEC tax /);
    }
  });

  it('in a Chinese browser the toolbar title and side panel are Chinese throughout too', async () => {
    for (const [name, listings, hs] of cases()) {
      const { dispatcher, action } = setUp('zh-CN');
      expectNoEnglish(await dispatcher.handle(product('zh-CN', [...listings], hs), productTab), `annotation (${name})`);
      expectNoEnglish(action.get(1)?.title, `toolbar title (${name})`);
      const side = (await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, extensionPage)) as { locale: string };
      expect(side.locale).toBe('zh-CN');
      expectNoEnglish(side, `side panel (${name})`);
    }
  });

  it('the verified listing: its seller named in each surface’s language', async () => {
    const { dispatcher, action } = setUp();
    await dispatcher.handle(product('zh-CN', [world.tmallListing]), productTab);
    expect(action.get(1)?.title).toContain('Verified listing — Global Platform (test)');
    const zh = setUp('zh-CN');
    await zh.dispatcher.handle(product('en', [world.tmallListing]), productTab);
    expect(zh.action.get(1)?.title).toContain('已验证的商品 — 全球平台（测试）');
  });

  it('gets Chinese chips on a list page (税 9.1%, 超限)', async () => {
    const { dispatcher } = setUp();
    const cards = (await dispatcher.handle(
      { type: 'cs-bg-annotate-cards', origin: 'https://list.tmall.hk', lang: 'zh-CN', cards: [{ title: TITLE, priceFen: 108_000 }, { title: '欧米茄 海马系列 腕表', priceFen: 5_800_000 }] },
      tab('https://list.tmall.hk', '/search_product.htm'),
    )) as { locale: string; chips: Array<{ text: string; overLimit: boolean }> };
    expect(cards.locale).toBe('zh-CN');
    expect(cards.chips[0]!.text).toMatch(/^税 \d+\.\d%$/);
    expect(cards.chips[1]).toMatchObject({ text: '超限', overLimit: true });
    expectNoEnglish(cards, 'chips');
  });

  it('gets a Chinese receipt notice; the side panel’s offer and confirmation are in the user’s language', async () => {
    for (const browser of ['en-US', 'zh-CN']) {
      const { dispatcher } = setUp(browser);
      await dispatcher.handle({ type: 'ui-bg-set-owner', owner: { idLast4: '123X' } }, extensionPage);
      const notice = await dispatcher.handle({ type: 'cs-bg-offer-receipts', origin: 'https://buy.tmall.hk', lang: 'zh-CN', receipts: [world.receipt] }, tab('https://buy.tmall.hk', '/order'));
      expect(notice).toMatchObject({ locale: 'zh-CN' });
      expectNoEnglish(notice, 'notice');
      const side = (await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 1 }, extensionPage)) as { locale: string; confirmLabel: string };
      const added = await dispatcher.handle({ type: 'ui-bg-confirm-receipt', tabId: 1, receipt: world.receipt }, extensionPage);
      if (browser === 'zh-CN') {
        expect(side).toMatchObject({ locale: 'zh-CN', confirmLabel: '确认：将此订单加入我的账本' });
        expectNoEnglish(side, 'side panel');
        expect(added).toEqual({ ok: true, message: '已将订单 TM20261126001 加入账本。' });
      } else {
        expect(side).toMatchObject({ locale: 'en', confirmLabel: 'Confirm: add this order to my ledger' });
        expect(added).toEqual({ ok: true, message: 'Added order TM20261126001 to your ledger.' });
      }
    }
  });

  it('the popup and options pages (no page) keep the browser’s language', async () => {
    const { dispatcher } = setUp();
    await dispatcher.handle(product('zh-CN', [world.tmallListing]), productTab);
    expect(await dispatcher.handle({ type: 'ui-bg-get-status' }, extensionPage)).toMatchObject({ locale: 'en', localeSetting: 'auto' });
    expect(await dispatcher.handle({ type: 'ui-bg-get-tab-state', tabId: 9 }, extensionPage)).toMatchObject({ locale: 'en', state: null });
  });

  it('a page that declares no language gets the browser’s; a Chinese browser on an English page gets English', async () => {
    expect(await setUp('en-US').dispatcher.handle(product(undefined, []), productTab)).toMatchObject({ locale: 'en' });
    expect(await setUp('zh-CN').dispatcher.handle(product(undefined, []), productTab)).toMatchObject({ locale: 'zh-CN' });
    expect(await setUp('zh-CN').dispatcher.handle(product('en', []), productTab)).toMatchObject({ locale: 'en' });
  });

  it('the choice in options wins over the page', async () => {
    const { dispatcher } = setUp();
    await dispatcher.handle({ type: 'ui-bg-set-settings', locale: 'en' }, extensionPage);
    expect(await dispatcher.handle(product('zh-CN', []), productTab)).toMatchObject({ locale: 'en' });
    const zh = setUp();
    await zh.dispatcher.handle({ type: 'ui-bg-set-settings', locale: 'zh-CN' }, extensionPage);
    expect(await zh.dispatcher.handle(product('en', []), productTab)).toMatchObject({ locale: 'zh-CN' });
    const status = (await zh.dispatcher.handle({ type: 'ui-bg-get-status' }, extensionPage)) as { locale: string; trust: { ageText: string } };
    expect(status.locale).toBe('zh-CN');
    // The trust data's date as Chinese writes it, not an ISO date.
    expect(status.trust.ageText).toMatch(/^信任数据日期：\d{4}年\d{1,2}月\d{1,2}日（随扩展附带）。/);
    expectNoEnglish(status.trust.ageText, 'popup trust line');
  });

  it('a page cannot get past the schema with its lang', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.handle({ ...product('zh-CN', []), lang: 'z'.repeat(36) }, productTab)).toMatchObject({ error: 'bad-message' });
    expect(await dispatcher.handle({ ...product('zh-CN', []), lang: 7 }, productTab)).toMatchObject({ error: 'bad-message' });
  });
});
