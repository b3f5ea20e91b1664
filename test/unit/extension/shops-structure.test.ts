// The shop convention, checked (refined-github's build/features.test.ts idea): a shop is one
// declaration in extension/shops.ts, its page reading in extension/content/sites/<id>.ts, and a
// saved page in test/fixtures/sites/. Everything else — the content-script entry, the manifest's
// content_scripts and host permissions — is generated from the list, and checked here too.
// The messages say what to do, so a failing test teaches the convention.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentEntrySources } from '../../../extension/build.config.ts';
import type { SiteAdapter } from '../../../extension/content/sites/site.ts';
import { contentEntryPath, makeManifest } from '../../../extension/manifest.config.ts';
import { GENERIC, SHOPS, matchPattern, type Shop } from '../../../extension/shops.ts';

const sitesDir = new URL('../../../extension/content/sites/', import.meta.url);
const fixturesDir = new URL('../../fixtures/sites/', import.meta.url);
const adapterFiles = readdirSync(sitesDir).filter((f) => f.endsWith('.ts') && f !== 'site.ts');
const declared: readonly Shop[] = [...SHOPS, GENERIC];

/** Each adapter module's `site` export, by file id (undefined when the file exports none). */
const adapters = new Map<string, SiteAdapter | undefined>(
  await Promise.all(
    adapterFiles.map(async (file) => [file.slice(0, -3), ((await import(new URL(file, sitesDir).href)) as { site?: SiteAdapter }).site] as const),
  ),
);

describe.each(adapterFiles)('extension/content/sites/%s', (file) => {
  const id = file.slice(0, -3);
  const adapter = adapters.get(id);

  it('exports `site` with its file name as id', () => {
    expect(adapter, `Export \`export const site: SiteAdapter = { id: '${id}', … }\` from extension/content/sites/${file}.`).toBeDefined();
    expect(adapter?.id, `Set \`id: '${id}'\` in extension/content/sites/${file}: the id is the file name.`).toBe(id);
  });

  it('is declared in extension/shops.ts', () => {
    expect(
      declared.some((s) => s.id === id),
      `Add \`{ id: '${id}', matches: [...], exampleUrls: { product: [...], list: [...] } }\` to SHOPS in extension/shops.ts (sorted by id): the manifest and the content-script entry are generated from it.`,
    ).toBe(true);
  });

  it('cites where its selectors come from', () => {
    const source = readFileSync(new URL(file, sitesDir), 'utf8');
    expect(/Selector sources|schema\.org/.test(source), `Say in a comment at the top of ${file} where each selector comes from (a scraper, documentation, or [background]).`).toBe(true);
  });
});

describe.each(declared.map((s) => [s.id, s] as const))('shop %s', (id, shop) => {
  const adapter = adapters.get(id);

  it('has its page reading in extension/content/sites/', () => {
    expect(adapter, `extension/shops.ts declares '${id}': write extension/content/sites/${id}.ts exporting \`site: SiteAdapter\` (copy an existing shop; cite your selector sources).`).toBeDefined();
  });

  it('has a saved fixture page in test/fixtures/sites/', () => {
    const pages = readdirSync(fixturesDir).filter((f) => f.startsWith(`${id}-`) && f.endsWith('.html'));
    expect(pages.length, `Save a trimmed real page as test/fixtures/sites/${id}-product.html (and -list.html if the shop has list pages); fixtures beat live pages (refined-github#9314).`).toBeGreaterThan(0);
  });

  it('lists example URLs that its adapter recognises', () => {
    const examples = Object.entries(shop.exampleUrls).flatMap(([kind, urls]) => (urls ?? []).map((u) => [kind, u] as const));
    expect(examples.length, `List real example URLs of each page kind in exampleUrls of '${id}' in extension/shops.ts.`).toBeGreaterThan(0);
    if (!adapter) return;
    for (const [kind, url] of examples) {
      expect(adapter.pageKind(new URL(url)), `${id}.pageKind(${url}) should be '${kind}' (extension/content/sites/${id}.ts)`).toBe(kind);
    }
  });

  it('reads what its page kinds need', () => {
    if (!adapter) return;
    if (shop.exampleUrls.product) expect(typeof adapter.readProduct, `${id} has product URLs, so it needs readProduct`).toBe('function');
    if (shop.exampleUrls.list) {
      expect(adapter.cardSelector, `${id} has list URLs, so it needs cardSelector, readCard and cardAnchor`).toBeTruthy();
      expect(typeof adapter.readCard).toBe('function');
    }
  });

  it('gets a generated content-script entry that runs its adapter', () => {
    const source = contentEntrySources().get(contentEntryPath(id));
    expect(source, `build.config.ts generates no ${contentEntryPath(id)}`).toBeDefined();
    expect(source).toContain(`'../sites/${id}.ts'`);
  });
});

describe('the shop list', () => {
  it('is sorted by id, each id once', () => {
    const ids = SHOPS.map((s) => s.id);
    expect(ids, 'Keep SHOPS in extension/shops.ts sorted by id, each once').toEqual([...new Set(ids)].toSorted());
  });

  it.each(SHOPS.map((s) => [s.id, s] as const))('%s has https match patterns, each matching one of its example URLs, and each example URL matched', (id, shop) => {
    expect(shop.matches.length, `Give '${id}' the match patterns of its pages`).toBeGreaterThan(0);
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
    const manifest = makeManifest({ loopback: false, bundleUrl: 'https://trust.example/bundle.txt' }) as {
      content_scripts: { matches: string[]; js: string[] }[];
      host_permissions: string[];
    };
    for (const shop of SHOPS) {
      expect(manifest.content_scripts).toContainEqual(expect.objectContaining({ matches: [...shop.matches], js: [contentEntryPath(shop.id)] }));
      for (const p of shop.matches) expect(manifest.host_permissions).toContain(p);
    }
    expect(manifest.content_scripts).toHaveLength(SHOPS.length);
  });

  it('the generic adapter asks for no hosts of its own (it runs where the user grants)', () => {
    expect(GENERIC.matches).toEqual([]);
    expect(contentEntrySources().get(contentEntryPath(GENERIC.id))).toContain('startContentScript([generic])');
  });
});
