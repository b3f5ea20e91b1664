// @vitest-environment happy-dom
// "Chinese complete" (issue 13): every sentence a zh-CN user reads is Chinese — no English word in
// the zh-CN output of the verdicts, the extension's page annotation, chips and side panel, the
// PWA and the badge. Each surface is rendered as a user meets it (real verdicts with the details
// the verifier gives, every catalogue entry with realistic arguments) and checked with one rule
// (./english-words.ts: two Latin letters in a row, minus a short allowlist and the user's own
// data). The tax breakdown has the same check in test/unit/tax/explain.test.ts; the background's
// real answers to a Chinese page in test/unit/extension/background/page-language.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS_ERROR_MESSAGES, CREDENTIAL_TYPES, ROLES } from '../../../shared/credential/claims/index.ts';
import { CONTAINER_MESSAGES } from '../../../shared/credential/codec/errors.ts';
import { formatFen } from '../../../shared/money/index.ts';
import { NET_CONTENT_MESSAGES } from '../../../shared/catalog/net-content.ts';
import { compareGoods, GS1_ERROR_MESSAGES, parseProductCode, type GoodsLine } from '../../../shared/gs1/index.ts';
import { LEDGER_ERRORS } from '../../../shared/ledger/errors.ts';
import { QUOTA_ERROR_MESSAGES } from '../../../shared/quota/usage.ts';
import { TRUST_ERROR_MESSAGES } from '../../../shared/trust/bundle.ts';
import type { TrustBundle } from '../../../shared/trust/index.ts';
import {
  placementsText,
  reason,
  REASON_CODES,
  STATUS_MESSAGES,
  type Reason,
  type ReasonCode,
  type ReasonDetail,
} from '../../../shared/verdict/index.ts';
import { backgroundCatalogue, type BackgroundText } from '../../../extension/background/catalogue.ts';
import { contentCatalogue } from '../../../extension/content/catalogue.ts';
import { uiCatalogue, type UiText } from '../../../extension/ui/catalogue.ts';
import { messages, type MessageKey } from '../../../pwa/src/messages.ts';
import { i18nFor, translate } from '../../../pwa/src/i18n.ts';
import { BADGE_TEXT, DETAILS_LABEL, RECEIPT_TEXT } from '../../../pwa/badge/strings.ts';
import { makeLoadedWorld, SCENARIOS, runCase, type World } from '../verdict/scenarios.ts';
import { ALLOWED_LATIN, englishWords } from './english-words.ts';

/**
 * Problems with one zh-CN text, for a list every test asserts empty (so one run names them all):
 * its English words, or no Chinese at all where there are words (an untranslated sentence).
 */
function problemsOf(where: string, text: string, data: readonly (string | number | undefined)[] = []): string[] {
  const words = englishWords(text, data);
  if (words.length > 0) return [`${where}: ${words.join(', ')} in “${text}”`];
  const bare = [...ALLOWED_LATIN.keys()].reduce((rest, word) => rest.split(word).join(''), text);
  return /[\u3400-\u9fff]/.test(text) || !/[A-Za-z]/.test(bare) ? [] : [`${where}: no Chinese in “${text}”`];
}

function expectChinese(where: string, text: string, data: readonly (string | number | undefined)[] = []): void {
  expect(problemsOf(where, text, data)).toEqual([]);
}

describe('the rule itself', () => {
  it('catches English words and untranslated units, not the allowlist, web addresses or named data', () => {
    expect(englishWords('每 ml 价格')).toEqual(['ml']);
    expect(englishWords('税 9.1% tariff')).toEqual(['tariff']);
    expect(englishWords('CrossCheck 设置；GB 11643；GS1；CC1:…')).toEqual([]);
    expect(englishWords('请打开 https://detail.tmall.hk/item.htm?id=1。')).toEqual([]);
    expect(englishWords('运单 SF1400000000001', ['SF1400000000001'])).toEqual([]);
    expect(englishWords('运单 SF1400000000001')).toEqual(['SF']);
    // One letter is not a word (尾号 123X, 第 A 类).
    expect(englishWords('尾号 123X')).toEqual([]);
  });

  it('keeps its allowlist short and says why for each entry', () => {
    expect(ALLOWED_LATIN.size).toBeLessThanOrEqual(6);
    for (const [word, why] of ALLOWED_LATIN) expect(why.length, word).toBeGreaterThan(20);
  });
});

// ——— Verdicts ———

/** Detail keys whose values are identifiers from the records (not words of ours): taken out before the check. */
const DATA_KEYS = ['orderId', 'waybill', 'signed', 'label', 'party', 'actors', 'seller', 'claimed', 'origin', 'allowed', 'gtin', 'item', 'receiptLast4', 'ownerLast4', 'kid', 'id', 'signer'];
const dataOf = (r: Reason) => DATA_KEYS.flatMap((k) => String(r.detail?.[k] ?? '').split(/,\s*/));

const reasonProblems = (r: Reason, where: string) => problemsOf(`${where} ${r.code}`, r.message['zh-CN'], dataOf(r));


describe('verdicts in zh-CN', () => {
  let world: World;
  let bundle: TrustBundle;
  beforeAll(async () => {
    ({ world, bundle } = await makeLoadedWorld());
  });

  it('every reason of every verdict scenario (every reason code, with the details the verifier gives)', async () => {
    const seen = new Set<ReasonCode>();
    const problems: string[] = [];
    for (const scenario of SCENARIOS) {
      const verdict = await runCase(await scenario.build(world), bundle);
      for (const r of verdict.reasons) {
        seen.add(r.code);
        problems.push(...reasonProblems(r, scenario.name));
      }
      problems.push(...problemsOf(`${scenario.name} status`, STATUS_MESSAGES[verdict.status]['zh-CN']));
    }
    expect(problems).toEqual([]);
    expect(REASON_CODES.filter((c) => !seen.has(c)), 'reason codes no scenario produced').toEqual([]);
  });

  it('shows times as a Chinese reader writes them, never a raw ISO timestamp', async () => {
    const verdict = await runCase(await SCENARIOS.find((s) => s.codes.includes('bundle.fresh'))!.build(world), bundle);
    const fresh = verdict.reasons.find((r) => r.code === 'bundle.fresh')!;
    expect(fresh.detail?.['issuedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(fresh.message['zh-CN']).toMatch(/^已对照 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 的信任数据核验。$/);
    expect(fresh.message.en).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  // The words a detail may carry, each value the verifier can put there (the scenarios show one each).
  const TIME = '2026-05-31T08:30:00Z';
  const variants: Array<[ReasonCode, ReasonDetail]> = [
    ...Object.keys(CONTAINER_MESSAGES).map((code): [ReasonCode, ReasonDetail] => ['credential.unreadable', { stage: 'cose', code }]),
    ...Object.keys(CONTAINER_MESSAGES).map((code): [ReasonCode, ReasonDetail] => ['signature.invalid', { code }]),
    ...Object.keys(CLAIMS_ERROR_MESSAGES).map((code): [ReasonCode, ReasonDetail] => ['credential.malformed-claims', { code, path: 'goods.0.gtin' }]),
    ...CREDENTIAL_TYPES.map((type): [ReasonCode, ReasonDetail] => ['credential.wrong-type', { type, expected: 'parcel, receipt, listing, brand-authorization' }]),
    ...CREDENTIAL_TYPES.map((type): [ReasonCode, ReasonDetail] => ['issuer.role-not-allowed', { type, nameEn: 'SF Express', nameZh: '顺丰速运' }]),
    ...ROLES.flatMap((role) =>
      (['filing.unfiled', 'filing.suspended', 'filing.unknown'] as const).map((code): [ReasonCode, ReasonDetail] => [code, { role, party: 'quickbuy', nameEn: 'QuickBuy Import Co.', nameZh: '速购进口' }]),
    ),
    ...['seller', 'importer', 'warehouse'].map((field): [ReasonCode, ReasonDetail] => [
      'authority.not-delegated',
      { field, party: 'harbour', partyEn: 'Harbour Imports Ltd.', partyZh: '海港进口有限公司', nameEn: 'Qianhai Bonded Warehouse', nameZh: '前海保税仓' },
    ]),
    ...['tmall', 'jd'].flatMap((site) =>
      ['', '612345678901'].flatMap((item) => {
        const placements = [{ site, item: '612345678901', shop: '77' }, { site: 'jd', item: '100012043978' }];
        const detail = { site, item, allowed: placementsText(placements), allowedZh: placementsText(placements, 'zh-CN') };
        return [['listing.placement-match', detail], ['listing.placement-mismatch', detail]] as Array<[ReasonCode, ReasonDetail]>;
      }),
    ),
    ['listing.placement-mismatch', { site: 'tmall', item: '1', allowed: placementsText([]), allowedZh: placementsText([], 'zh-CN') }],
    ...[1, 3].flatMap((n): Array<[ReasonCode, ReasonDetail]> => [
      ['custody.asserted-by-signer', { hops: n, actors: 'sf, nobody', actorsEn: 'SF Express, nobody', actorsZh: '顺丰速运、nobody', nameEn: 'Qianhai Bonded Warehouse', nameZh: '前海保税仓' }],
      ['binding.not-yours', { receipts: n }],
      ['receipt.ignored', { count: n }],
    ]),
    ['key.revoked', { since: TIME, issuedAt: TIME }],
    ['key.revoked-later', { since: TIME }],
    ['key.expired', { notAfter: TIME, issuedAt: TIME }],
    ['key.not-yet-valid', { notBefore: TIME, issuedAt: TIME }],
    ['credential.expired', { expiresAt: TIME }],
    ['credential.issued-in-future', { issuedAt: TIME, now: TIME }],
    ['clock.turned-back', { clock: TIME, floor: TIME }],
    ['bundle.fresh', { issuedAt: TIME }],
    ['brand.authorization-expired', { gtin: '3760123450014', seller: 'lumi-store', sellerEn: 'Lumière Official Store', sellerZh: '露米埃官方旗舰店', at: TIME, nameEn: 'Lumière Paris', nameZh: '露米埃' }],
    ['value.under-declared', { declaredFen: 12_000, paidFen: 39_900 }],
  ];

  it('every word a detail can carry: each container and claims error, credential type, party role and field, marketplace, count and time', () => {
    expect(variants.length).toBeGreaterThan(100);
    expect(variants.flatMap(([code, detail]) => reasonProblems(reason(code, detail), JSON.stringify(detail)))).toEqual([]);
  });

  it('every status sentence', () => {
    for (const [status, text] of Object.entries(STATUS_MESSAGES)) expectChinese(status, text['zh-CN']);
  });
});

// ——— The core's other sentences a screen shows ———

describe('the core’s error and result sentences in zh-CN', () => {
  it('every container, claims, trust data, ledger file, quota, net-content and product-code error', () => {
    const tables = { CONTAINER_MESSAGES, CLAIMS_ERROR_MESSAGES, TRUST_ERROR_MESSAGES, LEDGER_ERRORS, QUOTA_ERROR_MESSAGES, NET_CONTENT_MESSAGES, GS1_ERROR_MESSAGES };
    const problems = Object.entries(tables).flatMap(([table, entries]) =>
      Object.entries(entries as Record<string, { 'zh-CN': string }>).flatMap(([code, text]) => problemsOf(`${table} ${code}`, text['zh-CN'])),
    );
    expect(problems).toEqual([]);
  });

  it('the second scan: match, mismatch and not comparable, as compareGoods says them', () => {
    const serum: GoodsLine = { gtin: '04006381333931', quantity: 1, expiry: '2028-06-30', batch: 'L2291A', name: '焕活精华液 50ml' };
    const cream: GoodsLine = { gtin: '03760123000017', quantity: 2 };
    const codes = [
      '4006381333931',
      ']d201040063813339311728063010L2291A',
      '5901234123457',
      ']d201040063813339311728063010L9999Z',
      ']d201040063813339311729123110X',
      'https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123',
      '(01)03760123000017(10)B7(17)270100',
    ];
    const problems = codes.flatMap((text) => {
      const code = parseProductCode(text);
      if (!code.ok) throw new Error(text);
      const r = compareGoods([serum, cream], code.value);
      // Data: the batches on the pack and in the parcel, the product's own name.
      return problemsOf(`${text} → ${r.outcome}`, r.message['zh-CN'], ['L2291A', 'L9999Z', 'ABC123', 'B7', '焕活精华液 50ml']);
    });
    expect(problems).toEqual([]);
  });
});

// ——— The extension's catalogues ———

const zhMoney = (fen: number) => formatFen(fen, 'zh-CN');

/**
 * Realistic arguments for every template of the background's zh-CN catalogue, as the handlers pass
 * them (figures formatted, rule sentences from shared/quota, verdict reasons from shared/verdict);
 * several lists where the wording depends on the argument.
 */
/** For each template of a catalogue (and only those), lists of its arguments. */
type TemplateArgs<T> = { [K in keyof T as T[K] extends (...a: never[]) => string ? K : never]: T[K] extends (...a: infer A) => string ? A[] : never };

const BACKGROUND_ARGS: TemplateArgs<BackgroundText> = {
  verifiedListingBy: [['露米埃官方旗舰店']],
  quotaWarning: [['本单 ¥3,200.00 超出今年剩余额度 ¥1,800.00。']],
  actionReceipts: [[1], [3]],
  productMismatch: [['兰蔻 小黑瓶 精华肌底液 50ml']],
  verifiedFor: [['兰蔻 小黑瓶 精华肌底液 50ml', '露米埃官方旗舰店']],
  headlineComposite: [[zhMoney(9_828), '9.1%']],
  headlineFull: [[zhMoney(128_000)]],
  headlineRefused: [[zhMoney(352_000)]],
  quotaLeftValue: [[zhMoney(2_492_000), zhMoney(108_000)]],
  postalExempt: [[zhMoney(3_000), zhMoney(5_000)]],
  perUnit: [['ml'], ['g'], ['piece']],
  highEnd: [[zhMoney(1_000), 'ml'], [zhMoney(1_000), 'g'], [zhMoney(1_500), 'piece']],
  notHighEnd: [[zhMoney(1_000), 'ml'], [zhMoney(1_000), 'g'], [zhMoney(1_500), 'piece']],
  listed: [['33049900']],
  listedUnverified: [['33049900']],
  notListed: [['33049900']],
  listUnknown: [['33049900']],
  chipComposite: [['9.1%']],
  receiptSummary: [['260601123456', zhMoney(108_000), zhMoney(9_828)]],
  receiptInLedger: [['260601123456']],
  receiptInvalid: [['签名不符：凭证已被改动，或并非由此密钥签发。']],
  receiptAdded: [['260601123456']],
  trustAge: [['2026年6月1日', '随扩展附带']],
  ledgerImported: [[1, 0], [12, 0], [12, 2]],
};

const UI_ARGS: TemplateArgs<UiText> = {
  ofLimit: [[zhMoney(2_600_000)]],
  orders: [[0], [1], [12]],
  unexplained: [[zhMoney(35_000)]],
  ownerCurrent: [['123X', ''], ['123X', '张*']],
  appLinked: [['https://app.crosscheck.example', '2026年6月1日 08:30']],
};

function renderAll(catalogue: Record<string, unknown>, args: Record<string, unknown[][]>, where: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') out.push([`${where}.${key}`, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => out.push([`${where}.${key}[${i}]`, String(v)]));
    else if (typeof value === 'function') {
      const sets = args[key];
      expect(sets, `${where}.${key}: give it realistic arguments in this test`).toBeDefined();
      for (const set of sets ?? []) out.push([`${where}.${key}(${set.join(', ')})`, String((value as (...a: unknown[]) => unknown)(...set))]);
    }
  }
  return out;
}

describe('the extension in zh-CN: every catalogue entry, rendered', () => {
  it.each([
    ['background (annotation, chips, receipt notice, toolbar title, status, results)', backgroundCatalogue['zh-CN'], BACKGROUND_ARGS],
    ['popup, options and side panel', uiCatalogue['zh-CN'], UI_ARGS],
    ['content script', contentCatalogue['zh-CN'], {}],
  ] as const)('%s', (where, catalogue, args) => {
    const rendered = renderAll(catalogue as unknown as Record<string, unknown>, args as unknown as Record<string, unknown[][]>, where);
    expect(rendered.flatMap(([key, text]) => problemsOf(key, text, ['https://app.crosscheck.example', '兰蔻 小黑瓶 精华肌底液 50ml']))).toEqual([]);
  });

  it('the English chip is English too', () => {
    expect(backgroundCatalogue.en.chipComposite('9.1%')).toBe('Tax 9.1%');
    expect(backgroundCatalogue['zh-CN'].chipComposite('9.1%')).toBe('税 9.1%');
  });
});

// ——— The PWA and the badge ———

/** A realistic value for each {placeholder} of the PWA's catalogue, as the screens fill it in. */
function pwaValues(): Record<string, string | number> {
  const zh = i18nFor('zh-CN');
  return {
    message: '无法获取信任数据',
    date: zh.date('2026-06-01T08:30:00Z', true),
    age: '3 天前',
    n: 2,
    reference: '3105966',
    order: '260601123456',
    type: '收据',
    code: '(01)03760123450014',
    gtin: '03760123450014',
    scheme: 'ftp:',
    merchant: '露米埃官方旗舰店',
    theirs: '5678',
    yours: '123X',
    limit: zh.money(2_600_000),
    single: zh.money(500_000),
    year: 2026,
    used: '1.2 MB',
    when: zh.date('2026-06-01T08:30:00Z', true),
    last4: '123X',
    host: 'crosscheck.example.evil.test',
  };
}

describe('the PWA in zh-CN', () => {
  it('every message, its placeholders filled as the screens fill them', () => {
    const values = pwaValues();
    const problems: string[] = [];
    for (const key of Object.keys(messages['zh-CN']) as MessageKey[]) {
      const text = translate('zh-CN', key, values);
      expect(text, key).not.toMatch(/\{\w+\}/);
      // Data: the storage figure's unit (as the browser reports bytes), a URL scheme and host.
      problems.push(...problemsOf(key, text, ['MB', 'ftp:', 'crosscheck.example.evil.test']));
    }
    expect(problems).toEqual([]);
  });

  it('counts take the language’s plural form: English says “1 parcel”, never “parcel(s)”', () => {
    const en = i18nFor('en');
    const zh = i18nFor('zh-CN');
    expect(en.tn('ledger.parcels', 1)).toBe('1 parcel linked');
    expect(en.tn('ledger.parcels', 2)).toBe('2 parcels linked');
    expect(en.tn('ledger.import.done', 1)).toBe('Imported 1 order.');
    expect(en.tn('ledger.import.rejected', 3)).toBe('3 entries in the file were refused:');
    expect(en.tn('age.days', 1)).toBe('1 day ago');
    expect(zh.tn('ledger.parcels', 1)).toBe('已关联 1 个包裹');
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const text of Object.values(messages[locale])) expect(text).not.toMatch(/\(s\)|\(ies\)|\(es\)/);
    }
  });

  it('the badge and its receipt button', () => {
    const problems = [
      ...Object.entries(BADGE_TEXT['zh-CN']).flatMap(([state, text]) => [
        ...problemsOf(`badge ${state} title`, text.title),
        ...problemsOf(`badge ${state} sub`, text.sub.replace('{product}', '兰蔻 小黑瓶').replace('{seller}', '露米埃官方旗舰店')),
      ]),
      ...Object.entries(RECEIPT_TEXT['zh-CN']).flatMap(([key, text]) => problemsOf(`receipt ${key}`, text)),
      ...problemsOf('details label', DETAILS_LABEL['zh-CN']),
    ];
    expect(problems).toEqual([]);
  });
});
