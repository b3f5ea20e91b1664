// Verification on this device: payload from the fragment (never sent anywhere), the cached trust
// bundle, the consumer's receipts from the ledger and a clock that never goes back (the last
// verification time is kept in IndexedDB, so a device clock turned back gives a warning).
import { parseScanned, type ScanError } from '../../shared/credential/index.ts';
import type { ReceiptCheck, ReasonText } from '../../shared/ledger/index.ts';
import { ledgerFiguresOf, verifyCredential, verifyReceipt, type Reason, type Verdict } from '../../shared/verdict/index.ts';
import type { TrustBundle } from '../../shared/trust/bundle.ts';
import { appDatabase, getMeta, setMeta } from '../db/index.ts';
import { trustReady, type TrustState } from './trust-store.ts';

const LAST_VERIFIED_KEY = 'lastVerifiedAt';

export type FragmentPayload = { ok: true; payload: string } | { ok: false; error: ScanError; text: string };

/**
 * The credential carried by a verify or import URL fragment. The URL form is `CC1:` + digits
 * (shared/credential/url.ts); the app also puts a pasted or scanned text there, percent-encoded.
 */
export function payloadFromFragment(fragment: string, origin = location.origin): FragmentPayload {
  let text: string;
  try {
    text = decodeURIComponent(fragment);
  } catch {
    text = fragment;
  }
  const parsed = /^CC1:[0-9]*$/.test(text) ? parseScanned(`${origin}/verify#${text}`) : parseScanned(text);
  return parsed.ok ? { ok: true, payload: parsed.value.payload } : { ok: false, error: parsed.error, text: text.slice(0, 500) };
}

async function clock(): Promise<{ now: Date; lastVerifiedAt?: Date }> {
  const last = await getMeta<string>(appDatabase(), LAST_VERIFIED_KEY).catch(() => undefined);
  const lastDate = last ? new Date(last) : undefined;
  return { now: new Date(), ...(lastDate && !Number.isNaN(lastDate.getTime()) ? { lastVerifiedAt: lastDate } : {}) };
}

async function remember(verdict: Verdict): Promise<void> {
  // The effective now is max(device clock, bundle time, last verification): monotonic by design.
  await setMeta(appDatabase(), LAST_VERIFIED_KEY, verdict.freshness.effectiveNow).catch(() => {});
}

export async function receiptPayloads(): Promise<string[]> {
  const orders = await appDatabase().orders.toArray();
  return orders.flatMap((o) => (o.source === 'receipt' && o.receipt ? [o.receipt] : []));
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
  const verdict = await verifyCredential(payload, {
    bundle,
    receipts: await receiptPayloads(),
    ...(await clock()),
    ...(options.labelWaybill ? { labelWaybill: options.labelWaybill } : {}),
  });
  await remember(verdict);
  return { kind: 'verdict', verdict, payload, bundle };
}

/** The most telling reason of a negative verdict (its first error, else its first warning). */
export function mainReason(verdict: Verdict): Reason | undefined {
  return verdict.reasons.find((r) => r.severity === 'error') ?? verdict.reasons.find((r) => r.severity === 'warning');
}

function reasonText(r: Reason | undefined, fallback: string): ReasonText {
  return r ? { code: r.code, en: r.message.en, zh: r.message['zh-CN'] } : { code: fallback, en: fallback, zh: fallback };
}

/** The ledger's receipt check: a receipt enters the ledger only when its verdict is `genuine`. */
export const checkReceipt: ReceiptCheck = async (payload) => {
  const bundle = await readyBundle();
  if (!('keysByKid' in bundle)) {
    return { ok: false, reason: { code: 'trust.missing', en: 'No trust data on this device yet.', zh: '本机尚无信任数据。' } };
  }
  const result = await verifyReceipt(payload, { bundle, ...(await clock()) });
  if (!result.ok) return { ok: false, reason: reasonText(mainReason(result.verdict), result.verdict.status) };
  await remember(result.verdict);
  return { ok: true, figures: ledgerFiguresOf(result.claims) };
};
