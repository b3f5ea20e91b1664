// What `npm run fuzz` attacks. The container target checks the decoder and the signature alone;
// the verdict target runs the whole verification a consumer's device runs (trust bundle, issuer,
// brand authorization, binding to the consumer's receipts) over a fresh demo world, and counts a
// mutated payload as accepted when it earns any `genuine*` status — the invariant of issue 3 is
// that no mutation ever does, unless it re-encodes the very same signed message.
import { containerFuzzSetup, type VerifyToStatus } from './harness.ts';
import { loadTrustBundle, type RootKey } from '../../../shared/trust/index.ts';
import { verifyCredential, verifyReceipt } from '../../../shared/verdict/index.ts';
import type { ReceiptClaims } from '../../../shared/credential/claims/index.ts';
import { buildDemoWorld } from '../demo/world.ts';

export interface FuzzTarget {
  name: 'container' | 'verdict';
  seeds: string[];
  verify: VerifyToStatus;
  normalise?: (text: string) => string;
}

export const FUZZ_TARGET_NAMES = ['container', 'verdict'] as const;

export async function containerTarget(): Promise<FuzzTarget> {
  const setup = await containerFuzzSetup();
  return { name: 'container', seeds: setup.seeds, verify: setup.verify };
}

export async function verdictTarget(): Promise<FuzzTarget> {
  const world = await buildDemoWorld();
  const text = (path: string) => world.files.find((f) => f.path === path)!.content.trim();
  const roots = JSON.parse(text(world.index.roots)) as RootKey[];
  const loaded = await loadTrustBundle(text(world.index.bundle), roots);
  if (!loaded.ok) throw new Error(`demo bundle did not load: ${loaded.error.code}`);
  const bundle = loaded.value;
  const now = new Date();
  const receipts: ReceiptClaims[] = [];
  const receiptPayloads = world.files.filter((f) => f.path.startsWith(`${world.index.receipts}/`)).map((f) => f.content.trim());
  for (const payload of receiptPayloads) {
    const checked = await verifyReceipt(payload, { bundle, now });
    if (checked.ok) receipts.push(checked.claims);
  }
  // Seeds: every parcel the demo expects to be genuine, and the receipts themselves.
  const parcels = world.index.credentials
    .filter((c) => c.type === 'parcel' && c.expect?.startsWith('genuine'))
    .map((c) => text(c.file));
  const verify: VerifyToStatus = async (payload) => {
    const verdict = await verifyCredential(payload, { bundle, now, receipts });
    return { accepted: verdict.status.startsWith('genuine'), status: verdict.status };
  };
  // verifyCredential trims surrounding whitespace (pasted and scanned text carries it).
  return { name: 'verdict', seeds: [...parcels, ...receiptPayloads], verify, normalise: (t) => t.trim() };
}
