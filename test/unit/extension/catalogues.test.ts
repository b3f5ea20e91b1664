// Every catalogue of the extension has every key in both languages, of the same kind (a sentence,
// a sentence template taking the same arguments, or a list of the same length), and no empty text
// (Zod's locale tests do the same for its error maps).
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/text/localized.ts';
import { backgroundCatalogue } from '../../../extension/background/catalogue.ts';
import { contentCatalogue } from '../../../extension/content/catalogue.ts';
import { uiCatalogue } from '../../../extension/ui/catalogue.ts';

const catalogues = {
  'extension/background/catalogue.ts': backgroundCatalogue,
  'extension/content/catalogue.ts': contentCatalogue,
  'extension/ui/catalogue.ts': uiCatalogue,
} as Record<string, Record<'en' | 'zh-CN', Record<string, unknown>>>;

/** A sample value of a catalogue entry, for checking it is not empty. */
function sample(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'function') return [String((value as (...a: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => `«${i}»`)))];
  return [];
}

describe.each(Object.entries(catalogues))('%s', (file, catalogue) => {
  it('has a part for every language CrossCheck speaks (shared/text LOCALES)', () => {
    expect(Object.keys(catalogue).toSorted()).toEqual([...LOCALES].toSorted());
  });

  it('has the same keys in en and zh-CN', () => {
    const en = Object.keys(catalogue.en).toSorted();
    const zh = Object.keys(catalogue['zh-CN']).toSorted();
    expect(en.filter((k) => !zh.includes(k)), `Add these keys to the zh-CN part of ${file}`).toEqual([]);
    expect(zh.filter((k) => !en.includes(k)), `Add these keys to the en part of ${file}`).toEqual([]);
  });

  it.each(Object.keys(catalogue.en))('%s: same kind in both languages, never empty', (key) => {
    const en = catalogue.en[key];
    const zh = catalogue['zh-CN'][key];
    expect(typeof zh, `${file} ${key}`).toBe(typeof en);
    if (typeof en === 'function' && typeof zh === 'function') expect(zh.length, `${file} ${key}: the same arguments`).toBe(en.length);
    if (Array.isArray(en)) expect((zh as unknown[]).length, `${file} ${key}: as many sentences`).toBe(en.length);
    for (const text of [...sample(en), ...sample(zh)]) expect(text.trim(), `${file} ${key}`).not.toBe('');
  });

  it('the template arguments all appear in both languages', () => {
    for (const [key, en] of Object.entries(catalogue.en)) {
      if (typeof en !== 'function') continue;
      const zh = catalogue['zh-CN'][key] as (...a: unknown[]) => string;
      for (let i = 0; i < en.length; i++) {
        const args = Array.from({ length: en.length }, (_, j) => (j === i ? `«arg${i}»` : 1));
        // Count-style templates (`ledgerImported(n, rejected)`) may drop a zero; with 1 they show it.
        expect(String((en as (...a: unknown[]) => string)(...args)), `${file} ${key} en uses argument ${i}`).toContain(`«arg${i}»`);
        expect(zh(...args), `${file} ${key} zh-CN uses argument ${i}`).toContain(`«arg${i}»`);
      }
    }
  });
});
