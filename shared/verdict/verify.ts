// One verdict for one scanned or embedded credential. The verdict keeps apart what was checked —
// the signature, the issuer's standing, the brand's authorization, the binding to the consumer's
// receipts (or, for a listing, to the web origin), the freshness of the trust data and the clock —
// and adds warnings about the goods. The top-level `status` is derived from the reasons
// (reasons.ts, STATUS_PRECEDENCE), so the two can never disagree.
//
// What a genuine verdict does NOT prove (FORMAT.md §8): that the box holds what the label says. A
// signature proves who signed which words; a copied label is caught only through the waybill
// printed beside it or the buyer commitment.
import { hexOf, openCredential, type OpenedCredential } from '../credential/index.ts';
import {
  custodyActor,
  decodeClaims,
  epochSecondsFromIso,
  isoFromEpochSeconds,
  normalizeOrigin,
  ISSUER_ROLES,
  type BundleIssuer,
  type Claims,
  type CredentialType,
  type ListingClaims,
  type ParcelClaims,
  type ReceiptClaims,
  type Role,
} from '../credential/claims/index.ts';
import { commitmentMatchesSync } from '../credential/buyer-commitment.ts';
import { issuerHasRole, keyStateAt, verifyWithCandidates, type TrustBundle, type TrustedKey } from '../trust/bundle.ts';
import { multiplyFen, sumFen, type Fen } from '../money/index.ts';
import { reason, statusFor, STATUS_MESSAGES, type Reason, type VerdictStatus } from './reasons.ts';
import type { Localized } from '../text/localized.ts';
import { receiptOwnership, type OwnerProfile, type ReceiptOwnership } from './owner.ts';
import type { PageContext, Placement } from './page.ts';
import { authorityFindings, maySpeakFor, receiptOfferAllowed } from '../trust/authority.ts';
import { marketplaceOf, placementMatches, placementsText } from './page.ts';

const partyCodeIndexes = new WeakMap<TrustBundle, ReadonlyMap<number, string>>();

/** Registry code → party id for one bundle (built once per bundle). */
function partyOfCodeIn(bundle: TrustBundle): (code: number) => string | undefined {
  let index = partyCodeIndexes.get(bundle);
  if (!index) {
    const byCode = new Map<number, string>();
    for (const issuer of bundle.issuers.values()) if (issuer.code !== undefined) byCode.set(issuer.code, issuer.id);
    partyCodeIndexes.set(bundle, byCode);
    index = byCode;
  }
  const found = index;
  return (code) => found.get(code);
}

/** Tolerated difference between clocks (device, issuer, bundle signer). */
export const CLOCK_SKEW_SECONDS = 300;

/**
 * A bundle older than this many times its maxAge no longer gives any positive verdict
 * (`bundle.too-old` → check-trust-data). Between 1× and 2× it only warns (`bundle.stale`): an
 * offline week must not brick the app (the DCC lesson), but a bundle months past its age would keep
 * every key revoked since looking good.
 */
export const BUNDLE_TOO_OLD_FACTOR = 2;

export interface VerifyContext {
  bundle: TrustBundle;
  /**
   * The consumer's receipts: claims verified when they entered the ledger (cheap: no signature
   * check here, only the issuer's standing in this bundle), or payloads (fully verified here).
   */
  receipts?: readonly (ReceiptClaims | string)[];
  /** The device clock. */
  now: Date;
  /** When this device last ran a verification; the effective now never goes below it. */
  lastVerifiedAt?: Date;
  /**
   * The newest signed time this device has seen (a bundle's or a verified credential's issuedAt;
   * persist the largest `freshness.newestSignedAt` of every verdict). Also a floor for now: unlike
   * lastVerifiedAt it comes from signatures, so a clock turned back before the first verification
   * on this device is still caught once anything newer was seen (e.g. an imported receipt).
   */
  lastSeenSignedAt?: Date;
  /**
   * The consumer's owner profile (ownerProfileFromIdNumber). A parcel is `genuine-yours` only when
   * the receipt that opens its commitment was ordered under this profile's ID ending; another
   * ending is `binding.other-identity`; without a profile a matching receipt cannot be confirmed
   * (genuine-unbound with `binding.owner-unconfirmed`).
   */
  owner?: OwnerProfile;
  /** For listings: the page showing it (pageContextOf(page URL)); takes precedence over `origin`. */
  page?: PageContext;
  /** For listings: the origin of the page showing it (e.g. "https://shop.example"). */
  origin?: string;
  /** For parcels: the waybill number printed on the label, when the user or a scanner read it. */
  labelWaybill?: string;
  /** Types accepted here; another type is `invalid` with credential.wrong-type. */
  expectTypes?: readonly CredentialType[];
}

export type CheckState<T extends string> = T | 'not-checked';

export interface Verdict {
  status: VerdictStatus;
  type?: CredentialType;
  signature: CheckState<'valid' | 'invalid'>;
  issuer: {
    state: CheckState<'trusted' | 'unknown' | 'revoked' | 'expired' | 'not-yet-valid' | 'not-allowed' | 'mismatch'>;
    id?: string;
    name?: Localized;
    roles?: Role[];
    kid?: string;
  };
  brand: {
    state: CheckState<'authorized' | 'not-authorized' | 'not-participating' | 'not-applicable'>;
    brands?: string[];
    authorizations?: string[];
  };
  binding: {
    /**
     * yours: a receipt ordered under the owner profile opens the commitment; unconfirmed: a
     * receipt opens it but there is no owner profile; other-identity: the receipt that opens it was
     * ordered under another ID ending (not the consumer's order).
     */
    state: CheckState<'yours' | 'unconfirmed' | 'other-identity' | 'no-receipt' | 'not-yours' | 'not-applicable'>;
    orderId?: string;
    /**
     * When a receipt opens the commitment: what the consumer's receipt says was paid for the goods in this parcel (unit
     * price × quantity per line on the receipt; lines not on it are left out). Computed once
     * here; the under-declaration check and every screen use this figure.
     */
    paidFen?: Fen;
  };
  /**
   * Listings only. On a marketplace origin the check is the placement: `item` is the page's
   * marketplace item and `placements` the listing's.
   */
  origin?: { state: CheckState<'match' | 'mismatch'>; origin?: string; allowed: string[]; placements?: Placement[]; item?: Placement };
  /** Listings: the product the listing is for, as signed (what a surface names as verified). */
  product?: { gtin: string; name: string };
  /**
   * Parcels: each custody hop with who asserts it. `assertedBy` is always the signer; `actorsOwn`
   * is true only when the hop's actor is the signer or a party the bundle lets it speak for. A hop
   * naming another actor is the signer's statement about that party, not that party's act.
   */
  custody?: { step: string; at: string; actor?: string; assertedBy: string; actorsOwn: boolean }[];
  freshness: {
    /** stale: older than maxAge (warning); too-old: older than BUNDLE_TOO_OLD_FACTOR × maxAge (check-trust-data). */
    state: 'fresh' | 'stale' | 'too-old';
    clock: 'ok' | 'turned-back';
    /** max(device clock, bundle issuedAt, last verification, newest signed time seen): the time every check used. */
    effectiveNow: string;
    /** The newest signed time known after this verdict: what the app persists as lastSeenSignedAt. */
    newestSignedAt: string;
    bundleIssuedAt: string;
    bundleAgeSeconds: number;
    maxAgeSeconds: number;
  };
  /** Every finding, in the order checked. */
  reasons: Reason[];
  /** The reasons with severity 'warning' (also in `reasons`). */
  warnings: Reason[];
  /** The decoded claims, when they decoded (also for negative verdicts, for display). */
  claims?: Claims;
}

const iso = (seconds: number) => isoFromEpochSeconds(Math.max(0, Math.floor(seconds)));
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function issuerNames(issuer: BundleIssuer) {
  return { nameEn: issuer.name.en, nameZh: issuer.name['zh-CN'] };
}

/**
 * Parties a reason names, by their names in the trust data where it lists them (`sellerEn`,
 * `sellerZh`), their ids otherwise; the ids stay under `key` for logs and tests.
 */
function partyNames(bundle: TrustBundle, key: string, ids: readonly string[]): Record<string, string> {
  // Plain loops, no closure per call: a verdict names parties in several reasons.
  let en = '';
  let zh = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const name = bundle.issuers.get(id)?.name;
    en += (i > 0 ? ', ' : '') + (name?.en ?? id);
    zh += (i > 0 ? '、' : '') + (name?.['zh-CN'] ?? id);
  }
  return { [`${key}En`]: en, [`${key}Zh`]: zh };
}

interface Clock {
  now: number;
  clockTurnedBack: boolean;
  /** The newest signed time known before this credential (freshness.newestSignedAt), in epoch seconds. */
  signed: number;
}

function freshnessOf(ctx: VerifyContext, reasons: Reason[]): { freshness: Verdict['freshness']; clock: Clock } {
  const device = seconds(ctx.now);
  const bundleIssued = seconds(ctx.bundle.issuedAt);
  // Signed times: the bundle's, the newest the device persisted, and the stored receipts' (claims
  // verified when they entered the ledger; a receipt payload is only known after verifying it).
  let signed = Math.max(bundleIssued, ctx.lastSeenSignedAt ? seconds(ctx.lastSeenSignedAt) : 0);
  for (const r of ctx.receipts ?? []) if (typeof r !== 'string' && r.type === 'receipt') signed = Math.max(signed, epochSecondsFromIso(r.issuedAt));
  const floor = Math.max(signed, ctx.lastVerifiedAt ? seconds(ctx.lastVerifiedAt) : 0);
  // provenance-anchors §7 "Time skew": now ≥ max(device clock, signed times seen, last check).
  const now = Math.max(device, floor);
  const turnedBack = device < floor - CLOCK_SKEW_SECONDS;
  if (turnedBack) reasons.push(reason('clock.turned-back', { clock: iso(device), floor: iso(floor) }));
  const age = now - bundleIssued;
  const maxAge = ctx.bundle.maxAgeSeconds;
  const state = age > BUNDLE_TOO_OLD_FACTOR * maxAge ? 'too-old' : age > maxAge ? 'stale' : 'fresh';
  if (state === 'fresh') {
    reasons.push(reason('bundle.fresh', { issuedAt: iso(bundleIssued) }));
  } else {
    const detail = { ageDays: Math.floor(age / 86_400), maxAgeDays: Math.round(maxAge / 86_400), issuedAt: iso(bundleIssued) };
    reasons.push(reason(state === 'stale' ? 'bundle.stale' : 'bundle.too-old', detail));
  }
  return {
    freshness: {
      state,
      clock: turnedBack ? 'turned-back' : 'ok',
      effectiveNow: iso(now),
      newestSignedAt: iso(signed),
      bundleIssuedAt: iso(bundleIssued),
      bundleAgeSeconds: age,
      maxAgeSeconds: maxAge,
    },
    clock: { now, clockTurnedBack: turnedBack, signed },
  };
}

// Freshness reasons are computed first (they set the clock) but read better last.
const freshnessLast = (r: Reason) => (r.code.startsWith('bundle.') || r.code.startsWith('clock.') ? 1 : 0);

function finish(
  verdict: Omit<Verdict, 'status' | 'warnings'>,
  positive: 'genuine-yours' | 'genuine-unbound' | 'genuine',
): Verdict {
  const reasons = verdict.reasons.toSorted((a, b) => freshnessLast(a) - freshnessLast(b));
  return {
    status: statusFor(reasons, positive),
    ...verdict,
    reasons,
    warnings: reasons.filter((r) => r.severity === 'warning'),
  };
}

/**
 * Verifies a credential payload (CC1:…) against the trust bundle, the consumer's receipts and the
 * clock. Never throws for hostile input: every failure is a verdict.
 */
export async function verifyCredential(payloadText: string, ctx: VerifyContext): Promise<Verdict> {
  const opened = await openCredential(typeof payloadText === 'string' ? payloadText.trim() : payloadText);
  if (!opened.ok) {
    const { verdict } = openVerdict(ctx);
    verdict.reasons.push(reason('credential.unreadable', { stage: opened.error.stage, code: opened.error.code }));
    return finish(verdict, 'genuine');
  }
  return verifyOpenedCredential(opened.value, ctx);
}

/** A verdict with nothing checked yet but the clock and the trust data's age (their reasons first). */
function openVerdict(ctx: VerifyContext): { verdict: Omit<Verdict, 'status' | 'warnings'>; clock: Clock } {
  const reasons: Reason[] = [];
  const { freshness, clock } = freshnessOf(ctx, reasons);
  const verdict: Omit<Verdict, 'status' | 'warnings'> = {
    signature: 'not-checked',
    issuer: { state: 'not-checked' },
    brand: { state: 'not-checked' },
    binding: { state: 'not-checked' },
    freshness,
    reasons,
  };
  return { verdict, clock };
}

async function verifyOpenedCredential(opened: OpenedCredential, ctx: VerifyContext): Promise<Verdict> {
  const { bundle } = ctx;

  // Signature: every key with this kid is a candidate (8-byte kids may collide, as in the DCC).
  // The check is started first, as soon as the credential is open, and runs on WebCrypto's thread
  // while this one reads the clock and decodes the claims.
  const kid = opened.kid ? hexOf(opened.kid) : undefined;
  const candidates: readonly TrustedKey[] = kid ? (bundle.keysByKid.get(kid) ?? []) : [];
  const verifying = candidates.length > 0 ? verifyWithCandidates(opened, candidates) : undefined;
  const { verdict, clock } = openVerdict(ctx);
  const reasons = verdict.reasons;

  // Claims (they are only shown once the signature holds, but their type decides the rules).
  // Parcels may name parties by registry code; the bundle says who they are.
  const decoded = decodeClaims(opened.claims, { partyOfCode: partyOfCodeIn(bundle) });

  if (kid) verdict.issuer.kid = kid;
  if (verifying === undefined) {
    verdict.issuer.state = 'unknown';
    reasons.push(reason('issuer.unknown-key', { kid: kid ?? '(none)' }));
    if (decoded.ok) {
      verdict.type = decoded.value.type;
      verdict.claims = decoded.value;
    }
    return finish(verdict, 'genuine');
  }
  // With one candidate key (the normal case), the verdict a valid signature would get is worked
  // out now, on a copy, while WebCrypto checks the signature on its own thread, and returned only
  // once the check holds; a failed check discards it. Judged after the wait, the verdict came later
  // by all of its judging (wall-clock ratio to a raw verify 0.50× before, 0.56–0.61× after).
  const only = candidates.length === 1 ? candidates[0]! : undefined;
  const ahead = only ? judgeSigned(decoded, only, ctx, copyOfOpenVerdict(verdict), clock) : undefined;
  const verified = await verifying;
  if (!verified.ok) {
    ahead?.catch(() => undefined);
    verdict.signature = 'invalid';
    reasons.push(reason('signature.invalid', { code: verified.error.code }));
    return finish(verdict, 'genuine');
  }
  return verified.value === only && ahead ? ahead : judgeSigned(decoded, verified.value, ctx, verdict, clock);
}

/** A verdict still open (before the signature's finding) that can be judged without changing this one. */
function copyOfOpenVerdict(verdict: Omit<Verdict, 'status' | 'warnings'>): Omit<Verdict, 'status' | 'warnings'> {
  return {
    ...verdict,
    issuer: { ...verdict.issuer },
    brand: { ...verdict.brand },
    binding: { ...verdict.binding },
    freshness: { ...verdict.freshness },
    reasons: [...verdict.reasons],
  };
}

/** Everything after a valid signature by `signer`: the claims, the issuer's standing, the type's rules. */
async function judgeSigned(
  decoded: ReturnType<typeof decodeClaims>,
  signer: TrustedKey,
  ctx: VerifyContext,
  verdict: Omit<Verdict, 'status' | 'warnings'>,
  clock: Clock,
): Promise<Verdict> {
  const { bundle } = ctx;
  const reasons = verdict.reasons;
  verdict.signature = 'valid';
  reasons.push(reason('signature.valid'));
  const { issuer, key } = signer;
  verdict.issuer = { state: 'trusted', id: issuer.id, name: issuer.name, roles: [...issuer.roles], kid: key.kid };
  if (!decoded.ok) {
    reasons.push(reason('credential.malformed-claims', { code: decoded.error.code, path: decoded.error.path || '(root)' }));
    return finish(verdict, 'genuine');
  }
  const claims = decoded.value;
  verdict.type = claims.type;
  verdict.claims = claims;

  if (claims.type === 'trust-bundle' || (ctx.expectTypes && !ctx.expectTypes.includes(claims.type))) {
    reasons.push(reason('credential.wrong-type', { type: claims.type, expected: (ctx.expectTypes ?? ['parcel', 'receipt', 'listing', 'brand-authorization']).join(', ') }));
    return finish(verdict, 'genuine');
  }

  // Issuer: the claims must name the key's owner, and the owner must hold a role for this type.
  const names = issuerNames(issuer);
  if (claims.issuer !== issuer.id) {
    verdict.issuer.state = 'mismatch';
    reasons.push(reason('issuer.name-mismatch', { claimed: claims.issuer, ...partyNames(ctx.bundle, 'claimed', [claims.issuer]), ...names }));
  } else if (!issuerHasRole(issuer, ISSUER_ROLES[claims.type as keyof typeof ISSUER_ROLES])) {
    verdict.issuer.state = 'not-allowed';
    reasons.push(reason('issuer.role-not-allowed', { type: claims.type, ...names }));
  }

  // Key validity at signing time, then the credential's own validity at the effective now.
  const issuedAt = epochSecondsFromIso(claims.issuedAt);
  const keyState = keyStateAt(key, issuedAt);
  if (keyState === 'revoked') {
    verdict.issuer.state = 'revoked';
    reasons.push(reason('key.revoked', { since: key.revokedSince!, issuedAt: claims.issuedAt }));
  } else if (keyState === 'expired') {
    verdict.issuer.state = 'expired';
    reasons.push(reason('key.expired', { notAfter: key.notAfter!, issuedAt: claims.issuedAt }));
  } else if (keyState === 'not-yet-valid') {
    verdict.issuer.state = 'not-yet-valid';
    reasons.push(reason('key.not-yet-valid', { notBefore: key.notBefore, issuedAt: claims.issuedAt }));
  } else if (key.revokedSince !== undefined) {
    reasons.push(reason('key.revoked-later', { since: key.revokedSince }));
  }
  if (verdict.issuer.state === 'trusted') {
    reasons.push(reason('issuer.trusted', { roles: issuer.roles.join(', '), ...names }));
  }
  // Authority: each party field must name the signer or a party the bundle lets it speak for
  // (trust/authority.ts). Judged only when the claims name the key's owner (else name-mismatch).
  if (claims.issuer === issuer.id) {
    for (const { field, party } of authorityFindings(claims, bundle)) {
      reasons.push(reason('authority.not-delegated', { field, party, ...partyNames(ctx.bundle, 'party', [party]), signer: issuer.id, ...names }));
    }
  }
  if (bundle.isRevoked(claims.issuer, claims.id)) reasons.push(reason('credential.revoked', { id: claims.id }));
  if (claims.expiresAt !== undefined && clock.now >= epochSecondsFromIso(claims.expiresAt)) {
    reasons.push(reason('credential.expired', { expiresAt: claims.expiresAt }));
  }
  if (issuedAt > clock.now + CLOCK_SKEW_SECONDS) {
    reasons.push(reason('credential.issued-in-future', { issuedAt: claims.issuedAt, now: iso(clock.now) }));
  } else if (verdict.issuer.state === 'trusted' && issuedAt > clock.signed) {
    // A trusted signer's time (not ahead of this clock) is a floor for the next verification.
    verdict.freshness.newestSignedAt = claims.issuedAt;
  }

  switch (claims.type) {
    case 'parcel':
      return checkParcel(claims, issuedAt, ctx, verdict);
    case 'listing':
      checkListing(claims, ctx, verdict, clock);
      return finish(verdict, 'genuine');
    case 'receipt':
    case 'brand-authorization':
      verdict.brand.state = 'not-applicable';
      verdict.binding.state = 'not-applicable';
      return finish(verdict, 'genuine');
  }
}

/**
 * Brand authorization of `seller` for each GTIN at time `at` (epoch seconds). Only a brand whose
 * GS1 company prefix covers the GTIN can authorize it: brand A cannot vouch for brand B's goods.
 */
function checkBrand(gtins: readonly string[], seller: string, at: number, bundle: TrustBundle, verdict: Omit<Verdict, 'status' | 'warnings'>): void {
  const reasons = verdict.reasons;
  let participating = 0;
  let failed = false;
  const brands = new Set<string>();
  const used = new Set<string>();
  for (const gtin of new Set(gtins)) {
    const owners = bundle.brandsForGtin(gtin);
    if (owners.length === 0) {
      reasons.push(reason('brand.not-participating', { gtin }));
      continue;
    }
    participating++;
    const ownerIds = new Set(owners.map((o) => o.id));
    for (const o of owners) brands.add(o.id);
    const auths = bundle.authorizationsFor(seller, gtin).filter((a) => ownerIds.has(a.brand.id));
    const inForce = auths.filter((a) => a.from <= at + CLOCK_SKEW_SECONDS && at < a.until);
    const names = issuerNames(owners[0]!);
    if (inForce.length > 0) {
      for (const a of inForce) used.add(a.claims.id);
      reasons.push(reason('brand.authorized', { gtin, seller, ...partyNames(bundle, 'seller', [seller]), ...issuerNames(inForce[0]!.brand) }));
    } else if (auths.length > 0) {
      failed = true;
      reasons.push(reason('brand.authorization-expired', { gtin, seller, ...partyNames(bundle, 'seller', [seller]), at: iso(at), ...names }));
    } else {
      failed = true;
      reasons.push(reason('brand.not-authorized', { gtin, seller, ...partyNames(bundle, 'seller', [seller]), ...names }));
    }
  }
  verdict.brand = {
    state: failed ? 'not-authorized' : participating > 0 ? 'authorized' : 'not-participating',
    ...(brands.size > 0 && { brands: [...brands] }),
    ...(used.size > 0 && { authorizations: [...used] }),
  };
}

function checkFiling(bundle: TrustBundle, party: string, role: 'importer' | 'seller', reasons: Reason[]): void {
  const entity = bundle.issuers.get(party);
  if (!entity?.filing) {
    reasons.push(reason('filing.unknown', { party, role }));
  } else if (entity.filing.status === 'unfiled') {
    reasons.push(reason('filing.unfiled', { party, role, ...issuerNames(entity) }));
  } else if (entity.filing.status === 'suspended') {
    reasons.push(reason('filing.suspended', { party, role, ...issuerNames(entity) }));
  }
}

/**
 * A receipt verified earlier still counts only while its issuer stands in this bundle: a platform
 * may since have been removed, lost the receipt role, or revoked the receipt. Its signature is not
 * checked again — it was, before the claims were stored — and cannot be forged by editing the
 * stored claims: "yours" needs the receipt's order secret to open the parcel's buyer commitment,
 * which only the genuine receipt of that order carries.
 */
function stillStanding(receipt: ReceiptClaims, bundle: TrustBundle): boolean {
  const issuer = bundle.issuers.get(receipt.issuer);
  return (
    issuer !== undefined &&
    issuerHasRole(issuer, ISSUER_ROLES.receipt) &&
    !bundle.isRevoked(receipt.issuer, receipt.id) &&
    maySpeakFor(bundle, receipt.issuer, receipt.seller)
  );
}

async function usableReceipts(ctx: VerifyContext, reasons: Reason[]): Promise<ReceiptClaims[]> {
  const out: ReceiptClaims[] = [];
  let ignored = 0;
  for (const r of ctx.receipts ?? []) {
    if (typeof r !== 'string') {
      if (r.type === 'receipt' && stillStanding(r, ctx.bundle)) out.push(r);
      else ignored++;
      continue;
    }
    const checked = await verifyCredential(r, {
      bundle: ctx.bundle,
      now: ctx.now,
      ...(ctx.lastVerifiedAt && { lastVerifiedAt: ctx.lastVerifiedAt }),
      ...(ctx.lastSeenSignedAt && { lastSeenSignedAt: ctx.lastSeenSignedAt }),
      expectTypes: ['receipt'],
    });
    // A clock or trust-data age problem is reported once, on the verdict being made (which then
    // cannot be green); it does not make the consumer's own receipts unusable.
    const usable = checked.status === 'genuine' || checked.status === 'check-clock' || checked.status === 'check-trust-data';
    if (usable && checked.claims?.type === 'receipt') out.push(checked.claims);
    else ignored++;
  }
  if (ignored > 0) reasons.push(reason('receipt.ignored', { count: ignored }));
  return out;
}

/** `issuedAt`: the parcel's signed time in epoch seconds. */
async function checkParcel(parcel: ParcelClaims, issuedAt: number, ctx: VerifyContext, verdict: Omit<Verdict, 'status' | 'warnings'>): Promise<Verdict> {
  const { bundle } = ctx;
  const reasons = verdict.reasons;
  const gtins = parcel.goods.map((g) => g.gtin);

  checkBrand(gtins, parcel.seller, issuedAt, bundle, verdict);
  attributeCustody(parcel, bundle, verdict);

  // The label: the waybill printed beside the code must be the one signed into it.
  if (ctx.labelWaybill !== undefined) {
    const printed = ctx.labelWaybill.trim().toUpperCase();
    if (printed === parcel.waybill) reasons.push(reason('label.waybill-match', { waybill: printed }));
    else reasons.push(reason('label.waybill-mismatch', { signed: parcel.waybill, label: printed }));
  }

  // The buyer: a receipt whose per-order secret opens the commitment makes the parcel "yours".
  const receipts = await usableReceipts(ctx, reasons);
  let mine: ReceiptClaims | undefined;
  // Same seller first: the likely match, so one HMAC usually settles it (order does not change the result).
  const ordered = [...receipts.filter((r) => r.seller === parcel.seller), ...receipts.filter((r) => r.seller !== parcel.seller)];
  for (const receipt of ordered) {
    if (commitmentMatchesSync(receipt.orderSecret, parcel.id, parcel.buyerCommitment)) {
      mine = receipt;
      break;
    }
  }
  if (mine) {
    const paidFen = paidForParcel(parcel, mine);
    const paid = paidFen !== undefined ? { paidFen } : {};
    // The receipt opens the commitment: this is that order's parcel. Whose order it is, is the
    // owner profile's question: a receipt works for whoever holds it, a person does not.
    const ownership = receiptOwnership(mine, ctx.owner);
    if (ownership === 'owner') {
      verdict.binding = { state: 'yours', orderId: mine.orderId, ...paid };
      reasons.push(reason('binding.yours', { orderId: mine.orderId }));
    } else if (ownership === 'other-identity') {
      verdict.binding = { state: 'other-identity', orderId: mine.orderId, ...paid };
      reasons.push(reason('binding.other-identity', { orderId: mine.orderId, receiptLast4: mine.ordererIdLast4, ownerLast4: ctx.owner!.idLast4 }));
    } else {
      verdict.binding = { state: 'unconfirmed', orderId: mine.orderId, ...paid };
      reasons.push(reason('binding.owner-unconfirmed', { orderId: mine.orderId }));
    }
    // Under-declaration (低报价格, cbec-rules.md §6.5): declared to customs below what was paid.
    if (paidFen !== undefined && parcel.declaredValueFen < paidFen) {
      reasons.push(reason('value.under-declared', { declaredFen: parcel.declaredValueFen, paidFen }));
    }
  } else {
    // A receipt of the consumer's own (by the profile, when there is one) that this parcel could
    // have belonged to (same seller, same product) and does not open the commitment: the parcel
    // was imported for someone else's order.
    const own = receipts.filter((r) => receiptOwnership(r, ctx.owner) !== 'other-identity');
    const candidates = own.filter((r) => r.seller === parcel.seller && r.items.some((i) => gtins.includes(i.gtin)));
    if (candidates.length > 0) {
      verdict.binding = { state: 'not-yours' };
      reasons.push(reason('binding.not-yours', { receipts: candidates.length }));
    } else {
      verdict.binding = { state: 'no-receipt' };
      reasons.push(reason('binding.no-receipt'));
    }
  }

  // Personal use: per line, against the bundle's ceiling (a rule row, not code).
  for (const line of parcel.goods) {
    const limit = bundle.personalUseLimit(line.gtin);
    if (limit !== undefined && line.quantity > limit) {
      reasons.push(reason('quantity.beyond-personal-use', { gtin: line.gtin, quantity: line.quantity, limit }));
    }
  }
  checkFiling(bundle, parcel.importer, 'importer', reasons);

  return finish(verdict, verdict.binding.state === 'yours' ? 'genuine-yours' : 'genuine-unbound');
}

/**
 * Who asserts each custody hop: always the signer. A hop whose actor is neither the signer nor a
 * party the bundle lets the signer speak for is the signer's statement about that party (a
 * warehouse saying "SF Express picked it up"), not a record SF Express signed: the verdict marks
 * it (`actorsOwn: false`) and one info reason lists such actors.
 */
function attributeCustody(parcel: ParcelClaims, bundle: TrustBundle, verdict: Omit<Verdict, 'status' | 'warnings'>): void {
  const signer = parcel.issuer;
  const others = new Set<string>();
  let hops = 0;
  verdict.custody = parcel.custody.map((hop) => {
    const actor = custodyActor(parcel, hop);
    const actorsOwn = actor !== undefined && maySpeakFor(bundle, signer, actor);
    if (actor !== undefined && !actorsOwn) {
      hops++;
      others.add(actor);
    }
    return { step: hop.step, at: hop.at, ...(actor !== undefined && { actor }), assertedBy: signer, actorsOwn };
  });
  if (hops > 0) {
    const entry = bundle.issuers.get(signer);
    const names = entry ? issuerNames(entry) : { nameEn: signer, nameZh: signer };
    verdict.reasons.push(reason('custody.asserted-by-signer', { hops, actors: [...others].join(', '), ...partyNames(bundle, 'actors', [...others]), signer, ...names }));
  }
}

/**
 * What the buyer's own signed receipt says was paid for the goods in this parcel: unit price ×
 * quantity in the parcel, per line. Lines not on the receipt are left out, so a split shipment is
 * compared fairly; undefined when no line of the parcel is on the receipt.
 */
function paidForParcel(parcel: ParcelClaims, receipt: ReceiptClaims): Fen | undefined {
  const amounts: Fen[] = [];
  for (const line of parcel.goods) {
    const item = receipt.items.find((i) => i.gtin === line.gtin);
    if (item) amounts.push(multiplyFen(item.unitPriceFen, line.quantity));
  }
  return amounts.length === 0 ? undefined : sumFen(amounts);
}

function checkListing(listing: ListingClaims, ctx: VerifyContext, verdict: Omit<Verdict, 'status' | 'warnings'>, clock: Clock): void {
  const reasons = verdict.reasons;
  verdict.binding = { state: 'not-applicable' };
  verdict.product = { gtin: listing.product.gtin, name: listing.product.name };
  checkBrand([listing.product.gtin], listing.seller, clock.now, ctx.bundle, verdict);
  const allowed = listing.origins.join(', ');
  const pageOrigin = ctx.page?.origin ?? ctx.origin;
  const market = pageOrigin === undefined ? undefined : marketplaceOf(pageOrigin);
  if (pageOrigin === undefined) {
    verdict.origin = { state: 'not-checked', allowed: listing.origins };
    reasons.push(reason('listing.origin-not-checked', { allowed }));
  } else if (market) {
    // A marketplace origin is shared by many sellers: the origin says nothing about the shop, so
    // the page's item must be one the listing names (its placements), whatever `origins` says.
    const origin = normalizeOrigin(pageOrigin) ?? pageOrigin;
    const placements = listing.placements ?? [];
    const item = ctx.page?.marketplace?.site === market.site ? ctx.page.marketplace : undefined;
    const match = item !== undefined && placementMatches(placements, item);
    verdict.origin = { state: match ? 'match' : 'mismatch', origin, allowed: listing.origins, placements, ...(item && { item }) };
    // item '' : the page names none (the reason says so in words).
    const detail = { site: market.site, item: item?.item ?? '', allowed: placementsText(placements), allowedZh: placementsText(placements, 'zh-CN') };
    reasons.push(reason(match ? 'listing.placement-match' : 'listing.placement-mismatch', detail));
  } else {
    const origin = normalizeOrigin(pageOrigin) ?? pageOrigin;
    const match = listing.origins.includes(origin);
    verdict.origin = { state: match ? 'match' : 'mismatch', origin, allowed: listing.origins };
    reasons.push(reason(match ? 'listing.origin-match' : 'listing.origin-mismatch', { origin, allowed }));
  }
  checkFiling(ctx.bundle, listing.seller, 'seller', reasons);
}

/** The most telling reason of a verdict that is not positive: its first error, else its first warning. */
export function mainReason(verdict: Verdict): Reason | undefined {
  return verdict.reasons.find((r) => r.severity === 'error') ?? verdict.reasons.find((r) => r.severity === 'warning');
}

/** Why a receipt was refused: a stable code and one sentence in each language. */
export interface ReceiptRefusal {
  code: string;
  message: Localized;
}

export type ReceiptCheckResult =
  | { ok: true; claims: ReceiptClaims; verdict: Verdict }
  | { ok: false; verdict: Verdict; refusal: ReceiptRefusal };

/** The refusal of a receipt verdict: its main reason, else the sentence of its status. */
export function refusalOf(verdict: Verdict): ReceiptRefusal {
  const main = mainReason(verdict);
  return main ? { code: main.code, message: main.message } : { code: verdict.status, message: STATUS_MESSAGES[verdict.status] };
}

/**
 * Verifies a receipt for the ledger: genuine means signed by a trusted platform, in force and not
 * revoked. A receipt is only imported when the status is `genuine` (check-clock is not enough).
 * A refusal says why, in both languages.
 */
export async function verifyReceipt(
  payloadText: string,
  ctx: Pick<VerifyContext, 'bundle' | 'now' | 'lastVerifiedAt' | 'lastSeenSignedAt'>,
): Promise<ReceiptCheckResult> {
  const verdict = await verifyCredential(payloadText, { ...ctx, expectTypes: ['receipt'] });
  return receiptResult(verdict);
}

/** The receipt answer of a verdict already made (a scan that turned out to be a receipt). */
export function receiptResult(verdict: Verdict): ReceiptCheckResult {
  if (verdict.status === 'genuine' && verdict.claims?.type === 'receipt') return { ok: true, claims: verdict.claims, verdict };
  return { ok: false, verdict, refusal: refusalOf(verdict) };
}

/** A listing verdict for a page: the origin is required here. */
export async function verifyListing(
  payloadText: string,
  ctx: Pick<VerifyContext, 'bundle' | 'now' | 'lastVerifiedAt' | 'lastSeenSignedAt' | 'page'> & { origin: string },
): Promise<Verdict> {
  return verifyCredential(payloadText, { ...ctx, expectTypes: ['listing'] });
}


/** Why a page's receipt offer was refused, or the receipt it offers. */
export type ReceiptOfferResult =
  | { ok: true; claims: ReceiptClaims; verdict: Verdict; ownership: ReceiptOwnership }
  | { ok: false; verdict?: Verdict; refusal: ReceiptRefusal };

const OFFER_ORIGIN_REFUSAL = (origin: string, issuer: string): ReceiptRefusal => ({
  code: 'receipt.offer-origin-not-listed',
  message: {
    en: `This page (${origin}) is not a site the trust data lists for ${issuer}, the receipt's issuer: the offer was refused. Import receipts from the platform where you ordered.`,
    'zh-CN': `本页面（${origin}）不是信任数据为收据签发方 ${issuer} 登记的网站，已拒绝该收据。请从您下单的平台导入收据。`,
  },
});

/**
 * Decides a receipt offered by a web page (`<crosscheck-receipt>`, an in-page offer): the receipt
 * must verify as genuine, and the page's origin must be one the trust bundle lists for the
 * receipt's issuer (`origins` of its issuer entry); anything else is refused with a named reason.
 * An accepted receipt also says whose order it is (`ownership` against the owner profile), so the
 * surface can say "ordered under another identity" before the user confirms adding it. The user
 * confirms in extension-owned UI, never by a click inside the page.
 */
export async function checkReceiptOffer(
  payloadText: string,
  pageOrigin: string,
  ctx: Pick<VerifyContext, 'bundle' | 'now' | 'lastVerifiedAt' | 'lastSeenSignedAt' | 'owner'>,
): Promise<ReceiptOfferResult> {
  const checked = await verifyReceipt(payloadText, ctx);
  if (!checked.ok) return { ok: false, verdict: checked.verdict, refusal: checked.refusal };
  const origin = normalizeOrigin(pageOrigin) ?? pageOrigin;
  if (!receiptOfferAllowed(ctx.bundle, checked.claims.issuer, origin)) {
    const entry = ctx.bundle.issuers.get(checked.claims.issuer);
    return { ok: false, verdict: checked.verdict, refusal: OFFER_ORIGIN_REFUSAL(origin, entry?.name.en ?? checked.claims.issuer) };
  }
  return { ok: true, claims: checked.claims, verdict: checked.verdict, ownership: receiptOwnership(checked.claims, ctx.owner) };
}
