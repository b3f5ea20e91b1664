// PKCS#11 URIs (RFC 7512): `pkcs11:token=Shop%20HSM;object=parcel-key?pin-source=/run/pin&module-path=/usr/lib/…`.
// Path attributes (before `?`, `;`-separated) select the token and the object; query attributes
// (after `?`, `&`-separated) say how to reach it: the PIN and the module. Values are percent-encoded
// (RFC 7512 §2.3); `id` is raw bytes, every other value UTF-8 text.
import { CliError } from '../io.ts';

export type Pkcs11UriErrorCode = 'not-pkcs11' | 'bad-attribute' | 'bad-percent' | 'duplicate' | 'unknown-attribute' | 'bad-value';

/** A URI that does not parse: exit code 2 like every other input error, with a code tests can match. */
export class Pkcs11UriError extends CliError {
  constructor(
    readonly code: Pkcs11UriErrorCode,
    detail: string,
  ) {
    super(`PKCS#11 URI: ${detail}`);
    this.name = 'Pkcs11UriError';
  }
}

const OBJECT_TYPES = ['public', 'private', 'cert', 'secret-key', 'data'] as const;

export interface Pkcs11Uri {
  /** Token label (CK_TOKEN_INFO.label, trailing blanks removed). */
  token?: string;
  manufacturer?: string;
  model?: string;
  serial?: string;
  slotId?: number;
  /** Object label (CKA_LABEL). */
  object?: string;
  /** Object id (CKA_ID), raw bytes. */
  id?: Uint8Array;
  type?: (typeof OBJECT_TYPES)[number];
  pinValue?: string;
  /** A file holding the PIN (a path or a file: URI). */
  pinSource?: string;
  modulePath?: string;
  moduleName?: string;
}

const PATH_ATTRIBUTES = new Set([
  'token',
  'manufacturer',
  'model',
  'serial',
  'object',
  'id',
  'type',
  'slot-id',
  'slot-description',
  'slot-manufacturer',
  'library-manufacturer',
  'library-description',
  'library-version',
]);
const QUERY_ATTRIBUTES = new Set(['pin-value', 'pin-source', 'module-path', 'module-name']);

export function isPkcs11Uri(text: string): boolean {
  return /^pkcs11:/i.test(text);
}

/** Percent-decodes to bytes; anything but `%XX` after a `%` is an error (RFC 3986 §2.1). */
function decodeBytes(raw: string, name: string): Uint8Array {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Pkcs11UriError('bad-percent', `${name}: "%${hex}" is not a percent-encoded byte`);
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out.push(...utf8.encode(c));
    }
  }
  return Uint8Array.from(out);
}

function decodeText(raw: string, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(decodeBytes(raw, name));
  } catch (e) {
    if (e instanceof Pkcs11UriError) throw e;
    throw new Pkcs11UriError('bad-value', `${name}: not UTF-8 text once decoded`);
  }
}

function splitAttributes(part: string, separator: string, where: 'path' | 'query'): Array<[string, string]> {
  if (part === '') return [];
  return part.split(separator).map((attribute) => {
    const eq = attribute.indexOf('=');
    if (eq <= 0) {
      throw new Pkcs11UriError('bad-attribute', `"${attribute}" in the ${where} is not NAME=VALUE`);
    }
    return [attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1)];
  });
}

/** Parses a PKCS#11 URI; throws Pkcs11UriError naming what is wrong. */
export function parsePkcs11Uri(text: string): Pkcs11Uri {
  if (!isPkcs11Uri(text)) throw new Pkcs11UriError('not-pkcs11', `"${text.slice(0, 40)}" does not start with pkcs11:`);
  const body = text.slice('pkcs11:'.length);
  const q = body.indexOf('?');
  const path = splitAttributes(q === -1 ? body : body.slice(0, q), ';', 'path');
  const query = splitAttributes(q === -1 ? '' : body.slice(q + 1), '&', 'query');
  const uri: Pkcs11Uri = {};
  const seen = new Set<string>();
  for (const [name, raw] of [...path, ...query]) {
    const inPath = path.some(([n]) => n === name);
    const known = inPath ? PATH_ATTRIBUTES.has(name) : QUERY_ATTRIBUTES.has(name);
    if (!known && !name.startsWith('x-')) {
      const other = inPath ? QUERY_ATTRIBUTES.has(name) : PATH_ATTRIBUTES.has(name);
      throw new Pkcs11UriError('unknown-attribute', other ? `${name} belongs in the ${inPath ? 'query (after ?)' : 'path (before ?)'}` : `unknown attribute ${name}`);
    }
    // RFC 7512 §2.3: a path attribute appears at most once; we hold the query to the same rule.
    if (seen.has(name)) throw new Pkcs11UriError('duplicate', `${name} appears twice`);
    seen.add(name);
    switch (name) {
      case 'id': {
        const id = decodeBytes(raw, name);
        if (id.length === 0) throw new Pkcs11UriError('bad-value', 'id: empty');
        uri.id = id;
        break;
      }
      case 'type': {
        const type = decodeText(raw, name);
        if (!(OBJECT_TYPES as readonly string[]).includes(type)) throw new Pkcs11UriError('bad-value', `type: one of ${OBJECT_TYPES.join(', ')}`);
        uri.type = type as Pkcs11Uri['type'];
        break;
      }
      case 'slot-id': {
        const slot = decodeText(raw, name);
        if (!/^\d{1,10}$/.test(slot)) throw new Pkcs11UriError('bad-value', 'slot-id: a decimal number');
        uri.slotId = Number(slot);
        break;
      }
      case 'token':
      case 'object': {
        const value = decodeText(raw, name);
        if (value === '') throw new Pkcs11UriError('bad-value', `${name}: empty`);
        uri[name] = value;
        break;
      }
      case 'manufacturer':
      case 'model':
      case 'serial':
        uri[name] = decodeText(raw, name); // may be empty (RFC 7512 §3's example has serial=)
        break;
      case 'pin-value':
        uri.pinValue = decodeText(raw, name);
        break;
      case 'pin-source':
        uri.pinSource = decodeText(raw, name);
        break;
      case 'module-path':
        uri.modulePath = decodeText(raw, name);
        break;
      case 'module-name':
        uri.moduleName = decodeText(raw, name);
        break;
      default:
        decodeBytes(raw, name); // other known and x- attributes: checked, not used
    }
  }
  if (uri.pinValue !== undefined && uri.pinSource !== undefined) throw new Pkcs11UriError('bad-value', 'pin-value and pin-source: give one');
  return uri;
}

/** The URI without its PIN, for messages and output (a pin-value never reaches a log). */
export function redactPkcs11Uri(text: string): string {
  return text.replace(/([?&])pin-value=[^&]*/i, '$1pin-value=…');
}
