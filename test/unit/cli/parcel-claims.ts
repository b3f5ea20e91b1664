// Readable parcel claims for the issuing tests: parcel n has id and waybill SF14 + n (11 digits).
export const parcelClaims = (n: number, issuer = 'wh') => ({
  issuer,
  id: `SF14${String(n).padStart(11, '0')}`,
  goods: [{ gtin: '96385074', quantity: 1 }],
  waybill: `SF14${String(n).padStart(11, '0')}`,
  carrier: 'SF',
  declaration: '53162026I000000077',
  port: '5316',
  mode: 9610,
  releasedAt: new Date().toISOString(),
  declaredValueFen: 100 + n,
  buyerCommitment: 'ab'.repeat(16),
  importer: 'imp',
  seller: 'shop',
});
