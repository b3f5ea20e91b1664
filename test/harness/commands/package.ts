// `npm run package`: the Chrome Web Store zip of the extension. A store
// build never has the demo's localhost matches, so the extension is rebuilt without them into its
// own folder first (dist/extension may hold the `npm start` build with loopback enabled), then
// zipped by the extension's own packager (extension/package.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parseArgs, type CliCommand } from '../../../cli/io.ts';
import { packageExtension } from '../../../extension/package.ts';
import { displayPath, REPO_ROOT } from '../store/apps.ts';

export const command: CliCommand = {
  summary: 'build the extension for the store (no localhost access) and zip it',
  usage: `usage: npm run package -- [--trust-url URL] [--out FILE] [--dir DIR] [--no-build]

Builds the extension without the demo store's localhost matches into DIR (default
dist/extension-store) and zips it into FILE (default dist/crosscheck-extension.zip).
--trust-url: where the published extension refreshes the trust bundle (its origin gets host
access); default $CROSSCHECK_TRUST_URL, else the local app (a warning says so).
--no-build zips DIR as it is.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['out', 'dir', 'trust-url'], booleans: ['no-build'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const dirFlag = flags.get('dir');
    const outFlag = flags.get('out');
    const dir = resolve(io.cwd, typeof dirFlag === 'string' ? dirFlag : join(REPO_ROOT, 'dist/extension-store'));
    const out = resolve(io.cwd, typeof outFlag === 'string' ? outFlag : join(REPO_ROOT, 'dist/crosscheck-extension.zip'));
    if (!flags.has('no-build')) {
      const trustFlag = flags.get('trust-url');
      const trustUrl = typeof trustFlag === 'string' ? trustFlag : io.env.CROSSCHECK_TRUST_URL;
      if (trustUrl !== undefined && !/^https?:\/\/[^\s#]+$/.test(trustUrl)) throw new CliError('--trust-url: an http(s) URL expected');
      if (trustUrl === undefined) io.stderr('package: no --trust-url: the zip refreshes its trust bundle from the local app (fine for testing, not for the store)\n');
      const { build } = await import('vite');
      const saved = { loopback: process.env.CROSSCHECK_EXTENSION_LOOPBACK, trust: process.env.CROSSCHECK_TRUST_URL };
      delete process.env.CROSSCHECK_EXTENSION_LOOPBACK;
      if (trustUrl !== undefined) process.env.CROSSCHECK_TRUST_URL = trustUrl;
      try {
        await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), mode: 'extension', logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } });
      } finally {
        if (saved.loopback !== undefined) process.env.CROSSCHECK_EXTENSION_LOOPBACK = saved.loopback;
        if (saved.trust === undefined) delete process.env.CROSSCHECK_TRUST_URL;
        else process.env.CROSSCHECK_TRUST_URL = saved.trust;
      }
    }
    if (!existsSync(join(dir, 'manifest.json'))) throw new CliError(`${displayPath(dir)}: no built extension (manifest.json missing)`);
    const result = await packageExtension(dir, out);
    io.stdout(`${JSON.stringify({ zip: displayPath(out), from: displayPath(dir), ...result }, null, 2)}\n`);
    return 0;
  },
};
