// Verdict scenarios: one small world (fixed time, fresh keys) and a table of cases, each with the
// status and the exact set of reason codes the verdict must give. Used live by verdict.test.ts and,
// through test/vectors/verdict/_generate.ts, frozen into the vector corpus.
import { encodeDeterministicCbor } from '../../../shared/credential/codec/cbor-strict.ts';
import { protectedHeaderFor, sealCredential, sealPayloadBytes } from '../../../shared/credential/codec/container.ts';
import { buyerCommitmentHex } from '../../../shared/credential/buyer-commitment.ts';
import { encodeClaims, gtinCheckDigit, isoFromEpochSeconds, parseClaims, partyCodesOf, sealClaims, type CredentialType, type PartyCodes } from '../../../shared/credential/claims/index.ts';
import type { SigningKey } from '../../../shared/credential/index.ts';
import { newKeyPair, type KeyPairFiles } from '../../../cli/commands/keygen.ts';
import { loadTrustBundle, type RootKey, type TrustBundle } from '../../../shared/trust/index.ts';
import { verifyCredential, verifyReceipt, type OwnerProfile, type PageContext, type ReasonCode, type Verdict, type VerdictStatus } from '../../../shared/verdict/index.ts';

export const T = Date.parse('2026-06-01T00:00:00Z') / 1000;
export const DAY = 86_400;
export const at = (offset: number) => isoFromEpochSeconds(T + offset);

const withCheckDigit = (body: string): string => `${body}${gtinCheckDigit(body)}`;
export const SERUM = withCheckDigit('376012345001');
export const CREAM = withCheckDigit('376012345002');
/** A GTIN whose brand publishes nothing in the bundle. */
export const UNBRANDED = withCheckDigit('690123456789');

export const STORE = 'https://shop.example';
/** The page context of a Tmall Global item page (as pageContextOf gives it). */
export const TMALL_PAGE = (item: string) => ({ origin: 'https://detail.tmall.hk', marketplace: { site: 'tmall', item } });

export interface World {
  keys: Map<string, KeyPairFiles>;
  key(name: string): SigningKey;
  roots: RootKey[];
  bundle: string;
  /** Seals readable claims, or fails the test. */
  issue(type: Exclude<CredentialType, 'trust-bundle'>, claims: Record<string, unknown>, keyName: string): Promise<string>;
  receipt(overrides?: Record<string, unknown>, keyName?: string): Promise<{ payload: string; secret: string }>;
  /** `codes`: name parties by their registry codes in the bundle, as an issuer holding it does. */
  parcel(overrides?: Record<string, unknown>, opts?: { secret?: string; keyName?: string; codes?: boolean }): Promise<string>;
  listing(overrides?: Record<string, unknown>, keyName?: string): Promise<string>;
}

const SECRET_A = 'a1'.repeat(32);
const SECRET_OTHER = 'b2'.repeat(32);

/** A fresh world and its trust bundle, loaded: what most verdict tests start from. */
export async function makeLoadedWorld(): Promise<{ world: World; bundle: TrustBundle }> {
  const world = await makeWorld();
  const loaded = await loadTrustBundle(world.bundle, world.roots);
  if (!loaded.ok) throw new Error(`the world's bundle does not load: ${loaded.error.code}`);
  return { world, bundle: loaded.value };
}

export async function makeWorld(): Promise<World> {
  const keys = new Map<string, KeyPairFiles>();
  for (const [name, role] of [
    ['root', 'root'],
    ['lumiere', 'brand'],
    ['other-brand', 'brand'],
    ['kjmall', 'platform'],
    ['qhwh', 'warehouse'],
    ['qhwh-old', 'warehouse'],
    ['qhwh-leaked', 'warehouse'],
    ['qhwh-new', 'warehouse'],
    ['rogue', 'warehouse'],
    ['grey', 'seller'],
    ['sf', 'logistics'],
  ] as const) {
    keys.set(name, await newKeyPair(role));
  }
  const key = (name: string) => keys.get(name)!.signingKey;
  const pub = (name: string) => {
    const { kid, alg, publicKeyJwk } = keys.get(name)!.publicFile;
    return { kid, alg, publicKeyJwk };
  };
  const issue = async (type: Exclude<CredentialType, 'trust-bundle'>, claims: Record<string, unknown>, keyName: string, partyCodes?: PartyCodes) => {
    const sealed = await sealClaims(type, claims, key(keyName), partyCodes ? { partyCodes } : {});
    if (!sealed.ok) throw new Error(`${type}: ${sealed.error.detail}`);
    return sealed.value.payload;
  };

  const auth = await issue('brand-authorization', { issuer: 'lumiere', id: 'auth-1', issuedAt: at(-200 * DAY), expiresAt: at(400 * DAY), seller: 'lumi-store', gtins: [SERUM] }, 'lumiere');
  // Authorization of another seller that ran out before the parcels were issued.
  const authLapsed = await issue('brand-authorization', { issuer: 'lumiere', id: 'auth-2', issuedAt: at(-300 * DAY), expiresAt: at(-100 * DAY), seller: 'lapsed-store', gtins: [SERUM] }, 'lumiere');
  // A brand vouching for goods that are not its own counts for nothing.
  const authForeign = await issue('brand-authorization', { issuer: 'other-brand', id: 'auth-3', issuedAt: at(-200 * DAY), seller: 'grey', gtins: [SERUM] }, 'other-brand');

  const description = {
    issuer: 'root',
    id: 'test-bundle',
    issuedAt: at(-1 * DAY),
    serial: 7,
    maxAgeSeconds: 30 * DAY,
    issuers: [
      { id: 'lumiere', roles: ['brand'], name: { en: 'Lumière', 'zh-CN': '露米埃' }, gtinPrefixes: ['3760123'], keys: [{ ...pub('lumiere'), notBefore: at(-400 * DAY) }] },
      { id: 'other-brand', roles: ['brand'], name: { en: 'Other Brand', 'zh-CN': '别的品牌' }, gtinPrefixes: ['4000000'], keys: [{ ...pub('other-brand'), notBefore: at(-400 * DAY) }] },
      {
        id: 'kjmall',
        roles: ['platform'],
        name: { en: 'KJ Mall', 'zh-CN': '跨境优选' },
        filing: { status: 'filed' },
        keys: [{ ...pub('kjmall'), notBefore: at(-400 * DAY) }],
        // The platform speaks for the shops on it, and offers receipts on its own site.
        speaksFor: ['lumi-store', 'lapsed-store', 'grey'],
        origins: [STORE],
      },
      {
        id: 'qhwh',
        code: 2,
        roles: ['warehouse'],
        name: { en: 'Qianhai Bonded Warehouse', 'zh-CN': '前海保税仓' },
        keys: [
          { ...pub('qhwh'), notBefore: at(-365 * DAY), notAfter: at(365 * DAY) },
          { ...pub('qhwh-old'), notBefore: at(-730 * DAY), notAfter: at(-100 * DAY) },
          { ...pub('qhwh-leaked'), notBefore: at(-365 * DAY), revokedSince: at(-10 * DAY) },
          { ...pub('qhwh-new'), notBefore: at(10 * DAY) },
        ],
        // The bonded warehouse speaks for the importers it serves and the shops they sell through.
        speaksFor: ['harbour', 'quickbuy', 'paused', 'lumi-store', 'lapsed-store', 'grey'],
      },
      // A logistics company: it may sign parcels (its role), but speaks for nobody.
      { id: 'sf-express', code: 3, roles: ['logistics'], name: { en: 'SF Express', 'zh-CN': '顺丰速运' }, keys: [{ ...pub('sf'), notBefore: at(-400 * DAY) }] },
      { id: 'lumi-store', code: 5, roles: ['seller'], name: { en: 'Lumière Store', 'zh-CN': '露米埃旗舰店' }, filing: { status: 'filed', reference: 'F-1' } },
      { id: 'lapsed-store', roles: ['seller'], name: { en: 'Lapsed Store', 'zh-CN': '过期店' }, filing: { status: 'filed' } },
      // A grey seller that enrolled with the seller role and a listing key.
      { id: 'grey', roles: ['seller'], name: { en: 'Grey Trade', 'zh-CN': '灰贸' }, filing: { status: 'unfiled' }, keys: [{ ...pub('grey'), notBefore: at(-400 * DAY) }] },
      { id: 'harbour', code: 1, roles: ['importer'], name: { en: 'Harbour Imports', 'zh-CN': '海港进口' }, filing: { status: 'filed' } },
      { id: 'quickbuy', code: 4, roles: ['importer'], name: { en: 'QuickBuy Import', 'zh-CN': '速购进口' }, filing: { status: 'unfiled' } },
      { id: 'paused', roles: ['importer'], name: { en: 'Paused Import', 'zh-CN': '暂停进口' }, filing: { status: 'suspended' } },
    ],
    revoked: [{ issuer: 'qhwh', id: 'REVOKED-1' }],
    brandAuthorizations: [auth, authLapsed, authForeign],
    personalUse: { maxUnitsPerLine: 6, overrides: [{ gtinPrefix: '376012345', maxUnits: 3 }], source: 'test' },
  };
  const bundleSealed = await sealClaims('trust-bundle', description, key('root'));
  if (!bundleSealed.ok) throw new Error(bundleSealed.error.detail);

  const receipt = async (overrides: Record<string, unknown> = {}, keyName = 'kjmall') => {
    const secret = (overrides.orderSecret as string | undefined) ?? SECRET_A;
    const claims = {
      issuer: 'kjmall',
      id: 'R-1',
      issuedAt: at(-9 * DAY),
      orderId: 'ORDER-1',
      seller: 'lumi-store',
      orderedAt: at(-9 * DAY),
      items: [{ gtin: SERUM, name: '焕活精华液 50ml', quantity: 1, unitPriceFen: 68_000 }],
      dutiableValueFen: 68_000,
      taxFen: 15_680,
      paidFen: 83_680,
      ordererIdLast4: '123X',
      orderSecret: secret,
      ...overrides,
    };
    return { payload: await issue('receipt', claims, keyName), secret };
  };

  // With `codes`, the parcel names parties by their registry codes, as an issuer holding the bundle does.
  const partyCodes = partyCodesOf(description.issuers as { id: string; code?: number }[]);
  const parcel = async (overrides: Record<string, unknown> = {}, opts: { secret?: string; keyName?: string; codes?: boolean } = {}) => {
    const id = (overrides.id as string | undefined) ?? 'SF1400000000001';
    const claims = {
      issuer: 'qhwh',
      id,
      issuedAt: at(-5 * DAY),
      goods: [{ gtin: SERUM, name: '精华液 50ml', batch: 'L1', expiry: '2029-09-30', quantity: 1 }],
      waybill: 'SF1400000000001',
      carrier: 'SF',
      declaration: '53162026I000000001',
      port: '5316',
      mode: 1210,
      releasedAt: at(-5 * DAY - 3600),
      declaredValueFen: 68_000,
      importer: 'harbour',
      warehouse: 'qhwh',
      seller: 'lumi-store',
      custody: [{ step: 'declaration', at: at(-5 * DAY - 7200) }],
      buyerCommitment: await buyerCommitmentHex(opts.secret ?? SECRET_A, id),
      ...overrides,
    };
    return issue('parcel', claims, opts.keyName ?? 'qhwh', opts.codes ? partyCodes : undefined);
  };

  const listing = async (overrides: Record<string, unknown> = {}, keyName = 'kjmall') =>
    issue(
      'listing',
      {
        issuer: 'kjmall',
        id: 'L-1',
        issuedAt: at(-30 * DAY),
        product: { gtin: SERUM, name: 'Lumière Serum 50 ml' },
        seller: 'lumi-store',
        brandAuthorization: 'auth-1',
        origins: [STORE],
        ...overrides,
      },
      keyName,
    );

  return {
    keys,
    key,
    roots: [pub('root') as RootKey],
    bundle: bundleSealed.value.payload,
    issue,
    receipt,
    parcel,
    listing,
  };
}

/** What a case feeds the verifier: all serialisable, so it can become a vector file. */
export interface CaseInput {
  payload: string;
  receipts?: string[];
  now?: string;
  lastVerifiedAt?: string;
  /** The newest signed time the device has seen. */
  lastSeenSignedAt?: string;
  /** The owner profile on the device; cases with receipts get OWNER unless they set it (undefined: none). */
  owner?: OwnerProfile | undefined;
  origin?: string;
  /** The page showing a listing (origin and marketplace item). */
  page?: PageContext;
  labelWaybill?: string;
  /** Which entry point: verifyCredential (default) or verifyReceipt. */
  check?: 'credential' | 'receipt';
}

export interface Scenario {
  name: string;
  description: string;
  build(w: World): Promise<CaseInput>;
  status: VerdictStatus;
  /** Every reason code of the verdict, sorted. */
  codes: ReasonCode[];
}

/** The device owner of the default receipts (ordererIdLast4 123X). */
export const OWNER: OwnerProfile = { idLast4: '123X', maskedName: '张*' };

const GENUINE_PARCEL: ReasonCode[] = ['signature.valid', 'issuer.trusted', 'brand.authorized', 'bundle.fresh'];
const sorted = (codes: ReasonCode[]) => [...new Set(codes)].toSorted();

/** Receipt for the default parcel (secret A), from the same seller. */
async function mine(w: World) {
  return [(await w.receipt()).payload];
}

async function rawSeal(w: World, map: Map<number, unknown>, keyName: string) {
  return sealCredential(map, w.key(keyName));
}

const CASES: Scenario[] = [
  {
    name: 'parcel-genuine-yours',
    description: 'A parcel signed by the warehouse, authorized seller, and the consumer holds its receipt.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours']),
  },
  {
    name: 'parcel-no-receipts',
    description: 'A genuine parcel verified with no receipts loaded.',
    build: async (w) => ({ payload: await w.parcel() }),
    status: 'genuine-unbound',
    codes: sorted([...GENUINE_PARCEL, 'binding.no-receipt']),
  },
  {
    name: 'parcel-receipt-other-seller',
    description: 'Receipts exist, but none from this parcel’s seller for this product: unbound, not accused.',
    build: async (w) => ({ payload: await w.parcel(), receipts: [(await w.receipt({ seller: 'grey', orderSecret: SECRET_OTHER })).payload] }),
    status: 'genuine-unbound',
    codes: sorted([...GENUINE_PARCEL, 'binding.no-receipt']),
  },
  {
    name: 'parcel-not-yours',
    description: 'The consumer has a receipt from this seller for this product, but the parcel commits to another order (a copied label).',
    build: async (w) => ({ payload: await w.parcel({}, { secret: SECRET_OTHER }), receipts: await mine(w) }),
    status: 'not-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.not-yours']),
  },
  // ---- who may say what (issue: impersonation)
  {
    name: 'listing-impersonation',
    description: 'A grey seller’s listing key signs a listing whose seller is another, brand-authorized shop.',
    build: async (w) => ({ payload: await w.listing({ issuer: 'grey', seller: 'lumi-store' }, 'grey'), origin: STORE }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'authority.not-delegated', 'brand.authorized', 'listing.origin-match', 'bundle.fresh']),
  },
  {
    name: 'listing-own-seller',
    description: 'A seller signs its own listing: no delegation needed (it is the seller).',
    build: async (w) => ({ payload: await w.listing({ issuer: 'grey', seller: 'grey' }, 'grey'), origin: STORE }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.not-authorized', 'listing.origin-match', 'filing.unfiled', 'bundle.fresh']),
  },
  {
    name: 'parcel-impersonation',
    description: 'A logistics key signs a parcel naming an importer, a warehouse and an authorized seller that are not itself and that it may not speak for.',
    build: async (w) => ({ payload: await w.parcel({ issuer: 'sf-express' }, { keyName: 'sf' }), receipts: await mine(w) }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'authority.not-delegated', 'brand.authorized', 'binding.yours', 'custody.asserted-by-signer', 'bundle.fresh']),
  },
  {
    name: 'parcel-custody-asserted-by-signer',
    description: 'A warehouse’s parcel names the courier as actor of the logistics hop: shown as the warehouse’s statement, still genuine.',
    build: async (w) => ({
      payload: await w.parcel({ custody: [{ step: 'declaration', at: at(-5 * DAY - 7200) }, { step: 'logistics', at: at(-5 * DAY), actor: 'sf-express' }] }),
      receipts: await mine(w),
    }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'custody.asserted-by-signer']),
  },
  {
    name: 'receipt-seller-not-delegated',
    description: 'A platform receipt naming a seller the bundle does not let the platform speak for.',
    build: async (w) => ({ payload: (await w.receipt({ seller: 'harbour' })).payload, check: 'receipt' }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'authority.not-delegated', 'bundle.fresh']),
  },
  // ---- listings bound to the product page (issue: one listing washes a whole site)
  {
    name: 'listing-placement-match',
    description: 'A listing for a marketplace item, shown on that item’s page.',
    build: async (w) => ({ payload: await w.listing({ placements: [{ site: 'tmall', item: '612345678901' }] }), page: TMALL_PAGE('612345678901') }),
    status: 'genuine',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.placement-match', 'bundle.fresh']),
  },
  {
    name: 'listing-placement-mismatch',
    description: 'The same listing copied to another seller’s item on the same marketplace (same origin).',
    build: async (w) => ({ payload: await w.listing({ placements: [{ site: 'tmall', item: '612345678901' }] }), page: TMALL_PAGE('699999999999') }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.placement-mismatch', 'bundle.fresh']),
  },
  {
    name: 'listing-marketplace-origin-only',
    description: 'A listing that names the marketplace origin but no item: on a shared origin that proves nothing.',
    build: async (w) => ({ payload: await w.listing({ origins: ['https://detail.tmall.hk'] }), page: TMALL_PAGE('612345678901') }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.placement-mismatch', 'bundle.fresh']),
  },
  // ---- a receipt works for whoever holds it; a person does not (issue: "someone else's parcel is yours")
  {
    name: 'parcel-receipt-other-identity',
    description: 'A second buyer imported the original buyer’s receipt (resold or handed on): it opens the commitment, but was ordered under another ID ending.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), owner: { idLast4: '5678' } }),
    status: 'not-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.other-identity']),
  },
  {
    name: 'parcel-receipt-no-profile',
    description: 'The receipt opens the commitment, but the device has no owner profile: genuine, not confirmed as yours (neutral).',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), owner: undefined }),
    status: 'genuine-unbound',
    codes: sorted([...GENUINE_PARCEL, 'binding.owner-unconfirmed']),
  },
  {
    name: 'parcel-not-yours-ignores-other-identity',
    description: 'The only same-seller receipt is another identity’s and does not open the commitment: not evidence against this parcel.',
    build: async (w) => ({ payload: await w.parcel({}, { secret: SECRET_OTHER }), receipts: await mine(w), owner: { idLast4: '5678' } }),
    status: 'genuine-unbound',
    codes: sorted([...GENUINE_PARCEL, 'binding.no-receipt']),
  },
  {
    name: 'parcel-waybill-match',
    description: 'The waybill printed on the label is the signed one.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), labelWaybill: 'sf1400000000001' }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'label.waybill-match']),
  },
  {
    name: 'parcel-waybill-mismatch',
    description: 'A genuine code on a label with another waybill: copied.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), labelWaybill: 'SF1499999999999' }),
    status: 'not-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'label.waybill-mismatch']),
  },
  {
    name: 'parcel-under-declared',
    description: 'Declared value 476.00 against 680.00 on the consumer’s receipt.',
    build: async (w) => ({ payload: await w.parcel({ declaredValueFen: 47_600 }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'value.under-declared']),
  },
  {
    name: 'parcel-quantity-beyond-personal-use',
    description: '4 units of a product whose personal-use ceiling (bundle override) is 3.',
    build: async (w) => ({ payload: await w.parcel({ goods: [{ gtin: SERUM, quantity: 4 }], declaredValueFen: 272_000 }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'quantity.beyond-personal-use']),
  },
  {
    name: 'parcel-importer-unfiled',
    description: 'The importer has no customs filing.',
    build: async (w) => ({ payload: await w.parcel({ importer: 'quickbuy' }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'filing.unfiled']),
  },
  {
    name: 'parcel-importer-suspended',
    description: 'The importer’s filing is suspended.',
    build: async (w) => ({ payload: await w.parcel({ importer: 'paused' }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'filing.suspended']),
  },
  {
    name: 'parcel-importer-unknown',
    description: 'The importer is not in the trust data, so nothing lets the warehouse speak for it: an unbacked assertion, and the declaration hop is the warehouse’s statement.',
    build: async (w) => ({ payload: await w.parcel({ importer: 'nobody' }), receipts: await mine(w) }),
    status: 'not-authorized',
    codes: sorted([...GENUINE_PARCEL, 'authority.not-delegated', 'binding.yours', 'custody.asserted-by-signer', 'filing.unknown']),
  },
  {
    name: 'parcel-registry-codes',
    description: 'Issuer, importer and seller named by their registry codes in the bundle: read as the same parties.',
    build: async (w) => ({ payload: await w.parcel({ importer: 'quickbuy' }, { codes: true }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'filing.unfiled']),
  },
  {
    name: 'parcel-importer-unknown-code',
    description: 'The importer is a registry code the bundle does not know: an unknown party nobody may speak for.',
    build: async (w) => ({ payload: await w.parcel({ importer: '#77' }), receipts: await mine(w) }),
    status: 'not-authorized',
    codes: sorted([...GENUINE_PARCEL, 'authority.not-delegated', 'binding.yours', 'custody.asserted-by-signer', 'filing.unknown']),
  },
  {
    name: 'parcel-issuer-code-mismatch',
    description: 'The warehouse key signs claims whose issuer is another party’s registry code.',
    build: async (w) => ({ payload: await w.parcel({ issuer: '#1' }), receipts: await mine(w) }),
    status: 'invalid',
    codes: sorted(['signature.valid', 'issuer.name-mismatch', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-seller-not-authorized',
    description: 'A grey seller; another brand’s authorization for a GTIN it does not own counts for nothing.',
    build: async (w) => ({ payload: await w.parcel({ seller: 'grey' }) }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.not-authorized', 'binding.no-receipt', 'bundle.fresh']),
  },
  {
    name: 'parcel-authorization-lapsed',
    description: 'The seller’s authorization ran out before the parcel was issued.',
    build: async (w) => ({ payload: await w.parcel({ seller: 'lapsed-store' }) }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorization-expired', 'binding.no-receipt', 'bundle.fresh']),
  },
  {
    name: 'parcel-brand-not-participating',
    description: 'A product whose brand publishes no authorizations: not judged.',
    build: async (w) => ({
      payload: await w.parcel({ goods: [{ gtin: UNBRANDED, quantity: 1 }] }),
      receipts: [(await w.receipt({ items: [{ gtin: UNBRANDED, name: 'x', quantity: 1, unitPriceFen: 68_000 }] })).payload],
    }),
    status: 'genuine-yours',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.not-participating', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-unknown-issuer',
    description: 'Signed by a key the bundle does not list.',
    build: async (w) => ({ payload: await w.parcel({}, { keyName: 'rogue' }), receipts: await mine(w) }),
    status: 'unknown-issuer',
    codes: sorted(['issuer.unknown-key', 'bundle.fresh']),
  },
  {
    name: 'parcel-issuer-name-mismatch',
    description: 'The warehouse key signs claims naming another issuer.',
    build: async (w) => ({ payload: await w.parcel({ issuer: 'harbour' }), receipts: await mine(w) }),
    status: 'invalid',
    codes: sorted(['signature.valid', 'issuer.name-mismatch', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-role-not-allowed',
    description: 'A platform key signs a parcel; platforms sign receipts and listings only.',
    build: async (w) => ({ payload: await w.parcel({ issuer: 'kjmall' }, { keyName: 'kjmall' }), receipts: await mine(w) }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.role-not-allowed', 'authority.not-delegated', 'brand.authorized', 'binding.yours', 'custody.asserted-by-signer', 'bundle.fresh']),
  },
  {
    name: 'parcel-key-revoked',
    description: 'Signed with a key after its revokedSince.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-5 * DAY) }, { keyName: 'qhwh-leaked' }), receipts: await mine(w) }),
    status: 'revoked',
    codes: sorted(['signature.valid', 'key.revoked', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-key-revoked-boundary',
    description: 'Signed exactly at revokedSince: rejected (the boundary belongs to the revocation).',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-10 * DAY) }, { keyName: 'qhwh-leaked' }), receipts: await mine(w) }),
    status: 'revoked',
    codes: sorted(['signature.valid', 'key.revoked', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-signed-before-revocation',
    description: 'Signed one second before revokedSince: still accepted, with a note.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-10 * DAY - 1) }, { keyName: 'qhwh-leaked' }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'key.revoked-later', 'binding.yours']),
  },
  {
    name: 'parcel-key-expired',
    description: 'Signed one second after the key’s notAfter.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-100 * DAY + 1) }, { keyName: 'qhwh-old' }), receipts: await mine(w) }),
    status: 'expired',
    codes: sorted(['signature.valid', 'key.expired', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-key-last-valid-second',
    description: 'Signed exactly at the key’s notAfter: still inside the window.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-100 * DAY) }, { keyName: 'qhwh-old' }), receipts: await mine(w) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours']),
  },
  {
    name: 'parcel-key-not-yet-valid',
    description: 'Claims a signing time before the key’s notBefore.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-5 * DAY) }, { keyName: 'qhwh-new' }), receipts: await mine(w) }),
    status: 'invalid',
    codes: sorted(['signature.valid', 'key.not-yet-valid', 'brand.authorized', 'binding.yours', 'bundle.fresh']),
  },
  {
    name: 'parcel-credential-revoked',
    description: 'The credential id is on the bundle’s revocation list.',
    build: async (w) => ({ payload: await w.parcel({ id: 'REVOKED-1' }), receipts: await mine(w) }),
    status: 'revoked',
    codes: sorted([...GENUINE_PARCEL, 'credential.revoked', 'binding.yours']),
  },
  {
    name: 'parcel-expired',
    description: 'Verified exactly at expiresAt: expired.',
    build: async (w) => ({ payload: await w.parcel({ expiresAt: at(0) }), receipts: await mine(w), now: at(0) }),
    status: 'expired',
    codes: sorted([...GENUINE_PARCEL, 'credential.expired', 'binding.yours']),
  },
  {
    name: 'parcel-not-yet-expired',
    description: 'Verified one second before expiresAt.',
    build: async (w) => ({ payload: await w.parcel({ expiresAt: at(1) }), receipts: await mine(w), now: at(0) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours']),
  },
  {
    name: 'parcel-issued-in-future',
    description: 'Issued one hour after the device’s time.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(3600) }), receipts: await mine(w), now: at(0) }),
    status: 'check-clock',
    codes: sorted([...GENUINE_PARCEL, 'credential.issued-in-future', 'binding.yours']),
  },
  {
    name: 'clock-turned-back-below-bundle',
    description: 'The device clock is 10 days before the bundle’s issuedAt: never green.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-20 * DAY) }), receipts: await mine(w), now: at(-11 * DAY) }),
    status: 'check-clock',
    codes: sorted([...GENUINE_PARCEL, 'clock.turned-back', 'binding.yours']),
  },
  {
    name: 'clock-within-skew',
    description: 'The device clock is 4 minutes before the bundle’s issuedAt: tolerated.',
    build: async (w) => ({ payload: await w.parcel({ issuedAt: at(-20 * DAY) }), receipts: await mine(w), now: at(-1 * DAY - 240) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours']),
  },
  {
    name: 'clock-turned-back-below-last-verification',
    description: 'The device clock is a day before the last verification this device ran.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), now: at(0), lastVerifiedAt: at(DAY) }),
    status: 'check-clock',
    codes: sorted([...GENUINE_PARCEL, 'clock.turned-back', 'binding.yours']),
  },
  {
    name: 'clock-turned-back-hides-no-expiry',
    description: 'A clock turned back to before expiresAt: the effective now (last verification) still finds it expired.',
    build: async (w) => ({ payload: await w.parcel({ expiresAt: at(DAY) }), receipts: await mine(w), now: at(0), lastVerifiedAt: at(2 * DAY) }),
    status: 'expired',
    codes: sorted([...GENUINE_PARCEL, 'clock.turned-back', 'credential.expired', 'binding.yours']),
  },
  {
    name: 'clock-turned-back-no-earlier-verification',
    description: 'No verification ever ran on this device, but it has seen a signed time (an imported receipt, a newer bundle) after the parcel expired; the clock is set back before the expiry: still expired, never green.',
    build: async (w) => ({ payload: await w.parcel({ expiresAt: at(10 * DAY) }), receipts: await mine(w), now: at(5 * DAY), lastSeenSignedAt: at(20 * DAY) }),
    status: 'expired',
    codes: sorted([...GENUINE_PARCEL, 'clock.turned-back', 'credential.expired', 'binding.yours']),
  },
  {
    name: 'bundle-too-old',
    description: 'The bundle is four times past its maxAge: no longer green (check-trust-data), whatever else holds.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), now: at(119 * DAY) }),
    status: 'check-trust-data',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'binding.yours', 'bundle.too-old']),
  },
  {
    name: 'bundle-last-stale-second',
    description: 'Exactly twice maxAge old: stale (a warning), not yet too old.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), now: at(59 * DAY) }),
    status: 'genuine-yours',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'binding.yours', 'bundle.stale']),
  },
  {
    name: 'bundle-stale',
    description: 'The bundle is 31 days old with maxAge 30: a warning, not a failure.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), now: at(30 * DAY) }),
    status: 'genuine-yours',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'binding.yours', 'bundle.stale']),
  },
  {
    name: 'bundle-last-fresh-second',
    description: 'Exactly maxAge old: still fresh.',
    build: async (w) => ({ payload: await w.parcel(), receipts: await mine(w), now: at(29 * DAY) }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours']),
  },
  {
    name: 'parcel-tampered',
    description: 'One character of a genuine payload changed.',
    build: async (w) => {
      const p = await w.parcel();
      const i = Math.floor(p.length / 2);
      return { payload: `${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}`, receipts: await mine(w) };
    },
    status: 'invalid',
    codes: sorted(['credential.unreadable', 'bundle.fresh']),
  },
  {
    name: 'parcel-signature-invalid',
    description: 'Names the warehouse key but was signed by another key.',
    build: async (w) => {
      const parsed = parseClaims('parcel', {
        issuer: 'qhwh', id: 'X1', issuedAt: at(-5 * DAY), goods: [{ gtin: SERUM, quantity: 1 }], waybill: 'SF1400000000009', carrier: 'SF',
        declaration: '53162026I000000009', port: '5316', mode: 9610, releasedAt: at(-5 * DAY), declaredValueFen: 1, importer: 'harbour', seller: 'lumi-store', buyerCommitment: '00'.repeat(16),
      });
      if (!parsed.ok) throw new Error(parsed.error.detail);
      const sealed = await sealPayloadBytes(encodeDeterministicCbor(encodeClaims(parsed.value)), w.key('rogue'), { protectedBytes: protectedHeaderFor(w.key('qhwh').kid) });
      return { payload: sealed.text };
    },
    status: 'invalid',
    codes: sorted(['signature.invalid', 'bundle.fresh']),
  },
  {
    name: 'parcel-unknown-critical-field',
    description: 'Signed by a trusted key, but the parcel body has a field (a 14th position) no version-1 verifier knows.',
    build: async (w) => {
      const parsed = parseClaims('parcel', {
        issuer: 'qhwh', id: 'X2', issuedAt: at(-5 * DAY), goods: [{ gtin: SERUM, quantity: 1 }], waybill: 'SF1400000000010', carrier: 'SF',
        declaration: '53162026I000000010', port: '5316', mode: 9610, releasedAt: at(-5 * DAY), declaredValueFen: 1, importer: 'harbour', seller: 'lumi-store', buyerCommitment: '00'.repeat(16),
      });
      if (!parsed.ok) throw new Error(parsed.error.detail);
      const map = encodeClaims(parsed.value);
      // One element beyond the 13 positions of the parcel body.
      const body = map.get(-3) as unknown[];
      body.push(...Array<null>(13 - body.length).fill(null), 'must-understand');
      return { payload: await rawSeal(w, map, 'qhwh') };
    },
    status: 'invalid',
    codes: sorted(['signature.valid', 'credential.malformed-claims', 'bundle.fresh']),
  },
  {
    name: 'receipt-genuine',
    description: 'A receipt signed by the platform.',
    build: async (w) => ({ payload: (await w.receipt()).payload, check: 'receipt' }),
    status: 'genuine',
    codes: sorted(['signature.valid', 'issuer.trusted', 'bundle.fresh']),
  },
  {
    name: 'receipt-expected-got-parcel',
    description: 'A parcel handed to the receipt import.',
    build: async (w) => ({ payload: await w.parcel(), check: 'receipt' }),
    status: 'invalid',
    codes: sorted(['signature.valid', 'credential.wrong-type', 'bundle.fresh']),
  },
  {
    name: 'receipts-one-ignored',
    description: 'One of the receipts is forged (unknown key): ignored, the genuine one still binds.',
    build: async (w) => ({ payload: await w.parcel(), receipts: [...(await mine(w)), (await w.receipt({ orderSecret: SECRET_OTHER }, 'rogue')).payload] }),
    status: 'genuine-yours',
    codes: sorted([...GENUINE_PARCEL, 'binding.yours', 'receipt.ignored']),
  },
  {
    name: 'listing-origin-match',
    description: 'A listing shown on the origin it names.',
    build: async (w) => ({ payload: await w.listing(), origin: 'https://shop.example/' }),
    status: 'genuine',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.origin-match', 'bundle.fresh']),
  },
  {
    name: 'listing-origin-mismatch',
    description: 'The same listing copied to a look-alike site.',
    build: async (w) => ({ payload: await w.listing(), origin: 'https://shop.example.evil.test' }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.origin-mismatch', 'bundle.fresh']),
  },
  {
    name: 'listing-origin-not-checked',
    description: 'A listing verified without a page origin.',
    build: async (w) => ({ payload: await w.listing() }),
    status: 'genuine',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.authorized', 'listing.origin-not-checked', 'bundle.fresh']),
  },
  {
    name: 'listing-grey-seller',
    description: 'A listing by an unauthorized, unfiled seller.',
    build: async (w) => ({ payload: await w.listing({ seller: 'grey' }), origin: STORE }),
    status: 'not-authorized',
    codes: sorted(['signature.valid', 'issuer.trusted', 'brand.not-authorized', 'listing.origin-match', 'filing.unfiled', 'bundle.fresh']),
  },
  {
    name: 'brand-authorization-genuine',
    description: 'A brand authorization verified on its own.',
    build: async (w) => ({
      payload: await w.issue('brand-authorization', { issuer: 'lumiere', id: 'auth-9', issuedAt: at(-DAY), seller: 'lumi-store', gtins: [CREAM] }, 'lumiere'),
    }),
    status: 'genuine',
    codes: sorted(['signature.valid', 'issuer.trusted', 'bundle.fresh']),
  },
];

/** Cases that hold receipts run on a device whose owner profile is OWNER unless they say otherwise. */
export const SCENARIOS: Scenario[] = CASES.map((c) => ({
  ...c,
  build: async (w: World) => {
    const input = await c.build(w);
    return input.receipts?.length && !('owner' in input) ? { ...input, owner: OWNER } : input;
  },
}));

/** A scenario's verdict: its payload checked against the bundle with the scenario's context. */
export async function runCase(input: CaseInput, bundle: TrustBundle): Promise<Verdict> {
  const ctx = {
    bundle,
    now: new Date(input.now ?? at(0)),
    receipts: input.receipts ?? [],
    ...(input.lastVerifiedAt && { lastVerifiedAt: new Date(input.lastVerifiedAt) }),
    ...(input.lastSeenSignedAt && { lastSeenSignedAt: new Date(input.lastSeenSignedAt) }),
    ...(input.owner && { owner: input.owner }),
    ...(input.page && { page: input.page }),
    ...(input.origin && { origin: input.origin }),
    ...(input.labelWaybill && { labelWaybill: input.labelWaybill }),
  };
  return input.check === 'receipt' ? (await verifyReceipt(input.payload, ctx)).verdict : verifyCredential(input.payload, ctx);
}
