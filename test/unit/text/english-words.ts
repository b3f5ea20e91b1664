// The one rule for "no English in zh-CN output" (issue 13, "Chinese complete"): two or more Latin
// letters in a row are an English word — or an untranslated unit ("ml"), code ("tmall") or format
// name — unless they are on the short list below, each there for a reason a Chinese UI writes it
// in Latin letters too. Data the user's own records carry in Latin letters (an order number, a
// waybill with its carrier's prefix, a party id the trust data gives no name for, a web address)
// is not a word of ours: callers name those values and they are taken out before the check.

/** Latin-letter runs a zh-CN reader sees on purpose, and why. */
export const ALLOWED_LATIN: ReadonlyMap<string, string> = new Map([
  ['CrossCheck', 'the product’s name, a registered name shown as is beside its Chinese tagline (验真)'],
  ['GB', 'GB 11643, the national standard for the resident ID number: Chinese writes standard codes as GB …'],
  ['GS', 'GS1, the barcode standard’s own name as printed beside the codes (中国物品编码中心 writes “GS1”)'],
  ['CC', 'CC1:, the first characters of every CrossCheck code, which the user pastes and may need to recognise'],
]);

const LATIN_RUN = /[A-Za-z]{2,}/g;
const WEB_ADDRESS = /https?:\/\/[^\s，。；、）)」]*/g;

/**
 * The English words in `text`: Latin-letter runs not on ALLOWED_LATIN, after taking out web
 * addresses and each value of `data` (identifiers from the user's or the trust data's records).
 */
export function englishWords(text: string, data: readonly (string | number | undefined)[] = []): string[] {
  let rest = text.replace(WEB_ADDRESS, ' ');
  // Longest first, so an id that contains another is taken out whole.
  const values = data.filter((d): d is string => typeof d === 'string' && d.length > 0).toSorted((a, b) => b.length - a.length);
  for (const value of values) rest = rest.split(value).join(' ');
  return (rest.match(LATIN_RUN) ?? []).filter((word) => !ALLOWED_LATIN.has(word));
}
