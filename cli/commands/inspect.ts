// `crosscheck inspect`: every stage of a credential decoded, as JSON, for developers and support.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importVerifyKeyCertificate, importVerifyKeyJwk, importVerifyKeySpki, inspectCredential, parseScanned, type VerifyKey } from '../../shared/credential/index.ts';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from '../io.ts';

// Base45's alphabet (RFC 9285): capitals, digits, space and $%*+-./:.
const BASE45_TEXT = /^[0-9A-Z $%*+\-./:]{8,}$/;

/**
 * Whether a PAYLOAD argument is the text itself rather than a file name: it starts like a
 * credential or a link ("CC1:", "HC1:", "https://…", any "scheme:"), or it is Base45 text that
 * names no file — a payload whose prefix was lost, which the prefix stage then reports, instead
 * of "no such file".
 */
export function isLiteralPayload(io: CliIo, arg: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]{0,15}:/.test(arg)) return true;
  return BASE45_TEXT.test(arg) && !existsSync(resolve(io.cwd, arg));
}

/**
 * The PAYLOAD argument: the text itself (isLiteralPayload), standard input for "-" or nothing,
 * otherwise a file holding it. Surrounding whitespace (a final newline in a file) is dropped.
 */
export async function readPayload(io: CliIo, arg: string | undefined): Promise<string> {
  if (arg !== undefined && isLiteralPayload(io, arg)) return arg.trim();
  const text = (await readTextInput(io, arg)).trim();
  if (text.length === 0) throw new CliError(`${arg === undefined || arg === '-' ? 'stdin' : arg}: empty`);
  return text;
}

function pemBody(text: string, label: string): Uint8Array | undefined {
  const m = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(text);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : undefined;
}

async function readBytes(io: CliIo, file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(io.cwd, file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`--${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
}

/** --cert: X.509 DER or PEM. --key: SPKI DER or PEM, a public JWK, or a `keygen` .pub.json. */
async function loadKey(io: CliIo, cert: string | undefined, key: string | undefined): Promise<VerifyKey | undefined> {
  if (cert !== undefined) {
    const bytes = await readBytes(io, cert, 'cert');
    const der = pemBody(new TextDecoder().decode(bytes), 'CERTIFICATE') ?? bytes;
    const r = await importVerifyKeyCertificate(der);
    if (!r.ok) throw new CliError(`--cert ${cert}: ${r.error.detail ?? r.error.code}`);
    return r.value;
  }
  if (key !== undefined) {
    const bytes = await readBytes(io, key, 'key');
    const text = new TextDecoder().decode(bytes);
    if (text.trimStart().startsWith('{')) {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new CliError(`--key ${key}: not valid JSON`);
      }
      const jwk = (json.publicKeyJwk ?? json.jwk ?? json) as Record<string, string>;
      const alg = json.alg === 'ES256' || json.alg === 'PS256' || json.alg === 'EdDSA' ? json.alg : undefined;
      const r = await importVerifyKeyJwk(jwk, alg);
      if (!r.ok) throw new CliError(`--key ${key}: ${r.error.detail ?? r.error.code}`);
      return r.value;
    }
    const der = pemBody(text, 'PUBLIC KEY') ?? bytes;
    const r = await importVerifyKeySpki(der);
    if (!r.ok) throw new CliError(`--key ${key}: ${r.error.detail ?? r.error.code}`);
    return r.value;
  }
  return undefined;
}

export const command: CliCommand = {
  summary: 'decode a credential stage by stage (prefix, base45, zlib, cose, signature, claims) as JSON',
  usage: `usage: crosscheck inspect [--prefix P] [--cert DER-FILE | --key SPKI-FILE] [PAYLOAD|-]

Decodes every stage of a credential and prints one JSON object per stage — input, prefix, base45,
zlib, cose, signature, claims — each with "ok" and what it found (headers, kid as hex, algorithm,
claims as JSON with byte strings as {"$hex": …}). A failed stage has "code" and a message in
English and Chinese; later stages say "not-reached".

PAYLOAD is the credential text ("CC1:…", or the verify URL a label's QR code holds), a file
containing it, or "-"/nothing for standard input.

  --prefix P      expected prefix (default CC1:); e.g. HC1: opens an EU DCC
  --cert FILE     X.509 certificate (DER or PEM) whose key checks the signature
  --key FILE      public key: SPKI (DER or PEM), a JWK, or a keygen .pub.json
Without --cert/--key the signature stage is {"ok": false, "code": "no-key"}.
Exit 0 whenever the inspection ran, whatever it found.`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['prefix', 'cert', 'key'] });
    if (positionals.length > 1) throw new CliError('give at most one PAYLOAD');
    if (flags.has('cert') && flags.has('key')) throw new CliError('give --cert or --key, not both');
    const prefix = flags.get('prefix') as string | undefined;
    if (prefix !== undefined && !/^[A-Z0-9]{1,8}:$/.test(prefix)) throw new CliError('--prefix: 1–8 capitals or digits and a colon, e.g. HC1:');
    const key = await loadKey(io, flags.get('cert') as string | undefined, flags.get('key') as string | undefined);
    let text = await readPayload(io, positionals[0]);
    let from: 'bare' | 'url' = 'bare';
    if (/^https?:\/\//i.test(text)) {
      const scanned = parseScanned(text, prefix === undefined ? {} : { prefix });
      if (!scanned.ok) throw new CliError(`PAYLOAD: ${scanned.error.message.en}`);
      ({ payload: text, from } = scanned.value);
    }
    const report = await inspectCredential(text, { ...(prefix !== undefined && { prefix }), ...(key && { key }) });
    io.stdout(`${JSON.stringify({ from, ...report }, null, 2)}\n`);
    return 0;
  },
};
