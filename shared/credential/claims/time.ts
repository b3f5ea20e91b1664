// Times in claims: ISO 8601 in the readable form, epoch seconds (or minutes relative to another
// time, for parcels) on the wire. One spelling of the conversions and bounds for the schemas, the
// wire codec and parcel compaction.

export const MAX_EPOCH_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
export const MAX_EPOCH_DAYS = Math.floor(MAX_EPOCH_SECONDS / 86_400);
/** Relative parcel times (release after signing, custody hops after release) lie within 100 years. */
export const MAX_OFFSET_MINUTES = 100 * 366 * 24 * 60;

/** The character code of a decimal digit. */
const digit = (n: number) => 48 + n;

/**
 * The civil date of a day count since 1970-01-01 (proleptic Gregorian; Howard Hinnant's
 * civil_from_days, for days ≥ 0).
 */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil, years ≥ 1). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** ISO 8601 UTC, whole seconds: the only form decoded times take. */
export function isoFromEpochSeconds(seconds: number): string {
  // Decoding writes a dozen of these per credential: by arithmetic in the claims' range (the same
  // string; time.test.ts compares), through Date outside it.
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_EPOCH_SECONDS) {
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const days = Math.floor(seconds / 86_400);
  const rest = seconds - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  // One flat string from its 20 character codes (the year has four digits in this range): joined
  // from parts it was a dozen intermediate strings, a tenth of what a verdict allocated.
  return String.fromCharCode(
    digit(Math.floor(year / 1000)), digit(Math.floor(year / 100) % 10), digit(Math.floor(year / 10) % 10), digit(year % 10), 45,
    digit(Math.floor(month / 10)), digit(month % 10), 45, digit(Math.floor(day / 10)), digit(day % 10), 84,
    digit(Math.floor(h / 10)), digit(h % 10), 58, digit(Math.floor(m / 10)), digit(m % 10), 58, digit(Math.floor(s / 10)), digit(s % 10), 90,
  );
}

/** Epoch seconds (floored) of an ISO date-time; NaN when unparsable. */
export function epochSecondsFromIso(iso: string): number {
  // A verdict reads a dozen signed times, all in the one form decoding writes
  // (isoFromEpochSeconds, 'YYYY-MM-DDTHH:MM:SSZ'): that form by arithmetic on its digits (a
  // fifth of Date.parse's cost), any other through Date.parse. A field out of range (month 13,
  // 24:00) goes to Date.parse too, which answers NaN, so both paths agree (time.test.ts).
  const seconds = secondsOfCanonical(iso, 1);
  return Number.isNaN(seconds) ? Math.floor(Date.parse(iso) / 1000) : seconds;
}

/**
 * Epoch seconds of a time in exactly the form isoFromEpochSeconds writes — YYYY-MM-DDTHH:MM:SSZ, a
 * date that exists, 1970–9999 — else NaN: what the claims fast paths (fast-parse.ts, the parcel
 * encoder) take as a time already in its normal form.
 */
export function canonicalEpochSeconds(s: string): number {
  return secondsOfCanonical(s, 1970);
}

/** YYYY-MM-DDTHH:MM:SSZ from year `minYear` on, by character codes; NaN for anything else. */
function secondsOfCanonical(s: string, minYear: number): number {
  if (s.length !== 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 90) {
    return Number.NaN;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  // digits() answers -1 for a non-digit, which every lower bound here refuses.
  if (year < minYear || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Number.NaN;
  }
  return daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
}

/** Days since 1970-01-01 of a date written YYYY-MM-DD that exists, 1970–9999, else NaN (as canonicalEpochSeconds). */
export function canonicalEpochDays(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** The number written by `count` ASCII digits at `from`; -1 if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
