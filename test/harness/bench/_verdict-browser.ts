// The verdict measurement in a Chromium page, bundled by verdict.ts: the same case and the same
// alternating slices as in Node, with the browser's V8 and WebCrypto (a verify runs on Chromium's
// WebCrypto thread), where the PWA and the extension run the verifier. Wall clock only: a page
// has no CPU clock of its own process.
import { pairedRates } from './_harness.ts';
import { verdictCase, type VerdictCaseInput } from './_verdict-case.ts';

async function measure(input: VerdictCaseInput, ms: number): Promise<{ raw: number; verdict: number }> {
  const c = await verdictCase(input);
  const [raw, verdict] = await pairedRates(c.rawVerify, c.verdict, ms);
  return { raw: raw.wall, verdict: verdict.wall };
}

(globalThis as { crosscheckVerdictBench?: typeof measure }).crosscheckVerdictBench = measure;
