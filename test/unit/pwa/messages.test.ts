// @vitest-environment happy-dom
// The PWA's catalogue (pwa/src/messages.ts): every key in both languages, never empty, with the same
// {placeholders} (Zod's locale tests check their error maps the same way).
import { describe, expect, it } from 'vitest';
import { messages } from '../../../pwa/src/messages.ts';
import { translate } from '../../../pwa/src/i18n.ts';
import { LOCALES } from '../../../shared/text/localized.ts';
import { expectCatalogueParity } from '../text/catalogue-parity.ts';

describe('pwa/src/messages.ts', () => {
  it('has a part for every language CrossCheck speaks', () => {
    expect(Object.keys(messages).toSorted()).toEqual([...LOCALES].toSorted());
  });

  it('has every key in both languages, never empty, with the same placeholders', () => {
    expectCatalogueParity('pwa/src/messages.ts', messages);
  });

  it('fills every placeholder in both languages', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(messages.en)) {
        const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const filled = translate(locale, key as keyof typeof messages.en, Object.fromEntries(names.map((n) => [n, '«x»'])));
        expect(filled, `${locale} ${key}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
