// Channel (b), general trade (一般贸易): the tariff, the full consumption tax and the full VAT,
// with no factor and no admission (cbec-rules §2).
import type { ChannelTax, TaxAmounts, TaxLine } from './breakdown.ts';
import { totals } from './breakdown.ts';
import { dutyLines, type DutyLineFacts } from './duty-channel.ts';
import type { LineRates, LineTaxes } from './line-taxes.ts';

/** The general-trade rates of one item line: the statutory ones. */
export function generalTradeRates(full: { tariffBp: number; adValoremBp: number; vatBp: number }): LineRates {
  return { tariffBp: full.tariffBp, adValoremBp: full.adValoremBp, vatBp: full.vatBp, factorBp: 10_000 };
}

/** The item's general-trade lines. */
export function generalTradeLines(facts: DutyLineFacts, rates: LineRates, taxes: LineTaxes): { amounts: TaxAmounts; lines: TaxLine[] } {
  return dutyLines(facts, rates.tariffBp, 10_000, undefined, taxes);
}

/** The channel's totals over the order's items. */
export function generalTradeTax(amounts: readonly TaxAmounts[], lines: TaxLine[]): ChannelTax {
  const sum = totals(amounts);
  return { tariffFen: sum.tariffFen, consumptionTaxFen: sum.consumptionTaxFen, vatFen: sum.vatFen, totalFen: sum.totalFen, lines };
}
