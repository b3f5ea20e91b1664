// Which consumption-tax tier applies to an item, and how many units a specific duty is charged on.
// The tier is chosen on the item's 完税价格 per statutory unit (财税〔2016〕103号 for cosmetics:
// per ml, g or piece; 财税〔2006〕33号 for watches: per article; beer: per tonne).
// Each figure is computed on numbers while that is exact (shared/money/exact-number.ts) and over
// BigInt fractions otherwise; both give the same tier and the same unit price.
import type { NetContent } from '../catalog/tax-classes.ts';
import {
  compareExact,
  decimalFraction,
  dividedBy,
  exact,
  exactDecimal,
  exactToDecimalString,
  productAtLeast,
  quotientHalfUp,
  roundHalfUp,
  scaledToDecimalString,
  times,
  type Exact,
  type Fen,
} from '../money/index.ts';
import type { ConsumptionTaxTier, PolicyRowOf, SpecificDuty } from '../policy/index.ts';
import { TaxError } from './order.ts';

export interface UnitPrice {
  /** The price per unit, rounded half up to the fen (for display; the comparison is exact). */
  fenPerUnit: Fen;
  /** The same in yuan with four decimals, e.g. "21.2500". */
  yuanPerUnit: string;
  unit: 'ml' | 'g' | 'piece' | 'article' | 'tonne';
  /** The threshold of the tier above the one that applies, or of the tier that applies (rounded half up when converted from dollars). */
  thresholdFen?: Fen;
  meetsThreshold?: boolean;
  /** Set when the law gives the threshold in dollars: the cents and the customs rate it was converted at. */
  thresholdUsd?: { cents: number; cnyPerUsd: number };
}

export interface TierChoice {
  tier: ConsumptionTaxTier;
  unitPrice?: UnitPrice;
  /** Set when the choice rests on an assumption: the higher tier, because what decides was not given. */
  assumption?: string;
  /** What was missing: the net content, or the customs exchange rate for a threshold in dollars. */
  assumptionReason?: 'net-content-unknown' | 'exchange-rate-unknown';
}

/**
 * A tier's threshold in fen, exact (a dollar threshold × the rate is a fraction), and as numbers
 * [numerator, denominator] when both are safe integers.
 */
type Threshold = (tier: ConsumptionTaxTier) => { exact: Exact; numbers: NumberFraction | undefined };

const fenThreshold = (fen: Fen): ReturnType<Threshold> => ({ exact: exact(fen), numbers: [fen, 1] });

/** A non-negative fraction as [numerator, denominator] numbers, exact while both are safe integers. */
export type NumberFraction = readonly [numerator: number, denominator: number];

function checkTonneContent(content: NetContent, field: string): void {
  if (content.unit === 'piece') {
    throw new TaxError('net-content-unit', field, 'a per-tonne duty needs the net content in ml or g, not pieces');
  }
}

/** Tonnes in `quantity` articles of `content` (ml converted by litres per tonne, g by 10^6). */
export function tonnesOf(content: NetContent, quantity: number, litresPerTonne: number, field: string): Exact {
  checkTonneContent(content, field);
  const total = times(exactDecimal(content.value), exact(quantity));
  const perTonne = content.unit === 'g' ? exact(1_000_000) : times(exactDecimal(litresPerTonne), exact(1_000));
  return dividedBy(total, perTonne);
}

/** tonnesOf as numbers; undefined when a part is not exactly representable (then use tonnesOf). */
function tonnesFraction(content: NetContent, quantity: number, litresPerTonne: number, field: string): NumberFraction | undefined {
  checkTonneContent(content, field);
  const value = decimalFraction(content.value);
  const litres = content.unit === 'g' ? undefined : decimalFraction(litresPerTonne);
  if (!value || (content.unit !== 'g' && !litres)) return undefined;
  // value × quantity ÷ 10^6 g, or ÷ (litres per tonne × 1000 ml)
  return litres
    ? [value[0] * quantity * litres[1], value[1] * litres[0] * 1_000]
    : [value[0] * quantity, value[1] * 1_000_000];
}

function checkSpecificContent(specific: SpecificDuty, content: NetContent | undefined, field: string): asserts content is NetContent {
  if (!content) throw new TaxError('net-content-required', field, 'this item carries a specific duty: give netContent in ml or g');
  if (specific.unit === 'ml-or-g' && content.unit === 'piece') {
    throw new TaxError('net-content-unit', field, 'this duty is per 500 ml or 500 g; the net content must be ml or g');
  }
  if (specific.unit === 'kg' && content.unit === 'piece') {
    throw new TaxError('net-content-unit', field, 'this duty is per kg (litres converted at the customs rate); the net content must be ml or g');
  }
}

/** Kilograms in `quantity` articles of `content` (g ÷ 1000; ml × kg per litre ÷ 1000). */
export function kilogramsOf(content: NetContent, quantity: number, kgPerLitre: number): Exact {
  const total = times(exactDecimal(content.value), exact(quantity));
  return dividedBy(content.unit === 'g' ? total : times(total, exactDecimal(kgPerLitre)), exact(1_000));
}

/** kilogramsOf as numbers, or undefined when a part is not exactly representable. */
function kilogramsFraction(content: NetContent, quantity: number, kgPerLitre: number): NumberFraction | undefined {
  const value = decimalFraction(content.value);
  const kg = content.unit === 'g' ? ([1, 1] as const) : decimalFraction(kgPerLitre);
  if (!value || !kg) return undefined;
  return [value[0] * quantity * kg[0], value[1] * kg[1] * 1_000];
}

/** How many "per" blocks of the specific duty the item holds (e.g. 1.5 for 750 ml at 0.5 CNY per 500 ml). */
export function specificUnits(specific: SpecificDuty, content: NetContent | undefined, quantity: number, field: string): Exact {
  checkSpecificContent(specific, content, field);
  if (specific.unit === 'tonne') {
    return dividedBy(tonnesOf(content, quantity, specific.litresPerTonne!, field), exactDecimal(specific.per));
  }
  if (specific.unit === 'kg') return dividedBy(kilogramsOf(content, quantity, specific.kgPerLitre!), exactDecimal(specific.per));
  return dividedBy(times(exactDecimal(content.value), exact(quantity)), exactDecimal(specific.per));
}

/**
 * specificUnits as numbers, after the same checks (and the same TaxErrors); undefined when a part
 * is not exactly representable, and then specificUnits gives the value.
 */
export function specificUnitsFraction(specific: SpecificDuty, content: NetContent | undefined, quantity: number, field: string): NumberFraction | undefined {
  checkSpecificContent(specific, content, field);
  const per = decimalFraction(specific.per);
  const amount =
    specific.unit === 'tonne'
      ? tonnesFraction(content, quantity, specific.litresPerTonne!, field)
      : specific.unit === 'kg'
        ? kilogramsFraction(content, quantity, specific.kgPerLitre!)
        : contentFraction(content, quantity);
  // amount ÷ per
  return per && amount ? [amount[0] * per[1], amount[1] * per[0]] : undefined;
}

/** quantity × net content (ml, g or pieces) as numbers, or undefined. */
function contentFraction(content: NetContent, quantity: number): NumberFraction | undefined {
  const value = decimalFraction(content.value);
  return value ? [value[0] * quantity, value[1]] : undefined;
}

/**
 * Picks the highest tier whose threshold the item's unit price reaches (thresholds are inclusive: "及以上").
 * `cnyPerUsd` is the customs exchange rate, needed only by a tier whose threshold is in dollars.
 */
export function chooseTier(
  row: PolicyRowOf<'consumption-tax'>,
  dutiableFen: Fen,
  quantity: number,
  content: NetContent | undefined,
  field: string,
  cnyPerUsd?: number,
): TierChoice {
  const tiers = row.tiers;
  switch (row.measure) {
    case 'flat':
      return { tier: tiers[0]! };
    case 'unit-price': {
      const threshold = thresholdOf(tiers, cnyPerUsd);
      if (!threshold) return rateUnknown(tiers);
      return byUnitPrice(tiers, dutiableFen, [quantity, 1], () => exact(quantity), 'article', threshold, cnyPerUsd, field);
    }
    case 'price-per-tonne': {
      const litres = tiers.find((t) => t.specific?.litresPerTonne)?.specific?.litresPerTonne ?? 1_000;
      if (!content) throw new TaxError('net-content-required', field, `${row.item} is taxed per tonne: give netContent in ml or g`);
      const tonnes = tonnesFraction(content, quantity, litres, field);
      const threshold = thresholdOf(tiers, cnyPerUsd);
      if (!threshold) return rateUnknown(tiers);
      return byUnitPrice(tiers, dutiableFen, tonnes, () => tonnesOf(content, quantity, litres, field), 'tonne', threshold, cnyPerUsd, field);
    }
    case 'price-per-net-content': {
      if (!content) {
        return {
          tier: tiers.at(-1)!,
          assumption: `net content unknown: assumed ${tiers.at(-1)!.name} (the higher tax); give netContent to decide`,
          assumptionReason: 'net-content-unknown',
        };
      }
      const units = contentFraction(content, quantity);
      const unit = content.unit;
      const perUnit: Threshold = (t) => fenThreshold(t.atLeastFenPer![unit]);
      return byUnitPrice(tiers, dutiableFen, units, () => times(exactDecimal(content.value), exact(quantity)), unit, perUnit, undefined, field);
    }
  }
}

/**
 * Each tier's threshold in fen: atLeastFen as it is, atLeastUsdCents × the customs rate (a US cent
 * is `cnyPerUsd` fen). Undefined when a tier is in dollars and no rate was given.
 */
function thresholdOf(tiers: readonly ConsumptionTaxTier[], cnyPerUsd: number | undefined): Threshold | undefined {
  const inDollars = tiers.some((t) => t.atLeastUsdCents !== undefined);
  if (!inDollars) return (t) => fenThreshold(t.atLeastFen!);
  const rate = cnyPerUsd === undefined ? undefined : decimalFraction(cnyPerUsd);
  if (!rate) return undefined;
  const [rn, rd] = rate;
  return (t) => {
    if (t.atLeastUsdCents === undefined) return fenThreshold(t.atLeastFen!);
    const numerator = t.atLeastUsdCents * rn;
    return { exact: times(exact(t.atLeastUsdCents), exact(rn, rd)), numbers: Number.isSafeInteger(numerator) ? [numerator, rd] : undefined };
  };
}

function rateUnknown(tiers: readonly ConsumptionTaxTier[]): TierChoice {
  return {
    tier: tiers.at(-1)!,
    assumption: `customs exchange rate unknown: assumed ${tiers.at(-1)!.name} (the higher tax); give customsUsdRate (CNY per USD) to decide`,
    assumptionReason: 'exchange-rate-unknown',
  };
}

/**
 * The tier for a price of dutiableFen ÷ units per unit: on numbers when `units` is given and every
 * product stays exact, otherwise over the BigInt fraction `exactUnits()`.
 */
function byUnitPrice(
  tiers: readonly ConsumptionTaxTier[],
  dutiableFen: Fen,
  units: NumberFraction | undefined,
  exactUnits: () => Exact,
  unit: UnitPrice['unit'],
  threshold: Threshold,
  cnyPerUsd: number | undefined,
  field: string,
): TierChoice {
  if (units) {
    // price per unit = dutiable × d ÷ n reaches a threshold tn ÷ td when dutiable × d × td ≥ tn × n.
    const [n, d] = units;
    let chosen: number | undefined = 0;
    for (let i = 1; i < tiers.length && chosen !== undefined; i++) {
      const pair = threshold(tiers[i]!).numbers;
      const meets = pair && Number.isSafeInteger(d * pair[1]) ? productAtLeast(dutiableFen, d * pair[1], pair[0], n) : undefined;
      chosen = meets === undefined ? undefined : meets ? i : chosen;
    }
    const fenPerUnit = quotientHalfUp(dutiableFen * d, n);
    const hundredthsOfFen = quotientHalfUp(dutiableFen * d * 100, n);
    if (chosen !== undefined && fenPerUnit !== undefined && hundredthsOfFen !== undefined) {
      return choice(tiers, chosen, { fenPerUnit, yuanPerUnit: scaledToDecimalString(hundredthsOfFen, 4), unit }, threshold, cnyPerUsd);
    }
  }
  const per = dividedBy(exact(dutiableFen), exactUnits());
  // A price per unit beyond 2^53 fen (a net content far below any real goods, e.g. 1e-300 ml) has
  // no meaningful figure to show: the order is wrong, not the arithmetic.
  if (compareExact(per, exact(Number.MAX_SAFE_INTEGER)) > 0) {
    throw new TaxError('invalid-order', field, 'the price per unit is beyond any real goods: check the net content and the price');
  }
  let chosen = 0;
  tiers.forEach((tier, i) => {
    if (i > 0 && compareExact(per, threshold(tier).exact) >= 0) chosen = i;
  });
  const display = { fenPerUnit: roundHalfUp(per), yuanPerUnit: exactToDecimalString(dividedBy(per, exact(100)), 4), unit };
  return choice(tiers, chosen, display, threshold, cnyPerUsd);
}

function choice(
  tiers: readonly ConsumptionTaxTier[],
  index: number,
  display: UnitPrice,
  threshold: Threshold,
  cnyPerUsd: number | undefined,
): TierChoice {
  // Report the threshold that was met, or the next one up when none was.
  const reference = index > 0 ? tiers[index]! : tiers[1];
  if (!reference) return { tier: tiers[index]!, unitPrice: display };
  const { exact: limit, numbers } = threshold(reference);
  const thresholdFen = (numbers && quotientHalfUp(numbers[0], numbers[1])) ?? roundHalfUp(limit);
  const usd = reference.atLeastUsdCents !== undefined && cnyPerUsd !== undefined ? { thresholdUsd: { cents: reference.atLeastUsdCents, cnyPerUsd } } : {};
  return {
    tier: tiers[index]!,
    unitPrice: { fenPerUnit: display.fenPerUnit, yuanPerUnit: display.yuanPerUnit, unit: display.unit, thresholdFen, meetsThreshold: index > 0, ...usd },
  };
}
