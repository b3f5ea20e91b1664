// Order pages: when the page carries a receipt credential (`<crosscheck-receipt>`), offer to add it
// to the ledger — never silently. The button only acts on a real click by the user
// (`event.isTrusted`): page script can reach into our open shadow root and call `.click()`, but
// such synthetic clicks are not trusted, so a page cannot fill the ledger behind the user's back.
import type { AddReceiptResult, ReceiptOffers } from '../messages.ts';
import { mountDefendedHost, textElement } from './defended-host.ts';
import { ANNOTATION_CSS } from './annotation.ts';

export const RECEIPT_OFFER_TAG = 'crosscheck-receipt-offer';

export function showReceiptOffers(
  anchorFor: (index: number) => Element | null,
  offers: ReceiptOffers,
  add: (receipt: string) => Promise<AddReceiptResult | null>,
  signal: AbortSignal,
): void {
  offers.offers.forEach((offer, index) => {
    const anchor = anchorFor(index);
    const mounted = mountDefendedHost(
      RECEIPT_OFFER_TAG,
      `${ANNOTATION_CSS}\nbutton { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #0b6e4f; background: #0b6e4f; color: #fff; cursor: pointer; margin-top: 6px; }`,
      (host) => (anchor ? anchor.after(host) : document.body.prepend(host)),
      signal,
    );
    let result: string | null = null;
    mounted.setData({ 'data-state': offer.alreadyInLedger ? 'in-ledger' : offer.ok ? 'offered' : 'invalid' });
    const draw = () =>
      mounted.render((root) => {
        const card = textElement('div', 'card', '');
        card.append(textElement('span', 'brand', 'CrossCheck'), textElement('div', 'headline', offer.summary));
        if (result !== null) card.append(textElement('p', 'note', result));
        else if (offer.ok && !offer.alreadyInLedger) {
          const button = textElement('button', '', offers.button);
          button.setAttribute('type', 'button');
          button.addEventListener('click', (event) => {
            if (!event.isTrusted) return;
            button.setAttribute('disabled', '');
            void add(offer.receipt).then((answer) => {
              result = answer?.message ?? '';
              mounted.setData({ 'data-state': answer?.ok ? 'added' : 'failed' });
              draw();
            });
          });
          card.append(button);
        }
        root.append(card);
      });
    draw();
  });
}
