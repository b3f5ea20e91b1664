import { decode, encode } from 'cbor2';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  custodyActor,
  decodeClaims,
  encodeClaims,
  normalizeGtin,
  normalizeOrigin,
  parseClaims,
  sealClaims,
  BODY_CODECS,
  CREDENTIAL_TYPES,
  SCHEMAS,
  type CredentialType,
} from '../../../shared/credential/claims.ts';
import { encodeDeterministicCbor } from '../../../shared/credential/cbor-strict.ts';
import { generateSigningKey, kidFor, type SigningKey } from '../../../shared/credential/index.ts';

const SERUM = '3760123450010';

const SAMPLES: Record<CredentialType, Record<string, unknown>> = {
  parcel: {
    issuer: 'qhwh',
    id: 'SF1400000000001',
    issuedAt: '2026-05-27T08:00:00+08:00',
    goods: [{ gtin: SERUM, name: '精华液 50ml', batch: 'L1', expiry: '2029-09-30', quantity: 1 }],
    waybill: 'SF1400000000001',
    carrier: 'SF',
    declaration: '53162026I000000001',
    port: '0100',
    mode: 1210,
    releasedAt: '2026-05-27T06:00:00Z',
    declaredValueFen: 68_000,
    importer: 'harbour',
    warehouse: 'qhwh',
    seller: 'lumi-store',
    custody: [
      { step: 'brand-authorization', at: '2025-01-01T00:00:00Z', actor: 'lumiere' },
      { step: 'declaration', at: '2026-05-27T04:00:00Z', actor: 'harbour' },
      { step: 'bonded-warehouse', at: '2026-05-27T07:00:00Z' },
      { step: 'logistics', at: '2026-05-27T09:30:00Z', actor: 'sf' },
    ],
    buyerCommitment: '00112233445566778899AABBCCDDEEFF',
  },
  receipt: {
    issuer: 'kjmall',
    id: 'R-1',
    issuedAt: '2026-05-20T10:00:00Z',
    orderId: 'ORDER-1',
    seller: 'lumi-store',
    orderedAt: '2026-05-20T09:59:00Z',
    items: [{ gtin: SERUM, name: '露米埃 焕活精华液 50ml', quantity: 1, unitPriceFen: 68_000 }],
    dutiableValueFen: 68_000,
    taxFen: 15_680,
    vatFen: 7_280,
    consumptionTaxFen: 8_400,
    paidFen: 83_680,
    mode: 9610,
    ordererIdLast4: '123X',
    orderSecret: 'ab'.repeat(32),
  },
  listing: {
    issuer: 'kjmall',
    id: 'L-1',
    issuedAt: '2026-05-01T00:00:00Z',
    expiresAt: '2027-05-01T00:00:00Z',
    product: { gtin: SERUM, name: 'Lumière Serum 50 ml' },
    seller: 'lumi-store',
    brandAuthorization: 'auth-1',
    customsFiling: 'F-1',
    origins: ['https://shop.example/', 'http://localhost:5174'],
  },
  'brand-authorization': { issuer: 'lumiere', id: 'auth-1', issuedAt: '2025-01-01T00:00:00Z', seller: 'lumi-store', gtins: [SERUM, '96385074'] },
  'trust-bundle': {
    issuer: 'root',
    id: 'b1',
    issuedAt: '2026-05-31T00:00:00Z',
    serial: 3,
    maxAgeSeconds: 86_400,
    issuers: [
      {
        id: 'qhwh',
        roles: ['warehouse'],
        name: { en: 'Qianhai', 'zh-CN': '前海' },
        keys: [{ kid: '0011223344556677', alg: 'ES256', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, notBefore: '2025-01-01T00:00:00Z', revokedSince: '2026-01-01T00:00:00Z' }],
        filing: { status: 'filed', reference: 'X' },
      },
      { id: 'lumiere', roles: ['brand'], name: { en: 'L', 'zh-CN': 'L' }, gtinPrefixes: ['3760123'] },
    ],
    revoked: [{ issuer: 'qhwh', id: 'SF1' }],
    brandAuthorizations: ['CC1:ABC'],
    policy: [{ kind: 'quota', id: 'q', validFrom: '2026-01-01', perOrderLimitFen: 1, annualLimitFen: 2, source: { title: 't' } }],
    exchangeRates: [{ currency: 'USD', rate: '7.1' }],
    personalUse: { maxUnitsPerLine: 6, overrides: [{ gtinPrefix: '376', maxUnits: 3 }], source: 'demo' },
  },
};

/** Encode as the container does (deterministic CBOR) and decode as it does (cbor2). */
function throughCbor(map: unknown): unknown {
  return decode(encodeDeterministicCbor(map));
}

describe('claims round trip', () => {
  it.each(CREDENTIAL_TYPES.map((t) => [t]))('%s: readable → CBOR → readable is stable', (type) => {
    const parsed = parseClaims(type, SAMPLES[type]);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.error)).toBe(true);
    if (!parsed.ok) return;
    const decoded = decodeClaims(throughCbor(encodeClaims(parsed.value)));
    expect(decoded).toEqual({ ok: true, value: parsed.value });
  });

  it('normalises on the way in: GTIN-14, UTC seconds, lowercase hex, whole-minute custody, implied actors dropped', () => {
    const parsed = parseClaims('parcel', SAMPLES.parcel);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const p = parsed.value;
    expect(p.goods[0]!.gtin).toBe(`0${SERUM}`);
    expect(p.issuedAt).toBe('2026-05-27T00:00:00Z');
    expect(p.buyerCommitment).toBe('00112233445566778899aabbccddeeff');
    expect(p.custody[1]).toEqual({ step: 'declaration', at: '2026-05-27T04:00:00Z' });
    expect(custodyActor(p, p.custody[1]!)).toBe('harbour');
    expect(custodyActor(p, p.custody[2]!)).toBe('qhwh');
    expect(custodyActor(p, p.custody[3]!)).toBe('sf');
    expect(p.version).toBe(1);
  });

  it.each(CREDENTIAL_TYPES.map((t) => [t]))('%s: every schema field has a CBOR key and every CBOR key a schema field', (type) => {
    // The parcel schema is a pipe (object → normalising transform); its object is `.in`.
    const schema = SCHEMAS[type] as unknown as { shape?: Record<string, unknown>; in?: { shape: Record<string, unknown> } };
    const shape = schema.shape ?? schema.in?.shape;
    expect(shape).toBeDefined();
    const envelope = ['type', 'issuer', 'id', 'issuedAt', 'expiresAt', 'version'];
    expect(Object.keys(shape!).filter((k) => !envelope.includes(k)).toSorted()).toEqual(Object.keys(BODY_CODECS[type].map).toSorted());
  });
});

function bodyOf(type: CredentialType, mutate: (body: Map<number, unknown>, envelope: Map<number, unknown>) => void): unknown {
  const parsed = parseClaims(type, SAMPLES[type]);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const map = encodeClaims(parsed.value);
  mutate(map.get(-3) as Map<number, unknown>, map);
  return throughCbor(map);
}

describe('claims decoding rejects', () => {
  it.each([
    ['unknown integer key in the body', bodyOf('parcel', (b) => b.set(40, 1)), 'claims.unknown-critical-field'],
    ['unknown integer key in the envelope (CWT nbf)', bodyOf('parcel', (_b, e) => e.set(5, 1)), 'claims.unknown-critical-field'],
    ['unknown key in a nested goods line', bodyOf('parcel', (b) => ((b.get(1) as Map<number, unknown>[])[0]!).set(9, 'x')), 'claims.unknown-critical-field'],
    ['extra element in a custody tuple', bodyOf('parcel', (b) => (b.get(12) as unknown[][])[0]!.push('x', 'y')), 'claims.unknown-critical-field'],
    ['GTIN as text', bodyOf('parcel', (b) => ((b.get(1) as Map<number, unknown>[])[0]!).set(1, SERUM)), 'claims.wrong-kind'],
    ['negative time', bodyOf('parcel', (b) => b.set(7, -1)), 'claims.wrong-kind'],
    ['commitment as text', bodyOf('parcel', (b) => b.set(13, 'abc')), 'claims.wrong-kind'],
    ['customs mode code 3', bodyOf('parcel', (b) => b.set(6, 3)), 'claims.wrong-kind'],
    ['commitment of 8 bytes', bodyOf('parcel', (b) => b.set(13, new Uint8Array(8))), 'claims.schema'],
    ['bad GTIN check digit', bodyOf('receipt', (b) => ((b.get(4) as Map<number, unknown>[])[0]!).set(1, 3760123450011)), 'claims.schema'],
    ['float money', bodyOf('receipt', (b) => b.set(5, 680.5)), 'claims.wrong-kind'],
    ['taxes that do not add up', bodyOf('receipt', (b) => b.set(7, 1)), 'claims.schema'],
    ['missing body', bodyOf('listing', (_b, e) => e.delete(-3)), 'claims.schema'],
    ['unknown type', bodyOf('listing', (_b, e) => e.set(-1, 9)), 'claims.unknown-type'],
    ['version 2', bodyOf('listing', (_b, e) => e.set(-2, 2)), 'claims.unsupported-version'],
    ['a JSON key that is not text', bodyOf('trust-bundle', (b) => b.set(6, [new Map([[1, 2]])])), 'claims.bad-key'],
    ['a float key', bodyOf('listing', (b) => b.set(1.5 as unknown as number, 1)), 'claims.bad-key'],
  ])('%s', (_name, value, code) => {
    const decoded = decodeClaims(value);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.code).toBe(code);
  });

  it.each([[null], [42], ['text'], [[1, 2]], [new Uint8Array(3)]])('not a map: %j', (value) => {
    const decoded = decodeClaims(value);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message['zh-CN']).toMatch(/凭证/);
  });

  it('ignores text-string keys (non-critical extensions)', () => {
    const decoded = decodeClaims(bodyOf('listing', (b, e) => (b.set('x-note' as unknown as number, 'hi'), e.set('x-env' as unknown as number, 1))));
    expect(decoded.ok).toBe(true);
  });
});

describe('claims validation', () => {
  it.each([
    ['mode 1210 without a warehouse', 'parcel', { warehouse: undefined }],
    ['a buyer name (no PII in QR credentials)', 'parcel', { buyerName: '张三' }],
    ['a phone number', 'parcel', { phone: '13800138000' }],
    ['a full ID number on a receipt', 'receipt', { ordererIdLast4: '11010519491231002X' }],
    ['an origin with a path', 'listing', { origins: ['https://shop.example/products/1'] }],
    ['a money amount in yuan with decimals', 'receipt', { paidFen: 836.8 }],
    ['a party id with capitals', 'listing', { seller: 'LumiStore' }],
  ] as const)('rejects %s', (_name, type, patch) => {
    const input = { ...SAMPLES[type], ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (input as Record<string, unknown>)[k];
    expect(parseClaims(type, input).ok).toBe(false);
  });

  it.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    [SERUM, `0${SERUM}`],
    ['10012345678902', '10012345678902'],
    ['3760123450011', undefined],
    ['37601234500', undefined],
    ['376012345001A', undefined],
  ])('GTIN %s → %s', (input, expected) => {
    expect(normalizeGtin(input)).toBe(expected);
  });

  it.each([
    ['https://shop.example', 'https://shop.example'],
    ['https://SHOP.example:443/', 'https://shop.example'],
    ['http://localhost:5174', 'http://localhost:5174'],
    ['https://user:pw@shop.example', undefined],
    ['javascript:alert(1)', undefined],
    ['https://shop.example/path', undefined],
  ])('origin %s → %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });
});

describe('parcel size in a QR code', () => {
  let key: SigningKey;
  beforeAll(async () => {
    const pair = await generateSigningKey();
    key = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
  });

  // Issue 3 goal: version 12 or lower at level M for the bare form. A lean label (one line with
  // GTIN, batch, expiry; three custody hops) meets it; a product name on top costs one version.
  it.each([
    ['lean: no product name', { goods: [{ gtin: SERUM, batch: 'L2409A', expiry: '2029-09-30', quantity: 1 }] }, 12],
    ['typical: with a short product name', { goods: [{ gtin: SERUM, name: '焕活精华液 50ml', batch: 'L2409A', expiry: '2029-09-30', quantity: 1 }] }, 13],
    ['two product lines', { goods: [{ gtin: SERUM, name: '精华液 50ml', quantity: 1 }, { gtin: '96385074', name: '面霜 30ml', quantity: 2 }] }, 13],
  ])('%s: version ≤ %i', async (_name, patch, maxVersion) => {
    const input = {
      ...SAMPLES.parcel,
      id: 'SF1402835566012',
      waybill: 'SF1402835566012',
      issuer: 'qianhai-wh',
      warehouse: 'qianhai-wh',
      custody: [
        { step: 'declaration', at: '2026-05-27T04:00:00Z' },
        { step: 'bonded-warehouse', at: '2026-05-27T07:00:00Z' },
        { step: 'logistics', at: '2026-05-27T09:30:00Z', actor: 'sf' },
      ],
      ...patch,
    };
    const sealed = await sealClaims('parcel', input, key);
    if (!sealed.ok) throw new Error(sealed.error.detail);
    const qr = QRCode.create(sealed.value.payload, { errorCorrectionLevel: 'M' });
    expect(qr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
    expect(qr.version).toBeLessThanOrEqual(maxVersion);
  });
});

describe('CBOR form is compact', () => {
  it('uses small integer keys and integers for GTINs and times', () => {
    const parsed = parseClaims('parcel', SAMPLES.parcel);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const bytes = encode(encodeClaims(parsed.value));
    expect(bytes.length).toBeLessThan(250);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/gtin|waybill|issuer/);
  });
});
