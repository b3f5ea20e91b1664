// ES256 keys in a hardware security module through PKCS#11 (the pkcs11js binding). The private key
// never leaves the token: we hash the COSE Sig_structure with SHA-256 here and the token signs the
// digest with CKM_ECDSA, which returns r‖s (PKCS#11 v2.40 §2.3.1) — COSE's form; the core's sealing
// path then normalises s to the low half as it does for WebCrypto keys.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Pkcs11Js from 'pkcs11js';
import { hexOf, kidFor, type SigningKey } from '../../shared/credential/index.ts';
import { CliError } from '../io.ts';
import { parsePkcs11Uri, redactPkcs11Uri, type Pkcs11Uri } from './pkcs11-uri.ts';

export type HsmErrorCode =
  | 'binding-missing'
  | 'module-missing'
  | 'module-load'
  | 'token-not-found'
  | 'token-ambiguous'
  | 'pin-missing'
  | 'pin-incorrect'
  | 'pin-locked'
  | 'object-missing'
  | 'object-not-found'
  | 'object-ambiguous'
  | 'object-exists'
  | 'key-type'
  | 'device';

/** The token, the PIN or the object is not what the URI says: an input error (exit code 2). */
export class HsmError extends CliError {
  constructor(
    readonly code: HsmErrorCode,
    detail: string,
  ) {
    super(`HSM: ${detail}`);
    this.name = 'HsmError';
  }
}

export type PublicJwkP256 = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
};

/** A signing key in a token, with a session open until close(). */
export interface HsmKey {
  key: SigningKey;
  publicJwk: PublicJwkP256;
  kidHex: string;
  /** The object's label and id as the token holds them. */
  label: string;
  idHex: string;
  close(): void;
}

/** DER of the P-256 curve OID 1.2.840.10045.3.1.7, the CKA_EC_PARAMS of a P-256 key. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

type Lib = typeof Pkcs11Js;

async function binding(): Promise<Lib> {
  try {
    const mod = (await import('pkcs11js')) as Lib & { default?: Lib };
    return mod.default ?? mod;
  } catch {
    throw new HsmError('binding-missing', 'the pkcs11js package is not installed (npm install pkcs11js; it builds with node-gyp)');
  }
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const trimmed = (padded: string) => padded.replace(/[\s\0]+$/, '');

interface Session {
  lib: Lib;
  p11: Pkcs11Js.PKCS11;
  session: Pkcs11Js.Handle;
  tokenLabel: string;
  close(): void;
}

async function pinOf(uri: Pkcs11Uri, env: Record<string, string | undefined>, cwd: string): Promise<string> {
  if (uri.pinValue !== undefined) return uri.pinValue;
  if (uri.pinSource !== undefined) {
    const path = uri.pinSource.startsWith('file:') ? fileURLToPath(uri.pinSource) : resolve(cwd, uri.pinSource);
    try {
      return (await readFile(path, 'utf8')).split(/\r?\n/)[0]!;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new HsmError('pin-missing', `pin-source ${uri.pinSource}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'cannot read')}`);
    }
  }
  const fromEnv = env.CROSSCHECK_PKCS11_PIN;
  if (fromEnv !== undefined) return fromEnv;
  throw new HsmError('pin-missing', 'no PIN: add pin-source=FILE (or pin-value=…) to the URI, or set CROSSCHECK_PKCS11_PIN');
}

function pkcs11Code(e: unknown): string | undefined {
  return e instanceof Error && /^CKR_[A-Z_]+$/.test(e.message) ? e.message : undefined;
}

function deviceError(what: string, e: unknown): HsmError {
  return new HsmError('device', `${what}: ${e instanceof Error ? e.message : String(e)}`);
}

async function openSession(uri: Pkcs11Uri, env: Record<string, string | undefined>, cwd: string, readWrite: boolean): Promise<Session> {
  if (uri.moduleName !== undefined && uri.modulePath === undefined) {
    throw new HsmError('module-missing', 'module-name is not looked up here; give module-path=/path/to/module.so');
  }
  const modulePath = uri.modulePath ?? env.CROSSCHECK_PKCS11_MODULE;
  if (!modulePath) throw new HsmError('module-missing', 'no PKCS#11 module: add module-path=/path/to/module.so to the URI, or set CROSSCHECK_PKCS11_MODULE');
  const lib = await binding();
  const p11 = new lib.PKCS11();
  try {
    p11.load(modulePath);
  } catch (e) {
    throw new HsmError('module-load', `cannot load the PKCS#11 module ${modulePath}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  try {
    p11.C_Initialize();
  } catch (e) {
    if (pkcs11Code(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw deviceError(`C_Initialize of ${modulePath}`, e);
  }
  let session: Pkcs11Js.Handle | undefined;
  const close = () => {
    try {
      if (session) p11.C_CloseSession(session);
    } catch {
      // closing is best effort: the module goes away next
    }
    try {
      p11.C_Finalize();
      p11.close();
    } catch {
      // already finalized
    }
  };
  try {
    // SoftHSM (and others) always offer one more, uninitialised token: never a match.
    const tokens = p11
      .C_GetSlotList(true)
      .map((slot) => ({ slot, info: p11.C_GetTokenInfo(slot) }))
      .filter(({ info }) => (info.flags & lib.CKF_TOKEN_INITIALIZED) !== 0);
    const wanted = tokens.filter(
      ({ slot, info }) =>
        (uri.token === undefined || trimmed(info.label) === uri.token) &&
        (uri.manufacturer === undefined || trimmed(info.manufacturerID) === uri.manufacturer) &&
        (uri.model === undefined || trimmed(info.model) === uri.model) &&
        (uri.serial === undefined || trimmed(info.serialNumber) === uri.serial) &&
        (uri.slotId === undefined || slot.readUIntLE(0, Math.min(slot.length, 6)) === uri.slotId),
    );
    const labels = tokens.map(({ info }) => JSON.stringify(trimmed(info.label))).join(', ') || 'none';
    if (wanted.length === 0) throw new HsmError('token-not-found', `no token ${uri.token !== undefined ? `"${uri.token}"` : 'matches the URI'} (tokens present: ${labels})`);
    if (wanted.length > 1) throw new HsmError('token-ambiguous', `${wanted.length} tokens match the URI (${labels}): add token=…`);
    const { slot, info } = wanted[0]!;
    const pin = await pinOf(uri, env, cwd);
    session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | (readWrite ? lib.CKF_RW_SESSION : 0));
    try {
      p11.C_Login(session, lib.CKU_USER, pin);
    } catch (e) {
      const code = pkcs11Code(e);
      if (code === 'CKR_PIN_INCORRECT' || code === 'CKR_PIN_LEN_RANGE') throw new HsmError('pin-incorrect', `the PIN for token "${trimmed(info.label)}" is incorrect`);
      if (code === 'CKR_PIN_LOCKED') throw new HsmError('pin-locked', `token "${trimmed(info.label)}": the user PIN is locked`);
      if (code === 'CKR_USER_PIN_NOT_INITIALIZED') throw new HsmError('pin-incorrect', `token "${trimmed(info.label)}" has no user PIN set`);
      if (code !== 'CKR_USER_ALREADY_LOGGED_IN') throw deviceError('C_Login', e);
    }
    return { lib, p11, session, tokenLabel: trimmed(info.label), close };
  } catch (e) {
    close();
    throw e;
  }
}

function find(s: Session, template: Pkcs11Js.Template): Pkcs11Js.Handle[] {
  s.p11.C_FindObjectsInit(s.session, template);
  try {
    return s.p11.C_FindObjects(s.session, 2);
  } finally {
    s.p11.C_FindObjectsFinal(s.session);
  }
}

function selector(s: Session, uri: Pkcs11Uri): Pkcs11Js.Template {
  const { lib } = s;
  return [...(uri.object !== undefined ? [{ type: lib.CKA_LABEL, value: uri.object }] : []), ...(uri.id ? [{ type: lib.CKA_ID, value: Buffer.from(uri.id) }] : [])];
}

function describeObject(uri: Pkcs11Uri): string {
  return [uri.object !== undefined && `object "${uri.object}"`, uri.id && `id ${hexOf(uri.id)}`].filter(Boolean).join(', ');
}

function attribute(s: Session, handle: Pkcs11Js.Handle, type: number): Buffer {
  return s.p11.C_GetAttributeValue(s.session, handle, [{ type }])[0]!.value;
}

/** CKA_EC_POINT is a DER OCTET STRING around 04‖X‖Y (some modules give the bare point). */
function pointOf(ecPoint: Buffer): { x: Uint8Array; y: Uint8Array } | undefined {
  const bare = ecPoint.length === 67 && ecPoint[0] === 0x04 && ecPoint[1] === 0x41 ? ecPoint.subarray(2) : ecPoint;
  if (bare.length !== 65 || bare[0] !== 0x04) return undefined;
  return { x: bare.subarray(1, 33), y: bare.subarray(33, 65) };
}

async function keyFromHandles(s: Session, privateKey: Pkcs11Js.Handle, publicKey: Pkcs11Js.Handle, what: string): Promise<HsmKey> {
  const { lib, p11 } = s;
  if (attribute(s, privateKey, lib.CKA_KEY_TYPE).readUIntLE(0, 1) !== lib.CKK_EC || !attribute(s, publicKey, lib.CKA_EC_PARAMS).equals(P256_PARAMS)) {
    throw new HsmError('key-type', `${what} is not an EC P-256 key`);
  }
  const point = pointOf(attribute(s, publicKey, lib.CKA_EC_POINT));
  if (!point) throw new HsmError('key-type', `${what}: the public point is not an uncompressed P-256 point`);
  const publicJwk: PublicJwkP256 = { kty: 'EC', crv: 'P-256', x: b64url(point.x), y: b64url(point.y) };
  const imported = await crypto.subtle.importKey('jwk', publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  const kid = await kidFor(imported);
  // One operation at a time per session: signatures queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const sign = (data: Uint8Array): Promise<Uint8Array> => {
    const run = queue.then(async () => {
      const digest = createHash('sha256').update(data).digest();
      try {
        p11.C_SignInit(s.session, { mechanism: lib.CKM_ECDSA }, privateKey);
        return new Uint8Array(await p11.C_SignAsync(s.session, digest, Buffer.alloc(64)));
      } catch (e) {
        throw deviceError(`signing with ${what}`, e);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    key: { kid, alg: 'ES256', sign },
    publicJwk,
    kidHex: hexOf(kid),
    label: attribute(s, privateKey, lib.CKA_LABEL).toString('utf8'),
    idHex: hexOf(attribute(s, privateKey, lib.CKA_ID)),
    close: s.close,
  };
}

export interface OpenOptions {
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Opens the private key a pkcs11: URI names (and its public key object, for the kid). */
export async function openHsmKey(uriText: string, opts: OpenOptions): Promise<HsmKey> {
  const uri = parsePkcs11Uri(uriText);
  if (uri.object === undefined && uri.id === undefined) throw new HsmError('object-missing', `${redactPkcs11Uri(uriText)}: name the key with object=… or id=…`);
  if (uri.type !== undefined && uri.type !== 'private') throw new HsmError('key-type', `type=${uri.type}: a signing key is type=private`);
  const s = await openSession(uri, opts.env, opts.cwd, false);
  try {
    const what = `${describeObject(uri)} on token "${s.tokenLabel}"`;
    const privates = find(s, [{ type: s.lib.CKA_CLASS, value: s.lib.CKO_PRIVATE_KEY }, ...selector(s, uri)]);
    if (privates.length === 0) throw new HsmError('object-not-found', `no private key ${what}`);
    if (privates.length > 1) throw new HsmError('object-ambiguous', `more than one private key ${what}: add id=…`);
    const privateKey = privates[0]!;
    // The public half is the object with the same id (and label), as keygen and pkcs11-tool make it.
    const id = attribute(s, privateKey, s.lib.CKA_ID);
    const publics = find(s, [{ type: s.lib.CKA_CLASS, value: s.lib.CKO_PUBLIC_KEY }, { type: s.lib.CKA_ID, value: id }, ...selector(s, { ...uri, id: undefined })]);
    if (publics.length !== 1) throw new HsmError('object-not-found', `no single public key object beside the private key ${what} (same id), needed for its kid`);
    return await keyFromHandles(s, privateKey, publics[0]!, what);
  } catch (e) {
    s.close();
    throw e;
  }
}

/** Generates an EC P-256 key pair in the token the URI names, labelled object=…; id defaults to the kid. */
export async function generateHsmKey(uriText: string, opts: OpenOptions): Promise<HsmKey> {
  const uri = parsePkcs11Uri(uriText);
  if (uri.object === undefined) throw new HsmError('object-missing', `${redactPkcs11Uri(uriText)}: keygen needs object=LABEL for the new key`);
  const s = await openSession(uri, opts.env, opts.cwd, true);
  const { lib, p11 } = s;
  try {
    const what = `${describeObject(uri)} on token "${s.tokenLabel}"`;
    if (find(s, selector(s, { object: uri.object })).length > 0) throw new HsmError('object-exists', `${what} exists already; choose another object=`);
    const common = [
      { type: lib.CKA_TOKEN, value: true },
      { type: lib.CKA_KEY_TYPE, value: lib.CKK_EC },
      { type: lib.CKA_LABEL, value: uri.object },
      ...(uri.id ? [{ type: lib.CKA_ID, value: Buffer.from(uri.id) }] : []),
    ];
    let pair: Pkcs11Js.KeyPair;
    try {
      pair = p11.C_GenerateKeyPair(
        s.session,
        { mechanism: lib.CKM_EC_KEY_PAIR_GEN },
        [...common, { type: lib.CKA_CLASS, value: lib.CKO_PUBLIC_KEY }, { type: lib.CKA_VERIFY, value: true }, { type: lib.CKA_EC_PARAMS, value: P256_PARAMS }],
        [
          ...common,
          { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
          { type: lib.CKA_SIGN, value: true },
          { type: lib.CKA_PRIVATE, value: true },
          { type: lib.CKA_SENSITIVE, value: true },
          { type: lib.CKA_EXTRACTABLE, value: false },
        ],
      );
    } catch (e) {
      throw deviceError(`generating ${what}`, e);
    }
    const key = await keyFromHandles(s, pair.privateKey, pair.publicKey, what);
    if (!uri.id) {
      // The id ties the two halves together; the kid is a stable, unique choice.
      const id = Buffer.from(key.kidHex, 'hex');
      p11.C_SetAttributeValue(s.session, pair.privateKey, [{ type: lib.CKA_ID, value: id }]);
      p11.C_SetAttributeValue(s.session, pair.publicKey, [{ type: lib.CKA_ID, value: id }]);
      return { ...key, idHex: key.kidHex };
    }
    return key;
  } catch (e) {
    s.close();
    throw e;
  }
}
