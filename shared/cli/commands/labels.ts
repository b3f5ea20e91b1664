// `crosscheck labels --demo DIR --out DIR2`: printable parcel labels (PDF and SVG, 100 × 150 mm)
// for every parcel of a demo world, with the QR code (the verify URL), the waybill printed beside
// it and the product lines.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parcelLabelPdf, parcelLabelSvg } from '../labels/content.ts';
import { loadStoreModel, StoreModelError } from '../store/model.ts';
import { CliError, parseArgs, type CliCommand } from '../io.ts';

export const command: CliCommand = {
  summary: 'write printable parcel labels (PDF + SVG) for the parcels of a demo world',
  usage: `usage: crosscheck labels --demo DIR --out DIR2 [--verify-base URL] [--only NAME]

For every parcel in DIR/index.json (crosscheck demo --out DIR) writes DIR2/NAME.pdf and
DIR2/NAME.svg: a 100 × 150 mm label with the carrier, the waybill as printed (a copied label keeps
its own waybill), the product lines and a QR code holding the verify URL with the credential in the
fragment.
--verify-base: the verify page in the QR codes (default: the demo's, usually http://localhost:4173/verify).
--only: just this parcel (e.g. serum-yours).`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['demo', 'out', 'verify-base', 'only'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const demo = flags.get('demo');
    const out = flags.get('out');
    if (typeof demo !== 'string') throw new CliError('--demo DIR is required');
    if (typeof out !== 'string') throw new CliError('--out DIR is required');
    const base = flags.get('verify-base');
    if (typeof base === 'string' && !/^https?:\/\/[^#\s]+$/.test(base)) throw new CliError('--verify-base: an http(s) URL without a fragment expected');
    let model;
    try {
      model = await loadStoreModel(resolve(io.cwd, demo));
    } catch (e) {
      if (e instanceof StoreModelError) throw new CliError(e.message);
      throw e;
    }
    const verifyBase = typeof base === 'string' ? base : model.verifyBase;
    const only = flags.get('only');
    const parcels = typeof only === 'string' ? model.parcels.filter((p) => p.name === only) : model.parcels;
    if (parcels.length === 0) throw new CliError(typeof only === 'string' ? `--only: no parcel named ${only}` : 'the demo world has no parcels');
    const names = new Map([...model.products, ...model.marketplaceOffers].map((p) => [p.gtin, p.name]));
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
