// The check route, /verify#<payload> (the phone's own camera opens this from the parcel QR, the
// scanner goes here) and /receipts/import#<payload> (a merchant's receipt link): the payload is
// verified once, on the device, from the fragment, and the screen shows the parcel verdict or the
// receipt panel. The address names what is shown, without a second load.
import { useEffect, useState } from 'preact/hooks';
import type { ParcelClaims } from '../../../shared/credential/claims/index.ts';
import { appDatabase, linkParcel, useLiveQuery } from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { markStep } from '../timing.ts';
import { showPath } from '../router.ts';
import { ReceiptPanel } from './receipt-import.tsx';
import { VerdictBanner, VerdictView } from '../components/verdict-view.tsx';
import { GoodsCheck } from '../components/goods-check.tsx';
import { payloadFromFragment, verifyHere, type FragmentPayload, type VerifyOutcome } from '../verification.ts';
import { startTrust } from '../trust-store.ts';
import type { MessageKey } from '../messages.ts';
import type { ScannedHost } from '../../../shared/credential/index.ts';
import { scannedHostOf } from '../scan/target.ts';

type State =
  | { name: 'checking' }
  | { name: 'scan-error'; parsed: Extract<FragmentPayload, { ok: false }> }
  | { name: 'no-trust'; noRoots: boolean }
  | { name: 'done'; outcome: Extract<VerifyOutcome, { kind: 'verdict' }>; via?: ScannedHost | undefined };

function scanErrorKey(code: string): MessageKey {
  if (code === 'scan-empty') return 'error.empty';
  if (code === 'scan-too-long') return 'error.tooLarge';
  if (code === 'scan-unsupported-scheme') return 'error.scheme';
  if (code === 'scan-not-credential' || code === 'scan-foreign-origin') return 'error.notCrossCheck';
  return 'error.malformed';
}

function MineButton({ parcel, orderId, payload, status }: { parcel: ParcelClaims; orderId: string | undefined; payload: string; status: string }) {
  const { t } = useI18n();
  const db = appDatabase();
  const linked = useLiveQuery(() => db.parcels.get(parcel.id), [parcel.id]);
  const orders = useLiveQuery(() => db.orders.toArray(), []);
  const [choosing, setChoosing] = useState(false);
  const link = (target: string) =>
    void linkParcel(db, { parcelId: parcel.id, orderId: target, payload, status, scannedAt: new Date().toISOString() }, parcel.releasedAt);
  if (linked.status === 'ready' && linked.value?.orderId) {
    return (
      <p class="notice notice-good" data-linked-order={linked.value.orderId}>
        {t('verify.mine.saved', { order: linked.value.orderId })}
      </p>
    );
  }
  if (orderId) {
    return (
      <button type="button" class="button primary block" data-action="mine" onClick={() => link(orderId)}>
        {t('verify.mine')}
      </button>
    );
  }
  // No receipt opens this parcel's commitment: only orders typed in by hand can be chosen.
  const manual = orders.status === 'ready' ? orders.value.filter((o) => o.source === 'manual') : [];
  return (
    <div class="card">
      {!choosing ? (
        <button type="button" class="button block" data-action="mine" onClick={() => setChoosing(true)}>
          {t('verify.mine')}
        </button>
      ) : (
        <div>
          <p>{manual.length > 0 ? t('verify.mine.pick') : t('verify.mine.none')}</p>
          {manual.map((o) => (
            <button type="button" class="button block" onClick={() => link(o.orderId)}>
              {o.merchant ?? o.orderId} · {o.orderId}
            </button>
          ))}
          {manual.length > 0 && <p class="hint">{t('verify.mine.none')}</p>}
        </div>
      )}
    </div>
  );
}

/** Loads the trust bundle ahead of time (the scan route calls this while the camera runs). */
export function warmUp(): void {
  void startTrust();
}

export function VerifyRoute({ fragment }: { fragment: string }) {
  const { t, pick } = useI18n();
  const [state, setState] = useState<State>({ name: 'checking' });
  const [waybill, setWaybill] = useState('');
  const [labelWaybill, setLabelWaybill] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setState({ name: 'checking' });
    const parsed = payloadFromFragment(fragment);
    if (!parsed.ok) {
      setState({ name: 'scan-error', parsed });
      markStep('verdict');
      return;
    }
    void (async () => {
      const outcome = await verifyHere(parsed.payload, labelWaybill ? { labelWaybill } : {});
      if (!live) return;
      if (outcome.kind === 'no-trust') {
        setState({ name: 'no-trust', noRoots: outcome.trust.status === 'no-roots' });
        return;
      }
      // A receipt shows its panel here; anything else (a parcel, an unreadable code) its verdict.
      showPath(outcome.verdict.type === 'receipt' && outcome.verdict.signature === 'valid' ? '/receipts/import' : '/verify');
      markStep('verdict');
      // A URL on a host that is not ours: verified here all the same, and the host named.
      const via = scannedHostOf(parsed.text);
      setState({ name: 'done', outcome, via: via && via.kind !== 'own' ? via : undefined });
    })();
    return () => {
      live = false;
    };
  }, [fragment, labelWaybill]);

  if (state.name === 'checking') {
    return (
      <section>
        <h1>{t('verify.title')}</h1>
        <VerdictBanner status="checking" sentence={t('verify.checking')} />
      </section>
    );
  }
  if (state.name === 'scan-error') {
    const { error, text } = state.parsed;
    const key = scanErrorKey(error.code);
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
    return (
      <section data-error-screen={error.code}>
        <h1>{t('error.title')}</h1>
        <VerdictBanner status="error" sentence={t(key, { scheme: scheme ? `${scheme}:` : '' })} sub={pick(error.message)} code={error.code} />
        {key === 'error.notCrossCheck' && text && <pre class="code">{text}</pre>}
        <div class="fallbacks">
          <a class="button primary" href="/scan">
            {t('verify.scanAnother')}
          </a>
          <a class="button ghost" href="/">
            {t('error.home')}
          </a>
        </div>
      </section>
    );
  }
  if (state.name === 'no-trust') {
    return (
      <section>
        <h1>{t('verify.title')}</h1>
        <VerdictBanner
          status="error"
          sentence={state.noRoots ? t('trust.none') : t('error.noTrust')}
          code={state.noRoots ? 'trust.no-roots' : 'trust.missing'}
        />
      </section>
    );
  }
  const { verdict, bundle, payload } = state.outcome;
  if (verdict.type === 'receipt' && verdict.signature === 'valid') return <ReceiptPanel payload={payload} outcome={state.outcome} />;
  const parcel = verdict.claims?.type === 'parcel' && verdict.signature === 'valid' ? verdict.claims : undefined;
  return (
    <section>
      <h1>{t('verify.title')}</h1>
      {state.via && state.via.kind !== 'own' && (
        <p class="notice notice-bad" role="alert" data-scan-host={state.via.host} data-scan-host-kind={state.via.kind} data-scan-host-why={state.via.kind === 'lookalike' ? state.via.why.join(' ') : undefined}>
          {t(state.via.kind === 'lookalike' ? 'verify.via.lookalike' : 'verify.via.foreign', {
            host: state.via.unicode === state.via.host ? state.via.host : `${state.via.host} (${state.via.unicode})`,
          })}
        </p>
      )}
      <VerdictView verdict={verdict} bundle={bundle} />
      {parcel && verdict.status.startsWith('genuine') && (
        <MineButton parcel={parcel} orderId={verdict.binding.orderId} payload={payload} status={verdict.status} />
      )}
      {parcel && <GoodsCheck parcel={parcel} />}
      {parcel && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            setLabelWaybill(waybill.trim() || undefined);
          }}
        >
          <label for="label-waybill">{t('verify.labelWaybill')}</label>
          <p class="hint">{t('verify.labelHint')}</p>
          <div class="row">
            <input id="label-waybill" style={{ flex: '1 1 12rem', width: 'auto' }} autocomplete="off" value={waybill} onInput={(e) => setWaybill((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit" class="button">
              {t('verify.labelCompare')}
            </button>
          </div>
        </form>
      )}
      <div class="fallbacks">
        <a class="button" href="/scan">
          {t('verify.scanAnother')}
        </a>
      </div>
    </section>
  );
}
