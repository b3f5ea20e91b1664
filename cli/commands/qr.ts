// `crosscheck qr`: a credential as a QR code (SVG or PNG) or as the verify URL.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_VERIFY_BASE, parseScanned, toVerifyUrl } from '../../shared/credential/index.ts';
import { qrPng, qrSvg, qrVersion, type QrErrorLevel } from '../qr-image.ts';
import { CliError, parseArgs, type CliCommand } from '../io.ts';
import { readPayload } from './inspect.ts';

export const command: CliCommand = {
  summary: 'render a credential as a QR code (svg, png) or as its verify URL',
  usage: `usage: crosscheck qr --format svg|png|url [--form url|bare] [--base URL] [--level L|M|Q|H] [--out FILE] [PAYLOAD|-]

PAYLOAD is the credential ("CC1:…" or its verify URL), a file containing it, or "-"/nothing for
standard input.

  --format url    print the verify URL: BASE#CC1:<digits> (the payload rides in the fragment,
                  which never reaches a server; see shared/credential/QR.md)
  --format svg    print an SVG QR code
  --format png    write a PNG QR code (binary) to standard output or --out FILE
  --form          what the QR code holds: url (default; a phone camera opens the verify page)
                  or bare (the CC1: text, for the in-app scanner)
  --base URL      verify page (default ${DEFAULT_VERIFY_BASE})
  --level         error-correction level (default M)
The QR version reached is reported on standard error.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['format', 'form', 'base', 'level', 'out', 'prefix'] });
    const format = flags.get('format');
    if (format !== 'svg' && format !== 'png' && format !== 'url') throw new CliError('--format must be svg, png or url');
    const form = flags.get('form') ?? 'url';
    if (form !== 'url' && form !== 'bare') throw new CliError('--form must be url or bare');
    const level = (flags.get('level') ?? 'M') as QrErrorLevel;
    if (!['L', 'M', 'Q', 'H'].includes(level)) throw new CliError('--level must be L, M, Q or H');
    const base = (flags.get('base') as string | undefined) ?? DEFAULT_VERIFY_BASE;
    if (!/^https?:\/\/[^\s#]+$/.test(base)) throw new CliError('--base must be an http(s) URL without a fragment');
    if (positionals.length > 1) throw new CliError('give at most one PAYLOAD');
    const prefix = flags.get('prefix') as string | undefined;

    const scanned = parseScanned(await readPayload(io, positionals[0]), prefix === undefined ? {} : { prefix });
    if (!scanned.ok) throw new CliError(`PAYLOAD: ${scanned.error.message.en}`);
    let url: string;
    try {
      url = toVerifyUrl(scanned.value.payload, base);
    } catch (e) {
      throw new CliError(`PAYLOAD: ${(e as Error).message}`);
    }
    if (format === 'url') {
      io.stdout(`${url}\n`);
      return 0;
    }
    const content = form === 'url' ? url : scanned.value.payload;
    io.stderr(`QR version ${qrVersion(content, level)} at level ${level} (${form} form, ${content.length} characters)\n`);
    const out = flags.get('out') as string | undefined;
    if (format === 'svg') {
      const svg = await qrSvg(content, { level });
      if (out) await writeFile(resolve(io.cwd, out), svg);
      else io.stdout(svg.endsWith('\n') ? svg : `${svg}\n`);
      return 0;
    }
    const png = await qrPng(content, { level });
    if (out) await writeFile(resolve(io.cwd, out), png);
    else io.stdoutBytes(png);
    return 0;
  },
};
