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
// The arithmetic of a line is in line-taxes.ts (on numbers while exact, else BigInt).
//
// Speed matters here: the extension and the PWA compare every product a list page shows (500
// cards). So the order is checked by hand (order.ts orderIfValid; the schema only for a bad
// order), the rules of the day are resolved once (shared/policy), a rule's AppliedRule is built
// once per row, and the figures are integer fen formatted without BigInt.
import type { NetContent, TaxClassId } from '../catalog/tax-classes.ts';
import {
  apportion,
  applyBasisPoints,
  exact,
  exactToDecimalString,
  fenToYuan,
  multiplyFen,
  quotientHalfUp,
  roundHalfUp,
  scaledToDecimalString,
  sumFen,
  times,
  type Exact,
  type Fen,
} from '../money/index.ts';
import { defaultPolicy, type ConsumptionTaxTier, type Policy, type PolicyInForce, type PolicyRow, type PolicySource } from '../policy/index.ts';
import { admitOrder, type Admission } from '../quota/index.ts';
import { chooseTier, specificUnits, specificUnitsFraction, type UnitPrice } from './consumption-tax.ts';
import { lineTaxesOnNumbers, lineTaxesOverBigInt, type LineRates, type LineTaxes, type RoundingMode } from './line-taxes.ts';
import { TaxError, orderIfValid, parseOrder, type Order } from './order.ts';

export type { RoundingMode } from './line-taxes.ts';

export interface CompareOptions {
  /** CBEC dutiable value already used this calendar year, for the admission. Default 0. */
  usedThisYearFen?: Fen;
  policy?: Policy;
  /** OPEN-5: 'exact-bases' (default) keeps tariff and full CT unrounded inside the next base. */
  rounding?: RoundingMode;
}

/** Shared between results (one per policy row, frozen): read it, do not change it. */
export interface AppliedRule {
  readonly id: string;
  readonly source: PolicySource;
  readonly confidence: 'high' | 'medium' | 'low';
  readonly open?: string[];
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

const appliedRules = new WeakMap<PolicyRow, AppliedRule>();

function applied(row: PolicyRow): AppliedRule {
  let rule = appliedRules.get(row);
  if (!rule) {
    rule = Object.freeze({ id: row.id, source: row.source, confidence: row.confidence, ...(row.open ? { open: row.open } : {}) });
    appliedRules.set(row, rule);
  }
  return rule;
}

const percentTexts = new Map<number, string>();

/** 1300 → "13 %", 2306 → "23.06 %", 700 → "7 %" (basis points are bounded, so the texts are kept). */
function pct(bp: number): string {
  let text = percentTexts.get(bp);
  if (text === undefined) {
    text = `${scaledToDecimalString(bp, 2).replace(/\.?0+$/, '')} %`;
    if (percentTexts.size < 20_001) percentTexts.set(bp, text);
  }
  return text;
}

/** What a line's formulas need besides the channel's taxes. */
interface LineFacts {
  index: number;
  dutiableFen: Fen;
  adValoremBp: number;
  vatBp: number;
  /** The specific duty rounded to the fen; undefined when it is exactly zero. */
  specificFen: Fen | undefined;
  /** The same two in yuan, as the formulas of both channels show them ('' without a specific duty). */
  dutiableText: string;
  specificText: string;
  rules: { tariff: AppliedRule; ct: AppliedRule; vat: readonly AppliedRule[] };
}

/** The three lines of one item through one channel; `factor` is the rule of a factor below 100 %. */
function channelLines(
  facts: LineFacts,
  tariffBp: number,
  factorBp: number,
  factor: AppliedRule | undefined,
  taxes: LineTaxes,
): { amounts: TaxAmounts; lines: TaxLine[] } {
  const { tariffFen, consumptionTaxFen, vatFen } = taxes;
  const dv = facts.dutiableText;
  const tariff = fenToYuan(tariffFen);
  const fullCt = fenToYuan(taxes.fullConsumptionTaxFen);
  const withFactor = factorBp === 10_000 ? '' : ` × ${pct(factorBp)}`;
  const factorRule = factorBp === 10_000 ? undefined : factor;
  const specificText = facts.specificText;
  const c = facts.adValoremBp;
  const lines: TaxLine[] = [
    {
      item: facts.index,
      tax: 'tariff',
      amountFen: tariffFen,
      rules: [factorRule ?? facts.rules.tariff],
      formula: `${dv} × ${pct(tariffBp)} = ${tariff}`,
    },
    {
      item: facts.index,
      tax: 'consumption-tax',
      amountFen: consumptionTaxFen,
      rules: factorRule ? [facts.rules.ct, factorRule] : [facts.rules.ct],
      formula:
        c === 0 && facts.specificFen === undefined
          ? 'not a consumption-tax item at import = 0.00'
          : `((${dv} + tariff ${tariff}${specificText}) ÷ (1 − ${pct(c)}) × ${pct(c)}${specificText}) = ${fullCt}${withFactor} = ${fenToYuan(consumptionTaxFen)}`,
    },
    {
      item: facts.index,
      tax: 'vat',
      amountFen: vatFen,
      rules: factorRule ? [...facts.rules.vat, factorRule] : [...facts.rules.vat],
      formula: `(${dv} + tariff ${tariff} + full CT ${fullCt}) × ${pct(facts.vatBp)}${withFactor} = ${fenToYuan(vatFen)}`,
    },
  ];
  return {
    amounts: { tariffFen, consumptionTaxFen, vatFen, totalFen: tariffFen + consumptionTaxFen + vatFen },
    lines,
  };
}

function totals(amounts: readonly TaxAmounts[]): TaxAmounts {
  // Amounts of tax are non-negative, so a sum that ends up safe never left the range on the way.
  let [tariffFen, consumptionTaxFen, vatFen, totalFen] = [0, 0, 0, 0];
  for (const a of amounts) {
    tariffFen += a.tariffFen;
    consumptionTaxFen += a.consumptionTaxFen;
    vatFen += a.vatFen;
    totalFen += a.totalFen;
  }
  if (Number.isSafeInteger(tariffFen + consumptionTaxFen + vatFen + totalFen)) return { tariffFen, consumptionTaxFen, vatFen, totalFen };
  return {
    tariffFen: sumFen(amounts.map((a) => a.tariffFen)),
    consumptionTaxFen: sumFen(amounts.map((a) => a.consumptionTaxFen)),
    vatFen: sumFen(amounts.map((a) => a.vatFen)),
    totalFen: sumFen(amounts.map((a) => a.totalFen)),
  };
}

/** One line's figures for both channels, and its specific duty. */
interface LineFigures {
  cbec: LineTaxes;
  general: LineTaxes;
  /** units: decimal text, or the exact value still to be spelled (see below); fen: undefined when exactly 0. */
  specific: { units: string | Exact; fen: Fen | undefined } | undefined;
}

const unitsText = (scaledByMillion: number) => scaledToDecimalString(scaledByMillion, 6).replace(/\.?0+$/, '');

/** The figures on numbers, or undefined when something would not be exact. */
function figuresOnNumbers(
  dutiableFen: Fen,
  tier: ConsumptionTaxTier,
  content: NetContent | undefined,
  quantity: number,
  field: string,
  cbecRates: LineRates,
  generalRates: LineRates,
  rounding: RoundingMode,
): LineFigures | undefined {
  let sN = 0;
  let sD = 1;
  let specific: LineFigures['specific'] = undefined;
  if (tier.specific) {
    const units = specificUnitsFraction(tier.specific, content, quantity, field);
    if (!units) return undefined;
    [sN, sD] = [units[0] * tier.specific.amountFen, units[1]];
    const millionths = quotientHalfUp(units[0] * 1_000_000, units[1]);
    const fen = quotientHalfUp(sN, sD);
    if (millionths === undefined || fen === undefined) return undefined;
    specific = { units: unitsText(millionths), fen: sN === 0 ? undefined : fen };
  }
  const cbec = lineTaxesOnNumbers(dutiableFen, cbecRates, sN, sD, rounding);
  const general = cbec && lineTaxesOnNumbers(dutiableFen, generalRates, sN, sD, rounding);
  if (!cbec || !general) return undefined;
  return { cbec, general, specific };
}

function figuresOverBigInt(
  dutiableFen: Fen,
  tier: ConsumptionTaxTier,
  content: NetContent | undefined,
  quantity: number,
  field: string,
  cbecRates: LineRates,
  generalRates: LineRates,
  rounding: RoundingMode,
): LineFigures {
  const units = tier.specific ? specificUnits(tier.specific, content, quantity, field) : undefined;
  const specific = tier.specific && units ? times(units, exact(tier.specific.amountFen)) : exact(0);
  const cbec = lineTaxesOverBigInt(dutiableFen, cbecRates, specific, rounding);
  const general = lineTaxesOverBigInt(dutiableFen, generalRates, specific, rounding);
  // The units are spelled where the breakdown is built, as before (a spelling too long for a safe
  // integer throws there, after the postal rules were looked up).
  return { cbec, general, specific: units ? { units, fen: specific.num === 0n ? undefined : roundHalfUp(specific) } : undefined };
}

/**
 * Taxes `order` three ways and admits it against the orderer's limits. Validates the order first
 * (TaxError 'invalid-order' naming the field); throws PolicyError 'no-policy' for a date no rule covers.
 */
export function compareChannels(order: Order, options: CompareOptions = {}): ChannelComparison {
  const valid = orderIfValid(order) ?? parseOrder(order);
  try {
    return compareValidOrder(valid, options);
  } catch (e) {
    // Exact arithmetic refuses a figure past 2^53 fen (a RangeError) rather than round it: for an
    // order that valid-looking but absurd (billions of litres, a price per ml beyond any goods),
    // say so as a typed error instead of crashing the caller.
    if (e instanceof RangeError) throw new TaxError('invalid-order', 'items', 'the amounts are too large to compute exactly: check prices, quantities and net contents');
    throw e;
  }
}

function compareValidOrder(valid: Order, options: CompareOptions): ChannelComparison {
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
  const preferenceRule = applied(preference);
  const quotaRule = applied(quota);

  const items: ItemBreakdown[] = [];
  const cbecLines: TaxLine[] = [];
  const generalLines: TaxLine[] = [];
  const postalLines: TaxLine[] = [];

  for (let index = 0; index < valid.items.length; index++) {
    const item = valid.items[index]!;
    const field = `items.${index}.netContent`;
    const { band, rate } = rules.vat(item.taxClass);
    const tariffRow = rules.tariff(item.taxClass);
    const ctRow = rules.consumptionTax(item.taxClass);
    const dutiableFen = dutiable[index]!;
    const choice = chooseTier(ctRow, dutiableFen, item.quantity, item.netContent, field);
    const tier = choice.tier;
    const generalRates: LineRates = { tariffBp: tariffRow.rateBp, adValoremBp: tier.adValoremBp, vatBp: rate.rateBp, factorBp: 10_000 };
    const cbecRates: LineRates = {
      tariffBp: admission.compositeTax ? preference.tariffWithinLimitsBp : tariffRow.rateBp,
      adValoremBp: tier.adValoremBp,
      vatBp: rate.rateBp,
      factorBp: cbecFactorBp,
    };
    const figures =
      figuresOnNumbers(dutiableFen, tier, item.netContent, item.quantity, field, cbecRates, generalRates, rounding) ??
      figuresOverBigInt(dutiableFen, tier, item.netContent, item.quantity, field, cbecRates, generalRates, rounding);
    const specificFen = figures.specific?.fen;
    const taxed = tier.adValoremBp > 0 || specificFen !== undefined;

    const tariffRule = applied(tariffRow);
    const ctRule = applied(ctRow);
    const vatRules = [applied(rate), applied(band)];
    const facts: LineFacts = {
      index,
      dutiableFen,
      adValoremBp: tier.adValoremBp,
      vatBp: rate.rateBp,
      specificFen,
      dutiableText: fenToYuan(dutiableFen),
      specificText: specificFen === undefined ? '' : ` + specific ${fenToYuan(specificFen)}`,
      rules: { tariff: tariffRule, ct: ctRule, vat: vatRules },
    };
    const cbec = channelLines(facts, cbecRates.tariffBp, cbecFactorBp, preferenceRule, figures.cbec);
    const general = channelLines(facts, generalRates.tariffBp, 10_000, undefined, figures.general);
    // Full tax through CBEC rests on the admission rule (49号 §二 / 18号 §三) as well.
    if (!admission.compositeTax) for (const line of cbec.lines) line.rules.push(quotaRule);
    cbecLines.push(...cbec.lines);
    generalLines.push(...general.lines);

    const categoryRow = rules.postalCategory(item.taxClass);
    const category = taxed && categoryRow.consumptionTaxedCategory ? categoryRow.consumptionTaxedCategory : categoryRow.category;
    const postalRate = rules.postalRate(category);
    const goodsFen = goods[index]!;
    const postalTax = applyBasisPoints(goodsFen, postalRate.rateBp);
    const postalRule = applied(postalRate);
    const categoryRule = applied(categoryRow);
    postalLines.push({
      item: index,
      tax: 'postal',
      amountFen: postalTax,
      rules: [postalRule, categoryRule],
      formula: `${fenToYuan(goodsFen)} × ${pct(postalRate.rateBp)} (category ${category}) = ${fenToYuan(postalTax)}`,
    });

    const evidence = [`tax class ${item.taxClass}: ${ctRow.item}, tier ${tier.name} (${ctRow.id})`];
    if (choice.unitPrice) {
      const up = choice.unitPrice;
      const per = up.unit === 'article' ? 'article' : up.unit;
      evidence.push(
        up.thresholdFen === undefined
          ? `${up.yuanPerUnit} CNY per ${per}`
          : `${up.yuanPerUnit} CNY per ${per} ${up.meetsThreshold ? '≥' : '<'} ${fenToYuan(up.thresholdFen)} CNY per ${per}`,
      );
    }
    if (choice.assumption) evidence.push(choice.assumption);
    if (item.hsCode) evidence.push(`hsCode ${item.hsCode} noted; rates come from the tax class (HS-level tariffs are out of scope)`);

    const units = figures.specific?.units;
    const specific =
      tier.specific && units !== undefined
        ? {
            amountFen: tier.specific.amountFen,
            per: tier.specific.per,
            unit: tier.specific.unit,
            units: typeof units === 'string' ? units : exactToDecimalString(units, 6).replace(/\.?0+$/, ''),
          }
        : undefined;
    // Field by field in the order the breakdown always had (the CLI's JSON keeps it).
    const consumptionTax: ItemBreakdown['consumptionTax'] = specific
      ? { rule: ctRule, item: ctRow.item, tier: tier.name, adValoremBp: tier.adValoremBp, specific, taxed }
      : { rule: ctRule, item: ctRow.item, tier: tier.name, adValoremBp: tier.adValoremBp, taxed };
    if (choice.unitPrice) consumptionTax.unitPrice = choice.unitPrice;
    if (choice.assumption) consumptionTax.assumption = choice.assumption;
    items.push({
      index,
      name: item.name,
      taxClass: item.taxClass,
      quantity: item.quantity,
      priceFen: item.priceFen,
      goodsValueFen: goodsFen,
      freightShareFen: freightShares[index]!,
      insuranceShareFen: insuranceShares[index]!,
      dutiableValueFen: dutiableFen,
      vat: { rateBp: rate.rateBp, band: band.band, rule: vatRules[0]!, bandRule: vatRules[1]! },
      tariff: { rateBp: tariffRow.rateBp, rule: tariffRule },
      consumptionTax,
      postal: {
        category,
        rateBp: postalRate.rateBp,
        baseFen: goodsFen,
        taxFen: postalTax,
        rule: postalRule,
        categoryRule,
      },
      cbec: cbec.amounts,
      generalTrade: general.amounts,
      evidence,
    });
  }

  const assessedFen = sumFen(postalLines.map((l) => l.amountFen));
  const exempt = assessedFen <= exemption.exemptUpToFen;
  const origin = valid.postalOrigin ?? 'other';
  const limitRow = rules.postalParcelLimit(origin);
  const parcelStatus =
    goodsValueFen <= limitRow.limitFen ? 'within-limit' : singleIndivisibleItem ? 'single-article-over-limit' : 'over-limit';
  const cbecTotals = totals(items.map((i) => i.cbec));
  const generalTotals = totals(items.map((i) => i.generalTrade));

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
      tariffFen: cbecTotals.tariffFen,
      consumptionTaxFen: cbecTotals.consumptionTaxFen,
      vatFen: cbecTotals.vatFen,
      totalFen: cbecTotals.totalFen,
      lines: cbecLines,
    },
    generalTrade: {
      tariffFen: generalTotals.tariffFen,
      consumptionTaxFen: generalTotals.consumptionTaxFen,
      vatFen: generalTotals.vatFen,
      totalFen: generalTotals.totalFen,
      lines: generalLines,
    },
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
