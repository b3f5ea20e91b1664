// The shop-adapter convention, checked (refined-github's build/features.test.ts idea): every file in
// extension/content/sites/ is an adapter named after its file, registered once in index.ts, with
// example URLs its own pageKind recognises, a saved fixture page, and a content-script entry.
// The messages say what to do, so a failing test teaches the convention.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchPattern } from '../../../extension/background/router.ts';
import { ALL_SITES, GENERIC_SITE, SHOP_SITES } from '../../../extension/content/sites/index.ts';

const sitesDir = new URL('../../../extension/content/sites/', import.meta.url);
const fixturesDir = new URL('../../fixtures/sites/', import.meta.url);
const entriesDir = new URL('../../../extension/content/entries/', import.meta.url);
const adapterFiles = readdirSync(sitesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'site.ts');

describe.each(adapterFiles)('extension/content/sites/%s', (file) => {
  const id = file.slice(0, -3);
  const adapter = ALL_SITES.find((s) => s.id === id);

  it('is registered in sites/index.ts under its file name', () => {
    expect(adapter, `Add \`import { site as … } from './${file}'\` to extension/content/sites/index.ts (SHOP_SITES), and set \`id: '${id}'\` in the adapter.`).toBeDefined();
    const registry = readFileSync(new URL('index.ts', sitesDir), 'utf8');
    expect(registry.split(`'./${file}'`).length - 1, `Import ./${file} exactly once in sites/index.ts`).toBe(1);
  });

  it('has a saved fixture page in test/fixtures/sites/', () => {
    const pages = readdirSync(fixturesDir).filter((f) => f.startsWith(`${id}-`) && f.endsWith('.html'));
    expect(pages.length, `Save a trimmed real page as test/fixtures/sites/${id}-product.html (and -list.html if the shop has list pages); fixtures beat live pages (refined-github#9314).`).toBeGreaterThan(0);
  });

  it('cites where its selectors come from', () => {
    const source = readFileSync(new URL(file, sitesDir), 'utf8');
    expect(/Selector sources|schema\.org/.test(source), `Say in a comment at the top of ${file} where each selector comes from (a scraper, documentation, or [background]).`).toBe(true);
  });

  it('recognises its own example URLs', () => {
    if (!adapter) return;
    const examples = Object.entries(adapter.exampleUrls).flatMap(([kind, urls]) => (urls ?? []).map((u) => [kind, u] as const));
    expect(examples.length, `List real example URLs in exampleUrls of ${file}`).toBeGreaterThan(0);
    for (const [kind, url] of examples) {
      expect(adapter.pageKind(new URL(url)), `${id}.pageKind(${url}) should be '${kind}'`).toBe(kind);
    }
  });

  it('reads what its page kinds need', () => {
    if (!adapter) return;
    if (adapter.exampleUrls.product) expect(typeof adapter.readProduct, `${id} has product URLs, so it needs readProduct`).toBe('function');
    if (adapter.exampleUrls.list) {
      expect(adapter.cardSelector, `${id} has list URLs, so it needs cardSelector, readCard and cardAnchor`).toBeTruthy();
      expect(typeof adapter.readCard).toBe('function');
    }
  });
});

describe('shop adapters', () => {
  it.each(SHOP_SITES.map((s) => [s.id, s] as const))('%s has https match patterns, each matching one of its example URLs', (_id, adapter) => {
    expect(adapter.matches.length).toBeGreaterThan(0);
    const examples = Object.values(adapter.exampleUrls).flat();
    for (const pattern of adapter.matches) {
      expect(pattern, 'Host permissions are for the shop only: https and an exact host').toMatch(/^https:\/\/[a-z0-9.-]+\//);
      expect(examples.some((u) => matchPattern(pattern).test(u)), `Add an example URL that ${pattern} matches`).toBe(true);
    }
  });

  it.each(SHOP_SITES.map((s) => [s.id] as const))('%s has a content-script entry', (id) => {
    expect(existsSync(new URL(`${id}.ts`, entriesDir)), `Create extension/content/entries/${id}.ts calling startContentScript([site, generic])`).toBe(true);
  });

  it('the generic adapter asks for no hosts of its own (it runs where the user grants)', () => {
    expect(GENERIC_SITE.matches).toEqual([]);
  });
});
