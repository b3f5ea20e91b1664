// What a shop is, as data. There is no list of shops: a shop is one file, content/sites/<id>.ts
// (its id is the file name), which declares where it runs — `export const shop: ShopPages` (match
// patterns, example URLs) — and how it reads those pages — `export const site: SiteAdapter`
// (content/sites/site.ts). Everything else is derived by reading that folder at build time
// (shop-folder.ts): the content-script entries (build.config.ts), the manifest's content_scripts and
// host permissions (manifest.config.ts), and the match patterns the service worker receives through
// `virtual:crosscheck-content-scripts` (it never imports a shop file: they read pages).
//
// Adding a shop: content/sites/<id>.ts and a saved page test/fixtures/sites/<id>-product.html. No
// list to edit. test/unit/extension/shops-structure.test.ts checks both and says what is missing.
//
// Types and pure functions only — no DOM code — so the service worker, the build and the shop files
// can all read this file.

export type PageKind = 'product' | 'list' | 'order';

/** What a shop file declares beside its page reading: `export const shop: ShopPages = { … }`. */
export interface ShopPages {
  /** Manifest match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns). */
  matches: readonly string[];
  /** Real URLs of each page kind, for people testing by hand and for the structure test. */
  exampleUrls: Partial<Record<PageKind, readonly string[]>>;
}

/** A shop as the build reads it from its file: the id is the file name (`tmall-hk` for content/sites/tmall-hk.ts). */
export interface Shop extends ShopPages {
  id: string;
}

/**
 * The schema.org / Open Graph fallback (content/sites/generic.ts): it runs inside every shop's content
 * script and on the sites the user switches on in the popup, so it asks for no hosts of its own
 * (its `matches` is empty) and gets no manifest entry.
 */
export const GENERIC_ID = 'generic';

/** A Chrome match pattern (scheme://host/path with * wildcards) as a RegExp. */
export function matchPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Whether one of the match patterns covers this address. */
export function matchesAny(patterns: readonly string[], href: string): boolean {
  return patterns.some((p) => matchPattern(p).test(href));
}
