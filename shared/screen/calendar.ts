// The quota year is the calendar year (本年度, cbec-rules §1.3) in China's time: the fixed UTC+8
// offset of policy/dates.ts, which also avoids the cost of Intl time-zone look-ups on a million
// orders a minute.
import { CHINA_UTC_OFFSET_MS } from '../policy/dates.ts';

export const DAY_MS = 86_400_000;

/** Calendar year of an instant in Asia/Shanghai (a number only: no string on the hot path). */
export function shanghaiYear(epochMs: number): number {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).getUTCFullYear();
}
