// The fallback on every page the content script runs on: shops that describe their product with
// schema.org `Product`/`Offer` (JSON-LD or microdata, https://schema.org/Product) or Open Graph
// product tags (`og:type` product, `product:price:amount`, `product:price:currency`,
// https://developers.facebook.com/docs/marketing-api/catalog/reference/ — the tags Shopify,
// WooCommerce and most shop systems emit). It has no match patterns of its own: it rides along
// with each shop's content script and is what runs on sites the user grants from the popup.
//
// JSON-LD is parsed with JSON.parse (data, never code); anything malformed is skipped.
import { cleanHsCode, cleanText, firstOf, parsePriceFen, specRowsFrom, type ListingFacts, type SiteAdapter } from './site.ts';
import type { ShopPages } from '../../shops.ts';

// No hosts of its own (see above), so the manifest gets no entry for it; the popup registers it per site.
export const shop: ShopPages = {
  matches: [],
  exampleUrls: {
    product: ['https://www.allbirds.com/products/mens-tree-runners', 'https://www.sephora.com/product/the-water-cream-P418218'],
  },
};

/** Biggest JSON-LD block we parse; product blocks are a few KB, pages can embed megabytes. */
const MAX_JSON_LD_CHARS = 200_000;
const CNY = /^(CNY|RMB)$/i;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeIs(node: JsonObject, name: string): boolean {
  const t = node['@type'];
  return t === name || (Array.isArray(t) && t.includes(name));
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Every Product node in a JSON-LD value (top level, arrays, @graph), depth-limited. */
function productsIn(value: Json, depth = 0, out: JsonObject[] = []): JsonObject[] {
  if (depth > 6 || out.length > 4) return out;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) productsIn(v, depth + 1, out);
  } else if (isObject(value)) {
    if (typeIs(value, 'Product')) out.push(value);
    else if (Array.isArray(value['@graph'])) productsIn(value['@graph'], depth + 1, out);
  }
  return out;
}

/** Price of a schema.org offer in fen, only when the currency is CNY (or unstated). */
function offerPriceFen(offers: Json | undefined): number | null {
  const list = Array.isArray(offers) ? offers : offers === undefined ? [] : [offers];
  for (const offer of list) {
    if (!isObject(offer)) continue;
    const currency = str(offer['priceCurrency']);
    if (currency && !CNY.test(currency)) continue;
    const price = str(offer['price']) ?? str(offer['lowPrice']);
    const fen = parsePriceFen(price);
    if (fen !== null) return fen;
  }
  return null;
}

function propertyTexts(node: JsonObject): string[] {
  const props = node['additionalProperty'];
  const list = Array.isArray(props) ? props : props === undefined ? [] : [props];
  const out: string[] = [];
  for (const p of list) {
    if (isObject(p)) out.push(`${str(p['name']) ?? ''}: ${str(p['value']) ?? ''}`);
  }
  for (const key of ['size', 'weight']) {
    const v = node[key];
    const text = isObject(v) ? `${str(v['value']) ?? ''}${str(v['unitText']) ?? str(v['unitCode']) ?? ''}` : str(v);
    if (text) out.push(`规格: ${text}`);
  }
  return out;
}

function fromJsonLd(doc: Document): ListingFacts | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 20)) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD_CHARS) continue;
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      continue; // a shop's broken JSON-LD is not our error
    }
    const product = productsIn(value)[0];
    if (!product) continue;
    const title = cleanText(str(product['name']));
    if (!title) continue;
    const hsProp = propertyTexts(product).find((t) => /^(hs\s*code|hscode|海关编码|税号)/i.test(t));
    const hsCode = cleanHsCode(str(product['hsCode']) ?? hsProp?.split(':')[1]);
    const gtin = str(product['gtin13']) ?? str(product['gtin']) ?? str(product['gtin14']) ?? str(product['gtin8']);
    const productId = str(product['sku']) ?? str(product['productID']);
    return {
      title,
      priceFen: offerPriceFen(product['offers']),
      quantity: 1,
      specTexts: specRowsFrom(propertyTexts(product)),
      ...(hsCode ? { hsCode } : {}),
      ...(gtin && /^\d{8,14}$/.test(gtin) ? { gtin } : {}),
      ...(productId ? { productId: cleanText(productId, 64) } : {}),
    };
  }
  return null;
}

function fromMicrodata(doc: Document): ListingFacts | null {
  const scope = doc.querySelector('[itemscope][itemtype$="schema.org/Product"], [itemscope][itemtype$="schema.org/Product/"]');
  if (!scope) return null;
  const prop = (name: string): string | undefined => {
    const el = scope.querySelector(`[itemprop="${name}"]`);
    if (!el) return undefined;
    return el.getAttribute('content') ?? el.getAttribute('value') ?? el.textContent ?? undefined;
  };
  const title = cleanText(prop('name'));
  if (!title) return null;
  const currency = prop('priceCurrency');
  const priceFen = currency && !CNY.test(currency.trim()) ? null : parsePriceFen(prop('price') ?? prop('lowPrice'));
  const gtin = prop('gtin13') ?? prop('gtin');
  const sku = prop('sku');
  return {
    title,
    priceFen,
    quantity: 1,
    specTexts: specRowsFrom([prop('size'), prop('weight')].filter((t): t is string => !!t).map((t) => `规格: ${t}`)),
    ...(gtin && /^\d{8,14}$/.test(gtin.trim()) ? { gtin: gtin.trim() } : {}),
    ...(sku ? { productId: cleanText(sku, 64) } : {}),
  };
}

function meta(doc: Document, property: string): string | undefined {
  return doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`)?.getAttribute('content') ?? undefined;
}

function fromOpenGraph(doc: Document): ListingFacts | null {
  const type = meta(doc, 'og:type');
  if (!type || !/product/i.test(type)) return null;
  const title = cleanText(meta(doc, 'og:title'));
  if (!title) return null;
  const currency = meta(doc, 'product:price:currency') ?? meta(doc, 'og:price:currency');
  const amount = meta(doc, 'product:price:amount') ?? meta(doc, 'og:price:amount');
  return {
    title,
    priceFen: currency && !CNY.test(currency) ? null : parsePriceFen(amount),
    quantity: 1,
    specTexts: [],
  };
}

/** schema.org first (richest), then microdata, then Open Graph. */
export function readStructuredProduct(doc: Document): ListingFacts | null {
  return fromJsonLd(doc) ?? fromMicrodata(doc) ?? fromOpenGraph(doc);
}

export const site: SiteAdapter = {
  id: 'generic',
  pageKind() {
    return 'product';
  },
  readProduct(doc) {
    return readStructuredProduct(doc);
  },
  priceAnchor(doc) {
    return firstOf(doc, ['[itemscope][itemtype*="schema.org/Product"] [itemprop="price"]', '[itemprop="price"]', '.price', '[class*="price" i]', 'h1']);
  },
};
