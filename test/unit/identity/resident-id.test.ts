import { describe, expect, it } from 'vitest';
import {
  computeCheckCharacter,
  maskId,
  RESIDENT_ID_MESSAGES,
  validateResidentId,
  type ResidentIdErrorCode,
} from '../../../shared/identity/index.ts';

const today = new Date('2026-06-01T00:00:00Z');

// Positive vectors from cbec-rules.md §7 (each verified there by computation).
const valid: Array<[string, string, string]> = [
  ['11010519491231002X', '11010519491231002X', "standard's example, female, X check"],
  ['440524188001010014', '440524188001010014', "standard's example, born 1880"],
  ['34052419800101001X', '34052419800101001X', '3dmxku worked example'],
  ['513101198201130014', '513101198201130014', 'eeworm worked example, S=184 R=8'],
  ['370101190102039973', '370101190102039973', 'zhshbaida worked example'],
  ['53010219200508011X', '53010219200508011X', 'rules doc vector'],
  ['440524188001015368', '440524188001015368', 'rules doc vector'],
  ['11010519491231002x', '11010519491231002X', 'lower-case x normalised'],
  ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', 'full-width digits and Ｘ'],
  ['110105 19491231 002X', '11010519491231002X', 'spaces between groups'],
];

describe('validateResidentId: valid numbers', () => {
  it.each(valid)('%s → %s (%s)', (input, normalised) => {
    const result = validateResidentId(input, { today });
    expect(result).toMatchObject({ ok: true, value: { normalised, kind: 'resident', convertedFromLegacy: false } });
    expect(result.ok && result.value.masked).toBe(`****${normalised.slice(-4)}`);
  });
});

describe('validateResidentId: 15-digit legacy numbers', () => {
  it.each([
    ['110105491231002', '11010519491231002X'],
    ['440524800101001', '44052419800101001' + computeCheckCharacter('44052419800101001')],
  ])('%s converts to %s', (input, normalised) => {
    expect(validateResidentId(input, { today })).toMatchObject({ ok: true, value: { normalised, convertedFromLegacy: true } });
  });
});

const build = (first17: string) => first17 + computeCheckCharacter(first17);

describe('validateResidentId: other 18-character documents with the same check', () => {
  // Built from the rules' note (§6.3): HK/Macao/TW residence permits use prefixes 81/82/83,
  // the 2023 foreigner's permanent residence card starts with 9 + province code.
  it.each([
    [build('81000019900101001'), 'hk-mo-tw-residence-permit'],
    [build('83000019900101002'), 'hk-mo-tw-residence-permit'],
    [build('91115619900101001'), 'foreign-permanent-resident'],
  ])('%s is %s', (id, kind) => {
    expect(validateResidentId(id, { today })).toMatchObject({ ok: true, value: { kind } });
  });
});

const invalidCases: Array<[unknown, ResidentIdErrorCode, string]> = [
  ['110105194912310021', 'bad-check-digit', 'rules doc negative vector: check should be X'],
  ['110105195001010014', 'bad-check-digit', 'rules doc negative vector seen as "valid" in public test code'],
  ['11010519491231002Y', 'bad-character', 'letter other than X'],
  ['1101051949123100X2', 'bad-character', 'X not last'],
  ['11010519491231002', 'bad-length', '17 characters'],
  ['11010519491231002XX', 'bad-length', '19 characters'],
  ['1'.repeat(10_000), 'bad-length', 'oversized input rejected before normalisation'],
  ['', 'not-a-string', 'empty'],
  [undefined, 'not-a-string', 'undefined'],
  [110105194912310020, 'not-a-string', 'a number, not a string'],
  ['00010519491231002X', 'bad-region', 'province 00'],
  ['99010519491231002X', 'bad-region', '9 + non-province 90'],
  ['72010519491231002X', 'bad-region', 'province 72 does not exist'],
  ['110105194902300010', 'bad-date', 'February 30'],
  ['110105190002290010', 'bad-date', '1900 is not a leap year'],
  ['110105194913010010', 'bad-date', 'month 13'],
  ['110105174901010010', 'bad-date', 'before 1850'],
  ['110105203001010010', 'future-date', 'born 2030 (today is 2026-06-01)'],
  ['11010549123100a', 'bad-character', '15 characters with a letter'],
];

describe('validateResidentId: invalid numbers', () => {
  it.each(invalidCases)('%s → %s (%s)', (input, code) => {
    const result = validateResidentId(input, { today });
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it.each(invalidCases.filter(([input]) => typeof input === 'string' && input.length > 0))(
    'no message for %s contains any run of its digits',
    (input) => {
      const result = validateResidentId(input, { today });
      const text = JSON.stringify(result);
      const digits = String(input).replace(/\D/g, '');
      // No run of 4 or more digits from the input may appear anywhere in the result.
      for (let i = 0; i + 4 <= digits.length; i++) expect(text).not.toContain(digits.slice(i, i + 4));
    },
  );

  it('accepts 2000-02-29 (leap century) and today as a birth date', () => {
    const leap = '11010520000229001';
    expect(validateResidentId(leap + computeCheckCharacter(leap), { today }).ok).toBe(true);
    const born = '11010520260601001';
    expect(validateResidentId(born + computeCheckCharacter(born), { today }).ok).toBe(true);
  });

  it('uses the date in China (UTC+8) for "today"', () => {
    const born = '11010520260602001';
    const id = born + computeCheckCharacter(born);
    // 2026-06-01T16:30Z is already 2026-06-02 00:30 in Beijing.
    expect(validateResidentId(id, { today: new Date('2026-06-01T16:30:00Z') }).ok).toBe(true);
    expect(validateResidentId(id, { today: new Date('2026-06-01T15:30:00Z') })).toMatchObject({ ok: false, error: { code: 'future-date' } });
  });
});

describe('messages', () => {
  it.each(Object.entries(RESIDENT_ID_MESSAGES))('%s has an en and a zh sentence', (_code, message) => {
    expect(message.en).toMatch(/\.$/);
    expect(message['zh-CN']).toMatch(/。$/);
  });
});

describe('maskId', () => {
  it.each([
    ['11010519491231002X', '****002X'],
    ['11010519491231002x', '****002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '****002X'],
    ['110105491231002', '****1002'],
    ['12345', '****'],
    ['', '****'],
  ])('%s → %s', (input, masked) => {
    expect(maskId(input)).toBe(masked);
  });
});

describe('computeCheckCharacter', () => {
  it.each([
    ['51310119820113001', '4'],
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('%s → %s', (first17, check) => {
    expect(computeCheckCharacter(first17)).toBe(check);
  });
  it('rejects anything but 17 digits', () => {
    expect(() => computeCheckCharacter('123')).toThrow(RangeError);
  });
});
