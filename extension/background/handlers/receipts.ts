// Receipts: what an order page's receipt is (offer only, nothing stored), adding one to the ledger
// (only ever on the user's click or paste), and the check both use. A receipt is verified with
// shared/verdict against the trust bundle and the clock floor; a failure is explained with the
// verdict's first error reason.
import type { Localized } from '../../../shared/text/localized.ts';
import { formatFen } from '../../../shared/money/index.ts';
import { orderFromReceipt, type LedgerContents } from '../../../shared/ledger/index.ts';
import { ledgerFiguresOf, verifyReceipt } from '../../../shared/verdict/index.ts';
import type { AddReceiptResult, Locale, ReceiptOffers } from '../../messages.ts';
import { readLedger, writeClockFloor, writeLedger } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import { judging, verifyOptions, type BackgroundDeps, type Judging } from '../context.ts';

type Checked = Awaited<ReturnType<typeof verifyReceipt>>;
type ReceiptClaims = Extract<Checked, { ok: true }>['claims'];

export type ReceiptCheck =
  | { ok: true; claims: ReceiptClaims }
  | { ok: false; code: string; why: Localized };

/** Verifies a receipt and, when it fails, says why (the verdict's first error, else its status). */
export async function checkReceipt(receipt: string, j: Judging): Promise<ReceiptCheck> {
  const options = verifyOptions(j);
  if (!options) {
    return { ok: false, code: 'no-trust', why: { en: backgroundText('en').receiptsNeedTrust, 'zh-CN': backgroundText('zh-CN').receiptsNeedTrust } };
  }
  const checked = await verifyReceipt(receipt, options);
  if (checked.ok) return { ok: true, claims: checked.claims };
  const reason = checked.verdict.reasons.find((r) => r.severity === 'error');
  const status = checked.verdict.status;
  return { ok: false, code: reason?.code ?? status, why: reason ? { en: reason.message.en, 'zh-CN': reason.message['zh-CN'] } : { en: status, 'zh-CN': status } };
}

/** cs-bg-inspect-receipts: one offer per receipt on the page. */
export async function inspectReceipts(deps: BackgroundDeps, receipts: readonly string[], lang: Locale): Promise<ReceiptOffers> {
  const t = backgroundText(lang);
  const j = await judging(deps);
  const ledger = await readLedger(deps.store);
  const offers = [];
  for (const receipt of receipts) offers.push(await offerFor(receipt, j, ledger, lang));
  return { locale: lang, offers, button: t.receiptButton };
}

async function offerFor(receipt: string, j: Judging, ledger: LedgerContents, lang: Locale) {
  const t = backgroundText(lang);
  if (!j.trust) return { receipt, ok: false, alreadyInLedger: false, summary: t.receiptsNeedTrust };
  const checked = await checkReceipt(receipt, j);
  if (!checked.ok) return { receipt, ok: false, alreadyInLedger: false, summary: t.receiptInvalid(checked.why[lang]).slice(0, 400) };
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
  if (!j.trust) return { ok: false, message: t.receiptsNeedTrust };
  const checked = await checkReceipt(receipt, j);
  await writeClockFloor(deps.store, j.now.toISOString());
  if (!checked.ok) return { ok: false, message: t.receiptInvalid(checked.why[lang]).slice(0, 400) };
  const ledger = await readLedger(deps.store);
  const orderId = checked.claims.orderId;
  if (ledger.orders.some((o) => o.orderId === orderId)) return { ok: true, message: t.receiptInLedger(orderId) };
  const order = orderFromReceipt(receipt, ledgerFiguresOf(checked.claims), j.now.toISOString());
  await writeLedger(deps.store, { ...ledger, orders: [...ledger.orders, order] });
  return { ok: true, message: t.receiptAdded(orderId) };
}
