import { decode, encode } from 'cbor2';
import { describe, expect, it } from 'vitest';
import {
  custodyActor,
  decodeClaims,
  packText,
  unpackText,
  PACKED_ALPHABET,
  PACKED_PAIR_BASE,
  encodeClaims,
  normalizeGtin,
  normalizeOrigin,
  parseClaims,
  BODY_CODECS,
  CREDENTIAL_TYPES,
  SCHEMAS,
  type CredentialType,
} from '../../../shared/credential/claims.ts';
import { encodeDeterministicCbor } from '../../../shared/credential/cbor-strict.ts';

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
    // The parcel schema is a pipe (object → normalising transform); zod/mini keeps its object in `def.in`.
    const schema = SCHEMAS[type] as unknown as { shape?: Record<string, unknown>; def: { in?: { shape: Record<string, unknown> } } };
    const shape = schema.shape ?? schema.def.in?.shape;
    expect(shape).toBeDefined();
    const envelope = ['type', 'issuer', 'id', 'issuedAt', 'expiresAt', 'version'];
    const body = BODY_CODECS[type];
    const fields = 'map' in body ? Object.keys(body.map) : body.tuple.map(([name]) => name);
    expect(Object.keys(shape!).filter((k) => !envelope.includes(k)).toSorted()).toEqual(fields.toSorted());
  });
});

function bodyOf(type: CredentialType, mutate: (body: Map<number, unknown>, envelope: Map<number, unknown>) => void): unknown {
  const parsed = parseClaims(type, SAMPLES[type]);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const map = encodeClaims(parsed.value);
  mutate(map.get(-3) as Map<number, unknown>, map);
  return throughCbor(map);
}

/** Positions in the parcel body tuple (FORMAT.md §4.1). */
const P = { goods: 0, waybill: 1, carrier: 2, declaration: 3, mode: 4, releasedAt: 5, declaredValueFen: 6, importer: 7, seller: 8, buyerCommitment: 9, warehouse: 10, custody: 11, port: 12 } as const;

function parcelBodyOf(mutate: (body: unknown[], envelope: Map<number, unknown>) => void, input: Record<string, unknown> = SAMPLES.parcel): unknown {
  const parsed = parseClaims('parcel', input);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const map = encodeClaims(parsed.value);
  mutate(map.get(-3) as unknown[], map);
  return throughCbor(map);
}

describe('claims decoding rejects', () => {
  it.each([
    ['unknown integer key in a body map', bodyOf('listing', (b) => b.set(40, 1)), 'claims.unknown-critical-field'],
    ['a 14th element in the parcel body', parcelBodyOf((b) => b.push(...Array(13 - b.length).fill(null), 'must-understand')), 'claims.unknown-critical-field'],
    ['the parcel body as a map', parcelBodyOf((b, e) => e.set(-3, new Map(b.map((v, i) => [i + 1, v])))), 'claims.wrong-kind'],
    ['unknown integer key in the envelope (CWT nbf)', parcelBodyOf((_b, e) => e.set(5, 1)), 'claims.unknown-critical-field'],
    ['a sixth element in a goods line', parcelBodyOf((b) => (b[P.goods] as unknown[][])[0]!.push('x', 'y')), 'claims.unknown-critical-field'],
    ['a goods line as a map', parcelBodyOf((b) => (b[P.goods] = [new Map([[1, 3760123450010]])])), 'claims.wrong-kind'],
    ['GTIN as text', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![0] = SERUM)), 'claims.wrong-kind'],
    ['a goods line without its quantity (null)', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![1] = null)), 'claims.schema'],
    ['a required field left null', parcelBodyOf((b) => (b[P.seller] = null)), 'claims.schema'],
    ['expiry as YYYYMMDD text', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![2] = '2029-09-30')), 'claims.wrong-kind'],
    ['negative issuedAt', parcelBodyOf((_b, e) => e.set(6, -1)), 'claims.wrong-kind'],
    ['release a float number of minutes after signing', parcelBodyOf((b) => (b[P.releasedAt] = 1.5)), 'claims.wrong-kind'],
    ['release 200 years before signing', parcelBodyOf((b) => (b[P.releasedAt] = -200 * 366 * 1440)), 'claims.wrong-kind'],
    ['waybill as text (it is packed)', parcelBodyOf((b) => (b[P.waybill] = 'SF1400000000001')), 'claims.wrong-kind'],
    ['a packed waybill with a triple out of range', parcelBodyOf((b) => (b[P.waybill] = Uint8Array.of(0xff, 0xff, 0x00, 0x01))), 'claims.wrong-kind'],
    ['a packed pair that is not last', parcelBodyOf((b) => (b[P.waybill] = Uint8Array.of(0xd6, 0x58, 0x00, 0x01))), 'claims.wrong-kind'],
    ['a packed waybill with "." (outside its alphabet)', parcelBodyOf((b) => (b[P.waybill] = packText('SF.1400000')!)), 'claims.schema'],
    ['an importer as text (party ids are packed)', parcelBodyOf((b) => (b[P.importer] = 'harbour')), 'claims.wrong-kind'],
    ['a registry code above the range', parcelBodyOf((b) => (b[P.importer] = 100_000)), 'claims.wrong-kind'],
    ['an unknown custody step', parcelBodyOf((b) => (b[P.custody] = [6, 0])), 'claims.wrong-kind'],
    ['a custody hop without its minutes', parcelBodyOf((b) => (b[P.custody] = [2])), 'claims.wrong-kind'],
    ['a custody hop whose actor is missing', parcelBodyOf((b) => (b[P.custody] = [5 + 8, 10])), 'claims.wrong-kind'],
    ['custody as tuples (an older layout)', parcelBodyOf((b) => (b[P.custody] = [[3, -120]])), 'claims.wrong-kind'],
    ['commitment as text', parcelBodyOf((b) => (b[P.buyerCommitment] = 'abc')), 'claims.wrong-kind'],
    ['customs mode code 3', parcelBodyOf((b) => (b[P.mode] = 3)), 'claims.wrong-kind'],
    ['commitment of 8 bytes', parcelBodyOf((b) => (b[P.buyerCommitment] = new Uint8Array(8))), 'claims.schema'],
    ['no port and a declaration not starting with 4 digits', parcelBodyOf((b) => (b.splice(P.port), (b[P.declaration] = packText('I53162026000000001')!))), 'claims.schema'],
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

  // decodeClaims takes `unknown`: values no CBOR decoder makes are refused too, and named in the
  // error detail without String(), which throws on the first and recurses without end on the second.
  it.each([
    ['a type without a prototype', -1, () => Object.create(null) as object, 'claims.unknown-type'],
    ['a type nested 100,000 arrays deep', -1, () => Array.from({ length: 100_000 }).reduce<unknown[]>((inner) => [inner], []), 'claims.unknown-type'],
    ['a version without a prototype', -2, () => Object.create(null) as object, 'claims.unsupported-version'],
  ])('%s', (_name, key, value, code) => {
    const claims = bodyOf('listing', () => {}) as Map<number, unknown>;
    claims.set(key, value());
    const decoded = decodeClaims(claims);
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

  // The detail is what `crosscheck issue` prints and what `inspect` shows: it names the field by
  // its readable path and says which rule failed, in a sentence (zod/mini has no locale of its own;
  // issues without a message of their own are worded by issueMessage).
  it.each([
    ['bonded parcel without a warehouse', 'parcel', { warehouse: undefined }, 'warehouse', 'warehouse: mode 1210 (bonded) needs a warehouse'],
    ['bad GTIN check digit in a goods line', 'parcel', { goods: [{ gtin: '3760123450011', quantity: 1 }] }, 'goods.0.gtin', 'goods.0.gtin: GTIN: 8, 12, 13 or 14 digits with a valid GS1 check digit'],
    ['no goods lines', 'parcel', { goods: [] }, 'goods', 'goods: needs at least one item'],
    ['21 goods lines', 'parcel', { goods: Array.from({ length: 21 }, () => ({ gtin: SERUM, quantity: 1 })) }, 'goods', 'goods: must have at most 20 items'],
    ['quantity 0', 'parcel', { goods: [{ gtin: SERUM, quantity: 0 }] }, 'goods.0.quantity', 'goods.0.quantity: must be at least 1'],
    ['a waybill in lower case', 'parcel', { waybill: 'sf1400000000001' }, 'waybill', 'waybill: waybill: 6–30 of A-Z 0-9 -'],
    ['an unknown custody step', 'parcel', { custody: [{ step: 'teleport', at: '2026-05-27T07:00:00Z' }] }, 'custody.0.step', 'custody.0.step: must be one of "brand-authorization", "customs-filing", "declaration", "bonded-warehouse", "logistics"'],
    ['a custody time without a zone', 'parcel', { custody: [{ step: 'logistics', at: '2026-05-27T07:00:00' }] }, 'custody.0.at', 'custody.0.at: must be a valid datetime'],
    ['a time before 1970', 'parcel', { issuedAt: '1969-12-31T23:59:59Z' }, 'issuedAt', 'issuedAt: time outside 1970–9999'],
    ['a commitment of 15 bytes', 'parcel', { buyerCommitment: 'ab'.repeat(15) }, 'buyerCommitment', 'buyerCommitment: 16 bytes as 32 hex digits'],
    ['a registry code of 6 digits', 'parcel', { importer: '#100000' }, 'importer', 'importer: party: a party id, or # and a registry code'],
    ['a buyer name (no PII in QR credentials)', 'parcel', { buyerName: '张三' }, '', '(root): unknown field "buyerName"'],
    ['taxes that do not add up', 'receipt', { vatFen: 1 }, 'taxFen', 'taxFen: vatFen + consumptionTaxFen must equal taxFen'],
    ['a full ID number', 'receipt', { ordererIdLast4: '11010519491231002X' }, 'ordererIdLast4', 'ordererIdLast4: ordererIdLast4: 3 digits and a digit or X'],
    ['money in yuan with decimals', 'receipt', { paidFen: 836.8 }, 'paidFen', 'paidFen: must be a whole number'],
    ['a missing order id', 'receipt', { orderId: undefined }, 'orderId', 'orderId: is required'],
    ['an origin with a path', 'listing', { origins: ['https://shop.example/', 'https://shop.example/products/1'] }, 'origins.1', 'origins.1: origin: http(s)://host[:port], nothing else'],
    ['a party id with capitals', 'listing', { seller: 'LumiStore' }, 'seller', 'seller: party id: 1–32 of a-z 0-9 . - (starting with a letter or digit)'],
    ['an empty product name', 'listing', { product: { gtin: SERUM, name: '' } }, 'product.name', 'product.name: must not be empty'],
    ['a version of 2', 'listing', { version: 2 }, 'version', 'version: must be 1'],
    ['two issuers with one registry code', 'trust-bundle', { issuers: [{ id: 'a', code: 7, roles: ['brand'], name: { en: 'A', 'zh-CN': 'A' } }, { id: 'b', code: 7, roles: ['seller'], name: { en: 'B', 'zh-CN': 'B' } }] }, 'issuers', 'issuers: two issuers with one registry code'],
    ['an unknown role', 'trust-bundle', { issuers: [{ id: 'a', roles: ['emperor'], name: { en: 'A', 'zh-CN': 'A' } }] }, 'issuers.0.roles.0', 'issuers.0.roles.0: must be one of "brand", "platform", "seller", "importer", "customs-broker", "warehouse", "logistics"'],
    ['a key id that is not hex', 'trust-bundle', { issuers: [{ id: 'a', roles: ['brand'], name: { en: 'A', 'zh-CN': 'A' }, keys: [{ kid: 'zz', alg: 'ES256', publicKeyJwk: {}, notBefore: '2025-01-01T00:00:00Z' }] }] }, 'issuers.0.keys.0.kid', 'issuers.0.keys.0.kid: kid: hex'],
    ['a bundle younger than a minute', 'trust-bundle', { maxAgeSeconds: 59 }, 'maxAgeSeconds', 'maxAgeSeconds: must be at least 60'],
  ] as const)('%s: error at %j', (_name, type, patch, path, detail) => {
    const input: Record<string, unknown> = { ...SAMPLES[type], ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete input[k];
    const parsed = parseClaims(type, input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('claims.schema');
    expect([parsed.error.path, parsed.error.detail]).toEqual([path, detail]);
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

describe('packed identifiers (3 characters in 2 bytes)', () => {
  it.each([
    ['', 0],
    ['S', 1],
    ['SF', 2],
    ['EMS', 2],
    ['SF14', 3],
    ['SF1400012345678', 10],
    ['53162026I000012345', 12],
    ['QHWH-BONDED', 8],
  ])('%j packs into %i bytes and back', (text, bytes) => {
    const packed = packText(text)!;
    expect(packed).toHaveLength(bytes);
    expect(unpackText(packed)).toBe(text);
  });

  it('round-trips random strings of every length up to 40', () => {
    for (let n = 0; n <= 40; n++) {
      const text = Array.from({ length: n }, (_, i) => PACKED_ALPHABET[(i * 17 + n * 5) % PACKED_ALPHABET.length]).join('');
      expect(unpackText(packText(text)!)).toBe(text);
    }
  });

  it('refuses characters outside the alphabet', () => {
    expect(packText('sf')).toBeUndefined();
    expect(packText('SF_1')).toBeUndefined();
  });

  it('is one-to-one: every 1- and 2-byte string unpacks to text that packs back to it, or is refused', () => {
    let accepted = 0;
    for (let v = 0; v < 65_536; v++) {
      const two = Uint8Array.of(v >> 8, v & 0xff);
      const text = unpackText(two);
      if (text !== undefined) {
        accepted++;
        expect(packText(text)).toEqual(two);
      }
    }
    // All triples and all final pairs, nothing else.
    expect(accepted).toBe(PACKED_PAIR_BASE + PACKED_ALPHABET.length ** 2);
    for (let v = 0; v < 256; v++) expect(unpackText(Uint8Array.of(v)) !== undefined).toBe(v < PACKED_ALPHABET.length);
    // A pair is only allowed last: the same two bytes in front of a triple are refused.
    expect(unpackText(Uint8Array.of(PACKED_PAIR_BASE >> 8, PACKED_PAIR_BASE & 0xff, 0, 0))).toBeUndefined();
  });
});

describe('parcel wire form: what the verifier can derive is left out', () => {
  const parcel = (patch: Record<string, unknown> = {}) => {
    const parsed = parseClaims('parcel', { ...SAMPLES.parcel, ...patch });
    if (!parsed.ok) throw new Error(parsed.error.detail);
    return parsed.value;
  };
  const wire = (claims: ReturnType<typeof parcel>, partyCodes?: ReadonlyMap<string, number>) => {
    const map = encodeClaims(claims, partyCodes ? { partyCodes } : {});
    const tuple = map.get(-3) as unknown[];
    return { envelope: map, tuple, body: new Map(Object.entries(P).map(([name, i]) => [name, tuple[i]])) };
  };

  it('leaves out the id when it is the waybill, and keeps it otherwise', () => {
    expect(wire(parcel()).envelope.has(-4)).toBe(false);
    const other = parcel({ id: 'P-2026-1' });
    expect(wire(other).envelope.get(-4)).toBe('P-2026-1');
    expect(decodeClaims(throughCbor(encodeClaims(other)))).toEqual({ ok: true, value: other });
  });

  it('leaves out the port when the declaration starts with it', () => {
    const p = parcel({ port: '5316' });
    expect(wire(p).tuple).toHaveLength(P.custody + 1);
    expect(wire(parcel()).body.get('port')).toBe(100); // '0100' is not the declaration's 5316
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('names the issuer as 0 wherever it appears as a party', () => {
    const p = parcel({ importer: 'qhwh', custody: [{ step: 'logistics', at: '2026-05-27T09:30:00Z', actor: 'qhwh' }] });
    const { body } = wire(p);
    expect([body.get('importer'), body.get('warehouse')]).toEqual([0, 0]);
    expect(body.get('custody')).toEqual([5 + 8, 210, 0]);
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('times: release in minutes after signing, custody in minutes after release, expiry in days', () => {
    const { body } = wire(parcel());
    // Issued 2026-05-27T00:00Z, released 06:00Z (+360); hops 511 days and 6 hours before, −2 h, +1 h, +3.5 h.
    expect(body.get('releasedAt')).toBe(360);
    expect(body.get('custody')).toEqual([1 + 8, -736_200, packText('LUMIERE'), 3, -120, 4, 60, 5 + 8, 210, packText('SF')]);
    expect((body.get('goods') as unknown[][])[0]).toEqual([3760123450010, 1, Date.UTC(2029, 8, 30) / 86_400_000, 'L1', '精华液 50ml']);
  });

  it('a goods line marks absent fields before a present one with null and drops trailing ones', () => {
    const p = parcel({ goods: [{ gtin: SERUM, quantity: 2, name: 'x' }, { gtin: SERUM, quantity: 1 }] });
    expect(wire(p).body.get('goods')).toEqual([[3760123450010, 2, null, null, 'x'], [3760123450010, 1]]);
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('registry codes: parties the bundle numbers travel as numbers and read back as their ids', () => {
    const codes = new Map([['qhwh', 2], ['harbour', 1], ['lumi-store', 300], ['sf', 3]]);
    const p = parcel();
    const { envelope, body } = wire(p, codes);
    expect(envelope.get(1)).toBe('#2');
    expect([body.get('importer'), body.get('warehouse'), body.get('seller')]).toEqual([1, 0, 300]);
    const byCode = new Map([...codes].map(([id, code]) => [code, id]));
    const cbor = throughCbor(encodeClaims(p, { partyCodes: codes }));
    expect(decodeClaims(cbor, { partyOfCode: (c) => byCode.get(c) })).toEqual({ ok: true, value: p });
    // Without the bundle (or with one that lacks the code) the party reads as its code.
    const unresolved = decodeClaims(cbor);
    expect(unresolved.ok && [unresolved.value.issuer, (unresolved.value as typeof p).importer, (unresolved.value as typeof p).warehouse]).toEqual(['#2', '#1', '#2']);
  });

  it('a registry code is smaller than the packed id, which is smaller than the text', () => {
    const long = parcel({ importer: 'harbour-trade', seller: 'lumi-store' });
    const size = (codes?: ReadonlyMap<string, number>) => encodeDeterministicCbor(encodeClaims(long, codes ? { partyCodes: codes } : {})).length;
    const packed = size();
    const coded = size(new Map([['harbour-trade', 12], ['lumi-store', 140], ['qhwh', 2]]));
    expect(packed - coded).toBeGreaterThanOrEqual(8 + 5 + 3);
  });
});

describe('CBOR form is compact', () => {
  it('uses small integer keys, integers for GTINs and times, packed identifiers', () => {
    const parsed = parseClaims('parcel', SAMPLES.parcel);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const bytes = encode(encodeClaims(parsed.value));
    // 212 bytes with text identifiers, maps for the body and goods lines, and an explicit id.
    expect(bytes.length).toBeLessThanOrEqual(150);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/gtin|waybill|issuer|SF14|harbour/);
  });
});
