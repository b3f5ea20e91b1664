// `crosscheck keygen`: an ES256 signing key for one party. The private key is a JWK file readable
// by its owner only (mode 0600); the public half sits beside it as FILE.pub.json in the form the
// trust bundle description and roots.json take: { kid, alg, role, publicKeyJwk }.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateSigningKey, hexOf, kidFor, type SigningKey } from '../../shared/credential/index.ts';
import { ROLES } from '../../shared/credential/claims/index.ts';
import { CliError, parseArgs, type CliCommand } from '../io.ts';

/** The role a root key is generated with: it signs trust bundles only. */
export const ROOT_ROLE = 'root';
const KEY_ROLES = [ROOT_ROLE, ...ROLES] as const;

export interface PublicKeyFile {
  kid: string;
  alg: 'ES256';
  role: string;
  publicKeyJwk: Record<string, unknown>;
}

export interface KeyPairFiles {
  privateJwk: Record<string, unknown>;
  publicFile: PublicKeyFile;
  signingKey: SigningKey;
}

/** FILE.json → FILE.pub.json; FILE → FILE.pub.json. */
export function publicKeyPath(privatePath: string): string {
  return privatePath.endsWith('.json') ? `${privatePath.slice(0, -5)}.pub.json` : `${privatePath}.pub.json`;
}

export async function newKeyPair(role: string): Promise<KeyPairFiles> {
  const pair = await generateSigningKey();
  const kid = await kidFor(pair.publicKey);
  const kidHex = hexOf(kid);
  const privateJwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as Record<string, unknown>;
  const publicJwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, unknown>;
  const { kty, crv, x, y } = publicJwk;
  return {
    privateJwk: { kty, crv, x, y, d: privateJwk.d, alg: 'ES256', kid: kidHex, role },
    publicFile: { kid: kidHex, alg: 'ES256', role, publicKeyJwk: { kty, crv, x, y } },
    signingKey: { kid, alg: 'ES256', privateKey: pair.privateKey },
  };
}

/** Writes the private JWK (0600, created that way so it is never briefly world-readable) and FILE.pub.json. */
export async function writeKeyPair(path: string, pair: KeyPairFiles): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(pair.privateJwk, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600); // an existing file keeps its old mode on overwrite
  const pub = publicKeyPath(path);
  await writeFile(pub, `${JSON.stringify(pair.publicFile, null, 2)}\n`);
  return pub;
}

/** Reads a private key file written by keygen; errors are CliErrors naming the file. */
export async function readSigningKeyFile(path: string): Promise<{ key: SigningKey; role?: string }> {
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`key file ${path}: ${code === 'ENOENT' ? 'no such file' : code ? code : 'not JSON'}`);
  }
  if (jwk === null || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string') {
    throw new CliError(`key file ${path}: not a private P-256 JWK (kty EC, crv P-256, d)`);
  }
  const { kty, crv, x, y, d } = jwk;
  let privateKey: SigningKey['privateKey'];
  let publicKey: SigningKey['privateKey'];
  try {
    privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d } as never, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    publicKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y } as never, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  } catch {
    throw new CliError(`key file ${path}: the JWK does not import as a P-256 key`);
  }
  const kid = await kidFor(publicKey);
  return { key: { kid, alg: 'ES256', privateKey }, ...(typeof jwk.role === 'string' && { role: jwk.role }) };
}

export const command: CliCommand = {
  summary: 'make an ES256 signing key for a party (private JWK 0600 + FILE.pub.json)',
  usage: `usage: crosscheck keygen --role ROLE --out FILE

Generates an ECDSA P-256 (ES256) key pair. FILE receives the private key as a JWK, readable by
its owner only (mode 0600). The public key goes beside it as FILE.pub.json (FILE.json becomes
FILE.pub.json): { kid, alg, role, publicKeyJwk } — the form trust-bundle descriptions and
roots.json use. The kid is the first 8 bytes of SHA-256 over the key's SubjectPublicKeyInfo.

ROLE: ${KEY_ROLES.join(', ')}`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['role', 'out'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const role = flags.get('role');
    const out = flags.get('out');
    if (typeof role !== 'string' || !(KEY_ROLES as readonly string[]).includes(role)) {
      throw new CliError(`--role is required: one of ${KEY_ROLES.join(', ')}`);
    }
    if (typeof out !== 'string') throw new CliError('--out FILE is required');
    const path = resolve(io.cwd, out);
    const pair = await newKeyPair(role);
    const pub = await writeKeyPair(path, pair);
    io.stdout(`${JSON.stringify({ private: path, public: pub, kid: pair.publicFile.kid, alg: 'ES256', role })}\n`);
    return 0;
  },
};
