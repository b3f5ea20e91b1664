// Receipts: what an order page's receipt is (offer only, nothing stored) and adding one to the
// ledger (only ever on the user's click or paste). The check and its explanation are the core's
// (shared/verdict verifyReceipt: the claims, or a refusal saying why in both languages).
import { formatFen } from '../../../shared/money/index.ts';
import { orderFromReceipt, type LedgerContents } from '../../../shared/ledger/index.ts';
import { ledgerFiguresOf, RECEIPT_NO_TRUST, verifyReceipt } from '../../../shared/verdict/index.ts';
import type { AddReceiptResult, Locale, ReceiptOffer, ReceiptOffers } from '../../messages.ts';
import { readLedger, writeClockFloor, writeLedger } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import { judging, verifyOptions, type BackgroundDeps, type Judging } from '../context.ts';

/** cs-bg-inspect-receipts: one offer per receipt on the page. */
export async function inspectReceipts(deps: BackgroundDeps, receipts: readonly string[], lang: Locale): Promise<ReceiptOffers> {
  const t = backgroundText(lang);
  const j = await judging(deps);
  const ledger = await readLedger(deps.store);
  const offers = [];
  for (const receipt of receipts) offers.push(await offerFor(receipt, j, ledger, lang));
  return { locale: lang, offers, button: t.receiptButton };
}

async function offerFor(receipt: string, j: Judging, ledger: LedgerContents, lang: Locale): Promise<ReceiptOffer> {
  const t = backgroundText(lang);
  const options = verifyOptions(j);
  if (!options) return { receipt, ok: false, alreadyInLedger: false, summary: RECEIPT_NO_TRUST.message[lang] };
  const checked = await verifyReceipt(receipt, options);
  if (!checked.ok) return { receipt, ok: false, alreadyInLedger: false, summary: t.receiptInvalid(checked.refusal.message[lang]).slice(0, 400) };
  const c = checked.claims;
  const already = ledger.orders.some((o) => o.orderId === c.orderId);
  return {
    receipt,
    ok: true,
    alreadyInLedger: already,
    summary: (already ? t.receiptInLedger(c.orderId) : t.receiptSummary(c.orderId, formatFen(c.dutiableValueFen, lang), formatFen(c.taxFen, lang))).slice(0, 400),
  };
}

/** cs-bg-add-receipt and ui-bg-import-receipt: verifies the receipt again and adds its order. */
export async function addReceipt(deps: BackgroundDeps, receipt: string, lang: Locale): Promise<AddReceiptResult> {
  const t = backgroundText(lang);
  const j = await judging(deps);
  const options = verifyOptions(j);
  if (!options) return { ok: false, message: RECEIPT_NO_TRUST.message[lang] };
  const checked = await verifyReceipt(receipt, options);
  await writeClockFloor(deps.store, j.now.toISOString());
  if (!checked.ok) return { ok: false, message: t.receiptInvalid(checked.refusal.message[lang]).slice(0, 400) };
  const ledger = await readLedger(deps.store);
  const orderId = checked.claims.orderId;
  if (ledger.orders.some((o) => o.orderId === orderId)) return { ok: true, message: t.receiptInLedger(orderId) };
  const order = orderFromReceipt(receipt, ledgerFiguresOf(checked.claims), j.now.toISOString());
  await writeLedger(deps.store, { ...ledger, orders: [...ledger.orders, order] });
  return { ok: true, message: t.receiptAdded(orderId) };
}
