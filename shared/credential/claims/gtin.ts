// GS1 trade item numbers (GTIN-8/12/13/14): the check digit and the one normal form every module
// compares.

/** The GS1 check digit for the digits before it (General Specifications §7.9.1: weights 3,1,3,… from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return (10 - (sum % 10)) % 10;
}

export function gtinCheckDigitOk(digits: string): boolean {
  return gtinCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/**
 * GTIN-8/12/13/14 with a valid check digit, normalised to 14 digits (the GS1 Digital Link form),
 * so "6901234567892" and "06901234567892" compare equal everywhere.
 */
export function normalizeGtin(text: string): string | undefined {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text) || !gtinCheckDigitOk(text)) return undefined;
  return text.padStart(14, '0');
}
