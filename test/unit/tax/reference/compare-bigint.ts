// REFERENCE ONLY (test oracle): shared/tax/compare.ts as it was before the number fast path,
// every base an exact BigInt fraction, every formula built eagerly. The property test in
// ../reference.test.ts checks that compareChannels gives deep-equal results (amounts, rules,
// formulas, evidence) on thousands of seeded orders. Do not optimise this file.
import {
  apportion,
  dividedBy,
  exact,
  exactBasisPoints,
  exactDecimal,
  exactToDecimalString,
  minus,
  multiplyFen,
  plus,
  roundHalfUp,
  sumFen,
  times,
  ZERO,
  type Exact,
} from '../../../../shared/money/index.ts';
import { defaultPolicy, type PolicyInForce, type PolicyRow } from '../../../../shared/policy/index.ts';
import { admitOrder } from '../../../../shared/quota/index.ts';
import { chooseTier, specificUnits } from './consumption-tax-bigint.ts';
import { parseOrder, TaxError, type Order } from '../../../../shared/tax/order.ts';
import type {
  AppliedRule,
  ChannelComparison as LocalizedComparison,
  CompareOptions,
  ItemBreakdown as LocalizedItem,
  RoundingMode,
  TaxAmounts,
  TaxLine as LocalizedLine,
} from '../../../../shared/tax/index.ts';
import type { Admission } from '../../../../shared/quota/index.ts';
import type { Localized } from '../../../../shared/text/localized.ts';

// This oracle predates the Chinese explanation: its formulas and evidence are the English sentences
// (reference.test.ts compares them with the `en` of compareChannels' Localized texts).
type English<T> = T extends Admission ? T : T extends Localized ? string : T extends readonly (infer U)[] ? English<U>[] : T extends object ? { [K in keyof T]: English<T[K]> } : T;
type ChannelComparison = English<LocalizedComparison>;
type ItemBreakdown = English<LocalizedItem>;
type TaxLine = English<LocalizedLine>;

function applied(row: PolicyRow): AppliedRule {
  return { id: row.id, source: row.source, confidence: row.confidence, ...(row.open ? { open: row.open } : {}) };
}

const yuan = (value: Exact) => exactToDecimalString(dividedBy(value, exact(100)), 2);
const pct = (bp: number) => `${exactToDecimalString(exact(bp, 100), 2).replace(/\.?0+$/, '')} %`;

interface Statutory {
  tariff: Exact;
  ct: Exact;
  vat: Exact;
  tariffBase: Exact;
  ctBase: Exact;
}

/** The statutory (100 %) taxes on one line, exact. */
function statutoryTaxes(dv: Exact, tariffBp: number, adValoremBp: number, specific: Exact, vatBp: number, rounding: RoundingMode): Statutory {
  const round = (e: Exact) => (rounding === 'rounded-bases' ? exact(roundHalfUp(e)) : e);
  const tariff = times(dv, exactBasisPoints(tariffBp));
  const tariffBase = round(tariff);
  const c = exactBasisPoints(adValoremBp);
  const ct = plus(times(dividedBy(plus(plus(dv, tariffBase), specific), minus(exact(1), c)), c), specific);
  const ctBase = round(ct);
  const vat = times(plus(plus(dv, tariffBase), ctBase), exactBasisPoints(vatBp));
  return { tariff, ct, vat, tariffBase, ctBase };
}

interface LineContext {
  index: number;
  dv: Exact;
  tariffBp: number;
  adValoremBp: number;
  specific: Exact;
  vatBp: number;
  rules: { tariff: AppliedRule; ct: AppliedRule; vat: AppliedRule[]; factor?: AppliedRule };
}

function channelLines(ctx: LineContext, tariffBp: number, factorBp: number, rounding: RoundingMode): { amounts: TaxAmounts; lines: TaxLine[] } {
  const s = statutoryTaxes(ctx.dv, tariffBp, ctx.adValoremBp, ctx.specific, ctx.vatBp, rounding);
  const factor = exactBasisPoints(factorBp);
  const tariffFen = roundHalfUp(s.tariff);
  const consumptionTaxFen = roundHalfUp(times(s.ct, factor));
  const vatFen = roundHalfUp(times(s.vat, factor));
  const withFactor = factorBp === 10_000 ? '' : ` × ${pct(factorBp)}`;
  const factorRule = factorBp === 10_000 || !ctx.rules.factor ? [] : [ctx.rules.factor];
  const specificText = ctx.specific.num === 0n ? '' : ` + specific ${yuan(ctx.specific)}`;
  const lines: TaxLine[] = [
    {
      item: ctx.index,
      tax: 'tariff',
      amountFen: tariffFen,
      rules: factorBp === 10_000 || !ctx.rules.factor ? [ctx.rules.tariff] : [ctx.rules.factor],
      formula: `${yuan(ctx.dv)} × ${pct(tariffBp)} = ${yuan(exact(tariffFen))}`,
    },
    {
      item: ctx.index,
      tax: 'consumption-tax',
      amountFen: consumptionTaxFen,
      rules: [ctx.rules.ct, ...factorRule],
      formula:
        ctx.adValoremBp === 0 && ctx.specific.num === 0n
          ? 'not a consumption-tax item at import = 0.00'
          : `((${yuan(ctx.dv)} + tariff ${yuan(s.tariffBase)}${specificText}) ÷ (1 − ${pct(ctx.adValoremBp)}) × ${pct(ctx.adValoremBp)}${specificText}) = ${yuan(s.ct)}${withFactor} = ${yuan(exact(consumptionTaxFen))}`,
    },
    {
      item: ctx.index,
      tax: 'vat',
      amountFen: vatFen,
      rules: [...ctx.rules.vat, ...factorRule],
      formula: `(${yuan(ctx.dv)} + tariff ${yuan(s.tariffBase)} + full CT ${yuan(s.ctBase)}) × ${pct(ctx.vatBp)}${withFactor} = ${yuan(exact(vatFen))}`,
    },
  ];
  return {
    amounts: { tariffFen, consumptionTaxFen, vatFen, totalFen: tariffFen + consumptionTaxFen + vatFen },
    lines,
  };
}

function totals(amounts: readonly TaxAmounts[]): TaxAmounts {
  return {
    tariffFen: sumFen(amounts.map((a) => a.tariffFen)),
    consumptionTaxFen: sumFen(amounts.map((a) => a.consumptionTaxFen)),
    vatFen: sumFen(amounts.map((a) => a.vatFen)),
    totalFen: sumFen(amounts.map((a) => a.totalFen)),
  };
}

/**
 * Taxes `order` three ways and admits it against the orderer's limits. Validates the order first
 * (TaxError 'invalid-order' naming the field); throws PolicyError 'no-policy' for a date no rule covers.
 */
export function referenceCompareChannels(order: Order, options: CompareOptions = {}): ChannelComparison {
  const valid = parseOrder(order);
  const policy = options.policy ?? defaultPolicy();
  const rounding = options.rounding ?? 'rounded-bases'; // rule change: the customs reading is the default (272号 Arts. 17, 19)
  // Rule change (declaration date, 关税法 第二十条): its rules apply when the order gives it.
  const rulesDate = valid.declarationDate ?? valid.date;
  const rules: PolicyInForce = policy.at(rulesDate);
  const quota = rules.quota();
  const preference = rules.cbecPreference();
  const exemption = rules.postalExemption();

  const goods = valid.items.map((item) => multiplyFen(item.priceFen, item.quantity));
  const goodsValueFen = sumFen(goods);
  const freightFen = valid.freightFen ?? 0;
  const insuranceFen = valid.insuranceFen ?? 0;
  // Freight and insurance belong to the 完税价格 (18号 §一); shared over lines by value, exactly.
  const freightShares = apportion(freightFen, goods);
  const insuranceShares = apportion(insuranceFen, goods);
  // Rule change (discounts, 公告2016年第26号 (十五)): a seller's discount lowers the 完税价格.
  const discountFen = valid.discountFen ?? 0;
  if (discountFen > goodsValueFen) throw new TaxError('invalid-order', 'discountFen', 'must not exceed the goods value');
  const discountShares = discountFen === 0 ? undefined : apportion(discountFen, goods);
  const dutiable = goods.map((g, i) => sumFen([g - (discountShares?.[i] ?? 0), freightShares[i]!, insuranceShares[i]!]));
  const dutiableValueFen = sumFen(dutiable);

  const singleIndivisibleItem = valid.items.length === 1 && valid.items[0]!.quantity === 1;
  const admission = admitOrder({ date: rulesDate, dutiableValueFen, singleIndivisibleItem }, options.usedThisYearFen ?? 0, policy);
  const cbecFactorBp = admission.compositeTax ? preference.factorBp : 10_000;

  const items: ItemBreakdown[] = [];
  const cbecLines: TaxLine[] = [];
  const generalLines: TaxLine[] = [];
  const postalLines: TaxLine[] = [];

  valid.items.forEach((given, index) => {
    // Rule change (issue: HS codes decide the class before the name): an hs-class row in force wins.
    const hsRow = given.hsCode === undefined ? undefined : rules.hsClass(given.hsCode);
    const item = hsRow ? { ...given, taxClass: hsRow.taxClass } : given;
    const field = `items.${index}.netContent`;
    const { band, rate } = rules.vat(item.taxClass);
    const tariffRow = rules.tariff(item.taxClass);
    const ctRow = rules.consumptionTax(item.taxClass);
    const choice = chooseTier(ctRow, dutiable[index]!, item.quantity, item.netContent, field, valid.customsUsdRate);
    const tier = choice.tier;
    const units = tier.specific ? specificUnits(tier.specific, item.netContent, item.quantity, field) : undefined;
    const specific = tier.specific && units ? times(units, exact(tier.specific.amountFen)) : ZERO;
    const taxed = tier.adValoremBp > 0 || specific.num > 0n;

    const ctx: LineContext = {
      index,
      dv: exact(dutiable[index]!),
      tariffBp: tariffRow.rateBp,
      adValoremBp: tier.adValoremBp,
      specific,
      vatBp: rate.rateBp,
      rules: { tariff: applied(tariffRow), ct: applied(ctRow), vat: [applied(rate), applied(band)], factor: applied(preference) },
    };
    const cbec = channelLines(ctx, admission.compositeTax ? preference.tariffWithinLimitsBp : tariffRow.rateBp, cbecFactorBp, rounding);
    const { factor: _unused, ...fullRules } = ctx.rules;
    const general = channelLines({ ...ctx, rules: fullRules }, tariffRow.rateBp, 10_000, rounding);
    // Full tax through CBEC rests on the admission rule (49号 §二 / 18号 §三) as well.
    if (!admission.compositeTax) cbec.lines.forEach((l) => l.rules.push(applied(quota)));
    cbecLines.push(...cbec.lines);
    generalLines.push(...general.lines);

    const categoryRow = rules.postalCategory(item.taxClass);
    const category = taxed && categoryRow.consumptionTaxedCategory ? categoryRow.consumptionTaxedCategory : categoryRow.category;
    const postalRate = rules.postalRate(category);
    const postalTax = roundHalfUp(times(exact(goods[index]!), exactBasisPoints(postalRate.rateBp)));
    postalLines.push({
      item: index,
      tax: 'postal',
      amountFen: postalTax,
      rules: [applied(postalRate), applied(categoryRow)],
      formula: `${yuan(exact(goods[index]!))} × ${pct(postalRate.rateBp)} (category ${category}) = ${yuan(exact(postalTax))}`,
    });

    const evidence = [`tax class ${item.taxClass}: ${ctRow.item}, tier ${tier.name} (${ctRow.id})`];
    if (choice.unitPrice) {
      const up = choice.unitPrice;
      const per = up.unit === 'article' ? 'article' : up.unit;
      evidence.push(
        up.thresholdFen === undefined
          ? `${up.yuanPerUnit} CNY per ${per}`
          : `${up.yuanPerUnit} CNY per ${per} ${up.meetsThreshold ? '≥' : '<'} ${yuan(exact(up.thresholdFen))} CNY per ${per}` +
            (up.thresholdUsd
              ? ` (${yuan(exact(up.thresholdUsd.cents))} USD × ${up.thresholdUsd.cnyPerUsd} CNY per USD, the customs rate given, = ${exactToDecimalString(dividedBy(times(exact(up.thresholdUsd.cents), exactDecimal(up.thresholdUsd.cnyPerUsd)), exact(100)), 4)} CNY)`
              : ''),
      );
    }
    if (choice.assumption) evidence.push(choice.assumption);
    if (item.hsCode && hsRow) {
      evidence.push(
        `HS ${item.hsCode} → tax class ${item.taxClass} (rule ${hsRow.id}): the HS code decides before the name${given.taxClass === item.taxClass ? '' : ` (the order said ${given.taxClass})`}`,
      );
    } else if (item.hsCode) evidence.push(`hsCode ${item.hsCode} noted; rates come from the tax class (HS-level tariffs are out of scope)`);

    items.push({
      index,
      name: item.name,
      taxClass: item.taxClass,
      quantity: item.quantity,
      priceFen: item.priceFen,
      goodsValueFen: goods[index]!,
      ...(discountShares ? { discountShareFen: discountShares[index]! } : {}),
      freightShareFen: freightShares[index]!,
      insuranceShareFen: insuranceShares[index]!,
      dutiableValueFen: dutiable[index]!,
      vat: { rateBp: rate.rateBp, band: band.band, rule: applied(rate), bandRule: applied(band) },
      tariff: { rateBp: tariffRow.rateBp, rule: applied(tariffRow) },
      consumptionTax: {
        rule: applied(ctRow),
        item: ctRow.item,
        tier: tier.name,
        adValoremBp: tier.adValoremBp,
        ...(tier.specific && units
          ? {
              specific: {
                amountFen: tier.specific.amountFen,
                per: tier.specific.per,
                unit: tier.specific.unit,
                units: exactToDecimalString(units, 6).replace(/\.?0+$/, ''),
              },
            }
          : {}),
        taxed,
        ...(choice.unitPrice ? { unitPrice: choice.unitPrice } : {}),
        ...(choice.assumption ? { assumption: choice.assumption } : {}),
      },
      postal: {
        category,
        rateBp: postalRate.rateBp,
        baseFen: goods[index]!,
        taxFen: postalTax,
        rule: applied(postalRate),
        categoryRule: applied(categoryRow),
      },
      cbec: cbec.amounts,
      generalTrade: general.amounts,
      evidence,
      ...(hsRow ? { hsClassRule: applied(hsRow) } : {}),
    });
  });

  const assessedFen = sumFen(postalLines.map((l) => l.amountFen));
  const exempt = assessedFen <= exemption.exemptUpToFen;
  const origin = valid.postalOrigin ?? 'other';
  const limitRow = rules.postalParcelLimit(origin);
  const parcelStatus =
    goodsValueFen <= limitRow.limitFen ? 'within-limit' : singleIndivisibleItem ? 'single-article-over-limit' : 'over-limit';

  return {
    date: valid.date,
    ...(valid.declarationDate ? { rulesDate } : {}),
    goodsValueFen,
    ...(discountShares ? { discountFen } : {}),
    freightFen,
    insuranceFen,
    dutiableValueFen,
    admission,
    cbec: {
      regime: admission.compositeTax ? 'composite' : 'full',
      factorBp: cbecFactorBp,
      ...totals(items.map((i) => i.cbec)),
      lines: cbecLines,
    },
    generalTrade: { ...totals(items.map((i) => i.generalTrade)), lines: generalLines },
    postal: {
      totalFen: exempt ? 0 : assessedFen,
      assessedFen,
      exempt,
      exemptUpToFen: exemption.exemptUpToFen,
      parcelValueFen: goodsValueFen,
      parcelLimit: { origin, limitFen: limitRow.limitFen, status: parcelStatus, rule: applied(limitRow) },
      exemptionRule: applied(exemption),
      lines: postalLines,
    },
    items,
    rounding,
  };
}
