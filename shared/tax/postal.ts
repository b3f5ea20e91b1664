// Channel (c), postal articles (行邮税, cbec-rules §4): one combined rate per category on the value
// of the goods (no freight), category 3 for consumption-taxed goods; no tax is payable when the
// parcel's tax is at most 50 CNY, and a parcel over the value limit is returned or cleared as goods
// unless it is a single indivisible article.
import type { TaxClassId } from '../catalog/tax-classes.ts';
import { applyBasisPoints, sumFen, type Fen } from '../money/index.ts';
import type { PolicyInForce, PolicyRowOf } from '../policy/index.ts';
import { applied, type ItemBreakdown, type PostalTax, type TaxLine } from './breakdown.ts';
import { postalFormula } from './explain.ts';

/** One item's postal tax: its category (3 when in the consumption-tax scope), rate and line. */
export function postalItem(
  rules: PolicyInForce,
  index: number,
  taxClass: TaxClassId,
  consumptionTaxed: boolean,
  goodsFen: Fen,
): { postal: ItemBreakdown['postal']; line: TaxLine } {
  const categoryRow = rules.postalCategory(taxClass);
  const category = consumptionTaxed && categoryRow.consumptionTaxedCategory ? categoryRow.consumptionTaxedCategory : categoryRow.category;
  const postalRate = rules.postalRate(category);
  const taxFen = applyBasisPoints(goodsFen, postalRate.rateBp);
  const rule = applied(postalRate);
  const categoryRule = applied(categoryRow);
  return {
    postal: { category, rateBp: postalRate.rateBp, baseFen: goodsFen, taxFen, rule, categoryRule },
    line: { item: index, tax: 'postal', amountFen: taxFen, rules: [rule, categoryRule], formula: postalFormula(goodsFen, postalRate.rateBp, category, taxFen) },
  };
}

/** The parcel's postal tax: the exemption and the parcel value limit over the items' lines. */
export function postalTax(
  rules: PolicyInForce,
  exemption: PolicyRowOf<'postal-exemption'>,
  lines: TaxLine[],
  goodsValueFen: Fen,
  origin: 'hk-mo-tw' | 'other',
  singleIndivisibleItem: boolean,
): PostalTax {
  const assessedFen = sumFen(lines.map((l) => l.amountFen));
  const exempt = assessedFen <= exemption.exemptUpToFen;
  const limitRow = rules.postalParcelLimit(origin);
  const status =
    goodsValueFen <= limitRow.limitFen ? 'within-limit' : singleIndivisibleItem ? 'single-article-over-limit' : 'over-limit';
  return {
    totalFen: exempt ? 0 : assessedFen,
    assessedFen,
    exempt,
    exemptUpToFen: exemption.exemptUpToFen,
    parcelValueFen: goodsValueFen,
    parcelLimit: { origin, limitFen: limitRow.limitFen, status, rule: applied(limitRow) },
    exemptionRule: applied(exemption),
    lines,
  };
}
