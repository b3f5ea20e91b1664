// isoFromEpochSeconds by arithmetic against Date, the way it was written before: on every day
// boundary of leap and century years, the range ends and seeded random seconds.
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, epochSecondsFromIso, isoFromEpochSeconds, MAX_EPOCH_SECONDS } from '../../../../shared/credential/claims/time.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';

const viaDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('claims time', () => {
  it('writes what Date writes, across the whole range', () => {
    const random = seededRandom(1970);
    const cases = [0, 1, 59, 60, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400, 4_107_456_000, MAX_EPOCH_SECONDS - 1, MAX_EPOCH_SECONDS];
    for (let i = 0; i < 20_000; i++) cases.push(Math.floor(random() * (MAX_EPOCH_SECONDS + 1)));
    for (let day = 0; day < 3_000_000; day += 997) cases.push(day * 86_400, day * 86_400 - 1 + 86_400);
    expect(cases.filter((s) => isoFromEpochSeconds(s) !== viaDate(s))).toEqual([]);
  }, 60_000);

  it('keeps Date for what lies outside the claims range', () => {
    for (const s of [-1, -86_401, 1.5, MAX_EPOCH_SECONDS + 1]) expect(isoFromEpochSeconds(s)).toBe(viaDate(s));
  });

  it('converts days and civil dates both ways', () => {
    const wrong: number[] = [];
    for (let day = 0; day <= Math.floor(MAX_EPOCH_SECONDS / 86_400); day += 17) {
      const { year, month, day: d } = civilFromDays(day);
      const text = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (daysFromCivil(year, month, d) !== day || text !== viaDate(day * 86_400).slice(0, 10)) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('reads times back as Date.parse does: the canonical form by arithmetic, anything else through Date', () => {
    const viaParse = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const random = seededRandom(2026);
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) texts.push(isoFromEpochSeconds(Math.floor(random() * (MAX_EPOCH_SECONDS + 1))));
    // Out-of-range fields, other spellings and junk: all must agree with Date.parse (NaN included).
    texts.push(
      '2026-02-29T00:00:00Z', '2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-01-00T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-01-01T00:00:00.999Z',
      '2026-01-01T08:00:00+08:00', '2026-01-01', '2026-1-1T00:00:00Z', '2026-01-01T0x:00:00Z', '2026-01-01T00:-1:00Z', '2026-01-01T00:00:+1Z', '+026-01-01T00:00:00Z', '2026-01-01T00:00:00z', '', 'not a time', '２０２６-01-01T00:00:00Z',
    );
    expect(texts.filter((t) => !Object.is(epochSecondsFromIso(t), viaParse(t)))).toEqual([]);
  });
});
