// Exact rational arithmetic over BigInt for tax bases. Chinese import tax formulas divide by
// (1 − consumption-tax rate) and chain three taxes, so intermediate values are fractions of a fen;
// keeping them exact and rounding once per tax (cbec-rules §2.3) is the only way to get the same
// fen on every platform. Values are fen (or a plain number) as num/den with den > 0, reduced.

export interface Exact {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(num: bigint, den: bigint): Exact {
  if (den === 0n) throw new RangeError('exact: division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** An integer (fen, a count) or integer/den as an exact value. Integers must be safe. */
export function exact(value: number | bigint, den: number | bigint = 1n): Exact {
  const n = typeof value === 'bigint' ? value : safeBigInt(value);
  const d = typeof den === 'bigint' ? den : safeBigInt(den);
  return reduce(n, d);
}

/** A rate in basis points (1300 = 13 %) as an exact fraction. */
export function exactBasisPoints(bp: number): Exact {
  return exact(bp, 10_000);
}

/**
 * A finite decimal number (a net content such as 50.27 ml) as the exact fraction of its shortest
 * decimal spelling, so 0.1 becomes 1/10 and not the binary float's neighbour.
 */
export function exactDecimal(value: number): Exact {
  if (!Number.isFinite(value)) throw new RangeError(`exact: ${value} is not finite`);
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const fractionDigits = (mantissa.split('.')[1] ?? '').length;
  const scale = exponent - fractionDigits;
  let num = BigInt(digits) * (negative ? -1n : 1n);
  let den = 1n;
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den = 10n ** BigInt(-scale);
  return reduce(num, den);
}

export function plus(a: Exact, b: Exact): Exact {
  return reduce(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function minus(a: Exact, b: Exact): Exact {
  return reduce(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function times(a: Exact, b: Exact): Exact {
  return reduce(a.num * b.num, a.den * b.den);
}

export function dividedBy(a: Exact, b: Exact): Exact {
  if (b.num === 0n) throw new RangeError('exact: division by zero');
  return reduce(a.num * b.den, a.den * b.num);
}

export function compareExact(a: Exact, b: Exact): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const ZERO: Exact = { num: 0n, den: 1n };

/**
 * Rounds to the nearest integer, halves away from zero (四舍五入; for the non-negative amounts
 * of tax this is "half up"). Throws when the result is not a safe integer.
 */
export function roundHalfUp(value: Exact): number {
  const negative = value.num < 0n;
  const abs = negative ? -value.num : value.num;
  const rounded = (2n * abs + value.den) / (2n * value.den);
  const result = negative ? -rounded : rounded;
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('exact: rounded value is not a safe integer');
  }
  return Number(result);
}

/** Rounds to `decimals` places, half up, and spells it as a decimal string (for display only). */
export function exactToDecimalString(value: Exact, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = BigInt(roundHalfUp(times(value, { num: scale, den: 1n })));
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = abs.slice(0, abs.length - decimals);
  const fraction = abs.slice(abs.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

function safeBigInt(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`exact: ${value} is not a safe integer`);
  return BigInt(value);
}
