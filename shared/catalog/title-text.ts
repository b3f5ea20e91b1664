// One normalisation for every piece of shop text the catalog reads (titles, net-content labels).
// Shop pages are hostile input: a title may be megabytes long, hold markup, or mix full-width
// and half-width forms. Everything here is bounded and treats the text as plain characters:
// markup is never interpreted, only matched like any other text.

/** Raw input beyond this many UTF-16 units is cut before NFKC, so NFKC's cost is bounded. */
export const MAX_RAW_TITLE_UNITS = 2048;
/** Normalised text beyond this many code points is cut before matching. Real titles are < 200. */
export const MAX_TITLE_CODE_POINTS = 512;

/**
 * NFKC (full-width Ｌａｎｃｏｍｅ → Lancome, ５０ｍｌ → 50ml, ㎖ → ml), typographic apostrophes to
 * ASCII, runs of whitespace to one space, lower case (locale-independent). The result never
 * exceeds MAX_TITLE_CODE_POINTS code points, and a surrogate pair is never split.
 */
export function normaliseTitle(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  let text = raw.length > MAX_RAW_TITLE_UNITS ? raw.slice(0, MAX_RAW_TITLE_UNITS) : raw;
  // A cut between the halves of a surrogate pair leaves a lone high surrogate: drop it.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  text = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (text.length > MAX_TITLE_CODE_POINTS) {
    const codePoints = Array.from(text);
    if (codePoints.length > MAX_TITLE_CODE_POINTS) text = codePoints.slice(0, MAX_TITLE_CODE_POINTS).join('');
  }
  return text;
}
