// Messages between the extension's parts, named by direction (darkreader's MessageTypeCStoBG…):
// ContentToBackground, PopupToBackground (popup and options pages), and the background's answers.
// Every receiver validates with these schemas before acting — a content script runs beside page
// code, so whatever arrives may have been shaped by a hostile page.
//
// zod/mini instead of classic zod: same checks, tree-shakable, so the content script's budget
// (≤ 30 KB gzip per shop) holds.
import * as z from 'zod/mini';

const fen = z.number().check(z.int(), z.minimum(0), z.maximum(1e13));
const shortText = (max: number) => z.string().check(z.maxLength(max));
const credentialText = shortText(8192);

export const ListingFactsSchema = z.object({
  title: shortText(300),
  priceFen: z.nullable(fen),
  quantity: z.number().check(z.int(), z.minimum(1), z.maximum(999)),
  specTexts: z.array(shortText(120)).check(z.maxLength(8)),
  hsCode: z.optional(z.string().check(z.regex(/^\d{8}(\d{2})?$/))),
  productId: z.optional(shortText(64)),
  gtin: z.optional(z.string().check(z.regex(/^\d{8,14}$/))),
});

export const CardFactsSchema = z.object({
  title: shortText(300),
  priceFen: z.nullable(fen),
  productId: z.optional(shortText(64)),
});

export type CardFacts = z.infer<typeof CardFactsSchema>;

export const OwnerProfileSchema = z.object({
  idLast4: z.string().check(z.regex(/^\d{3}[\dX]$/)),
  maskedName: z.optional(z.string().check(z.maxLength(16))),
});
const tabId = z.number().check(z.int(), z.minimum(0));
const origin = z.string().check(z.maxLength(300), z.regex(/^https?:\/\/[^/\s]+$/));
/**
 * The page's own language (its `<html lang>`, as the page wrote it): what the shop's reader reads,
 * so what CrossCheck says on that page is in it (extension/background/context.ts resolveLocale).
 * A page can only pick one of the two languages with it.
 */
const pageLang = z.optional(shortText(35));

export const ContentToBackground = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cs-bg-annotate-product'),
    origin,
    lang: pageLang,
    siteId: shortText(40),
    facts: ListingFactsSchema,
    badgeCount: z.number().check(z.int(), z.minimum(0), z.maximum(8)),
    listings: z.array(credentialText).check(z.maxLength(8)),
  }),
  z.object({
    type: z.literal('cs-bg-annotate-cards'),
    origin,
    lang: pageLang,
    cards: z.array(CardFactsSchema).check(z.maxLength(200)),
  }),
  // Offers only: a receipt is added from extension UI (the side panel), never from a page.
  z.object({ type: z.literal('cs-bg-offer-receipts'), origin, lang: pageLang, receipts: z.array(credentialText).check(z.maxLength(8)) }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackground>;

export const LocaleSetting = z.enum(['auto', 'en', 'zh-CN']);
export type LocaleSetting = z.infer<typeof LocaleSetting>;

export const PopupToBackground = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ui-bg-get-status') }),
  z.object({
    type: z.literal('ui-bg-calculate'),
    priceFen: fen,
    quantity: z.number().check(z.int(), z.minimum(1), z.maximum(999)),
    freightFen: fen,
    title: shortText(300),
  }),
  z.object({ type: z.literal('ui-bg-get-site-access'), url: shortText(2048) }),
  z.object({ type: z.literal('ui-bg-set-site-access'), origin, enabled: z.boolean() }),
  z.object({ type: z.literal('ui-bg-set-settings'), locale: z.optional(LocaleSetting), officialUsedFen: z.optional(z.nullable(fen)) }),
  z.object({ type: z.literal('ui-bg-export-ledger') }),
  z.object({ type: z.literal('ui-bg-import-ledger'), json: shortText(5_000_000) }),
  z.object({ type: z.literal('ui-bg-import-receipt'), receipt: credentialText }),
  z.object({ type: z.literal('ui-bg-refresh-trust') }),
  // The owner profile, validated in the options page with the core (ownerProfileFromIdNumber): only
  // the last four characters travel and are stored, never the full ID number.
  z.object({ type: z.literal('ui-bg-set-owner'), owner: z.nullable(OwnerProfileSchema) }),
  // The side panel: what CrossCheck found on one tab, and confirming a receipt that tab offered.
  z.object({ type: z.literal('ui-bg-get-tab-state'), tabId }),
  z.object({ type: z.literal('ui-bg-confirm-receipt'), tabId, receipt: credentialText }),
]);
export type PopupToBackground = z.infer<typeof PopupToBackground>;

// ——— Answers ———

export const Locale = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;

/** One of CrossCheck's languages for a BCP 47 tag ("zh", "zh-Hans-CN", "zh_TW", "en-GB"), or undefined for any other. */
export function localeOfTag(tag: string | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' ? 'zh-CN' : primary === 'en' ? 'en' : undefined;
}

/** A label/value line; both are text the content script inserts with textContent. */
const Row = z.object({ label: shortText(200), value: shortText(400) });

export const AuthenticityStatus = z.enum(['verified', 'not-genuine', 'not-verified']);
export type AuthenticityStatus = z.infer<typeof AuthenticityStatus>;

/**
 * What the page may be told about authenticity: only a negative finding. `neutral` covers both
 * "verified" and "no evidence" — the positive word is said only in extension UI (toolbar action,
 * side panel), where the page cannot draw.
 */
export const PageFinding = z.enum(['not-genuine', 'neutral']);
export type PageFinding = z.infer<typeof PageFinding>;

/**
 * The in-page annotation: public facts only (the tax estimate under the published rules, as for
 * a buyer with the whole annual quota left; the channel comparison) and negative findings. Nothing
 * from the ledger, so nothing here depends on who is looking.
 */
export const ProductAnnotation = z.object({
  locale: Locale,
  /** The `data-status` attribute. */
  status: PageFinding,
  statusText: shortText(400),
  /** The tax due on the channel that applies under the public rules, integer fen; null when no price could be read. */
  taxFen: z.nullable(fen),
  headline: shortText(300),
  /** Always visible under the headline. */
  rows: z.array(Row).check(z.maxLength(12)),
  /** Behind "breakdown". */
  breakdown: z.array(Row).check(z.maxLength(24)),
  breakdownLabel: shortText(40),
  note: shortText(400),
});
export type ProductAnnotation = z.infer<typeof ProductAnnotation>;

/** A list-page chip: the public rate, or "over limit" for one order over the per-order limit. */
export const CardChip = z.object({
  text: shortText(80),
  overLimit: z.boolean(),
  taxFen: z.nullable(fen),
});
export type CardChip = z.infer<typeof CardChip>;
export const CardChips = z.object({ locale: Locale, chips: z.array(CardChip).check(z.maxLength(200)) });
export type CardChips = z.infer<typeof CardChips>;

/** The in-page receipt notice: a neutral sentence pointing to CrossCheck's side panel, no button. */
export const ReceiptNotice = z.object({ locale: Locale, notice: shortText(400) });
export type ReceiptNotice = z.infer<typeof ReceiptNotice>;

export const ReceiptOffer = z.object({
  receipt: credentialText,
  ok: z.boolean(),
  alreadyInLedger: z.boolean(),
  /** Whose order (shared/verdict receiptOwnership against the owner profile), when the offer was accepted. */
  ownership: z.optional(z.enum(['owner', 'other-identity', 'unconfirmed'])),
  /** The side panel shows the confirm button only then: accepted from this origin, the owner's order, not yet in the ledger. */
  canAdd: z.boolean(),
  summary: shortText(600),
});
export type ReceiptOffer = z.infer<typeof ReceiptOffer>;

// ——— The trusted surfaces: the toolbar action per tab and the side panel ———

/** What CrossCheck found on one tab, kept in chrome.storage.session (extension pages only). */
export const TabState = z.object({
  /** The page address Chrome reported for the frame the findings came from. */
  url: shortText(2048),
  origin: shortText(300),
  at: shortText(40),
  locale: Locale,
  listing: z.optional(
    z.object({
      status: AuthenticityStatus,
      /** "Verified listing — <shop>", "Badge not genuine", "Not verified". */
      title: shortText(300),
      text: shortText(600),
      product: z.optional(shortText(300)),
      seller: z.optional(shortText(300)),
    }),
  ),
  estimate: z.optional(
    z.object({
      headline: shortText(300),
      admission: shortText(40),
      taxFen: z.nullable(fen),
      /** The quota warning before purchase (this order does not fit what is left this year). */
      quotaWarning: z.optional(shortText(600)),
      rows: z.array(Row).check(z.maxLength(14)),
      breakdown: z.array(Row).check(z.maxLength(24)),
    }),
  ),
  receipts: z.optional(z.array(ReceiptOffer).check(z.maxLength(8))),
});
export type TabState = z.infer<typeof TabState>;

export const TabStateAnswer = z.object({ locale: Locale, state: z.nullable(TabState), confirmLabel: shortText(80) });
export type TabStateAnswer = z.infer<typeof TabStateAnswer>;

export const AddReceiptResult = z.object({ ok: z.boolean(), message: shortText(400) });
export type AddReceiptResult = z.infer<typeof AddReceiptResult>;

/** Error answer any handler may give; `code` has an en and a zh-CN sentence in extension/strings.ts. */
export const ErrorAnswer = z.object({ error: shortText(60), message: shortText(400) });
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

// ——— Answers to the popup and options pages ———

export const StatusAnswer = z.object({
  locale: Locale,
  localeSetting: LocaleSetting,
  year: z.number().check(z.int()),
  usedFen: fen,
  annualLimitFen: fen,
  perOrderLimitFen: fen,
  remainingFen: fen,
  orderCount: z.number().check(z.int(), z.minimum(0)),
  /** What the user last typed in from the official quota look-up for this year. */
  officialUsedFen: z.nullable(fen),
  /** Amount the official figure shows beyond the ledger (someone else using your identity?). */
  unexplainedFen: z.nullable(fen),
  /** The owner profile kept on this device (ID ending, masked name), or null. */
  owner: z.nullable(OwnerProfileSchema),
  trust: z.object({
    source: z.enum(['built-in', 'network', 'none']),
    fetchedAt: z.nullable(shortText(40)),
    issuedAt: z.nullable(shortText(40)),
    ageText: shortText(120),
    stale: z.boolean(),
  }),
  /** The last time the PWA synced the ledger with us (SYNC.md); absent when it never has. */
  appLink: z.optional(z.object({ origin: shortText(300), lastSyncedAt: shortText(40) })),
});
export type StatusAnswer = z.infer<typeof StatusAnswer>;

export const CalculationAnswer = z.object({
  locale: Locale,
  taxFen: z.nullable(fen),
  admission: shortText(40),
  headline: shortText(300),
  rows: z.array(Row).check(z.maxLength(12)),
  breakdown: z.array(Row).check(z.maxLength(24)),
});
export type CalculationAnswer = z.infer<typeof CalculationAnswer>;

export const SiteAccessAnswer = z.object({
  /** built-in: a supported shop; granted/not-granted: another http(s) site; unsupported: chrome:// etc. */
  kind: z.enum(['built-in', 'granted', 'not-granted', 'unsupported']),
  origin: z.nullable(shortText(300)),
});
export type SiteAccessAnswer = z.infer<typeof SiteAccessAnswer>;

export const LedgerExportAnswer = z.object({ json: z.string(), fileName: shortText(80) });
export type LedgerExportAnswer = z.infer<typeof LedgerExportAnswer>;

export const ActionAnswer = z.object({ ok: z.boolean(), message: shortText(1000) });
export type ActionAnswer = z.infer<typeof ActionAnswer>;
