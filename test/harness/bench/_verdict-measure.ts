// The verdict measurement itself, run by verdict.ts in a process of its own from a bundle built the
// way the apps ship the verifier (see verdict.ts). Writes its rows as JSON on stdout.
import { buildDemoWorld } from '../demo/world.ts';
import { loadTrustBundle, type RootKey } from '../../../shared/trust/index.ts';
import { verifyCredential, verifyReceipt } from '../../../shared/verdict/index.ts';
import type { ReceiptClaims } from '../../../shared/credential/claims/index.ts';
import { opsPerSecond, pairedRates, type BenchRow } from './_harness.ts';

async function measure(quick: boolean, log: (text: string) => void): Promise<BenchRow[]> {
  const ms = quick ? 300 : 2000;
  const world = await buildDemoWorld();
  const text = (path: string) => world.files.find((f) => f.path === path)!.content.trim();
  const roots = JSON.parse(text('trust/roots.json')) as RootKey[];
  const bundleText = text(world.index.bundle);
  const loaded = await loadTrustBundle(bundleText, roots);
  if (!loaded.ok) throw new Error(`demo bundle: ${loaded.error.code}`);
  const bundle = loaded.value;
  const now = new Date();
  const receiptPayloads = world.files.filter((f) => f.path.startsWith('receipts/')).map((f) => f.content.trim());
  const receipts: ReceiptClaims[] = [];
  for (const p of receiptPayloads) {
    const r = await verifyReceipt(p, { bundle, now });
    if (r.ok) receipts.push(r.claims);
  }
  const parcel = text(world.index.credentials.find((c) => c.name === 'parcel-serum-yours')!.file);
  const owner = world.index.owner;
  const check = await verifyCredential(parcel, { bundle, now, receipts, owner });
  if (check.status !== 'genuine-yours') throw new Error(`bench parcel is ${check.status}`);

  // Baseline: one ECDSA P-256 verify over a message of the parcel's size.
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as {
    privateKey: Parameters<typeof crypto.subtle.sign>[1];
    publicKey: Parameters<typeof crypto.subtle.verify>[1];
  };
  const message = new TextEncoder().encode(parcel.slice(0, 300));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, message);
  const rawVerify = async () => {
    await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, signature, message);
    return 1;
  };
  const verdict = async () => {
    await verifyCredential(parcel, { bundle, now, receipts, owner });
    return 1;
  };
  const [rawRates, verdictRates] = await pairedRates(rawVerify, verdict, 2 * ms);
  const raw = rawRates.wall;
  const rawCpu = rawRates.cpu;
  const verdicts = verdictRates.wall;
  const verdictsFromPayloads = await opsPerSecond(async () => {
    await verifyCredential(parcel, { bundle, now, receipts: receiptPayloads, owner });
    return 1;
  }, ms);
  const loads = await opsPerSecond(async () => {
    await loadTrustBundle(bundleText, roots);
    return 1;
  }, ms);
  log(`verdict bench: bundle ${bundleText.length} chars, parcel ${parcel.length} chars`);
  const base = 'raw ECDSA P-256 verify';
  return [
    { label: base, value: raw, unit: 'verifies/s' },
    { label: 'parcel verdict, bundle loaded once, 3 receipts (claims)', value: verdicts, unit: 'verdicts/s', ratio: verdicts / raw, baseline: base },
    { label: `${base}, per CPU-second`, value: rawCpu, unit: 'verifies/s' },
    {
      label: 'parcel verdict, 3 receipts (claims), per CPU-second',
      value: verdictRates.cpu,
      unit: 'verdicts/s',
      ratio: verdictRates.cpu / rawCpu,
      baseline: 'raw P-256 verifies per CPU-second (goal 0.8×)',
    },
    { label: 'parcel verdict, 3 receipts as payloads (re-verified)', value: verdictsFromPayloads, unit: 'verdicts/s', ratio: verdictsFromPayloads / raw, baseline: base },
    { label: `trust bundle load (${bundleText.length} chars, ${bundle.brandAuthorizations.length} authorizations)`, value: loads, unit: 'loads/s', ratio: loads / raw, baseline: base },
  ];
}

const rows = await measure(process.env.CC_BENCH_QUICK === '1', (text) => process.stderr.write(`${text}\n`));
process.stdout.write(JSON.stringify(rows));
