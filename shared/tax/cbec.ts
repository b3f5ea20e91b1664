// Channel (a), CBEC retail import (跨境电商零售进口): within the limits the tariff is 0 and
// consumption tax and VAT are levied at 70 % (财关税〔2016〕18号 §二, the factor applied once at the
// end); when the admission says full tax (over the limits, or the single-item rule) all three are
// levied in full and every line rests on the admission rule too (〔2018〕49号 §二, 18号 §三).
import type { Admission } from '../quota/index.ts';
import type { AppliedRule, CbecTax, TaxAmounts, TaxLine } from './breakdown.ts';
import { totals } from './breakdown.ts';
import { dutyLines, type DutyLineFacts } from './duty-channel.ts';
import type { LineRates, LineTaxes } from './line-taxes.ts';

type Preference = { tariffWithinLimitsBp: number; factorBp: number };

/** Share of the statutory CT and VAT levied: the preference within the limits, else 100 %. */
export function cbecFactorBp(admission: Admission, preference: Preference): number {
  return admission.compositeTax ? preference.factorBp : 10_000;
}

/** The CBEC rates of one item line. */
export function cbecRates(
  admission: Admission,
  preference: Preference,
  full: { tariffBp: number; adValoremBp: number; vatBp: number },
): LineRates {
  return {
    tariffBp: admission.compositeTax ? preference.tariffWithinLimitsBp : full.tariffBp,
    adValoremBp: full.adValoremBp,
    vatBp: full.vatBp,
    factorBp: cbecFactorBp(admission, preference),
  };
}

/** The item's CBEC lines; `preferenceRule` cites the 70 %, `quotaRule` the admission behind full tax. */
export function cbecLines(
  facts: DutyLineFacts,
  rates: LineRates,
  taxes: LineTaxes,
  admission: Admission,
  preferenceRule: AppliedRule,
  quotaRule: AppliedRule,
): { amounts: TaxAmounts; lines: TaxLine[] } {
  const cbec = dutyLines(facts, rates.tariffBp, rates.factorBp, preferenceRule, taxes);
  if (!admission.compositeTax) for (const line of cbec.lines) line.rules.push(quotaRule);
  return cbec;
}

/** The channel's totals over the order's items. */
export function cbecTax(admission: Admission, preference: Preference, amounts: readonly TaxAmounts[], lines: TaxLine[]): CbecTax {
  const sum = totals(amounts);
  return {
    regime: admission.compositeTax ? 'composite' : 'full',
    factorBp: cbecFactorBp(admission, preference),
    tariffFen: sum.tariffFen,
    consumptionTaxFen: sum.consumptionTaxFen,
    vatFen: sum.vatFen,
    totalFen: sum.totalFen,
    lines,
  };
}
