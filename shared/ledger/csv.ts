// CSV export of the ledger for spreadsheets (RFC 4180 quoting, CRLF line ends, UTF-8 with a BOM
// so Excel shows Chinese product names correctly).
import { fenToYuan } from '../money/index.ts';
import type { LedgerOrder } from './format.ts';

export const LEDGER_CSV_COLUMNS = [
  'order_id',
  'source',
  'merchant',
  'ordered_at',
  'dutiable_value_cny',
  'tax_cny',
  'paid_cny',
  'released_at',
  'returned_on',
  'items',
] as const;

/**
 * Would a spreadsheet run this text as a formula? A cell starting with = + - @, tab or CR (OWASP
 * "CSV injection"), or one with a formula after a separator character (`;=1+1`): a spreadsheet
 * opened with `;` (or tab, or `|`) as its separator splits the cell there. A cell that starts with
 * the escape apostrophe before such text counts too, so the reader can always undo the escape.
 */
function formulaLike(value: string): boolean {
  if (/^[=+\-@\t\r]/.test(value) || /[;,\t|]\s*[=+\-@]/.test(value)) return true;
  return value.startsWith("'") && formulaLike(value.slice(1));
}

/**
 * Quotes one cell. Formula-like cells get a leading apostrophe and are always quoted — OWASP "CSV
 * injection": a merchant or product name is attacker-controlled text. Any cell with a separator
 * (`,` or `;`), a quote or a line break is quoted, so no spreadsheet splits it.
 */
export function csvCell(value: string): string {
  const escaped = formulaLike(value);
  const safe = escaped ? `'${value}` : value;
  return escaped || /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Reads a CSV text written by ledgerToCsv (RFC 4180: quoted cells, doubled quotes, CRLF; a BOM
 * first) back into rows of cells, undoing the formula escape of csvCell.
 */
export function readLedgerCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new SyntaxError('unterminated quoted cell');
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
      if (cell.startsWith("'") && formulaLike(cell.slice(1))) cell = cell.slice(1);
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      cell = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i = end < 0 ? text.length : i + end;
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) i += 2;
    else if (i < text.length) throw new SyntaxError(`unexpected character at ${i}`);
    rows.push(row);
    row = [];
  }
  return rows;
}

export function ledgerToCsv(orders: readonly LedgerOrder[]): string {
  const rows = [LEDGER_CSV_COLUMNS.join(',')];
  const sorted = orders.toSorted((a, b) => a.orderedAt.localeCompare(b.orderedAt) || a.orderId.localeCompare(b.orderId));
  for (const o of sorted) {
    const items = o.items.map((i) => `${i.name} ×${i.quantity} @ ${fenToYuan(i.priceFen)}`).join('; ');
    rows.push(
      [
        o.orderId,
        o.source,
        o.merchant ?? '',
        o.orderedAt,
        fenToYuan(o.dutiableValueFen),
        fenToYuan(o.taxFen),
        o.paidFen === undefined ? '' : fenToYuan(o.paidFen),
        o.releasedAt ?? '',
        o.returnedOn ?? '',
        items,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
