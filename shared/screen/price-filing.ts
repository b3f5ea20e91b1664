// Price filing (价格备案): the prices a merchant has filed per SKU, each in force from one China
// date to another. An order's unit price below the price in force on the order date, or a SKU
// with no filing in force, is a finding (rules `price-below-filing` and `price-filing-missing`
// in rules.ts). Rows come from `crosscheck screen --price-filing FILE` (CSV, NDJSON or a JSON
// array; see README): sku, priceFen, validFrom, validTo (optional: open-ended), currency
// (optional; CNY, the currency of every fen amount in the screen).
import * as z from 'zod/mini';
import { err, ok, type Result } from '../result.ts';
import { issueMessage } from '../validation/issue-message.ts';
import { chinaDate, isIsoDate } from '../policy/dates.ts';
import type { ScreenCheck } from './engine.ts';
import type { ValidOrder } from './order.ts';
import { readRecordFile, whereOf, type RecordFormat } from './record-files.ts';
import type { ScreenConfig } from './rules.ts';

const isoDate = z.string().check(z.refine(isIsoDate, 'expected a date YYYY-MM-DD'));

export const filingRowSchema = z.strictObject({
  sku: z.string().check(z.minLength(1), z.maxLength(128)),
  /** The filed unit price in fen (CNY). */
  priceFen: z.int().check(z.minimum(0)),
  validFrom: isoDate,
  /** Last day in force (inclusive); absent: until further notice. */
  validTo: z.optional(isoDate),
  currency: z.optional(z.literal('CNY', { error: 'only CNY: every amount in the screen is in fen (0.01 CNY)' })),
});

export type FilingRow = z.infer<typeof filingRowSchema>;

interface Period {
  from: string;
  /** Inclusive; '9999-12-31' when open. */
  to: string;
  priceFen: number;
  line: number;
  record: number;
}

export interface FilingError {
  line: number;
  record: number;
  message: string;
}

/** The filed prices, by SKU, with periods sorted by their first day and never overlapping. */
export class PriceFiling {
  private constructor(private readonly bySku: ReadonlyMap<string, readonly Period[]>) {}

  get size(): number {
    return this.bySku.size;
  }

  /** The filed unit price for `sku` in force on the China date `date`, if any. */
  priceOn(sku: string, date: string): number | undefined {
    const periods = this.bySku.get(sku);
    if (!periods) return undefined;
    for (const p of periods) if (p.from <= date && date <= p.to) return p.priceFen;
    return undefined;
  }

  /**
   * Builds the table from rows, each with where it came from. All-or-nothing: a bad row, or two
   * periods of one SKU that overlap (which price would be in force?), is an error by number, and
   * no table is returned while any remain, since a partial table would flag filed SKUs as missing.
   */
  static fromRecords(records: readonly { line: number; record: number; value: unknown }[]): Result<PriceFiling, FilingError[]> {
    const errors: FilingError[] = [];
    const bySku = new Map<string, Period[]>();
    for (const r of records) {
      const parsed = filingRowSchema.safeParse(r.value, { error: issueMessage });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        errors.push({ line: r.line, record: r.record, message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
        continue;
      }
      const row = parsed.data;
      const to = row.validTo ?? '9999-12-31';
      if (to < row.validFrom) {
        errors.push({ line: r.line, record: r.record, message: `validTo ${to} is before validFrom ${row.validFrom}` });
        continue;
      }
      let list = bySku.get(row.sku);
      if (!list) bySku.set(row.sku, (list = []));
      list.push({ from: row.validFrom, to, priceFen: row.priceFen, line: r.line, record: r.record });
    }
    for (const [sku, list] of bySku) {
      list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (cur.from <= prev.to) {
          const open = prev.to === '9999-12-31' ? 'open-ended' : `to ${prev.to}`;
          errors.push({ line: cur.line, record: cur.record, message: `SKU ${sku}: period from ${cur.from} overlaps the one at ${whereOf(prev)} (${prev.from}, ${open})` });
        }
      }
    }
    if (errors.length > 0) return err(errors.toSorted(byPlace));
    return ok(new PriceFiling(bySku));
  }

  /** Reads a filing file's text (CSV, NDJSON or JSON array). */
  static parse(text: string, format: RecordFormat): Result<PriceFiling, FilingError[]> {
    const file = readRecordFile(text, format, { numeric: new Set(['priceFen']), required: 'sku' });
    if (!file.ok) return err([{ line: 0, record: 0, message: file.error }]);
    const built = PriceFiling.fromRecords(file.value.records);
    if (file.value.errors.length === 0) return built;
    return err([...file.value.errors, ...(built.ok ? [] : built.error)].toSorted(byPlace));
  }
}

/** Errors in file order (a file's errors are all by line or all by record). */
function byPlace(a: FilingError, b: FilingError): number {
  return a.line + a.record - (b.line + b.record);
}

/** The check the engine runs per order: each item's unit price against the filing on the order date. */
export function priceFilingCheck(filing: PriceFiling, config: ScreenConfig): ScreenCheck {
  const minPercent = config.rules['price-below-filing'].thresholds.minPercentOfFiled;
  return {
    check(order: ValidOrder, fire) {
      const date = chinaDate(order.timeMs);
      for (const item of order.items) {
        const filed = filing.priceOn(item.sku, date);
        if (filed === undefined) fire('price-filing-missing');
        else if (item.priceFen * 100 < filed * minPercent) fire('price-below-filing');
      }
    },
  };
}
