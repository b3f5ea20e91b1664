// Net content (净含量) as written in shop titles, normalised to ml, g or pieces.
//
// Why it matters: consumption tax on cosmetics applies only to 高档化妆品, priced at 10 CNY or more
// per ml (g) or 15 CNY or more per 片 (张) (财税〔2016〕103号; cbec-rules.md §2.2). Customs treat a
// misdeclared quantity as a tax leak, so the extension needs the quantity from the listing.
//
// Units and the choices made:
// - ml: ml, 毫升, cl (×10), l / 升 / litre (×1000), US fl oz (×29.5735295625, exact by definition
//   of the US customary fluid ounce; the UK imperial fl oz, 28.4130625 ml, is not used on the
//   import listings we target).
// - g: g, 克, kg / 千克 / 公斤 (×1000), 斤 (market catty, 500 g), oz (×28.349523125), lb (×453.59237).
// - piece: 片 张 粒 颗 贴 枚 支, pcs, pieces, sheets, count, ct, tablets, capsules, softgels. For masks
//   片 is "the smallest indivisible unit" (cbec-rules.md §2.2).
// - A bare "oz" is read as the avoirdupois (mass) ounce. US labelling law (21 CFR 701.13 for
//   cosmetics) states volume as "fl oz" and mass as "oz", so "1.7 oz" on a cream jar is a weight.
//   Listings that write "1.7oz" for a liquid are wrong by about 4 %, which the evidence notes.
// - mg is never a net content (it is the dose per tablet in "Vitamin C 1000mg 60粒"), and GB
//   storage sizes ("256GB") are not grams: a Latin unit must not run into further letters.
// - Multipliers: "2×100g", "2x100g", "2*100g", "100g*2", "100g x 2", "30片*3盒" give a total; the
//   per-unit content and the unit count are returned too.
// - Several amounts in one text ("50ml/1.7 fl oz"): the first metric one wins, because metric is
//   the declared statutory unit in China and the imperial figure is usually its rounded twin.

import type { NetContent } from './tax-classes.ts';
import { normaliseTitle } from './title-text.ts';
import type { Localized } from '../text/localized.ts';
import { err, ok, type Result } from '../result.ts';

export type NetContentSystem = 'metric' | 'us-customary' | 'chinese-market' | 'count';

export interface ParsedNetContent extends NetContent {
  /** Content of one unit, e.g. 100 g for "2×100g". */
  perUnit: NetContent;
  /** How many units the expression names (2 for "2×100g"); 1 without a multiplier. */
  units: number;
  system: NetContentSystem;
  /** The normalised text that matched, e.g. "2x100g" (digits and a unit, safe to display). */
  matched: string;
}

export type NetContentErrorCode = 'not-found' | 'zero-amount' | 'too-large';

export type NetContentResult = Result<ParsedNetContent, { code: NetContentErrorCode; message: Localized }>;

export const NET_CONTENT_MESSAGES: Record<NetContentErrorCode, Localized> = {
  'not-found': { en: 'No net content (such as 50ml, 100g or 30片) was found.', 'zh-CN': '未找到净含量（如50毫升、100克、30片）。' },
  'zero-amount': { en: 'The net content is zero.', 'zh-CN': '净含量为零。' },
  'too-large': {
    en: 'The net content is implausibly large for a retail item (over 10 t, 10 m³ or 10 million pieces).',
    'zh-CN': '净含量过大，不像零售商品（超过10吨、10立方米或一千万件）。',
  },
};

interface UnitRow {
  /** Regular-expression source for the unit as it appears in normalised (lower-case NFKC) text. */
  pattern: string;
  unit: NetContent['unit'];
  factor: number;
  system: NetContentSystem;
}

// Longest spellings first inside each group, so "fl oz" wins over "oz" and "kg" over "g".
const UNIT_ROWS: readonly UnitRow[] = [
  { pattern: 'fl\\.? ?oz\\.?|floz', unit: 'ml', factor: 29.5735295625, system: 'us-customary' },
  { pattern: 'ml|mls|毫升', unit: 'ml', factor: 1, system: 'metric' },
  { pattern: 'cl', unit: 'ml', factor: 10, system: 'metric' },
  { pattern: 'litres|liters|litre|liter|ltr|l|公升|升(?!级)', unit: 'ml', factor: 1000, system: 'metric' },
  { pattern: 'kgs|kg|千克|公斤', unit: 'g', factor: 1000, system: 'metric' },
  { pattern: 'grams|gram|gr|g|克', unit: 'g', factor: 1, system: 'metric' },
  { pattern: '斤', unit: 'g', factor: 500, system: 'chinese-market' },
  { pattern: 'oz\\.?', unit: 'g', factor: 28.349523125, system: 'us-customary' },
  { pattern: 'lbs|lb', unit: 'g', factor: 453.59237, system: 'us-customary' },
  {
    pattern: 'pieces|piece|pcs|pc|sheets|sheet|count|ct|tablets|tabs|capsules|caps|softgels|片|张|粒|颗|贴|枚|支(?!持)',
    unit: 'piece',
    factor: 1,
    system: 'count',
  },
];

/** Above this total (10 t, 10 m³, 10 million pieces) the text is not a retail net content. */
const MAX_TOTAL = 10_000_000;
/** At most this many candidates are examined, which bounds the work on a hostile text. */
const MAX_CANDIDATES = 32;

const UNIT_ALTERNATION = UNIT_ROWS.map((row, i) => `(?<u${i}>${row.pattern})`).join('|');

// A Latin unit must not run into another letter ("10 golf", "256gb"), except an "x" that starts a
// multiplier ("50mlx2"). The amount must not continue a word or number ("spf50", "n95", "1.5").
const NET_CONTENT_PATTERN = new RegExp(
  '(?<![a-z0-9.])' +
    '(?:(?<pre>\\d{1,4})\\s*[x×*]\\s*)?' +
    '(?<amount>\\d{1,7}(?:\\.\\d{1,3})?)\\s*' +
    `(?:${UNIT_ALTERNATION})` +
    '(?!(?!x\\s*\\d)[a-z])' +
    '(?:\\s*[x×*]\\s*(?<post>\\d{1,4})(?![\\d.]))?',
  'g',
);

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** One net-content expression found in normalised text (internal to the catalog). */
export interface NetContentCandidate {
  result: NetContentResult;
  metric: boolean;
  /** Position and length of the match in the normalised text. */
  index: number;
  length: number;
}

/** Scans text that normaliseTitle() has already normalised. Internal to shared/catalog. */
export function* scanNetContents(text: string): Generator<NetContentCandidate> {
  NET_CONTENT_PATTERN.lastIndex = 0;
  let seen = 0;
  for (const match of text.matchAll(NET_CONTENT_PATTERN)) {
    if (++seen > MAX_CANDIDATES) return;
    const groups = match.groups!;
    const rowIndex = UNIT_ROWS.findIndex((_, i) => groups[`u${i}`] !== undefined);
    const row = UNIT_ROWS[rowIndex]!;
    const amount = Number(groups.amount);
    const units = Number(groups.pre ?? 1) * Number(groups.post ?? 1);
    const perUnitValue = round3(amount * row.factor);
    const total = round3(amount * row.factor * units);
    let result: NetContentResult;
    if (perUnitValue <= 0 || units <= 0) result = failure('zero-amount');
    else if (total > MAX_TOTAL) result = failure('too-large');
    else {
      result = ok({
        value: total,
        unit: row.unit,
        perUnit: { value: perUnitValue, unit: row.unit },
        units,
        system: row.system,
        matched: match[0],
      });
    }
    yield { result, metric: row.system !== 'us-customary', index: match.index, length: match[0].length };
  }
}

function failure(code: NetContentErrorCode): NetContentResult {
  return err({ code, message: NET_CONTENT_MESSAGES[code] });
}

/**
 * Every net-content expression in the text, in order of appearance (at most 32 are examined).
 * Invalid ones (zero, implausibly large) are left out.
 */
export function findNetContents(text: string): ParsedNetContent[] {
  const found: ParsedNetContent[] = [];
  for (const candidate of scanNetContents(normaliseTitle(text))) {
    if (candidate.result.ok) found.push(candidate.result.value);
  }
  return found;
}

/**
 * The net content a text states, as a typed result. Picks the first valid metric, Chinese or
 * count expression, else the first valid US-customary one. If there are expressions but none is
 * valid, the error names why the first one failed.
 */
export function readNetContent(text: string): NetContentResult {
  return chooseNetContent([...scanNetContents(normaliseTitle(text))]);
}

/** The preference rule of readNetContent over already-scanned candidates. Internal to shared/catalog. */
export function chooseNetContent(found: readonly NetContentCandidate[]): NetContentResult {
  let firstImperial: NetContentResult | undefined;
  let firstError: NetContentResult | undefined;
  for (const candidate of found) {
    if (!candidate.result.ok) {
      firstError ??= candidate.result;
      continue;
    }
    if (candidate.metric) return candidate.result;
    firstImperial ??= candidate.result;
  }
  return firstImperial ?? firstError ?? failure('not-found');
}

/** The net content a text states, or undefined. See readNetContent for which one is chosen. */
export function parseNetContent(text: string): ParsedNetContent | undefined {
  const result = readNetContent(text);
  return result.ok ? result.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Price per unit, in integer arithmetic, for the high-end cosmetics threshold.
//
// Net content is carried to 0.001 of its unit (1.7 fl oz = 50.275 ml), so it is scaled to an
// integer number of thousandths ("milli-units") and every comparison is done in BigInt: no
// floating point touches money.

/** Net content as an integer count of thousandths of its unit (µl, mg, 1/1000 piece). */
export function netContentMilliUnits(content: NetContent): bigint {
  if (!Number.isFinite(content.value) || content.value <= 0) {
    throw new RangeError('net content must be a positive finite number');
  }
  const milli = Math.round(content.value * 1000);
  if (milli < 1) throw new RangeError('net content is below 0.001 of its unit');
  return BigInt(milli);
}

function checkFen(priceFen: number): bigint {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) throw new RangeError('price must be a non-negative integer of fen');
  return BigInt(priceFen);
}

/**
 * Price per ml, g or piece in fen, rounded half up to the fen: 45000 fen for 50 ml → 900 fen/ml.
 * For display and evidence; threshold decisions use reachesUnitPrice, which does not round.
 */
export function pricePerUnitFen(priceFen: number, content: NetContent): number {
  const price = checkFen(priceFen);
  const milli = netContentMilliUnits(content);
  // round(price × 1000 / milli) half up = floor((2 × price × 1000 + milli) / (2 × milli))
  return Number((2n * price * 1000n + milli) / (2n * milli));
}

/**
 * True when price ÷ content is at least thresholdFenPerUnit, compared exactly:
 * price × 1000 ≥ threshold × milli-units. "From 10 CNY per ml" (财税〔2016〕103号) means ≥, so a
 * 500 CNY / 50 ml item reaches a 1000 fen/ml threshold.
 */
export function reachesUnitPrice(priceFen: number, content: NetContent, thresholdFenPerUnit: number): boolean {
  const price = checkFen(priceFen);
  const threshold = checkFen(thresholdFenPerUnit);
  return price * 1000n >= threshold * netContentMilliUnits(content);
}

// ---------------------------------------------------------------------------------------------
// A unit written on its own (an order's `netContent.unit`, a CLI input): the words Chinese users
// write, with the factor to ml, g or piece. 瓶 袋 盒 包 罐 支 个 件 count articles: use them for goods
// taxed per piece; a per-ml or per-g duty still needs the volume or weight.

/** Every unit word accepted on its own, with what it means. */
export const NET_CONTENT_UNIT_WORDS: Readonly<Record<string, { unit: NetContent['unit']; factor: number }>> = Object.freeze({
  ml: { unit: 'ml', factor: 1 },
  毫升: { unit: 'ml', factor: 1 },
  cl: { unit: 'ml', factor: 10 },
  l: { unit: 'ml', factor: 1000 },
  升: { unit: 'ml', factor: 1000 },
  公升: { unit: 'ml', factor: 1000 },
  g: { unit: 'g', factor: 1 },
  克: { unit: 'g', factor: 1 },
  kg: { unit: 'g', factor: 1000 },
  千克: { unit: 'g', factor: 1000 },
  公斤: { unit: 'g', factor: 1000 },
  斤: { unit: 'g', factor: 500 },
  piece: { unit: 'piece', factor: 1 },
  片: { unit: 'piece', factor: 1 },
  张: { unit: 'piece', factor: 1 },
  支: { unit: 'piece', factor: 1 },
  粒: { unit: 'piece', factor: 1 },
  颗: { unit: 'piece', factor: 1 },
  贴: { unit: 'piece', factor: 1 },
  枚: { unit: 'piece', factor: 1 },
  瓶: { unit: 'piece', factor: 1 },
  袋: { unit: 'piece', factor: 1 },
  盒: { unit: 'piece', factor: 1 },
  包: { unit: 'piece', factor: 1 },
  罐: { unit: 'piece', factor: 1 },
  个: { unit: 'piece', factor: 1 },
  件: { unit: 'piece', factor: 1 },
});

/** The accepted unit words, for schemas and messages. */
export const NET_CONTENT_UNIT_WORD_LIST = Object.freeze(Object.keys(NET_CONTENT_UNIT_WORDS)) as readonly string[];

/**
 * `value` of `word` as ml, g or piece ("0.7", "升" → 700 ml; "30", "片" → 30 pieces), or undefined for
 * a word not in NET_CONTENT_UNIT_WORDS. The product is kept to 15 significant digits, so 1.1 升 is 1100 ml.
 */
export function netContentOfUnitWord(value: number, word: string): NetContent | undefined {
  const row = Object.hasOwn(NET_CONTENT_UNIT_WORDS, word) ? NET_CONTENT_UNIT_WORDS[word] : undefined;
  if (!row) return undefined;
  return { value: row.factor === 1 ? value : Number((value * row.factor).toPrecision(15)), unit: row.unit };
}
