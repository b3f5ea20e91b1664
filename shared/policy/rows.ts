// The shape of a policy row. Every rule CrossCheck applies is one of these rows: dated
// (validFrom/validTo, ISO dates, both inclusive), with its legal source and how sure we are of it.
// A change in the law is a new row with a later validFrom, never a new branch in code.
// zod/mini (the functional, tree-shakable form of zod 4: same core, same checks and issue paths),
// so an app bundle carries only the checks these rows use.
import * as z from 'zod/mini';
import { TAX_CLASS_IDS } from '../catalog/tax-classes.ts';
import { isIsoDate } from './dates.ts';

const isoDate = z.string().check(z.refine(isIsoDate, { message: 'must be a real calendar date YYYY-MM-DD' }));
const fen = z.number().check(z.int(), z.nonnegative(), z.refine(Number.isSafeInteger, { message: 'must be a safe integer of fen' }));
/** A rate in basis points: 1300 = 13 %. Below 100 % so that 1 / (1 − rate) exists. */
const basisPoints = z.number().check(z.int(), z.minimum(0), z.maximum(9_999));
const taxClass = z.enum(TAX_CLASS_IDS);
const positive = z.number().check(z.positive());
const postalCategoryNumber = z.number().check(z.int(), z.minimum(1), z.maximum(4));
const nonEmpty = z.string().check(z.minLength(1));

/**
 * Grades from cbec-rules.md: OFF official text, REPRINT official text reprinted (checked against a
 * second copy), SEC secondary (news, blog, law firm), MEM the researcher's memory, unverified.
 */
export const sourceSchema = z
  .strictObject({
    instrument: nonEmpty,
    article: z.optional(nonEmpty),
    url: z.optional(z.url()),
    grade: z.enum(['OFF', 'REPRINT', 'SEC', 'MEM']),
  })
  .check(
    z.refine((s: { grade: string; url?: string | undefined }) => s.grade === 'MEM' || s.url !== undefined, {
      message: 'a source other than MEM needs a url',
    }),
  );

export type PolicySource = z.infer<typeof sourceSchema>;

const common = {
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by - or .')),
  validFrom: isoDate,
  /** Last day the row applies (inclusive); absent = until a row with a later validFrom replaces it. */
  validTo: z.optional(isoDate),
  source: sourceSchema,
  /** high: official text read; medium: reprint or consistent secondary sources; low: memory or one weak source. */
  confidence: z.enum(['high', 'medium', 'low']),
  /** Open questions from cbec-rules §8 that this value depends on, e.g. "OPEN-7". */
  open: z.optional(z.array(z.string().check(z.regex(/^OPEN-\d+$/)))),
  note: z.optional(z.string()),
};

const specificDuty = z.strictObject({
  /** Fen levied per `per` units of `unit`. */
  amountFen: fen,
  per: positive,
  /** 'ml-or-g': the law's "500克（或者500毫升）"; 'tonne': converted from litres by litresPerTonne. */
  unit: z.enum(['ml-or-g', 'tonne']),
  litresPerTonne: z.optional(positive),
});

export type SpecificDuty = z.infer<typeof specificDuty>;

const consumptionTaxTier = z.strictObject({
  /** Machine name of the tier, e.g. "high-end" or "class-a". */
  name: nonEmpty,
  /** For measure 'unit-price' and 'price-per-tonne': the tier applies from this many fen. */
  atLeastFen: z.optional(fen),
  /** For measure 'price-per-net-content': fen per ml, per g and per piece from which the tier applies. */
  atLeastFenPer: z.optional(z.strictObject({ ml: fen, g: fen, piece: fen })),
  adValoremBp: basisPoints,
  specific: z.optional(specificDuty),
});

export type ConsumptionTaxTier = z.infer<typeof consumptionTaxTier>;

export const policyRowSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('quota'), ...common, perOrderLimitFen: fen, annualLimitFen: fen }),
  z.strictObject({
    kind: z.literal('cbec-preference'),
    ...common,
    /** Share of the statutory VAT and consumption tax levied within the limits (7000 = 70 %). */
    factorBp: z.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
    tariffWithinLimitsBp: basisPoints,
  }),
  z.strictObject({ kind: z.literal('vat-rate'), ...common, band: z.enum(['standard', 'reduced']), rateBp: basisPoints }),
  z.strictObject({ kind: z.literal('vat-band'), ...common, taxClass, band: z.enum(['standard', 'reduced']) }),
  z.strictObject({
    kind: z.literal('consumption-tax'),
    ...common,
    taxClass,
    /** Chinese name of the 税目, for display. */
    item: nonEmpty,
    /**
     * What selects the tier: 'flat' (one tier), 'unit-price' (dutiable value of one article),
     * 'price-per-net-content' (per ml, g or piece), 'price-per-tonne'.
     */
    measure: z.enum(['flat', 'unit-price', 'price-per-net-content', 'price-per-tonne']),
    /** Ascending; the first has no threshold; the highest tier whose threshold is met applies. */
    tiers: z.array(consumptionTaxTier).check(z.minLength(1)),
  }),
  z.strictObject({ kind: z.literal('tariff'), ...common, taxClass, rateBp: basisPoints }),
  z.strictObject({ kind: z.literal('postal-rate'), ...common, category: postalCategoryNumber, rateBp: basisPoints }),
  z.strictObject({
    kind: z.literal('postal-category'),
    ...common,
    taxClass,
    category: postalCategoryNumber,
    /** Category when the article is in the consumption-tax scope (high-end cosmetics or watches). */
    consumptionTaxedCategory: z.optional(postalCategoryNumber),
  }),
  z.strictObject({ kind: z.literal('postal-exemption'), ...common, exemptUpToFen: fen }),
  z.strictObject({ kind: z.literal('postal-parcel-limit'), ...common, origin: z.enum(['hk-mo-tw', 'other']), limitFen: fen }),
  z.strictObject({
    kind: z.literal('returns-window'),
    ...common,
    /** Days after the 申报清单 is released within which the return must be applied for (inclusive). */
    applyWithinDays: z.number().check(z.int(), z.positive()),
    /** Days within which the goods must be back in the supervised site, when the rule says so. */
    goodsBackWithinDays: z.optional(z.number().check(z.int(), z.positive())),
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
    default:
      return '';
  }
}
