// A fresh demo world for unit tests (the same `npm run demo` the browser tests use), made once
// per test file in a temporary folder: real keys, a real signed bundle, real receipts and parcels.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RootKey } from '../../../shared/trust/bundle.ts';

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
