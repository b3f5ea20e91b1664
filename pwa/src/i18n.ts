// Two languages, following the browser (navigator.languages) unless the user picks one in
// Settings. The choice lives in localStorage because it is needed before the first paint.
import { useEffect, useState } from 'preact/hooks';
import { formatFen, type MoneyLocale } from '../../shared/money/index.ts';
import { pick, type Locale, type Localized } from '../../shared/text/localized.ts';
import { messages, type MessageKey, type PluralKey } from './messages.ts';

export type { Locale };
export type LocaleChoice = Locale | 'system';

const STORAGE_KEY = 'crosscheck.locale';

export function systemLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

function readChoice(): LocaleChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: LocaleChoice = typeof localStorage === 'undefined' ? 'system' : readChoice();
let current: Locale = choice === 'system' ? systemLocale() : choice;
const listeners = new Set<() => void>();

function apply(): void {
  current = choice === 'system' ? systemLocale() : choice;
  document.documentElement.lang = current;
  for (const l of listeners) l();
}

export function localeChoice(): LocaleChoice {
  return choice;
}

export function currentLocale(): Locale {
  return current;
}

export function setLocaleChoice(next: LocaleChoice): void {
  choice = next;
  try {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this session */
  }
  apply();
}

export function initLocale(): void {
  apply();
  addEventListener('languagechange', apply);
}

/** Translates `key`, filling `{name}` placeholders from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const table = messages[locale];
  let text: string = table[key] ?? messages.en[key] ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  return text;
}

/**
 * Translates a message with plural forms (messages.ts PluralKey): the `.one` or `.other` text as
 * the language's plural rules say for `n` (English: 1 → one; Chinese: always other), `{n}` filled.
 */
export function translatePlural(locale: Locale, key: PluralKey, n: number, vars?: Record<string, string | number>): string {
  const category = new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  return translate(locale, `${key}.${category}` as MessageKey, { ...vars, n });
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A count in words with the language's plural form ("1 parcel", "2 parcels"). */
  tn: (key: PluralKey, n: number, vars?: Record<string, string | number>) => string;
  money: (fen: number) => string;
  date: (iso: string | number | Date, withTime?: boolean) => string;
  /** Picks the sentence in the current language from a core `Localized` text. */
  pick: (text: Localized) => string;
}

export function i18nFor(locale: Locale): I18n {
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    locale,
    t: (key, vars) => translate(locale, key, vars),
    tn: (key, n, vars) => translatePlural(locale, key, n, vars),
    money: (fen) => formatFen(fen, locale as MoneyLocale),
    date: (value, withTime = false) => {
      const d = value instanceof Date ? value : new Date(value);
      if (Number.isNaN(d.getTime())) return String(value);
      return (withTime ? dateTimeFormat : dateFormat).format(d);
    },
    pick: (text) => pick(text, locale),
  };
}

const cache = new Map<Locale, I18n>();

export function i18n(): I18n {
  let value = cache.get(current);
  if (!value) {
    value = i18nFor(current);
    cache.set(current, value);
  }
  return value;
}

/** The current language's helpers; re-renders the component when the language changes. */
export function useI18n(): I18n {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return i18n();
}
