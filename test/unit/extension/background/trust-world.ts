// One throw-away trust world (made with the CLI) per background test file: the world, its pinned
// roots and its bundle text, made before the file's tests and removed after them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { makeTrustWorld, type TrustWorld } from '../../../fixtures/sites/trust-world.ts';

export interface BackgroundTrust {
  world: TrustWorld;
  roots: unknown[];
  bundle: string;
}

/** Registers the set-up; the returned object is filled in before the first test runs. */
export function useTrustWorld(prefix: string): BackgroundTrust {
  const trust = {} as BackgroundTrust;
  let scratch = '';
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), prefix));
    trust.world = await makeTrustWorld(scratch);
    trust.roots = JSON.parse(readFileSync(join(scratch, 'trust/roots.json'), 'utf8')) as unknown[];
    trust.bundle = readFileSync(join(scratch, 'trust/bundle.txt'), 'utf8').trim();
  }, 60_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  return trust;
}
