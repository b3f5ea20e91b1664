// The ledger's parcel check (importing or restoring a ledger file): a parcel record is kept only
// when its signed payload verifies again here — signed by an issuer this trust data knows, not
// revoked, a parcel. Its stored status becomes the verdict of now, not what the file says.
import type { ParcelCheck } from '../ledger/import.ts';
import { reasonTextOf } from './ledger-receipts.ts';
import { refusalOf, verifyCredential, type VerifyContext } from './verify.ts';
import type { VerdictStatus } from './reasons.ts';

/** Statuses that say the signed parcel itself cannot be believed: the record is refused. */
const REFUSED: ReadonlySet<VerdictStatus> = new Set(['invalid', 'unknown-issuer', 'revoked']);

export type ParcelContext = Omit<VerifyContext, 'expectTypes' | 'origin' | 'labelWaybill'>;

export function ledgerParcelCheck(context: () => ParcelContext | undefined | Promise<ParcelContext | undefined>): ParcelCheck {
  return async (payload) => {
    const ctx = await context();
    if (!ctx) {
      return { ok: false, reason: { code: 'trust.missing', en: 'No trust data on this device yet: parcels cannot be verified.', 'zh-CN': '本机尚无信任数据，无法验证包裹。' } };
    }
    const verdict = await verifyCredential(payload, { ...ctx, expectTypes: ['parcel'] });
    if (verdict.signature !== 'valid' || verdict.claims?.type !== 'parcel' || REFUSED.has(verdict.status)) {
      return { ok: false, reason: reasonTextOf(refusalOf(verdict)) };
    }
    return { ok: true, parcelId: verdict.claims.id, status: verdict.status, releasedAt: verdict.claims.releasedAt };
  };
}
