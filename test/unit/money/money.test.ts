import { describe, expect, it } from 'vitest';
import {
  applyBasisPoints,
  apportion,
  assertFen,
  exact,
  exactDecimal,
  fenToYuan,
  formatFen,
  MoneyError,
  multiplyFen,
  parseYuan,
  roundHalfUp,
  sumFen,
} from '../../../shared/money/index.ts';

describe('parseYuan', () => {
  it.each([
    ['12.34', 1234],
    ['12.3', 1230],
    ['12', 1200],
    ['0.01', 1],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.15', 115],
    ['5000.00', 500_000],
    ['5000.01', 500_001],
    ['-0.05', -5],
    [' 26000 ', 2_600_000],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each(['12.345', '1e3', '', '.5', '12.', '1,234.50', 'NaN', '¥12', '90071992547409.92', '--1'])('refuses %j', (text) => {
    expect(() => parseYuan(text)).toThrow(MoneyError);
  });
});

describe('formatting', () => {
  it.each([
    [123_450, 'zh-CN', '¥1,234.50'],
    [123_450, 'en', 'CN¥1,234.50'],
    [5, 'zh-CN', '¥0.05'],
    [0, 'en', 'CN¥0.00'],
    [260_000_000, 'en', 'CN¥2,600,000.00'],
    [-9_999, 'zh-CN', '-¥99.99'],
  ] as const)('%i fen in %s → %s', (fen, locale, text) => {
    expect(formatFen(fen, locale)).toBe(text);
  });

  it.each([
    [123_450, '1234.50'],
    [7, '0.07'],
    [-120, '-1.20'],
  ])('fenToYuan(%i) = %s and parses back', (fen, text) => {
    expect(fenToYuan(fen)).toBe(text);
    expect(parseYuan(text)).toBe(fen);
  });
});

describe('rates and rounding', () => {
  it.each([
    // fen, bp, expected: half-up at exactly half a fen
    [10_000, 1300, 1300],
    [50, 1000, 5], // 5.0
    [5, 1000, 1], // 0.5 → 1 (half up)
    [4, 1000, 0], // 0.4 → 0
    [15, 3333, 5], // 4.9995 → 5
    [1, 5000, 1], // 0.5 → 1
    [3, 5000, 2], // 1.5 → 2 (half up, not banker's)
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER], // BigInt product beyond 2^53
  ])('%i fen × %i bp = %i', (fen, bp, out) => {
    expect(applyBasisPoints(fen, bp)).toBe(out);
  });

  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [7, 3, 2],
    [-7, 3, -2],
    [1, 2, 1],
  ])('roundHalfUp(%i/%i) = %i (half away from zero)', (num, den, out) => {
    expect(roundHalfUp(exact(num, den))).toBe(out);
  });

  it.each([
    [50.27, '5027/100'],
    [0.1, '1/10'],
    [1e-7, '1/10000000'],
    [1.5e21, '1500000000000000000000/1'],
    [988, '988/1'],
  ])('exactDecimal(%d) is %s', (value, fraction) => {
    const e = exactDecimal(value);
    expect(`${e.num}/${e.den}`).toBe(fraction);
  });
});

describe('apportion (largest remainder)', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1000, [5000, 3000, 2000], [500, 300, 200]],
    [1, [1, 1], [1, 0]],
    [7, [0, 0, 0], [3, 2, 2]],
    [0, [5, 7], [0, 0]],
    [10, [1, 2, 3, 4], [1, 2, 3, 4]],
    [999, [333, 333, 334], [333, 333, 333]],
  ])('apportion(%i, %j) = %j', (total, weights, shares) => {
    const out = apportion(total, weights);
    expect(out).toEqual(shares);
    expect(out.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('always sums exactly over many generated cases', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed);
    for (let i = 0; i < 2000; i++) {
      const weights = Array.from({ length: 1 + (next() % 8) }, () => next() % 1_000_000);
      const total = next() % 100_000;
      const shares = apportion(total, weights);
      expect(sumFen(shares)).toBe(total);
      shares.forEach((s) => expect(s).toBeGreaterThanOrEqual(0));
    }
  });

  it.each([
    [-1, [1]],
    [1, []],
    [1, [-1, 2]],
    [1, [0.5]],
  ])('refuses apportion(%i, %j)', (total, weights) => {
    expect(() => apportion(total, weights)).toThrow(MoneyError);
  });
});

describe('guards', () => {
  it.each([0.5, Number.NaN, Infinity, 2 ** 53, '12', null])('assertFen refuses %j', (v) => {
    expect(() => assertFen(v)).toThrow(/not-fen/);
  });

  it('multiplyFen and sumFen refuse totals beyond 2^53', () => {
    expect(multiplyFen(1234, 3)).toBe(3702);
    expect(() => multiplyFen(Number.MAX_SAFE_INTEGER, 2)).toThrow(MoneyError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
  });
});
