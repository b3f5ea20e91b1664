// The shops, read from their folder (Node only: the build and the tests). Every content/sites/<id>.ts
// but site.ts (the adapters' contract and helpers) is a shop, with the file name as id; each exports
// `shop: ShopPages` (where it runs) beside `site: SiteAdapter` (how it reads the page). See shops.ts.
//
// The files are imported with tsx (Node has no TypeScript of its own here). Shop files only declare
// things at import time — page reading happens in functions given a Document — so importing them in
// Node touches no DOM (shops-structure.test.ts checks it).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { GENERIC_ID, type Shop, type ShopPages } from './shops.ts';

/** The shops' folder. */
export const SITES_DIR = fileURLToPath(new URL('./content/sites/', import.meta.url));

/** Not a shop: the contract and helpers every shop file imports. */
const CONTRACT = 'site.ts';

/** The ids of the shop files in `dir`, sorted (the generic one included). */
export function shopFileIds(dir = SITES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== CONTRACT)
    .map((f) => f.slice(0, -'.ts'.length))
    .toSorted();
}

export interface ShopFolder {
  /** The shops with hosts of their own, sorted by id: one content script and manifest entry each. */
  shops: Shop[];
  /** The generic adapter (no hosts of its own). */
  generic: Shop;
}

function isShopPages(value: unknown): value is ShopPages {
  if (typeof value !== 'object' || value === null) return false;
  const { matches, exampleUrls } = value as Partial<ShopPages>;
  return (
    Array.isArray(matches) &&
    matches.every((m) => typeof m === 'string') &&
    typeof exampleUrls === 'object' &&
    exampleUrls !== null &&
    Object.values(exampleUrls).every((urls) => Array.isArray(urls) && urls.every((u) => typeof u === 'string'))
  );
}

let loads = 0;

/**
 * Imports every shop file in `dir` and returns what each declares. Throws, naming the file, when one
 * declares no `shop` or the generic one is missing: a build must not silently drop a shop.
 */
export async function readShops(dir = SITES_DIR): Promise<ShopFolder> {
  // A namespace of our own per read: a rebuild in the same process sees edited files, and nothing
  // else in the process is compiled by tsx.
  const tsx = register({ namespace: `crosscheck-shops-${process.pid}-${++loads}` });
  try {
    const all: Shop[] = [];
    for (const id of shopFileIds(dir)) {
      const file = join(dir, `${id}.ts`);
      const { shop } = (await tsx.import(pathToFileURL(file).href, import.meta.url)) as { shop?: unknown };
      if (!isShopPages(shop)) {
        throw new Error(
          `${file} declares no \`export const shop: ShopPages = { matches: [...], exampleUrls: {...} }\` (see extension/shops.ts)`,
        );
      }
      all.push({ id, matches: [...shop.matches], exampleUrls: shop.exampleUrls });
    }
    const generic = all.find((s) => s.id === GENERIC_ID);
    if (!generic) throw new Error(`no ${GENERIC_ID}.ts in ${dir}: every shop's content script runs it as the fallback`);
    return { shops: all.filter((s) => s !== generic), generic };
  } finally {
    await tsx.unregister();
  }
}
