// The demo store's view of a demo world (`npm run demo -- --out DIR`): which products it sells,
// with which listing credential, the demo consumer's orders with their receipts, and the parcels
// whose labels it prints. Everything comes from DIR/index.json and the files it names; the shop's
// own words (descriptions, Chinese names) come from catalog.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoParcels, openDemoFolder, type DemoParcel } from '../../../cli/labels/demo-folder.ts';
import type { Localized } from '../../../shared/text/localized.ts';
import { SHOP_COPY, type ShopCopy } from './catalog.ts';


export interface StoreProduct {
  /** URL slug: the listing's name without "listing-" (serum, milk, …). */
  slug: string;
  gtin: string;
  name: string;
  nameZh: string;
  /** Unit price in fen, from the demo consumer's signed receipt when there is one. */
  priceFen: number;
  seller: string;
  sellerName: Localized;
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

/** A parcel of the demo world, as its label is printed. */
export type StoreParcel = DemoParcel;

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
  partyNames: Map<string, Localized>;
}

export async function loadStoreModel(demoDir: string): Promise<StoreModel> {
  const folder = await openDemoFolder(demoDir);
  const { origins, credentials } = folder;

  // Party names from the readable bundle description, when present.
  const partyNames = new Map<string, Localized>();
  try {
    const description = JSON.parse(await readFile(join(demoDir, 'trust', 'description.json'), 'utf8')) as { issuers?: { id: string; name: Localized }[] };
    for (const issuer of description.issuers ?? []) partyNames.set(issuer.id, issuer.name);
  } catch {
    /* names fall back to ids */
  }
  const nameOf = (id: string): Localized => partyNames.get(id) ?? { en: id, 'zh-CN': id };

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
    const payload = await folder.payload(c.file);
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
      receipt: await folder.payload(r.file),
    });
  }

  const parcels = await demoParcels(folder);

  return {
    demoDir,
    origins,
    verifyBase: folder.verifyBase,
    products,
    marketplaceOffers,
    fakeListing,
    orders,
    parcels,
    partyNames,
  };
}
