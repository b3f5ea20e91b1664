// Where a listing is shown: the page context the extension and the badge pass to the verifier,
// and the one parser from a page URL to it. On a shop's own site the origin identifies the shop;
// on a marketplace (Tmall, JD …) thousands of sellers share one origin, so there a listing must
// name the marketplace item (and optionally the shop) it is valid for — its `placements` — and
// the page's item must be one of them (FORMAT.md §4.3, §6 step 9).
//
// The marketplaces are data (MARKETPLACES): the hosts that belong to one, and where its page URL
// carries the item and shop ids. A new marketplace is one row here, not code in each surface.
import { normalizeOrigin } from '../credential/claims/index.ts';

/** A place on a marketplace where a listing is valid: the site, its item id, optionally the shop id. */
export interface Placement {
  site: string;
  item: string;
  shop?: string;
}

/** What the verifier is told about the page showing a listing. */
export interface PageContext {
  /** The page's origin (`URL.origin` form). */
  origin: string;
  /** The marketplace item this page shows, when the origin is a marketplace's (pageContextOf). */
  marketplace?: Placement;
}

/** Where a marketplace's page URL carries an id: a query parameter, or a capture group of the path. */
export type IdRule = { query: string } | { path: RegExp };

export interface Marketplace {
  /** Short stable name, the `site` of placements. */
  site: string;
  /** Registrable domains (and their subdomains) that belong to the marketplace. */
  domains: readonly string[];
  item: readonly IdRule[];
  shop?: readonly IdRule[];
}

export const MARKETPLACES: readonly Marketplace[] = [
  {
    site: 'tmall',
    // detail.tmall.com/item.htm?id=…, detail.tmall.hk (天猫国际), chaoshi.detail.tmall.com;
    // Taobao item pages sell the same items by the same ids.
    domains: ['tmall.com', 'tmall.hk', 'taobao.com'],
    item: [{ query: 'id' }],
    shop: [{ query: 'shop_id' }, { query: 'user_id' }],
  },
  {
    site: 'jd',
    // item.jd.com/100012043978.html, item.jd.hk/5521233.html (京东国际), npcitem.jd.hk,
    // item.m.jd.com/product/100012043978.html.
    domains: ['jd.com', 'jd.hk'],
    item: [{ path: /^\/(?:product\/)?(\d{3,20})\.html$/ }],
    shop: [{ query: 'shopId' }],
  },
];

const ID = /^[A-Za-z0-9_-]{1,40}$/;

function hostIn(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The marketplace an origin belongs to, if any (many sellers share it). */
export function marketplaceOf(origin: string): Marketplace | undefined {
  const normal = normalizeOrigin(origin);
  if (!normal) return undefined;
  const host = new URL(normal).hostname.toLowerCase();
  return MARKETPLACES.find((m) => m.domains.some((d) => hostIn(host, d)));
}

function idBy(rules: readonly IdRule[] | undefined, url: URL): string | undefined {
  for (const rule of rules ?? []) {
    const value = 'query' in rule ? url.searchParams.get(rule.query) : (rule.path.exec(url.pathname)?.[1] ?? null);
    if (value !== null && ID.test(value)) return value;
  }
  return undefined;
}

/**
 * The page context of a page URL: its origin and, on a marketplace, the item (and shop) the URL
 * names. Undefined for a URL that is not http(s). On a marketplace page whose URL names no item
 * (a search or shop page) there is no `marketplace`: a listing cannot be bound there, so it will
 * not verify (listing.placement-mismatch).
 */
export function pageContextOf(pageUrl: string): PageContext | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const origin = url.origin;
  const market = marketplaceOf(origin);
  if (!market) return { origin };
  const item = idBy(market.item, url);
  if (item === undefined) return { origin };
  const shop = idBy(market.shop, url);
  return { origin, marketplace: { site: market.site, item, ...(shop !== undefined && { shop }) } };
}

const SITE_NAMES_ZH: Readonly<Record<string, string>> = { tmall: '天猫', jd: '京东' };

/** Placements as one line for reasons: `tmall 123, jd 456 (shop 9)`; in Chinese `天猫商品 123、京东商品 456（店铺 9）`. */
export function placementsText(placements: readonly Placement[], locale: 'en' | 'zh-CN' = 'en'): string {
  if (locale === 'zh-CN') {
    return placements.map((p) => `${SITE_NAMES_ZH[p.site] ?? `${p.site} `}商品 ${p.item}${p.shop ? `（店铺 ${p.shop}）` : ''}`).join('、') || '（无）';
  }
  return placements.map((p) => `${p.site} ${p.item}${p.shop ? ` (shop ${p.shop})` : ''}`).join(', ') || '(none)';
}

/**
 * Whether a listing's placements cover the page's item: same site and item; when both name a
 * shop, the same shop too (item ids are unique per marketplace, so the shop is a second check).
 */
export function placementMatches(placements: readonly Placement[], page: Placement): boolean {
  return placements.some((p) => p.site === page.site && p.item === page.item && (p.shop === undefined || page.shop === undefined || p.shop === page.shop));
}
