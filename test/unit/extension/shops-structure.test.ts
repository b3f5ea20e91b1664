// The shop convention, checked (refined-github's build/features.test.ts idea): a shop is one file,
// extension/content/sites/<id>.ts, declaring where it runs (`shop`: match patterns, example URLs) and
// how it reads the page (`site`), plus a saved page in test/fixtures/sites/. Everything else — the
// content-script entry, the manifest's content_scripts and host permissions — is derived by reading
// the folder (extension/shop-folder.ts), and checked here too, also with a shop file added to a copy
// of the folder. The messages say what to do, so a failing test teaches the convention.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentEntrySources } from '../../../extension/build.config.ts';
import type { SiteAdapter } from '../../../extension/content/sites/site.ts';
import { contentEntryPath, makeManifest } from '../../../extension/manifest.config.ts';
import { SITES_DIR, readShops, shopFileIds, type ShopFolder } from '../../../extension/shop-folder.ts';
import { GENERIC_ID, matchPattern, type Shop, type ShopPages } from '../../../extension/shops.ts';

const sitesDir = new URL('../../../extension/content/sites/', import.meta.url);
const fixturesDir = new URL('../../fixtures/sites/', import.meta.url);
const ids = shopFileIds();

/** Each shop file's exports, by id (loaded the way the tests load code; the build's way is below). */
const modules = new Map<string, { shop?: ShopPages; site?: SiteAdapter }>(
  await Promise.all(ids.map(async (id) => [id, (await import(new URL(`${id}.ts`, sitesDir).href)) as { shop?: ShopPages; site?: SiteAdapter }] as const)),
);

/** The DOM (and page) globals a shop file must not touch when the build imports it in Node. */
const PAGE_GLOBALS = ['document', 'window', 'location', 'navigator', 'self', 'HTMLElement', 'customElements', 'MutationObserver', 'chrome'];

/** Reads the folder as the build does (tsx in Node), recording any page global touched meanwhile. */
async function readShopsWatchingGlobals(dir = SITES_DIR): Promise<{ folder: ShopFolder; touched: string[]; added: string[] }> {
  const before = new Set(Reflect.ownKeys(globalThis));
  const touched: string[] = [];
  const traps = PAGE_GLOBALS.filter((name) => !(name in globalThis));
  for (const name of traps) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get: () => void touched.push(name),
    });
  }
  try {
    const folder = await readShops(dir);
    const added = Reflect.ownKeys(globalThis).filter((k) => !before.has(k) && !traps.includes(k as string)).map(String);
    return { folder, touched, added };
  } finally {
    for (const name of traps) Reflect.deleteProperty(globalThis, name);
  }
}

// A file the build cannot read fails one test below (and the build), not the whole file: the
// checks per file still say what else is missing.
const read = await readShopsWatchingGlobals().catch((e: unknown) => e as Error);
const folder: ShopFolder = read instanceof Error ? { shops: [], generic: { id: GENERIC_ID, matches: [], exampleUrls: {} } } : read.folder;
const derived: readonly Shop[] = [...folder.shops, folder.generic];
const entries = contentEntrySources(folder.shops);

describe.each(ids)('extension/content/sites/%s.ts', (id) => {
  const file = `${id}.ts`;
  const { shop, site: adapter } = modules.get(id) ?? {};

  it('exports `site` with its file name as id', () => {
    expect(adapter, `Export \`export const site: SiteAdapter = { id: '${id}', … }\` from extension/content/sites/${file}.`).toBeDefined();
    expect(adapter?.id, `Set \`id: '${id}'\` in extension/content/sites/${file}: the id is the file name.`).toBe(id);
  });

  it('declares where it runs: `shop` with match patterns and example URLs', () => {
    const hint = `Export \`export const shop: ShopPages = { matches: [...], exampleUrls: { product: [...], list: [...] } }\` from extension/content/sites/${file}: the manifest, the host permissions and the content-script entry are generated from it.`;
    expect(shop, hint).toBeDefined();
    expect(Array.isArray(shop?.matches), hint).toBe(true);
    expect(typeof shop?.exampleUrls, hint).toBe('object');
    // (When the build cannot read the folder, 'the build reads every shop file' below says why.)
    if (!(read instanceof Error)) expect(derived.find((s) => s.id === id), `The build did not read ${file} (extension/shop-folder.ts)`).toEqual({ id, ...shop });
  });

  it('cites where its selectors come from', () => {
    const source = readFileSync(new URL(file, sitesDir), 'utf8');
    expect(/Selector sources|schema\.org/.test(source), `Say in a comment at the top of ${file} where each selector comes from (a scraper, documentation, or [background]).`).toBe(true);
  });

  it('has a saved fixture page in test/fixtures/sites/', () => {
    const pages = readdirSync(fixturesDir).filter((f) => f.startsWith(`${id}-`) && f.endsWith('.html'));
    expect(pages.length, `Save a trimmed real page as test/fixtures/sites/${id}-product.html (and -list.html if the shop has list pages); fixtures beat live pages (refined-github#9314).`).toBeGreaterThan(0);
  });

  it('lists example URLs that its adapter recognises', () => {
    const examples = Object.entries(shop?.exampleUrls ?? {}).flatMap(([kind, urls]) => (urls ?? []).map((u) => [kind, u] as const));
    expect(examples.length, `List real example URLs of each page kind in \`shop.exampleUrls\` of extension/content/sites/${file}.`).toBeGreaterThan(0);
    if (!adapter) return;
    for (const [kind, url] of examples) {
      expect(adapter.pageKind(new URL(url)), `${id}.pageKind(${url}) should be '${kind}' (extension/content/sites/${file})`).toBe(kind);
    }
  });

  it('reads what its page kinds need', () => {
    if (!adapter || !shop) return;
    if (shop.exampleUrls.product) expect(typeof adapter.readProduct, `${id} has product URLs, so it needs readProduct`).toBe('function');
    if (shop.exampleUrls.list) {
      expect(adapter.cardSelector, `${id} has list URLs, so it needs cardSelector, readCard and cardAnchor`).toBeTruthy();
      expect(typeof adapter.readCard).toBe('function');
    }
  });

  it('gets a generated content-script entry that runs its adapter', () => {
    if (read instanceof Error) return;
    const source = entries.get(contentEntryPath(id));
    expect(source, `build.config.ts generates no ${contentEntryPath(id)}`).toBeDefined();
    expect(source).toContain(`'../sites/${id}.ts'`);
  });
});

describe('the shops, read from their folder', () => {
  it('the build reads every shop file, and importing one in Node touches no page global', () => {
    if (read instanceof Error) expect.fail(`The build cannot read the shop folder: ${read.message}`);
    expect(derived.map((s) => s.id).toSorted()).toEqual(ids);
    expect(read.touched, 'A shop file touched page globals when imported: keep top-level code to declarations; read the page only inside `site`’s functions').toEqual([]);
    expect(read.added, 'Importing the shop files defined globals').toEqual([]);
  });

  it('is sorted by id, each id once', () => {
    const shopIds = folder.shops.map((s) => s.id);
    expect(shopIds).toEqual([...new Set(shopIds)].toSorted());
  });

  it.each(folder.shops.map((s) => [s.id, s] as const))('%s has https match patterns, each matching one of its example URLs, and each example URL matched', (id, shop) => {
    expect(shop.matches.length, `Give '${id}' the match patterns of its pages (\`shop.matches\` in extension/content/sites/${id}.ts)`).toBeGreaterThan(0);
    const examples = Object.values(shop.exampleUrls).flat();
    for (const pattern of shop.matches) {
      expect(pattern, 'Host permissions are for the shop only: https and an exact host').toMatch(/^https:\/\/[a-z0-9.-]+\//);
      expect(examples.some((u) => matchPattern(pattern).test(u)), `Add an example URL that ${pattern} matches`).toBe(true);
    }
    for (const url of examples) {
      expect(shop.matches.some((p) => matchPattern(p).test(url)), `${url} is an example of '${id}' but none of its match patterns covers it`).toBe(true);
    }
  });

  it('the manifest runs each shop’s generated entry on its patterns, and asks host access for them', () => {
    const manifest = makeManifest({ shops: folder.shops, loopback: false, bundleUrl: 'https://trust.example/bundle.txt' }) as {
      content_scripts: { matches: string[]; js: string[] }[];
      host_permissions: string[];
    };
    for (const shop of folder.shops) {
      expect(manifest.content_scripts).toContainEqual(expect.objectContaining({ matches: [...shop.matches], js: [contentEntryPath(shop.id)] }));
      for (const p of shop.matches) expect(manifest.host_permissions).toContain(p);
    }
    expect(manifest.content_scripts).toHaveLength(folder.shops.length);
  });

  it('the generic adapter asks for no hosts of its own (it runs where the user grants)', () => {
    expect(folder.generic.matches, `extension/content/sites/${GENERIC_ID}.ts: \`shop.matches\` stays empty`).toEqual([]);
    expect(folder.shops.map((s) => s.id)).not.toContain(GENERIC_ID);
    expect(entries.get(contentEntryPath(GENERIC_ID))).toContain('startContentScript([generic])');
  });

  describe('adding a shop is one file (in a copy of the folder)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'crosscheck-shops-'));
    cpSync(SITES_DIR, scratch, { recursive: true });
    // ES modules, as the repository's package.json says for the real folder.
    writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('gets its content-script entry, manifest entry and host access with no other edit', async () => {
      writeFileSync(
        join(scratch, 'zz-example.ts'),
        `export const shop = { matches: ['https://shop.example/*'], exampleUrls: { product: ['https://shop.example/p/1'] } };
export const site = { id: 'zz-example', pageKind: () => 'product', readProduct: () => null };
`,
      );
      const { shops, generic } = await readShops(scratch);
      expect(shops.map((s) => s.id)).toEqual([...folder.shops.map((s) => s.id), 'zz-example'].toSorted());
      expect(generic.id).toBe(GENERIC_ID);
      const manifest = makeManifest({ shops, loopback: false, bundleUrl: 'https://trust.example/bundle.txt' }) as {
        content_scripts: { matches: string[]; js: string[] }[];
        host_permissions: string[];
      };
      expect(manifest.content_scripts).toContainEqual(expect.objectContaining({ matches: ['https://shop.example/*'], js: [contentEntryPath('zz-example')] }));
      expect(manifest.host_permissions).toContain('https://shop.example/*');
      expect(contentEntrySources(shops).get(contentEntryPath('zz-example'))).toContain(`import { site } from '../sites/zz-example.ts';`);
    });

    it('a shop file without `shop` stops the build, naming the file', async () => {
      writeFileSync(join(scratch, 'zz-broken.ts'), `export const site = { id: 'zz-broken', pageKind: () => null };\n`);
      await expect(readShops(scratch)).rejects.toThrow(/zz-broken\.ts declares no `export const shop/);
      rmSync(join(scratch, 'zz-broken.ts'));
    });

    it('a shop file reading the page at import time is caught (the check above can fail)', async () => {
      writeFileSync(
        join(scratch, 'zz-eager.ts'),
        `export const shop = { matches: ['https://eager.example/*'], exampleUrls: {} };
export const site = { id: 'zz-eager', pageKind: () => null, title: typeof document === 'undefined' ? '' : document.title };
`,
      );
      expect((await readShopsWatchingGlobals(scratch)).touched).toContain('document');
      rmSync(join(scratch, 'zz-eager.ts'));
    });
  });
});
