// Order pages: when the page carries a receipt credential (`<crosscheck-receipt>`), the background
// checks it and keeps it for this tab's side panel, where the user confirms it. In the page there is
// only a neutral notice saying so — no button: a page can lay its own box over anything we draw and
// take the click (click-jacking), so nothing in the page adds a receipt. The notice tells nothing
// about the receipt or the ledger.
import type { ReceiptNotice } from '../messages.ts';
import { ANNOTATION_CSS } from './annotation.ts';
import { mountDefendedHost, textElement } from './defended-host.ts';

export const RECEIPT_OFFER_TAG = 'crosscheck-receipt-offer';

export function showReceiptNotice(anchor: Element | null, notice: ReceiptNotice, signal: AbortSignal): void {
  const mounted = mountDefendedHost(
    RECEIPT_OFFER_TAG,
    ANNOTATION_CSS,
    (host) => (anchor?.isConnected ? anchor.after(host) : (document.body ?? document.documentElement).prepend(host)),
    signal,
  );
  mounted.setData({ 'data-state': 'see-side-panel', lang: notice.locale });
  mounted.render((root) => {
    const card = textElement('div', 'card', '');
    card.setAttribute('role', 'note');
    card.append(textElement('span', 'brand', 'CrossCheck'), textElement('span', 'note', notice.notice));
    root.append(card);
  });
}
