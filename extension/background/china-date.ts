// The calendar date in China, until the core has its own (the customs year is China's calendar year).

/** Shanghai calendar date of an instant: the customs year is China's calendar year (UTC+8, no DST). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
