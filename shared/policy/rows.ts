// The shape of a policy row. Every rule CrossCheck applies is one of these rows: dated
// (validFrom/validTo, ISO dates, both inclusive), with its legal source and how sure we are of it.
// A change in the law is a new row with a later validFrom, never a new branch in code.
// zod/mini (the functional, tree-shakable form of zod 4: same core, same checks and issue paths),
// so an app bundle carries only the checks these rows use. The module must stay free of side
// effects for bundlers: shared/trust imports shared/policy, and a build that never creates a
// policy (the merchant badge, which opens the trust bundle without its rules) should carry none of
// it. Calls to zod's functions are marked side-effect free by zod itself; `.check(…)` method calls
// are marked here with /* @__PURE__ */, and the row shapes are made by `rowOfKind` (no top-level spread).
import * as z from 'zod/mini';
import { TAX_CLASS_IDS } from '../catalog/tax-classes.ts';
import { isIsoDate } from './dates.ts';

const isoDate = /* @__PURE__ */ z.string().check(z.refine(isIsoDate, { message: 'must be a real calendar date YYYY-MM-DD' }));
const fen = /* @__PURE__ */ z.number().check(z.int(), z.nonnegative(), z.refine((n: number) => Number.isSafeInteger(n), { message: 'must be a safe integer of fen' }));
/** A rate in basis points: 1300 = 13 %. Below 100 % so that 1 / (1 − rate) exists. */
const basisPoints = /* @__PURE__ */ z.number().check(z.int(), z.minimum(0), z.maximum(9_999));
const taxClass = z.enum(TAX_CLASS_IDS);
const positive = /* @__PURE__ */ z.number().check(z.positive());
const postalCategoryNumber = /* @__PURE__ */ z.number().check(z.int(), z.minimum(1), z.maximum(4));
const nonEmpty = /* @__PURE__ */ z.string().check(z.minLength(1));

/**
 * Grades from cbec-rules.md: OFF official text, REPRINT official text reprinted (checked against a
 * second copy), SEC secondary (news, blog, law firm), MEM the researcher's memory, unverified.
 */
export const sourceSchema = /* @__PURE__ */ z
  .strictObject({
    instrument: nonEmpty,
    article: z.optional(nonEmpty),
    url: z.optional(z.url()),
    grade: z.enum(['OFF', 'REPRINT', 'SEC', 'MEM']),
    /**
     * The day the instrument took effect (for a table summarising several notices, the day its
     * last cited part did). A row may not rely on an instrument before that day: createPolicy
     * refuses a row whose validFrom is earlier.
     */
    inForceFrom: z.optional(isoDate),
  })
  .check(
    z.refine((s: { grade: string; url?: string | undefined }) => s.grade === 'MEM' || s.url !== undefined, {
      message: 'a source other than MEM needs a url',
    }),
  );

export type PolicySource = z.infer<typeof sourceSchema>;

const common = {
  id: /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by - or .')),
  validFrom: isoDate,
  /** Last day the row applies (inclusive); absent = until a row with a later validFrom replaces it. */
  validTo: z.optional(isoDate),
  source: sourceSchema,
  /** high: official text read; medium: reprint or consistent secondary sources; low: memory or one weak source. */
  confidence: z.enum(['high', 'medium', 'low']),
  /** Open questions from cbec-rules §8 that this value depends on, e.g. "OPEN-7". */
  open: z.optional(z.array(/* @__PURE__ */ z.string().check(z.regex(/^OPEN-\d+$/)))),
  note: z.optional(z.string()),
};

/** One kind of row: its discriminator, the common fields, then its own (in that order: the first bad field is the one reported). */
// @__NO_SIDE_EFFECTS__
function rowOfKind<const K extends string, S extends z.core.$ZodLooseShape>(kind: K, shape: S) {
  return z.strictObject({ kind: z.literal(kind), ...common, ...shape });
}

const specificDuty = z.strictObject({
  /** Fen levied per `per` units of `unit`. */
  amountFen: fen,
  per: positive,
  /**
   * 'ml-or-g': the law's "500克（或者500毫升）"; 'tonne': converted from litres by litresPerTonne;
   * 'kg': per kilogram, litres converted by kgPerLitre (customs' 1 l = 0.912 kg for spirits).
   */
  unit: z.enum(['ml-or-g', 'tonne', 'kg']),
  litresPerTonne: z.optional(positive),
  kgPerLitre: z.optional(positive),
});

export type SpecificDuty = z.infer<typeof specificDuty>;

const consumptionTaxTier = z.strictObject({
  /** Machine name of the tier, e.g. "high-end" or "class-a". */
  name: nonEmpty,
  /** For measure 'unit-price' and 'price-per-tonne': the tier applies from this many fen. */
  atLeastFen: z.optional(fen),
  /**
   * For measure 'unit-price' and 'price-per-tonne', instead of atLeastFen: a threshold the law sets in
   * US dollars (imported beer: 完税价格 ≥ 370 USD per tonne), in cents. The dutiable value, in fen, is
   * compared with it at the customs exchange rate the order gives (Order.customsUsdRate).
   */
  atLeastUsdCents: z.optional(fen),
  /** For measure 'price-per-net-content': fen per ml, per g and per piece from which the tier applies. */
  atLeastFenPer: z.optional(z.strictObject({ ml: fen, g: fen, piece: fen })),
  adValoremBp: basisPoints,
  specific: z.optional(specificDuty),
});

export type ConsumptionTaxTier = z.infer<typeof consumptionTaxTier>;

export const policyRowSchema = z.discriminatedUnion('kind', [
  rowOfKind('quota', {
    perOrderLimitFen: fen,
    annualLimitFen: fen,
    /**
     * One indivisible article over the per-order limit: 'cbec-full-tax' (49号 §二: CBEC channel, full
     * tax, counts toward the year; the default) or 'general-trade' (18号 §三: 按照一般贸易方式全额征税,
     * not a CBEC transaction, so not counted toward the annual total).
     */
    singleArticleOverLimit: z.optional(z.enum(['cbec-full-tax', 'general-trade'])),
  }),
  rowOfKind('cbec-preference', {
    /** Share of the statutory VAT and consumption tax levied within the limits (7000 = 70 %). */
    factorBp: /* @__PURE__ */ z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
    tariffWithinLimitsBp: basisPoints,
  }),
  rowOfKind('vat-rate', { band: z.enum(['standard', 'reduced']), rateBp: basisPoints }),
  rowOfKind('vat-band', { taxClass, band: z.enum(['standard', 'reduced']) }),
  rowOfKind('consumption-tax', {
    taxClass,
    /** Chinese name of the 税目, for display. */
    item: nonEmpty,
    /**
     * What selects the tier: 'flat' (one tier), 'unit-price' (dutiable value of one article),
     * 'price-per-net-content' (per ml, g or piece), 'price-per-tonne'.
     */
    measure: z.enum(['flat', 'unit-price', 'price-per-net-content', 'price-per-tonne']),
    /** Ascending; the first has no threshold; the highest tier whose threshold is met applies. */
    tiers: /* @__PURE__ */ z.array(consumptionTaxTier).check(z.minLength(1)),
  }),
  rowOfKind('tariff', { taxClass, rateBp: basisPoints }),
  rowOfKind('postal-rate', { category: postalCategoryNumber, rateBp: basisPoints }),
  rowOfKind('postal-category', {
    taxClass,
    category: postalCategoryNumber,
    /** Category when the article is in the consumption-tax scope (high-end cosmetics or watches). */
    consumptionTaxedCategory: z.optional(postalCategoryNumber),
  }),
  rowOfKind('postal-exemption', { exemptUpToFen: fen }),
  rowOfKind('postal-parcel-limit', { origin: z.enum(['hk-mo-tw', 'other']), limitFen: fen }),
  /**
   * An HS code (or its first digits) decides the tax class before the title classifier does: the
   * longest prefix in force wins. 4 to 10 digits, no dots.
   */
  rowOfKind('hs-class', {
    hsPrefix: /* @__PURE__ */ z.string().check(z.regex(/^\d{4,10}$/, 'an HS prefix is 4 to 10 digits')),
    taxClass,
  }),
  rowOfKind('returns-window', {
    /** Days after the 申报清单 is released within which the return must be applied for (inclusive). */
    applyWithinDays: /* @__PURE__ */ z.number().check(z.int(), z.positive()),
    /** Days within which the goods must be back in the supervised site, when the rule says so. */
    goodsBackWithinDays: z.optional(/* @__PURE__ */ z.number().check(z.int(), z.positive())),
  }),
]);

export type PolicyRow = z.infer<typeof policyRowSchema>;
export type PolicyRowKind = PolicyRow['kind'];
export type PolicyRowOf<K extends PolicyRowKind> = Extract<PolicyRow, { kind: K }>;

/** The part of a row that, with its kind, says which rule it is; rows of one key replace each other by date. */
export function rowKey(row: PolicyRow): string {
  switch (row.kind) {
    case 'vat-rate':
      return row.band;
    case 'vat-band':
    case 'consumption-tax':
    case 'tariff':
    case 'postal-category':
      return row.taxClass;
    case 'postal-rate':
      return String(row.category);
    case 'postal-parcel-limit':
      return row.origin;
    case 'hs-class':
      return row.hsPrefix;
    default:
      return '';
  }
}
