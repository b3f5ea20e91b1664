// This year's quota at a glance (home screen). Live: a receipt added in another tab shows here.
import { appDatabase, useLiveQuery } from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { chinaYear } from '../../../shared/policy/index.ts';
import { yearSummary } from '../quota-view.ts';
import { QuotaMeter } from './quota-meter.tsx';

export function QuotaSummary() {
  const { t } = useI18n();
  const year = chinaYear(Date.now());
  const orders = useLiveQuery(() => appDatabase().orders.toArray(), []);
  if (orders.status !== 'ready') return null;
  const summary = yearSummary(orders.value, year);
  return (
    <section class="card" aria-labelledby="quota-title" data-quota-summary="">
      <h2 id="quota-title">
        {t('home.quota.title')} · {year}
      </h2>
      {orders.value.length === 0 ? <p class="muted">{t('home.quota.empty')}</p> : <QuotaMeter summary={summary} />}
      <a class="link-target" href="/ledger">
        {t('home.quota.open')}
      </a>
    </section>
  );
}
