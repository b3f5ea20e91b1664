// `npm start`: the whole system on this machine, for a newcomer after
// `npm install`. Makes the demo world if missing, builds what changed (PWA, badge, extension),
// serves the app and the demo store (+ its look-alike) on localhost, prints where to go, and stops
// cleanly on Ctrl-C. Nothing here needs the network.
import { resolve } from 'node:path';
import { CliError, parseArgs, type CliCommand, type CliIo } from '../../../cli/io.ts';
import { command as demoCommand } from './demo.ts';
import { buildEnv, buildTarget, demoExists, displayPath, planBuilds, REPO_ROOT } from '../store/apps.ts';
import { servePwa, type PwaServer } from '../store/serve-pwa.ts';
import { startDemoStore, type DemoStore } from '../store/server.ts';

export const DEFAULT_APP_PORT = 4173;

export function appPort(flag: string | true | undefined, env: Record<string, string | undefined>): number {
  const text = typeof flag === 'string' ? flag : (env.PORT ?? String(DEFAULT_APP_PORT));
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65_535) throw new CliError(`port: 1–65535 expected, got "${text}"`);
  return port;
}

/** Resolves when the process is asked to stop (Ctrl-C, or SIGTERM from a supervisor). */
export function untilStopped(): Promise<string> {
  return new Promise((resolveStop) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolveStop(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

function quietIo(io: CliIo): CliIo {
  return { ...io, stdout: () => {} };
}

export const command: CliCommand = {
  summary: 'build what changed, serve the app and the demo store on localhost (npm start)',
  usage: `usage: npm start -- [--port N] [--demo DIR] [--rebuild | --no-build]

Runs the whole demo on this machine, offline:
  - the demo world in DIR (default dist/demo, or $CROSSCHECK_DEMO_DIR), made if missing;
  - the app (PWA) and badge.js built into dist/pwa, the extension into dist/extension
    (with the demo store's localhost origins enabled), each only when its sources changed;
  - the app on http://localhost:PORT (--port, else $PORT, else ${DEFAULT_APP_PORT});
  - the demo store and its look-alike on the origins the demo listings name.
Stops cleanly on Ctrl-C.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['port', 'demo'], booleans: ['rebuild', 'no-build'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const port = appPort(flags.get('port'), io.env);
    const demoFlag = flags.get('demo');
    const demoDir = resolve(io.cwd, typeof demoFlag === 'string' ? demoFlag : (io.env.CROSSCHECK_DEMO_DIR ?? resolve(REPO_ROOT, 'dist/demo')));
    const appUrl = `http://localhost:${port}`;
    const say = (line = '') => io.stdout(`${line}\n`);

    if (!demoExists(demoDir)) {
      say(`Making the demo world in ${displayPath(demoDir)} …`);
      const code = await demoCommand.run(['--out', demoDir, '--verify-base', `${appUrl}/verify`], quietIo(io));
      if (code !== 0) return code;
    }

    if (!flags.has('no-build')) {
      const env = buildEnv(demoDir, appUrl);
      for (const step of await planBuilds(env, demoDir, REPO_ROOT, flags.has('rebuild'))) {
        if (!step.build) {
          say(`  ${step.target.padEnd(9)} up to date`);
          continue;
        }
        const started = performance.now();
        say(`  ${step.target.padEnd(9)} building (${step.why}) …`);
        await buildTarget(step.target, env[step.target], demoDir);
        say(`  ${step.target.padEnd(9)} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }

    let app: PwaServer;
    try {
      app = await servePwa({ port, root: resolve(REPO_ROOT, 'dist/pwa') });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(code === 'EADDRINUSE' ? `port ${port} is in use: stop the other server or pass --port (or PORT=…)` : `cannot serve the app: ${(e as Error).message}`);
    }
    let store: DemoStore;
    try {
      store = await startDemoStore({ demoDir, appUrl });
    } catch (e) {
      await app.close();
      throw new CliError((e as Error).message);
    }

    const m = store.model;
    const product = m.products[0];
    const order = m.orders[0];
    const row = (name: string, url: string, note = '') => say(`  ${name.padEnd(20)} ${url.padEnd(44)} ${note}`.trimEnd());
    say();
    say('CrossCheck is running on this machine (no network needed):');
    say();
    row('CrossCheck app', appUrl, 'verify, scan, quota ledger');
    row('Demo store', `${store.storeUrl}/`, 'products with verified badges');
    if (product) row('  a product page', `${store.storeUrl}/products/${product.slug}`);
    if (order) row('  an order', `${store.storeUrl}/orders/${order.orderId}`, 'with "Add to my CrossCheck ledger"');
    row('  parcel labels', `${store.storeUrl}/labels`, 'SVG and PDF, QR codes to scan');
    row('Look-alike shop', `${store.lookalikeUrl}/`, 'copied badges; /products/flash-sale has a fake one');
    row('Extension', displayPath(resolve(REPO_ROOT, 'dist/extension')));
    say();
    say('Next steps:');
    say('  1. Chrome → chrome://extensions → Developer mode → "Load unpacked" → choose dist/extension.');
    say('  2. Open a product page of the demo store: the badge says "Verified listing" and the extension');
    say('     shows the cross-border tax, your quota and authenticity beside the price.');
    say('  3. Open the same page on the look-alike shop: the badge says "Not valid on this site";');
    say('     its flash-sale page draws a fake badge, which the extension flags as not genuine.');
    say('  4. Open an order and press "Add to my CrossCheck ledger": the app verifies the receipt and');
    say('     adds it to your quota ledger.');
    say(`  5. Open the labels page and scan a label with the app's scanner (${appUrl}/scan).`);
    say('     A phone needs the app on an HTTPS address it can reach: see pwa/badge/README.md.');
    say();
    say('Press Ctrl-C to stop.');

    const signal = await untilStopped();
    await Promise.all([app.close(), store.close()]);
    io.stderr(`start: stopped (${signal})\n`);
    return 0;
  },
};
