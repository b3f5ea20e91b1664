// The side panel: everything CrossCheck found on the active tab, in extension UI that no page can
// draw over, restyle or read — the verdict on the listing in words ("Verified listing — <shop>",
// the product it names), the estimate with this year's ledger and the quota warning, and the
// receipts the page offers with the only button that adds one to the ledger. It follows the
// active tab and repaints when the background records new findings (chrome.storage.session).
// `?tab=N` pins it to one tab (the browser tests open it that way in a normal tab).
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { AddReceiptResult, TabStateAnswer, type ReceiptOffer } from '../messages.ts';
import { onSessionChanged } from '../platform/storage.ts';
import { openOptionsPage } from '../platform/runtime.ts';
import { activeTabId, onTabActivated } from '../platform/tabs.ts';
import { ask } from '../ui/ask.ts';
import { uiText } from '../ui/catalogue.ts';

const pinned = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);

function Receipt({ offer, tabId, label, settingsLabel }: { offer: ReceiptOffer; tabId: number; label: string; settingsLabel: string }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  // The confirm button goes away once used: focus moves to the sentence that says what happened.
  const resultRef = useRef<HTMLParagraphElement>(null);
  const focusResult = useRef(false);
  useLayoutEffect(() => {
    if (focusResult.current && resultRef.current) {
      focusResult.current = false;
      resultRef.current.focus();
    }
  });
  const confirm = async () => {
    const r = await ask({ type: 'ui-bg-confirm-receipt', tabId, receipt: offer.receipt }, AddReceiptResult);
    focusResult.current = true;
    setResult(r.ok ? r.value : { ok: false, message: r.message });
  };
  const state = result?.ok ? 'added' : offer.alreadyInLedger ? 'in-ledger' : offer.ok ? 'offered' : 'invalid';
  return (
    <li data-testid="receipt" data-state={state} data-ownership={offer.ownership ?? ''}>
      <p class={offer.ok && offer.ownership !== 'other-identity' ? '' : 'warn'}>{offer.summary}</p>
      {offer.canAdd && !result?.ok && (
        <button type="button" data-testid="confirm-receipt" onClick={() => void confirm()}>{label}</button>
      )}
      {offer.ownership === 'unconfirmed' && (
        <p><a href="#" data-testid="open-options" onClick={(e) => { e.preventDefault(); void openOptionsPage(); }}>{settingsLabel}</a></p>
      )}
      {result && <p class={result.ok ? 'muted' : 'warn'} ref={resultRef} tabIndex={-1} data-testid="receipt-result">{result.message}</p>}
    </li>
  );
}

function Panel() {
  const [tabId, setTabId] = useState<number | undefined>(Number.isSafeInteger(pinned) ? pinned : undefined);
  const [answer, setAnswer] = useState<TabStateAnswer | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (Number.isSafeInteger(pinned)) return;
    void activeTabId().then(setTabId);
    return onTabActivated(setTabId);
  }, []);
  useEffect(() => {
    if (tabId === undefined) return;
    const load = () =>
      void ask({ type: 'ui-bg-get-tab-state', tabId }, TabStateAnswer).then((r) => (r.ok ? (setAnswer(r.value), setError('')) : setError(r.message)));
    load();
    return onSessionChanged((keys) => keys.includes(`tab:${tabId}`) && load());
  }, [tabId]);

  if (error) return <main><p class="warn" role="alert">{error}</p></main>;
  if (!answer || tabId === undefined) return <main aria-busy="true" />;
  const t = uiText(answer.locale);
  document.documentElement.lang = answer.locale;
  document.title = t.panelTitle;
  const s = answer.state;
  return (
    <main data-testid="side-panel" data-tab={tabId}>
      <h1>{t.panelTitle}</h1>
      {!s && <p data-testid="nothing">{t.panelNothing}</p>}
      {s && <p class="muted">{new URL(s.url).host}</p>}
      {s?.listing && (
        <section aria-labelledby="listing-title" data-testid="listing" data-status={s.listing.status}>
          <h2 id="listing-title">{t.panelListing}</h2>
          <p class={s.listing.status === 'not-genuine' ? 'figure warn' : 'figure'} data-testid="listing-title">{s.listing.title}</p>
          <p>{s.listing.text}</p>
          {s.listing.product && (
            <dl>
              <dt>{t.panelProduct}</dt>
              <dd data-testid="listing-product">{s.listing.product}</dd>
              {s.listing.seller && [<dt>{t.panelSigner}</dt>, <dd>{s.listing.seller}</dd>]}
            </dl>
          )}
        </section>
      )}
      {s?.estimate && (
        <section aria-labelledby="estimate-title" data-testid="estimate" data-admission={s.estimate.admission} data-tax-fen={s.estimate.taxFen ?? ''}>
          <h2 id="estimate-title">{t.panelEstimate}</h2>
          {s.estimate.quotaWarning && <p class="warn" role="alert" data-testid="quota-warning">{s.estimate.quotaWarning}</p>}
          <p class="figure">{s.estimate.headline}</p>
          <dl>{s.estimate.rows.map((r) => [<dt>{r.label}</dt>, <dd>{r.value}</dd>])}</dl>
          {s.estimate.breakdown.length > 0 && (
            <details>
              <summary>{t.breakdown}</summary>
              <dl>{s.estimate.breakdown.map((r) => [<dt>{r.label}</dt>, <dd>{r.value}</dd>])}</dl>
            </details>
          )}
        </section>
      )}
      {s?.receipts && s.receipts.length > 0 && (
        <section aria-labelledby="receipts-title">
          <h2 id="receipts-title">{t.panelReceipts}</h2>
          <ul>{s.receipts.map((offer) => <Receipt key={offer.receipt} offer={offer} tabId={tabId} label={answer.confirmLabel} settingsLabel={t.options} />)}</ul>
        </section>
      )}
      <p class="muted">{t.panelWhy}</p>
    </main>
  );
}

render(<Panel />, document.getElementById('app')!);
