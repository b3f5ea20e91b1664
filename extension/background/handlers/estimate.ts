// A listing's taxes and quota fit, as the lines the annotation, the list chips and the popup's
// calculator show. All arithmetic is shared/tax (compareChannels) and shared/quota; this file picks
// what to show and says it in words.
import { classifyTitle, lookupPositiveList, parseNetContent, taxClassLabel, type NetContent } from '../../../shared/catalog/index.ts';
import { formatFen } from '../../../shared/money/index.ts';
import { chinaDate, type Policy } from '../../../shared/policy/index.ts';
import { compareChannels, type ChannelComparison } from '../../../shared/tax/index.ts';
import type { CalculationAnswer, CardChips, CardFacts, ContentToBackground, Locale, PopupToBackground, ProductAnnotation } from '../../messages.ts';
import { readLedger, writeClockFloor } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import { clip, judging, verifyOptions, type BackgroundDeps, type Judging, type PositiveListAnswer } from '../context.ts';
import { authenticityTitle, judgeAuthenticity, statusLine } from './authenticity.ts';
import { quotaState } from './ledger.ts';
import { updateTabState, type TabSource } from './tab-state.ts';

export interface ListingForEstimate {
  title: string;
  priceFen: number | null;
  quantity: number;
  specTexts: string[];
  hsCode?: string;
  freightFen?: number;
}

export interface EstimateContext {
  date: string;
  usedThisYearFen: number;
  policy: Policy;
  locale: Locale;
  /** Positive-list look-up by HS code on the estimate's date, or undefined when no list data is available. */
  onPositiveList?: (hsCode: string, day: string) => PositiveListAnswer | undefined;
  /**
   * False for what goes into a page: then `usedThisYearFen` is 0 (the public rules, as for a buyer
   * with the whole annual quota left) and no row names a ledger figure.
   */
  personal: boolean;
}

export interface Row {
  label: string;
  value: string;
}

export interface Estimate {
  taxFen: number | null;
  admission: string;
  headline: string;
  rows: Row[];
  breakdown: Row[];
  comparison: ChannelComparison | null;
}

/**
 * The bundled positive list (shared/catalog, a partial list with its provenance and dates) on `day`:
 * listed by an authoritative row → 'listed', by an unverified or possibly outdated row →
 * 'listed-unverified', not in the list we ship → 'not-in-our-copy', an HS code that is not one →
 * undefined (no row shown as fact).
 */
export function onBundledPositiveList(hsCode: string, day: string): PositiveListAnswer | undefined {
  const found = lookupPositiveList(hsCode, undefined, day);
  if (found.status === 'listed') return found.authoritative ? 'listed' : 'listed-unverified';
  return found.status === 'not-listed' ? 'not-in-our-copy' : undefined;
}

/** Net content of what the listed price buys: the title (knows pack counts) first, then the spec rows. */
export function listingNetContent(title: string, specTexts: readonly string[]): { content?: NetContent; fromTitle: boolean } {
  const fromTitle = classifyTitle(title).netContent;
  if (fromTitle) return { content: fromTitle, fromTitle: true };
  for (const spec of specTexts) {
    const parsed = parseNetContent(spec);
    if (parsed) return { content: { value: parsed.value, unit: parsed.unit }, fromTitle: false };
  }
  return { fromTitle: false };
}

/** "9.1 %": tax as a share of the goods value, one decimal, from integers only. */
export function shareText(taxFen: number, valueFen: number): string {
  if (valueFen <= 0) return '—';
  const tenths = Math.floor((taxFen * 1000 + Math.floor(valueFen / 2)) / valueFen); // half-up, integers only
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export function estimateListing(listing: ListingForEstimate, ctx: EstimateContext): Estimate {
  const t = backgroundText(ctx.locale);
  const f = (fen: number) => formatFen(fen, ctx.locale);
  const readRow: Row = { label: t.readFromPage, value: listing.title };
  if (listing.priceFen === null || listing.priceFen <= 0) {
    return { taxFen: null, admission: 'unknown', headline: t.headlineNoPrice, rows: [readRow], breakdown: [], comparison: null };
  }
  const classification = classifyTitle(listing.title);
  const net = listingNetContent(listing.title, listing.specTexts);
  const comparison = compareChannels(
    {
      date: ctx.date,
      items: [
        {
          name: listing.title.slice(0, 500) || '—',
          priceFen: listing.priceFen,
          quantity: listing.quantity,
          taxClass: classification.taxClass,
          ...(net.content ? { netContent: net.content } : {}),
          ...(listing.hsCode ? { hsCode: listing.hsCode } : {}),
        },
      ],
      ...(listing.freightFen ? { freightFen: listing.freightFen } : {}),
    },
    { usedThisYearFen: ctx.usedThisYearFen, policy: ctx.policy },
  );
  const { admission, cbec, postal, generalTrade } = comparison;
  const item = comparison.items[0]!;
  const headline =
    admission.status === 'within-limits'
      ? t.headlineComposite(f(cbec.totalFen), shareText(cbec.totalFen, comparison.goodsValueFen))
      : admission.status === 'single-item-full-tax'
        ? t.headlineFull(f(cbec.totalFen))
        : t.headlineRefused(f(generalTrade.totalFen));

  const rows: Row[] = [
    { label: t.rule, value: admission.message[ctx.locale] },
    ...(ctx.personal ? [{ label: t.quotaLeft, value: t.quotaLeftValue(f(admission.remainingAfterFen), f(ctx.usedThisYearFen)) }] : []),
    { label: t.postal, value: postal.exempt ? t.postalExempt(f(postal.assessedFen), f(postal.exemptUpToFen)) : f(postal.totalFen) },
    { label: t.general, value: f(generalTrade.totalFen) },
    {
      label: t.taxClass,
      // The class the tax used: the page's HS code decides it when a policy row covers the code.
      value: `${taxClassLabel(item.taxClass, ctx.locale)}${!item.hsClassRule && classification.confidence === 'low' ? ` (${t.guessed})` : ''}`,
    },
  ];
  if (item.taxClass === 'cosmetics' || item.taxClass === 'make-up') {
    const up = item.consumptionTax.unitPrice;
    if (up && up.unit !== 'article' && up.unit !== 'tonne') {
      const threshold = up.thresholdFen === undefined ? '' : f(up.thresholdFen);
      rows.push({
        label: t.perUnit(up.unit),
        value: `${f(up.fenPerUnit)} — ${up.meetsThreshold ? t.highEnd(threshold, up.unit) : t.notHighEnd(threshold, up.unit)}`,
      });
    } else {
      rows.push({ label: t.perUnit('ml'), value: t.netContentUnknown });
    }
  }
  if (listing.hsCode) {
    const answer = ctx.onPositiveList?.(listing.hsCode, ctx.date);
    const say = { listed: t.listed, 'listed-unverified': t.listedUnverified, 'not-in-our-copy': t.notListed } as const;
    rows.push({ label: t.positiveList, value: answer === undefined ? t.listUnknown(listing.hsCode) : say[answer](listing.hsCode) });
  }
  rows.push(readRow);

  const taxLabel = { tariff: t.tariff, 'consumption-tax': t.consumptionTax, vat: t.vat, postal: t.postal } as const;
  const breakdown: Row[] = [
    { label: t.dutiable, value: f(comparison.dutiableValueFen) },
    ...cbec.lines.map((line) => ({ label: taxLabel[line.tax], value: `${f(line.amountFen)} = ${line.formula[ctx.locale]}` })),
    ...item.evidence.map((e) => ({ label: t.taxClass, value: e[ctx.locale] })),
  ];
  return { taxFen: cbec.totalFen, admission: admission.status, headline, rows, breakdown: breakdown.slice(0, 24), comparison };
}

/**
 * The figures an estimate starts from: today in China, the policy, and — for extension UI only —
 * this year's use from the ledger. For a page (`personal` false) the ledger is not even read.
 */
async function estimateContext(deps: BackgroundDeps, j: Judging, lang: Locale, personal: boolean): Promise<EstimateContext> {
  const usedThisYearFen = personal ? quotaState(await readLedger(deps.store), j.now, j.policy).usedFen : 0;
  return {
    date: chinaDate(j.now),
    usedThisYearFen,
    policy: j.policy,
    locale: lang,
    personal,
    ...(deps.onPositiveList ? { onPositiveList: deps.onPositiveList } : {}),
  };
}

type AnnotateProduct = Extract<ContentToBackground, { type: 'cs-bg-annotate-product' }>;

/**
 * cs-bg-annotate-product. Two answers from one look: the page gets the public estimate and, of
 * authenticity, only a negative finding (ProductAnnotation); the tab's trusted surfaces (toolbar
 * action, side panel) get the verdict in words, the product it names and the estimate with this
 * year's ledger and the quota warning. `source` is the tab and top-frame address Chrome reported;
 * without it (a sub-frame) nothing is said in the trusted surfaces. The page's answer is in
 * `pageLang` (the page's own language, context.ts resolveLocale), the trusted surfaces' — extension
 * UI like the popup — in `lang` (the user's choice, else the browser's).
 */
export async function annotateProduct(
  deps: BackgroundDeps,
  message: AnnotateProduct,
  origin: string,
  langs: { page: Locale; ui: Locale },
  source?: TabSource,
): Promise<ProductAnnotation> {
  const { page: pageLang, ui: lang } = langs;
  const t = backgroundText(lang);
  const tp = backgroundText(pageLang);
  const j = await judging(deps);
  const publicEstimate = estimateListing(message.facts, await estimateContext(deps, j, pageLang, false));
  const authenticity = await judgeAuthenticity(
    {
      origin,
      ...(source ? { url: source.url } : {}),
      badgeCount: message.badgeCount,
      listings: message.listings,
      title: message.facts.title,
      ...(message.facts.gtin ? { gtin: message.facts.gtin } : {}),
    },
    verifyOptions(j),
  );
  if (authenticity.verdicts.length > 0) await writeClockFloor(deps.store, j.now.toISOString());

  if (source) {
    const own = estimateListing(message.facts, await estimateContext(deps, j, lang, true));
    const quotaWarning =
      own.comparison && own.admission !== 'within-limits' && own.admission !== publicEstimate.admission
        ? t.quotaWarning(own.comparison.admission.message[lang]).slice(0, 600)
        : undefined;
    await updateTabState(deps, source, lang, {
      listing: {
        status: authenticity.status,
        title: authenticityTitle(authenticity, lang).slice(0, 300),
        text: authenticity.text[lang].slice(0, 600),
        ...(authenticity.product ? { product: authenticity.product.slice(0, 300) } : {}),
        ...(authenticity.seller ? { seller: authenticity.seller[lang].slice(0, 300) } : {}),
      },
      estimate: {
        headline: own.headline,
        admission: own.admission,
        taxFen: own.taxFen,
        ...(quotaWarning ? { quotaWarning } : {}),
        rows: own.rows.slice(0, 14).map(clip),
        breakdown: own.breakdown.slice(0, 24).map(clip),
      },
    });
  }

  const negative = authenticity.status === 'not-genuine';
  return {
    locale: pageLang,
    status: negative ? 'not-genuine' : 'neutral',
    statusText: negative ? statusLine(authenticity, pageLang) : tp.pageNeutral,
    taxFen: publicEstimate.taxFen,
    headline: publicEstimate.headline,
    rows: publicEstimate.rows.slice(0, 12).map(clip),
    breakdown: publicEstimate.breakdown.slice(0, 24).map(clip),
    breakdownLabel: tp.breakdown,
    note: tp.note,
  };
}

/**
 * cs-bg-annotate-cards: one chip per card on a list page — the rate under the public rules, or
 * "over limit" when one order is over the per-order limit. No ledger figure: the page can set any
 * price on a card and read the chip back.
 */
export async function annotateCards(deps: BackgroundDeps, cards: readonly CardFacts[], lang: Locale): Promise<CardChips> {
  const t = backgroundText(lang);
  const ctx = await estimateContext(deps, await judging(deps), lang, false);
  const chips = cards.map((card) => {
    const e = estimateListing({ title: card.title, priceFen: card.priceFen, quantity: 1, specTexts: [] }, ctx);
    const c = e.comparison;
    const within = e.admission === 'within-limits';
    const text = !c ? '—' : within ? t.chipComposite(shareText(c.cbec.totalFen, c.goodsValueFen)) : t.chipOverLimit;
    return { text: text.slice(0, 80), overLimit: !!c && !within, taxFen: e.taxFen };
  });
  return { locale: lang, chips };
}

type Calculate = Extract<PopupToBackground, { type: 'ui-bg-calculate' }>;

/** ui-bg-calculate: the popup's calculator. */
export async function calculate(deps: BackgroundDeps, message: Calculate, lang: Locale): Promise<CalculationAnswer> {
  const e = estimateListing(
    { title: message.title, priceFen: message.priceFen, quantity: message.quantity, specTexts: [], freightFen: message.freightFen },
    await estimateContext(deps, await judging(deps), lang, true),
  );
  return { locale: lang, taxFen: e.taxFen, admission: e.admission, headline: e.headline, rows: e.rows.slice(0, 12).map(clip), breakdown: e.breakdown.slice(0, 24).map(clip) };
}
