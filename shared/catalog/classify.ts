// Product-title classifier: which tax class a shop title most likely belongs to, with the evidence.
//
// This is a heuristic for a shopper's estimate, not a customs classification: the binding answer
// is the HS code on the declaration (see positive-list.ts and cbec-rules.md §2.2, "take the VAT
// rate per HS code"). So every answer says why, and says 'low' when the title is ambiguous.
//
// How a title is decided:
// 1. normaliseTitle(): bounded length, NFKC, lower case (title-text.ts). Markup is plain text.
// 2. Each row of CLASSIFIER_RULES (classifier-rules.ts) fires once if one of its terms occurs and
//    none of its `unless` terms does; a class scores the sum of its fired rows' weights.
// 3. The highest score wins. A tie goes to the class whose match comes last in the title: both
//    Chinese and English product titles put the head noun last ("红酒面膜" is a mask, "vitamin C
//    serum" a serum). No row fired: `general`, the residual class.
// 4. Confidence is 'high' when the winner scores at least 3 and leads every other class by 2.
// 5. Net content and a quantity multiplier ("2瓶装", "x3", "3 pack") are read from the same text.

import { CLASSIFIER_RULES, type ClassifierRule } from './classifier-rules.ts';
import { chooseNetContent, scanNetContents } from './net-content.ts';
import type { NetContent, TaxClassId } from './tax-classes.ts';
import { normaliseTitle } from './title-text.ts';

export interface TitleClassification {
  taxClass: TaxClassId;
  /** Human-readable reasons, e.g. `matched "精华" → cosmetics`. Never echoes free title text. */
  evidence: string[];
  confidence: 'high' | 'low';
  /**
   * Net content of everything the listed price buys: "50ml 2瓶装" → 100 ml, "2×100g" → 200 g.
   * Divide the listing price by this for the price per ml/g/piece; do not multiply by quantity.
   */
  netContent?: NetContent;
  /** Number of units in the listing, when the title says so ("2瓶装", "x3", "3 pack", "2×100g"). */
  quantity?: number;
  /** Net content of one unit ("50ml" in "50ml 2瓶装"), when a net content was found. */
  unitNetContent?: NetContent;
}

const HIGH_CONFIDENCE_SCORE = 3;
const HIGH_CONFIDENCE_MARGIN = 2;
const MAX_QUANTITY = 999;

// ── compiling the rule table once ──────────────────────────────────────────────────────────

interface CompiledRule {
  rule: ClassifierRule;
  zh: readonly string[];
  en: RegExp | undefined;
  unlessZh: readonly string[];
  unlessEn: RegExp | undefined;
}

// '-' needs no escape outside a character class (and may not have one under the u flag).
const escapeRegExp = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression per term list: whole words only (no Latin letter before or after; digits
 * and CJK characters are fine neighbours, so "serum50ml" and "精华serum" match), optional plural.
 */
function compileEnglish(terms: readonly string[] | undefined): RegExp | undefined {
  if (!terms || terms.length === 0) return undefined;
  const alternatives = terms
    .map((term) => term.normalize('NFKC').toLowerCase())
    .toSorted((a, b) => b.length - a.length)
    .map((term) => escapeRegExp(term).replace(/ /g, '[\\s\\-]+'));
  return new RegExp(`(?<!\\p{Script=Latin})(?:${alternatives.join('|')})(?:e?s)?(?!\\p{Script=Latin})`, 'u');
}

const normaliseTerms = (terms: readonly string[] | undefined) =>
  (terms ?? []).map((term) => term.normalize('NFKC').toLowerCase());

const COMPILED_RULES: readonly CompiledRule[] = CLASSIFIER_RULES.map((rule) => ({
  rule,
  zh: normaliseTerms(rule.zh),
  en: compileEnglish(rule.en),
  unlessZh: normaliseTerms(rule.unless?.zh),
  unlessEn: compileEnglish(rule.unless?.en),
}));

interface Hit {
  term: string;
  index: number;
}

/** The earliest hit of the row's terms in the title, if any. */
function findHit(text: string, zh: readonly string[], en: RegExp | undefined): Hit | undefined {
  let best: Hit | undefined;
  for (const term of zh) {
    const index = text.indexOf(term);
    if (index !== -1 && (best === undefined || index < best.index)) best = { term, index };
  }
  const match = en?.exec(text);
  if (match && (best === undefined || match.index < best.index)) best = { term: match[0], index: match.index };
  return best;
}

// ── quantity multipliers ───────────────────────────────────────────────────────────────────

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Multiplier forms, as data. Each has one capture group: the count. Tried in this order. */
const QUANTITY_PATTERNS: readonly RegExp[] = [
  // "2瓶装", "两支装", "3盒装": pack of N containers. (片/张/粒 装 are net content, not packs.)
  /(\d{1,3}|[一二两三四五六七八九十])\s*(?:瓶|支|盒|罐|袋|包|件|只|条|块|桶|听|双|管)\s*装/,
  // "3 pack", "3-pack", "6pk", "2 bottles", "4 bars"
  /(?<![a-z0-9.])(\d{1,3})\s*-?\s*(?:pack|pk|bottle|jar|tube|box|boxe|can|bar)s?(?![a-z])/,
  // "pack of 3", "set of 2", "case of 6"
  /(?:pack|set|box|case) of (\d{1,3})(?![\d.])/,
  // "x3", "×3", "*3" not attached to a net content (those are consumed by the net-content scan)
  /(?<![a-z0-9.])[x×*]\s*(\d{1,3})(?![\d.])/,
  // "3 x lancome ...", "2× serum"
  /(?<![a-z0-9.])(\d{1,3})\s*[x×*]\s+(?=[a-z\u4e00-\u9fff])/,
];

function findQuantity(text: string): { quantity: number; matched: string } | undefined {
  for (const pattern of QUANTITY_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const raw = match[1]!;
    const quantity = CHINESE_NUMERALS[raw] ?? Number(raw);
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY) {
      return { quantity, matched: match[0].trim() };
    }
  }
  return undefined;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const formatContent = (content: NetContent) => `${content.value} ${content.unit === 'piece' ? 'pieces' : content.unit}`;

// ── the classifier ─────────────────────────────────────────────────────────────────────────

interface ClassScore {
  taxClass: TaxClassId;
  score: number;
  lastIndex: number;
  order: number;
}

export function classifyTitle(title: string): TitleClassification {
  const text = normaliseTitle(title);
  const evidence: string[] = [];
  const scores = new Map<TaxClassId, ClassScore>();
  const matchedLines: Array<{ taxClass: TaxClassId; line: string }> = [];

  COMPILED_RULES.forEach((compiled, order) => {
    const hit = findHit(text, compiled.zh, compiled.en);
    if (!hit) return;
    const veto = findHit(text, compiled.unlessZh, compiled.unlessEn);
    const { taxClass, id, weight } = compiled.rule;
    if (veto) {
      evidence.push(`"${veto.term}" vetoes rule ${id} (matched "${hit.term}" → ${taxClass})`);
      return;
    }
    matchedLines.push({ taxClass, line: `matched "${hit.term}" → ${taxClass} (rule ${id}, weight ${weight})` });
    const current = scores.get(taxClass) ?? { taxClass, score: 0, lastIndex: -1, order };
    current.score += weight;
    current.lastIndex = Math.max(current.lastIndex, hit.index);
    scores.set(taxClass, current);
  });

  const ranked = [...scores.values()].toSorted(
    (a, b) => b.score - a.score || b.lastIndex - a.lastIndex || a.order - b.order,
  );
  const winner = ranked[0];
  const runnerUp = ranked[1];
  let taxClass: TaxClassId = 'general';
  let confidence: 'high' | 'low' = 'low';

  if (winner === undefined) {
    evidence.unshift('no rule matched → general (the residual class)');
  } else {
    taxClass = winner.taxClass;
    const margin = runnerUp === undefined ? Infinity : winner.score - runnerUp.score;
    confidence = winner.score >= HIGH_CONFIDENCE_SCORE && margin >= HIGH_CONFIDENCE_MARGIN ? 'high' : 'low';
    // Winner's reasons first, then the others, then vetoes (already in `evidence`).
    const own = matchedLines.filter((m) => m.taxClass === taxClass).map((m) => m.line);
    const others = matchedLines.filter((m) => m.taxClass !== taxClass).map((m) => `also ${m.line}`);
    const summary =
      runnerUp === undefined
        ? `decided ${taxClass} (score ${winner.score})`
        : margin === 0
          ? `decided ${taxClass} over ${runnerUp.taxClass} on a tie (score ${winner.score}): its match comes later in the title`
          : `decided ${taxClass} (score ${winner.score}) over ${runnerUp.taxClass} (score ${runnerUp.score})`;
    evidence.unshift(...own, ...others, summary);
  }

  const result: TitleClassification = { taxClass, evidence, confidence };
  addQuantities(text, result);
  return result;
}

/** Reads net content and quantity from the normalised title into the result, with evidence. */
function addQuantities(text: string, result: TitleClassification): void {
  const candidates = [...scanNetContents(text)];
  const chosen = chooseNetContent(candidates);
  // Blank out net-content spans so their "×2" is not read a second time as a pack multiplier.
  let rest = text;
  for (const candidate of candidates) {
    rest = rest.slice(0, candidate.index) + ' '.repeat(candidate.length) + rest.slice(candidate.index + candidate.length);
  }
  const pack = findQuantity(rest);

  if (chosen.ok) {
    const parsed = chosen.value;
    result.unitNetContent = { ...parsed.perUnit };
    result.evidence.push(`net content "${parsed.matched}" → ${formatContent(parsed.perUnit)}${parsed.units > 1 ? ` × ${parsed.units}` : ''}`);
    if (candidates.length > 1) result.evidence.push(`${candidates.length - 1} other net-content expression(s) ignored`);
    if (parsed.matched.endsWith('oz') && parsed.unit === 'g') {
      result.evidence.push('"oz" read as a weight ounce (28.35 g); a liquid labelled "fl oz" would be 29.57 ml');
    }
    if (parsed.units > 1) {
      result.quantity = parsed.units;
      result.netContent = { value: parsed.value, unit: parsed.unit };
      if (pack && pack.quantity !== parsed.units) {
        result.evidence.push(`quantity "${pack.matched}" not applied: the net content already names ${parsed.units} units`);
      }
    } else if (pack) {
      result.quantity = pack.quantity;
      result.netContent = { value: round3(parsed.perUnit.value * pack.quantity), unit: parsed.unit };
      result.evidence.push(`quantity "${pack.matched}" → ${pack.quantity} units; the listing holds ${formatContent(result.netContent)}`);
    } else {
      result.netContent = { value: parsed.value, unit: parsed.unit };
    }
  } else if (pack) {
    result.quantity = pack.quantity;
    result.evidence.push(`quantity "${pack.matched}" → ${pack.quantity} units (no net content found)`);
  }
}
