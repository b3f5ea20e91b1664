// Builds the apps once before the browser tests, so they run against what `npm run build` ships.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default async function setup(): Promise<void> {
  if (process.env.CROSSCHECK_SKIP_BUILD) return;
  for (const mode of ['pwa', 'extension']) {
    await build({ root, configFile: `${root}vite.config.ts`, mode, logLevel: 'warn' });
  }
}
