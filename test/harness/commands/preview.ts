// `npm run preview`: serves the built app in dist/pwa, badge.js included,
// on http://localhost:4173 or $PORT. Nothing is built here (`npm run build` does that).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, parseArgs, type CliCommand } from '../../../cli/io.ts';
import { displayPath, REPO_ROOT } from '../store/apps.ts';
import { servePwa } from '../store/serve-pwa.ts';
import { appPort, DEFAULT_APP_PORT, untilStopped } from './start.ts';

export const command: CliCommand = {
  summary: 'serve the built app (dist/pwa) on http://localhost:4173 or $PORT',
  usage: `usage: npm run preview -- [--port N] [--dir DIR]

Serves DIR (default dist/pwa) on http://localhost:PORT (--port, else $PORT, else ${DEFAULT_APP_PORT}).
Build it first with npm run build. Stops cleanly on Ctrl-C.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['port', 'dir'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const port = appPort(flags.get('port'), io.env);
    const dirFlag = flags.get('dir');
    const root = resolve(io.cwd, typeof dirFlag === 'string' ? dirFlag : resolve(REPO_ROOT, 'dist/pwa'));
    if (!existsSync(resolve(root, 'index.html'))) throw new CliError(`${displayPath(root)}: no built app here (run npm run build)`);
    const app = await servePwa({ port, root }).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(e.code === 'EADDRINUSE' ? `port ${port} is in use (pass --port or PORT=…)` : e.message);
    });
    io.stdout(`Serving ${displayPath(root)} on http://localhost:${port}\nPress Ctrl-C to stop.\n`);
    const signal = await untilStopped();
    await app.close();
    io.stderr(`preview: stopped (${signal})\n`);
    return 0;
  },
};
