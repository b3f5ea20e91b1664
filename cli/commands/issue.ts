// `crosscheck issue TYPE --key FILE --in CLAIMS.json`: readable claims in, signed payload out.
import { resolve } from 'node:path';
import { partyCodesOf, sealClaims, CREDENTIAL_TYPES, type CredentialType, type PartyCodes } from '../../shared/credential/claims/index.ts';
import { SealError } from '../../shared/credential/index.ts';
import { CliError, parseArgs, readTextInput, type CliCommand } from '../io.ts';
import { buyerCommitmentHex } from '../../shared/credential/buyer-commitment.ts';
import { readSigningKeyFile } from './keygen.ts';
import { readBundle } from './trust.ts';

const ISSUABLE = CREDENTIAL_TYPES.filter((t): t is Exclude<CredentialType, 'trust-bundle'> => t !== 'trust-bundle');

export const command: CliCommand = {
  summary: 'sign a parcel, receipt, listing or brand-authorization credential',
  usage: `usage: crosscheck issue ${ISSUABLE.join('|')} --key FILE [--in CLAIMS.json|-] [--order-secret HEX]
                      [--trust BUNDLE [--roots ROOTS.json]]

Reads the claims as readable JSON (shared/credential/FORMAT.md §5: GTINs as digits, times as ISO
8601, money as integer fen, bytes as hex), validates them, encodes them compactly and signs them
with the keygen private key FILE. The payload (CC1:…) goes to stdout. "type" may be omitted from
the JSON; issuedAt defaults to now. Trust bundles are made with \`crosscheck trust build\`.

--order-secret HEX (parcels): the order's 32-byte secret from its receipt; the buyer commitment
is computed from it and the parcel id when the claims do not carry buyerCommitment. (In
production the platform hands the warehouse the commitment, never the secret.)

--trust BUNDLE (parcels): name parties by their registry code in that trust bundle (checked
against ROOTS.json, default roots.json beside it) instead of by packed id: a smaller QR code
(FORMAT.md §4.5).`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['key', 'in', 'order-secret', 'trust', 'roots'] });
    const [type, ...extra] = positionals;
    if (!type || !(ISSUABLE as readonly string[]).includes(type)) throw new CliError(`expected a type: ${ISSUABLE.join(', ')}`);
    if (extra.length > 0) throw new CliError(`unexpected argument ${extra[0]}`);
    const keyPath = flags.get('key');
    if (typeof keyPath !== 'string') throw new CliError('--key FILE is required');
    const { key } = await readSigningKeyFile(resolve(io.cwd, keyPath));
    const inPath = flags.get('in');
    const text = await readTextInput(io, typeof inPath === 'string' ? inPath : undefined);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      throw new CliError(`${typeof inPath === 'string' ? inPath : 'stdin'}: not valid JSON`);
    }
    if (input !== null && typeof input === 'object' && !Array.isArray(input) && !('issuedAt' in input)) {
      input = { ...input, issuedAt: new Date().toISOString() };
    }
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
    let partyCodes: PartyCodes | undefined;
    const trustPath = flags.get('trust');
    if (typeof trustPath === 'string') {
      if (type !== 'parcel') throw new CliError('--trust is for parcels only');
      const roots = flags.get('roots');
      const bundle = await readBundle(io, trustPath, typeof roots === 'string' ? roots : undefined);
      partyCodes = partyCodesOf(bundle.issuers.values());
    }
    let sealed: Awaited<ReturnType<typeof sealClaims>>;
    try {
      sealed = await sealClaims(type as Exclude<CredentialType, 'trust-bundle'>, input, key, partyCodes ? { partyCodes } : undefined);
    } catch (e) {
      // Valid claims that no verifier could open: too large for a QR code, or unencodable.
      if (e instanceof SealError) throw new CliError(`claims: ${e.message}`);
      throw e;
    }
    if (!sealed.ok) throw new CliError(`claims: ${sealed.error.detail}`);
    io.stdout(`${sealed.value.payload}\n`);
    return 0;
  },
};
