// The verdict measurement in Node, run by verdict.ts in a process of its own from a bundle built
// the way the apps ship the verifier (see verdict.ts). Writes its rows as JSON on stdout.
import { opsPerSecond, pairedRates, type BenchRow } from './_harness.ts';
import { verdictCase } from './_verdict-case.ts';
import { verdictCaseInput } from './_verdict-input.ts';

async function measure(quick: boolean, log: (text: string) => void): Promise<BenchRow[]> {
  const ms = quick ? 300 : 2000;
  const input = await verdictCaseInput();
  const c = await verdictCase(input);
  const [rawRates, verdictRates] = await pairedRates(c.rawVerify, c.verdict, 2 * ms);
  const raw = rawRates.wall;
  const rawCpu = rawRates.cpu;
  const verdicts = verdictRates.wall;
  const verdictsFromPayloads = await opsPerSecond(c.verdictFromPayloads, ms);
  const loads = await opsPerSecond(c.loadBundle, ms);
  log(`verdict bench: bundle ${input.bundleText.length} chars, parcel ${input.parcel.length} chars`);
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
    {
      label: `trust bundle load (${input.bundleText.length} chars, ${c.bundle.brandAuthorizations.length} authorizations)`,
      value: loads,
      unit: 'loads/s',
      ratio: loads / raw,
      baseline: base,
    },
  ];
}

const rows = await measure(process.env.CC_BENCH_QUICK === '1', (text) => process.stderr.write(`${text}\n`));
process.stdout.write(JSON.stringify(rows));
