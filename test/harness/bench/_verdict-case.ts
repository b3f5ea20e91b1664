// The verdict benchmark's case, shared by its Node run (_verdict-measure.ts) and its Chromium run
// (_verdict-browser.ts): the demo world's trust bundle loaded once, the consumer's three receipts
// verified into the ledger's claims, the parcel that is theirs, and a raw P-256 verify of a message
// of the parcel's size as the baseline (a verdict needs exactly one).
import { loadTrustBundle, type RootKey, type TrustBundle } from '../../../shared/trust/index.ts';
import { verifyCredential, verifyReceipt } from '../../../shared/verdict/index.ts';
import type { OwnerProfile } from '../../../shared/verdict/owner.ts';
import type { ReceiptClaims } from '../../../shared/credential/claims/index.ts';

/** Texts only, so that the Chromium run gets them as JSON. */
export interface VerdictCaseInput {
  bundleText: string;
  roots: RootKey[];
  receiptPayloads: string[];
  parcel: string;
  owner: OwnerProfile;
}

export interface VerdictCase {
  bundle: TrustBundle;
  /** Each returns 1: one operation. */
  rawVerify: () => Promise<number>;
  verdict: () => Promise<number>;
  verdictFromPayloads: () => Promise<number>;
  loadBundle: () => Promise<number>;
}

export async function verdictCase(input: VerdictCaseInput): Promise<VerdictCase> {
  const { bundleText, roots, receiptPayloads, parcel, owner } = input;
  const loaded = await loadTrustBundle(bundleText, roots);
  if (!loaded.ok) throw new Error(`demo bundle: ${loaded.error.code}`);
  const bundle = loaded.value;
  const now = new Date();
  const receipts: ReceiptClaims[] = [];
  for (const p of receiptPayloads) {
    const r = await verifyReceipt(p, { bundle, now });
    if (r.ok) receipts.push(r.claims);
  }
  const check = await verifyCredential(parcel, { bundle, now, receipts, owner });
  if (check.status !== 'genuine-yours') throw new Error(`bench parcel is ${check.status}`);

  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as {
    privateKey: Parameters<typeof crypto.subtle.sign>[1];
    publicKey: Parameters<typeof crypto.subtle.verify>[1];
  };
  const message = new TextEncoder().encode(parcel.slice(0, 300));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, message);
  return {
    bundle,
    async rawVerify() {
      await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, signature, message);
      return 1;
    },
    async verdict() {
      await verifyCredential(parcel, { bundle, now, receipts, owner });
      return 1;
    },
    async verdictFromPayloads() {
      await verifyCredential(parcel, { bundle, now, receipts: receiptPayloads, owner });
      return 1;
    },
    async loadBundle() {
      await loadTrustBundle(bundleText, roots);
      return 1;
    },
  };
}
