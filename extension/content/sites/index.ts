// The shop registry: one line per adapter, sorted. Adding a shop = a file here, a line here, a
// fixture page in test/fixtures/sites/ (the structure test checks all three).
import { site as generic } from './generic.ts';
import { site as jdHk } from './jd-hk.ts';
import { site as tmallHk } from './tmall-hk.ts';
import type { SiteAdapter } from './site.ts';

/** Shops with their own content script (host permissions in the manifest). */
export const SHOP_SITES: readonly SiteAdapter[] = [jdHk, tmallHk];

/** The fallback adapter that runs on every page alongside a shop adapter. */
export const GENERIC_SITE: SiteAdapter = generic;

export const ALL_SITES: readonly SiteAdapter[] = [...SHOP_SITES, GENERIC_SITE];
