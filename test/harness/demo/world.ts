// The demo world: every party of the system with real keys, a signed trust bundle, four products,
// listings for the demo store, receipts of one demo consumer, and parcels covering every verdict a
// parcel can get. Built in memory (tests use it directly); `npm run demo -- --out DIR` writes it.
//
// Structure is fixed (same files, names and expected statuses every run); keys and signatures are
// fresh each run, and times are relative to the moment of building, so the world keeps verifying
// with a real clock for as long as its bundle is fresh (maxAge 90 days) and beyond (only a
// `bundle.stale` warning is added).
import { labelSvg } from '../../../cli/labels/svg.ts';
import { hexOf, toVerifyUrl, DEFAULT_VERIFY_BASE, type SigningKey } from '../../../shared/credential/index.ts';
import { gtinCheckDigit, isoFromEpochSeconds, partyCodesOf, sealClaims, type CredentialType, type PartyCodes } from '../../../shared/credential/claims/index.ts';
import { buyerCommitmentHex } from '../../../shared/credential/buyer-commitment.ts';
import type { VerdictStatus } from '../../../shared/verdict/index.ts';
import type { Localized } from '../../../shared/text/localized.ts';
import { newKeyPair, publicKeyPath, ROOT_ROLE, type KeyPairFiles } from '../../../cli/commands/keygen.ts';

export const DEMO_STORE_ORIGIN = 'http://localhost:5174';
/** The demo consumer: their own receipts were ordered under this ID ending (the PWA's owner profile). */
export const DEMO_OWNER = { idLast4: '123X', maskedName: '张*' };
/** A look-alike shop that copied the store's listing badges. */
export const DEMO_LOOKALIKE_ORIGIN = 'http://127.0.0.1:5175';

export interface DemoFile {
  /** Relative to the demo folder, with forward slashes. */
  path: string;
  content: string;
  /** Private key material: written with mode 0600. */
  secret?: boolean;
}

export interface DemoCredential {
  name: string;
  type: Exclude<CredentialType, 'trust-bundle'>;
  /** The payload file, relative to the demo folder. */
  file: string;
  /** The readable claims it was issued from. */
  claims: Record<string, unknown>;
  description: Localized;
  /** Parcels (and receipts, brand authorizations): the status `verify` gives with the demo receipts. */
  expect?: VerdictStatus;
  /** Reason codes (errors and warnings) the verdict must contain. */
  expectReasons?: string[];
  /** Listings: the status per page origin. */
  expectByOrigin?: Record<string, VerdictStatus>;
  /** Parcels: the SVG label and the waybill number printed on it. */
  label?: string;
  labelWaybill?: string;
}

export interface DemoIndex {
  format: 'crosscheck-demo';
  version: 1;
  generatedAt: string;
  bundle: string;
  roots: string;
  receipts: string;
  keys: Record<string, string>;
  origins: { store: string; lookalike: string };
  /** The demo consumer's owner profile: the ID ending their own receipts were ordered under. */
  owner: { idLast4: string; maskedName: string };
  verifyBase: string;
  credentials: DemoCredential[];
}

export interface DemoWorld {
  files: DemoFile[];
  index: DemoIndex;
}

const DAY = 86_400;

const withCheckDigit = (body: string): string => `${body}${gtinCheckDigit(body)}`;

const PRODUCTS = {
  serum: {
    gtin: withCheckDigit('376012345001'),
    name: 'Lumière Revitalizing Serum 50 ml',
    nameZh: '露米埃 焕活精华液 50ml',
    short: '焕活精华液 50ml',
    brand: 'lumiere',
    seller: 'lumi-store',
    // 680.00 for 50 ml = 13.60/ml ≥ 10/ml: high-end cosmetics, consumption tax 15 %, VAT 13 %.
    // CT = 680/(1−15 %)×15 % = 120.00; VAT = (680+120)×13 % = 104.00; both × 70 % → 84.00 + 72.80.
    unitPriceFen: 68_000,
    vatFen: 7_280,
    consumptionTaxFen: 8_400,
  },
  milk: {
    gtin: withCheckDigit('942190300002'),
    name: 'Alpenmilch Stage 3 Toddler Formula 800 g',
    nameZh: '阿尔卑斯 3段幼儿配方奶粉 800g',
    short: '3段奶粉 800g',
    brand: 'alpenmilk',
    seller: 'alpen-store',
    // 2 × 258.00 = 516.00; VAT 13 % × 70 % = 46.956 → 46.96.
    unitPriceFen: 25_800,
    vatFen: 4_696,
    consumptionTaxFen: 0,
  },
  wine: {
    gtin: withCheckDigit('370123400003'),
    name: 'Château Beaulieu Bordeaux 2019 750 ml',
    nameZh: '博略酒庄 波尔多红葡萄酒 2019 750ml',
    short: '波尔多 2019 750ml',
    brand: 'beaulieu',
    seller: 'beaulieu-cellar',
    unitPriceFen: 16_800,
    vatFen: 0,
    consumptionTaxFen: 0,
  },
  watch: {
    gtin: withCheckDigit('761234500004'),
    name: 'Vallée Classique Automatic Watch',
    nameZh: '瓦莱 经典自动机械表',
    short: '经典自动机械表',
    brand: 'vallee',
    seller: 'vallee-store',
    // 3,880.00 < 10,000: no consumption tax on watches; VAT 13 % × 70 % = 353.08.
    unitPriceFen: 388_000,
    vatFen: 35_308,
    consumptionTaxFen: 0,
  },
} as const;
type ProductId = keyof typeof PRODUCTS;

interface Party {
  id: string;
  /** Registry code (FORMAT.md §4.1): parcels name the party with it. Small for the busiest. */
  code: number;
  roles: string[];
  name: Localized;
  gtinPrefixes?: string[];
  filing?: { status: 'filed' | 'unfiled' | 'suspended'; reference?: string };
  /** Key files to make for it (first = current). */
  keys?: string[];
  /** Parties it may speak for (FORMAT.md §5 "Authority"). */
  speaksFor?: string[];
  /** Origins where its pages may offer its receipts. */
  origins?: string[];
}

const SELLERS = ['lumi-store', 'alpen-store', 'beaulieu-cellar', 'vallee-store', 'grey-trade'];

const PARTIES: Party[] = [
  { id: 'lumiere', code: 11, roles: ['brand'], name: { en: 'Lumière Paris', 'zh-CN': '露米埃' }, gtinPrefixes: ['3760123'], keys: ['lumiere'] },
  { id: 'alpenmilk', code: 12, roles: ['brand'], name: { en: 'Alpenmilch', 'zh-CN': '阿尔卑斯乳业' }, gtinPrefixes: ['9421903'], keys: ['alpenmilk'] },
  { id: 'beaulieu', code: 13, roles: ['brand'], name: { en: 'Château Beaulieu', 'zh-CN': '博略酒庄' }, gtinPrefixes: ['3701234'], keys: ['beaulieu'] },
  { id: 'vallee', code: 14, roles: ['brand'], name: { en: 'Horlogerie Vallée', 'zh-CN': '瓦莱钟表' }, gtinPrefixes: ['7612345'], keys: ['vallee'] },
  { id: 'kjmall', code: 10, roles: ['platform'], name: { en: 'KJ Global Mall', 'zh-CN': '跨境优选商城' }, filing: { status: 'filed', reference: '3105960KJM' }, keys: ['kjmall'],
    // The platform speaks for the shops on it (listings, receipts) and offers receipts on its store.
    speaksFor: SELLERS, origins: [DEMO_STORE_ORIGIN] },
  { id: 'lumi-store', code: 5, roles: ['seller'], name: { en: 'Lumière Official Store', 'zh-CN': '露米埃官方旗舰店' }, filing: { status: 'filed', reference: '3105966LUM' } },
  { id: 'alpen-store', code: 6, roles: ['seller'], name: { en: 'Alpenmilch Official Store', 'zh-CN': '阿尔卑斯乳业官方旗舰店' }, filing: { status: 'filed', reference: '3105966ALP' } },
  { id: 'beaulieu-cellar', code: 7, roles: ['seller'], name: { en: 'Beaulieu Wine Cellar', 'zh-CN': '博略酒窖' }, filing: { status: 'filed', reference: '3105966BEA' } },
  { id: 'vallee-store', code: 8, roles: ['seller'], name: { en: 'Vallée Official Store', 'zh-CN': '瓦莱官方旗舰店' }, filing: { status: 'filed', reference: '3105966VAL' } },
  { id: 'grey-trade', code: 9, roles: ['seller'], name: { en: 'Grey Trade Co.', 'zh-CN': '灰贸商行' }, filing: { status: 'unfiled' } },
  { id: 'harbour', code: 1, roles: ['importer'], name: { en: 'Harbour Imports Ltd.', 'zh-CN': '海港进口有限公司' }, filing: { status: 'filed', reference: '4403960HBR' }, keys: ['harbour'],
    // The importer signs for the shops it imports for and names the bonded warehouse under contract.
    speaksFor: ['alpen-store', 'lumi-store', 'qianhai-wh'] },
  { id: 'quickbuy', code: 4, roles: ['importer'], name: { en: 'QuickBuy Import Co.', 'zh-CN': '速购进口' }, filing: { status: 'unfiled' } },
  // Two keys: the current one and one that leaked and was revoked 10 days before the demo.
  // Warehouse and carrier entries carry their customs filing too (shown on the verdict and timeline).
  { id: 'qianhai-wh', code: 2, roles: ['warehouse'], name: { en: 'Qianhai Bonded Warehouse', 'zh-CN': '前海保税仓' }, filing: { status: 'filed', reference: '4403W60QHB' }, keys: ['qianhai-wh', 'qianhai-wh-leaked'],
    // The bonded warehouse signs parcels for the importers it serves and the shops they sell through.
    speaksFor: ['harbour', 'quickbuy', ...SELLERS] },
  { id: 'sf', code: 3, roles: ['logistics'], name: { en: 'SF Express', 'zh-CN': '顺丰速运' }, filing: { status: 'filed', reference: '4403980SFE' }, keys: ['sf'] },
];

export interface DemoOptions {
  now?: Date;
  /** Base of the verify URL in the parcel QR codes (the PWA's /verify). */
  verifyBase?: string;
}

async function seal(type: Exclude<CredentialType, 'trust-bundle'> | 'trust-bundle', claims: Record<string, unknown>, key: SigningKey, partyCodes?: PartyCodes): Promise<string> {
  const sealed = await sealClaims(type, claims, key, partyCodes ? { partyCodes } : {});
  if (!sealed.ok) throw new Error(`demo ${type} ${String(claims.id)}: ${sealed.error.detail}`);
  return sealed.value.payload;
}

/** Changes one character in the middle of a payload to another Base45 character. */
export function tamper(payload: string): string {
  const at = Math.floor((payload.length + 4) / 2);
  const c = payload[at];
  return `${payload.slice(0, at)}${c === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}`;
}

export async function buildDemoWorld(opts: DemoOptions = {}): Promise<DemoWorld> {
  const verifyBase = opts.verifyBase ?? DEFAULT_VERIFY_BASE;
  const T = Math.floor((opts.now ?? new Date()).getTime() / 60_000) * 60; // whole minutes
  const at = (offsetSeconds: number) => isoFromEpochSeconds(T + offsetSeconds);
  const files: DemoFile[] = [];
  const credentials: DemoCredential[] = [];

  // ---- keys
  const keys = new Map<string, KeyPairFiles>();
  const keyFiles: Record<string, string> = {};
  const makeKey = async (name: string, role: string) => {
    const pair = await newKeyPair(role);
    keys.set(name, pair);
    const path = `keys/${name}.json`;
    files.push({ path, content: `${JSON.stringify(pair.privateJwk, null, 2)}\n`, secret: true });
    files.push({ path: publicKeyPath(path), content: `${JSON.stringify(pair.publicFile, null, 2)}\n` });
    keyFiles[name] = path;
  };
  await makeKey('root', ROOT_ROLE);
  for (const party of PARTIES) for (const k of party.keys ?? []) await makeKey(k, party.roles[0]!);
  // A label printer's key that no trust bundle lists (the counterfeiter's).
  await makeKey('rogue', 'warehouse');
  const key = (name: string) => keys.get(name)!.signingKey;

  // ---- brand authorizations (signed by the brands, carried in the bundle)
  const authorizations: string[] = [];
  for (const [pid, p] of Object.entries(PRODUCTS) as [ProductId, (typeof PRODUCTS)[ProductId]][]) {
    const claims = { issuer: p.brand, id: `auth-${p.brand}-${p.seller}`, issuedAt: at(-200 * DAY), expiresAt: at(730 * DAY), seller: p.seller, gtins: [p.gtin] };
    const payload = await seal('brand-authorization', claims, key(p.brand));
    authorizations.push(payload);
    const file = `brand-authorizations/${pid}.txt`;
    files.push({ path: file, content: `${payload}\n` });
    credentials.push({
      name: `authorization-${pid}`,
      type: 'brand-authorization',
      file,
      claims,
      expect: 'genuine',
      description: { en: `${p.brand} authorizes ${p.seller} to sell ${p.name}.`, 'zh-CN': `${p.brand} 授权 ${p.seller} 销售 ${p.nameZh}。` },
    });
  }

  // ---- the trust bundle
  const revokedParcelId = 'SF1400000000099';
  const description = {
    issuer: 'crosscheck-root',
    id: `demo-bundle-${at(0).slice(0, 10)}`,
    issuedAt: at(0),
    serial: 1,
    maxAgeSeconds: 90 * DAY,
    issuers: PARTIES.map((p) => ({
      id: p.id,
      code: p.code,
      roles: p.roles,
      name: p.name,
      ...(p.gtinPrefixes && { gtinPrefixes: p.gtinPrefixes }),
      ...(p.filing && { filing: p.filing }),
      ...(p.speaksFor && { speaksFor: p.speaksFor }),
      ...(p.origins && { origins: p.origins }),
      keys: (p.keys ?? []).map((k) => ({
        ...keys.get(k)!.publicFile,
        role: undefined,
        notBefore: at(-400 * DAY),
        ...(k === 'qianhai-wh-leaked' && { revokedSince: at(-10 * DAY) }),
      })),
    })),
    revoked: [{ issuer: 'qianhai-wh', id: revokedParcelId }],
    brandAuthorizations: authorizations,
    personalUse: {
      maxUnitsPerLine: 6,
      overrides: [],
      source:
        'Demo value. Customs judge the reasonable quantity for personal use (自用合理数量) case by case; no fixed count is published for CBEC retail imports (cbec-rules.md §6.1, 486号).',
    },
  };
  const cleanDescription = JSON.parse(JSON.stringify(description)) as Record<string, unknown>; // drops role: undefined
  const bundle = await seal('trust-bundle', cleanDescription, key('root'));
  const root = keys.get('root')!.publicFile;
  files.push({ path: 'trust/bundle.txt', content: `${bundle}\n` });
  files.push({ path: 'trust/roots.json', content: `${JSON.stringify([{ kid: root.kid, alg: root.alg, publicKeyJwk: root.publicKeyJwk }], null, 2)}\n` });
  files.push({ path: 'trust/description.json', content: `${JSON.stringify(cleanDescription, null, 2)}\n` });

  // ---- receipts of the demo consumer (and one of another buyer, for the copied label)
  const secrets = new Map<string, string>();
  const receipt = async (name: string, pid: ProductId, quantity: number, orderedAt: number, mine: boolean) => {
    const p = PRODUCTS[pid];
    const secret = hexOf(crypto.getRandomValues(new Uint8Array(32)));
    secrets.set(name, secret);
    const goods = p.unitPriceFen * quantity;
    const vat = p.vatFen;
    const ct = p.consumptionTaxFen;
    const claims = {
      issuer: 'kjmall',
      id: `receipt-${name}`,
      issuedAt: at(orderedAt + 60),
      orderId: `KJ${name.toUpperCase().replaceAll('-', '')}${String(T).slice(-6)}`,
      seller: p.seller,
      orderedAt: at(orderedAt),
      items: [{ gtin: p.gtin, name: p.nameZh, quantity, unitPriceFen: p.unitPriceFen }],
      dutiableValueFen: goods,
      taxFen: vat + ct,
      vatFen: vat,
      consumptionTaxFen: ct,
      freightFen: 0,
      paidFen: goods + vat + ct,
      mode: 1210,
      ordererIdLast4: mine ? DEMO_OWNER.idLast4 : '4417',
      orderSecret: secret,
    };
    const payload = await seal('receipt', claims, key('kjmall'));
    const file = mine ? `receipts/${name}.txt` : `other-buyer/${name}.txt`;
    files.push({ path: file, content: `${payload}\n` });
    credentials.push({
      name: `receipt-${name}`,
      type: 'receipt',
      file,
      claims,
      expect: 'genuine',
      description: mine
        ? { en: `The demo consumer's receipt: ${quantity} × ${p.name}.`, 'zh-CN': `演示消费者的收据：${p.nameZh} × ${quantity}。` }
        : { en: `Another buyer's receipt for ${p.name} (not in the demo consumer's receipts).`, 'zh-CN': `另一位买家购买 ${p.nameZh} 的收据（不在演示消费者的收据中）。` },
    });
    return claims;
  };
  await receipt('serum', 'serum', 1, -9 * DAY, true);
  await receipt('milk', 'milk', 2, -8 * DAY, true);
  await receipt('watch', 'watch', 1, -7 * DAY, true);
  await receipt('watch-other', 'watch', 1, -7 * DAY + 3600, false);

  // ---- parcels (issued with the bundle's registry codes, as a label printer holding it would)
  const partyCodes = partyCodesOf(PARTIES);
  let waybillSeq = 0;
  const nextWaybill = () => `SF14${String(T).slice(-6)}${String(++waybillSeq).padStart(5, '0')}`;
  interface ParcelSpec {
    name: string;
    pid: ProductId;
    quantity: number;
    issuedAt: number;
    signer: string;
    issuer?: string;
    seller?: string;
    importer?: string;
    declaredValueFen?: number;
    receipt?: string;
    expiresAt?: number;
    id?: string;
    labelWaybill?: string;
    tamper?: boolean;
    expect: VerdictStatus;
    expectReasons: string[];
    description: Localized;
  }
  const parcel = async (spec: ParcelSpec) => {
    const p = PRODUCTS[spec.pid];
    const waybill = nextWaybill();
    const id = spec.id ?? waybill;
    const secret = spec.receipt ? secrets.get(spec.receipt)! : hexOf(crypto.getRandomValues(new Uint8Array(32)));
    const released = spec.issuedAt - 8 * 3600;
    const claims: Record<string, unknown> = {
      issuer: spec.issuer ?? (spec.signer === 'qianhai-wh-leaked' || spec.signer === 'rogue' ? 'qianhai-wh' : spec.signer),
      id,
      issuedAt: at(spec.issuedAt),
      ...(spec.expiresAt !== undefined && { expiresAt: at(spec.expiresAt) }),
      goods: [{ gtin: p.gtin, name: p.short, batch: `L${String(T).slice(-4)}A`, expiry: at(900 * DAY).slice(0, 10), quantity: spec.quantity }],
      waybill,
      carrier: 'SF',
      declaration: `5316${at(0).slice(0, 4)}I${String(T).slice(-6)}${String(waybillSeq).padStart(3, '0')}`,
      port: '5316',
      mode: 1210,
      releasedAt: at(released),
      declaredValueFen: spec.declaredValueFen ?? p.unitPriceFen * spec.quantity,
      importer: spec.importer ?? 'harbour',
      warehouse: 'qianhai-wh',
      seller: spec.seller ?? p.seller,
      custody: [
        { step: 'declaration', at: at(released - 6 * 3600) },
        { step: 'bonded-warehouse', at: at(released + 2 * 3600) },
        { step: 'logistics', at: at(released + 6 * 3600), actor: 'sf' },
      ],
      buyerCommitment: await buyerCommitmentHex(secret, id),
    };
    let payload = await seal('parcel', claims, key(spec.signer), partyCodes);
    if (spec.tamper) payload = tamper(payload);
    const file = `parcels/${spec.name}.txt`;
    const label = `parcels/${spec.name}.svg`;
    const labelWaybill = spec.labelWaybill ?? waybill;
    files.push({ path: file, content: `${payload}\n` });
    files.push({
      path: label,
      content: await labelSvg({
        qrText: toVerifyUrl(payload, verifyBase),
        carrier: 'SF Express 顺丰速运',
        waybill: labelWaybill,
        lines: [`${p.nameZh} × ${spec.quantity}`, p.name, `GTIN ${p.gtin}`],
      }),
    });
    credentials.push({
      name: `parcel-${spec.name}`,
      type: 'parcel',
      file,
      claims,
      expect: spec.expect,
      expectReasons: spec.expectReasons,
      label,
      labelWaybill,
      description: spec.description,
    });
  };

  await parcel({
    name: 'serum-yours', pid: 'serum', quantity: 1, issuedAt: -6 * DAY, signer: 'qianhai-wh', receipt: 'serum',
    expect: 'genuine-yours', expectReasons: [],
    description: { en: 'Your serum, genuine and imported for your order.', 'zh-CN': '您的精华液：真品，为您的订单进口。' },
  });
  await parcel({
    name: 'milk-under-declared', pid: 'milk', quantity: 2, issuedAt: -5 * DAY, signer: 'harbour', receipt: 'milk',
    // 70 % of the price, the pattern of the Guangzhou milk-powder case (cbec-rules.md §6.5).
    declaredValueFen: Math.floor((PRODUCTS.milk.unitPriceFen * 2 * 70) / 100),
    expect: 'genuine-yours', expectReasons: ['value.under-declared'],
    description: { en: 'Your milk powder, declared to customs at 70 % of what you paid.', 'zh-CN': '您的奶粉：向海关申报的价格只有实付的 70%。' },
  });
  await parcel({
    name: 'wine-unbound', pid: 'wine', quantity: 12, issuedAt: -4 * DAY, signer: 'qianhai-wh', importer: 'quickbuy',
    expect: 'genuine-unbound', expectReasons: ['quantity.beyond-personal-use', 'filing.unfiled'],
    description: { en: 'A case of wine you have no receipt for: 12 bottles, importer without customs filing.', 'zh-CN': '一箱没有收据的红酒：12 瓶，进口商未办理海关备案。' },
  });
  await parcel({
    name: 'watch-yours', pid: 'watch', quantity: 1, issuedAt: -3 * DAY, signer: 'qianhai-wh', receipt: 'watch',
    expect: 'genuine-yours', expectReasons: [],
    description: { en: 'Your watch, genuine and imported for your order.', 'zh-CN': '您的手表：真品，为您的订单进口。' },
  });
  await parcel({
    name: 'watch-copied-label', pid: 'watch', quantity: 1, issuedAt: -3 * DAY + 1800, signer: 'qianhai-wh', receipt: 'watch-other',
    labelWaybill: `SF14${String(T).slice(-6)}90001`,
    expect: 'not-yours', expectReasons: ['binding.not-yours'],
    description: {
      en: "Another buyer's genuine watch code, copied onto a label with a different waybill.",
      'zh-CN': '另一位买家的真实手表码，被复制到运单号不同的面单上。',
    },
  });
  await parcel({
    name: 'serum-grey-seller', pid: 'serum', quantity: 1, issuedAt: -3 * DAY, signer: 'qianhai-wh', seller: 'grey-trade',
    expect: 'not-authorized', expectReasons: ['brand.not-authorized'],
    description: { en: 'Serum sold by a seller the brand never authorized.', 'zh-CN': '由未获品牌授权的商家销售的精华液。' },
  });
  await parcel({
    name: 'serum-impersonated', pid: 'serum', quantity: 1, issuedAt: -2 * DAY, signer: 'sf',
    expect: 'not-authorized', expectReasons: ['authority.not-delegated'],
    description: {
      en: 'A label the courier signed itself, naming an importer, a warehouse and an authorized shop it may not speak for.',
      'zh-CN': '快递公司自行签署的面单，列出了它无权代表的进口商、保税仓和授权店铺。',
    },
  });
  await parcel({
    name: 'unknown-issuer', pid: 'serum', quantity: 1, issuedAt: -2 * DAY, signer: 'rogue', receipt: 'serum',
    expect: 'unknown-issuer', expectReasons: ['issuer.unknown-key'],
    description: { en: 'A label signed by a key no trust data lists (a counterfeit printer).', 'zh-CN': '由信任数据中不存在的密钥签署的面单（伪造者）。' },
  });
  await parcel({
    name: 'revoked-key', pid: 'wine', quantity: 2, issuedAt: -2 * DAY, signer: 'qianhai-wh-leaked',
    expect: 'revoked', expectReasons: ['key.revoked'],
    description: { en: 'Signed with the warehouse key that leaked, after it was revoked.', 'zh-CN': '用已泄露的保税仓密钥在吊销之后签署。' },
  });
  await parcel({
    name: 'signed-before-revocation', pid: 'wine', quantity: 2, issuedAt: -20 * DAY, signer: 'qianhai-wh-leaked',
    expect: 'genuine-unbound', expectReasons: [],
    description: {
      en: 'Signed with the leaked key 10 days before it was revoked: still valid.',
      'zh-CN': '用后来泄露的密钥在吊销前 10 天签署：仍然有效。',
    },
  });
  await parcel({
    name: 'revoked-credential', pid: 'wine', quantity: 1, issuedAt: -2 * DAY, signer: 'qianhai-wh', id: revokedParcelId,
    expect: 'revoked', expectReasons: ['credential.revoked'],
    description: { en: 'A parcel credential the warehouse withdrew.', 'zh-CN': '保税仓已撤回的包裹凭证。' },
  });
  await parcel({
    name: 'expired', pid: 'wine', quantity: 1, issuedAt: -120 * DAY, expiresAt: -30 * DAY, signer: 'qianhai-wh',
    expect: 'expired', expectReasons: ['credential.expired'],
    description: { en: 'A parcel credential past its expiry.', 'zh-CN': '已过有效期的包裹凭证。' },
  });
  await parcel({
    name: 'tampered', pid: 'serum', quantity: 1, issuedAt: -6 * DAY, signer: 'qianhai-wh', receipt: 'serum', tamper: true,
    expect: 'invalid', expectReasons: [],
    description: { en: 'A genuine payload with one character changed.', 'zh-CN': '真实凭证被改动了一个字符。' },
  });

  // ---- listings on the demo store
  const listing = async (name: string, pid: ProductId, spec: { seller?: string; signer?: string; byOrigin: Record<string, VerdictStatus>; description: Localized }) => {
    const p = PRODUCTS[pid];
    const seller = spec.seller ?? p.seller;
    const claims = {
      issuer: 'kjmall',
      id: `listing-${name}`,
      issuedAt: at(-30 * DAY),
      expiresAt: at(365 * DAY),
      product: { gtin: p.gtin, name: p.name },
      seller,
      ...(seller === p.seller && { brandAuthorization: `auth-${p.brand}-${p.seller}` }),
      ...(PARTIES.find((x) => x.id === seller)?.filing?.reference !== undefined && {
        customsFiling: PARTIES.find((x) => x.id === seller)!.filing!.reference,
      }),
      origins: [DEMO_STORE_ORIGIN],
    };
    const payload = await seal('listing', claims, key(spec.signer ?? 'kjmall'));
    const file = `listings/${name}.txt`;
    files.push({ path: file, content: `${payload}\n` });
    credentials.push({ name: `listing-${name}`, type: 'listing', file, claims, expectByOrigin: spec.byOrigin, description: spec.description });
  };
  for (const pid of Object.keys(PRODUCTS) as ProductId[]) {
    await listing(pid, pid, {
      byOrigin: { [DEMO_STORE_ORIGIN]: 'genuine', [DEMO_LOOKALIKE_ORIGIN]: 'not-authorized' },
      description: { en: `Listing of ${PRODUCTS[pid].name} on the demo store.`, 'zh-CN': `演示商店中 ${PRODUCTS[pid].nameZh} 的商品信息。` },
    });
  }
  await listing('serum-grey-seller', 'serum', {
    seller: 'grey-trade',
    byOrigin: { [DEMO_STORE_ORIGIN]: 'not-authorized', [DEMO_LOOKALIKE_ORIGIN]: 'not-authorized' },
    description: { en: 'Serum listed by a seller the brand never authorized.', 'zh-CN': '未获品牌授权的商家发布的精华液商品信息。' },
  });
  await listing('fake-badge', 'serum', {
    signer: 'rogue',
    byOrigin: { [DEMO_STORE_ORIGIN]: 'unknown-issuer', [DEMO_LOOKALIKE_ORIGIN]: 'unknown-issuer' },
    description: { en: 'A badge signed by a key no trust data lists.', 'zh-CN': '由信任数据中不存在的密钥签署的徽章。' },
  });

  const index: DemoIndex = {
    format: 'crosscheck-demo',
    version: 1,
    generatedAt: at(0),
    bundle: 'trust/bundle.txt',
    roots: 'trust/roots.json',
    receipts: 'receipts',
    keys: keyFiles,
    origins: { store: DEMO_STORE_ORIGIN, lookalike: DEMO_LOOKALIKE_ORIGIN },
    owner: DEMO_OWNER,
    verifyBase,
    credentials,
  };
  files.push({ path: 'index.json', content: `${JSON.stringify(index, null, 2)}\n` });
  return { files, index };
}
