// Customs filing shown positively on the parcel screen: every party's status and reference
// ("filed · 4403960HBR"), not only the failures the verdict's reasons name (shared/verdict/filing.ts).
import type { ParcelClaims } from '../../../shared/credential/claims/index.ts';
import type { TrustBundle } from '../../../shared/trust/bundle.ts';
import { FILING_ROLE_NAMES, FILING_STATUS_NAMES, parcelFilings, type PartyFiling } from '../../../shared/verdict/filing.ts';
import { useI18n } from '../i18n.ts';

/** " · filed · reference 4403960HBR" after a party in the custody timeline. */
export function FilingMark({ filing }: { filing: PartyFiling }) {
  const { t, pick } = useI18n();
  return (
    <span class={`filing filing-${filing.status}`} data-filing={filing.status} data-filing-reference={filing.reference}>
      {' · '}
      {pick(FILING_STATUS_NAMES[filing.status])}
      {filing.reference && ` · ${t('verify.filing.reference', { reference: filing.reference })}`}
    </span>
  );
}

/** One line per party the parcel names: role, name, status, reference. */
export function FilingFacts({ parcel, bundle }: { parcel: ParcelClaims; bundle: TrustBundle }) {
  const { t, pick } = useI18n();
  return (
    <ul class="plain">
      {parcelFilings(parcel, bundle).map((f) => (
        <li data-filing-role={f.role} data-filing-party={f.party} data-filing-status={f.status} data-filing-reference={f.reference}>
          {pick(FILING_ROLE_NAMES[f.role])} · {f.name ? pick(f.name) : f.party} · {pick(FILING_STATUS_NAMES[f.status])}
          {f.reference && ` · ${t('verify.filing.reference', { reference: f.reference })}`}
        </li>
      ))}
    </ul>
  );
}
