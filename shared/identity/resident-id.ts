// Resident identity number (公民身份号码) validation, GB 11643-1999.
//
// Structure: 6-digit address code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence
// (odd = male, even = female) + 1 check character computed with ISO 7064:1983 MOD 11-2.
// Sources: cbec-rules.md §6.3 and §7 (reprints of the standard; the standard itself was not
// retrieved). The CBEC orderer must be identified by this number (财关税〔2016〕18号 §五).
//
// Privacy: an ID number is personal data. Nothing in this module logs, and no error message,
// evidence string or exception ever contains the number or any part of it. Callers that need to
// show a number use maskId(). The valid result carries the normalised number because the caller
// already had it; it carries no birth date or sex, so nothing here widens what a caller holds.
import { chinaDate } from '../policy/dates.ts';
import type { Localized } from '../text/localized.ts';
import { err, ok, type Result } from '../result.ts';

export type ResidentIdErrorCode =
  | 'not-a-string'
  | 'bad-length'
  | 'bad-character'
  | 'bad-region'
  | 'bad-date'
  | 'future-date'
  | 'bad-check-digit';

/** What kind of number passed. All share the 18-character layout and the MOD 11-2 check. */
export type ResidentIdKind =
  /** Mainland resident ID card (居民身份证), province codes 11–65. */
  | 'resident'
  /** Residence permit for Hong Kong, Macao and Taiwan residents: prefixes 81, 82, 83. */
  | 'hk-mo-tw-residence-permit'
  /** 2023-format foreigner's permanent residence ID card: "9" + province code of issue. */
  | 'foreign-permanent-resident';

export interface ResidentIdValid {
  /** 18 characters, ASCII digits and an upper-case X. */
  normalised: string;
  kind: ResidentIdKind;
  /** True when the input was a 15-digit GB 11643-1989 number converted to 18 characters. */
  convertedFromLegacy: boolean;
  /** Safe for display: `****` + the last four characters. */
  masked: string;
}

export interface ResidentIdInvalid {
  code: ResidentIdErrorCode;
  message: Localized;
}

export type ResidentIdResult = Result<ResidentIdValid, ResidentIdInvalid>;

export const RESIDENT_ID_MESSAGES: Record<ResidentIdErrorCode, Localized> = {
  'not-a-string': { en: 'No ID number was given.', 'zh-CN': '未提供身份证号码。' },
  'bad-length': {
    en: 'An ID number has 18 characters (or 15 digits for an old first-generation number).',
    'zh-CN': '身份证号码应为18位（第一代旧号码为15位数字）。',
  },
  'bad-character': {
    en: 'An ID number contains only digits, and X as its last character.',
    'zh-CN': '身份证号码只能包含数字，最后一位可以是X。',
  },
  'bad-region': {
    en: 'The first digits are not a valid province or region code.',
    'zh-CN': '号码开头不是有效的省级行政区划代码。',
  },
  'bad-date': { en: 'The date of birth in the number is not a real calendar date.', 'zh-CN': '号码中的出生日期不是有效日期。' },
  'future-date': { en: 'The date of birth in the number is in the future.', 'zh-CN': '号码中的出生日期晚于今天。' },
  'bad-check-digit': {
    en: 'The check character does not match: the number was mistyped or is not genuine.',
    'zh-CN': '校验码不符：号码输入有误或并非真实号码。',
  },
};

/** W_i = 2^(17−i) mod 11, i = 1…17 (GB 11643-1999 §6, ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for R = S mod 11, R = 0…10. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (first two digits of the address code). 71 (Taiwan) appears
 * in the standard's code table; 81/82/83 are used by the residence permits for Hong Kong, Macao
 * and Taiwan residents (cbec-rules.md §6.3: do not reject these on the prefix alone).
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Inputs longer than this are rejected before any normalisation, so hostile input costs nothing. */
const MAX_INPUT_LENGTH = 64;
/** Earliest birth year accepted: the standard's own example is born 1880-01-01. */
const MIN_BIRTH_YEAR = 1850;

/** The MOD 11-2 check character for the first 17 digits (ASCII). */
export function computeCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCheckCharacter needs exactly 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * NFKC turns full-width digits and Ｘ into ASCII (a public redaction library's test uses
 * `１１０１０５…Ｘ`); spaces that people type in groups are dropped; x becomes X.
 */
function normaliseInput(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function invalid(code: ResidentIdErrorCode): { ok: false; error: ResidentIdInvalid } {
  return err({ code, message: RESIDENT_ID_MESSAGES[code] });
}

/** Today's date in China (UTC+8, no daylight saving), as YYYYMMDD. */
function chinaToday(now: Date): string {
  return chinaDate(now).replaceAll('-', '');
}

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < MIN_BIRTH_YEAR || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

function regionKind(id: string): ResidentIdKind | undefined {
  if (id[0] === '9') return PROVINCE_CODES.has(id.slice(1, 3)) ? 'foreign-permanent-resident' : undefined;
  const province = id.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) return undefined;
  return province >= '81' ? 'hk-mo-tw-residence-permit' : 'resident';
}

export interface ResidentIdOptions {
  /** "Today" for the future-date check; defaults to the current date in China (UTC+8). */
  today?: Date;
}

/**
 * Validates a resident ID number. Order of checks: length, characters, region, date, check
 * character, so that the code names the first thing a person should fix.
 */
export function validateResidentId(input: unknown, options: ResidentIdOptions = {}): ResidentIdResult {
  if (typeof input !== 'string' || input.length === 0) return invalid('not-a-string');
  if (input.length > MAX_INPUT_LENGTH) return invalid('bad-length');
  let id = normaliseInput(input);
  let convertedFromLegacy = false;

  if (id.length === 15) {
    if (!/^\d{15}$/.test(id)) return invalid('bad-character');
    // GB 11643-1989 numbers: 2-digit year of the 1900s, no check character. Conversion inserts
    // "19" and appends the MOD 11-2 character (cbec-rules.md §7).
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id = first17 + computeCheckCharacter(first17);
    convertedFromLegacy = true;
  } else if (id.length !== 18) {
    return invalid('bad-length');
  }
  if (!/^\d{17}[\dX]$/.test(id)) return invalid('bad-character');

  const kind = regionKind(id);
  if (kind === undefined) return invalid('bad-region');

  const birth = id.slice(6, 14);
  if (!isCalendarDate(birth)) return invalid('bad-date');
  if (birth > chinaToday(options.today ?? new Date())) return invalid('future-date');

  if (computeCheckCharacter(id.slice(0, 17)) !== id[17]) return invalid('bad-check-digit');

  return ok({ normalised: id, kind, convertedFromLegacy, masked: maskId(id) });
}

/**
 * Masks an ID number for display: `****` followed by the last four characters, e.g.
 * `****002X`. Anything shorter than 15 characters (not a plausible ID) is shown as `****` only,
 * so that masking never reveals most of a short string. Works on invalid input too: a UI may
 * show what the user typed, masked, next to the error.
 */
export function maskId(id: string): string {
  if (typeof id !== 'string') return '****';
  const normalised = normaliseInput(id.length > MAX_INPUT_LENGTH ? id.slice(0, MAX_INPUT_LENGTH) : id);
  if (normalised.length < 15) return '****';
  return `****${normalised.slice(-4)}`;
}
