// Receipts: what an order page offers (kept for the tab's side panel, nothing added) and adding
// one to the ledger — only ever from extension UI: the side panel's confirm button, or a paste in
// the options page. No page message can add a receipt. The check and its explanation are the core's
// (shared/verdict verifyReceipt: the claims, or a refusal saying why in both languages).
import { formatFen } from '../../../shared/money/index.ts';
import { orderFromReceipt, type LedgerContents } from '../../../shared/ledger/index.ts';
import { checkReceiptOffer, ledgerFiguresOf, RECEIPT_NO_TRUST, receiptOwnership, verifyReceipt, type OwnerProfile } from '../../../shared/verdict/index.ts';
import type { AddReceiptResult, Locale, ReceiptNotice, ReceiptOffer } from '../../messages.ts';
import { readLedger, readOwner, writeClockFloor, writeLedger } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import { judging, verifyOptions, type BackgroundDeps, type Judging } from '../context.ts';
import { readTabState, updateTabState, type TabSource } from './tab-state.ts';

/**
 * cs-bg-offer-receipts: each receipt the page offers is checked and kept, for this tab, in the
 * side panel (where the user confirms it). The page gets one neutral sentence — nothing about
 * the receipts or the ledger, and nothing it could click to add one.
 */
export async function offerReceipts(
  deps: BackgroundDeps,
  receipts: readonly string[],
  langs: { page: Locale; ui: Locale },
  source?: TabSource,
): Promise<ReceiptNotice> {
  // The notice is the page's (in its language); the offers are the side panel's (the user's).
  const { page: pageLang, ui: lang } = langs;
  if (source) {
    const j = await judging(deps);
    const ledger = await readLedger(deps.store);
    const offers = [];
    const owner = await readOwner(deps.store);
    for (const receipt of receipts) offers.push(await offerFor(receipt, source.origin, j, ledger, owner, lang));
    await updateTabState(deps, source, lang, { receipts: offers });
  }
  return { locale: pageLang, notice: backgroundText(pageLang).receiptNotice };
}

/**
 * ui-bg-confirm-receipt, from the side panel: adds a receipt the tab offered, after checking it
 * again. Only a receipt kept for that tab is taken (the side panel cannot be handed another).
 */
export async function confirmReceipt(deps: BackgroundDeps, tabId: number, receipt: string, browserLang: Locale): Promise<AddReceiptResult> {
  const state = await readTabState(deps, tabId);
  // Said in the side panel beside the tab's findings: in their language (tabStateAnswer).
  const lang = state?.locale ?? browserLang;
  const t = backgroundText(lang);
  const offer = state?.receipts?.find((r) => r.receipt === receipt);
  if (!state || !offer) return { ok: false, message: t.receiptNotOffered };
  // Checked again, now: the trust data or the owner profile may have changed since the offer.
  const j = await judging(deps);
  const recheck = await offerFor(receipt, state.origin, j, await readLedger(deps.store), await readOwner(deps.store), lang);
  if (!recheck.canAdd) return { ok: recheck.alreadyInLedger, message: recheck.summary };
  const result = await addReceipt(deps, receipt, lang);
  if (result.ok) {
    const receipts = (state.receipts ?? []).map((r) => (r.receipt === receipt ? { ...r, alreadyInLedger: true, canAdd: false } : r));
    await updateTabState(deps, { tabId, url: state.url, origin: state.origin }, state.locale, { receipts });
  }
  return result;
}

/**
 * One receipt a page offers: accepted only when it verifies and this page's origin is one the trust
 * bundle lists for the receipt's issuer (shared/verdict checkReceiptOffer), and only the owner's
 * order may be added (its orderer's ID ending is the owner profile's).
 */
async function offerFor(receipt: string, origin: string, j: Judging, ledger: LedgerContents, owner: OwnerProfile | undefined, lang: Locale): Promise<ReceiptOffer> {
  const t = backgroundText(lang);
  const options = verifyOptions(j);
  if (!options) return { receipt, ok: false, alreadyInLedger: false, canAdd: false, summary: RECEIPT_NO_TRUST.message[lang] };
  const checked = await checkReceiptOffer(receipt, origin, { ...options, ...(owner ? { owner } : {}) });
  if (!checked.ok) return { receipt, ok: false, alreadyInLedger: false, canAdd: false, summary: t.receiptInvalid(checked.refusal.message[lang]).slice(0, 600) };
  const c = checked.claims;
  const already = ledger.orders.some((o) => o.orderId === c.orderId);
  const base = already ? t.receiptInLedger(c.orderId) : t.receiptSummary(c.orderId, formatFen(c.dutiableValueFen, lang), formatFen(c.taxFen, lang));
  const whose = { owner: t.receiptYours, 'other-identity': t.receiptOtherIdentity, unconfirmed: t.receiptNoOwner }[checked.ownership];
  return {
    receipt,
    ok: true,
    alreadyInLedger: already,
    ownership: checked.ownership,
    canAdd: !already && checked.ownership === 'owner',
    summary: `${base} ${whose}`.slice(0, 600),
  };
}

/**
 * The side panel's confirmation and ui-bg-import-receipt (a paste in the options page): verifies
 * the receipt again and adds its order — only the owner's: with an owner profile set, a receipt
 * whose orderer's ID ends otherwise is an order placed under another identity, refused here as in
 * the side panel (a pasted copy of someone else's receipt must not make their parcels "yours").
 */
export async function addReceipt(deps: BackgroundDeps, receipt: string, lang: Locale): Promise<AddReceiptResult> {
  const t = backgroundText(lang);
  const j = await judging(deps);
  const options = verifyOptions(j);
  if (!options) return { ok: false, message: RECEIPT_NO_TRUST.message[lang] };
  const checked = await verifyReceipt(receipt, options);
  await writeClockFloor(deps.store, j.now.toISOString());
  if (!checked.ok) return { ok: false, message: t.receiptInvalid(checked.refusal.message[lang]).slice(0, 400) };
  if (receiptOwnership(checked.claims, await readOwner(deps.store)) === 'other-identity') {
    return { ok: false, message: `${checked.claims.orderId}: ${t.receiptOtherIdentity}`.slice(0, 400) };
  }
  const ledger = await readLedger(deps.store);
  const orderId = checked.claims.orderId;
  if (ledger.orders.some((o) => o.orderId === orderId)) return { ok: true, message: t.receiptInLedger(orderId) };
  const order = orderFromReceipt(receipt, ledgerFiguresOf(checked.claims), j.now.toISOString());
  await writeLedger(deps.store, { ...ledger, orders: [...ledger.orders, order] });
  return { ok: true, message: t.receiptAdded(orderId) };
}
