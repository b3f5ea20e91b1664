// From text to decisions: lines (NDJSON) or records (CSV) → validated orders → the engine → one
// output record each. Push-based and synchronous, so the same object runs under a Node stream, a
// WHATWG ReadableStream in a worker, or a platform's stream processor (see README). A bad row
// yields an error record with its line number and the stream goes on.
import { csvRowToRecord, isOpenRecord, parseCsvFields, parseCsvHeader, type Column } from './csv.ts';
import { createScreener, type ScreenResult, type Screener, type ScreenerOptions } from './engine.ts';
import { LineSplitter, DEFAULT_MAX_LINE_CHARS } from './lines.ts';
import { checkOrder, type ValidOrder } from './order.ts';
import { err, type Result } from '../result.ts';
import { RULE_IDS, type RowErrorCode, type RuleId } from './rules.ts';

export type InputFormat = 'ndjson' | 'csv';

/** A row the screen could not read. Written on the same output as decisions (see README). */
export interface RowError {
  line: number;
  decision: 'error';
  code: RowErrorCode;
  message: string;
  orderId?: string;
  /** The Redis Stream entry id, when the row came from a stream (`line` is then its record number). */
  entry?: string;
}

export type ScreenOutput = ScreenResult | RowError;

export interface ScreenSummary {
  lines: number;
  orders: number;
  decisions: { pass: number; review: number; block: number; error: number };
  reasons: Record<RuleId, number>;
  errors: Partial<Record<RowErrorCode, number>>;
}

/** A header that cannot be read stops the stream: no row after it can be interpreted. */
export class ScreenInputError extends Error {
  readonly code = 'csv-header-invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ScreenInputError';
  }
}

export interface ScreenStreamOptions extends ScreenerOptions {
  format?: InputFormat;
  /** Receives every decision and row error, in input order. */
  onOutput(output: ScreenOutput, order: ValidOrder | undefined): void;
  maxLineChars?: number;
  /** An existing screener, to share state across several inputs. */
  screener?: Screener;
  /**
   * Hands each valid order over instead of screening it (row errors still go to onOutput, so
   * the caller keeps input order): the keyed screener screens in batches, asynchronously.
   */
  onOrder?: (order: ValidOrder, line: number) => void;
}

/** CSV records may span lines inside quotes; at most this many physical lines per record. */
const MAX_CSV_RECORD_LINES = 64;

export class ScreenStream {
  readonly screener: Screener;
  readonly summary: ScreenSummary = {
    lines: 0,
    orders: 0,
    decisions: { pass: 0, review: 0, block: 0, error: 0 },
    reasons: Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>,
    errors: {},
  };
  private readonly splitter: LineSplitter;
  private readonly onOutput: ScreenStreamOptions['onOutput'];
  private readonly onOrder: ScreenStreamOptions['onOrder'];
  private readonly format: InputFormat;
  private first = true;
  /** The CSV header's columns, once read. */
  private header: Column[] | undefined;
  private csvLines: string[] = [];
  private csvStartLine = 0;

  constructor(options: ScreenStreamOptions) {
    this.screener = options.screener ?? createScreener(options);
    this.onOutput = options.onOutput;
    this.onOrder = options.onOrder;
    this.format = options.format ?? 'ndjson';
    this.splitter = new LineSplitter(
      {
        line: (text, lineNo) => this.line(text, lineNo),
        tooLong: (lineNo) => {
          this.summary.lines = lineNo;
          this.error(lineNo, 'line-too-long', `longer than ${options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS} characters`);
        },
      },
      options.maxLineChars,
    );
  }

  /** Feeds decoded text; complete lines are screened before this returns. */
  push(text: string): void {
    this.splitter.push(text);
  }

  /** Flushes the last line and returns the totals. */
  end(): ScreenSummary {
    this.splitter.end();
    if (this.csvLines.length > 0) {
      this.error(this.csvStartLine, 'csv-invalid', 'unterminated quoted field at end of input');
      this.csvLines = [];
    }
    return this.summary;
  }

  private line(text: string, lineNo: number): void {
    this.summary.lines = lineNo;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
    }
    if (this.format === 'csv') return this.csvLine(text, lineNo);
    if (text.length === 0 || text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return this.error(lineNo, 'json-invalid', (e as Error).message);
    }
    this.record(value, lineNo);
  }

  private csvLine(text: string, lineNo: number): void {
    if (this.csvLines.length === 0) {
      if (text.length === 0) return;
      this.csvStartLine = lineNo;
      if (!isOpenRecord(text)) return this.csvRecord(text, lineNo);
      this.csvLines.push(text);
      return;
    }
    this.csvLines.push(text);
    if (!isOpenRecord(this.csvLines.join('\n'))) {
      const record = this.csvLines.join('\n');
      this.csvLines = [];
      return this.csvRecord(record, this.csvStartLine);
    }
    if (this.csvLines.length >= MAX_CSV_RECORD_LINES) {
      // A stray quote: report the row it opened on, then read the lines after it again as rows
      // of their own, so one bad cell costs one row, not the rest of the file.
      const lines = this.csvLines;
      const start = this.csvStartLine;
      this.csvLines = [];
      this.error(start, 'csv-invalid', `quoted field opened on line ${start} is not closed within ${MAX_CSV_RECORD_LINES} lines`);
      for (let i = 1; i < lines.length; i++) this.csvLine(lines[i]!, start + i);
    }
  }

  private csvRecord(text: string, lineNo: number): void {
    if (!this.header) {
      const header = parseCsvHeader(text);
      if (!header.ok) throw new ScreenInputError(`CSV header (line ${lineNo}): ${header.error}`);
      this.header = header.value;
      return;
    }
    const fields = parseCsvFields(text);
    if (!fields.ok) return this.error(lineNo, 'csv-invalid', fields.error);
    const record = csvRowToRecord(this.header, fields.value);
    if (!record.ok) return this.error(lineNo, 'csv-invalid', record.error.message, record.error.orderId);
    this.record(record.value, lineNo);
  }

  private record(value: unknown, lineNo: number): void {
    const checked = checkOrder(value);
    if (!checked.ok) {
      const id = (value as { orderId?: unknown } | null)?.orderId;
      return this.error(lineNo, checked.error.code, checked.error.message, typeof id === 'string' ? id : undefined);
    }
    if (this.onOrder) return this.onOrder(checked.value, lineNo);
    const result = this.screener.screen(checked.value);
    this.tally(result);
    this.onOutput(result, checked.value);
  }

  /** Counts a decision in the summary (done here for screened orders; by the caller with onOrder). */
  tally(result: ScreenResult): void {
    const s = this.summary;
    s.orders++;
    s.decisions[result.decision]++;
    for (const r of result.reasons) s.reasons[r]++;
  }

  private error(line: number, code: RowErrorCode, message: string, orderId?: string): void {
    this.summary.decisions.error++;
    this.summary.errors[code] = (this.summary.errors[code] ?? 0) + 1;
    const out: RowError = { line, decision: 'error', code, message };
    if (orderId !== undefined && orderId.length <= 128) out.orderId = orderId;
    this.onOutput(out, undefined);
  }
}

/**
 * Screens a whole source of byte or text chunks (a Node Readable, a ReadableStream, a generator).
 * Invalid UTF-8 becomes U+FFFD and then fails validation of the row it is in.
 */
export async function screenSource(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ScreenStreamOptions,
): Promise<ScreenSummary> {
  const stream = new ScreenStream(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    stream.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  const tail = decoder.decode();
  if (tail) stream.push(tail);
  return stream.end();
}

/**
 * Reads one order given as JSON text (a Redis Stream entry's field, a queue message): the row
 * checks of the NDJSON reader, with `line` as the record number.
 */
export function readOrderText(text: string, line: number): Result<ValidOrder, RowError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return err({ line, decision: 'error', code: 'json-invalid', message: (e as Error).message });
  }
  const checked = checkOrder(value);
  if (checked.ok) return checked;
  const error: RowError = { line, decision: 'error', code: checked.error.code, message: checked.error.message };
  const id = (value as { orderId?: unknown } | null)?.orderId;
  if (typeof id === 'string' && id.length <= 128) error.orderId = id;
  return err(error);
}
