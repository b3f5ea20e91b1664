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
