// A verified receipt as the ledger (shared/ledger) stores an order: the figures the platform
// signed, nothing typed in by hand.
import type { ReceiptClaims } from '../credential/claims.ts';
import type { ReceiptFigures } from '../ledger/import.ts';

export function ledgerFiguresOf(receipt: ReceiptClaims): ReceiptFigures {
  return {
    orderId: receipt.orderId,
    merchant: receipt.seller,
    orderedAt: receipt.orderedAt,
    dutiableValueFen: receipt.dutiableValueFen,
    taxFen: receipt.taxFen,
    paidFen: receipt.paidFen,
    items: receipt.items.map((i) => ({ name: i.name, quantity: i.quantity, priceFen: i.unitPriceFen })),
  };
}
