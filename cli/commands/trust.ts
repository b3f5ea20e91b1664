// `crosscheck trust build|show`: the root signs a trust bundle from a readable JSON description,
// and anyone can print what a bundle says.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { sealClaims } from '../../shared/credential/claims/index.ts';
import { SealError } from '../../shared/credential/index.ts';
import { loadTrustBundle, type RootKey, type TrustBundle } from '../../shared/trust/index.ts';
import { CliError, parseArgs, type CliCommand, type CliIo } from '../io.ts';
import type { PublicKeyFile } from './keygen.ts';
import { openSigningKey } from '../keys/key-source.ts';

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${what} ${path}: not valid JSON`);
  }
}

/**
 * A description may name files instead of inlining them: a key `{ "file": "k.pub.json", notBefore, … }`
 * takes kid, alg and publicKeyJwk from the keygen public file; a brand authorization that does
 * not start with a prefix ("CC1:") is a path to a payload file. Paths are relative to the description.
 */
export async function resolveDescription(desc: unknown, baseDir: string): Promise<unknown> {
  if (desc === null || typeof desc !== 'object' || Array.isArray(desc)) throw new CliError('description: a JSON object expected');
  const out = { ...(desc as Record<string, unknown>) };
  if (Array.isArray(out.issuers)) {
    out.issuers = await Promise.all(
      out.issuers.map(async (issuer: unknown, i: number) => {
        if (issuer === null || typeof issuer !== 'object' || !Array.isArray((issuer as { keys?: unknown }).keys)) return issuer;
        const keys = await Promise.all(
          ((issuer as { keys: unknown[] }).keys).map(async (key: unknown, k: number) => {
            if (key === null || typeof key !== 'object' || typeof (key as { file?: unknown }).file !== 'string') return key;
            const { file, ...rest } = key as { file: string } & Record<string, unknown>;
            const pub = (await readJson(resolve(baseDir, file), `issuers.${i}.keys.${k}.file`)) as Partial<PublicKeyFile>;
            if (typeof pub.kid !== 'string' || typeof pub.alg !== 'string' || typeof pub.publicKeyJwk !== 'object') {
              throw new CliError(`issuers.${i}.keys.${k}.file ${file}: not a keygen public key file`);
            }
            return { kid: pub.kid, alg: pub.alg, publicKeyJwk: pub.publicKeyJwk, ...rest };
          }),
        );
        return { ...(issuer as object), keys };
      }),
    );
  }
  if (Array.isArray(out.brandAuthorizations)) {
    out.brandAuthorizations = await Promise.all(
      out.brandAuthorizations.map(async (entry: unknown, i: number) => {
        if (typeof entry !== 'string' || /^[A-Z0-9]{1,8}:/.test(entry)) return entry;
        try {
          return (await readFile(resolve(baseDir, entry), 'utf8')).trim();
        } catch {
          throw new CliError(`brandAuthorizations.${i}: cannot read ${entry}`);
        }
      }),
    );
  }
  return out;
}

/** roots.json is an array of { kid, alg, publicKeyJwk }; a single keygen public file is accepted too. */
export async function readRoots(path: string): Promise<RootKey[]> {
  const data = await readJson(path, 'roots file');
  const list = Array.isArray(data) ? data : [data];
  return list.map((entry, i) => {
    const e = entry as Partial<RootKey> | null;
    if (!e || typeof e.kid !== 'string' || typeof e.alg !== 'string' || typeof e.publicKeyJwk !== 'object') {
      throw new CliError(`roots file ${path}: entry ${i} needs kid, alg and publicKeyJwk`);
    }
    return { kid: e.kid, alg: e.alg, publicKeyJwk: e.publicKeyJwk } as RootKey;
  });
}

/** Loads a bundle file with its roots (default: roots.json beside the bundle); CliError on failure. */
export async function readBundle(io: CliIo, bundlePath: string, rootsPath?: string): Promise<TrustBundle> {
  const absolute = resolve(io.cwd, bundlePath);
  const roots = await readRoots(rootsPath ? resolve(io.cwd, rootsPath) : resolve(dirname(absolute), 'roots.json'));
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch {
    throw new CliError(`--trust ${bundlePath}: cannot read`);
  }
  const loaded = await loadTrustBundle(text, roots);
  if (!loaded.ok) throw new CliError(`--trust ${bundlePath}: ${loaded.error.code}: ${loaded.error.message.en}${loaded.error.detail ? ` (${loaded.error.detail})` : ''}`);
  return loaded.value;
}

export function bundleSummary(bundle: TrustBundle) {
  return {
    id: bundle.claims.id,
    root: bundle.root.kid,
    serial: bundle.serial,
    issuedAt: bundle.claims.issuedAt,
    maxAgeSeconds: bundle.maxAgeSeconds,
    issuers: bundle.claims.issuers.map((i) => ({
      id: i.id,
      roles: i.roles,
      name: i.name,
      keys: i.keys.map((k) => ({ kid: k.kid, alg: k.alg, notBefore: k.notBefore, notAfter: k.notAfter, revokedSince: k.revokedSince })),
      ...(i.filing && { filing: i.filing.status }),
    })),
    brandAuthorizations: bundle.brandAuthorizations.map((a) => ({ id: a.claims.id, brand: a.brand.id, seller: a.claims.seller, gtins: a.claims.gtins })),
    rejectedAuthorizations: bundle.rejectedAuthorizations,
    revoked: bundle.claims.revoked,
    policyRows: bundle.claims.policy?.length ?? 0,
  };
}

export const command: CliCommand = {
  summary: 'sign a trust bundle with the root key (build), or print one (show)',
  usage: `usage: crosscheck trust build --root KEY --in DESC.json --out FILE
       crosscheck trust show [--roots ROOTS.json] BUNDLE

build: the root key (a keygen private key file, or a PKCS#11 URI naming a key in an HSM: see
crosscheck help keygen) signs a trust-bundle credential made from
DESC.json, the readable claims of shared/credential/FORMAT.md §5 (trust-bundle). In DESC.json a
key may be { "file": "KEY.pub.json", "notBefore": …, "revokedSince": … } and a brand authorization
may be a path to a payload file; paths are relative to DESC.json. issuedAt defaults to now. The
bundle is loaded back with the root's public key before it is written; a brand authorization that
does not verify stops the build. A summary goes to stdout.

show: verifies BUNDLE against the pinned roots (default: roots.json beside it) and prints its
contents as JSON.`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'build') return build(rest, io);
    if (sub === 'show') return show(rest, io);
    throw new CliError('expected a subcommand: build or show');
  },
};

async function build(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, { values: ['root', 'in', 'out'] });
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
  const rootPath = flags.get('root');
  const inPath = flags.get('in');
  const outPath = flags.get('out');
  if (typeof rootPath !== 'string' || typeof inPath !== 'string' || typeof outPath !== 'string') {
    throw new CliError('--root KEY, --in DESC.json and --out FILE are required');
  }
  const root = await openSigningKey(rootPath, io);
  let sealed: Awaited<ReturnType<typeof sealClaims<'trust-bundle'>>>;
  try {
    const descPath = resolve(io.cwd, inPath);
    const raw = await readJson(descPath, '--in');
    const desc = (await resolveDescription(raw, dirname(descPath))) as Record<string, unknown>;
    desc.issuedAt ??= new Date().toISOString();
    sealed = await sealClaims('trust-bundle', desc, root.key);
  } catch (e) {
    if (e instanceof SealError) throw new CliError(`--in ${inPath}: ${e.message}`);
    throw e;
  } finally {
    root.close();
  }
  if (!sealed.ok) throw new CliError(`--in ${inPath}: ${sealed.error.detail}`);
  // Load it back as a verifier would, so a bundle that cannot be used is never written.
  const loaded = await loadTrustBundle(sealed.value.payload, [{ kid: root.kidHex, alg: 'ES256', publicKeyJwk: root.publicJwk }]);
  if (!loaded.ok) throw new CliError(`the bundle does not load: ${loaded.error.code} (${loaded.error.detail ?? ''})`);
  if (loaded.value.rejectedAuthorizations.length > 0) {
    const r = loaded.value.rejectedAuthorizations[0]!;
    throw new CliError(`brandAuthorizations.${r.index}: ${r.code}: ${r.message.en}${r.detail ? ` (${r.detail})` : ''}`);
  }
  const out = resolve(io.cwd, outPath);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${sealed.value.payload}\n`);
  io.stdout(`${JSON.stringify({ out, chars: sealed.value.payload.length, ...bundleSummary(loaded.value) }, null, 2)}\n`);
  return 0;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, { values: ['roots'] });
  if (positionals.length !== 1) throw new CliError('expected one BUNDLE file');
  const roots = flags.get('roots');
  const bundle = await readBundle(io, positionals[0]!, typeof roots === 'string' ? roots : undefined);
  io.stdout(`${JSON.stringify(bundleSummary(bundle), null, 2)}\n`);
  return 0;
}
