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
