// The contract every shop file in this folder fulfils (refined-github's one-feature-one-file, applied
// to shops). A shop is one file, `<id>.ts` (the id is the file name), exporting:
// - `shop: ShopPages` (extension/shops.ts): its manifest match patterns and real example URLs, plain
//   data the build reads (shop-folder.ts) to generate its content-script entry, its manifest entry and
//   host permissions, and the patterns the service worker knows it by;
// - `site: SiteAdapter` (below, same id): how it reads those pages.
// A saved page `test/fixtures/sites/<id>*.html` sits beside its test. No list names the shops: the
// build enumerates this folder. test/unit/extension/shops-structure.test.ts checks all of this and
// says how to fix it.
//
// Nothing may run at import time but declarations: the build imports these files in Node, where there
// is no DOM (the structure test checks that too).
//
// Adapters only READ the page. They never write to it, never fetch, never evaluate page text: what
// they return is untrusted text and integers, which the background turns into figures and the
// annotation inserts as text.
import type { PageKind } from '../../shops.ts';

/** What a product page says about the product on offer. Everything here is page text: untrusted. */
export interface ListingFacts {
  title: string;
  /** Unit price in integer fen; null when the page shows none we can read. */
  priceFen: number | null;
  /** Pieces in the cart selector (1 when the page has no quantity box). */
  quantity: number;
  /** Short spec strings ("净含量: 50ml", "规格: 30片") for the net-content parser. */
  specTexts: string[];
  /** 8- or 10-digit HS code when the page publishes one (rare; schema.org `hsCode` or a spec row). */
  hsCode?: string;
  /** The shop's own product id (item id, SKU), when the URL or page carries one. */
  productId?: string;
  /** GTIN when the page publishes one (schema.org gtin13/gtin), for matching a listing credential. */
  gtin?: string;
}

/** One product card on a list or search page. */
export interface CardFacts {
  title: string;
  priceFen: number | null;
  productId?: string;
}

export interface SiteAdapter {
  /** Equals the file name: `tmall-hk` for `tmall-hk.ts`. */
  id: string;
  /** Which kind of page this URL is for this shop, or null when the adapter has nothing to do there. */
  pageKind(url: URL): PageKind | null;
  /** Reads the product on a product page; null when the page is not (yet) rendered enough. */
  readProduct?(doc: Document, url: URL): ListingFacts | null;
  /** Element the annotation goes after (beside the price). */
  priceAnchor?(doc: Document): Element | null;
  /** Product cards on a list page. */
  cardSelector?: string;
  readCard?(card: Element): CardFacts | null;
  /** Element inside the card the chip goes after. */
  cardAnchor?(card: Element): Element | null;
}

/** Converts a shown price ("¥1,899.00", "299.00-399.00", "￥ 59.9") to integer fen; lowest of a range. */
export function parsePriceFen(text: string | null | undefined): number | null {
  if (!text) return null;
  // Integer arithmetic on the digit strings: no float ever holds money (STYLE: money is integer fen).
  const match = /(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,2}))?(?![\d,])/.exec(text.replace(/\s+/g, ''));
  if (!match) return null;
  const yuan = Number(match[1]!.replaceAll(',', ''));
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const fen = yuan * 100 + Number(fraction);
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Collapses whitespace and caps length: titles are page text and can be anything. */
export function cleanText(text: string | null | undefined, max = 300): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Reads a positive integer quantity from an input box; 1 when absent or nonsense. */
export function readQuantity(input: Element | null): number {
  const raw = input instanceof HTMLInputElement ? input.value : input?.getAttribute('value');
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isSafeInteger(n) && n >= 1 && n <= 999 ? n : 1;
}

/** HS codes are 8 digits (China's tariff lines) or 10 (with the statistical suffix). */
export function cleanHsCode(text: string | null | undefined): string | undefined {
  const digits = (text ?? '').replace(/[.\s]/g, '');
  return /^\d{8}(\d{2})?$/.test(digits) ? digits : undefined;
}

/** Spec rows that can carry net content: the label has to say so, to keep stray numbers out. */
export function specRowsFrom(texts: Iterable<string>): string[] {
  const out: string[] = [];
  for (const t of texts) {
    const text = cleanText(t, 120);
    if (/净含量|容量|规格|重量|片数|net\s*(wt|weight|content)|volume|size/i.test(text)) out.push(text);
    if (out.length >= 8) break;
  }
  return out;
}

/** The first element matching the selectors *in the order given* (a selector list would pick document order). */
export function firstOf(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}
