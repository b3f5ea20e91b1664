// /receipts/import#<payload>: the merchant's "Add to my CrossCheck ledger" button opens this.
// The receipt is verified here first and shown; it enters the ledger only when the consumer says
// so — never silently — and only if it verifies again at that moment (pwa/db addReceipt).
import { useEffect, useState } from 'preact/hooks';
import { ledgerFiguresOf } from '../../../shared/verdict/index.ts';
import type { ReceiptFigures } from '../../../shared/ledger/index.ts';
import { addReceipt, appDatabase, ensurePersisted, useLiveQuery } from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { navigate } from '../router.ts';
import { VerdictView } from '../components/verdict-view.tsx';
import { checkReceipt, payloadFromFragment, verifyHere, type VerifyOutcome } from '../verification.ts';

type State =
  | { name: 'checking' }
  | { name: 'problem'; sentence: string; code: string }
  | { name: 'ready'; payload: string; outcome: Extract<VerifyOutcome, { kind: 'verdict' }>; figures: ReceiptFigures | undefined };

export function ReceiptImportRoute({ fragment }: { fragment: string }) {
  const { t, money, date, pick } = useI18n();
  const [state, setState] = useState<State>({ name: 'checking' });
  const [result, setResult] = useState<{ tone: 'good' | 'bad'; text: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setResult(undefined);
    const parsed = payloadFromFragment(fragment);
    if (!parsed.ok) {
      setState({ name: 'problem', sentence: pick(parsed.error.message), code: parsed.error.code });
      return;
    }
    void verifyHere(parsed.payload).then((outcome) => {
      if (!live) return;
      if (outcome.kind === 'no-trust') {
        setState({ name: 'problem', sentence: t('error.noTrust'), code: 'trust.missing' });
        return;
      }
      const v = outcome.verdict;
      if (v.type === 'parcel' && v.signature === 'valid') {
        navigate(`/verify#${fragment}`, { replace: true });
        return;
      }
      const figures = v.status === 'genuine' && v.claims?.type === 'receipt' ? ledgerFiguresOf(v.claims) : undefined;
      setState({ name: 'ready', payload: parsed.payload, outcome, figures });
    });
    return () => {
      live = false;
    };
  }, [fragment]);

  const orderId = state.name === 'ready' ? state.figures?.orderId : undefined;
  const existing = useLiveQuery(() => (orderId ? appDatabase().orders.get(orderId) : undefined), [orderId]);

  const add = async () => {
    if (state.name !== 'ready') return;
    setBusy(true);
    const db = appDatabase();
    const added = await addReceipt(db, state.payload, checkReceipt);
    setBusy(false);
    if (!added.ok) {
      setResult({ tone: 'bad', text: `${t('receipt.rejected')} ${pick(added.reason)}` });
      return;
    }
    setResult({ tone: 'good', text: added.added ? t('receipt.added') : t('receipt.already') });
    void ensurePersisted(db, navigator.storage);
  };

  if (state.name === 'checking') {
    return (
      <section>
        <h1>{t('receipt.title')}</h1>
        <p class="loading" role="status" aria-live="polite">
          {t('receipt.checking')}
        </p>
      </section>
    );
  }
  if (state.name === 'problem') {
    return (
      <section data-error-screen={state.code}>
        <h1>{t('receipt.title')}</h1>
        <div class="verdict tone-bad" data-verdict="error" data-reason={state.code} role="status" aria-live="polite">
          <p class="sentence">{state.sentence}</p>
        </div>
        <a class="button" href="/ledger">
          {t('receipt.openLedger')}
        </a>
      </section>
    );
  }
  const { figures, outcome } = state;
  const inLedger = existing.status === 'ready' && existing.value !== undefined;
  return (
    <section>
      <h1>{t('receipt.title')}</h1>
      <VerdictView verdict={outcome.verdict} bundle={outcome.bundle} />
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
          {inLedger && !result ? (
            <p class="notice notice-good">{t('receipt.already')}</p>
          ) : (
            !result && (
              <button type="button" class="button primary block big" data-action="add-receipt" disabled={busy} onClick={() => void add()}>
                {t('receipt.add')}
              </button>
            )
          )}
        </section>
      )}
      {result && (
        <p class={`notice notice-${result.tone}`} role="status" data-receipt-result={result.tone}>
          {result.text}
        </p>
      )}
      <a class="button" href="/ledger">
        {t('receipt.openLedger')}
      </a>
    </section>
  );
}
