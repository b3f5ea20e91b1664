// prepareClaims (wire.ts) does not scan its CBOR again with the strict decoder, as sealCredential
// does: claims that passed their schema are strict CBOR within the default limits by construction.
// This holds it to that: the largest claims each schema lets through (every array at its maximum,
// every optional field present) encode to CBOR the strict scan accepts, well inside the limits.
import { describe, expect, it } from 'vitest';
import { prepareClaims, type CredentialType } from '../../../../shared/credential/claims/index.ts';
import { scanStrictCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { DEFAULT_LIMITS } from '../../../../shared/credential/codec/limits.ts';
import { SAMPLES, SERUM } from './samples.ts';

const times = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

const LARGEST: Partial<Record<CredentialType, Record<string, unknown>>> = {
  parcel: {
    ...SAMPLES.parcel,
    expiresAt: '2027-05-27T08:00:00Z',
    goods: times(20, () => ({ gtin: SERUM, name: '精'.repeat(40), batch: 'B'.repeat(20), expiry: '2029-09-30', quantity: 9999 })),
    custody: times(12, (i) => ({ step: 'logistics', at: `2026-05-27T0${i % 10}:00:00Z`, actor: `actor-${i}` })),
    port: '9999',
  },
  receipt: {
    ...SAMPLES.receipt,
    expiresAt: '2027-05-27T08:00:00Z',
    items: times(100, () => ({ gtin: SERUM, name: '露'.repeat(128), quantity: 1, unitPriceFen: 1 })),
    dutiableValueFen: 100,
  },
  listing: {
    ...SAMPLES.listing,
    origins: times(8, (i) => `https://shop${i}.example`),
    placements: times(16, (i) => ({ site: 'tmall', item: `${1000 + i}`, shop: `${2000 + i}` })),
  },
  'brand-authorization': { ...SAMPLES['brand-authorization'], expiresAt: '2027-01-01T00:00:00Z', gtins: times(500, () => SERUM) },
};

describe('prepareClaims without a second scan', () => {
  it.each(Object.entries(LARGEST))('the largest %s claims the schema accepts are strict CBOR within the limits', (type, input) => {
    const r = prepareClaims(type as CredentialType, input, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    if (!r.ok) throw new Error(`${type}: ${r.error.detail}`);
    const scanned = scanStrictCbor(r.value.prepared.payload, DEFAULT_LIMITS, 'cbor');
    expect(scanned.ok, JSON.stringify(scanned)).toBe(true);
    // Far inside the item bound (4,096) and the depth bound (16, not reached by 4 levels of claims).
    if (scanned.ok) expect(scanned.value).toBeLessThan(DEFAULT_LIMITS.maxCborItems / 2);
    expect(scanStrictCbor(r.value.prepared.payload, { ...DEFAULT_LIMITS, maxCborDepth: 5 }, 'cbor').ok).toBe(true);
  });
});
