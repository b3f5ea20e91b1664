// Verification on this device: payload from the fragment (never sent anywhere), the cached trust
// bundle, the consumer's receipts from the ledger and a clock that never goes back (the last
// verification time is kept in IndexedDB, so a device clock turned back gives a warning).
import { parseFragment, type ScanError } from '../../shared/credential/index.ts';
import type { ReceiptClaims } from '../../shared/credential/claims/index.ts';
import type { ParcelCheck, ReceiptCheck } from '../../shared/ledger/index.ts';
import { ledgerFiguresOf, ledgerParcelCheck, ledgerReceiptCheck, parseOwnerProfile, verifyCredential, type OwnerProfile, type Verdict } from '../../shared/verdict/index.ts';
import type { TrustBundle } from '../../shared/trust/bundle.ts';
import { appDatabase, getMeta, setMetas } from '../db/index.ts';
import { trustReady, type TrustState } from './trust-store.ts';

const LAST_VERIFIED_KEY = 'lastVerifiedAt';
/** The newest signed time seen (verdict.freshness.newestSignedAt): a clock floor from signatures. */
const LAST_SEEN_SIGNED_KEY = 'lastSeenSignedAt';
/** The owner profile ({ idLast4, maskedName? }, shared/verdict/owner.ts), kept only on this device. */
export const OWNER_PROFILE_KEY = 'ownerProfile';

export type FragmentPayload = { ok: true; payload: string; text: string } | { ok: false; error: ScanError; text: string };

/**
 * The credential carried by a verify or import URL fragment. The URL form is `CC1:` + digits
 * (shared/credential/codec/url.ts parseFragment); the app also puts a pasted or scanned text there,
 * percent-encoded.
 */
export function payloadFromFragment(fragment: string): FragmentPayload {
  let text: string;
  try {
    text = decodeURIComponent(fragment);
  } catch {
    text = fragment;
  }
  const parsed = parseFragment(text);
  return parsed.ok ? { ok: true, payload: parsed.value.payload, text: text.slice(0, 500) } : { ok: false, error: parsed.error, text: text.slice(0, 500) };
}

async function storedDate(key: string): Promise<Date | undefined> {
  const text = await getMeta<string>(appDatabase(), key).catch(() => undefined);
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

async function clock(): Promise<{ now: Date; lastVerifiedAt?: Date; lastSeenSignedAt?: Date }> {
  await remembering;
  const [lastVerifiedAt, lastSeenSignedAt] = await Promise.all([storedDate(LAST_VERIFIED_KEY), storedDate(LAST_SEEN_SIGNED_KEY)]);
  return { now: new Date(), ...(lastVerifiedAt && { lastVerifiedAt }), ...(lastSeenSignedAt && { lastSeenSignedAt }) };
}

/** The owner profile kept on this device, if the consumer set one up. */
export async function ownerProfile(): Promise<OwnerProfile | undefined> {
  return parseOwnerProfile(await getMeta<unknown>(appDatabase(), OWNER_PROFILE_KEY).catch(() => undefined));
}

// The clock floors each verdict leaves, written one after another without holding the verdict
// back (two IndexedDB writes took 10–50 ms of the scan → verdict time); the next verification's
// clock reads wait for them, so it always sees the floors of the one before.
let remembering: Promise<void> = Promise.resolve();

function remember(verdict: Verdict): void {
  // The effective now is max(device clock, bundle time, last verification): monotonic by design;
  // so is the newest signed time (the verdict's is never below the one it was given).
  const floors = { [LAST_VERIFIED_KEY]: verdict.freshness.effectiveNow, [LAST_SEEN_SIGNED_KEY]: verdict.freshness.newestSignedAt };
  remembering = remembering.then(() => setMetas(appDatabase(), floors).catch(() => {}));
}

/** Settles once the floors of every verdict so far are written. */
export function remembered(): Promise<void> {
  return remembering;
}

/**
 * The consumer's receipts for a verdict: the claims verified when each entered the ledger (no
 * signature check per scan), or the payload for a row stored before claims were kept.
 */
export async function ledgerReceipts(): Promise<(ReceiptClaims | string)[]> {
  const orders = await appDatabase().orders.toArray();
  const out: (ReceiptClaims | string)[] = [];
  for (const o of orders) {
    if (o.source !== 'receipt') continue;
    if (o.receiptClaims) out.push(o.receiptClaims);
    else if (o.receipt) out.push(o.receipt);
  }
  return out;
}

export type VerifyOutcome =
  | { kind: 'no-trust'; trust: TrustState }
  | { kind: 'verdict'; verdict: Verdict; payload: string; bundle: TrustBundle };

async function readyBundle(): Promise<TrustBundle | TrustState> {
  const trust = await trustReady();
  return trust.status === 'ready' ? trust.bundle : trust;
}

/** Verifies a credential payload with everything this device knows. */
export async function verifyHere(payload: string, options: { labelWaybill?: string } = {}): Promise<VerifyOutcome> {
  const bundle = await readyBundle();
  if (!('keysByKid' in bundle)) return { kind: 'no-trust', trust: bundle };
  // What this device knows, read at once: three IndexedDB reads that need not wait for each other.
  const [owner, receipts, time] = await Promise.all([ownerProfile(), ledgerReceipts(), clock()]);
  const verdict = await verifyCredential(payload, {
    bundle,
    receipts,
    ...time,
    ...(owner && { owner }),
    ...(options.labelWaybill ? { labelWaybill: options.labelWaybill } : {}),
  });
  remember(verdict);
  return { kind: 'verdict', verdict, payload, bundle };
}

/** How long a verification the scanner began waits for its screen before it is not used. */
const BEGUN_FOR_MS = 3000;
let begun: { payload: string; at: number; outcome: Promise<VerifyOutcome> } | undefined;

/**
 * Begins verifying a payload the scanner just found, while the app moves to its screen (route
 * change and first render took 25–100 ms of the scan → verdict time): the check route then takes
 * this verification instead of starting its own (verificationFor).
 */
export function beginVerification(payload: string): Promise<VerifyOutcome> {
  begun = { payload, at: performance.now(), outcome: verifyHere(payload) };
  return begun.outcome;
}

/** The verification for the check route: the one the scanner began for this payload, else a new one. */
export function verificationFor(payload: string, options: { labelWaybill?: string } = {}): Promise<VerifyOutcome> {
  const ready = begun;
  begun = undefined;
  if (ready && ready.payload === payload && options.labelWaybill === undefined && performance.now() - ready.at < BEGUN_FOR_MS) return ready.outcome;
  return verifyHere(payload, options);
}

/**
 * The answer of a receipt verification just made on screen, as the ledger's check: adding the
 * receipt reuses its verified claims instead of verifying the payload again.
 */
export function verifiedAnswer(payload: string, claims: ReceiptClaims): ReceiptCheck {
  return async (asked) =>
    asked === payload
      ? { ok: true, figures: ledgerFiguresOf(claims), claims }
      : { ok: false, reason: { code: 'receipt.not-the-one-shown', en: 'Not the receipt that was verified.', 'zh-CN': '不是已验证的那张收据。' } };
}

/** The ledger's receipt check: a receipt enters the ledger only when its verdict is `genuine`. */
export const checkReceipt: ReceiptCheck = ledgerReceiptCheck(async () => {
  const bundle = await readyBundle();
  return 'keysByKid' in bundle ? { bundle, ...(await clock()) } : undefined;
});

/**
 * The ledger's parcel check for a file import: each parcel record is verified again with the trust
 * data, the clock and the receipts of this device plus those the same import just verified.
 */
export function parcelCheckFor(importedReceipts: readonly ReceiptClaims[]): ParcelCheck {
  return ledgerParcelCheck(async () => {
    const bundle = await readyBundle();
    if (!('keysByKid' in bundle)) return undefined;
    return { bundle, receipts: [...(await ledgerReceipts()), ...importedReceipts], ...(await clock()) };
  });
}
