// The parity check every translation catalogue runs (as Zod's locale tests do): each language has
// exactly the keys of the others, no text is empty, and each translation has the same {placeholders}
// as the English one, so a sentence never loses a number or shows a raw "{name}".
import { expect } from 'vitest';
import { LOCALES, type Locale } from '../../../shared/text/localized.ts';

type Catalogue = Readonly<Record<string, unknown>>;

/** Every string leaf of a catalogue by dotted path ("verified.title"). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, s] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, s);
  } else out.set(path, `<not text: ${String(value)}>`);
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).toSorted();

/** Fails, naming the key, on a missing or extra key, an empty text or a placeholder mismatch. */
export function expectCatalogueParity(name: string, catalogue: Readonly<Record<Locale, Catalogue>>): void {
  const english = leaves(catalogue.en);
  expect(english.size, `${name}: the English catalogue is empty`).toBeGreaterThan(0);
  for (const locale of LOCALES) {
    const texts = leaves(catalogue[locale]);
    expect([...texts.keys()].toSorted(), `${name}: keys of ${locale}`).toEqual([...english.keys()].toSorted());
    for (const [key, text] of texts) {
      expect(text.trim(), `${name}: ${locale} ${key} is empty`).not.toBe('');
      expect(placeholders(text), `${name}: placeholders of ${locale} ${key}`).toEqual(placeholders(english.get(key) ?? ''));
    }
  }
}
