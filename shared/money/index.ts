// Money is integer fen (分) everywhere in CrossCheck: a safe JavaScript integer, never a float.
// Yuan strings are parsed digit by digit, rates are exact (basis points or fractions over BigInt),
// and every amount of tax is rounded once, half up, to the fen (cbec-rules §2.3).
import { exact, exactBasisPoints, roundHalfUp, times } from './exact.ts';
import { quotientHalfUp } from './exact-number.ts';
import type { Localized } from '../text/localized.ts';

export * from './exact.ts';
export * from './exact-number.ts';

/** An amount of money in fen (1 CNY = 100 fen). Always a safe integer. */
export type Fen = number;

export type MoneyErrorCode = 'not-fen' | 'bad-yuan' | 'bad-rate' | 'bad-weights';

export const MONEY_ERROR_MESSAGES: Record<MoneyErrorCode, Localized> = {
  'not-fen': { en: 'The amount is not a whole number of fen.', 'zh-CN': '金额不是以分为单位的整数。' },
  'bad-yuan': {
    en: 'The amount is not a yuan figure with at most two decimals.',
    'zh-CN': '金额不是最多两位小数的人民币数值。',
  },
  'bad-rate': { en: 'The rate is not a whole number of basis points.', 'zh-CN': '税率不是以基点为单位的整数。' },
  'bad-weights': {
    en: 'The amounts to share out by are not whole, non-negative numbers of fen.',
    'zh-CN': '用于分摊的金额不是非负的整数分。',
  },
};

export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'MoneyError';
  }
}

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Returns `value` as Fen or throws `not-fen`, naming `what` (a field name) in the detail. */
export function assertFen(value: unknown, what = 'amount'): Fen {
  if (!isFen(value)) throw new MoneyError('not-fen', `${what} must be a safe integer number of fen, got ${String(value)}`);
  return value;
}

const YUAN = /^(-?)(\d{1,16})(?:\.(\d{1,2}))?$/;

/** "12.34" → 1234, "12.3" → 1230, "-0.05" → -5. No float is involved; three decimals are refused. */
export function parseYuan(text: string): Fen {
  const m = YUAN.exec(text.trim());
  if (!m) throw new MoneyError('bad-yuan', `"${text}" is not a yuan amount like 12.34`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  const signed = m[1] === '-' ? -fen : fen;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError('bad-yuan', `"${text}" is too large`);
  return Number(signed);
}

/** Fen as a plain decimal yuan string: 123450 → "1234.50" (for JSON and CSV, no grouping). */
export function fenToYuan(fen: Fen): string {
  assertFen(fen);
  const negative = fen < 0;
  const abs = negative ? -fen : fen;
  let yuan: number;
  let cents: number;
  if (abs < 2 ** 52) {
    // Division and floor instead of % (a slow call on doubles): the rounded quotient is at most
    // one too high, which leaves cents negative, and below 2^52 yuan × 100 is exact.
    yuan = Math.floor(abs / 100);
    cents = abs - yuan * 100;
    if (cents < 0) [yuan, cents] = [yuan - 1, cents + 100];
  } else {
    cents = abs % 100; // exact, so abs − cents is an exact multiple of 100
    yuan = (abs - cents) / 100;
  }
  return `${negative ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

export type MoneyLocale = 'zh-CN' | 'en';

/**
 * Display form: zh-CN "¥1,234.50", en "CN¥1,234.50" (the CLDR symbols for CNY in those locales,
 * written out here so the output does not depend on the ICU data a runtime ships).
 */
export function formatFen(fen: Fen, locale: MoneyLocale): string {
  assertFen(fen);
  const negative = fen < 0;
  const abs = negative ? -fen : fen;
  const cents = abs % 100;
  const whole = String((abs - cents) / 100);
  // Thousands separators from the right (the quota messages format a few amounts per order).
  let end = whole.length;
  let grouped = '';
  for (; end > 3; end -= 3) grouped = `,${whole.slice(end - 3, end)}${grouped}`;
  const symbol = locale === 'zh-CN' ? '¥' : 'CN¥';
  return `${negative ? '-' : ''}${symbol}${whole.slice(0, end)}${grouped}.${cents < 10 ? '0' : ''}${cents}`;
}

function assertBasisPoints(bp: number): void {
  if (!Number.isSafeInteger(bp)) throw new MoneyError('bad-rate', `${bp} basis points`);
}

/** fen × (bp / 10 000), rounded half up to the fen. 1300 bp = 13 %. */
export function applyBasisPoints(fen: Fen, bp: number): Fen {
  assertFen(fen);
  assertBasisPoints(bp);
  // Numbers while fen × bp is exact (any price below 9 × 10^11 CNY at a rate up to 100 %).
  return (fen >= 0 && bp >= 0 ? quotientHalfUp(fen * bp, 10_000) : undefined) ?? roundHalfUp(times(exact(fen), exactBasisPoints(bp)));
}

/** Sum of amounts; throws when any addend or the total leaves the safe-integer range. */
export function sumFen(amounts: readonly Fen[]): Fen {
  // Numbers while every partial sum is a safe integer (then each addition was exact); BigInt
  // otherwise, where a total may come back into range after a partial sum left it.
  let total = 0;
  for (const a of amounts) {
    total += assertFen(a);
    if (!isFen(total)) return sumFenOverBigInt(amounts);
  }
  return total;
}

function sumFenOverBigInt(amounts: readonly Fen[]): Fen {
  let total = 0n;
  for (const a of amounts) total += BigInt(assertFen(a));
  return assertFen(Number(total), 'sum');
}

/** price × quantity with an overflow check (a 2^53 total is no real order, but never wrong). */
export function multiplyFen(fen: Fen, count: number): Fen {
  assertFen(fen);
  if (!Number.isSafeInteger(count)) throw new MoneyError('not-fen', `count ${count} is not an integer`);
  // A double product of two safe integers is exact when the true product is safe, and at least
  // 2^53 in magnitude when it is not, so the range check on the double decides exactly.
  const product = fen * count;
  if (!isFen(product)) throw new MoneyError('not-fen', `${fen} × ${count} is too large`);
  return product === 0 ? 0 : product;
}

/**
 * Shares `total` out in proportion to `weights` by the largest-remainder method: each share is
 * floored, and the fen left over go one each to the largest remainders (earlier index on ties),
 * so the shares always sum to exactly `total`. Zero total weight shares equally.
 * Used to apportion freight and insurance over an order's lines by their value.
 */
export function apportion(total: Fen, weights: readonly Fen[]): Fen[] {
  assertFen(total, 'total');
  if (total < 0) throw new MoneyError('bad-weights', 'the total to share out is negative');
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new MoneyError('bad-weights', 'nothing to share the total over');
  }
  if (weights.some((w) => !isFen(w) || w < 0)) throw new MoneyError('bad-weights', weights.join(','));
  if (total === 0) return weights.map(() => 0);
  const w = weights.some((x) => x > 0) ? weights : weights.map(() => 1);
  // Numbers while the weights' sum and every total × weight are safe integers (then exact), else BigInt.
  let sum = 0;
  let largest = 0;
  for (const x of w) {
    sum += x;
    if (x > largest) largest = x;
  }
  if (!isFen(sum) || !isFen(total * largest)) return apportionOverBigInt(total, w);
  const shares: Fen[] = [];
  const remainders: { i: number; r: number }[] = [];
  let left = total;
  w.forEach((x, i) => {
    const product = total * x;
    const r = product % sum; // exact on doubles, so product − r is an exact multiple of sum
    const share = (product - r) / sum;
    shares.push(share);
    remainders.push({ i, r });
    left -= share;
  });
  if (left === 0) return shares;
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

function apportionOverBigInt(total: Fen, weights: readonly Fen[]): Fen[] {
  const w = weights.map(BigInt);
  const sum = w.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);
  const shares = w.map((x) => (t * x) / sum);
  const remainders = w.map((x, i) => ({ i, r: (t * x) % sum }));
  let left = t - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}
