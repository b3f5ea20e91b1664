// The result screen: the verdict at a glance (colour, icon, one sentence — never colour alone),
// then the evidence: product, importer, the custody chain as a timeline, declared value beside
// what the receipt says was paid, what was checked, and the age of the trust data.
import { CUSTODY_STEPS, custodyActor, type ParcelClaims } from '../../../shared/credential/claims/index.ts';
import type { TrustBundle } from '../../../shared/trust/bundle.ts';
import { mainReason, STATUS_MESSAGES, toneOf as coreToneOf, type Reason, type Tone as CoreTone, type Verdict, type VerdictStatus } from '../../../shared/verdict/index.ts';
import type { Localized } from '../../../shared/text/localized.ts';
import { useI18n } from '../i18n.ts';
import type { MessageKey } from '../messages.ts';
import { trustAgeText } from './trust-status.tsx';
import { FilingFacts, FilingMark } from './filing.tsx';
import { partyFiling } from '../../../shared/verdict/filing.ts';

export type Tone = 'good' | 'neutral' | 'warn' | 'bad';

const SCREEN_TONES: Record<CoreTone, Tone> = { green: 'good', neutral: 'neutral', warning: 'warn', bad: 'bad' };

/**
 * The screen tone of a status: the core's one tone table (shared/verdict/tone.ts), so only
 * genuine-yours is ever green; a genuine parcel not linked to the consumer is neutral.
 */
export function toneOf(status: VerdictStatus | 'error'): Tone {
  return status === 'error' ? 'bad' : SCREEN_TONES[coreToneOf(status)];
}

const ICONS: Record<Tone, string> = {
  good: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM7.5 12.5l3 3 6-6.5',
  neutral: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM12 11v6M12 7h.01',
  warn: 'M12 3 2 21h20L12 3zM12 10v5M12 18h.01',
  bad: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8.5 8.5l7 7M15.5 8.5l-7 7',
};

export function VerdictIcon({ tone }: { tone: Tone }) {
  return (
    <span class="icon" aria-hidden="true">
      <svg viewBox="0 0 24 24">
        <path d={ICONS[tone]} />
      </svg>
    </span>
  );
}

/**
 * The check screen's live region: the one element that says "checking…" and then the verdict, so
 * the change is announced. It must stay the same element from the first paint to the verdict —
 * routes/verify.tsx renders it once, keyed, above whatever the state shows.
 */
export function VerdictBanner(props: { status: VerdictStatus | 'error' | 'checking'; sentence: string; sub?: string | undefined; code?: string | undefined }) {
  const tone = props.status === 'checking' ? undefined : toneOf(props.status);
  return (
    <div
      class={`verdict${tone ? ` tone-${tone}` : ''}`}
      data-verdict={props.status}
      data-reason={props.code}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-busy={props.status === 'checking'}
    >
      {tone && <VerdictIcon tone={tone} />}
      <div>
        <p class="sentence">{props.sentence}</p>
        {props.sub && <p class="sub">{props.sub}</p>}
      </div>
    </div>
  );
}

/** A check's mark: the symbol shown and its name in words (check.*), which screen readers speak. */
function mark(state: string): { symbol: string; kind: 'ok' | 'warn' | 'bad' | 'none'; label: MessageKey } {
  if (['valid', 'trusted', 'authorized', 'yours', 'fresh', 'match'].includes(state)) return { symbol: '✓', kind: 'ok', label: 'check.ok' };
  if (['not-checked', 'not-applicable', 'not-participating', 'no-receipt'].includes(state)) return { symbol: '–', kind: 'none', label: 'check.none' };
  if (['stale', 'expired', 'not-yet-valid'].includes(state)) return { symbol: '!', kind: 'warn', label: 'check.warn' };
  return { symbol: '✗', kind: 'bad', label: 'check.bad' };
}

function reasonFor(verdict: Verdict, prefixes: string[]): Reason | undefined {
  const rs = verdict.reasons.filter((r) => prefixes.some((p) => r.code.startsWith(p)));
  return rs.find((r) => r.severity === 'error') ?? rs.find((r) => r.severity === 'warning') ?? rs[0];
}

function Checks({ verdict }: { verdict: Verdict }) {
  const { t, pick } = useI18n();
  const rows: Array<[MessageKey, string, string[]]> = [
    ['part.signature', verdict.signature, ['signature.', 'credential.']],
    ['part.issuer', verdict.issuer.state, ['issuer.', 'key.']],
  ];
  if (verdict.type === 'parcel' || verdict.type === 'listing') rows.push(['part.authorization', verdict.brand.state, ['brand.']]);
  if (verdict.type === 'parcel') rows.push(['part.binding', verdict.binding.state, ['binding.', 'label.']]);
  rows.push(['part.freshness', verdict.freshness.clock === 'turned-back' ? 'turned-back' : verdict.freshness.state, ['bundle.', 'clock.']]);
  return (
    <ul class="checks" data-checks="">
      {rows.map(([label, state, prefixes]) => {
        const m = mark(state);
        const r = reasonFor(verdict, prefixes);
        return (
          <li data-check={label.slice(5)} data-state={state}>
            <span class="mark" role="img" aria-label={t(m.label)} data-mark={m.kind}>
              {m.symbol}
            </span>
            <span>
              <strong>{t(label)}</strong>
              {r && <span class="muted"> — {pick(r.message)}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function partyName(bundle: TrustBundle, id: string | undefined, pick: (x: Localized) => string): string | undefined {
  if (!id) return undefined;
  const issuer = bundle.issuers.get(id);
  return issuer ? pick(issuer.name) : id;
}

function Custody({ parcel, verdict, bundle }: { parcel: ParcelClaims; verdict: Verdict; bundle: TrustBundle }) {
  const { t, date, pick } = useI18n();
  return (
    <ol class="timeline" data-custody="">
      {CUSTODY_STEPS.map((step) => {
        const hop = parcel.custody.find((h) => h.step === step);
        // custodyActor fills in the actor a step implies (the importer declares) when the hop omits it.
        let who = partyName(bundle, hop ? custodyActor(parcel, hop) : undefined, pick);
        let when = hop?.at;
        if (step === 'brand-authorization' && !hop && verdict.brand.state === 'authorized') {
          who = verdict.brand.brands?.map((b) => partyName(bundle, b, pick)).join(', ');
        }
        if (step === 'declaration' && !when) when = parcel.releasedAt;
        if (step === 'bonded-warehouse' && !who) who = partyName(bundle, parcel.warehouse, pick);
        // Filing shown positively: the importer's for the filing step (from the trust data when the
        // parcel states no hop for it), the warehouse's and the carrier's where the bundle lists one.
        const filingParty = step === 'customs-filing' ? (hop ? custodyActor(parcel, hop) : parcel.importer) : step === 'bonded-warehouse' ? (hop ? custodyActor(parcel, hop) : parcel.warehouse) : step === 'logistics' && hop ? custodyActor(parcel, hop) : undefined;
        const filing = filingParty ? partyFiling(bundle, filingParty, step === 'customs-filing' ? 'importer' : step === 'bonded-warehouse' ? 'warehouse' : 'logistics') : undefined;
        if (step === 'customs-filing' && !who && filing?.status === 'filed') who = partyName(bundle, filingParty, pick);
        const stated = !!hop || (step === 'brand-authorization' && verdict.brand.state === 'authorized') || (step === 'customs-filing' && filing?.status === 'filed');
        return (
          <li class={stated ? '' : 'missing'} data-step={step} data-stated={stated ? 'yes' : 'no'}>
            <strong>{t(`hop.${step}` as MessageKey)}</strong>
            {who && <span> · {who}</span>}
            {filing && (filing.status !== 'not-stated' || step === 'customs-filing') && <FilingMark filing={filing} />}
            {when && <span class="when">{date(when, true)}</span>}
          </li>
        );
      })}
    </ol>
  );
}

export interface VerdictViewProps {
  verdict: Verdict;
  bundle: TrustBundle;
}

export type VerdictBannerProps = Parameters<typeof VerdictBanner>[0];

/** What the banner says for a verdict: the status sentence, and the main reason under it. */
export function verdictBannerProps(verdict: Verdict, { t, pick }: Pick<ReturnType<typeof useI18n>, 't' | 'pick'>): VerdictBannerProps {
  const main = mainReason(verdict);
  return {
    status: verdict.status,
    sentence: pick(STATUS_MESSAGES[verdict.status]),
    sub:
      main && (toneOf(verdict.status) !== 'good' || main.severity === 'warning')
        ? pick(main.message)
        : verdict.status.startsWith('genuine')
          ? t('verify.offline')
          : undefined,
    code: main?.code,
  };
}

/** The banner and the evidence under it (the check route shows the banner apart: routes/verify.tsx). */
export function VerdictView({ verdict, bundle }: VerdictViewProps) {
  const i18n = useI18n();
  return (
    <>
      <VerdictBanner {...verdictBannerProps(verdict, i18n)} />
      <VerdictDetails verdict={verdict} bundle={bundle} />
    </>
  );
}

/** Everything under the banner: the hint to link the parcel, warnings, evidence, custody, checks. */
export function VerdictDetails({ verdict, bundle }: VerdictViewProps) {
  const i18n = useI18n();
  const { t, money, date, pick } = i18n;
  // What the consumer's receipt says was paid for this parcel's goods (on the verdict when yours).
  const paidFen = verdict.binding.paidFen;
  const claims = verdict.claims;
  const parcel = claims?.type === 'parcel' && verdict.signature === 'valid' ? claims : undefined;
  return (
    <div data-verdict-view="">
      {verdict.status === 'genuine-unbound' && (
        <p class="notice" data-link-hint={verdict.reasons.some((r) => r.code === 'binding.owner-unconfirmed') ? 'profile' : 'receipt'}>
          {verdict.reasons.some((r) => r.code === 'binding.owner-unconfirmed') ? (
            <>
              {t('verify.link.profile')}{' '}
              <a href="/settings" data-action="setup-owner">
                {t('verify.link.settings')}
              </a>
            </>
          ) : (
            t('verify.link.receipt')
          )}
        </p>
      )}
      {verdict.warnings.length > 0 && (
        <section class="card notice-warn" aria-labelledby="warnings-title" data-warnings="">
          <h2 id="warnings-title">{t('verify.warnings')}</h2>
          <ul>
            {verdict.warnings.map((w) => (
              <li data-warning={w.code}>{pick(w.message)}</li>
            ))}
          </ul>
        </section>
      )}
      {parcel && (
        <section class="card" aria-labelledby="evidence-title">
          <h2 id="evidence-title">{t('verify.evidence')}</h2>
          <dl class="facts">
            <dt>{t('verify.product')}</dt>
            <dd data-fact="product">
              {parcel.goods.map((g) => (
                <div>
                  {g.name ?? g.gtin} × {g.quantity}
                  <span class="muted">
                    {' '}
                    · {t('verify.gtin', { gtin: g.gtin })}
                    {g.batch ? ` · ${g.batch}` : ''}
                    {g.expiry ? ` · ${g.expiry}` : ''}
                  </span>
                </div>
              ))}
            </dd>
            <dt>{t('verify.importer')}</dt>
            <dd data-fact="importer">{partyName(bundle, parcel.importer, pick)}</dd>
            <dt>{t('verify.filing')}</dt>
            <dd data-fact="filing">
              <FilingFacts parcel={parcel} bundle={bundle} />
            </dd>
            <dt>{t('verify.issuer')}</dt>
            <dd data-fact="issuer">{verdict.issuer.name ? pick(verdict.issuer.name) : verdict.issuer.id}</dd>
            <dt>{t('verify.waybill')}</dt>
            <dd data-fact="waybill">
              {parcel.carrier} {parcel.waybill}
            </dd>
            <dt>{t('verify.declaration')}</dt>
            <dd data-fact="declaration">
              {parcel.declaration} · {parcel.mode} · {date(parcel.releasedAt)}
            </dd>
            <dt>{t('verify.declared')}</dt>
            <dd data-fact="declared" data-fen={parcel.declaredValueFen}>
              {money(parcel.declaredValueFen)}
            </dd>
            <dt>{t('verify.paid')}</dt>
            <dd data-fact="paid" data-fen={paidFen}>
              {paidFen === undefined ? <span class="muted">{t('verify.paidUnknown')}</span> : money(paidFen)}
            </dd>
          </dl>
        </section>
      )}
      {parcel && (
        <section class="card" aria-labelledby="custody-title">
          <h2 id="custody-title">{t('verify.custody')}</h2>
          <Custody parcel={parcel} verdict={verdict} bundle={bundle} />
        </section>
      )}
      <section class="card" aria-labelledby="checks-title">
        <h2 id="checks-title">{t('verify.checks')}</h2>
        <Checks verdict={verdict} />
        <p class="hint" data-trust-age={verdict.freshness.bundleAgeSeconds}>
          {t('verify.trustAge')}: {date(verdict.freshness.bundleIssuedAt, true)} ({trustAgeText(i18n, new Date(verdict.freshness.bundleIssuedAt))})
        </p>
      </section>
    </div>
  );
}
