// GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax, §4): any http(s) host and path
// prefix, then a primary key as /AI/value, then that key's qualifiers as further /AI/value pairs
// in the order the standard gives for the key (GTIN 01: 22, 10, 21 — each optional — or 235),
// then data attributes in the query string as AI=value. Values are percent-encoded; "+" is a
// space only in the query. Query parameters whose names are not all digits (linkType …) are not
// GS1 data and are ignored; a numeric name that is no AI, a key qualifier in the query, an empty
// value or an AI stated twice make the URI invalid.
import { normalizeGtin } from '../credential/claims/gtin.ts';
import { AI_TABLE } from './ai-table.ts';
import { addElement, checkValue, type Gs1Element } from './element-string.ts';
import { gs1Error, type Gs1Result } from './errors.ts';

export interface DigitalLink {
  /** Scheme, host and any path before the primary key. */
  stem: string;
  /** The primary key's AI (01 for a GTIN). */
  primaryKey: string;
  /** The primary key, its qualifiers, then the data attributes, in that order. */
  elements: Gs1Element[];
  /** The GTIN was written in its GTIN-8/12/13 form and expanded to 14 digits. */
  zeroSuppressedGtin?: true;
}

/** Decodes %XX escapes; undefined for a broken escape or bytes that are not UTF-8. */
function percentDecode(text: string, plusIsSpace: boolean): string | undefined {
  const t = plusIsSpace ? text.replaceAll('+', ' ') : text;
  if (/%(?![0-9A-Fa-f]{2})/.test(t)) return undefined;
  try {
    return decodeURIComponent(t);
  } catch {
    return undefined;
  }
}

export function isDigitalLinkCandidate(text: string): boolean {
  return /^(?:https?|HTTPS?):\/\//.test(text);
}

export function parseDigitalLink(text: string, currentYear: number): Gs1Result<DigitalLink> {
  const scheme = /^(?:https?|HTTPS?):\/\//.exec(text);
  if (!scheme) return gs1Error('gs1.dl-syntax');
  const withoutFragment = text.split('#', 1)[0]!;
  const q = withoutFragment.indexOf('?');
  const beforeQuery = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  const query = q === -1 ? '' : withoutFragment.slice(q + 1);
  const rest = beforeQuery.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  const host = slash === -1 ? rest : rest.slice(0, slash);
  // The host is not parsed further (IPv4/IPv6, ports, IDN): only its characters are checked.
  if (!/^[A-Za-z0-9.\-:[\]_~]+$/.test(host) || slash === -1) return gs1Error('gs1.dl-syntax');
  const path = rest.slice(slash + 1);
  if (path === '' || path.endsWith('/')) return gs1Error('gs1.dl-syntax');
  const segments = path.split('/');

  // Walk from the end in /AI/value pairs until the rightmost primary key.
  const pairs: Array<{ ai: string; raw: string; at: number }> = [];
  let k = segments.length - 2;
  let primaryAt = -1;
  for (; k >= 0; k -= 2) {
    const ai = segments[k]!;
    const f = AI_TABLE.get(ai);
    if (!f) break;
    pairs.unshift({ ai, raw: segments[k + 1]!, at: k });
    if (f.dlKey) {
      primaryAt = k;
      break;
    }
  }
  if (primaryAt === -1) return gs1Error(pairs.length > 0 ? 'gs1.dl-order' : 'gs1.dl-syntax');
  const primary = pairs[0]!;
  const key = AI_TABLE.get(primary.ai)!;
  const qualifiers = pairs.slice(1).map((p) => p.ai);
  const sequence = key.dlKey!.find((alt) => {
    let pos = 0;
    for (const qa of qualifiers) {
      const found = alt.indexOf(qa, pos);
      if (found === -1) return false;
      pos = found + 1;
    }
    return true;
  });
  if (!sequence) return gs1Error('gs1.dl-order', { ai: qualifiers.join(',') });

  const elements: Gs1Element[] = [];
  let zeroSuppressed = false;
  for (const p of pairs) {
    let value = percentDecode(p.raw, false);
    if (value === undefined || value === '') return gs1Error('gs1.dl-syntax', { ai: p.ai });
    if (p.ai === '01' && value.length !== 14) {
      // The GTIN-8/12/13 form of the standard's examples ("https://brand.example.com/01/9520123456788").
      const gtin = normalizeGtin(value);
      if (!gtin) return gs1Error(/^(\d{8}|\d{12,13})$/.test(value) ? 'gs1.check-digit' : 'gs1.bad-value', { ai: '01' });
      value = gtin;
      zeroSuppressed = true;
    }
    const checked = checkValue(AI_TABLE.get(p.ai)!, value, currentYear);
    if (!checked.ok) return checked;
    const added = addElement(elements, checked.value, undefined, false);
    if (!added.ok) return added;
  }

  // Qualifiers belong in the path: the ones of the sequence in use (or of any, when none is used).
  const inPath = new Set(qualifiers.length > 0 ? sequence : key.dlKey!.flat());
  for (const param of query.split('&')) {
    const eq = param.indexOf('=');
    if (param === '' || eq === -1) continue;
    const name = param.slice(0, eq);
    if (!/^\d+$/.test(name)) continue;
    const f = AI_TABLE.get(name);
    if (!f || inPath.has(name)) return gs1Error('gs1.dl-attribute', { ai: name });
    let value = percentDecode(param.slice(eq + 1), true);
    if (value === undefined || value === '') return gs1Error('gs1.dl-syntax', { ai: name });
    // A GTIN attribute may be zero-suppressed too ("https://example.com/8004/9520614141234567?01=9520123456788").
    if (name === '01' && value.length !== 14) value = normalizeGtin(value) ?? value;
    const checked = checkValue(f, value, currentYear);
    if (!checked.ok) return checked;
    const added = addElement(elements, checked.value, undefined, false);
    if (!added.ok) return added;
  }
  const stem = scheme[0] + host + (primaryAt > 0 ? '/' + segments.slice(0, primaryAt).join('/') : '');
  return { ok: true, value: { stem, primaryKey: primary.ai, elements, ...(zeroSuppressed && { zeroSuppressedGtin: true as const }) } };
}
