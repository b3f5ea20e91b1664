// Verdicts per second: a full parcel verification (open, signature, issuer, brand, binding against
// three receipts, warnings) with the trust bundle loaded once, as the PWA does after start-up.
// The baseline is one raw WebCrypto ECDSA P-256 verify in the same run: a verdict needs exactly
// one, so the ratio shows what the rest of the pipeline costs. Goal (issue 12): ≥ 0.8×.
//
// Two readings: by wall clock, and per CPU-second of the measuring process (all threads). The
// machines these run on are shared; the CPU ratio is the steady one. The raw verify and the
// verdict are measured in alternating 25 ms slices, so both see the same machine.
//
// The verifier is measured as the apps ship it: bundled and minified by esbuild (the transform
// Vite's production build applies too) and run in a process of its own (_verdict-measure.ts).
// Here, under the tsx loader, the same code ran ~25 % slower: tsx compiles each file with
// `keepNames`, wrapping every function and class the verdict creates in a naming call that no
// shipped build contains.
//
// The same measurement then runs in Chromium (_verdict-browser.ts, bundled for the browser), with
// the engine and WebCrypto the PWA and the extension use; by wall clock only.
//
// Budget (README, "Benchmarks and budgets"): the signature is one raw verify; opening, decoding
// the claims (the fast path of fast-parse.ts for parcels and receipts), the buyer-commitment HMAC
// (hmac-sha256.ts) and the verdict's bookkeeping are what the ratio measures beyond it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from './_harness.ts';
import type { VerdictCaseInput } from './_verdict-case.ts';
import { verdictCaseInput } from './_verdict-input.ts';
import { CHROMIUM, launchChromium } from '../../e2e/browser.ts';

const ENTRY = fileURLToPath(new URL('./_verdict-measure.ts', import.meta.url));
const BROWSER_ENTRY = fileURLToPath(new URL('./_verdict-browser.ts', import.meta.url));
// Inside the project, so that the bundle's package imports resolve from its node_modules.
const OUT_DIR = fileURLToPath(new URL('../../../node_modules/.cache/crosscheck-bench/', import.meta.url));

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const { build } = await import('esbuild');
  await mkdir(OUT_DIR, { recursive: true });
  const outfile = `${OUT_DIR}verdict.mjs`;
  await build({ entryPoints: [ENTRY], outfile, bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const child = spawn(process.execPath, [outfile], { env: { ...process.env, CC_BENCH_QUICK: ctx.quick ? '1' : '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => child.on('exit', resolve).on('error', reject));
  for (const line of err.split('\n').filter(Boolean)) ctx.log(line);
  if (code !== 0 || !out) throw new Error(`the verdict measurement exited with ${code}: ${err.slice(0, 500)}`);
  const rows = JSON.parse(out) as BenchRow[];
  if (!existsSync(CHROMIUM)) {
    ctx.log(`verdict bench: no Chromium at ${CHROMIUM}, the browser rows are left out`);
    return rows;
  }
  const built = await build({ entryPoints: [BROWSER_ENTRY], write: false, bundle: true, minify: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'warning' });
  const script = built.outputFiles[0]!.text;
  const input = await verdictCaseInput();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    // A loopback origin (a secure context, so WebCrypto is there), answered here without a server.
    const origin = 'http://127.0.0.1:9';
    await page.route(`${origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>verdict bench</title>' }));
    await page.goto(`${origin}/`);
    await page.addScriptTag({ content: script });
    const measured = await page.evaluate(
      ([data, ms]) => (globalThis as unknown as { crosscheckVerdictBench: (i: VerdictCaseInput, ms: number) => Promise<{ raw: number; verdict: number }> }).crosscheckVerdictBench(data, ms),
      [input, ctx.quick ? 600 : 4000] as const,
    );
    const base = 'Chromium: raw ECDSA P-256 verify (WebCrypto)';
    rows.push(
      { label: base, value: measured.raw, unit: 'verifies/s' },
      { label: 'Chromium: parcel verdict, 3 receipts (claims)', value: measured.verdict, unit: 'verdicts/s', ratio: measured.verdict / measured.raw, baseline: base },
    );
  } finally {
    await browser.close();
  }
  return rows;
}
