// The two scannable forms of a credential.
//
// Bare:  "CC1:" + Base45 — all 45 Base45 characters are in the QR alphanumeric set, so the whole
//        code is one alphanumeric segment (5.5 bits per character, 8.25 bits per byte).
// URL:   `${base}#CC1:` + digits — a phone's own camera opens the verify page, and the fragment
//        never reaches a server (RFC 3986 §3.5: the fragment is not sent in HTTP requests).
//        Base45's space, "%" and "$" are not URL-safe, so the fragment carries the compressed bytes
//        as decimal digits instead, after SMART Health Cards' numeric `shc:/` idea: digits go in
//        the QR numeric mode at 10 bits per 3 digits. Each 7 bytes (< 2^56 < 10^17) become 17 digits:
//        56.7 bits per 56, an overhead of 1.2 % (Base45 in alphanumeric mode: 3.1 %). The URL before
//        the digits is a byte-mode segment. QR.md has the measured QR versions.
//
// A scanned URL is data: parseScanned never follows it, refuses non-web schemes ("javascript:",
// "data:"...), and refuses foreign origins when the caller lists the allowed ones.
import { decodeBase45, encodeBase45 } from './base45.ts';
import { CC1_PREFIX } from './container.ts';
import type { ContainerError } from './errors.ts';
import type { Localized } from '../../text/localized.ts';
import { err, ok, type Result } from '../../result.ts';
import { DEFAULT_LIMITS } from './limits.ts';

export const DEFAULT_VERIFY_BASE = 'http://localhost:4173/verify';

/** Digits needed for a final group of k bytes: ceil(8k·log10 2). */
const DIGITS_FOR_BYTES = [0, 3, 5, 8, 10, 13, 15, 17] as const;
const GROUP_BYTES = 7;
const GROUP_DIGITS = 17;

export function encodeDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += GROUP_BYTES) {
    const group = bytes.subarray(i, i + GROUP_BYTES);
    let value = 0n;
    for (const b of group) value = (value << 8n) | BigInt(b);
    out += value.toString().padStart(DIGITS_FOR_BYTES[group.length]!, '0');
  }
  return out;
}

export function decodeDigits(digits: string): Uint8Array | undefined {
  if (!/^[0-9]*$/.test(digits)) return undefined;
  const full = Math.floor(digits.length / GROUP_DIGITS);
  const restDigits = digits.length % GROUP_DIGITS;
  const restBytes = DIGITS_FOR_BYTES.indexOf(restDigits as (typeof DIGITS_FOR_BYTES)[number]);
  if (restBytes < 0 || restBytes === GROUP_BYTES) return undefined;
  const out = new Uint8Array(full * GROUP_BYTES + restBytes);
  let o = 0;
  for (let d = 0; d < digits.length; ) {
    const n = d + GROUP_DIGITS <= digits.length ? GROUP_BYTES : restBytes;
    const len = DIGITS_FOR_BYTES[n]!;
    let value = BigInt(digits.slice(d, d + len));
    // A group must encode a value that fits its bytes, or two digit strings would mean the same bytes.
    if (value >= 1n << BigInt(8 * n)) return undefined;
    for (let k = n - 1; k >= 0; k--) {
      out[o + k] = Number(value & 0xffn);
      value >>= 8n;
    }
    o += n;
    d += len;
  }
  return out;
}

const PREFIX_SHAPE = /^[A-Z0-9]{1,8}:/;

/** The URL form of a bare payload. Throws TypeError when the payload is not PREFIX + Base45. */
export function toVerifyUrl(payload: string, baseUrl: string = DEFAULT_VERIFY_BASE): string {
  const match = PREFIX_SHAPE.exec(payload);
  if (!match) throw new TypeError('payload has no prefix such as "CC1:"');
  if (baseUrl.includes('#')) throw new TypeError('base URL must not have a fragment');
  const bytes = decodeBase45(payload.slice(match[0].length));
  if (!bytes.ok) throw new TypeError(`payload is not Base45: ${bytes.error.code}`);
  return `${baseUrl}#${match[0]}${encodeDigits(bytes.value)}`;
}

export const SCAN_MESSAGES = {
  'scan-empty': { en: 'Nothing was scanned.', 'zh-CN': '没有扫描到任何内容。' },
  'scan-too-long': {
    en: 'The scanned text is far longer than any credential; it was not examined.',
    'zh-CN': '扫描到的文本远长于任何凭证，未予解析。',
  },
  'scan-not-credential': {
    en: 'This code is not a CrossCheck credential.',
    'zh-CN': '这个码不是 CrossCheck 凭证。',
  },
  'scan-unsupported-scheme': {
    en: 'This code is a link of a kind CrossCheck never opens.',
    'zh-CN': '这个码是 CrossCheck 不会打开的链接类型。',
  },
  'scan-foreign-origin': {
    en: 'This code points to a website other than the CrossCheck verify page; it was not opened.',
    'zh-CN': '这个码指向 CrossCheck 验证页以外的网站，未予打开。',
  },
  'scan-fragment-invalid': {
    en: 'This link does not carry a readable credential.',
    'zh-CN': '这个链接中没有可读取的凭证。',
  },
} as const satisfies Record<string, Localized>;

export type ScanError = ContainerError;
export interface ScannedPayload {
  /** The bare form, PREFIX + Base45, ready for openCredential. */
  payload: string;
  from: 'url' | 'bare';
}

function scanFail(code: keyof typeof SCAN_MESSAGES, detail?: string): { ok: false; error: ScanError } {
  const error: ScanError = { stage: 'input', code, message: SCAN_MESSAGES[code] };
  if (detail !== undefined) error.detail = detail;
  return err(error);
}

// Digits take 17/7 characters per byte; the base URL is short. Anything longer is not ours.
const MAX_SCANNED_CHARS = Math.ceil((DEFAULT_LIMITS.maxCompressedBytes * GROUP_DIGITS) / GROUP_BYTES) + 1024;

export interface ParseScannedOptions {
  /** Web origins the URL form may come from (e.g. ["https://crosscheck.example"]). Omitted: any. */
  allowedOrigins?: readonly string[];
  /** Expected prefix, default "CC1:". */
  prefix?: string;
}

export function parseScanned(text: string, opts: ParseScannedOptions = {}): Result<ScannedPayload, ScanError> {
  const prefix = opts.prefix ?? CC1_PREFIX;
  if (typeof text !== 'string') return scanFail('scan-not-credential', `got ${typeof text}`);
  // Scanners and clipboards add line breaks and spaces around the content.
  const t = text.trim();
  if (t.length === 0) return scanFail('scan-empty');
  if (t.length > MAX_SCANNED_CHARS) return scanFail('scan-too-long', `${t.length} characters`);
  if (t.startsWith(prefix)) return ok({ payload: t, from: 'bare' });
  if (PREFIX_SHAPE.test(t)) return scanFail('scan-not-credential', `prefix ${t.slice(0, t.indexOf(':') + 1)}`);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(t)?.[1]?.toLowerCase();
  if (scheme === undefined) return scanFail('scan-not-credential');
  if (scheme !== 'https' && scheme !== 'http') return scanFail('scan-unsupported-scheme', `${scheme}:`);
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return scanFail('scan-not-credential', 'not a valid URL');
  }
  if (opts.allowedOrigins && !opts.allowedOrigins.includes(url.origin)) {
    return scanFail('scan-foreign-origin', url.origin);
  }
  const fragment = url.hash.slice(1);
  if (!fragment.startsWith(prefix)) return scanFail('scan-fragment-invalid', 'fragment does not start with the prefix');
  return payloadOfDigits(fragment.slice(prefix.length), prefix);
}

function payloadOfDigits(digits: string, prefix: string): Result<ScannedPayload, ScanError> {
  const bytes = decodeDigits(digits);
  if (!bytes || bytes.length === 0) return scanFail('scan-fragment-invalid', 'fragment digits are not a valid encoding');
  return ok({ payload: prefix + encodeBase45(bytes), from: 'url' });
}

/**
 * The credential in the fragment of a verify page (the text after '#', percent-decoded): the URL
 * form's PREFIX + digits as printed labels carry it, else any scanned text the app put there (a
 * bare payload, a URL). One parser for both, so no caller rebuilds a URL to parse a fragment.
 */
export function parseFragment(text: string, opts: ParseScannedOptions = {}): Result<ScannedPayload, ScanError> {
  const prefix = opts.prefix ?? CC1_PREFIX;
  if (typeof text === 'string' && text.length <= MAX_SCANNED_CHARS && text.startsWith(prefix) && /^[0-9]*$/.test(text.slice(prefix.length))) {
    return payloadOfDigits(text.slice(prefix.length), prefix);
  }
  return parseScanned(text, opts);
}

// ---------------------------------------------------------------------------------------------
// Look-alike hosts. A scanned URL is never followed, but the host it names is shown to the user:
// a label printed by someone else may point to a look-alike of the verify page (a phishing copy that
// asks for the ID number, or shows "genuine" for anything). hostOfScan says whether the host is
// one of ours, another site, or one made to look like ours, and why.

export type LookalikeWhy = 'punycode' | 'confusable' | 'subdomain' | 'typo' | 'tld';

export type ScannedHost =
  | { kind: 'own'; host: string }
  | { kind: 'foreign'; host: string; unicode: string }
  /** `host` as the URL has it (xn--… for IDN), `unicode` decoded, `like` the own host it imitates. */
  | { kind: 'lookalike'; host: string; unicode: string; like: string; why: LookalikeWhy[] };

const PUNY = { base: 36, tMin: 1, tMax: 26, skew: 38, damp: 700, initialBias: 72, initialN: 128 } as const;

/** RFC 3492 decoding of one `xn--` label's tail; undefined when malformed. */
export function decodePunycodeLabel(input: string): string | undefined {
  const out: number[] = [];
  const basic = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(0, basic); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return undefined;
    out.push(c);
  }
  let n: number = PUNY.initialN;
  let bias: number = PUNY.initialBias;
  let i = 0;
  for (let pos = basic > 0 ? basic + 1 : 0; pos < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = PUNY.base; ; k += PUNY.base) {
      if (pos >= input.length) return undefined;
      const c = input.charCodeAt(pos++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : PUNY.base;
      if (digit >= PUNY.base) return undefined;
      i += digit * w;
      const t = k <= bias ? PUNY.tMin : k >= bias + PUNY.tMax ? PUNY.tMax : k - bias;
      if (digit < t) break;
      w *= PUNY.base - t;
      if (i > 0x10ffff * 64) return undefined;
    }
    const len = out.length + 1;
    let delta = i - oldi;
    delta = oldi === 0 ? Math.floor(delta / PUNY.damp) : delta >> 1;
    delta += Math.floor(delta / len);
    let k = 0;
    while (delta > ((PUNY.base - PUNY.tMin) * PUNY.tMax) >> 1) {
      delta = Math.floor(delta / (PUNY.base - PUNY.tMin));
      k += PUNY.base;
    }
    bias = k + Math.floor(((PUNY.base - PUNY.tMin + 1) * delta) / (delta + PUNY.skew));
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff) return undefined;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

/** The Unicode form of a host (each xn-- label decoded; a malformed label kept as it is). */
export function unicodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycodeLabel(label.slice(4)) ?? label) : label))
    .join('.');
}

// Characters that render like Latin letters (Unicode confusables, the common ones in homograph
// attacks: Cyrillic, Greek, full-width, digits) and letter pairs that read as one letter.
const CONFUSABLE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', к: 'k', м: 'm', н: 'h', т: 't',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', һ: 'h', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '|': 'l', ı: 'i', ł: 'l', ø: 'o', ß: 'b',
};

/** What a host looks like to a reader: Unicode, NFKD without marks, confusables folded, rn→m, vv→w, i/l/1 one letter. */
export function hostSkeleton(host: string): string {
  const folded = [...unicodeHost(host.toLowerCase()).normalize('NFKD').replace(/\p{M}/gu, '')]
    .map((c) => CONFUSABLE[c] ?? c)
    .join('');
  return folded.replaceAll('rn', 'm').replaceAll('vv', 'w').replace(/[il]/g, 'l').replaceAll('-', '');
}

/** Optimal string alignment distance (insert, delete, substitute, swap two neighbours); 3 means "3 or more". */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_cell, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return Math.min(3, d[a.length]![b.length]!);
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.startsWith('[');
}

/**
 * Says whose host a scanned URL names. `ownHosts` are the app's verify hosts (its own origin's
 * host and the configured ones). Pure: no DNS, no network; the URL is never followed.
 */
export function hostOfScan(urlText: string, ownHosts: readonly string[]): ScannedHost | undefined {
  let host: string;
  try {
    const url = new URL(urlText.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    host = url.hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  const owns = ownHosts.map((h) => h.toLowerCase().replace(/\.$/, '')).filter((h) => h.length > 0);
  // Our own host, or a subdomain of it (which only we can create).
  for (const own of owns) if (host === own || host.endsWith(`.${own}`)) return { kind: 'own', host };
  const unicode = unicodeHost(host);
  const labels = host.split('.');
  const skeleton = hostSkeleton(host);
  const skeletonLabels = skeleton.split('.');
  for (const own of owns) {
    if (isIp(own)) continue;
    const ownLabels = own.split('.');
    const name = ownLabels[0]!;
    if (name.length < 4) continue;
    const ownSkeleton = hostSkeleton(own);
    const nameSkeleton = hostSkeleton(name);
    const why = new Set<LookalikeWhy>();
    const registrable = labels.length >= 2 ? labels[labels.length - 2]! : labels[0]!;
    const registrableSkeleton = skeletonLabels.length >= 2 ? skeletonLabels[skeletonLabels.length - 2]! : skeletonLabels[0]!;
    if (skeleton === ownSkeleton || skeleton.endsWith(`.${ownSkeleton}`)) why.add('confusable');
    else if (registrableSkeleton === nameSkeleton && registrable !== name) why.add('confusable');
    // The own name as a label anywhere but the registrable position: crosscheck.example.evil.com.
    if (skeletonLabels.slice(0, -2).some((l) => l === nameSkeleton || l.includes(nameSkeleton))) why.add('subdomain');
    if (registrable === name && labels.length >= 2 && host !== own) why.add('tld');
    else if (registrableSkeleton !== nameSkeleton && (editDistance(registrableSkeleton, nameSkeleton) <= 2 || registrableSkeleton.includes(nameSkeleton))) why.add('typo');
    if (why.size > 0 && labels.some((l) => l.startsWith('xn--'))) why.add('punycode');
    if (why.size > 0) return { kind: 'lookalike', host, unicode, like: own, why: [...why] };
  }
  return { kind: 'foreign', host, unicode };
}
