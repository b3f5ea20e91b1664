// The one shape of user-facing text in CrossCheck: every sentence a user reads exists in English and
// Simplified Chinese. The keys are the locale ids the PWA and the extension already use (BCP 47
// 'en' and 'zh-CN'), so a surface picks with its own locale and no mapping in between.

/** A language CrossCheck speaks. */
export type Locale = 'en' | 'zh-CN';

/** Every locale, in the order catalogues list them. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** One piece of user-facing text in every language. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/** The text in `locale`. */
export function pick(text: Localized, locale: Locale): string {
  return text[locale];
}
