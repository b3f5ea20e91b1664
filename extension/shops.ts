// The shops the extension knows, declared once: id, the pages it runs on (manifest match patterns)
// and real example URLs. Data only — no DOM code — so the service worker, the manifest config and the
// build config read it without pulling page-reading code in. Each shop's page reading is
// content/sites/<id>.ts (same id); its content-script entry and its manifest entry are generated
// from this list by build.config.ts and manifest.config.ts.
//
// Adding a shop: one entry here (sorted by id), content/sites/<id>.ts, a saved page
// test/fixtures/sites/<id>-product.html. test/unit/extension/shops-structure.test.ts checks the three
// and says what is missing.

export type PageKind = 'product' | 'list' | 'order';

export interface Shop {
  /** Equals the adapter's file name: `tmall-hk` for content/sites/tmall-hk.ts. */
  id: string;
  /** Manifest match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns). */
  matches: readonly string[];
  /** Real URLs of each page kind, for people testing by hand and for the structure test. */
  exampleUrls: Partial<Record<PageKind, readonly string[]>>;
}

/** Shops with their own content script and host permission. */
export const SHOPS: readonly Shop[] = [
  {
    id: 'jd-hk',
    matches: ['https://npcitem.jd.hk/*', 'https://item.jd.hk/*', 'https://search.jd.hk/*', 'https://trade.jd.hk/*'],
    exampleUrls: {
      product: ['https://npcitem.jd.hk/100012043978.html', 'https://item.jd.hk/5001208.html'],
      list: ['https://search.jd.hk/Search?keyword=%E5%A5%B6%E7%B2%89&enc=utf-8'],
      order: ['https://trade.jd.hk/shopping/order/getOrderInfo.action'],
    },
  },
  {
    id: 'tmall-hk',
    matches: ['https://detail.tmall.hk/*', 'https://list.tmall.hk/*', 'https://list.tmall.com/search_product.htm*', 'https://buy.tmall.hk/*'],
    exampleUrls: {
      product: ['https://detail.tmall.hk/hk/item.htm?id=609460372468'],
      list: ['https://list.tmall.hk/search_product.htm?q=%E9%9D%A2%E9%9C%9C', 'https://list.tmall.com/search_product.htm?q=%E5%A5%B6%E7%B2%89&tmhkmain=1'],
      order: ['https://buy.tmall.hk/order/confirm_order.htm'],
    },
  },
];

/**
 * The schema.org / Open Graph fallback (content/sites/generic.ts): it runs inside every shop's content
 * script and on the sites the user switches on in the popup, so it asks for no hosts of its own.
 */
export const GENERIC: Shop = {
  id: 'generic',
  matches: [],
  exampleUrls: {
    product: ['https://www.allbirds.com/products/mens-tree-runners', 'https://www.sephora.com/product/the-water-cream-P418218'],
  },
};

/** A Chrome match pattern (scheme://host/path with * wildcards) as a RegExp. */
export function matchPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Whether one of the shops' own content scripts runs at this address. */
export function isShopUrl(href: string): boolean {
  return SHOPS.some((s) => s.matches.some((p) => matchPattern(p).test(href)));
}
