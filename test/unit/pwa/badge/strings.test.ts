// The badge's catalogue (pwa/badge/strings.ts): every state, button and label in both languages,
// never empty, with the same {placeholders}.
import { describe, expect, it } from 'vitest';
import { BADGE_TEXT, DETAILS_LABEL, RECEIPT_TEXT, localeOf } from '../../../../pwa/badge/strings.ts';
import { expectCatalogueParity } from '../../text/catalogue-parity.ts';

describe('pwa/badge/strings.ts', () => {
  it.each([
    ['BADGE_TEXT', BADGE_TEXT],
    ['RECEIPT_TEXT', RECEIPT_TEXT],
    ['DETAILS_LABEL', { en: { label: DETAILS_LABEL.en }, 'zh-CN': { label: DETAILS_LABEL['zh-CN'] } }],
  ] as const)('%s has every key in both languages, never empty, with the same placeholders', (name, catalogue) => {
    expectCatalogueParity(`pwa/badge/strings.ts ${name}`, catalogue);
  });

  it.each([
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    [' ZH-tw ', 'zh-CN'],
    ['en-GB', 'en'],
    ['', 'en'],
    [null, 'en'],
  ] as const)('the page language %j reads as %s', (lang, locale) => {
    expect(localeOf(lang)).toBe(locale);
  });
});
