import { describe, expect, it } from 'vitest';
import { normalizeGtin, normalizeOrigin, parseClaims } from '../../../../shared/credential/claims/index.ts';
import { SAMPLES, SERUM } from './samples.ts';

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
