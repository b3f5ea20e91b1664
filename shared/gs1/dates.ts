// GS1 dates (General Specifications §7.12): YYMMDD with the century found from the current year,
// and DD = 00 meaning "no day stated" — for an expiry or best-before date, the last day of the month.

export interface Gs1Date {
  /** As encoded, YYMMDD. */
  yymmdd: string;
  /** The calendar date it stands for, YYYY-MM-DD (DD = 00: the last day of that month). */
  date: string;
  /** False when DD was 00: only the year and month are stated. */
  dayStated: boolean;
}

/**
 * The full year of a two-digit year (§7.12 "Determination of century in dates"): the difference
 * YY − (current year mod 100) of 51…99 means the previous century, −99…−50 the next one, anything
 * else the current century.
 */
export function centuryYear(yy: number, currentYear: number): number {
  const century = currentYear - (currentYear % 100);
  const diff = yy - (currentYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Reads YYMMDD; `allowZeroDay` for the formats whose DD may be 00 (AI 11–17). */
export function readGs1Date(yymmdd: string, currentYear: number, allowZeroDay: boolean): Gs1Date | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return undefined;
  const year = centuryYear(yy, currentYear);
  const last = daysInMonth(year, mm);
  if (dd === 0 && !allowZeroDay) return undefined;
  if (dd > last) return undefined;
  return { yymmdd, date: `${pad(year, 4)}-${pad(mm, 2)}-${pad(dd === 0 ? last : dd, 2)}`, dayStated: dd !== 0 };
}
