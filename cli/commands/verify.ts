// `crosscheck verify`: the Verdict as JSON. Exit 0 whenever a verdict was reached — a forged
// parcel is a successful verification with a negative result — and 2 only when the command could
// not run (no bundle, unreadable receipts folder, bad option).
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseScanned } from '../../shared/credential/index.ts';
import { pageContextOf, parseOwnerProfile, verifyCredential, type VerifyContext } from '../../shared/verdict/index.ts';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from '../io.ts';
import { isLiteralPayload } from './inspect.ts';
import { readBundle } from './trust.ts';

function parseTime(value: string | true | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(String(value)) || Number.isNaN(t)) throw new CliError(`--${flag}: an ISO 8601 time expected, e.g. 2026-11-26T12:00:00Z`);
  return new Date(t);
}

/** Every non-hidden file in DIR is one receipt payload (bare or URL form). */
export async function readReceiptsDir(io: CliIo, dir: string): Promise<string[]> {
  const absolute = resolve(io.cwd, dir);
  let names: string[];
  try {
    names = (await readdir(absolute, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    throw new CliError(`--receipts ${dir}: not a readable folder`);
  }
  const out: string[] = [];
  for (const name of names.toSorted()) {
    const text = (await readFile(join(absolute, name), 'utf8')).trim();
    const scanned = parseScanned(text);
    out.push(scanned.ok ? scanned.value.payload : text);
  }
  return out;
}

/** A positional that looks like a payload, a bare Base45 text or a verify URL is taken literally, else as a file. */
async function readPayload(io: CliIo, arg: string | undefined): Promise<string> {
  if (arg !== undefined && isLiteralPayload(io, arg)) return arg.trim();
  return (await readTextInput(io, arg)).trim();
}

export const command: CliCommand = {
  summary: 'verify a credential: the verdict as JSON (exit 0 whenever a verdict is reached)',
  usage: `usage: crosscheck verify --trust BUNDLE [--roots ROOTS.json] [--receipts DIR] [--owner LAST4]
                        [--now ISO-TIME] [--last-verified ISO-TIME] [--last-seen-signed ISO-TIME]
                        [--origin ORIGIN | --page URL] [--waybill NUMBER] [PAYLOAD|FILE|-]

Verifies a credential (bare CC1:… or the verify URL form; a file, or stdin with - or nothing)
against the trust bundle BUNDLE, which is first checked against the pinned roots (default:
roots.json beside BUNDLE). --receipts DIR: the consumer's receipt payloads, one per file, for the
"is this parcel mine" check. --owner: the owner profile's ID ending (the last four characters of
the consumer's ID number); without it no parcel is genuine-yours. --now: the device clock (default:
now). --last-verified: when this device last verified something, --last-seen-signed: the newest
signed time it has seen (the effective now never goes below either). --origin: the web origin a
listing is shown on; --page: the page URL instead (on a marketplace, its item id is checked
against the listing's placements). --waybill: the waybill number printed on the parcel label.

Prints the Verdict as JSON with "status" first: genuine-yours, genuine-unbound, genuine,
not-yours, not-authorized, unknown-issuer, revoked, expired, check-clock, check-trust-data or
invalid.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, {
      values: ['trust', 'roots', 'receipts', 'owner', 'now', 'last-verified', 'last-seen-signed', 'origin', 'page', 'waybill'],
    });
    if (positionals.length > 1) throw new CliError(`unexpected argument ${positionals[1]}`);
    const trust = flags.get('trust');
    if (typeof trust !== 'string') throw new CliError('--trust BUNDLE is required');
    const roots = flags.get('roots');
    const bundle = await readBundle(io, trust, typeof roots === 'string' ? roots : undefined);
    const receiptsDir = flags.get('receipts');
    const ctx: VerifyContext = {
      bundle,
      now: parseTime(flags.get('now'), 'now') ?? new Date(),
      receipts: typeof receiptsDir === 'string' ? await readReceiptsDir(io, receiptsDir) : [],
    };
    const last = parseTime(flags.get('last-verified'), 'last-verified');
    if (last) ctx.lastVerifiedAt = last;
    const seen = parseTime(flags.get('last-seen-signed'), 'last-seen-signed');
    if (seen) ctx.lastSeenSignedAt = seen;
    const owner = flags.get('owner');
    if (typeof owner === 'string') {
      const profile = parseOwnerProfile({ idLast4: owner });
      if (!profile) throw new CliError('--owner LAST4: the last four characters of an ID number (three digits, then a digit or X)');
      ctx.owner = profile;
    }
    const origin = flags.get('origin');
    if (typeof origin === 'string') ctx.origin = origin;
    const page = flags.get('page');
    if (typeof page === 'string') {
      const context = pageContextOf(page);
      if (!context) throw new CliError(`--page ${page}: not an http(s) URL`);
      ctx.page = context;
    }
    const waybill = flags.get('waybill');
    if (typeof waybill === 'string') ctx.labelWaybill = waybill;

    const text = await readPayload(io, positionals[0]);
    const scanned = parseScanned(text);
    const verdict = await verifyCredential(scanned.ok ? scanned.value.payload : text, ctx);
    io.stdout(`${JSON.stringify(verdict, null, 2)}\n`);
    return 0;
  },
};
