// `npm run demo -- --out DIR`: writes the demo world (test/harness/demo/world.ts) to DIR.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { buildDemoWorld } from '../demo/world.ts';
import { CliError, parseArgs, type CliCommand } from '../../../cli/io.ts';

export const command: CliCommand = {
  summary: 'write a complete demo world: keys, trust bundle, listings, receipts, parcels, labels',
  usage: `usage: npm run demo -- --out DIR [--verify-base URL] [--now ISO-TIME]

Writes into DIR (existing files of the same names are replaced, nothing else is touched):
  index.json            bundle, roots, receipts folder, and credentials[] with type, file,
                        claims, expect (parcels, receipts, brand authorizations) or
                        expectByOrigin (listings), label and labelWaybill (parcels)
  trust/bundle.txt      the signed trust bundle;  trust/roots.json  the pinned root key(s)
  trust/description.json the readable bundle it was signed from
  keys/*.json           private JWKs (0600) and keys/*.pub.json
  receipts/*.txt        the demo consumer's receipts (for verify --receipts)
  other-buyer/*.txt     another buyer's receipt (its parcel's code is the copied label)
  parcels/*.txt, *.svg  parcel payloads and 100 × 150 mm labels with the verify-URL QR code
  listings/*.txt        listing credentials for the demo store (http://localhost:5174)
  brand-authorizations/*.txt

--verify-base: the verify page in the label QR codes (default http://localhost:4173/verify).
--now: build the world as of this time (default: now).`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['out', 'verify-base', 'now'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const out = flags.get('out');
    if (typeof out !== 'string') throw new CliError('--out DIR is required');
    const base = flags.get('verify-base');
    const nowText = flags.get('now');
    const now = typeof nowText === 'string' ? new Date(nowText) : undefined;
    if (now && Number.isNaN(now.getTime())) throw new CliError('--now: an ISO 8601 time expected');
    const started = performance.now();
    const world = await buildDemoWorld({ ...(typeof base === 'string' && { verifyBase: base }), ...(now && { now }) });
    const dir = resolve(io.cwd, out);
    for (const file of world.files) {
      const path = join(dir, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, file.secret ? { mode: 0o600 } : {});
      if (file.secret) await chmod(path, 0o600);
    }
    const parcels = world.index.credentials.filter((c) => c.type === 'parcel');
    io.stdout(
      `${JSON.stringify({ out: dir, files: world.files.length, credentials: world.index.credentials.length, parcels: parcels.map((p) => `${p.name}: ${p.expect}`), ms: Math.round(performance.now() - started) }, null, 2)}\n`,
    );
    return 0;
  },
};
