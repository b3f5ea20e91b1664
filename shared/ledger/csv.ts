// CSV export of the ledger for spreadsheets (RFC 4180 quoting, CRLF line ends, UTF-8 with a BOM
// so Excel shows Chinese product names correctly).
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

/** Fen as a decimal yuan string ("1234.05"), by integer arithmetic only. */
export function fenToDecimal(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('fen must be a safe integer');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Quotes one cell. Cells that a spreadsheet would run as a formula (leading = + - @, tab or CR)
 * get a leading apostrophe — OWASP "CSV injection": a merchant name is attacker-controlled text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function ledgerToCsv(orders: readonly LedgerOrder[]): string {
  const rows = [LEDGER_CSV_COLUMNS.join(',')];
  const sorted = orders.toSorted((a, b) => a.orderedAt.localeCompare(b.orderedAt) || a.orderId.localeCompare(b.orderId));
  for (const o of sorted) {
    const items = o.items.map((i) => `${i.name} ×${i.quantity} @ ${fenToDecimal(i.priceFen)}`).join('; ');
    rows.push(
      [
        o.orderId,
        o.source,
        o.merchant ?? '',
        o.orderedAt,
        fenToDecimal(o.dutiableValueFen),
        fenToDecimal(o.taxFen),
        o.paidFen === undefined ? '' : fenToDecimal(o.paidFen),
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
