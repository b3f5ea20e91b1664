// `crosscheck issue TYPE --key FILE --in CLAIMS.json`: readable claims in, signed payload out.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PartyCodes } from '../../shared/credential/claims/index.ts';
import { CREDENTIAL_TYPES, type CredentialType } from '../../shared/credential/claims/types.ts';
import { SealError, type SigningKey } from '../../shared/credential/index.ts';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from '../io.ts';
import { buyerCommitmentHex } from '../../shared/credential/buyer-commitment.ts';
import { openSigningKey } from '../keys/key-source.ts';
import { issueBatch } from '../batch/batch.ts';

// The claims (their schemas, zod) and the trust bundle reader are imported where a single
// credential is issued or a bundle read: a batch signing on worker threads validates nothing in
// this thread, and loading them cost it ~200 ms of CPU (issue 14).
const claimsModule = () => import('../../shared/credential/claims/index.ts');

const ISSUABLE = CREDENTIAL_TYPES.filter((t): t is Exclude<CredentialType, 'trust-bundle'> => t !== 'trust-bundle');

export const command: CliCommand = {
  summary: 'sign a parcel, receipt, listing or brand-authorization credential',
  usage: `usage: crosscheck issue ${ISSUABLE.join('|')} --key KEY [--in CLAIMS.json|-] [--order-secret HEX]
                      [--trust BUNDLE [--roots ROOTS.json]]
       crosscheck issue TYPE --key KEY --batch [CLAIMS.ndjson|-] [--workers N] [--trust BUNDLE …]

Reads the claims as readable JSON (shared/credential/FORMAT.md §5: GTINs as digits, times as ISO
8601, money as integer fen, bytes as hex), validates them, encodes them compactly and signs them
with KEY: the keygen private key file, or a key in a hardware security module named by a PKCS#11
URI, 'pkcs11:token=…;object=…?module-path=…&pin-source=…' (see crosscheck help keygen). The
payload (CC1:…) goes to stdout. "type" may be omitted from the JSON; issuedAt defaults to now.
Trust bundles are made with \`crosscheck trust build\`.

--batch: the claims are NDJSON, one credential per line (FILE, or stdin with - or nothing); one
payload per line goes to stdout in input order, so output line N is input line N. A line that
cannot be issued gives an empty output line and "line N: why" on stderr, and the batch goes on;
exit code 1 if any line failed. Lines are written whole as soon as all earlier ones are, so a
stopped batch leaves only complete payloads. A key file signs on --workers N threads (default:
one per core); an HSM key signs in the token, one operation at a time.

--order-secret HEX (parcels): the order's 32-byte secret from its receipt; the buyer commitment
is computed from it and the parcel id when the claims do not carry buyerCommitment. (In
production the platform hands the warehouse the commitment, never the secret.)

--trust BUNDLE (parcels): name parties by their registry code in that trust bundle (checked
against ROOTS.json, default roots.json beside it) instead of by packed id: a smaller QR code
(FORMAT.md §4.5).`,
  async run(args, io) {
    // `--batch` may stand alone (stdin): give it its `-` before the generic parser sees it.
    const normalized = args.map((arg, i) => (arg === '--batch' && (i === args.length - 1 || args[i + 1]!.startsWith('--')) ? '--batch=-' : arg));
    const { flags, positionals } = parseArgs(normalized, { values: ['key', 'in', 'order-secret', 'trust', 'roots', 'batch', 'workers'] });
    const [type, ...extra] = positionals;
    if (!type || !(ISSUABLE as readonly string[]).includes(type)) throw new CliError(`expected a type: ${ISSUABLE.join(', ')}`);
    if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}`);
    const keyPath = flags.get('key');
    if (typeof keyPath !== 'string') throw new CliError('--key FILE is required');
    const batch = flags.get('batch');
    if (batch === undefined && flags.has('workers')) throw new CliError('--workers goes with --batch');
    if (batch !== undefined) {
      if (flags.has('in')) throw new CliError('--batch reads the claims itself: --batch FILE or --batch - (stdin)');
      if (flags.has('order-secret')) throw new CliError('--order-secret is for one parcel; in a batch each line carries its buyerCommitment');
    }
    const workers = parseWorkers(flags.get('workers'));
    const input = typeof batch === 'string' ? await batchInput(io, batch) : undefined;
    const partyCodes = await partyCodesFor(type, flags, io);
    const source = await openSigningKey(keyPath, io);
    try {
      if (input) {
        const summary = await issueBatch({ type: type as Exclude<CredentialType, 'trust-bundle'>, key: source, input, io, ...(partyCodes && { partyCodes }), ...(workers !== undefined && { workers }) });
        if (summary.failed === 0) return 0;
        io.stderr(`crosscheck issue: ${summary.issued} of ${summary.lines} lines issued, ${summary.failed} failed\n`);
        return 1;
      }
      return await issueOne(type as Exclude<CredentialType, 'trust-bundle'>, source.key, flags, partyCodes, io);
    } finally {
      source.close();
    }
  },
};

function parseWorkers(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new CliError('--workers: a whole number from 1 to 256');
  return n;
}

async function batchInput(io: CliIo, file: string): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>> {
  if (file === '-') return io.stdinStream?.() ?? [await io.readStdin()];
  const path = resolve(io.cwd, file);
  try {
    if (!(await stat(path)).isFile()) throw new CliError(`cannot read ${file}: not a file`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
  // Reads of 1 MiB: a 20 MB batch in 64 KiB reads cost ~50 ms of CPU, in 1 MiB reads ~13.
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

async function partyCodesFor(type: string, flags: Map<string, string | true>, io: CliIo): Promise<PartyCodes | undefined> {
  const trustPath = flags.get('trust');
  if (typeof trustPath !== 'string') return undefined;
  if (type !== 'parcel') throw new CliError('--trust is for parcels only');
  const roots = flags.get('roots');
  const { readBundle } = await import('./trust.ts');
  const bundle = await readBundle(io, trustPath, typeof roots === 'string' ? roots : undefined);
  return (await claimsModule()).partyCodesOf(bundle.issuers.values());
}

async function issueOne(
  type: Exclude<CredentialType, 'trust-bundle'>,
  key: SigningKey,
  flags: Map<string, string | true>,
  partyCodes: PartyCodes | undefined,
  io: CliIo,
): Promise<number> {
  const inPath = flags.get('in');
  const text = await readTextInput(io, typeof inPath === 'string' ? inPath : undefined);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new CliError(`${typeof inPath === 'string' ? inPath : 'stdin'}: not valid JSON`);
  }
  const { withIssuedAt } = await import('../batch/issue-line.ts');
  const { sealClaims } = await claimsModule();
  input = withIssuedAt(input);
  const orderSecret = flags.get('order-secret');
  if (typeof orderSecret === 'string') {
    if (type !== 'parcel') throw new CliError('--order-secret is for parcels only');
    if (!/^[0-9a-fA-F]{64}$/.test(orderSecret)) throw new CliError('--order-secret: 64 hex digits (32 bytes) expected');
    // Claims that are not an object are left to the schema, which names what is wrong.
    const claims = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    if (claims.buyerCommitment === undefined && typeof claims.id === 'string') {
      input = { ...claims, buyerCommitment: await buyerCommitmentHex(orderSecret, claims.id) };
    }
  }
  let sealed: Awaited<ReturnType<typeof sealClaims>>;
  try {
    sealed = await sealClaims(type, input, key, partyCodes ? { partyCodes } : undefined);
  } catch (e) {
    // Valid claims that no verifier could open: too large for a QR code, or unencodable.
    if (e instanceof SealError) throw new CliError(`claims: ${e.message}`);
    throw e;
  }
  if (!sealed.ok) throw new CliError(`claims: ${sealed.error.detail}`);
  io.stdout(`${sealed.value.payload}\n`);
  return 0;
}
