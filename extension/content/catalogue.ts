// The content script's own words: only what it shows before the background answers (every other
// sentence on the page comes from the background's catalogue, in the language the user chose).
// test/unit/extension/catalogues.test.ts checks that both languages have every key.
import { localeOfTag, type Locale } from '../messages.ts';

const en = {
  pending: 'checking…',
};

export type ContentText = typeof en;

const zhCN: ContentText = {
  pending: '正在核对…',
};

/** Both languages, keyed like shared text ({ en, 'zh-CN' }). */
export const contentCatalogue: Readonly<Record<Locale, ContentText>> = { en, 'zh-CN': zhCN };

/**
 * Before the background answers: the page's language when it declares one CrossCheck speaks, else
 * the browser's (the background's resolveLocale, without the options choice this script cannot
 * read; its answer, in the chosen language, replaces this within a moment).
 */
export function contentLocale(pageLanguage: string | undefined, browserLanguage: string): Locale {
  return localeOfTag(pageLanguage) ?? localeOfTag(browserLanguage) ?? 'en';
}

export function contentText(pageLanguage: string | undefined, browserLanguage: string): ContentText {
  return contentCatalogue[contentLocale(pageLanguage, browserLanguage)];
}
