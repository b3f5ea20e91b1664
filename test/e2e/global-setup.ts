// Before the browser tests: make the demo world (keys, trust bundle, credentials) if it is missing,
// then build the apps once, so the tests run against what `npm run build` ships.
import { build } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../../shared/cli/main.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIR = process.env.CROSSCHECK_DEMO_DIR ?? `${root}dist/demo`;

export default async function setup(): Promise<void> {
  if (!existsSync(`${DEMO_DIR}/index.json`) && existsSync(`${root}shared/cli/commands/demo.ts`)) {
    const code = await main(['demo', '--out', DEMO_DIR]);
    if (code !== 0) throw new Error(`crosscheck demo failed with exit code ${code}`);
  }
  if (process.env.CROSSCHECK_SKIP_BUILD) return;
  process.env.CROSSCHECK_DEMO_DIR = DEMO_DIR;
  // Order matters: the PWA build empties dist/pwa, the badge is then written into it.
  for (const mode of ['pwa', 'badge', 'extension']) {
    // No `root` here: each mode's config sets its own (the extension's is extension/).
    await build({ configFile: `${root}vite.config.ts`, mode, logLevel: 'warn' });
  }
}
