// What CBEC retail import and general trade share: the tariff, consumption tax and VAT of one item
// line (cbec-rules §2), with a channel's rates. CBEC differs only in its rates (tariff 0 within the
// limits, CT and VAT × 70 %; cbec.ts), general trade takes the full ones (general-trade.ts).
// The arithmetic is in line-taxes.ts: on numbers while exact, else over BigInt.
import type { NetContent } from '../catalog/tax-classes.ts';
import { exact, fenToYuan, quotientHalfUp, roundHalfUp, scaledToDecimalString, times, type Exact, type Fen } from '../money/index.ts';
import type { ConsumptionTaxTier } from '../policy/index.ts';
import type { AppliedRule, TaxAmounts, TaxLine } from './breakdown.ts';
import { specificUnits, specificUnitsFraction } from './consumption-tax.ts';
import { consumptionTaxFormula, pct, tariffFormula, vatFormula, type DutyFormulaFacts } from './explain.ts';
import { lineTaxesOnNumbers, lineTaxesOverBigInt, type LineRates, type LineTaxes, type RoundingMode } from './line-taxes.ts';

/** What a line's lines need besides the channel's taxes. */
export interface DutyLineFacts extends DutyFormulaFacts {
  index: number;
  rules: { tariff: AppliedRule; ct: AppliedRule; vat: readonly AppliedRule[] };
}

/** The three lines of one item through one channel; `factor` is the rule of a factor below 100 %. */
export function dutyLines(
  facts: DutyLineFacts,
  tariffBp: number,
  factorBp: number,
  factor: AppliedRule | undefined,
  taxes: LineTaxes,
): { amounts: TaxAmounts; lines: TaxLine[] } {
  const { tariffFen, consumptionTaxFen, vatFen } = taxes;
  const tariff = fenToYuan(tariffFen);
  const fullCt = fenToYuan(taxes.fullConsumptionTaxFen);
  const withFactor = factorBp === 10_000 ? '' : ` × ${pct(factorBp)}`;
  const factorRule = factorBp === 10_000 ? undefined : factor;
  const lines: TaxLine[] = [
    {
      item: facts.index,
      tax: 'tariff',
      amountFen: tariffFen,
      rules: [factorRule ?? facts.rules.tariff],
      formula: tariffFormula(facts, tariffBp, tariff),
    },
    {
      item: facts.index,
      tax: 'consumption-tax',
      amountFen: consumptionTaxFen,
      rules: factorRule ? [facts.rules.ct, factorRule] : [facts.rules.ct],
      formula: consumptionTaxFormula(facts, tariff, fullCt, withFactor, consumptionTaxFen),
    },
    {
      item: facts.index,
      tax: 'vat',
      amountFen: vatFen,
      rules: factorRule ? [...facts.rules.vat, factorRule] : [...facts.rules.vat],
      formula: vatFormula(facts, tariff, fullCt, withFactor, vatFen),
    },
  ];
  return {
    amounts: { tariffFen, consumptionTaxFen, vatFen, totalFen: tariffFen + consumptionTaxFen + vatFen },
    lines,
  };
}

/** One line's figures for both duty channels, and its specific duty. */
export interface LineFigures {
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
 * Both duty channels' taxes of one item line. The specific duty is shared, so both are computed
 * together: on numbers when every figure stays exact, else both over BigInt (the same fen).
 */
export function lineFigures(
  dutiableFen: Fen,
  tier: ConsumptionTaxTier,
  content: NetContent | undefined,
  quantity: number,
  field: string,
  cbecRates: LineRates,
  generalRates: LineRates,
  rounding: RoundingMode,
): LineFigures {
  return (
    figuresOnNumbers(dutiableFen, tier, content, quantity, field, cbecRates, generalRates, rounding) ??
    figuresOverBigInt(dutiableFen, tier, content, quantity, field, cbecRates, generalRates, rounding)
  );
}
