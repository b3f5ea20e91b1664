// The two ways to a line's taxes (shared/tax/line-taxes.ts): on numbers, the formulas rearranged,
// must give exactly the BigInt formulas' fen, or say it cannot (undefined) — for any rates in
// basis points, any magnitude and any specific duty, in both rounding modes.
import { describe, expect, it } from 'vitest';
import { exact } from '../../../shared/money/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';
import { lineTaxesOnNumbers, lineTaxesOverBigInt, type LineRates, type RoundingMode } from '../../../shared/tax/line-taxes.ts';

const random = seededRandom(4_053);
const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
const upTo = (max: number) => Math.floor(random() * (max + 1));
/** Real rates most of the time, any basis points otherwise. */
const rate = (real: readonly number[], max: number) => (random() < 0.7 ? pick(real) : upTo(max));

describe('lineTaxesOnNumbers equals lineTaxesOverBigInt', () => {
  it.each<RoundingMode>(['exact-bases', 'rounded-bases'])('on 20,000 seeded lines (%s)', (rounding) => {
    let onNumbers = 0;
    let fellBack = 0;
    for (let n = 0; n < 20_000; n++) {
      const dv = Math.floor(random() * 10 ** (1 + upTo(15)));
      const rates: LineRates = {
        tariffBp: rate([0, 500, 800, 1_000, 1_400, 3_000], 9_999),
        adValoremBp: rate([0, 400, 1_000, 1_500, 2_000, 3_000], 9_999),
        vatBp: rate([900, 1_000, 1_100, 1_300, 1_600, 1_700], 9_999),
        factorBp: rate([7_000, 10_000], 10_000),
      };
      // Specific duty: none, spirits-like (k/10), beer-like (k/988 000), or anything.
      const [sN, sD] = pick([[0, 1], [upTo(10 ** 6), 10], [upTo(10 ** 9), 988_000], [upTo(10 ** 12), 1 + upTo(10 ** 7)]] as const);
      const fast = lineTaxesOnNumbers(dv, rates, sN, sD, rounding);
      let slow: unknown;
      try {
        slow = lineTaxesOverBigInt(dv, rates, exact(sN, sD), rounding);
      } catch (e) {
        slow = e; // a rounded amount past 2^53: the numbers must not give one either
      }
      if (fast === undefined) fellBack++;
      else {
        onNumbers++;
        expect(fast, `dv ${dv} ${JSON.stringify(rates)} S ${sN}/${sD}`).toEqual(slow);
      }
    }
    // Both paths were exercised (dv runs up to 10^16 fen, so many lines leave the numbers).
    expect(onNumbers).toBeGreaterThan(5_000);
    expect(fellBack).toBeGreaterThan(500);
  });

  it('stays on numbers for realistic lines (up to 1 million CNY, real rates, spirits and beer duties)', () => {
    for (let n = 0; n < 20_000; n++) {
      const dv = upTo(100_000_000);
      // No duty (any ad valorem rate); spirits: 20 % + 0.5 CNY per 500 ml on up to 100 l; beer: 0 % + 250 CNY per
      // tonne on up to 2,000 l (988 l = 1 t), as specificUnitsFraction spells them (not reduced).
      const [adValoremBp, sN, sD] = pick([
        [pick([0, 400, 1_000, 1_500, 2_000, 3_000]), 0, 1],
        [2_000, upTo(100_000) * 50, 500],
        [0, upTo(2_000_000) * 25_000, 988_000],
      ] as const);
      const rates: LineRates = {
        tariffBp: pick([0, 500, 800, 1_000, 1_400, 3_000]),
        adValoremBp,
        vatBp: pick([900, 1_000, 1_100, 1_300, 1_600, 1_700]),
        factorBp: pick([7_000, 10_000]),
      };
      const rounding = pick(['exact-bases', 'rounded-bases'] as const);
      expect(lineTaxesOnNumbers(dv, rates, sN, sD, rounding), `dv ${dv} ${JSON.stringify(rates)} S ${sN}/${sD}`).toEqual(
        lineTaxesOverBigInt(dv, rates, exact(sN, sD), rounding),
      );
    }
  });

  it.each<[string, number, LineRates, RoundingMode, [number, number, number, number]]>([
    ['wine, general trade, exact bases', 10_011, { tariffBp: 1_400, adValoremBp: 1_000, vatBp: 1_300, factorBp: 10_000 }, 'exact-bases', [1_402, 1_268, 1_268, 1_648]],
    ['wine, general trade, rounded bases', 10_011, { tariffBp: 1_400, adValoremBp: 1_000, vatBp: 1_300, factorBp: 10_000 }, 'rounded-bases', [1_402, 1_268, 1_268, 1_649]],
    ['the Ningbo cream within the limits', 42_500, { tariffBp: 0, adValoremBp: 1_500, vatBp: 1_300, factorBp: 7_000 }, 'exact-bases', [0, 7_500, 5_250, 4_550]],
  ])('%s', (_label, dv, rates, rounding, [tariff, fullCt, ct, vat]) => {
    const expected = { tariffFen: tariff, fullConsumptionTaxFen: fullCt, consumptionTaxFen: ct, vatFen: vat };
    expect(lineTaxesOnNumbers(dv, rates, 0, 1, rounding)).toEqual(expected);
    expect(lineTaxesOverBigInt(dv, rates, exact(0), rounding)).toEqual(expected);
  });
});
