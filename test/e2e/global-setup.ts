// Before the browser tests: make the demo world (keys, trust bundle, credentials) if it is missing,
// then build the apps once, so the tests run against what `npm run build` ships.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runHarness } from '../harness/run.ts';
import { BUILD_ORDER, buildTarget } from '../harness/store/apps.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIR = process.env.CROSSCHECK_DEMO_DIR ?? `${root}dist/demo`;

export default async function setup(): Promise<void> {
  if (!existsSync(`${DEMO_DIR}/index.json`)) {
    const code = await runHarness(['demo', '--out', DEMO_DIR]);
    if (code !== 0) throw new Error(`npm run demo failed with exit code ${code}`);
  }
  if (process.env.CROSSCHECK_SKIP_BUILD) return;
  process.env.CROSSCHECK_DEMO_DIR = DEMO_DIR;
  // The store build of the extension (shop hosts only); `npm start` builds the demo one itself.
  // buildTarget builds in production mode whatever NODE_ENV vitest set.
  for (const target of BUILD_ORDER) await buildTarget(target, { CROSSCHECK_DEMO_DIR: DEMO_DIR }, DEMO_DIR);
}
