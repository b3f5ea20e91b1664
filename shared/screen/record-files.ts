// Side files read whole beside the order stream: price filings, payment records, logistics
// records. Each is CSV (a header row of dotted field names, as for orders), NDJSON (one object a
// line) or a JSON array; every record keeps where it came from (its line, or its index in a JSON
// array) so that a bad one is reported by number. These files are a merchant's catalogue or one
// export of the payment and logistics systems, so they are held in memory, unlike the orders.
import { err, ok, type Result } from '../result.ts';
import { isOpenRecord, parseCsvFields, parseCsvHeader, csvRowToRecord, type CsvHeaderOptions } from './csv.ts';

export type RecordFormat = 'csv' | 'ndjson' | 'json';

export interface RawRecord {
  /** Physical line (CSV: the record's first line; NDJSON: its line) or, for a JSON array, 0. */
  line: number;
  /** 1-based index in a JSON array; 0 for line-based formats. */
  record: number;
  value: unknown;
}

export interface RecordFileError {
  line: number;
  record: number;
  message: string;
}

/** The records read and the bad ones by number; an error string when the file cannot be read at all. */
export type RecordFile = Result<{ records: RawRecord[]; errors: RecordFileError[] }, string>;

/** A CSV record may span at most this many lines inside quotes. */
const MAX_CSV_RECORD_LINES = 64;

/** Where a record or error came from, for messages: `line 12` or `record 3`. */
export function whereOf(at: { line: number; record: number }): string {
  return at.record > 0 ? `record ${at.record}` : `line ${at.line}`;
}

/** The format from a file name: .csv, .json, anything else NDJSON. */
export function recordFormatOf(name: string): RecordFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return 'ndjson';
}

/**
 * Splits a side file into records. A file that cannot be read at all (a JSON document that does
 * not parse, a CSV header without the required column) is an error; a bad record is an error
 * with its number and the others are kept.
 */
export function readRecordFile(text: string, format: RecordFormat, header: CsvHeaderOptions & { required: string }): RecordFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      return err(`not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(doc)) return err('expected a JSON array of records');
    return ok({ records: doc.map((value, i) => ({ line: 0, record: i + 1, value })), errors: [] });
  }
  const lines = text.split(/\r?\n/);
  const records: RawRecord[] = [];
  const errors: RecordFileError[] = [];
  if (format === 'ndjson') {
    lines.forEach((l, i) => {
      if (l.trim().length === 0) return;
      try {
        records.push({ line: i + 1, record: 0, value: JSON.parse(l) });
      } catch (e) {
        errors.push({ line: i + 1, record: 0, message: `not valid JSON (${(e as Error).message})` });
      }
    });
    return ok({ records, errors });
  }
  let columns: Extract<ReturnType<typeof parseCsvHeader>, { ok: true }>['value'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length === 0) continue;
    const start = i;
    let row = lines[i]!;
    while (isOpenRecord(row) && i + 1 < lines.length && i - start < MAX_CSV_RECORD_LINES) row += `\n${lines[++i]!}`;
    if (isOpenRecord(row)) {
      if (!columns) return err(`CSV header (line ${start + 1}): unterminated quoted field`);
      errors.push({ line: start + 1, record: 0, message: 'unterminated quoted field' });
      i = start;
      continue;
    }
    if (!columns) {
      const h = parseCsvHeader(row, header);
      if (!h.ok) return err(`CSV header (line ${start + 1}): ${h.error}`);
      columns = h.value;
      continue;
    }
    const fields = parseCsvFields(row);
    if (!fields.ok) {
      errors.push({ line: start + 1, record: 0, message: fields.error });
      continue;
    }
    const mapped = csvRowToRecord(columns, fields.value);
    if (!mapped.ok) errors.push({ line: start + 1, record: 0, message: mapped.error.message });
    else records.push({ line: start + 1, record: 0, value: mapped.value });
  }
  if (!columns) return err('no CSV header row');
  return ok({ records, errors });
}
