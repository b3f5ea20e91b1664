// The background's message handlers. Every message is validated with its direction's schema
// (extension/messages.ts) before anything happens; content scripts may only send
// ContentToBackground, and only our own extension pages may send PopupToBackground. Each handler
// reads the state it needs from storage (the worker keeps none) and answers with a validated shape.
//
// Pure apart from its deps, so test/unit/extension/router.test.ts runs it in Node with a Map store.
import { formatFen } from '../../shared/money/index.ts';
import { defaultPolicy, type Policy } from '../../shared/policy/index.ts';
import { importLedger, mergeLedgers, orderFromReceipt, serializeLedger, type LedgerContents } from '../../shared/ledger/index.ts';
import { ledgerFiguresOf, verifyReceipt } from '../../shared/verdict/index.ts';
import { SHOP_SITES } from '../content/sites/index.ts';
import {
  ContentToBackground,
  PopupToBackground,
  type ActionAnswer,
  type AddReceiptResult,
  type CalculationAnswer,
  type CardChips,
  type Locale,
  type ProductAnnotation,
  type ReceiptOffers,
  type SiteAccessAnswer,
  type StatusAnswer,
} from '../messages.ts';
import type { MessageSender } from '../platform/runtime.ts';
import { readClockFloor, readLedger, readSettings, writeClockFloor, writeLedger, writeSettings } from '../state.ts';
import { judgeAuthenticity } from './authenticity.ts';
import { estimateListing, type EstimateContext } from './estimate.ts';
import { chinaDate, quotaState } from './quota-usage.ts';
import { backgroundStrings, resolveLocale } from './strings.ts';
import { currentTrust, refreshTrust, type LoadedTrust, type TrustDeps } from './trust.ts';

export interface BackgroundDeps extends TrustDeps {
  uiLanguage(): string;
  siteAccess: {
    register(origin: string): Promise<void>;
    unregister(origin: string): Promise<void>;
    registered(): Promise<string[]>;
  };
  /** Positive-list look-up by HS code; undefined when the build ships no list. */
  onPositiveList?: (hsCode: string) => boolean | undefined;
}

type Answer = ProductAnnotation | CardChips | ReceiptOffers | AddReceiptResult | StatusAnswer | CalculationAnswer | SiteAccessAnswer | ActionAnswer | { json: string; fileName: string } | { error: string; message: string };

const ERRORS = {
  'bad-message': { en: 'The message was not understood.', 'zh-CN': '无法识别的消息。' },
  'wrong-sender': { en: 'This message is not accepted from there.', 'zh-CN': '不接受来自该处的此类消息。' },
  'no-trust': { en: 'No trust data: receipts cannot be verified.', 'zh-CN': '没有信任数据，无法验证收据。' },
} as const;

function error(code: keyof typeof ERRORS, locale: Locale): { error: string; message: string } {
  return { error: code, message: ERRORS[code][locale] };
}

/** A Chrome match pattern (scheme://host/path with * wildcards) as a RegExp. */
export function matchPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function createRouter(deps: BackgroundDeps) {
  const locale = async (): Promise<Locale> => resolveLocale((await readSettings(deps.store)).locale, deps.uiLanguage());

  /** Trust, policy and the clock floor for this request. */
  async function context(): Promise<{ trust: LoadedTrust | undefined; policy: Policy; now: Date; lastVerifiedAt?: Date }> {
    const trust = await currentTrust(deps);
    const floor = await readClockFloor(deps.store);
    return {
      trust,
      policy: trust?.bundle.policy ?? defaultPolicy(),
      now: deps.now(),
      ...(floor ? { lastVerifiedAt: new Date(floor) } : {}),
    };
  }

  async function estimateContext(lang: Locale, policy: Policy, ledger: LedgerContents, now: Date): Promise<EstimateContext> {
    const quota = quotaState(ledger, now, policy);
    return {
      date: chinaDate(now),
      usedThisYearFen: quota.usedFen,
      policy,
      locale: lang,
      ...(deps.onPositiveList ? { onPositiveList: deps.onPositiveList } : {}),
    };
  }

  async function onContent(message: ContentToBackground, sender: MessageSender): Promise<Answer> {
    const lang = await locale();
    // The page's origin comes from Chrome, not from the message: a listing is judged where it is shown.
    if (!sender.origin || sender.origin !== message.origin) return error('wrong-sender', lang);
    const t = backgroundStrings(lang);
    const { trust, policy, now, lastVerifiedAt } = await context();
    const ledger = await readLedger(deps.store);

    switch (message.type) {
      case 'cs-bg-annotate-product': {
        const estimate = estimateListing(message.facts, await estimateContext(lang, policy, ledger, now));
        const authenticity = await judgeAuthenticity(
          {
            origin: sender.origin,
            badgeCount: message.badgeCount,
            listings: message.listings,
            title: message.facts.title,
            ...(message.facts.gtin ? { gtin: message.facts.gtin } : {}),
          },
          trust ? { bundle: trust.bundle, now, ...(lastVerifiedAt ? { lastVerifiedAt } : {}) } : undefined,
          lang,
        );
        if (authenticity.verdicts.length > 0) await writeClockFloor(deps.store, now.toISOString());
        const statusText = { verified: t.statusVerified, 'not-genuine': t.statusNotGenuine, 'not-verified': t.statusNotVerified }[authenticity.status];
        return {
          locale: lang,
          status: authenticity.status,
          statusText: `${statusText}: ${authenticity.text}`.slice(0, 400),
          taxFen: estimate.taxFen,
          admission: estimate.admission,
          headline: estimate.headline,
          rows: estimate.rows.slice(0, 12).map(clip),
          breakdown: estimate.breakdown.slice(0, 24).map(clip),
          breakdownLabel: t.breakdown,
          note: t.note,
        };
      }
      case 'cs-bg-annotate-cards': {
        const ctx = await estimateContext(lang, policy, ledger, now);
        const chips = message.cards.map((card) => {
          const e = estimateListing({ title: card.title, priceFen: card.priceFen, quantity: 1, specTexts: [] }, ctx);
          const c = e.comparison;
          const text =
            !c ? '—' : e.admission === 'within-limits' ? t.chipComposite(shareOf(c.cbec.totalFen, c.goodsValueFen)) : (lang === 'zh-CN' ? '超限' : 'over limit');
          const title = !c
            ? e.headline
            : e.admission === 'within-limits'
              ? t.chipTitle(formatFen(c.cbec.totalFen, lang), formatFen(c.admission.remainingAfterFen, lang))
              : t.chipRefusedTitle(c.admission.message[lang]);
          return { text: text.slice(0, 80), title: title.slice(0, 300), admission: e.admission, taxFen: e.taxFen };
        });
        return { locale: lang, chips };
      }
      case 'cs-bg-inspect-receipts': {
        const offers = [];
        for (const receipt of message.receipts) offers.push(await inspectReceipt(receipt, trust, now, lastVerifiedAt, ledger, lang));
        return { locale: lang, offers, button: t.receiptButton };
      }
      case 'cs-bg-add-receipt':
        return addReceipt(message.receipt, lang);
    }
  }

  /** Verifies a receipt again and adds it to the ledger (only ever on the user's click or paste). */
  async function addReceipt(receipt: string, lang: Locale): Promise<AddReceiptResult> {
    const t = backgroundStrings(lang);
    const { trust, now, lastVerifiedAt } = await context();
    if (!trust) return { ok: false, message: ERRORS['no-trust'][lang] };
    const checked = await verifyReceipt(receipt, { bundle: trust.bundle, now, ...(lastVerifiedAt ? { lastVerifiedAt } : {}) });
    await writeClockFloor(deps.store, now.toISOString());
    if (!checked.ok) {
      const why = checked.verdict.reasons.find((r) => r.severity === 'error')?.message[lang] ?? checked.verdict.status;
      return { ok: false, message: t.receiptInvalid(why).slice(0, 400) };
    }
    const ledger = await readLedger(deps.store);
    const orderId = checked.claims.orderId;
    if (ledger.orders.some((o) => o.orderId === orderId)) return { ok: true, message: t.receiptInLedger(orderId) };
    const order = orderFromReceipt(receipt, ledgerFiguresOf(checked.claims), now.toISOString());
    await writeLedger(deps.store, { ...ledger, orders: [...ledger.orders, order] });
    return { ok: true, message: t.receiptAdded(orderId) };
  }

  async function onPopup(message: PopupToBackground): Promise<Answer> {
    const lang = await locale();
    const t = backgroundStrings(lang);
    switch (message.type) {
      case 'ui-bg-get-status': {
        const { trust, policy, now } = await context();
        const ledger = await readLedger(deps.store);
        const quota = quotaState(ledger, now, policy);
        const settings = await readSettings(deps.store);
        const issuedAt = trust?.bundle.issuedAt ?? null;
        const stale = !!trust && now.getTime() - trust.bundle.issuedAt.getTime() > trust.bundle.maxAgeSeconds * 1000;
        return {
          locale: lang,
          localeSetting: settings.locale,
          year: quota.year,
          usedFen: quota.usedFen,
          annualLimitFen: quota.annualLimitFen,
          perOrderLimitFen: quota.perOrderLimitFen,
          remainingFen: quota.remainingFen,
          orderCount: ledger.orders.length,
          officialUsedFen: quota.officialUsedFen,
          unexplainedFen: quota.unexplainedFen,
          trust: {
            source: trust ? trust.cache.source : 'none',
            fetchedAt: trust?.cache.fetchedAt ?? null,
            issuedAt: issuedAt ? issuedAt.toISOString() : null,
            ageText: trust
              ? `${t.trustAge(chinaDate(trust.bundle.issuedAt), trust.cache.source === 'network' ? t.sourceNetwork : t.sourceBuiltIn)}${stale ? ` ${t.trustStale}` : ''}`
              : t.noTrust,
            stale,
          },
        };
      }
      case 'ui-bg-calculate': {
        const { policy, now } = await context();
        const ledger = await readLedger(deps.store);
        const e = estimateListing(
          { title: message.title, priceFen: message.priceFen, quantity: message.quantity, specTexts: [], freightFen: message.freightFen },
          await estimateContext(lang, policy, ledger, now),
        );
        return { locale: lang, taxFen: e.taxFen, admission: e.admission, headline: e.headline, rows: e.rows.slice(0, 12).map(clip), breakdown: e.breakdown.slice(0, 24).map(clip) };
      }
      case 'ui-bg-get-site-access': {
        let url: URL;
        try {
          url = new URL(message.url);
        } catch {
          return { kind: 'unsupported', origin: null };
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'unsupported', origin: null };
        if (SHOP_SITES.some((s) => s.matches.some((p) => matchPattern(p).test(url.href)))) return { kind: 'built-in', origin: url.origin };
        const registered = await deps.siteAccess.registered();
        return { kind: registered.includes(url.origin) ? 'granted' : 'not-granted', origin: url.origin };
      }
      case 'ui-bg-set-site-access': {
        if (message.enabled) await deps.siteAccess.register(message.origin);
        else await deps.siteAccess.unregister(message.origin);
        return { ok: true, message: message.enabled ? t.siteOn : t.siteOff };
      }
      case 'ui-bg-set-settings': {
        if (message.locale) await writeSettings(deps.store, { locale: message.locale });
        if (message.officialUsedFen !== undefined) {
          const ledger = await readLedger(deps.store);
          const now = deps.now();
          const year = Number(chinaDate(now).slice(0, 4));
          const others = ledger.officialFigures.filter((f) => f.year !== year);
          const figures = message.officialUsedFen === null ? others : [...others, { year, usedFen: message.officialUsedFen, enteredAt: now.toISOString() }];
          await writeLedger(deps.store, { ...ledger, officialFigures: figures });
        }
        return { ok: true, message: backgroundStrings(await locale()).settingsSaved };
      }
      case 'ui-bg-export-ledger': {
        const now = deps.now();
        return { json: serializeLedger(await readLedger(deps.store), now), fileName: `crosscheck-ledger-${chinaDate(now)}.json` };
      }
      case 'ui-bg-import-ledger': {
        const { trust, now, lastVerifiedAt } = await context();
        const bundle = trust?.bundle;
        const result = await importLedger(message.json, async (payload) => {
          if (!bundle) return { ok: false, reason: { code: 'no-trust', en: ERRORS['no-trust'].en, zh: ERRORS['no-trust']['zh-CN'] } };
          const checked = await verifyReceipt(payload, { bundle, now, ...(lastVerifiedAt ? { lastVerifiedAt } : {}) });
          if (checked.ok) return { ok: true, figures: ledgerFiguresOf(checked.claims) };
          const r = checked.verdict.reasons.find((x) => x.severity === 'error');
          return { ok: false, reason: { code: r?.code ?? checked.verdict.status, en: r?.message.en ?? checked.verdict.status, zh: r?.message['zh-CN'] ?? checked.verdict.status } };
        });
        if (!result.ok) return { ok: false, message: lang === 'zh-CN' ? result.error.zh : result.error.en };
        const merged = mergeLedgers(await readLedger(deps.store), result.result.contents);
        await writeLedger(deps.store, merged);
        return { ok: true, message: t.ledgerImported(result.result.contents.orders.length, result.result.rejected.length) };
      }
      case 'ui-bg-import-receipt':
        return addReceipt(message.receipt, lang);
      case 'ui-bg-refresh-trust': {
        const outcome = await refreshTrust(deps);
        return { ok: outcome === 'updated' || outcome === 'unchanged', message: outcome };
      }
    }
  }

  return {
    async handle(raw: unknown, sender: MessageSender): Promise<Answer> {
      if (sender.fromExtensionPage) {
        const parsed = PopupToBackground.safeParse(raw);
        return parsed.success ? onPopup(parsed.data) : error('bad-message', await locale());
      }
      const parsed = ContentToBackground.safeParse(raw);
      return parsed.success ? onContent(parsed.data, sender) : error('bad-message', await locale());
    },
  };
}

/** What an order page's receipt is, for the offer (verification only; nothing is stored). */
async function inspectReceipt(receipt: string, trust: LoadedTrust | undefined, now: Date, lastVerifiedAt: Date | undefined, ledger: LedgerContents, lang: Locale) {
  const t = backgroundStrings(lang);
  if (!trust) return { receipt, ok: false, alreadyInLedger: false, summary: ERRORS['no-trust'][lang] };
  const checked = await verifyReceipt(receipt, { bundle: trust.bundle, now, ...(lastVerifiedAt ? { lastVerifiedAt } : {}) });
  if (!checked.ok) {
    const why = checked.verdict.reasons.find((r) => r.severity === 'error')?.message[lang] ?? checked.verdict.status;
    return { receipt, ok: false, alreadyInLedger: false, summary: t.receiptInvalid(why).slice(0, 400) };
  }
  const c = checked.claims;
  const already = ledger.orders.some((o) => o.orderId === c.orderId);
  return {
    receipt,
    ok: true,
    alreadyInLedger: already,
    summary: (already ? t.receiptInLedger(c.orderId) : t.receiptSummary(c.orderId, formatFen(c.dutiableValueFen, lang), formatFen(c.taxFen, lang))).slice(0, 400),
  };
}

function clip(row: { label: string; value: string }) {
  return { label: row.label.slice(0, 200), value: row.value.slice(0, 400) };
}

function shareOf(taxFen: number, valueFen: number): string {
  if (valueFen <= 0) return '—';
  const tenths = Math.floor((taxFen * 1000 + Math.floor(valueFen / 2)) / valueFen);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
