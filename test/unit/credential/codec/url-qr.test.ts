import { beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { encodeClaims, parseClaims } from '../../../../shared/credential/claims/index.ts';
import {
  DEFAULT_VERIFY_BASE,
  decodeDigits,
  encodeBase45,
  encodeDigits,
  generateSigningKey,
  kidFor,
  openCredential,
  parseScanned,
  sealCredential,
  toVerifyUrl,
} from '../../../../shared/credential/index.ts';
import { qrPng, qrSegments, qrSvg, qrVersion } from '../../../../cli/qr-image.ts';
import { SAMPLE_CUSTODY_4 as HOPS, SAMPLE_PARCEL_FIELDS } from '../../../harness/samples/parcels.ts';

// The parcels measured in QR.md (test/harness/samples/parcels.ts), with a parcel id other
// than the waybill.
const BASE_PARCEL = { ...SAMPLE_PARCEL_FIELDS, id: 'P-2026-0001234' };
const PARCELS = {
  /** One product line (the usual CBEC parcel), no custody hops. */
  'one item': { ...BASE_PARCEL, goods: [{ gtin: '4006381333931', quantity: 1 }] },
  /** One product with batch and expiry, four custody hops. */
  'one item, batch, 4 hops': { ...BASE_PARCEL, goods: [{ gtin: '4006381333931', batch: 'L2291A', expiry: '2028-06-30', quantity: 2 }], custody: HOPS },
  /** Two products (one named), 4 hops, an expiry on the credential. */
  'two items, 4 hops': {
    ...BASE_PARCEL,
    expiresAt: '2027-03-02T08:00:00+08:00',
    goods: [
      { gtin: '4006381333931', name: 'Serum 30ml', batch: 'L2291A', expiry: '2028-06-30', quantity: 2 },
      { gtin: '0012345678905', batch: 'B7', quantity: 1 },
    ],
    custody: HOPS,
  },
};
/**
 * Highest QR version (level M, bare form) each may reach; QR.md explains the numbers (these parcels
 * name parties by text id and carry an id other than the waybill, so they are a little larger than
 * the typical parcel of test/unit/credential/claims/qr-size.test.ts).
 */
const MAX_VERSION: Record<keyof typeof PARCELS, number> = { 'one item': 11, 'one item, batch, 4 hops': 12, 'two items, 4 hops': 13 };

const sealed = new Map<string, string>();
let bare: string;
beforeAll(async () => {
  const pair = await generateSigningKey();
  const key = { kid: await kidFor(pair.publicKey), alg: 'ES256' as const, privateKey: pair.privateKey };
  for (const [name, input] of Object.entries(PARCELS)) {
    const parsed = parseClaims('parcel', input);
    if (!parsed.ok) throw new Error(`${parsed.error.code} ${parsed.error.detail}`);
    sealed.set(name, await sealCredential(encodeClaims(parsed.value), key));
  }
  bare = sealed.get('one item, batch, 4 hops')!;
});

describe('digits encoding (URL form)', () => {
  it('round-trips every length up to 30 bytes and random data', () => {
    for (let n = 0; n <= 30; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 0xff);
      expect(decodeDigits(encodeDigits(bytes))).toEqual(bytes);
    }
    const ff = new Uint8Array(7).fill(0xff);
    expect(encodeDigits(ff)).toBe('72057594037927935');
    expect(encodeDigits(Uint8Array.of(0))).toBe('000');
  });

  it.each([
    ['a non-digit', '12a'],
    ['an impossible group length', '1234'],
    ['a 1-byte group above 255', '256'],
    ['a 7-byte group above 2^56-1', '72057594037927936'],
  ])('rejects %s', (_name, digits) => {
    expect(decodeDigits(digits)).toBeUndefined();
  });
});

describe('scanned text', () => {
  it('accepts the bare form and the URL form, which carry the same payload', () => {
    const url = toVerifyUrl(bare);
    expect(url.startsWith(`${DEFAULT_VERIFY_BASE}#CC1:`)).toBe(true);
    expect(url).toMatch(/#CC1:[0-9]+$/);
    expect(parseScanned(bare)).toEqual({ ok: true, value: { payload: bare, from: 'bare' } });
    expect(parseScanned(`${url}\r\n`)).toEqual({ ok: true, value: { payload: bare, from: 'url' } });
  });

  it('opens what parseScanned returns', async () => {
    const scanned = parseScanned(toVerifyUrl(bare, 'https://crosscheck.example/verify'), { allowedOrigins: ['https://crosscheck.example'] });
    if (!scanned.ok) throw new Error(scanned.error.code);
    expect((await openCredential(scanned.value.payload)).ok).toBe(true);
  });

  it.each([
    ['nothing', '   ', 'scan-empty'],
    ['a javascript: link', 'javascript:alert(1)//#CC1:123', 'scan-unsupported-scheme'],
    ['a data: link', 'data:text/html,<b>x</b>', 'scan-unsupported-scheme'],
    ['a file: link', 'file:///etc/passwd#CC1:000', 'scan-unsupported-scheme'],
    ['a foreign origin', 'https://evil.example/verify#CC1:000', 'scan-foreign-origin'],
    ['a lookalike origin', 'https://crosscheck.example.evil.example/verify#CC1:000', 'scan-foreign-origin'],
    ['no fragment', 'https://crosscheck.example/verify', 'scan-fragment-invalid'],
    ['a Base45 fragment', 'https://crosscheck.example/verify#CC1:6BF%20', 'scan-fragment-invalid'],
    ['bad digits', 'https://crosscheck.example/verify#CC1:1234', 'scan-fragment-invalid'],
    ['another credential prefix', 'HC1:NCF', 'scan-not-credential'],
    ['plain text', 'hello', 'scan-not-credential'],
    ['a huge text', `CC2:${'0'.repeat(20000)}`, 'scan-too-long'],
  ])('rejects %s', (_name, text, code) => {
    const r = parseScanned(text, { allowedOrigins: ['https://crosscheck.example'] });
    expect(!r.ok && r.error.code).toBe(code);
    if (!r.ok) expect(r.error.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts any web origin when none are listed', () => {
    expect(parseScanned(toVerifyUrl(bare, 'https://elsewhere.example/v')).ok).toBe(true);
  });

  it('refuses to build a URL from a payload that is not PREFIX + Base45', () => {
    expect(() => toVerifyUrl('hello')).toThrow(TypeError);
    expect(() => toVerifyUrl('CC1:abc')).toThrow(TypeError);
    expect(() => toVerifyUrl(bare, 'https://x.example/#a')).toThrow(TypeError);
  });
});

describe('QR codes (measured with the qrcode package)', () => {
  it.each(Object.keys(PARCELS) as (keyof typeof PARCELS)[])('%s: bare form within its version bound, URL form (short https origin) at most one version more', (name) => {
    const text = sealed.get(name)!;
    const url = toVerifyUrl(text, 'https://cc.example/v');
    const versions = { L: qrVersion(text, 'L'), M: qrVersion(text, 'M'), Q: qrVersion(text, 'Q'), urlM: qrVersion(url, 'M'), localUrlM: qrVersion(toVerifyUrl(text), 'M') };
    console.info(`${name}: ${text.length} chars; bare L/M/Q v${versions.L}/${versions.M}/${versions.Q}; URL ${url.length} chars v${versions.urlM} (localhost base v${versions.localUrlM})`);
    expect(versions.M).toBeLessThanOrEqual(MAX_VERSION[name]);
    expect(versions.urlM).toBeLessThanOrEqual(versions.M + 1);
  });

  it('digits in numeric mode beat Base45 percent-escaped into the fragment', () => {
    const escaped = `https://cc.example/v#CC1:${encodeURIComponent(bare.slice(4))}`;
    expect(qrVersion(toVerifyUrl(bare, 'https://cc.example/v'))).toBeLessThan(QRCode.create(escaped, { errorCorrectionLevel: 'M' }).version);
  });

  it('uses one alphanumeric segment for the bare form and byte + numeric for the URL form', () => {
    expect(qrSegments(bare)?.map((s) => s.mode)).toEqual(['alphanumeric']);
    expect(qrSegments(toVerifyUrl(bare))?.map((s) => s.mode)).toEqual(['byte', 'numeric']);
    expect(qrSegments('hello')).toBeUndefined();
  });

  it('renders SVG and PNG', async () => {
    expect(await qrSvg(bare)).toMatch(/^<svg[^>]*viewBox/);
    const png = await qrPng(toVerifyUrl(bare));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('a credential of random bytes shows the encoding overhead (Base45 3.1 %, digits 1.2 %)', () => {
    const bytes = Uint8Array.from({ length: 700 }, (_, i) => (i * 131) & 0xff);
    expect(encodeBase45(bytes).length).toBe(1050);
    expect(encodeDigits(bytes).length).toBe(1700);
  });
});
