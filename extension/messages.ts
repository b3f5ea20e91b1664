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

const origin = z.string().check(z.maxLength(300), z.regex(/^https?:\/\/[^/\s]+$/));

export const ContentToBackground = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cs-bg-annotate-product'),
    origin,
    siteId: shortText(40),
    facts: ListingFactsSchema,
    badgeCount: z.number().check(z.int(), z.minimum(0), z.maximum(8)),
    listings: z.array(credentialText).check(z.maxLength(8)),
  }),
  z.object({
    type: z.literal('cs-bg-annotate-cards'),
    origin,
    cards: z.array(CardFactsSchema).check(z.maxLength(200)),
  }),
  z.object({ type: z.literal('cs-bg-inspect-receipts'), origin, receipts: z.array(credentialText).check(z.maxLength(8)) }),
  z.object({ type: z.literal('cs-bg-add-receipt'), origin, receipt: credentialText }),
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
]);
export type PopupToBackground = z.infer<typeof PopupToBackground>;

// ——— Answers ———

export const Locale = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;

/** A label/value line; both are text the content script inserts with textContent. */
const Row = z.object({ label: shortText(200), value: shortText(400) });

export const AuthenticityStatus = z.enum(['verified', 'not-genuine', 'not-verified']);
export type AuthenticityStatus = z.infer<typeof AuthenticityStatus>;

export const ProductAnnotation = z.object({
  locale: Locale,
  /** Authenticity of the listing: the `data-status` attribute. */
  status: AuthenticityStatus,
  statusText: shortText(400),
  /** The tax due on the channel that applies, integer fen; null when no price could be read. */
  taxFen: z.nullable(fen),
  /** quota admission (shared/quota), or `unknown` when no price could be read. */
  admission: shortText(40),
  headline: shortText(300),
  /** Always visible under the headline. */
  rows: z.array(Row).check(z.maxLength(12)),
  /** Behind "breakdown". */
  breakdown: z.array(Row).check(z.maxLength(24)),
  breakdownLabel: shortText(40),
  note: shortText(400),
});
export type ProductAnnotation = z.infer<typeof ProductAnnotation>;

export const CardChip = z.object({
  text: shortText(80),
  title: shortText(300),
  admission: shortText(40),
  taxFen: z.nullable(fen),
});
export type CardChip = z.infer<typeof CardChip>;
export const CardChips = z.object({ locale: Locale, chips: z.array(CardChip).check(z.maxLength(200)) });
export type CardChips = z.infer<typeof CardChips>;

export const ReceiptOffer = z.object({
  receipt: credentialText,
  ok: z.boolean(),
  alreadyInLedger: z.boolean(),
  summary: shortText(400),
});
export type ReceiptOffer = z.infer<typeof ReceiptOffer>;
export const ReceiptOffers = z.object({ locale: Locale, offers: z.array(ReceiptOffer).check(z.maxLength(8)), button: shortText(80) });
export type ReceiptOffers = z.infer<typeof ReceiptOffers>;

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
  trust: z.object({
    source: z.enum(['built-in', 'network', 'none']),
    fetchedAt: z.nullable(shortText(40)),
    issuedAt: z.nullable(shortText(40)),
    ageText: shortText(120),
    stale: z.boolean(),
  }),
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
