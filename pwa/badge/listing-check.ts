// The badge's verifier, loaded by badge.ts only when a badge is on the page and kept in its own
// chunk (it is most of the download). It is the same code the PWA, the extension and the CLI run —
// shared/trust opens the bundle against the pinned roots, shared/verdict judges the listing
// (signature, issuer, brand authorization, revocation, expiry, origin) — so the badge can never
// disagree with them. Only the mapping from a verdict to one of the badge's few states lives here.
import { pinnedRoots, minimumSerial } from 'virtual:crosscheck-badge-roots';
import { openTrustBundle, type RootKey, type TrustBundle } from '../../shared/trust/index.ts';
import { verifyListing, type Verdict } from '../../shared/verdict/index.ts';
import type { BadgeState } from './strings.ts';
import type { Locale } from '../../shared/text/localized.ts';

export type TrustOutcome = { ok: true; bundle: TrustBundle } | { ok: false; code: string };

/**
 * The trust bundle, opened against the pinned roots. Its serial may not be lower than the serial of
 * the bundle badge.js was built with (the app rebuilds badge.js with each bundle it publishes), so
 * an older bundle — one from before a key was revoked, replayed by a stale cache or a proxy — is
 * refused (`bundle.rollback`). The badge keeps nothing on the merchant's origin, so this build-time
 * floor is its memory (FORMAT.md §8 says what remains).
 */
export async function openTrust(bundleText: string): Promise<TrustOutcome> {
  // openTrustBundle runs every check loadTrustBundle runs but builds no tax rules: a listing needs
  // none, and leaving shared/policy out of this chunk saves ~10 kB gzip.
  const loaded = await openTrustBundle(bundleText, pinnedRoots as readonly RootKey[], { previousSerial: minimumSerial });
  return loaded.ok ? { ok: true, bundle: loaded.value } : { ok: false, code: loaded.error.code };
}

export interface ListingResult {
  state: Exclude<BadgeState, 'checking' | 'unavailable'>;
  status: Verdict['status'];
  /** The seller's name from the trust data (verified badges show it). */
  seller?: string;
  /** The product the listing credential names (verified badges show it). */
  product?: string;
  /** The most serious finding, as one sentence in the page's language. */
  sentence?: string;
}

/**
 * The badge state for a verdict. Revoked and expired are named as such; a signed listing shown on
 * an origin it does not name is "not valid on this site" (the copied-badge case); everything else
 * that is not genuine — a bad signature, an unknown key, a seller the brand never authorized — is
 * "not a valid listing". A clock turned back is not the merchant's fault and says so.
 */
export function badgeStateFor(verdict: Verdict): ListingResult['state'] {
  switch (verdict.status) {
    case 'genuine':
      return 'verified';
    case 'revoked':
    case 'expired':
      return verdict.status;
    case 'check-clock':
    case 'check-trust-data':
      return 'clock';
    default:
      return verdict.signature === 'valid' && verdict.origin?.state === 'mismatch' ? 'wrong-site' : 'invalid';
  }
}

export async function checkListing(bundle: TrustBundle, payload: string, origin: string, locale: Locale): Promise<ListingResult> {
  const verdict = await verifyListing(payload, { bundle, now: new Date(), origin });
  const state = badgeStateFor(verdict);
  const worst = verdict.reasons.find((r) => r.severity === 'error') ?? verdict.reasons.find((r) => r.severity === 'warning');
  const listing = verdict.claims?.type === 'listing' ? verdict.claims : undefined;
  const seller = listing ? (bundle.issuers.get(listing.seller)?.name[locale] ?? listing.seller) : undefined;
  return {
    state,
    status: verdict.status,
    ...(seller !== undefined && { seller }),
    ...(listing && { product: listing.product.name }),
    ...(worst && { sentence: worst.message[locale] }),
  };
}
