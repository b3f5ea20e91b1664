// Readable claims of each type, valid and realistic, shared by the claims tests.
import { decode } from 'cbor2';
import { encodeDeterministicCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { encodeClaims, parseClaims, type CredentialType } from '../../../../shared/credential/claims/index.ts';

export const SERUM = '3760123450010';

export const SAMPLES: Record<CredentialType, Record<string, unknown>> = {
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


export function throughCbor(map: unknown): unknown {
  return decode(encodeDeterministicCbor(map));
}

export function bodyOf(type: CredentialType, mutate: (body: Map<number, unknown>, envelope: Map<number, unknown>) => void): unknown {
  const parsed = parseClaims(type, SAMPLES[type]);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const map = encodeClaims(parsed.value);
  mutate(map.get(-3) as Map<number, unknown>, map);
  return throughCbor(map);
}

/** Positions in the parcel body tuple (FORMAT.md §4.1). */
export const P = { goods: 0, waybill: 1, carrier: 2, declaration: 3, mode: 4, releasedAt: 5, declaredValueFen: 6, importer: 7, seller: 8, buyerCommitment: 9, warehouse: 10, custody: 11, port: 12 } as const;

export function parcelBodyOf(mutate: (body: unknown[], envelope: Map<number, unknown>) => void, input: Record<string, unknown> = SAMPLES.parcel): unknown {
  const parsed = parseClaims('parcel', input);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const map = encodeClaims(parsed.value);
  mutate(map.get(-3) as unknown[], map);
  return throughCbor(map);
}
