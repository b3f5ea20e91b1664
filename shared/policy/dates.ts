// ISO calendar dates (YYYY-MM-DD) as the policy and the ledger use them. Dates are civil dates
// in China; arithmetic is done on UTC midnights so no time zone or DST can shift a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * China's civil time is UTC+8 all year (Asia/Shanghai has had no daylight saving since 1991), so a
 * fixed offset is exact for every instant this tool sees and needs no Intl time-zone data.
 */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date in China (YYYY-MM-DD) of an instant: a Date, epoch milliseconds or an ISO
 * date-time with an offset. The quota year, the returns window and "today" in the ledger are all
 * China dates (cbec-rules §1.3). Throws RangeError for a time that does not parse.
 */
export function chinaDate(at: Date | number | string): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return new Date(ms + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar year in China of an instant (see chinaDate). */
export function chinaYear(at: Date | number | string): number {
  return Number(chinaDate(at).slice(0, 4));
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date((toDayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function yearOf(date: string): number {
  toDayNumber(date);
  return Number(date.slice(0, 4));
}
