// The three ways the same goods can come in, taxed side by side (cbec-rules §2 and §4):
//  (a) CBEC retail import: tariff 0, consumption tax and VAT at 70 % within the limits, or in full
//      when the admission says so (财关税〔2016〕18号 §三, 〔2018〕49号 §二)            → cbec.ts
//  (b) general trade: tariff + full consumption tax + full VAT                      → general-trade.ts
//  (c) postal articles (行邮税): one combined rate per category, exempt when ≤ 50 CNY → postal.ts
// (a) and (b) share the line arithmetic (duty-channel.ts, line-taxes.ts); what each line says to
// the user, in English and Chinese, is in explain.ts; the result's shape in breakdown.ts.
//
// Formulas (消费税暂行条例 第九条, 增值税暂行条例 第十四条, 增值税法 第十四条 from 2026-01-01):
//   tariff = dv × t
//   CT     = (dv + tariff + specific) ÷ (1 − c) × c + specific
//   VAT    = (dv + tariff + CT) × v          — the full CT, never the 70 % one
//   CBEC   = CT × 0.7, VAT × 0.7, tariff 0, the factor applied once at the end
// Each tax is rounded half up to the fen per item line; the bases are exact by default
// (cbec-rules §2.3; OPEN-5 — the 'rounded-bases' option rounds tariff and full CT before use).
//
// Speed matters here: the extension and the PWA compare every product a list page shows (500
// cards). So the order is checked by hand (order.ts orderIfValid; the schema only for a bad
// order), the rules of the day are resolved once (shared/policy), a rule's AppliedRule is built
// once per row, and the figures are integer fen formatted without BigInt.
import { apportion, exactToDecimalString, fenToYuan, multiplyFen, sumFen } from '../money/index.ts';
import { defaultPolicy, type PolicyInForce } from '../policy/index.ts';
import { admitOrder } from '../quota/index.ts';
import {
  applied,
  type ChannelComparison,
  type CompareOptions,
  type ItemBreakdown,
  type TaxAmounts,
  type TaxLine,
} from './breakdown.ts';
import { cbecLines, cbecRates, cbecTax } from './cbec.ts';
import { chooseTier } from './consumption-tax.ts';
import { lineFigures, type DutyLineFacts } from './duty-channel.ts';
import { higherTierAssumption, itemEvidence } from './explain.ts';
import { generalTradeLines, generalTradeRates, generalTradeTax } from './general-trade.ts';
import { TaxError, orderIfValid, parseOrder, type Order } from './order.ts';
import { postalItem, postalTax } from './postal.ts';

export type {
  AppliedRule,
  CbecTax,
  ChannelComparison,
  ChannelTax,
  CompareOptions,
  ItemBreakdown,
  PostalTax,
  RoundingMode,
  TaxAmounts,
  TaxKind,
  TaxLine,
} from './breakdown.ts';

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
  const rounding = options.rounding ?? 'rounded-bases';
  // The day the declaration was completed decides the rules when known (关税法 第二十条), else the order date.
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
  // A seller's or platform's discount lowers the actual transaction price (公告2016年第26号 (十五)).
  const discountFen = valid.discountFen ?? 0;
  if (discountFen > goodsValueFen) throw new TaxError('invalid-order', 'discountFen', 'must not exceed the goods value');
  const discountShares = discountFen === 0 ? undefined : apportion(discountFen, goods);
  const dutiable = goods.map((g, i) => sumFen([g - (discountShares?.[i] ?? 0), freightShares[i]!, insuranceShares[i]!]));
  const dutiableValueFen = sumFen(dutiable);

  const singleIndivisibleItem = valid.items.length === 1 && valid.items[0]!.quantity === 1;
  const admission = admitOrder({ date: rulesDate, dutiableValueFen, singleIndivisibleItem }, options.usedThisYearFen ?? 0, policy);
  const preferenceRule = applied(preference);
  const quotaRule = applied(quota);

  const items: ItemBreakdown[] = [];
  const cbecAmounts: TaxAmounts[] = [];
  const generalAmounts: TaxAmounts[] = [];
  const cbecLinesAll: TaxLine[] = [];
  const generalLinesAll: TaxLine[] = [];
  const postalLines: TaxLine[] = [];

  for (let index = 0; index < valid.items.length; index++) {
    const given = valid.items[index]!;
    // An HS code decides the class before the title classifier or the order's own class does.
    const hsRow = given.hsCode === undefined ? undefined : rules.hsClass(given.hsCode);
    const item = hsRow && hsRow.taxClass !== given.taxClass ? { ...given, taxClass: hsRow.taxClass } : given;
    const field = `items.${index}.netContent`;
    const { band, rate } = rules.vat(item.taxClass);
    const tariffRow = rules.tariff(item.taxClass);
    const ctRow = rules.consumptionTax(item.taxClass);
    const dutiableFen = dutiable[index]!;
    const choice = chooseTier(ctRow, dutiableFen, item.quantity, item.netContent, field, valid.customsUsdRate);
    const tier = choice.tier;
    const full = { tariffBp: tariffRow.rateBp, adValoremBp: tier.adValoremBp, vatBp: rate.rateBp };
    const generalRates = generalTradeRates(full);
    const cbecLineRates = cbecRates(admission, preference, full);
    const figures = lineFigures(dutiableFen, tier, item.netContent, item.quantity, field, cbecLineRates, generalRates, rounding);
    const specificFen = figures.specific?.fen;
    const taxed = tier.adValoremBp > 0 || specificFen !== undefined;

    const tariffRule = applied(tariffRow);
    const ctRule = applied(ctRow);
    const vatRules = [applied(rate), applied(band)];
    const facts: DutyLineFacts = {
      index,
      dutiableText: fenToYuan(dutiableFen),
      adValoremBp: tier.adValoremBp,
      vatBp: rate.rateBp,
      specificYuan: specificFen === undefined ? undefined : fenToYuan(specificFen),
      rules: { tariff: tariffRule, ct: ctRule, vat: vatRules },
    };
    const cbec = cbecLines(facts, cbecLineRates, figures.cbec, admission, preferenceRule, quotaRule);
    const general = generalTradeLines(facts, generalRates, figures.general);
    cbecLinesAll.push(...cbec.lines);
    generalLinesAll.push(...general.lines);
    cbecAmounts.push(cbec.amounts);
    generalAmounts.push(general.amounts);

    const goodsFen = goods[index]!;
    const postal = postalItem(rules, index, item.taxClass, taxed, goodsFen);
    postalLines.push(postal.line);

    const assumption = choice.assumption === undefined ? undefined : higherTierAssumption(choice.assumption, tier.name, choice.assumptionReason);
    const evidence = itemEvidence(
      item.taxClass,
      ctRow,
      tier.name,
      choice.unitPrice,
      assumption,
      item.hsCode,
      hsRow ? { id: hsRow.id, given: given.taxClass } : undefined,
    );

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
    if (assumption) consumptionTax.assumption = assumption;
    items.push({
      index,
      name: item.name,
      taxClass: item.taxClass,
      quantity: item.quantity,
      priceFen: item.priceFen,
      goodsValueFen: goodsFen,
      ...(discountShares ? { discountShareFen: discountShares[index]! } : {}),
      freightShareFen: freightShares[index]!,
      insuranceShareFen: insuranceShares[index]!,
      dutiableValueFen: dutiableFen,
      vat: { rateBp: rate.rateBp, band: band.band, rule: vatRules[0]!, bandRule: vatRules[1]! },
      tariff: { rateBp: tariffRow.rateBp, rule: tariffRule },
      consumptionTax,
      postal: postal.postal,
      cbec: cbec.amounts,
      generalTrade: general.amounts,
      evidence,
      ...(hsRow ? { hsClassRule: applied(hsRow) } : {}),
    });
  }

  const postal = postalTax(rules, exemption, postalLines, goodsValueFen, valid.postalOrigin ?? 'other', singleIndivisibleItem);
  return {
    date: valid.date,
    ...(valid.declarationDate ? { rulesDate } : {}),
    goodsValueFen,
    ...(discountShares ? { discountFen } : {}),
    freightFen,
    insuranceFen,
    dutiableValueFen,
    admission,
    cbec: cbecTax(admission, preference, cbecAmounts, cbecLinesAll),
    generalTrade: generalTradeTax(generalAmounts, generalLinesAll),
    postal,
    items,
    rounding,
  };
}
