// The three ways the same goods can come in, taxed side by side (cbec-rules §2 and §4):
//  (a) CBEC retail import: tariff 0, consumption tax and VAT at 70 % within the limits, or in full
//      when the admission says so (财关税〔2016〕18号 §三, 〔2018〕49号 §二);
//  (b) general trade: tariff + full consumption tax + full VAT;
//  (c) postal articles (行邮税): one combined rate per category, exempt when ≤ 50 CNY.
//
// Formulas (消费税暂行条例 第九条, 增值税法 第十四条):
//   tariff = dv × t
//   CT     = (dv + tariff + specific) ÷ (1 − c) × c + specific
//   VAT    = (dv + tariff + CT) × v          — the full CT, never the 70 % one
//   CBEC   = CT × 0.7, VAT × 0.7, tariff 0, the factor applied once at the end
// Each tax is rounded half up to the fen per item line; the bases are exact by default
// (cbec-rules §2.3; OPEN-5 — the 'rounded-bases' option rounds tariff and full CT before use).
import type { TaxClassId } from '../catalog/tax-classes.ts';
import {
  apportion,
  dividedBy,
  exact,
  exactBasisPoints,
  exactToDecimalString,
  minus,
  multiplyFen,
  plus,
  roundHalfUp,
  sumFen,
  times,
  ZERO,
  type Exact,
  type Fen,
} from '../money/index.ts';
import { defaultPolicy, type Policy, type PolicyInForce, type PolicyRow, type PolicySource } from '../policy/index.ts';
import { admitOrder, type Admission } from '../quota/index.ts';
import { chooseTier, specificUnits, type UnitPrice } from './consumption-tax.ts';
import { parseOrder, type Order } from './order.ts';

export type RoundingMode = 'exact-bases' | 'rounded-bases';

export interface CompareOptions {
  /** CBEC dutiable value already used this calendar year, for the admission. Default 0. */
  usedThisYearFen?: Fen;
  policy?: Policy;
  /** OPEN-5: 'exact-bases' (default) keeps tariff and full CT unrounded inside the next base. */
  rounding?: RoundingMode;
}

export interface AppliedRule {
  id: string;
  source: PolicySource;
  confidence: 'high' | 'medium' | 'low';
  open?: string[];
}

export type TaxKind = 'tariff' | 'consumption-tax' | 'vat' | 'postal';

export interface TaxLine {
  /** Index of the item in the order. */
  item: number;
  tax: TaxKind;
  amountFen: Fen;
  /** Every rule that went into the amount, the rate row first. */
  rules: AppliedRule[];
  /** The computation with its numbers, in yuan. */
  formula: string;
}

export interface TaxAmounts {
  tariffFen: Fen;
  consumptionTaxFen: Fen;
  vatFen: Fen;
  totalFen: Fen;
}

export interface ChannelTax extends TaxAmounts {
  lines: TaxLine[];
}

export interface CbecTax extends ChannelTax {
  /** 'composite' within the limits; 'full' for the single-item rule and for orders over the limits. */
  regime: 'composite' | 'full';
  /** Share of statutory CT and VAT levied (7000 = 70 %; 10000 when full). */
  factorBp: number;
}

export interface PostalTax {
  /** What is payable: 0 when exempt. */
  totalFen: Fen;
  /** The tax as assessed before the exemption. */
  assessedFen: Fen;
  exempt: boolean;
  exemptUpToFen: Fen;
  /** Value of the articles in the parcel (goods only; customs may use its 完税价格表 instead). */
  parcelValueFen: Fen;
  parcelLimit: {
    origin: 'hk-mo-tw' | 'other';
    limitFen: Fen;
    /** within-limit; single-article-over-limit (allowed when indivisible and for personal use); over-limit (return or clear as goods). */
    status: 'within-limit' | 'single-article-over-limit' | 'over-limit';
    rule: AppliedRule;
  };
  exemptionRule: AppliedRule;
  lines: TaxLine[];
}

export interface ItemBreakdown {
  index: number;
  name: string;
  taxClass: TaxClassId;
  quantity: number;
  priceFen: Fen;
  goodsValueFen: Fen;
  freightShareFen: Fen;
  insuranceShareFen: Fen;
  /** goods + freight share + insurance share: this line's 完税价格. */
  dutiableValueFen: Fen;
  vat: { rateBp: number; band: 'standard' | 'reduced'; rule: AppliedRule; bandRule: AppliedRule };
  tariff: { rateBp: number; rule: AppliedRule };
  consumptionTax: {
    rule: AppliedRule;
    item: string;
    tier: string;
    adValoremBp: number;
    /** Specific duty charged on `units` blocks of `per` `unit` (decimal string). */
    specific?: { amountFen: Fen; per: number; unit: 'ml-or-g' | 'tonne'; units: string };
    /** In the consumption-tax scope (decides postal category 3 too). */
    taxed: boolean;
    /** Per ml / g / piece (cosmetics), per article (watches), per tonne (beer). */
    unitPrice?: UnitPrice;
    assumption?: string;
  };
  postal: { category: number; rateBp: number; baseFen: Fen; taxFen: Fen; rule: AppliedRule; categoryRule: AppliedRule };
  cbec: TaxAmounts;
  generalTrade: TaxAmounts;
  evidence: string[];
}

export interface ChannelComparison {
  date: string;
  goodsValueFen: Fen;
  freightFen: Fen;
  insuranceFen: Fen;
  /** 完税价格 of the order: goods + freight + insurance. */
  dutiableValueFen: Fen;
  admission: Admission;
  cbec: CbecTax;
  generalTrade: ChannelTax;
  postal: PostalTax;
  items: ItemBreakdown[];
  rounding: RoundingMode;
}

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
export function compareChannels(order: Order, options: CompareOptions = {}): ChannelComparison {
  const valid = parseOrder(order);
  const policy = options.policy ?? defaultPolicy();
  const rounding = options.rounding ?? 'exact-bases';
  const rules: PolicyInForce = policy.at(valid.date);
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
  const dutiable = goods.map((g, i) => sumFen([g, freightShares[i]!, insuranceShares[i]!]));
  const dutiableValueFen = sumFen(dutiable);

  const singleIndivisibleItem = valid.items.length === 1 && valid.items[0]!.quantity === 1;
  const admission = admitOrder({ date: valid.date, dutiableValueFen, singleIndivisibleItem }, options.usedThisYearFen ?? 0, policy);
  const cbecFactorBp = admission.compositeTax ? preference.factorBp : 10_000;

  const items: ItemBreakdown[] = [];
  const cbecLines: TaxLine[] = [];
  const generalLines: TaxLine[] = [];
  const postalLines: TaxLine[] = [];

  valid.items.forEach((item, index) => {
    const field = `items.${index}.netContent`;
    const { band, rate } = rules.vat(item.taxClass);
    const tariffRow = rules.tariff(item.taxClass);
    const ctRow = rules.consumptionTax(item.taxClass);
    const choice = chooseTier(ctRow, dutiable[index]!, item.quantity, item.netContent, field);
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
          : `${up.yuanPerUnit} CNY per ${per} ${up.meetsThreshold ? '≥' : '<'} ${yuan(exact(up.thresholdFen))} CNY per ${per}`,
      );
    }
    if (choice.assumption) evidence.push(choice.assumption);
    if (item.hsCode) evidence.push(`hsCode ${item.hsCode} noted; rates come from the tax class (HS-level tariffs are out of scope)`);

    items.push({
      index,
      name: item.name,
      taxClass: item.taxClass,
      quantity: item.quantity,
      priceFen: item.priceFen,
      goodsValueFen: goods[index]!,
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
    goodsValueFen,
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
