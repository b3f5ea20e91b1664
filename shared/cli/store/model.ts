// The demo store's view of a demo world (`crosscheck demo --out DIR`): which products it sells,
// with which listing credential, the demo consumer's orders with their receipts, and the parcels
// whose labels it prints. Everything comes from DIR/index.json and the files it names; the shop's
// own words (descriptions, Chinese names) come from catalog.ts.
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { SHOP_COPY, type ShopCopy } from './catalog.ts';

export interface Bilingual {
  en: string;
  'zh-CN': string;
}

export interface StoreProduct {
  /** URL slug: the listing's name without "listing-" (serum, milk, …). */
  slug: string;
  gtin: string;
  name: string;
  nameZh: string;
  /** Unit price in fen, from the demo consumer's signed receipt when there is one. */
  priceFen: number;
  seller: string;
  sellerName: Bilingual;
  /** The listing credential (CC1:…) the badge carries. */
  listing: string;
  /** What verifying this listing gives on each origin (from the demo's expectByOrigin). */
  expectByOrigin: Record<string, string>;
  copy: ShopCopy;
}

export interface StoreOrder {
  orderId: string;
  orderedAt: string;
  seller: string;
  items: { gtin: string; name: string; quantity: number; unitPriceFen: number }[];
  dutiableValueFen: number;
  taxFen: number;
  freightFen: number;
  paidFen: number;
  /** The receipt credential the order page hands over. */
  receipt: string;
}

export interface StoreParcel {
  /** File stem: serum-yours, watch-copied-label, … */
  name: string;
  payload: string;
  claims: {
    id: string;
    waybill: string;
    carrier: string;
    declaration: string;
    port: string;
    mode: number;
    importer: string;
    goods: { gtin: string; name?: string; batch?: string; expiry?: string; quantity: number }[];
  };
  /** The waybill printed on the label (differs from the signed one on a copied label). */
  labelWaybill: string;
  expect: string;
  description: Bilingual;
}

export interface StoreModel {
  demoDir: string;
  origins: { store: string; lookalike: string };
  verifyBase: string;
  /** Products with a listing that is genuine on the store's own origin. */
  products: StoreProduct[];
  /** Listings on the store that are signed but not genuine (e.g. a seller the brand never authorized). */
  marketplaceOffers: StoreProduct[];
  /** A listing signed by a key no trust data lists: what the look-alike's fake badge carries. */
  fakeListing: string | undefined;
  orders: StoreOrder[];
  parcels: StoreParcel[];
  partyNames: Map<string, Bilingual>;
}

export class StoreModelError extends Error {
  override name = 'StoreModelError';
}

interface IndexCredential {
  name: string;
  type: string;
  file: string;
  claims: Record<string, unknown>;
  description?: Bilingual;
  expect?: string;
  expectByOrigin?: Record<string, string>;
  labelWaybill?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A path inside the demo folder; index.json never points outside it. */
function inside(dir: string, relative: string): string {
  const path = normalize(join(dir, relative));
  if (!path.startsWith(normalize(dir) + sep)) throw new StoreModelError(`index.json names a file outside the demo folder: ${relative}`);
  return path;
}

async function readPayload(dir: string, file: string): Promise<string> {
  return (await readFile(inside(dir, file), 'utf8')).trim();
}

export async function loadStoreModel(demoDir: string): Promise<StoreModel> {
  let index: unknown;
  try {
    index = JSON.parse(await readFile(join(demoDir, 'index.json'), 'utf8'));
  } catch (e) {
    throw new StoreModelError(`${join(demoDir, 'index.json')}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no demo world here (run crosscheck demo --out DIR)' : 'not valid JSON'}`);
  }
  if (!isRecord(index) || index.format !== 'crosscheck-demo' || !Array.isArray(index.credentials) || !isRecord(index.origins)) {
    throw new StoreModelError('index.json: not a crosscheck demo index');
  }
  const origins = index.origins as { store?: unknown; lookalike?: unknown };
  if (typeof origins.store !== 'string' || typeof origins.lookalike !== 'string') throw new StoreModelError('index.json: origins.store and origins.lookalike expected');
  const credentials = (index.credentials as unknown[]).filter(
    (c): c is IndexCredential => isRecord(c) && typeof c.name === 'string' && typeof c.type === 'string' && typeof c.file === 'string' && isRecord(c.claims),
  );

  // Party names from the readable bundle description, when present.
  const partyNames = new Map<string, Bilingual>();
  try {
    const description = JSON.parse(await readFile(join(demoDir, 'trust', 'description.json'), 'utf8')) as { issuers?: { id: string; name: Bilingual }[] };
    for (const issuer of description.issuers ?? []) partyNames.set(issuer.id, issuer.name);
  } catch {
    /* names fall back to ids */
  }
  const nameOf = (id: string): Bilingual => partyNames.get(id) ?? { en: id, 'zh-CN': id };

  const receipts = credentials.filter((c) => c.type === 'receipt' && c.file.startsWith('receipts/'));
  const paidPrice = new Map<string, number>();
  for (const r of receipts) {
    for (const item of (r.claims.items as StoreOrder['items'] | undefined) ?? []) paidPrice.set(item.gtin, item.unitPriceFen);
  }

  const products: StoreProduct[] = [];
  const marketplaceOffers: StoreProduct[] = [];
  let fakeListing: string | undefined;
  for (const c of credentials.filter((x) => x.type === 'listing')) {
    const slug = c.name.replace(/^listing-/, '');
    const claims = c.claims as { product: { gtin: string; name: string }; seller: string };
    const expectByOrigin = c.expectByOrigin ?? {};
    const payload = await readPayload(demoDir, c.file);
    if (expectByOrigin[origins.store] === 'unknown-issuer') {
      fakeListing ??= payload;
      continue;
    }
    const copy = SHOP_COPY[slug] ?? SHOP_COPY[slug.split('-')[0]!];
    const product: StoreProduct = {
      slug,
      gtin: claims.product.gtin,
      name: claims.product.name,
      nameZh: copy?.nameZh ?? claims.product.name,
      priceFen: paidPrice.get(claims.product.gtin) ?? copy?.priceFen ?? 0,
      seller: claims.seller,
      sellerName: nameOf(claims.seller),
      listing: payload,
      expectByOrigin,
      copy: copy ?? { nameZh: claims.product.name, priceFen: 0, blurb: { en: '', 'zh-CN': '' }, art: 'box', specs: [] },
    };
    if (expectByOrigin[origins.store] === 'genuine') products.push(product);
    else marketplaceOffers.push(product);
  }

  const orders: StoreOrder[] = [];
  for (const r of receipts) {
    const k = r.claims as unknown as Omit<StoreOrder, 'receipt'>;
    orders.push({
      orderId: k.orderId,
      orderedAt: k.orderedAt,
      seller: k.seller,
      items: k.items,
      dutiableValueFen: k.dutiableValueFen,
      taxFen: k.taxFen,
      freightFen: k.freightFen ?? 0,
      paidFen: k.paidFen,
      receipt: await readPayload(demoDir, r.file),
    });
  }

  const parcels: StoreParcel[] = [];
  for (const p of credentials.filter((x) => x.type === 'parcel')) {
    const claims = p.claims as unknown as StoreParcel['claims'];
    parcels.push({
      name: p.file.replace(/^parcels\//, '').replace(/\.txt$/, ''),
      payload: await readPayload(demoDir, p.file),
      claims,
      labelWaybill: p.labelWaybill ?? claims.waybill,
      expect: p.expect ?? '',
      description: p.description ?? { en: '', 'zh-CN': '' },
    });
  }

  return {
    demoDir,
    origins: { store: origins.store, lookalike: origins.lookalike },
    verifyBase: typeof index.verifyBase === 'string' ? index.verifyBase : 'http://localhost:4173/verify',
    products,
    marketplaceOffers,
    fakeListing,
    orders,
    parcels,
    partyNames,
  };
}
