// `crosscheck keygen`: an ES256 signing key for one party. The private key is a JWK file readable
// by its owner only (mode 0600); the public half sits beside it as FILE.pub.json in the form the
// trust bundle description and roots.json take: { kid, alg, role, publicKeyJwk }.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { generateSigningKey, hexOf, kidFor, type SigningKey } from '../../shared/credential/index.ts';
import { ROLES } from '../../shared/credential/claims/index.ts';
import { CliError, parseArgs, type CliCommand } from '../io.ts';
import { readKeyFile } from '../keys/key-source.ts';
import { isPkcs11Uri, redactPkcs11Uri } from '../keys/pkcs11-uri.ts';

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
  const { key, role } = await readKeyFile(path);
  return { key, ...(role !== undefined && { role }) };
}

export const command: CliCommand = {
  summary: 'make an ES256 signing key for a party (private JWK 0600 + FILE.pub.json, or in an HSM)',
  usage: `usage: crosscheck keygen --role ROLE --out FILE
       crosscheck keygen --role ROLE --key 'pkcs11:token=…;object=…' [--out PUBLIC.json]

Generates an ECDSA P-256 (ES256) key pair. FILE receives the private key as a JWK, readable by
its owner only (mode 0600). The public key goes beside it as FILE.pub.json (FILE.json becomes
FILE.pub.json): { kid, alg, role, publicKeyJwk } — the form trust-bundle descriptions and
roots.json use. The kid is the first 8 bytes of SHA-256 over the key's SubjectPublicKeyInfo.

With --key and a PKCS#11 URI (RFC 7512) the pair is generated inside that token (a hardware
security module; SoftHSM2 for tests) as a non-extractable key labelled object=…, with CKA_ID the
kid unless the URI gives id=…. Only the public file is written, to PUBLIC.json when given; the
summary on stdout carries the public JWK either way. URI query attributes: module-path=… (or
CROSSCHECK_PKCS11_MODULE), pin-source=FILE or pin-value=… (or CROSSCHECK_PKCS11_PIN).

ROLE: ${KEY_ROLES.join(', ')}`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['role', 'out', 'key'] });
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const role = flags.get('role');
    const out = flags.get('out');
    const keyUri = flags.get('key');
    if (typeof role !== 'string' || !(KEY_ROLES as readonly string[]).includes(role)) {
      throw new CliError(`--role is required: one of ${KEY_ROLES.join(', ')}`);
    }
    if (typeof keyUri === 'string') {
      if (!isPkcs11Uri(keyUri)) throw new CliError('--key takes a pkcs11: URI (a key in an HSM); for a key file use --out FILE');
      const { generateHsmKey } = await import('../keys/pkcs11.ts');
      const made = await generateHsmKey(keyUri, { env: io.env, cwd: io.cwd });
      made.close();
      const publicFile: PublicKeyFile = { kid: made.kidHex, alg: 'ES256', role, publicKeyJwk: made.publicJwk };
      let pub: string | undefined;
      if (typeof out === 'string') {
        pub = resolve(io.cwd, out);
        await mkdir(dirname(pub), { recursive: true });
        await writeFile(pub, `${JSON.stringify(publicFile, null, 2)}\n`);
      }
      io.stdout(`${JSON.stringify({ key: redactPkcs11Uri(keyUri), ...(pub && { public: pub }), kid: made.kidHex, alg: 'ES256', role, publicKeyJwk: made.publicJwk })}\n`);
      return 0;
    }
    if (typeof out !== 'string') throw new CliError('--out FILE is required');
    const path = resolve(io.cwd, out);
    const pair = await newKeyPair(role);
    const pub = await writeKeyPair(path, pair);
    io.stdout(`${JSON.stringify({ private: path, public: pub, kid: pair.publicFile.kid, alg: 'ES256', role })}\n`);
    return 0;
  },
};
