// Authenticity of a listing page, from what the content script found there:
//   a listing credential that verifies (shared/verdict verifyListing: signature, issuer, brand,
//   origin) AND names this page's product                       → verified
//   a badge whose credential is invalid, copied from another origin, for another product,
//   or a badge element with no credential at all                → not-genuine ("badge not genuine")
//   nothing                                                     → not-verified, said neutrally
// A clock turned back or stale trust data never yields "verified" (shared/verdict 'check-clock').
import { normaliseTitle } from '../../../shared/catalog/index.ts';
import type { TrustBundle } from '../../../shared/trust/index.ts';
import { pageContextOf, verifyListing, type Verdict } from '../../../shared/verdict/index.ts';
import type { AuthenticityStatus, Locale } from '../../messages.ts';
import { backgroundCatalogue, backgroundText, type BackgroundText } from '../catalogue.ts';

export interface PageEvidence {
  origin: string;
  /** The top frame's address as Chrome reported it (for the marketplace item the listing must name). */
  url?: string;
  badgeCount: number;
  listings: string[];
  title: string;
  gtin?: string;
}

/** A sentence in both languages: the page hears it in its own, the toolbar and side panel in the user's. */
export type BothLanguages = Record<Locale, string>;

const both = (say: (t: BackgroundText, locale: Locale) => string): BothLanguages => ({ en: say(backgroundCatalogue.en, 'en'), 'zh-CN': say(backgroundCatalogue['zh-CN'], 'zh-CN') });

export interface Authenticity {
  status: AuthenticityStatus;
  text: BothLanguages;
  /** For `verified`: the product the credential names and who signed it (said in extension UI only). */
  product?: string;
  seller?: BothLanguages;
  /** The verdicts behind it, for tests and logs. */
  verdicts: Verdict[];
}

/** Lower-case word and CJK-character tokens, for a loose "same product" test. */
function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of normaliseTitle(text).toLowerCase().matchAll(/[a-z0-9]+|[\u3400-\u9fff]/g)) out.add(m[0]);
  return out;
}

/**
 * Whether the page's own data contradicts the credential's product: the GTIN when the page shows
 * one, otherwise at least half of the credential's product-name tokens must appear in the title.
 * Page-controlled, so it can only take a verdict away, never give one: what makes a listing
 * "verified" is the signature, the signer's standing and where it is shown — the origin and, on a
 * marketplace, the item id of the address Chrome reports (shared/verdict pageContextOf). The
 * product the credential names is shown in the side panel, for the user to compare.
 */
export function sameProduct(credential: { gtin: string; name: string }, page: { title: string; gtin?: string }): boolean {
  if (page.gtin) return credential.gtin.replace(/^0+/, '') === page.gtin.replace(/^0+/, '');
  const wanted = tokens(credential.name);
  if (wanted.size === 0) return false;
  const have = tokens(page.title);
  let hits = 0;
  for (const t of wanted) if (have.has(t)) hits++;
  return hits * 2 >= wanted.size;
}

function message(reasons: Verdict['reasons']): BothLanguages | undefined {
  const worst = reasons.find((r) => r.severity === 'error') ?? reasons.find((r) => r.severity === 'warning');
  return worst && { en: worst.message.en, 'zh-CN': worst.message['zh-CN'] };
}

export async function judgeAuthenticity(page: PageEvidence, trust: { bundle: TrustBundle; now: Date; lastVerifiedAt?: Date } | undefined): Promise<Authenticity> {
  if (page.badgeCount === 0 && page.listings.length === 0) {
    return { status: 'not-verified', text: both((t) => t.notVerifiedWhy), verdicts: [] };
  }
  if (page.listings.length === 0) return { status: 'not-genuine', text: both((t) => t.fakeBadge), verdicts: [] };
  if (!trust) return { status: 'not-verified', text: both((t) => t.noTrust), verdicts: [] };

  // On a marketplace the page's item id (from its URL) is what a listing's placements must name.
  const context = page.url === undefined ? undefined : pageContextOf(page.url);
  const verdicts: Verdict[] = [];
  let firstProblem: BothLanguages | undefined;
  let clockProblem: BothLanguages | undefined;
  for (const payload of page.listings) {
    const verdict = await verifyListing(payload, {
      bundle: trust.bundle,
      now: trust.now,
      origin: page.origin,
      ...(context?.origin === page.origin && { page: context }),
      ...(trust.lastVerifiedAt ? { lastVerifiedAt: trust.lastVerifiedAt } : {}),
    });
    verdicts.push(verdict);
    const claims = verdict.claims?.type === 'listing' ? verdict.claims : undefined;
    if (verdict.status === 'genuine' && claims) {
      if (!sameProduct(claims.product, page)) {
        firstProblem ??= both((t) => t.productMismatch(claims.product.name));
        continue;
      }
      const seller = both((_t, locale) => verdict.issuer.name?.[locale] ?? claims.seller);
      return { status: 'verified', text: both((t, locale) => t.verifiedFor(claims.product.name, seller[locale])), product: claims.product.name, seller, verdicts };
    }
    if (verdict.status === 'check-clock' || verdict.status === 'check-trust-data') clockProblem ??= message(verdict.reasons);
    else firstProblem ??= message(verdict.reasons);
  }
  // A page whose only problem is our own clock or stale trust data is not accused of anything.
  if (!firstProblem && clockProblem) return { status: 'not-verified', text: clockProblem, verdicts };
  return { status: 'not-genuine', text: firstProblem ?? both((t) => t.fakeBadge), verdicts };
}

/** The trusted surfaces' headline: "Verified listing — <shop>", "Badge not genuine", "Not verified". */
export function authenticityTitle(authenticity: Authenticity, locale: Locale): string {
  const t = backgroundText(locale);
  if (authenticity.status === 'verified') return t.verifiedListingBy(authenticity.seller?.[locale] ?? '—');
  return authenticity.status === 'not-genuine' ? t.statusNotGenuine : t.statusNotVerified;
}

/** The in-page status line of a negative finding: the status word, then why. */
export function statusLine(authenticity: Authenticity, locale: Locale): string {
  const t = backgroundText(locale);
  const word = { verified: t.statusVerified, 'not-genuine': t.statusNotGenuine, 'not-verified': t.statusNotVerified }[authenticity.status];
  return `${word}: ${authenticity.text[locale]}`.slice(0, 400);
}
