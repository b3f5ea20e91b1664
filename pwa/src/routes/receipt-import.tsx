// The receipt panel of the check route. /receipts/import#<payload> (the merchant's "Add to my
// CrossCheck ledger" button) and a receipt scanned at /verify both land here after one
// verification; the receipt enters the ledger only when the consumer says so — never silently —
// with the claims that verification gave (pwa/db addReceipt).
import { useState } from 'preact/hooks';
import { ledgerFiguresOf, receiptOwnership, receiptResult } from '../../../shared/verdict/index.ts';
import { addReceipt, appDatabase, ensurePersisted, useLiveQuery } from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { VerdictDetails } from '../components/verdict-view.tsx';
import { useActionFocus } from '../focus.tsx';
import { ownerProfile, verifiedAnswer, type VerifyOutcome } from '../verification.ts';

/**
 * A receipt verified on the check route (pwa/src/routes/verify.tsx), under the route's heading and
 * verdict banner: its figures, and "add to my ledger" only on the consumer's tap, reusing the
 * claims just verified.
 */
export function ReceiptPanel({ payload, outcome }: { payload: string; outcome: Extract<VerifyOutcome, { kind: 'verdict' }> }) {
  const { t, money, date, pick } = useI18n();
  const [result, setResult] = useState<{ tone: 'good' | 'bad'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const checked = receiptResult(outcome.verdict);
  const figures = checked.ok ? ledgerFiguresOf(checked.claims) : undefined;
  const orderId = figures?.orderId;
  const existing = useLiveQuery(() => (orderId ? appDatabase().orders.get(orderId) : undefined), [orderId]);
  // Whose order it is: only the owner's receipt goes into the ledger (shared/verdict/owner.ts).
  const owner = useLiveQuery(async () => (await ownerProfile()) ?? null, []);
  const profile = owner.status === 'ready' ? (owner.value ?? undefined) : undefined;
  const ownership = checked.ok && owner.status === 'ready' ? receiptOwnership(checked.claims, profile) : undefined;

  // "Add to my ledger" goes away once tapped: focus moves to the sentence that says what happened.
  const resultFocus = useActionFocus<HTMLParagraphElement>();
  const add = async () => {
    if (!checked.ok || ownership === undefined || ownership === 'other-identity') return;
    resultFocus.arm();
    setBusy(true);
    const db = appDatabase();
    const added = await addReceipt(db, payload, verifiedAnswer(payload, checked.claims));
    setBusy(false);
    if (!added.ok) {
      setResult({ tone: 'bad', text: `${t('receipt.rejected')} ${pick(added.reason)}` });
      return;
    }
    setResult({ tone: 'good', text: added.added ? t('receipt.added') : t('receipt.already') });
    void ensurePersisted(db, navigator.storage);
  };

  const inLedger = existing.status === 'ready' && existing.value !== undefined;
  return (
    <>
      <VerdictDetails verdict={outcome.verdict} bundle={outcome.bundle} />
      {figures && (
        <section class="card" aria-labelledby="receipt-title" data-receipt={figures.orderId}>
          <h2 id="receipt-title">
            {t('receipt.valid', { merchant: outcome.bundle.issuers.get(figures.merchant ?? '')?.name ? pick(outcome.bundle.issuers.get(figures.merchant ?? '')!.name) : (figures.merchant ?? '') })}
          </h2>
          <dl class="facts">
            <dt>{t('receipt.order')}</dt>
            <dd>{figures.orderId}</dd>
            <dt>{t('receipt.date')}</dt>
            <dd>{date(figures.orderedAt, true)}</dd>
            <dt>{t('receipt.items')}</dt>
            <dd>
              {figures.items.map((i) => (
                <div>
                  {i.name} × {i.quantity} · {money(i.priceFen)}
                </div>
              ))}
            </dd>
            <dt>{t('receipt.dutiable')}</dt>
            <dd data-fen={figures.dutiableValueFen} data-fact="dutiable">
              {money(figures.dutiableValueFen)}
            </dd>
            <dt>{t('receipt.tax')}</dt>
            <dd data-fen={figures.taxFen} data-fact="tax">
              {money(figures.taxFen)}
            </dd>
            {figures.paidFen !== undefined && <dt>{t('receipt.paid')}</dt>}
            {figures.paidFen !== undefined && (
              <dd data-fen={figures.paidFen} data-fact="paid">
                {money(figures.paidFen)}
              </dd>
            )}
          </dl>
          {ownership === 'other-identity' && !inLedger ? (
            <p class="notice notice-bad" data-receipt-ownership="other-identity">
              {t('receipt.otherIdentity', { theirs: checked.ok ? checked.claims.ordererIdLast4 : '', yours: profile?.idLast4 ?? '' })}
            </p>
          ) : inLedger && !result ? (
            <p class="notice notice-good">{t('receipt.already')}</p>
          ) : ownership === undefined ? null : (
            !result && (
              <>
                {ownership === 'unconfirmed' && (
                  <p class="hint" data-receipt-ownership="unconfirmed">
                    {t('receipt.noOwner')}
                  </p>
                )}
                <button type="button" class="button primary block big" data-action="add-receipt" disabled={busy} onClick={() => void add()}>
                  {t('receipt.add')}
                </button>
              </>
            )
          )}
        </section>
      )}
      {result && (
        <p class={`notice notice-${result.tone}`} ref={resultFocus.ref} tabIndex={-1} data-receipt-result={result.tone}>
          {result.text}
        </p>
      )}
      <a class="button" href="/ledger">
        {t('receipt.openLedger')}
      </a>
    </>
  );
}
