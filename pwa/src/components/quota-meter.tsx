import { useI18n } from '../i18n.ts';
import type { YearSummary } from '../quota-view.ts';

export function QuotaMeter({ summary }: { summary: YearSummary }) {
  const { t, money } = useI18n();
  const used = summary.usage.usedFen;
  const share = summary.annualLimitFen > 0 ? Math.min(100, (used / summary.annualLimitFen) * 100) : 100;
  return (
    <div>
      <div class="figures">
        <p class="figure">
          <span class="value" data-quota-used={used}>
            {money(used)}
          </span>
          <span class="label">{t('ledger.used')}</span>
        </p>
        <p class="figure">
          <span class="value" data-quota-remaining={summary.remainingFen}>
            {money(summary.remainingFen)}
          </span>
          <span class="label">{t('ledger.remaining')}</span>
        </p>
      </div>
      <div
        class={`meter${used > summary.annualLimitFen ? ' over' : ''}`}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={summary.annualLimitFen}
        aria-valuenow={used}
        aria-label={t('ledger.used')}
      >
        <span style={{ width: `${share}%` }} />
      </div>
      <p class="hint">{t('ledger.limit', { limit: money(summary.annualLimitFen), single: money(summary.perOrderLimitFen) })}</p>
    </div>
  );
}
