// The taxes of one order line through one channel, as whole fen (formulas in compare.ts and
// README.md, cbec-rules §2.1):
//   tariff = dv × t
//   CT     = (dv + tariff + S) ÷ (1 − c) × c + S          消费税暂行条例 第九条
//   VAT    = (dv + tariff + CT) × v                      增值税暂行条例 第十四条 (增值税法 第十四条 from 2026) — the full CT
//   levied CT = CT × f, levied VAT = VAT × f             (f = 70 % for CBEC within the limits)
// each rounded half up to the fen once (cbec-rules §2.3, OPEN-5).
//
// Two ways to the same fen. overBigInt is the formulas above, literally, on exact BigInt
// fractions. onNumbers is the same algebra with the rates as reduced fractions p/q, rearranged so
// that every numerator and denominator is a sum of products of non-negative integers; for any
// realistic order they stay below 2^53 and are then exact (shared/money/exact-number.ts), and
// when one does not the line is redone over BigInt. test/unit/tax/reference.test.ts checks both
// against the original BigInt implementation on thousands of seeded orders.
import {
  dividedBy,
  exact,
  exactBasisPoints,
  lowestTerms,
  minus,
  plus,
  quotientHalfUp,
  roundHalfUp,
  times,
  type Exact,
  type Fen,
} from '../money/index.ts';
import type { NumberFraction } from './consumption-tax.ts';

export type RoundingMode = 'exact-bases' | 'rounded-bases';

export interface LineTaxes {
  tariffFen: Fen;
  /** The statutory (100 %) consumption tax, rounded: shown in the formulas, and the VAT base when bases are rounded. */
  fullConsumptionTaxFen: Fen;
  /** The consumption tax levied (× the channel's factor). */
  consumptionTaxFen: Fen;
  vatFen: Fen;
}

export interface LineRates {
  tariffBp: number;
  adValoremBp: number;
  vatBp: number;
  /** Share of the statutory CT and VAT levied, 10 000 = all of it. */
  factorBp: number;
}

const BASIS = 10_000;

/** Reduced fractions of small integers, kept: a handful of rates recur in every order. */
const reducedFractions = new Map<number, NumberFraction>();

/** n / d in lowest terms, for 0 ≤ n ≤ 20 000 and 0 < d ≤ 10 000 (rates in basis points). */
function reduced(n: number, d: number): NumberFraction {
  const key = n * 16_384 + d;
  let fraction = reducedFractions.get(key);
  if (!fraction) {
    fraction = lowestTerms(n, d);
    if (reducedFractions.size < 4_096) reducedFractions.set(key, fraction);
  }
  return fraction;
}

/**
 * The line's taxes on numbers, or undefined when an intermediate would not be exact.
 * dv = dutiable value in fen, specific duty S = sN / sD fen.
 */
export function lineTaxesOnNumbers(dv: Fen, rates: LineRates, specificNumerator: number, specificDenominator: number, rounding: RoundingMode): LineTaxes | undefined {
  if (!Number.isSafeInteger(specificNumerator) || !Number.isSafeInteger(specificDenominator)) return undefined;
  // A duty per tonne comes as k / 988 000 and the like; in lowest terms it leaves more room below 2^53.
  const [sN, sD] = specificNumerator > 0 && specificDenominator > 1 ? lowestTerms(specificNumerator, specificDenominator) : [specificNumerator, specificDenominator];
  const tariffFen = quotientHalfUp(dv * rates.tariffBp, BASIS);
  if (tariffFen === undefined) return undefined;
  const [p2, q2] = reduced(rates.adValoremBp, BASIS - rates.adValoremBp); // c ÷ (1 − c)
  const [p3, q3] = reduced(rates.vatBp, BASIS); // v
  const [p4, q4] = reduced(rates.factorBp, BASIS); // f
  let fullCt: number | undefined;
  let ct: number | undefined;
  let vat: number | undefined;
  if (rounding === 'exact-bases') {
    // X = dv + tariff + S = dv × (1 + t) + S = x ÷ (q1 × sD) with 1 + t = p1 / q1.
    // CT = X × c ÷ (1 − c) + S;  dv + tariff + CT = X − S + CT = X × (1 + c ÷ (1 − c)) = X × (q2 + p2) ÷ q2.
    const [p1, q1] = reduced(BASIS + rates.tariffBp, BASIS);
    const x = dv * p1 * sD + sN * q1;
    const ctDenominator = q1 * sD * q2;
    const ctNumerator = x * p2 + sN * q1 * q2;
    fullCt = quotientHalfUp(ctNumerator, ctDenominator);
    ct = quotientHalfUp(ctNumerator * p4, ctDenominator * q4);
    vat = quotientHalfUp(x * (q2 + p2) * p3 * p4, ctDenominator * q3 * q4);
  } else {
    // The tariff and the full CT enter the next base rounded to the fen.
    const x = (dv + tariffFen) * sD + sN; // X = x ÷ sD
    const ctDenominator = sD * q2;
    const ctNumerator = x * p2 + sN * q2;
    fullCt = quotientHalfUp(ctNumerator, ctDenominator);
    if (fullCt === undefined) return undefined;
    ct = quotientHalfUp(ctNumerator * p4, ctDenominator * q4);
    vat = quotientHalfUp((dv + tariffFen + fullCt) * p3 * p4, q3 * q4);
  }
  if (fullCt === undefined || ct === undefined || vat === undefined) return undefined;
  return { tariffFen, fullConsumptionTaxFen: fullCt, consumptionTaxFen: ct, vatFen: vat };
}

/** The line's taxes by the formulas, over exact BigInt fractions (any magnitude). */
export function lineTaxesOverBigInt(dv: Fen, rates: LineRates, specific: Exact, rounding: RoundingMode): LineTaxes {
  const base = (e: Exact) => (rounding === 'rounded-bases' ? exact(roundHalfUp(e)) : e);
  const value = exact(dv);
  const tariff = times(value, exactBasisPoints(rates.tariffBp));
  const tariffBase = base(tariff);
  const c = exactBasisPoints(rates.adValoremBp);
  const ct = plus(times(dividedBy(plus(plus(value, tariffBase), specific), minus(exact(1), c)), c), specific);
  const vat = times(plus(plus(value, tariffBase), base(ct)), exactBasisPoints(rates.vatBp));
  const factor = exactBasisPoints(rates.factorBp);
  return {
    tariffFen: roundHalfUp(tariff),
    fullConsumptionTaxFen: roundHalfUp(ct),
    consumptionTaxFen: roundHalfUp(times(ct, factor)),
    vatFen: roundHalfUp(times(vat, factor)),
  };
}
