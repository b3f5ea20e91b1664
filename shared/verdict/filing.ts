// Customs filing (跨境电商企业备案) of every party a parcel names, shown positively: "filed" with its
// reference, not only the failures the verdict's reasons report. The verdict checks the filing of
// the importer and the seller (filing.unfiled / filing.suspended / filing.unknown); the warehouse
// and the carriers of the custody chain may carry a filing in the trust bundle too (FORMAT.md §4.5,
// issuer field `filing`), and it is shown when they do.
import { custodyActor, type ParcelClaims } from '../credential/claims/index.ts';
import type { TrustBundle } from '../trust/bundle.ts';
import type { Localized } from '../text/localized.ts';

export type FilingRole = 'importer' | 'seller' | 'warehouse' | 'logistics';
/** `unknown`: the party is not in the trust data; `not-stated`: it is, without a filing. */
export type FilingStatus = 'filed' | 'unfiled' | 'suspended' | 'unknown' | 'not-stated';

export interface PartyFiling {
  role: FilingRole;
  party: string;
  name?: Localized;
  status: FilingStatus;
  reference?: string;
  /** "Importer Harbour Imports Ltd.: filed, reference 4403960HBR." */
  message: Localized;
}

export const FILING_ROLE_NAMES: Record<FilingRole, Localized> = {
  importer: { en: 'Importer', 'zh-CN': '进口商' },
  seller: { en: 'Seller', 'zh-CN': '电商企业' },
  warehouse: { en: 'Bonded warehouse', 'zh-CN': '保税仓' },
  logistics: { en: 'Carrier', 'zh-CN': '物流企业' },
};

export const FILING_STATUS_NAMES: Record<FilingStatus, Localized> = {
  filed: { en: 'filed', 'zh-CN': '已备案' },
  unfiled: { en: 'not filed', 'zh-CN': '未备案' },
  suspended: { en: 'filing suspended', 'zh-CN': '备案已暂停' },
  unknown: { en: 'not in the trust data, filing cannot be checked', 'zh-CN': '不在信任数据中，无法核实备案' },
  'not-stated': { en: 'no filing listed', 'zh-CN': '未列出备案信息' },
};

function messageOf(f: Omit<PartyFiling, 'message'>): Localized {
  const who = (l: 'en' | 'zh-CN') => `${FILING_ROLE_NAMES[f.role][l]} ${f.name?.[l] ?? f.party}`;
  const status = FILING_STATUS_NAMES[f.status];
  return {
    en: `${who('en')}: ${status.en}${f.reference ? `, reference ${f.reference}` : ''}.`,
    'zh-CN': `${who('zh-CN')}：${status['zh-CN']}${f.reference ? `，备案编号 ${f.reference}` : ''}。`,
  };
}

/** The filing of one party as the bundle states it. */
export function partyFiling(bundle: TrustBundle, party: string, role: FilingRole): PartyFiling {
  const entity = bundle.issuers.get(party);
  const status: FilingStatus = !entity ? 'unknown' : entity.filing ? entity.filing.status : role === 'importer' || role === 'seller' ? 'unknown' : 'not-stated';
  const base: Omit<PartyFiling, 'message'> = {
    role,
    party,
    ...(entity && { name: entity.name }),
    status,
    ...(entity?.filing?.reference !== undefined && { reference: entity.filing.reference }),
  };
  return { ...base, message: messageOf(base) };
}

/** Importer, seller, warehouse and each carrier of the custody chain, once each, in that order. */
export function parcelFilings(parcel: ParcelClaims, bundle: TrustBundle): PartyFiling[] {
  const out: PartyFiling[] = [];
  const seen = new Set<string>();
  const add = (party: string | undefined, role: FilingRole) => {
    if (!party || seen.has(`${role}:${party}`)) return;
    seen.add(`${role}:${party}`);
    out.push(partyFiling(bundle, party, role));
  };
  add(parcel.importer, 'importer');
  add(parcel.seller, 'seller');
  add(parcel.warehouse, 'warehouse');
  for (const hop of parcel.custody) {
    if (hop.step === 'bonded-warehouse') add(custodyActor(parcel, hop), 'warehouse');
    if (hop.step === 'logistics') add(custodyActor(parcel, hop), 'logistics');
  }
  return out;
}
