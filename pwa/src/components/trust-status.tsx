// The age of the trust data, everywhere a verdict depends on it.
import { useEffect, useState } from 'preact/hooks';
import { useI18n, type I18n } from '../i18n.ts';
import { ageParts, isStale, subscribeTrust, trustState, type TrustState } from '../trust-store.ts';

export function useTrust(): TrustState {
  const [state, setState] = useState<TrustState>(trustState);
  useEffect(() => subscribeTrust(setState), []);
  return state;
}

export function trustAgeText(i18n: I18n, issuedAt: Date): string {
  const age = ageParts(issuedAt);
  if (age.unit === 'now') return i18n.t('age.now');
  // "1 day ago" / "2 days ago": days take the language's plural form; "min" and "h" have none.
  return age.unit === 'days' ? i18n.tn('age.days', age.n) : i18n.t(`age.${age.unit}`, { n: age.n });
}

export function TrustStatus({ compact = false }: { compact?: boolean }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const state = useTrust();
  if (state.status === 'loading') return null;
  if (state.status === 'no-roots') {
    return (
      <p class="notice notice-warn" data-trust="no-roots">
        {t('trust.none')}
      </p>
    );
  }
  if (state.status === 'missing') {
    return (
      <p class="notice notice-warn" data-trust="missing">
        {t('trust.missing')}
      </p>
    );
  }
  const stale = isStale(state.bundle);
  const age = trustAgeText(i18n, state.bundle.issuedAt);
  return (
    <p class={compact ? 'hint' : `notice${stale ? ' notice-warn' : ''}`} data-trust={stale ? 'stale' : 'ready'}>
      {stale ? t('trust.stale', { age }) : t('trust.age', { date: date(state.bundle.issuedAt, true), age })}
      {state.refreshing && !compact ? ` ${t('trust.refreshing')}` : ''}
    </p>
  );
}
