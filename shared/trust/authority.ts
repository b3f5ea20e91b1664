// Who may say what (FORMAT.md §5 "Authority"). A credential speaks for its signer. When it names
// another party in a field that states that party's act or standing — the seller of a listing,
// the importer, warehouse and seller of a parcel, the seller of a receipt — the signer must be
// that party, or a party the trust bundle says may speak for it (`speaksFor` of the signer's
// issuer entry: a platform for the sellers on it, a bonded warehouse for the importers and sellers
// it serves). Anything else is an assertion the signer has no standing to make: the verifier
// reports it (`authority.not-delegated`) and never calls the credential genuine.
//
// Delegation is one step and not transitive: A speaking for B and B for C does not let A speak
// for C. A brand authorization names a seller as its object (the brand's own act), so it needs no
// delegation; custody hops naming another actor are shown as the signer's statement.
import { normalizeOrigin, type BundleIssuer, type CredentialType } from '../credential/claims/index.ts';
import type { TrustBundle } from './bundle.ts';

/** Party fields per credential type whose party must be the signer or delegated to it. */
export const AUTHORITY_FIELDS = {
  listing: ['seller'],
  parcel: ['importer', 'warehouse', 'seller'],
  receipt: ['seller'],
  'brand-authorization': [],
} as const satisfies Record<Exclude<CredentialType, 'trust-bundle'>, readonly string[]>;

export type AuthorityField = (typeof AUTHORITY_FIELDS)[keyof typeof AUTHORITY_FIELDS][number];

/** The parties the bundle lets this issuer speak for (not including itself). */
export function delegationsOf(issuer: BundleIssuer | undefined): readonly string[] {
  return issuer?.speaksFor ?? [];
}

/** May `signer` assert `party` (be the party, or speak for it per the bundle)? */
export function maySpeakFor(bundle: TrustBundle, signer: string, party: string): boolean {
  return signer === party || delegationsOf(bundle.issuers.get(signer)).includes(party);
}

export interface AuthorityFinding {
  field: AuthorityField;
  party: string;
}

/** The party fields of these claims that the signer may not assert (empty when all are fine). */
export function authorityFindings(claims: { type: CredentialType; issuer: string } & Partial<Record<AuthorityField, string | undefined>>, bundle: TrustBundle): AuthorityFinding[] {
  if (claims.type === 'trust-bundle') return [];
  const out: AuthorityFinding[] = [];
  for (const field of AUTHORITY_FIELDS[claims.type] as readonly AuthorityField[]) {
    const party = claims[field];
    if (party !== undefined && !maySpeakFor(bundle, claims.issuer, party)) out.push({ field, party });
  }
  return out;
}

/** Web origins the bundle lists for an issuer (where its pages may offer its receipts). */
export function originsOf(issuer: BundleIssuer | undefined): readonly string[] {
  return issuer?.origins ?? [];
}

/**
 * May a web page at `origin` offer a receipt of `receiptIssuer` (`<crosscheck-receipt>`, an
 * in-page offer)? Only when the bundle lists the origin for that issuer: a reseller's page cannot
 * hand on a buyer's receipt, nor can any page push receipts of a platform it is not. The receipt
 * itself is still verified (and matched with the owner profile) before it is added.
 */
export function receiptOfferAllowed(bundle: TrustBundle, receiptIssuer: string, origin: string): boolean {
  const normal = normalizeOrigin(origin);
  return normal !== undefined && originsOf(bundle.issuers.get(receiptIssuer)).includes(normal);
}
