// The toolbar popup: this year's quota, a quick tax calculator, the trust data's age and the
// per-site switch. Everything comes from the background (validated answers); the one chrome.*
// call made from here is the permission prompt, which Chrome only shows inside a user gesture.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatFen, parseYuan } from '../../shared/money/index.ts';
import {
  CalculationAnswer,
  SiteAccessAnswer,
  StatusAnswer,
  ActionAnswer,
  type Locale,
} from '../messages.ts';
import { activeTabUrl, requestOrigin } from '../platform/site-access.ts';
import { openOptionsPage } from '../platform/runtime.ts';
import { openSidePanel } from '../platform/tabs.ts';
import { ask } from '../ui/ask.ts';
import { uiText } from '../ui/catalogue.ts';

function Quota({ status }: { status: StatusAnswer }) {
  const t = uiText(status.locale);
  const f = (fen: number) => formatFen(fen, status.locale);
  return (
    <section aria-labelledby="quota-title" data-testid="quota">
      <h2 id="quota-title">{t.quotaTitle} ({status.year})</h2>
      <meter min={0} max={status.annualLimitFen} value={status.usedFen} aria-label={t.used} />
      <dl>
        <dt>{t.used}</dt>
        <dd class="figure" data-testid="used-fen" data-fen={status.usedFen}>{f(status.usedFen)}</dd>
        <dt>{t.remaining}</dt>
        <dd class="figure" data-testid="remaining-fen" data-fen={status.remainingFen}>{f(status.remainingFen)}</dd>
      </dl>
      <p class="muted">{t.ofLimit(f(status.annualLimitFen))} · {t.orders(status.orderCount)}</p>
      {status.officialUsedFen !== null && (
        <p class="muted">{t.official}: {f(status.officialUsedFen)}</p>
      )}
      {status.unexplainedFen !== null && status.unexplainedFen > 0 && (
        <p class="warn" role="alert">{t.unexplained(f(status.unexplainedFen))}</p>
      )}
    </section>
  );
}

function Calculator({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [freight, setFreight] = useState('0');
  const [title, setTitle] = useState('');
  const [answer, setAnswer] = useState<CalculationAnswer | null>(null);
  const [error, setError] = useState('');
  const calculate = async (event: Event) => {
    event.preventDefault();
    let priceFen: number;
    let freightFen: number;
    try {
      priceFen = parseYuan(price.trim());
      freightFen = parseYuan((freight.trim() || '0'));
    } catch {
      setError(uiText(locale).priceExample);
      return;
    }
    const q = Number.parseInt(quantity, 10);
    const result = await ask(
      { type: 'ui-bg-calculate', priceFen, quantity: Number.isSafeInteger(q) && q >= 1 && q <= 999 ? q : 1, freightFen, title: title.slice(0, 300) },
      CalculationAnswer,
    );
    if (result.ok) {
      setAnswer(result.value);
      setError('');
    } else setError(result.message);
  };
  return (
    <section aria-labelledby="calc-title">
      <h2 id="calc-title">{t.calculatorTitle}</h2>
      <form onSubmit={calculate}>
        <label>{t.product}<input value={title} onInput={(e) => setTitle(e.currentTarget.value)} maxLength={300} /></label>
        <label>{t.price}<input inputMode="decimal" value={price} onInput={(e) => setPrice(e.currentTarget.value)} required /></label>
        <label>{t.quantity}<input type="number" min={1} max={999} value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} /></label>
        <label>{t.freight}<input inputMode="decimal" value={freight} onInput={(e) => setFreight(e.currentTarget.value)} /></label>
        <button type="submit">{t.calculate}</button>
      </form>
      {/* The calculator's one live region, in the popup from the start: the headline or the problem
          replaces its text, so each answer is announced (a region inserted with its text is not). */}
      <p role="status" aria-live="polite" aria-atomic="true" class={error ? 'warn' : 'figure'} data-testid="calc-status">
        {error || answer?.headline || ''}
      </p>
      {answer && !error && (
        <div data-testid="calc-result" data-tax-fen={answer.taxFen ?? ''} data-admission={answer.admission}>
          <dl>{answer.rows.map((r) => [<dt>{r.label}</dt>, <dd>{r.value}</dd>])}</dl>
          {answer.breakdown.length > 0 && (
            <details>
              <summary>{t.breakdown}</summary>
              <dl>{answer.breakdown.map((r) => [<dt>{r.label}</dt>, <dd>{r.value}</dd>])}</dl>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function SiteSwitch({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  const [access, setAccess] = useState<SiteAccessAnswer | null>(null);
  const [message, setMessage] = useState('');
  const load = async () => {
    const url = (await activeTabUrl()) ?? '';
    const result = await ask({ type: 'ui-bg-get-site-access', url: url.slice(0, 2048) }, SiteAccessAnswer);
    if (result.ok) setAccess(result.value);
  };
  useEffect(() => void load(), []);
  if (!access) return null;
  const toggle = async (enabled: boolean) => {
    if (!access.origin) return;
    // The prompt must come from this click (a user gesture), so the popup asks Chrome itself.
    if (enabled && !(await requestOrigin(access.origin))) return;
    const result = await ask({ type: 'ui-bg-set-site-access', origin: access.origin, enabled }, ActionAnswer);
    setMessage(result.ok ? result.value.message : result.message);
    await load();
  };
  const text = {
    'built-in': t.siteBuiltIn,
    granted: t.siteGranted,
    'not-granted': t.siteNotGranted,
    unsupported: t.siteUnsupported,
  }[access.kind];
  return (
    <section aria-labelledby="site-title" data-testid="site" data-kind={access.kind}>
      <h2 id="site-title">{t.siteTitle}{access.origin ? `: ${new URL(access.origin).host}` : ''}</h2>
      <p>{text}</p>
      {(access.kind === 'granted' || access.kind === 'not-granted') && (
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={access.kind === 'granted'}
            onChange={(e) => void toggle(e.currentTarget.checked)}
            style="width:auto"
          />{' '}
          {t.siteEnable}
        </label>
      )}
      {message && <p class="muted">{message}</p>}
    </section>
  );
}

function Popup() {
  const [status, setStatus] = useState<StatusAnswer | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void ask({ type: 'ui-bg-get-status' }, StatusAnswer).then((r) => (r.ok ? setStatus(r.value) : setError(r.message)));
  }, []);
  if (error) return <main><p class="warn" role="alert">{error}</p></main>;
  if (!status) return <main aria-busy="true" />;
  const t = uiText(status.locale);
  document.documentElement.lang = status.locale;
  return (
    <main>
      <h1>CrossCheck</h1>
      <Quota status={status} />
      <Calculator locale={status.locale} />
      <section aria-labelledby="trust-title" data-testid="trust" data-source={status.trust.source}>
        <h2 id="trust-title">{t.trustTitle}</h2>
        <p class={status.trust.stale ? 'warn' : ''}>{status.trust.source === 'none' ? t.trustNone : status.trust.ageText}</p>
      </section>
      <SiteSwitch locale={status.locale} />
      <p class="muted">{t.estimate}</p>
      <p><a href="#" data-testid="open-side-panel" onClick={(e) => { e.preventDefault(); void openSidePanel().then((opened) => opened && window.close()); }}>{t.openSidePanel}</a></p>
      <p><a href="#" onClick={(e) => { e.preventDefault(); void openOptionsPage(); }}>{t.options}</a></p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
