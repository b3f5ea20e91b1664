// Where a signing key comes from: `--key FILE` (a keygen private JWK, the default) or
// `--key 'pkcs11:token=…;object=…'` (a key in a hardware security module, RFC 7512 URI). Either
// way the command gets a core SigningKey, so both go through the same sealCredential.
import type { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hexOf, kidFor, type SigningKey } from '../../shared/credential/index.ts';
import { CliError, type CliIo } from '../io.ts';
import { isPkcs11Uri } from './pkcs11-uri.ts';
import type { PublicJwkP256 } from './pkcs11.ts';

export interface KeySource {
  kind: 'file' | 'pkcs11';
  key: SigningKey;
  publicJwk: PublicJwkP256;
  kidHex: string;
  role?: string;
  /** File keys only: the private JWK, so worker threads can import the same key. */
  privateJwk?: PrivateJwkP256;
  /** Ends the HSM session; nothing for a file. */
  close(): void;
}

export type PrivateJwkP256 = PublicJwkP256 & { d: string };

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** Imports a private P-256 JWK for signing (non-extractable). */
export function importPrivateJwk(jwk: PrivateJwkP256): Promise<webcrypto.CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, P256, false, ['sign']);
}

/** Reads a private key file written by keygen; errors are CliErrors naming the file. */
export async function readKeyFile(path: string): Promise<KeySource> {
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
  const privateJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d } as PrivateJwkP256;
  const publicJwk: PublicJwkP256 = { kty: 'EC', crv: 'P-256', x: privateJwk.x, y: privateJwk.y };
  let privateKey: webcrypto.CryptoKey;
  let publicKey: webcrypto.CryptoKey;
  try {
    privateKey = await importPrivateJwk(privateJwk);
    publicKey = await crypto.subtle.importKey('jwk', publicJwk, P256, true, ['verify']);
  } catch {
    throw new CliError(`key file ${path}: the JWK does not import as a P-256 key`);
  }
  const kid = await kidFor(publicKey);
  return {
    kind: 'file',
    key: { kid, alg: 'ES256', privateKey },
    publicJwk,
    kidHex: hexOf(kid),
    privateJwk,
    ...(typeof jwk.role === 'string' && { role: jwk.role }),
    close: () => undefined,
  };
}

/** Opens `--key SPEC`: a pkcs11: URI, else a key file relative to the working directory. */
export async function openSigningKey(spec: string, io: CliIo): Promise<KeySource> {
  if (!isPkcs11Uri(spec)) return readKeyFile(resolve(io.cwd, spec));
  const { openHsmKey } = await import('./pkcs11.ts');
  const hsm = await openHsmKey(spec, { env: io.env, cwd: io.cwd });
  return { kind: 'pkcs11', key: hsm.key, publicJwk: hsm.publicJwk, kidHex: hsm.kidHex, close: hsm.close };
}
