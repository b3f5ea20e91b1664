// The check route, /verify#<payload> (the phone's own camera opens this from the parcel QR, the
// scanner goes here) and /receipts/import#<payload> (a merchant's receipt link): the payload is
// verified once, on the device, from the fragment, and the screen shows the parcel verdict or the
// receipt panel. The address names what is shown, without a second load.
import { useLayoutEffect, useState } from 'preact/hooks';
import type { ParcelClaims } from '../../../shared/credential/claims/index.ts';
import { appDatabase, linkParcel, useLiveQuery } from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { markStep } from '../timing.ts';
import { showPath } from '../router.ts';
import { ReceiptPanel } from './receipt-import.tsx';
import { VerdictBanner, VerdictDetails, verdictBannerProps, type VerdictBannerProps } from '../components/verdict-view.tsx';
import { RouteHeading, useActionFocus } from '../focus.tsx';
import type { ComponentChildren } from 'preact';
import { GoodsCheck } from '../components/goods-check.tsx';
import { beginVerification, payloadFromFragment, verificationFor, type FragmentPayload, type VerifyOutcome } from '../verification.ts';
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
  // The button goes away on a tap: focus moves to what replaces it (the order list, the saved note).
  const saved = useActionFocus<HTMLParagraphElement>();
  const prompt = useActionFocus<HTMLParagraphElement>();
  const link = (target: string) => {
    saved.arm();
    void linkParcel(db, { parcelId: parcel.id, orderId: target, payload, status, scannedAt: new Date().toISOString() }, parcel.releasedAt);
  };
  if (linked.status === 'ready' && linked.value?.orderId) {
    return (
      <p class="notice notice-good" ref={saved.ref} tabIndex={-1} data-linked-order={linked.value.orderId}>
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
        <button type="button" class="button block" data-action="mine" onClick={() => {
            prompt.arm();
            setChoosing(true);
          }}>
          {t('verify.mine')}
        </button>
      ) : (
        <div>
          <p ref={prompt.ref} tabIndex={-1}>
            {manual.length > 0 ? t('verify.mine.pick') : t('verify.mine.none')}
          </p>
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

/** Begins verifying the payload of a /verify fragment the scanner found, before the screen shows. */
export function beginCheck(fragment: string): void {
  const parsed = payloadFromFragment(fragment);
  if (parsed.ok) beginVerification(parsed.payload);
}

export function VerifyRoute({ fragment }: { fragment: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [state, setState] = useState<State>({ name: 'checking' });
  const [waybill, setWaybill] = useState('');
  const [labelWaybill, setLabelWaybill] = useState<string | undefined>(undefined);

  // A layout effect: the check is asked for as soon as the screen is rendered, not after the next
  // paint (a scanned code's check is already running; its answer should not wait for a frame).
  useLayoutEffect(() => {
    let live = true;
    setState({ name: 'checking' });
    const parsed = payloadFromFragment(fragment);
    if (!parsed.ok) {
      setState({ name: 'scan-error', parsed });
      markStep('verdict');
      return;
    }
    void (async () => {
      const outcome = await verificationFor(parsed.payload, labelWaybill ? { labelWaybill } : {});
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

  // One section, one heading and one banner whatever the state: the banner is the screen's live
  // region, so "checking…" → verdict is a change of the same element, which screen readers announce.
  let heading = t('verify.title');
  let banner: VerdictBannerProps;
  let body: ComponentChildren = null;
  if (state.name === 'checking') {
    banner = { status: 'checking', sentence: t('verify.checking') };
  } else if (state.name === 'scan-error') {
    const { error, text } = state.parsed;
    const key = scanErrorKey(error.code);
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
    heading = t('error.title');
    banner = { status: 'error', sentence: t(key, { scheme: scheme ? `${scheme}:` : '' }), sub: pick(error.message), code: error.code };
    body = (
      <>
        {key === 'error.notCrossCheck' && text && <pre class="code">{text}</pre>}
        <div class="fallbacks">
          <a class="button primary" href="/scan">
            {t('verify.scanAnother')}
          </a>
          <a class="button ghost" href="/">
            {t('error.home')}
          </a>
        </div>
      </>
    );
  } else if (state.name === 'no-trust') {
    banner = {
      status: 'error',
      sentence: state.noRoots ? t('trust.none') : t('error.noTrust'),
      code: state.noRoots ? 'trust.no-roots' : 'trust.missing',
    };
  } else {
    const { verdict, payload } = state.outcome;
    banner = verdictBannerProps(verdict, i18n);
    if (verdict.type === 'receipt' && verdict.signature === 'valid') {
      heading = t('receipt.title');
      body = <ReceiptPanel payload={payload} outcome={state.outcome} />;
    } else {
      body = <ParcelBody state={state} waybill={waybill} setWaybill={setWaybill} setLabelWaybill={setLabelWaybill} />;
    }
  }
  return (
    <section data-error-screen={state.name === 'scan-error' ? state.parsed.error.code : undefined}>
      <RouteHeading text={heading} />
      <VerdictBanner key="verdict" {...banner} />
      {body}
    </section>
  );
}

/** Under a parcel's banner: the host warning, the evidence, "this is my parcel", the goods check. */
function ParcelBody({
  state,
  waybill,
  setWaybill,
  setLabelWaybill,
}: {
  state: Extract<State, { name: 'done' }>;
  waybill: string;
  setWaybill: (text: string) => void;
  setLabelWaybill: (text: string | undefined) => void;
}) {
  const { t } = useI18n();
  const { verdict, bundle, payload } = state.outcome;
  const parcel = verdict.claims?.type === 'parcel' && verdict.signature === 'valid' ? verdict.claims : undefined;
  return (
    <>
      {state.via && state.via.kind !== 'own' && (
        <p class="notice notice-bad" role="alert" data-scan-host={state.via.host} data-scan-host-kind={state.via.kind} data-scan-host-why={state.via.kind === 'lookalike' ? state.via.why.join(' ') : undefined}>
          {t(state.via.kind === 'lookalike' ? 'verify.via.lookalike' : 'verify.via.foreign', {
            host: state.via.unicode === state.via.host ? state.via.host : `${state.via.host} (${state.via.unicode})`,
          })}
        </p>
      )}
      <VerdictDetails verdict={verdict} bundle={bundle} />
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
    </>
  );
}
