// Exact integer arithmetic on plain numbers, for as long as it stays exact. Tax bases are
// fractions of a fen (exact.ts keeps them as BigInt fractions), but for realistic orders their
// numerators and denominators are far below 2^53, where a double holds every integer exactly;
// doing the same sums and products on numbers is an order of magnitude faster than BigInt.
//
// Why one check at the end is enough: for non-negative integers combined only by + and ×, every
// double operation is exact while its true result is at most Number.MAX_SAFE_INTEGER, and a result
// above it rounds to at least 2^53, which no later + or × by a non-negative number brings back
// into range (a × 0 gives 0, which is then exact). So a numerator or denominator that ends up a
// safe integer was computed exactly; one that did not tells the caller to redo the computation
// over BigInt (exact.ts). Subtraction and division are not allowed inside such an expression.

/**
 * numerator ÷ denominator rounded half up (四舍五入, as roundHalfUp in exact.ts), for a
 * non-negative numerator and a positive denominator computed by + and × on non-negative integers.
 * undefined when either is not a safe integer (an overflowed product): redo it over BigInt.
 */
export function quotientHalfUp(numerator: number, denominator: number): number | undefined {
  if (!(numerator >= 0 && numerator <= Number.MAX_SAFE_INTEGER && denominator > 0 && denominator <= Number.MAX_SAFE_INTEGER)) return undefined;
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator)) return undefined;
  // % on doubles is exact; numerator − remainder is an exact multiple of the denominator.
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/** numerator / denominator in lowest terms, for safe non-negative integers (denominator > 0). */
export function lowestTerms(numerator: number, denominator: number): [numerator: number, denominator: number] {
  if (!(Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator) && numerator >= 0 && denominator > 0)) {
    throw new RangeError(`lowestTerms: ${numerator} / ${denominator} is not a fraction of safe non-negative integers`);
  }
  let [a, b] = [numerator, denominator];
  while (b !== 0) [a, b] = [b, a % b];
  return [numerator / a, denominator / a];
}

/**
 * a × b ≥ c × d for non-negative integers, or undefined when a product is not a safe integer.
 * (Compares a / c with d / b without dividing.)
 */
export function productAtLeast(a: number, b: number, c: number, d: number): boolean | undefined {
  const left = a * b;
  const right = c * d;
  if (!(left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER)) return undefined;
  return left >= right;
}

/**
 * The exact fraction of a number's shortest decimal spelling, as [numerator, denominator] with the
 * denominator a power of ten (not reduced): 50.27 → [5027, 100], 750 → [750, 1], 0.000001 → [1, 10^6]. The same value
 * as exactDecimal in exact.ts (String and toExponential spell the same shortest digits);
 * undefined when a part would not be a safe integer or the spelling has an exponent (1e-7).
 */
export function decimalFraction(value: number): [numerator: number, denominator: number] | undefined {
  if (Number.isSafeInteger(value)) return [value, 1];
  const text = String(value);
  const dot = text.indexOf('.');
  if (dot < 0 || text.includes('e')) return undefined;
  const numerator = Number(text.slice(0, dot) + text.slice(dot + 1));
  const denominator = 10 ** (text.length - dot - 1);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return undefined;
  return [numerator, denominator];
}

/**
 * A count of 10^-decimals units as a decimal string: (212500, 4) → "21.2500", (-5, 2) → "-0.05".
 * The same spelling as exactToDecimalString in exact.ts, for a safe integer already rounded.
 */
export function scaledToDecimalString(scaled: number, decimals: number): string {
  const negative = scaled < 0;
  const abs = negative ? -scaled : scaled;
  const sign = negative ? '-' : '';
  if (decimals === 0) return `${sign}${abs}`;
  const unit = 10 ** decimals;
  const fraction = abs % unit; // exact, so abs − fraction is an exact multiple of unit
  return `${sign}${(abs - fraction) / unit}.${String(fraction).padStart(decimals, '0')}`;
}
