// REFERENCE ONLY (test oracle): shared/tax/consumption-tax.ts before the number fast path,
// used by ./compare-bigint.ts. Do not optimise this file.
import type { NetContent } from '../../../../shared/catalog/tax-classes.ts';
import {
  compareExact,
  dividedBy,
  exact,
  exactDecimal,
  exactToDecimalString,
  roundHalfUp,
  times,
  type Exact,
  type Fen,
} from '../../../../shared/money/index.ts';
import type { ConsumptionTaxTier, PolicyRowOf, SpecificDuty } from '../../../../shared/policy/index.ts';
import { TaxError } from '../../../../shared/tax/order.ts';
import type { TierChoice, UnitPrice } from '../../../../shared/tax/index.ts';

function unitPriceOf(dutiable: Exact, units: Exact, unit: UnitPrice['unit']): { exact: Exact; display: UnitPrice } {
  const per = dividedBy(dutiable, units);
  return {
    exact: per,
    display: {
      fenPerUnit: roundHalfUp(per),
      yuanPerUnit: exactToDecimalString(dividedBy(per, exact(100)), 4),
      unit,
    },
  };
}

/** Tonnes in `quantity` articles of `content` (ml converted by litres per tonne, g by 10^6). */
export function tonnesOf(content: NetContent, quantity: number, litresPerTonne: number, field: string): Exact {
  if (content.unit === 'piece') {
    throw new TaxError('net-content-unit', field, 'a per-tonne duty needs the net content in ml or g, not pieces');
  }
  const total = times(exactDecimal(content.value), exact(quantity));
  const perTonne = content.unit === 'g' ? exact(1_000_000) : times(exactDecimal(litresPerTonne), exact(1_000));
  return dividedBy(total, perTonne);
}

/** How many "per" blocks of the specific duty the item holds (e.g. 1.5 for 750 ml at 0.5 CNY per 500 ml). */
export function specificUnits(specific: SpecificDuty, content: NetContent | undefined, quantity: number, field: string): Exact {
  if (!content) throw new TaxError('net-content-required', field, 'this item carries a specific duty: give netContent in ml or g');
  if (specific.unit === 'tonne') {
    return dividedBy(tonnesOf(content, quantity, specific.litresPerTonne!, field), exactDecimal(specific.per));
  }
  // Rule change (issue: spirits' duty is 1 CNY/kg, litres at 0.912 kg): the per-kg unit.
  if (specific.unit === 'kg') {
    if (content.unit === 'piece') {
      throw new TaxError('net-content-unit', field, 'this duty is per kg (litres converted at the customs rate); the net content must be ml or g');
    }
    const total = times(exactDecimal(content.value), exact(quantity));
    const kg = dividedBy(content.unit === 'g' ? total : times(total, exactDecimal(specific.kgPerLitre!)), exact(1_000));
    return dividedBy(kg, exactDecimal(specific.per));
  }
  if (content.unit === 'piece') {
    throw new TaxError('net-content-unit', field, 'this duty is per 500 ml or 500 g; the net content must be ml or g');
  }
  return dividedBy(times(exactDecimal(content.value), exact(quantity)), exactDecimal(specific.per));
}

/** Picks the highest tier whose threshold the item's unit price reaches (thresholds are inclusive: "及以上"). */
export function chooseTier(
  row: PolicyRowOf<'consumption-tax'>,
  dutiableFen: Fen,
  quantity: number,
  content: NetContent | undefined,
  field: string,
  cnyPerUsd?: number,
): TierChoice {
  const tiers = row.tiers;
  const first = tiers[0]!;
  const dutiable = exact(dutiableFen);
  // Rule change (issue 11: imported beer is class A from 370 USD per tonne): a threshold in US cents
  // is cnyPerUsd fen per cent; without a rate the higher tier is assumed.
  const inDollars = tiers.some((t) => t.atLeastUsdCents !== undefined);
  const limit = (t: ConsumptionTaxTier): Exact =>
    t.atLeastUsdCents === undefined ? exact(t.atLeastFen!) : times(exact(t.atLeastUsdCents), exactDecimal(cnyPerUsd!));
  const usd = (t: ConsumptionTaxTier) => (t.atLeastUsdCents === undefined ? undefined : { cents: t.atLeastUsdCents, cnyPerUsd: cnyPerUsd! });
  const rateUnknown = (): TierChoice => ({
    tier: tiers.at(-1)!,
    assumption: `customs exchange rate unknown: assumed ${tiers.at(-1)!.name} (the higher tax); give customsUsdRate (CNY per USD) to decide`,
    assumptionReason: 'exchange-rate-unknown',
  });
  switch (row.measure) {
    case 'flat':
      return { tier: first };
    case 'unit-price': {
      if (inDollars && cnyPerUsd === undefined) return rateUnknown();
      const { exact: per, display } = unitPriceOf(dutiable, exact(quantity), 'article');
      return pick(tiers, display, (t) => compareExact(per, limit(t)) >= 0, (t) => roundHalfUp(limit(t)), usd);
    }
    case 'price-per-tonne': {
      const litres = tiers.find((t) => t.specific?.litresPerTonne)?.specific?.litresPerTonne ?? 1_000;
      if (!content) throw new TaxError('net-content-required', field, `${row.item} is taxed per tonne: give netContent in ml or g`);
      const tonnes = tonnesOf(content, quantity, litres, field);
      if (inDollars && cnyPerUsd === undefined) return rateUnknown();
      const { exact: per, display } = unitPriceOf(dutiable, tonnes, 'tonne');
      return pick(tiers, display, (t) => compareExact(per, limit(t)) >= 0, (t) => roundHalfUp(limit(t)), usd);
    }
    case 'price-per-net-content': {
      if (!content) {
        return {
          tier: tiers.at(-1)!,
          assumption: `net content unknown: assumed ${tiers.at(-1)!.name} (the higher tax); give netContent to decide`,
          assumptionReason: 'net-content-unknown',
        };
      }
      const units = times(exactDecimal(content.value), exact(quantity));
      const { exact: per, display } = unitPriceOf(dutiable, units, content.unit);
      return pick(
        tiers,
        display,
        (t) => compareExact(per, exact(t.atLeastFenPer![content.unit])) >= 0,
        (t) => t.atLeastFenPer![content.unit],
      );
    }
  }
}

function pick(
  tiers: readonly ConsumptionTaxTier[],
  display: UnitPrice,
  meets: (tier: ConsumptionTaxTier) => boolean,
  threshold: (tier: ConsumptionTaxTier) => Fen,
  usd: (tier: ConsumptionTaxTier) => UnitPrice['thresholdUsd'] = () => undefined,
): TierChoice {
  let chosen = tiers[0]!;
  for (const tier of tiers.slice(1)) if (meets(tier)) chosen = tier;
  const index = tiers.indexOf(chosen);
  // Report the threshold that was met, or the next one up when none was.
  const reference = index > 0 ? chosen : tiers[1];
  return {
    tier: chosen,
    unitPrice: reference
      ? { ...display, thresholdFen: threshold(reference), meetsThreshold: index > 0, ...(usd(reference) ? { thresholdUsd: usd(reference) } : {}) }
      : display,
  };
}
