// `crosscheck labels --demo DIR --out DIR2`: printable parcel labels (PDF and SVG, 100 × 150 mm)
// for every parcel of a demo world, with the QR code (the verify URL), the waybill printed beside
// it and the product lines.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openCredential, DEFAULT_VERIFY_BASE } from '../../shared/credential/index.ts';
import { decodeClaims } from '../../shared/credential/claims/index.ts';
import { parcelLabelPdf, parcelLabelSvg, type ParcelForLabel } from '../labels/content.ts';
import { demoParcels, demoProductNames, openDemoFolder, DemoFolderError, type DemoFolder } from '../labels/demo-folder.ts';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from '../io.ts';

/**
 * One parcel credential from a file (or stdin): opened and its claims decoded, so the label prints
 * exactly what is signed. Its signature is not judged here — printing your own label needs no trust
 * bundle; `crosscheck verify` is the check.
 */
async function parcelFromPayload(io: CliIo, file: string, waybill: string | undefined): Promise<ParcelForLabel> {
  const payload = (await readTextInput(io, file === '-' ? undefined : file)).trim();
  const opened = await openCredential(payload);
  if (!opened.ok) throw new CliError(`--parcel: not a readable credential (${opened.error.stage}: ${opened.error.code})`);
  const claims = decodeClaims(opened.value.claims);
  if (!claims.ok) throw new CliError(`--parcel: claims do not decode (${claims.error.code} at ${claims.error.path || '(root)'})`);
  if (claims.value.type !== 'parcel') throw new CliError(`--parcel: a ${claims.value.type} credential, not a parcel`);
  const c = claims.value;
  return {
    payload,
    labelWaybill: waybill ?? c.waybill,
    claims: { carrier: c.carrier, declaration: c.declaration, port: c.port, mode: c.mode, goods: c.goods },
  };
}

export const command: CliCommand = {
  summary: 'write printable parcel labels (PDF + SVG) for the parcels of a demo world',
  usage: `usage: crosscheck labels --demo DIR --out DIR2 [--verify-base URL] [--only NAME]
       crosscheck labels --parcel FILE|- --out DIR2 [--name NAME] [--waybill W] [--verify-base URL]

For every parcel in DIR/index.json (a demo world: npm run demo -- --out DIR) writes DIR2/NAME.pdf and
DIR2/NAME.svg: a 100 × 150 mm label with the carrier, the waybill as printed (a copied label keeps
its own waybill), the product lines and a QR code holding the verify URL with the credential in the
fragment.
--verify-base: the verify page in the QR codes (default: the demo's, usually http://localhost:4173/verify).
--only: just this parcel (e.g. serum-yours).
--parcel: one parcel credential (CC1:…) of your own instead of a demo world; writes NAME.pdf and
NAME.svg (default NAME: the waybill). --waybill: the number to print, if not the signed one.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['demo', 'out', 'verify-base', 'only', 'parcel', 'name', 'waybill'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const demo = flags.get('demo');
    const parcelFile = flags.get('parcel');
    const out = flags.get('out');
    if (typeof out !== 'string') throw new CliError('--out DIR is required');
    const base = flags.get('verify-base');
    if (typeof base === 'string' && !/^https?:\/\/[^#\s]+$/.test(base)) throw new CliError('--verify-base: an http(s) URL without a fragment expected');

    if (typeof parcelFile === 'string') {
      if (typeof demo === 'string') throw new CliError('--parcel and --demo: choose one');
      const waybill = flags.get('waybill');
      const parcel = await parcelFromPayload(io, parcelFile, typeof waybill === 'string' ? waybill : undefined);
      const nameFlag = flags.get('name');
      const name = typeof nameFlag === 'string' ? nameFlag : parcel.labelWaybill;
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new CliError('--name: 1–64 of A-Z a-z 0-9 . _ -');
      const verifyBase = typeof base === 'string' ? base : DEFAULT_VERIFY_BASE;
      const dir = resolve(io.cwd, out);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${name}.pdf`), parcelLabelPdf(parcel, verifyBase));
      await writeFile(join(dir, `${name}.svg`), await parcelLabelSvg(parcel, verifyBase));
      io.stdout(`${JSON.stringify({ out: dir, verifyBase, labels: [name] }, null, 2)}\n`);
      return 0;
    }
    if (typeof demo !== 'string') throw new CliError('--demo DIR or --parcel FILE is required');
    let folder: DemoFolder;
    let all;
    try {
      folder = await openDemoFolder(resolve(io.cwd, demo));
      all = await demoParcels(folder);
    } catch (e) {
      if (e instanceof DemoFolderError) throw new CliError(e.message);
      throw e;
    }
    const verifyBase = typeof base === 'string' ? base : folder.verifyBase;
    const only = flags.get('only');
    const parcels = typeof only === 'string' ? all.filter((p) => p.name === only) : all;
    if (parcels.length === 0) throw new CliError(typeof only === 'string' ? `--only: no parcel named ${only}` : 'the demo world has no parcels');
    const names = demoProductNames(folder);
    const dir = resolve(io.cwd, out);
    await mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const parcel of parcels) {
      await writeFile(join(dir, `${parcel.name}.pdf`), parcelLabelPdf(parcel, verifyBase, names));
      await writeFile(join(dir, `${parcel.name}.svg`), await parcelLabelSvg(parcel, verifyBase, names));
      written.push(parcel.name);
    }
    io.stdout(`${JSON.stringify({ out: dir, verifyBase, labels: written }, null, 2)}\n`);
    return 0;
  },
};
