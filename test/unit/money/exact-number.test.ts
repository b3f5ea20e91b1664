// The number fast paths against the BigInt arithmetic they stand in for, on seeded random values
// and at the 2^53 boundary: every result equal, or (for the helpers) undefined, never wrong.
import { describe, expect, it } from 'vitest';
import {
  applyBasisPoints,
  apportion,
  decimalFraction,
  exact,
  exactDecimal,
  exactToDecimalString,
  fenToYuan,
  formatFen,
  lowestTerms,
  multiplyFen,
  productAtLeast,
  quotientHalfUp,
  roundHalfUp,
  scaledToDecimalString,
  sumFen,
  type Exact,
} from '../../../shared/money/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const random = seededRandom(53);
/** A non-negative integer of up to `digits` decimal digits, sometimes right at a power of ten. */
const integer = (digits: number) => (random() < 0.1 ? 10 ** Math.floor(random() * digits) : Math.floor(random() * 10 ** (1 + Math.floor(random() * digits))));
const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};
const same = (a: Exact, b: Exact) => a.num === b.num && a.den === b.den;

describe('quotientHalfUp', () => {
  it('equals roundHalfUp of the exact fraction on 20,000 seeded pairs', () => {
    for (let n = 0; n < 20_000; n++) {
      const numerator = integer(16);
      const denominator = 1 + integer(n % 2 ? 6 : 16);
      const expected = numerator <= MAX && denominator <= MAX ? roundHalfUp(exact(numerator, denominator)) : undefined;
      expect(quotientHalfUp(numerator, denominator), `${numerator} / ${denominator}`).toBe(expected);
    }
  });

  it.each([
    [5, 10, 1],
    [4, 10, 0],
    [15, 10, 2],
    [MAX, 1, MAX],
    [MAX, 2, 2 ** 52],
    [MAX - 1, MAX, 1],
    [0, 7, 0],
  ])('%d / %d → %d (halves up)', (numerator, denominator, expected) => {
    expect(quotientHalfUp(numerator, denominator)).toBe(expected);
  });

  it.each([
    [2 ** 53, 3],
    [3, 2 ** 53],
    [MAX * 3, 3],
    [1.5, 1],
    [-1, 1],
    [1, 0],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
  ])('%d / %d is undefined: not a safe non-negative integer (redo over BigInt)', (numerator, denominator) => {
    expect(quotientHalfUp(numerator, denominator)).toBeUndefined();
  });
});

describe('lowestTerms', () => {
  it('reduces as exact() does on 10,000 seeded pairs', () => {
    for (let n = 0; n < 10_000; n++) {
      const common = 1 + integer(4);
      const [numerator, denominator] = [Math.min(integer(11) * common, MAX), Math.min((1 + integer(11)) * common, MAX)];
      const reducedExactly = exact(numerator, denominator);
      expect(lowestTerms(numerator, denominator), `${numerator} / ${denominator}`).toEqual([Number(reducedExactly.num), Number(reducedExactly.den)]);
    }
  });

  it.each([
    [1, 0],
    [-1, 2],
    [2 ** 53, 3],
    [Number.POSITIVE_INFINITY, 1],
    [Number.NaN, 1],
  ])('refuses %d / %d (no endless loop on a non-finite value)', (numerator, denominator) => {
    expect(() => lowestTerms(numerator, denominator)).toThrow(RangeError);
  });
});

describe('productAtLeast', () => {
  it('compares exactly or says it cannot', () => {
    for (let n = 0; n < 10_000; n++) {
      const [a, b, c, d] = [integer(9), integer(9), integer(9), integer(9)];
      const safe = BigInt(a) * BigInt(b) <= BigInt(MAX) && BigInt(c) * BigInt(d) <= BigInt(MAX);
      expect(productAtLeast(a, b, c, d), `${a}·${b} ≥ ${c}·${d}`).toBe(safe ? BigInt(a) * BigInt(b) >= BigInt(c) * BigInt(d) : undefined);
    }
  });
});

describe('decimalFraction', () => {
  it.each([
    [750, [750, 1]],
    [50.27, [5027, 100]],
    [0.1, [1, 10]],
    [0.000_001, [1, 1_000_000]],
    [1e-7, undefined], // spelled with an exponent
    [1e21, undefined],
    [2 ** 53, undefined],
  ] as const)('%d → %j', (value, expected) => {
    expect(decimalFraction(value)).toEqual(expected);
  });

  it('is the value of exactDecimal on 20,000 seeded doubles', () => {
    for (let n = 0; n < 20_000; n++) {
      const value = n % 3 === 0 ? random() * 10 ** Math.floor(random() * 12) : Math.round(random() * 10 ** (1 + Math.floor(random() * 10))) / 10 ** Math.floor(random() * 7);
      const fraction = decimalFraction(value);
      if (fraction) expect(same(exact(BigInt(fraction[0]), BigInt(fraction[1])), exactDecimal(value)), String(value)).toBe(true);
      else expect(n % 3, `${value} should have a safe fraction`).toBe(0);
    }
  });
});

describe('scaledToDecimalString', () => {
  it('spells as exactToDecimalString does', () => {
    for (let n = 0; n < 5_000; n++) {
      const scaled = integer(15) * (random() < 0.2 ? -1 : 1);
      const decimals = Math.floor(random() * 7);
      expect(scaledToDecimalString(scaled, decimals)).toBe(exactToDecimalString(exact(scaled, 10 ** decimals), decimals));
    }
  });
});

describe('money functions on numbers equal their BigInt definitions', () => {
  it('sumFen, also when a partial sum leaves the safe range and comes back', () => {
    for (let n = 0; n < 5_000; n++) {
      const amounts = Array.from({ length: 1 + Math.floor(random() * 5) }, () => (random() < 0.3 ? MAX - integer(3) : integer(15)) * (random() < 0.3 ? -1 : 1));
      const total = amounts.reduce((a, b) => a + BigInt(b), 0n);
      expect(outcome(() => sumFen(amounts)), amounts.join(' + ')).toEqual(
        total <= BigInt(MAX) && total >= -BigInt(MAX) ? { value: Number(total) } : { error: `not-fen: sum must be a safe integer number of fen, got ${Number(total)}` },
      );
    }
    expect(sumFen([MAX, MAX, -MAX])).toBe(MAX);
  });

  it('multiplyFen at the 2^53 boundary', () => {
    for (let n = 0; n < 5_000; n++) {
      const fen = integer(16) * (random() < 0.2 ? -1 : 1);
      const count = integer(n % 2 ? 3 : 9);
      if (!Number.isSafeInteger(fen)) continue;
      const product = BigInt(fen) * BigInt(count);
      const fits = product <= BigInt(MAX) && product >= -BigInt(MAX);
      expect(outcome(() => multiplyFen(fen, count))).toEqual(fits ? { value: Number(product) } : { error: `not-fen: ${fen} × ${count} is too large` });
    }
  });

  it('fenToYuan spells as exactToDecimalString; formatFen groups thousands as the CLDR pattern does (checked against a regular expression)', () => {
    for (let n = 0; n < 5_000; n++) {
      const fen = Math.min(integer(16), MAX) * (random() < 0.2 ? -1 : 1);
      const plain = exactToDecimalString(exact(fen, 100), 2);
      const [whole, fraction] = plain.replace('-', '').split('.') as [string, string];
      const grouped = `${fen < 0 ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
      expect(formatFen(fen, 'zh-CN')).toBe(grouped);
      expect(fenToYuan(fen)).toBe(plain);
    }
  });

  it.each([0, 99, 100, 4_503_599_627_370_495, 4_503_599_627_370_496, 4_503_599_627_370_497, 999_999_999_999_999, 99_999_999_999_999, MAX, -MAX])(
    'fenToYuan(%i) at the edges of its quick division',
    (fen) => {
      expect(fenToYuan(fen)).toBe(exactToDecimalString(exact(fen, 100), 2));
    },
  );

  it('applyBasisPoints', () => {
    for (let n = 0; n < 5_000; n++) {
      const fen = Math.min(integer(16), MAX);
      const bp = Math.floor(random() * 10_001);
      expect(applyBasisPoints(fen, bp)).toBe(roundHalfUp(exact(BigInt(fen) * BigInt(bp), 10_000n)));
    }
  });

  it('apportion: largest remainders, the same shares as over BigInt', () => {
    for (let n = 0; n < 5_000; n++) {
      const weights = Array.from({ length: 1 + Math.floor(random() * 5) }, () => (random() < 0.2 ? 0 : integer(n % 2 ? 6 : 15)));
      const total = n % 2 ? integer(5) : integer(15);
      const shares = apportion(total, weights);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      // Each share is the floor of the exact share or one more, and the extra fen went to the largest remainders.
      const w = weights.some((x) => x > 0) ? weights.map(BigInt) : weights.map(() => 1n);
      const sum = w.reduce((a, b) => a + b, 0n);
      const floors = w.map((x) => (BigInt(total) * x) / sum);
      const remainders = w.map((x) => (BigInt(total) * x) % sum);
      const extra = shares.map((s, i) => BigInt(s) - floors[i]!);
      extra.forEach((e) => expect(e === 0n || e === 1n).toBe(true));
      extra.forEach((e, i) => {
        if (e === 1n) remainders.forEach((r, j) => extra[j] === 0n && expect(r > remainders[i]! || (r === remainders[i] && j < i)).toBe(false));
      });
    }
  });
});
