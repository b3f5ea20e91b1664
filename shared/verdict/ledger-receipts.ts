// Receipts and the consumer's ledger (shared/ledger): a verified receipt as the ledger stores an
// order (the figures the platform signed, nothing typed in by hand), and the ledger's receipt
// check — the one "verify a receipt and say why it failed" every surface uses.
import type { ReceiptClaims } from '../credential/claims/index.ts';
import type { ReasonText, ReceiptCheck, ReceiptFigures } from '../ledger/import.ts';
import { verifyReceipt, type ReceiptRefusal, type VerifyContext } from './verify.ts';

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

/** The refusal when this device holds no trust data yet: no receipt can be verified. */
export const RECEIPT_NO_TRUST: ReceiptRefusal = {
  code: 'trust.missing',
  message: { en: 'No trust data on this device yet: receipts cannot be verified.', 'zh-CN': '本机尚无信任数据，无法验证收据。' },
};

/** A refusal as the ledger's import report carries it. */
export function reasonTextOf(refusal: ReceiptRefusal): ReasonText {
  return { code: refusal.code, en: refusal.message.en, 'zh-CN': refusal.message['zh-CN'] };
}

export type ReceiptContext = Pick<VerifyContext, 'bundle' | 'now' | 'lastVerifiedAt'>;

/**
 * The ledger's receipt check (adding a receipt, importing or restoring a ledger file): verifyReceipt
 * with the context of the moment — the trust bundle and the clock, read per receipt so a long
 * import uses the current ones; undefined when there is no trust data — giving the signed figures
 * or the refusal. `onVerified` sees each verified receipt's claims (to store them, for instance).
 */
export function ledgerReceiptCheck(
  context: () => ReceiptContext | undefined | Promise<ReceiptContext | undefined>,
  onVerified?: (claims: ReceiptClaims, payload: string) => void,
): ReceiptCheck {
  return async (payload) => {
    const ctx = await context();
    if (!ctx) return { ok: false, reason: reasonTextOf(RECEIPT_NO_TRUST) };
    const checked = await verifyReceipt(payload, ctx);
    if (!checked.ok) return { ok: false, reason: reasonTextOf(checked.refusal) };
    onVerified?.(checked.claims, payload);
    return { ok: true, figures: ledgerFiguresOf(checked.claims), claims: checked.claims };
  };
}
