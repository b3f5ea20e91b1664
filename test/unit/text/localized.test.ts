import { describe, expect, it } from 'vitest';
import { LOCALES, pick, type Localized } from '../../../shared/text/localized.ts';

describe('Localized', () => {
  const text: Localized = { en: 'Genuine', 'zh-CN': '真品' };

  it('picks the text in each locale', () => {
    expect(LOCALES.map((locale) => pick(text, locale))).toEqual(['Genuine', '真品']);
  });
});
