// Who may say what (FORMAT.md §5 "Authority"): the bundle's speaksFor and origins fields, their wire
// keys, and the checks built on them — delegation, receipt offers from web pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeClaims, encodeClaims, parseClaims } from '../../../shared/credential/claims/index.ts';
import { authorityFindings, loadTrustBundle, maySpeakFor, receiptOfferAllowed, type TrustBundle } from '../../../shared/trust/index.ts';
import { checkReceiptOffer } from '../../../shared/verdict/index.ts';
import { at, makeWorld, OWNER, STORE, type World } from '../verdict/scenarios.ts';

let w: World;
let bundle: TrustBundle;

beforeAll(async () => {
  w = await makeWorld();
  const loaded = await loadTrustBundle(w.bundle, w.roots);
  if (!loaded.ok) throw new Error(loaded.error.code);
  bundle = loaded.value;
});

describe('delegation', () => {
  it.each([
    ['kjmall', 'kjmall', true],
    ['kjmall', 'lumi-store', true],
    ['qhwh', 'harbour', true],
    ['qhwh', 'sf-express', false],
    ['sf-express', 'harbour', false],
    ['grey', 'lumi-store', false],
    // One step only: kjmall speaks for lumi-store, that does not make lumi-store speak for kjmall.
    ['lumi-store', 'kjmall', false],
    ['nobody', 'nobody', true],
  ])('%s may speak for %s: %s', (signer, party, expected) => {
    expect(maySpeakFor(bundle, signer, party)).toBe(expected);
  });

  it('names every party field the signer may not assert', () => {
    const parcel = { type: 'parcel' as const, issuer: 'sf-express', importer: 'harbour', warehouse: 'qhwh', seller: 'lumi-store' };
    expect(authorityFindings(parcel, bundle)).toEqual([
      { field: 'importer', party: 'harbour' },
      { field: 'warehouse', party: 'qhwh' },
      { field: 'seller', party: 'lumi-store' },
    ]);
    expect(authorityFindings({ ...parcel, issuer: 'qhwh' }, bundle)).toEqual([]);
    // A brand authorization names its seller as the object of the brand's own act.
    expect(authorityFindings({ type: 'brand-authorization', issuer: 'lumiere', seller: 'anyone' }, bundle)).toEqual([]);
  });
});

describe('wire form of the new fields', () => {
  it('round-trips speaksFor and origins (issuer keys 8, 9) and placements (listing key 6)', () => {
    const issuer = { id: 'p', roles: ['platform'], name: { en: 'P', 'zh-CN': 'P' }, speaksFor: ['a', 'b'], origins: ['https://p.example'] };
    const bundleClaims = parseClaims('trust-bundle', { issuer: 'root', id: 'b', issuedAt: at(0), serial: 1, maxAgeSeconds: 86_400, issuers: [issuer] });
    if (!bundleClaims.ok) throw new Error(bundleClaims.error.detail);
    const wire = encodeClaims(bundleClaims.value);
    const entry = ((wire.get(-3) as Map<number, unknown>).get(3) as Map<number, unknown>[])[0]!;
    expect([entry.get(8), entry.get(9)]).toEqual([['a', 'b'], ['https://p.example']]);
    expect(decodeClaims(wire)).toEqual({ ok: true, value: bundleClaims.value });

    const listing = parseClaims('listing', {
      issuer: 'p', id: 'L', issuedAt: at(0), product: { gtin: '96385074', name: 'x' }, seller: 'a', origins: ['https://p.example'],
      placements: [{ site: 'tmall', item: '42', shop: '7' }],
    });
    if (!listing.ok) throw new Error(listing.error.detail);
    const listingWire = encodeClaims(listing.value);
    expect((listingWire.get(-3) as Map<number, unknown>).get(6)).toEqual([new Map<number, unknown>([[1, 'tmall'], [2, '42'], [3, '7']])]);
    expect(decodeClaims(listingWire)).toEqual({ ok: true, value: listing.value });
  });

  it('still reads bundles and listings without them (backward compatible)', () => {
    const old = parseClaims('trust-bundle', { issuer: 'root', id: 'b', issuedAt: at(0), serial: 1, maxAgeSeconds: 86_400, issuers: [{ id: 'p', roles: ['platform'], name: { en: 'P', 'zh-CN': 'P' } }] });
    expect(old.ok && old.value.issuers[0]!.speaksFor).toBeUndefined();
  });

  it.each([
    [{ site: 'Tmall', item: '42' }],
    [{ site: 'tmall', item: '42?x=1' }],
    [{ site: 'tmall', item: '' }],
    [{ site: 'tmall', item: '42', extra: 1 }],
  ])('refuses a malformed placement %j', (placement) => {
    const r = parseClaims('listing', { issuer: 'p', id: 'L', issuedAt: at(0), product: { gtin: '96385074', name: 'x' }, seller: 'a', origins: ['https://p.example'], placements: [placement] });
    expect(r.ok).toBe(false);
  });
});

describe('receipts offered by a web page', () => {
  it.each([
    [STORE, true],
    [`${STORE}/`, true],
    ['https://shop.example.evil.test', false],
    ['http://shop.example', false],
    ['not an origin', false],
  ])('kjmall receipts offered on %s: %s', (origin, expected) => {
    expect(receiptOfferAllowed(bundle, 'kjmall', origin)).toBe(expected);
  });

  it('accepts the platform’s own page and says whose order it is; refuses any other page by name', async () => {
    const { payload } = await w.receipt();
    const ctx = { bundle, now: new Date(at(0)), owner: OWNER };
    expect(await checkReceiptOffer(payload, STORE, ctx)).toMatchObject({ ok: true, ownership: 'owner' });
    expect(await checkReceiptOffer(payload, STORE, { ...ctx, owner: { idLast4: '5678' } })).toMatchObject({ ok: true, ownership: 'other-identity' });
    const reseller = await checkReceiptOffer(payload, 'https://reseller.example', ctx);
    expect(reseller).toMatchObject({ ok: false, refusal: { code: 'receipt.offer-origin-not-listed' } });
    const forged = await checkReceiptOffer((await w.receipt({}, 'rogue')).payload, STORE, ctx);
    expect(forged).toMatchObject({ ok: false, refusal: { code: 'issuer.unknown-key' } });
  });
});
