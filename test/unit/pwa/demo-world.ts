// A fresh demo world for unit tests (the same `npm run demo` the browser tests use), made once
// per test file in a temporary folder: real keys, a real signed bundle, real receipts and parcels.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadTrustBundle, type RootKey, type TrustBundle } from '../../../shared/trust/index.ts';
import { verifyCredential, type Verdict } from '../../../shared/verdict/index.ts';

export interface UnitDemo {
  dir: string;
  roots: RootKey[];
  bundleText: string;
  credentials: Array<{ name: string; type: string; file: string; expect?: string; expectReasons?: string[]; claims: Record<string, unknown> }>;
  receiptsFolder: string;
  /** The demo consumer's owner profile (their receipts' ID ending). */
  owner: { idLast4: string; maskedName?: string };
  payload(file: string): string;
}

let made: Promise<UnitDemo> | undefined;

export function unitDemo(): Promise<UnitDemo> {
  made ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-pwa-unit-'));
    // A child process: DOM test environments replace URL, which tsx's module loader needs.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve('test/harness/run.ts'), 'demo', '--out', dir]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    return {
      dir,
      roots: JSON.parse(readFileSync(join(dir, index.roots), 'utf8')),
      bundleText: readFileSync(join(dir, index.bundle), 'utf8').trim(),
      credentials: index.credentials,
      receiptsFolder: index.receipts,
      owner: index.owner,
      payload: (file: string) => readFileSync(join(dir, file), 'utf8').trim(),
    };
  })();
  return made;
}

/**
 * The demo's trust bundle, opened against its roots, and every demo parcel's verdict for the demo
 * consumer (their own receipts, their owner profile, now), by credential name.
 */
export async function demoParcelVerdicts(demo: UnitDemo): Promise<{ bundle: TrustBundle; verdicts: Map<string, Verdict> }> {
  const loaded = await loadTrustBundle(demo.bundleText, demo.roots);
  if (!loaded.ok) throw new Error(loaded.error.code);
  const bundle = loaded.value;
  const receipts = demo.credentials.filter((c) => c.type === 'receipt' && c.file.startsWith(`${demo.receiptsFolder}/`)).map((c) => demo.payload(c.file));
  const verdicts = new Map<string, Verdict>();
  for (const p of demo.credentials.filter((c) => c.type === 'parcel')) {
    verdicts.set(p.name, await verifyCredential(demo.payload(p.file), { bundle, receipts, owner: demo.owner, now: new Date() }));
  }
  return { bundle, verdicts };
}
