// Sample parcel claims with realistic field lengths (input to parseClaims('parcel', …)), shared by
// what measures parcels: the QR size tests (test/unit/credential/claims/qr-size.test.ts and
// test/unit/credential/codec/url-qr.test.ts, whose figures QR.md quotes) and the credential benchmark
// (test/harness/bench/credential.ts). Data for measurement only: it lives in the test harness, so no
// app bundle carries it.

/**
 * Everything but goods and custody. Party ids as a registry would give them, an SF waybill that is
 * also the parcel id (as FORMAT.md §4.1 recommends), an 18-character 清单 number whose first four
 * digits are the port.
 */
export const SAMPLE_PARCEL_FIELDS = {
  issuer: 'qhwh-bonded',
  id: 'SF1400012345678',
  issuedAt: '2026-03-02T08:00:00+08:00',
  waybill: 'SF1400012345678',
  carrier: 'SF',
  declaration: '53162026I000012345',
  port: '5316',
  mode: 1210,
  releasedAt: '2026-03-01T16:20:00+08:00',
  declaredValueFen: 129_900,
  importer: 'harbour-trade',
  warehouse: 'qhwh-bonded',
  seller: 'lumi-store',
  buyerCommitment: '8f14e45fceea167a5a36dedd4bea2543',
};

/** Customs filing, declaration, bonded warehouse, hand-over to the carrier. */
export const SAMPLE_CUSTODY_4 = [
  { step: 'customs-filing', at: '2026-02-20T10:00:00+08:00' },
  { step: 'declaration', at: '2026-03-01T09:00:00+08:00' },
  { step: 'bonded-warehouse', at: '2026-03-01T18:00:00+08:00' },
  { step: 'logistics', at: '2026-03-02T07:30:00+08:00', actor: 'sf-express' },
];

/** The four hops and a local courier's. */
export const SAMPLE_CUSTODY_5 = [...SAMPLE_CUSTODY_4, { step: 'logistics', at: '2026-03-03T11:10:00+08:00', actor: 'zto-local' }];

/** A product line as a typical label gives it: GTIN, short name, batch, expiry. */
export const SAMPLE_GOODS_LINE = { gtin: '4006381333931', name: '焕活精华液 50ml', batch: 'L2291A', expiry: '2028-06-30', quantity: 1 };
