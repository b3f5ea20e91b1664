// The quota year is the calendar year (本年度, cbec-rules §1.3) in China's time. Asia/Shanghai has
// been UTC+8 without daylight saving since 1991, so a fixed offset is exact for every order this
// tool can see and avoids the cost of Intl time-zone look-ups on a million orders a minute.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const DAY_MS = 86_400_000;

/** Calendar year of an instant in Asia/Shanghai. */
export function shanghaiYear(epochMs: number): number {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The date (YYYY-MM-DD) of an instant in Asia/Shanghai, for daily report buckets. */
export function shanghaiDate(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
