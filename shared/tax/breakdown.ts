// What a tax comparison returns: the three channels side by side, per item and per tax line, each
// amount with the rules it rests on and its formula in both languages (explain.ts).
import type { TaxClassId } from '../catalog/tax-classes.ts';
import { sumFen, type Fen } from '../money/index.ts';
import type { Policy, PolicyRow, PolicySource } from '../policy/index.ts';
import type { Admission } from '../quota/index.ts';
import type { Localized } from '../text/localized.ts';
import type { UnitPrice } from './consumption-tax.ts';
import type { RoundingMode } from './line-taxes.ts';

export type { RoundingMode } from './line-taxes.ts';

export interface CompareOptions {
  /** CBEC dutiable value already used this calendar year, for the admission. Default 0. */
  usedThisYearFen?: Fen;
  policy?: Policy;
  /**
   * 'rounded-bases' (default, the customs reading: 海关总署令第272号 第十七条、第十九条): each tax is
   * rounded half up to the fen and the rounded tariff and consumption tax enter the next base.
   * 'exact-bases' keeps them unrounded inside the next base.
   */
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
  formula: Localized;
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
  /** This line's share of the order's discount (present when the order has one). */
  discountShareFen?: Fen;
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
    specific?: { amountFen: Fen; per: number; unit: 'ml-or-g' | 'tonne' | 'kg'; units: string };
    /** In the consumption-tax scope (decides postal category 3 too). */
    taxed: boolean;
    /** Per ml / g / piece (cosmetics), per article (watches), per tonne (beer). */
    unitPrice?: UnitPrice;
    assumption?: Localized;
  };
  postal: { category: number; rateBp: number; baseFen: Fen; taxFen: Fen; rule: AppliedRule; categoryRule: AppliedRule };
  cbec: TaxAmounts;
  generalTrade: TaxAmounts;
  evidence: Localized[];
  /** Present when the item's HS code decided its class (policy row kind 'hs-class'). */
  hsClassRule?: AppliedRule;
}

export interface ChannelComparison {
  date: string;
  /** The declaration date whose rules applied, when the order gave one. */
  rulesDate?: string;
  goodsValueFen: Fen;
  /** The seller's or platform's discount taken off the 完税价格 (present when the order has one). */
  discountFen?: Fen;
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

/** The rule as a result cites it, built once per policy row. */
export function applied(row: PolicyRow): AppliedRule {
  let rule = appliedRules.get(row);
  if (!rule) {
    rule = Object.freeze({ id: row.id, source: row.source, confidence: row.confidence, ...(row.open ? { open: row.open } : {}) });
    appliedRules.set(row, rule);
  }
  return rule;
}

/** The sum of per-item amounts of one channel. */
export function totals(amounts: readonly TaxAmounts[]): TaxAmounts {
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
