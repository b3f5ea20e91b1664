import { describe, expect, it } from 'vitest';
import { chinaDate, chinaYear } from '../../../shared/policy/index.ts';

describe('chinaDate: the calendar date in China (UTC+8, no daylight saving)', () => {
  it.each<[string, Date | number | string, string]>([
    ['the last second of the year in Beijing', '2025-12-31T15:59:59Z', '2025-12-31'],
    ['midnight in Beijing is 16:00 UTC', '2025-12-31T16:00:00Z', '2026-01-01'],
    ['a time written with the China offset', '2026-01-01T00:00:00+08:00', '2026-01-01'],
    ['a time written with another offset', '2026-06-30T20:00:00-05:00', '2026-07-01'],
    ['a Date', new Date('2026-03-01T23:59:00+08:00'), '2026-03-01'],
    ['epoch milliseconds', Date.parse('2024-02-28T16:00:00Z'), '2024-02-29'],
    ['summer: no daylight saving shifts the day', '2026-07-15T15:59:59Z', '2026-07-15'],
  ])('%s', (_name, at, date) => {
    expect(chinaDate(at)).toBe(date);
  });

  it.each<[string, Date | number | string, number]>([
    ['New Year in Beijing', '2025-12-31T16:00:00Z', 2026],
    ['00:00 UTC on 1 January is 08:00 in Beijing', '2026-01-01T00:00:00Z', 2026],
    ['New Year’s Eve evening in New York is New Year’s Day in Beijing', '2026-12-31T19:00:00-05:00', 2027],
  ])('chinaYear: %s', (_name, at, year) => {
    expect(chinaYear(at)).toBe(year);
  });

  it.each([['not a date'], [Number.NaN], [new Date('x')]])('refuses an instant that does not parse: %s', (at) => {
    expect(() => chinaDate(at)).toThrow(RangeError);
  });
});
