// The CBEC positive list (跨境电子商务零售进口商品清单): which 8-digit tariff lines (税则号列) may be
// imported through cross-border e-commerce retail at all, and under which remarks.
//
// Legal basis: 财政部等 公告2019年第96号 (2019 edition, 1,413 lines, from 2020-01-01) adjusted by
// 财政部等8部门 公告2022年第7号 (+29 −1 items, +115 −80 lines for the tariff conversion, 206
// remarks changed: 1,476 lines from 2022-03-01). cbec-rules.md §5. No machine-readable copy of
// either exists (cbec-rules.md §5.3), so this module defines a CSV format, a strict loader for the
// full list once digitised from the MOF attachments, and ships a partial list with provenance per
// row (data/positive-list.csv; coverage in README.md).
//
// CSV format (UTF-8, optional BOM, LF or CRLF, RFC 4180 quoting, header required, in this order):
//   hs8          8 ASCII digits, chapter 01–97 (not 77), heading not 00
//   name_zh      中文货品名称 as in the list (required)
//   name_en      English name (optional; ours, not official)
//   note_zh      备注 verbatim (optional)
//   bonded_only  yes | no | empty (= the row's remarks were not captured)  — 仅限网购保税 (1210 only)
//   qty_limit    empty, or a per-person-per-year cap: number + unit (g, kg, ml, l, piece), e.g. 2kg
//   status       listed | deleted (deleted rows record removals, e.g. 93070090 in 2022)
//   edition      the instrument that gave the row its state: YYYY-N, one of POSITIVE_LIST_EDITIONS
//   valid_from   first day the row holds (YYYY-MM-DD), not before its edition took effect
//   valid_to     last day it holds, or empty while no instrument in our copy ends it; the day after
//                it is the day a later edition took effect (a list changes only when one does)
//   provenance   official | reprint | secondary | memory (cbec-rules.md's [OFF] [REPRINT] [SEC] [MEM])
//   source       where the row comes from (URL, document), free text
//
// One code may have several rows (listed under the 2019 list, deleted from 2022-03-01) whose periods
// do not overlap. A look-up answers for a day: the row in force that day decides.
//
// The loader rejects the whole file on any error and reports every error (up to a cap) with its
// line number: a half-loaded legal list is worse than none.

import { POSITIVE_LIST_CSV } from './data/positive-list-csv.ts';
import { addDays, isIsoDate } from '../policy/dates.ts';
import type { Localized } from '../text/localized.ts';
import { err, ok, type Result } from '../result.ts';

export const POSITIVE_LIST_COLUMNS = [
  'hs8',
  'name_zh',
  'name_en',
  'note_zh',
  'bonded_only',
  'qty_limit',
  'status',
  'edition',
  'valid_from',
  'valid_to',
  'provenance',
  'source',
] as const;

/**
 * The instruments that made or changed the list, and the day each took effect (cbec-rules.md §5.1).
 * `replaces`: the edition was a new full list, and the lists before it lapsed that day; otherwise it
 * amended the list in force.
 */
export const POSITIVE_LIST_EDITIONS = {
  '2016-40': { instrument: '财政部等11部门公告2016年第40号（跨境电子商务零售进口商品清单，第一批）', inForceFrom: '2016-04-08', replaces: true, changesLines: true },
  // The second batch only added lines to the first.
  '2016-47': { instrument: '财政部等13部门公告2016年第47号（跨境电子商务零售进口商品清单，第二批）', inForceFrom: '2016-04-16', replaces: false, changesLines: false },
  '2018-157': { instrument: '财政部等13部门公告2018年第157号（跨境电子商务零售进口商品清单（2018年版））', inForceFrom: '2019-01-01', replaces: true, changesLines: true },
  '2019-96': { instrument: '财政部等13部门公告2019年第96号（跨境电子商务零售进口商品清单（2019年版））', inForceFrom: '2020-01-01', replaces: true, changesLines: true },
  // The adjustment table: +29 −1 items, the tariff conversion (+115 −80 lines), 206 remarks changed.
  '2022-7': { instrument: '财政部等8部门公告2022年第7号（跨境电子商务零售进口商品清单调整表）', inForceFrom: '2022-03-01', replaces: false, changesLines: true },
} as const satisfies Record<string, { instrument: string; inForceFrom: string; replaces: boolean; changesLines: boolean }>;

export type PositiveListEdition = keyof typeof POSITIVE_LIST_EDITIONS;

const EDITION_START_DAYS: ReadonlySet<string> = new Set(Object.values(POSITIVE_LIST_EDITIONS).map((e) => e.inForceFrom));

export type PositiveListProvenance = 'official' | 'reprint' | 'secondary' | 'memory';

export interface PositiveListEntry {
  hs8: string;
  nameZh: string;
  nameEn: string;
  noteZh: string;
  /** true: 仅限网购保税 (bonded import, mode 1210, only); undefined: remarks not captured. */
  bondedOnly: boolean | undefined;
  /** Per person per year, normalised to g, ml or pieces. */
  quantityLimit: { value: number; unit: 'g' | 'ml' | 'piece' } | undefined;
  status: 'listed' | 'deleted';
  edition: PositiveListEdition;
  /** First day the row holds. */
  validFrom: string;
  /** Last day it holds; undefined while no instrument in our copy ends it. */
  validTo: string | undefined;
  provenance: PositiveListProvenance;
  source: string;
  /** Physical line of the row in its CSV. */
  line: number;
}

export interface PositiveList {
  /** Rows by hs8, listed and deleted, earliest first; their periods do not overlap. */
  entries: ReadonlyMap<string, readonly PositiveListEntry[]>;
  /** 'complete' only when the caller loaded the full official list and says so. */
  coverage: 'partial' | 'complete';
  /** Rows with status 'listed' (of any period). */
  listedCount: number;
}

export type PositiveListErrorCode =
  | 'too-large'
  | 'empty'
  | 'bad-header'
  | 'unterminated-quote'
  | 'stray-quote'
  | 'wrong-field-count'
  | 'bad-hs-code'
  | 'duplicate-code'
  | 'missing-name'
  | 'bad-bonded-only'
  | 'bad-qty-limit'
  | 'bad-status'
  | 'bad-edition'
  | 'bad-valid-from'
  | 'bad-valid-to'
  | 'bad-provenance'
  | 'inconsistent-bonded-only'
  | 'too-many-rows';

export interface PositiveListError {
  code: PositiveListErrorCode;
  /** 1-based physical line where the offending record starts (0 for whole-file errors). */
  line: number;
  column?: (typeof POSITIVE_LIST_COLUMNS)[number];
  message: Localized;
}

/** The rows, or every error found (at most MAX_ERRORS), so a list's author fixes them in one pass. */
export type PositiveListLoad = Result<PositiveList, PositiveListError[]>;

export interface PositiveListLoadOptions {
  /** Say 'complete' only for the full digitised official list; lookups then become authoritative. */
  coverage?: 'partial' | 'complete';
}

/** 4 MB: the full list is about 1,476 rows of ≤ 300 bytes; far above that is not this list. */
const MAX_CSV_BYTES = 4_000_000;
const MAX_ROWS = 10_000;
const MAX_ERRORS = 100;
/** Values quoted back in error messages are cut to this length. */
const MAX_QUOTED_VALUE = 40;

const ERROR_TEXT: Record<PositiveListErrorCode, Localized> = {
  'too-large': { en: 'the file is larger than 4 MB', 'zh-CN': '文件超过4 MB' },
  empty: { en: 'the file is empty', 'zh-CN': '文件为空' },
  'bad-header': { en: `the header must be exactly: ${POSITIVE_LIST_COLUMNS.join(',')}`, 'zh-CN': `表头必须为：${POSITIVE_LIST_COLUMNS.join(',')}` },
  'unterminated-quote': { en: 'a quoted field is not closed', 'zh-CN': '引号字段未闭合' },
  'stray-quote': { en: 'a quote character inside an unquoted field or after a closing quote', 'zh-CN': '未加引号的字段中或闭合引号后出现引号字符' },
  'wrong-field-count': { en: `a row must have ${POSITIVE_LIST_COLUMNS.length} fields`, 'zh-CN': `每行必须有${POSITIVE_LIST_COLUMNS.length}个字段` },
  'bad-hs-code': { en: 'not an 8-digit HS code (chapter 01–97, not 77; heading not 00)', 'zh-CN': '不是有效的8位税则号列（章01–97，不含77；品目不为00）' },
  'duplicate-code': {
    en: 'this HS code already has a row for an overlapping period on an earlier line',
    'zh-CN': '该税则号列在前面的行中已有时间段重叠的记录',
  },
  'missing-name': { en: 'name_zh is required', 'zh-CN': 'name_zh 不能为空' },
  'bad-bonded-only': { en: 'bonded_only must be yes, no or empty', 'zh-CN': 'bonded_only 只能为 yes、no 或空' },
  'bad-qty-limit': { en: 'qty_limit must be empty or a number with g, kg, ml, l or piece (e.g. 2kg)', 'zh-CN': 'qty_limit 须为空或数字加单位 g、kg、ml、l、piece（如2kg）' },
  'bad-status': { en: 'status must be listed or deleted', 'zh-CN': 'status 只能为 listed 或 deleted' },
  'bad-edition': {
    en: `edition must be one of ${Object.keys(POSITIVE_LIST_EDITIONS).join(', ')} (year-number of the notice)`,
    'zh-CN': `edition 须为 ${Object.keys(POSITIVE_LIST_EDITIONS).join('、')} 之一（公告年份-号）`,
  },
  'bad-valid-from': {
    en: 'valid_from must be a date YYYY-MM-DD, not before its edition took effect',
    'zh-CN': 'valid_from 须为日期 YYYY-MM-DD，且不早于所属公告的施行日',
  },
  'bad-valid-to': {
    en: 'valid_to must be empty or a date after valid_from whose next day is the day an edition took effect',
    'zh-CN': 'valid_to 须为空，或为晚于 valid_from 的日期，且其次日为某一公告的施行日',
  },
  'bad-provenance': { en: 'provenance must be official, reprint, secondary or memory', 'zh-CN': 'provenance 只能为 official、reprint、secondary 或 memory' },
  'inconsistent-bonded-only': { en: 'note_zh says 仅限网购保税 but bonded_only is not yes', 'zh-CN': 'note_zh 含“仅限网购保税”，但 bonded_only 不是 yes' },
  'too-many-rows': { en: `more than ${MAX_ROWS} rows`, 'zh-CN': `超过${MAX_ROWS}行` },
};

function error(
  code: PositiveListErrorCode,
  line: number,
  column?: (typeof POSITIVE_LIST_COLUMNS)[number],
  value?: string,
): PositiveListError {
  const text = ERROR_TEXT[code];
  const where = line > 0 ? `line ${line}${column ? `, ${column}` : ''}: ` : '';
  const whereZh = line > 0 ? `第${line}行${column ? `（${column}）` : ''}：` : '';
  const shown =
    value === undefined ? '' : ` ("${value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE)}…` : value}")`;
  return { code, line, ...(column ? { column } : {}), message: { en: `${where}${text.en}${shown}`, 'zh-CN': `${whereZh}${text['zh-CN']}${shown}` } };
}

// ── RFC 4180 reader with physical line numbers ─────────────────────────────────────────────

interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits CSV text into records. Quoted fields may hold commas, "" and line breaks. */
function readCsvRecords(text: string, errors: PositiveListError[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    let quoted = false;
    let endOfRecord = false;
    let broken = false;
    while (i < n && !endOfRecord) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
            const next = text[i];
            if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
              // One error per record: a line of a thousand stray quotes is one bad line.
              if (!broken) errors.push(error('stray-quote', recordLine));
              broken = true;
            }
          }
        } else {
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
          field += ch;
          i++;
        }
        continue;
      }
      if (ch === '"') {
        if (atFieldStart) {
          quoted = true;
          atFieldStart = false;
          i++;
          continue;
        }
        if (!broken) errors.push(error('stray-quote', recordLine));
        broken = true;
        i++;
        continue;
      }
      if (ch === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
        continue;
      }
      field += ch;
      atFieldStart = false;
      i++;
    }
    if (quoted) {
      errors.push(error('unterminated-quote', recordLine));
      return records;
    }
    fields.push(field);
    if (errors.length >= MAX_ERRORS) return records;
    // A blank line (one empty field) is skipped: editors add them, they carry nothing.
    if (broken || (fields.length === 1 && fields[0] === '')) continue;
    records.push({ line: recordLine, fields });
  }
  return records;
}

// ── field validation ───────────────────────────────────────────────────────────────────────

/** 8 ASCII digits; chapter 01–97 except 77 (reserved in the HS); a heading is never xx00. */
export function isValidHs8(code: string): boolean {
  if (!/^\d{8}$/.test(code)) return false;
  const chapter = Number(code.slice(0, 2));
  return chapter >= 1 && chapter <= 97 && chapter !== 77 && code.slice(2, 4) !== '00';
}

const QUANTITY_UNITS: Record<string, { unit: 'g' | 'ml' | 'piece'; factor: number }> = {
  g: { unit: 'g', factor: 1 },
  kg: { unit: 'g', factor: 1000 },
  ml: { unit: 'ml', factor: 1 },
  l: { unit: 'ml', factor: 1000 },
  piece: { unit: 'piece', factor: 1 },
};

function parseQuantityLimit(raw: string): PositiveListEntry['quantityLimit'] | 'bad' {
  if (raw === '') return undefined;
  const match = /^(\d{1,6}(?:\.\d{1,3})?)(g|kg|ml|l|piece)$/.exec(raw);
  if (!match) return 'bad';
  const { unit, factor } = QUANTITY_UNITS[match[2]!]!;
  const value = Math.round(Number(match[1]) * factor * 1000) / 1000;
  return value > 0 ? { value, unit } : 'bad';
}

const PROVENANCES: ReadonlySet<string> = new Set(['official', 'reprint', 'secondary', 'memory']);

/**
 * Loads a positive-list CSV. All-or-nothing: any error rejects the file, and every error found
 * (up to 100) is returned with its line number.
 */
export function loadPositiveListCsv(csv: string, options: PositiveListLoadOptions = {}): PositiveListLoad {
  if (typeof csv !== 'string' || csv.length === 0) return err([error('empty', 0)]);
  if (csv.length > MAX_CSV_BYTES) return err([error('too-large', 0)]);
  const text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;

  const errors: PositiveListError[] = [];
  const records = readCsvRecords(text, errors);
  if (records.length === 0) return err(errors.length > 0 ? errors.slice(0, MAX_ERRORS) : [error('empty', 0)]);

  const [header, ...rows] = records;
  if (header!.fields.join(',') !== POSITIVE_LIST_COLUMNS.join(',')) {
    return err([error('bad-header', header!.line), ...errors].slice(0, MAX_ERRORS));
  }
  if (rows.length > MAX_ROWS) return err([error('too-many-rows', 0)]);

  const entries = new Map<string, PositiveListEntry[]>();
  let listedCount = 0;
  for (const { line, fields } of rows) {
    if (errors.length >= MAX_ERRORS) break;
    if (fields.length !== POSITIVE_LIST_COLUMNS.length) {
      errors.push(error('wrong-field-count', line, undefined, String(fields.length)));
      continue;
    }
    const [hs8, nameZh, nameEn, noteZh, bonded, qty, status, edition, validFrom, validTo, provenance, source] = fields as [
      string, string, string, string, string, string, string, string, string, string, string, string,
    ];
    const before = errors.length;
    const known = Object.hasOwn(POSITIVE_LIST_EDITIONS, edition) ? POSITIVE_LIST_EDITIONS[edition as PositiveListEdition] : undefined;
    const fromOk = isIsoDate(validFrom) && (!known || validFrom >= known.inForceFrom);
    const toOk = validTo === '' || (isIsoDate(validTo) && (!fromOk || validTo >= validFrom) && EDITION_START_DAYS.has(addDays(validTo, 1)));
    const overlapping = fromOk && toOk ? entries.get(hs8)?.find((e) => overlaps(e, validFrom, validTo === '' ? undefined : validTo)) : undefined;
    if (!isValidHs8(hs8)) errors.push(error('bad-hs-code', line, 'hs8', hs8));
    else if (overlapping) errors.push(error('duplicate-code', line, 'hs8', `${hs8}, first on line ${overlapping.line}`));
    if (nameZh.trim() === '') errors.push(error('missing-name', line, 'name_zh'));
    if (bonded !== 'yes' && bonded !== 'no' && bonded !== '') errors.push(error('bad-bonded-only', line, 'bonded_only', bonded));
    if (noteZh.includes('仅限网购保税') && bonded !== 'yes') errors.push(error('inconsistent-bonded-only', line, 'bonded_only'));
    const quantityLimit = parseQuantityLimit(qty);
    if (quantityLimit === 'bad') errors.push(error('bad-qty-limit', line, 'qty_limit', qty));
    if (status !== 'listed' && status !== 'deleted') errors.push(error('bad-status', line, 'status', status));
    if (!known) errors.push(error('bad-edition', line, 'edition', edition));
    if (!fromOk) errors.push(error('bad-valid-from', line, 'valid_from', validFrom));
    if (!toOk) errors.push(error('bad-valid-to', line, 'valid_to', validTo));
    if (!PROVENANCES.has(provenance)) errors.push(error('bad-provenance', line, 'provenance', provenance));
    if (errors.length !== before) continue;

    const entry: PositiveListEntry = {
      hs8,
      nameZh,
      nameEn,
      noteZh,
      bondedOnly: bonded === '' ? undefined : bonded === 'yes',
      quantityLimit: quantityLimit === 'bad' ? undefined : quantityLimit,
      status: status as 'listed' | 'deleted',
      edition: edition as PositiveListEdition,
      validFrom,
      validTo: validTo === '' ? undefined : validTo,
      provenance: provenance as PositiveListProvenance,
      source,
      line,
    };
    entries.set(hs8, [...(entries.get(hs8) ?? []), entry].toSorted((a, b) => (a.validFrom < b.validFrom ? -1 : 1)));
    if (status === 'listed') listedCount++;
  }
  if (errors.length > 0) return err(errors.slice(0, MAX_ERRORS));
  return ok({ entries, coverage: options.coverage ?? 'partial', listedCount });
}

/** Whether a row's period meets [from, to] (to undefined = open). */
function overlaps(entry: PositiveListEntry, from: string, to: string | undefined): boolean {
  return (to === undefined || entry.validFrom <= to) && (entry.validTo === undefined || from <= entry.validTo);
}

// ── look-up ────────────────────────────────────────────────────────────────────────────────

export type PositiveListRemarkKind =
  | 'bonded-only'
  | 'quantity-limit'
  | 'list-note'
  | 'remarks-not-captured'
  | 'unverified-row'
  | 'older-edition'
  | 'earlier-listing'
  | 'later-listing'
  | 'ten-digit-code';

export interface PositiveListRemark extends Localized {
  kind: PositiveListRemarkKind;
}

export type HsCodeErrorCode = 'not-a-string' | 'not-digits' | 'bad-length' | 'bad-chapter' | 'bad-date';

export type PositiveListLookup =
  | {
      status: 'listed';
      hs8: string;
      /** The row in force on the day asked about. */
      entry: PositiveListEntry;
      remarks: PositiveListRemark[];
      /** False when the row's own source is unverified or older than the 2022 edition. */
      authoritative: boolean;
    }
  | {
      status: 'not-listed';
      hs8: string;
      /** The row that records the removal, when the code was deleted from the list by that day. */
      deleted?: PositiveListEntry;
      /** A row of our copy for another period (it ended before the day, or starts after it). */
      otherPeriod?: PositiveListEntry;
      remarks: PositiveListRemark[];
      /** False when the loaded list is partial: "not in our data" is not "not on the list". */
      authoritative: boolean;
    }
  | { status: 'invalid-code'; code: HsCodeErrorCode; message: Localized };

const HS_CODE_MESSAGES: Record<HsCodeErrorCode, Localized> = {
  'not-a-string': { en: 'No HS code was given.', 'zh-CN': '未提供税则号列。' },
  'not-digits': { en: 'An HS code has digits only (dots and spaces are ignored).', 'zh-CN': '税则号列只能包含数字（点和空格会被忽略）。' },
  'bad-length': { en: 'The positive list uses 8-digit codes (a 10-digit code is cut to 8).', 'zh-CN': '清单使用8位税则号列（10位商品编号取前8位）。' },
  'bad-chapter': { en: 'The first digits are not an HS chapter and heading (chapter 01–97, not 77).', 'zh-CN': '前几位不是有效的章和品目（章01–97，不含77）。' },
  'bad-date': { en: 'The date is not a calendar date YYYY-MM-DD.', 'zh-CN': '日期不是有效的 YYYY-MM-DD 日期。' },
};

/** The day asked about when none is given: the list as our copy stands now (rows without an end). */
const LATEST = '9999-12-31';

/** Editions after `entry`'s, in force by `day`, that could have changed its line (our copy does not say whether they did). */
function laterEditions(entry: PositiveListEntry, day: string): (typeof POSITIVE_LIST_EDITIONS)[PositiveListEdition][] {
  const own = POSITIVE_LIST_EDITIONS[entry.edition].inForceFrom;
  return Object.values(POSITIVE_LIST_EDITIONS).filter((e) => e.changesLines && e.inForceFrom > own && e.inForceFrom <= day);
}

function remarksFor(entry: PositiveListEntry, day: string): PositiveListRemark[] {
  const remarks: PositiveListRemark[] = [];
  if (entry.bondedOnly === true) {
    remarks.push({
      kind: 'bonded-only',
      en: 'Bonded import only (mode 1210): not allowed as direct purchase shipped from abroad (9610).',
      'zh-CN': '仅限网购保税进口（1210），不可直购进口（9610）。',
    });
  }
  if (entry.quantityLimit) {
    const { value, unit } = entry.quantityLimit;
    const en = unit === 'g' ? (value >= 1000 ? `${value / 1000} kg` : `${value} g`) : unit === 'ml' ? `${value} ml` : `${value} pieces`;
    const zh = unit === 'g' ? (value >= 1000 ? `${value / 1000}千克` : `${value}克`) : unit === 'ml' ? `${value}毫升` : `${value}件`;
    remarks.push({ kind: 'quantity-limit', en: `At most ${en} per person per year.`, 'zh-CN': `每人每年限${zh}。` });
  }
  if (entry.noteZh !== '') {
    remarks.push({ kind: 'list-note', en: `Remark in the list (Chinese): ${entry.noteZh}`, 'zh-CN': `清单备注：${entry.noteZh}` });
  }
  if (entry.bondedOnly === undefined) {
    remarks.push({
      kind: 'remarks-not-captured',
      en: "This row's remarks (bonded-only, exclusions) were not captured: check the official list.",
      'zh-CN': '本行的备注（是否仅限网购保税、排除条件）未录入，请以官方清单为准。',
    });
  }
  if (entry.provenance === 'secondary' || entry.provenance === 'memory') {
    remarks.push({
      kind: 'unverified-row',
      en: `This row comes from ${entry.provenance === 'memory' ? 'unverified background knowledge' : 'a secondary source'}, not the official text.`,
      'zh-CN': `本行来自${entry.provenance === 'memory' ? '未经核实的背景知识' : '二手资料'}，并非官方原文。`,
    });
  }
  const later = laterEditions(entry, day);
  if (later.length > 0) {
    const names = later.map((e) => e.instrument.split('（')[0]!);
    remarks.push({
      kind: 'older-edition',
      en: `Taken from ${POSITIVE_LIST_EDITIONS[entry.edition].instrument.split('（')[0]}; our copy does not say whether ${names.join(' or ')} changed or renumbered this line.`,
      'zh-CN': `取自${POSITIVE_LIST_EDITIONS[entry.edition].instrument.split('（')[0]}；${names.join('或')}是否调整该税号，本数据未记录。`,
    });
  }
  return remarks;
}

function periodText(entry: PositiveListEntry): { en: string; zh: string } {
  const edition = POSITIVE_LIST_EDITIONS[entry.edition].instrument.split('（')[0]!;
  return entry.validTo === undefined
    ? { en: `from ${entry.validFrom} (${edition})`, zh: `自${entry.validFrom}起（${edition}）` }
    : { en: `from ${entry.validFrom} to ${entry.validTo} (${edition})`, zh: `${entry.validFrom}至${entry.validTo}（${edition}）` };
}

/**
 * Looks an HS code up in the positive list (by default the bundled partial list) as it stood on
 * `day` (YYYY-MM-DD; without one, as our copy stands now). Accepts 8 digits or a 10-digit commodity
 * code (cut to 8), ignoring dots, spaces and full-width forms. A code our partial copy lacks for
 * that day is `not-listed` with `authoritative: false`: "not in the list we ship", never "cannot be
 * imported".
 */
export function lookupPositiveList(hsCode: string, list: PositiveList = bundledPositiveList(), day?: string): PositiveListLookup {
  if (typeof hsCode !== 'string' || hsCode.length === 0) return invalidCode('not-a-string');
  if (hsCode.length > 32) return invalidCode('bad-length');
  if (day !== undefined && !isIsoDate(day)) return invalidCode('bad-date');
  const on = day ?? LATEST;
  const digits = hsCode.normalize('NFKC').replace(/[\s.]/g, '');
  if (!/^\d+$/.test(digits)) return invalidCode('not-digits');
  if (digits.length !== 8 && digits.length !== 10) return invalidCode('bad-length');
  const hs8 = digits.slice(0, 8);
  if (!isValidHs8(hs8)) return invalidCode('bad-chapter');
  const tenDigit: PositiveListRemark[] =
    digits.length === 10
      ? [{ kind: 'ten-digit-code', en: 'A 10-digit commodity code was cut to its 8-digit tariff line.', 'zh-CN': '10位商品编号已取前8位税则号列。' }]
      : [];

  const rows = list.entries.get(hs8) ?? [];
  const entry = rows.find((r) => r.validFrom <= on && (r.validTo === undefined || on <= r.validTo));
  if (entry?.status === 'listed') {
    const remarks = [...tenDigit, ...remarksFor(entry, on)];
    const authoritative = !remarks.some((r) => r.kind === 'unverified-row' || r.kind === 'older-edition');
    return { status: 'listed', hs8, entry, remarks, authoritative };
  }
  const remarks = [...tenDigit];
  if (entry?.status === 'deleted') {
    remarks.push({
      kind: 'list-note',
      en: `Removed from the list from ${entry.validFrom} (${POSITIVE_LIST_EDITIONS[entry.edition].instrument.split('（')[0]}).`,
      'zh-CN': `自${entry.validFrom}起移出清单（${POSITIVE_LIST_EDITIONS[entry.edition].instrument.split('（')[0]}）。`,
    });
  }
  // No row that day: say what our copy does have for this code, and that it is no answer for the day.
  const earlier = entry ? undefined : rows.findLast((r) => r.validTo !== undefined && r.validTo < on && r.status === 'listed');
  const later = entry || earlier ? undefined : rows.find((r) => r.validFrom > on && r.status === 'listed');
  if (earlier) {
    const { en, zh } = periodText(earlier);
    remarks.push({
      kind: 'earlier-listing',
      en: `Our copy lists this line ${en} only; the lists in force since were not checked for it.`,
      'zh-CN': `本数据仅记录该税号${zh}在清单内；此后施行的清单未核对。`,
    });
  }
  if (later) {
    const { en, zh } = periodText(later);
    remarks.push({
      kind: 'later-listing',
      en: `Our copy lists this line ${en}, not on this day.`,
      'zh-CN': `本数据记录该税号${zh}在清单内，不含此日。`,
    });
  }
  const other = earlier ?? later;
  return {
    status: 'not-listed',
    hs8,
    ...(entry ? { deleted: entry } : {}),
    ...(other ? { otherPeriod: other } : {}),
    remarks,
    authoritative:
      list.coverage === 'complete' ||
      (entry?.status === 'deleted' && (entry.provenance === 'official' || entry.provenance === 'reprint')),
  };
}

function invalidCode(code: HsCodeErrorCode): PositiveListLookup {
  return { status: 'invalid-code', code, message: HS_CODE_MESSAGES[code] };
}

let bundled: PositiveList | undefined;

/** The partial list shipped in data/positive-list.csv (see README.md for its coverage). */
export function bundledPositiveList(): PositiveList {
  if (bundled) return bundled;
  const loaded = loadPositiveListCsv(POSITIVE_LIST_CSV, { coverage: 'partial' });
  // The bundled file is checked by the test suite; failing here means a broken build.
  if (!loaded.ok) throw new Error(`bundled positive list is invalid: ${loaded.error[0]!.message.en}`);
  bundled = loaded.value;
  return bundled;
}
