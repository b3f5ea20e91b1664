// The screening engine: pure, synchronous, one order in, one decision out. All keyed state goes
// through a ScreenState (state.ts: per orderer, this year's totals and recent SKU purchases; per
// recipient address and phone, the identities seen in the window), so memory follows the number of
// active orderers and recipients, never the length of the stream, and the same records can be kept
// in a snapshot file or in Redis (keyed.ts). No clock, no I/O: the order's own time drives every
// window, so replaying a stream gives the same decisions.
import { AddressWatchlist, normaliseAddress } from './address.ts';
import { DAY_MS, shanghaiYear } from './calendar.ts';
import { CHINA_UTC_OFFSET_MS } from '../policy/dates.ts';
import { quotaLimitsAt, type QuotaLimits, type QuotaLimitsAt } from './limits.ts';
import type { ValidOrder } from './order.ts';
import type { PositiveList } from '../catalog/index.ts';
import { PRODUCT_CLASSES, classifyItem, listCapFor, unitContent, type ListCap } from './product-classes.ts';
import { DEFAULT_CONFIG, RULES, RULE_IDS, type Decision, type RuleId, type ScreenConfig } from './rules.ts';
import { createScreenState, type IdentityWindow, type OrdererState, type ScreenState, type YearTotals } from './state.ts';

export interface ScreenResult {
  orderId: string;
  decision: Decision;
  /** Rule ids that fired, in the order of RULE_IDS. */
  reasons: RuleId[];
}

export interface ScreenerOptions {
  config?: ScreenConfig;
  /** Quota limits by date; defaults to the policy look-up. */
  limitsAt?: QuotaLimitsAt;
  /**
   * Run only these rules: one partition of the rule set (orderer-keyed rules in one keyed stage,
   * recipient-keyed in another; see README). Default: every enabled rule.
   */
  only?: readonly RuleId[];
  /**
   * The positive list whose remarks cap yearly quantities; default: shared/catalog's bundled
   * (partial) list. Load the full official list with loadPositiveListCsv.
   */
  positiveList?: PositiveList;
  /** Where the keyed state lives; default: a fresh in-memory state. */
  state?: ScreenState;
  /**
   * Sweep expired state every 65,536 orders (default true). The keyed stages turn it off: their
   * state holds one batch's keys, and pruning those against a process-wide clock would differ
   * from one run.
   */
  sweep?: boolean;
  /**
   * Checks against records beside the order stream (price filings, payment and logistics
   * records): each names the rules it may fire, which the config still switches on and off.
   */
  checks?: readonly ScreenCheck[];
}

/** A rule set evaluated against data loaded beside the orders (price-filing.ts, three-records.ts). */
export interface ScreenCheck {
  check(order: ValidOrder, fire: (rule: RuleId) => void): void;
}

export interface Screener {
  screen(order: ValidOrder): ScreenResult;
  /** How many keys the state holds, to show that memory follows them and not the stream. */
  stateSize(): { orderers: number; recipients: number };
  /** The keyed state this screener reads and writes (for a snapshot). */
  readonly state: ScreenState;
}

/** Per address or phone, more identities than this are not stored: the rule has fired anyway. */
const MAX_IDS_PER_RECIPIENT = 64;
/** Per orderer and SKU, the purchases still inside the rule's time window */
const MAX_PURCHASES_PER_SKU = 256;
/** Entries per classification cache before it starts over. */
const CACHE_ENTRIES = 100_000;
/** Orders between sweeps of expired state. */
const SWEEP_EVERY = 1 << 16;
const SEVERITY_RANK: Record<Decision, number> = { pass: 0, review: 1, block: 2 };

export function createScreener(options: ScreenerOptions = {}): Screener {
  const config = options.config ?? DEFAULT_CONFIG;
  const limitsAt = options.limitsAt ?? quotaLimitsAt;
  const only = options.only ? new Set(options.only) : undefined;
  const on = (id: RuleId) => config.rules[id].enabled && (!only || only.has(id));

  const enabled = {
    payer: on('orderer-payer-mismatch'),
    orderLimit: on('order-limit-exceeded'),
    singleItem: on('single-item-over-order-limit'),
    annual: on('annual-limit-exceeded'),
    recipients: on('recipient-many-identities'),
    listCap: on('positive-list-quantity-cap'),
    personalUse: on('personal-use-quantity'),
    underDeclared: on('under-declared-value'),
    resale: on('resale-repeat-sku'),
    watchlist: on('watchlist-address'),
  };
  const t = {
    recipients: config.rules['recipient-many-identities'].thresholds,
    minDeclaredPercent: config.rules['under-declared-value'].thresholds.minDeclaredPercent,
    resale: config.rules['resale-repeat-sku'].thresholds,
  };
  const recipientWindowMs = t.recipients.windowDays * DAY_MS;
  const resaleWindowMs = t.resale.windowDays * DAY_MS;

  // Per-class caps, indexed like PRODUCT_CLASSES; Infinity where a rule does not cap the class.
  const classCount = PRODUCT_CLASSES.length;
  const personalCaps = PRODUCT_CLASSES.map((pc) => config.rules['personal-use-quantity'].thresholds.classes[pc.id]);
  const personalCapsInGrams = personalCaps.some((cap) => cap?.unit === 'g');
  const countClasses = enabled.listCap || enabled.personalUse;
  const needOrdererTotals = enabled.annual || countClasses;

  const severity = Object.fromEntries(RULE_IDS.map((id) => [id, config.rules[id].severity])) as Record<
    RuleId,
    'review' | 'block'
  >;
  const watchlist = new AddressWatchlist(config.watchlist);
  const needAddress = enabled.watchlist && watchlist.size > 0;
  const needNormalisedAddress = needAddress || (enabled.recipients && t.recipients.byAddress);

  const state = options.state ?? createScreenState();
  const { orderers, addresses: byAddress, phones: byPhone, clock } = state;
  const sweepEvery = options.sweep === false ? Infinity : SWEEP_EVERY;
  // Classification and title weights, cached: a catalogue has far fewer SKUs than orders.
  const classByHs = new Map<string, number>();
  const classByTitle = new Map<string, number>();
  const contentByTitle = new Map<string, number | undefined>();
  // The class follows from the tariff code, so a code alone keys its cap; items without a code
  // are keyed by class.
  const capByHs = new Map<string, ListCap | null>();
  const capByClass: (ListCap | null | undefined)[] = [];

  // Limits change on dates; cache the answer per Shanghai day (a handful of days per stream).
  let limitsDay = Number.NaN;
  let limitsCached: QuotaLimits | undefined;
  const limitsFor = (ms: number): QuotaLimits | undefined => {
    const day = Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS);
    if (day !== limitsDay) {
      limitsDay = day;
      limitsCached = limitsAt(ms);
    }
    return limitsCached;
  };
  // Year boundaries of the last year seen, so most orders skip the Date arithmetic.
  let yearFrom = 0;
  let yearTo = -1;
  let yearCached = 0;
  const yearOf = (ms: number): number => {
    if (ms >= yearFrom && ms < yearTo) return yearCached;
    yearCached = shanghaiYear(ms);
    yearFrom = Date.UTC(yearCached, 0, 1) - CHINA_UTC_OFFSET_MS;
    yearTo = Date.UTC(yearCached + 1, 0, 1) - CHINA_UTC_OFFSET_MS;
    return yearCached;
  };

  const classOf = (name: string, hsCode: string | undefined): number => {
    const cache = hsCode === undefined ? classByTitle : classByHs;
    const key = hsCode ?? name;
    let c = cache.get(key);
    if (c === undefined) {
      c = classifyItem({ name, hsCode });
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(key, c);
    }
    return c;
  };
  const contentOf = (item: ValidOrder['items'][number], unit: 'g' | 'ml'): number | undefined => {
    if (unit === 'g' && item.netWeightGrams !== undefined) return item.netWeightGrams;
    const key = `${unit}\u0000${item.name}`;
    if (contentByTitle.has(key)) return contentByTitle.get(key);
    const content = unitContent({ name: item.name }, unit);
    if (contentByTitle.size >= CACHE_ENTRIES) contentByTitle.clear();
    contentByTitle.set(key, content);
    return content;
  };
  const capOf = (item: ValidOrder['items'][number], classIndex: number): ListCap | undefined => {
    if (item.hsCode === undefined) {
      if (classIndex < 0) return undefined;
      let cap = capByClass[classIndex];
      if (cap === undefined) capByClass[classIndex] = cap = listCapFor(item, classIndex, options.positiveList) ?? null;
      return cap ?? undefined;
    }
    let cap = capByHs.get(item.hsCode);
    if (cap === undefined) {
      cap = listCapFor(item, classIndex, options.positiveList) ?? null;
      if (capByHs.size >= CACHE_ENTRIES) capByHs.clear();
      capByHs.set(item.hsCode, cap);
    }
    return cap ?? undefined;
  };

  const zeros = () => Array.from({ length: classCount }, () => 0);


  // Scratch arrays for one order's per-class amounts (reused: no allocation per order).
  const orderGrams = Array.from({ length: classCount }, () => 0);
  const orderUnits = Array.from({ length: classCount }, () => 0);
  const touched: number[] = [];

  /** Records `id` at `key` and returns how many distinct identities the window holds. */
  const countIdentities = (map: Map<string, IdentityWindow>, key: string, id: string, ms: number): number => {
    const w = map.get(key);
    if (!w) {
      map.set(key, [id, ms]);
      return 1;
    }
    const from = ms - recipientWindowMs;
    let count = 0;
    let seen = false;
    for (let i = 0; i < w.length; i += 2) {
      if (w[i] === id) {
        if (ms > (w[i + 1] as number)) w[i + 1] = ms;
        seen = true;
      }
      if ((w[i + 1] as number) >= from) count++;
    }
    if (!seen) {
      if (w.length >= 2 * MAX_IDS_PER_RECIPIENT) {
        // Saturated: drop the oldest; the count is already far over any sensible threshold.
        let oldest = 0;
        for (let i = 2; i < w.length; i += 2) if ((w[i + 1] as number) < (w[oldest + 1] as number)) oldest = i;
        w.splice(oldest, 2);
      }
      w.push(id, ms);
      count++;
    }
    return count;
  };

  const sweep = () => {
    const maxMs = clock.newestMs;
    const recipientFrom = maxMs - recipientWindowMs;
    for (const map of [byAddress, byPhone]) {
      for (const [key, w] of map) {
        let keep = 0;
        for (let i = 0; i < w.length; i += 2) {
          if ((w[i + 1] as number) >= recipientFrom) {
            w[keep++] = w[i]!;
            w[keep++] = w[i + 1]!;
          }
        }
        if (keep === 0) map.delete(key);
        else w.length = keep;
      }
    }
    const oldestYear = shanghaiYear(maxMs) - 1;
    const resaleFrom = maxMs - resaleWindowMs;
    for (const [id, s] of orderers) {
      if (s.skus) {
        for (const [sku, w] of s.skus) if (!w.some((x, i) => i % 2 === 0 && x >= resaleFrom)) s.skus.delete(sku);
        if (s.skus.size === 0) s.skus = undefined;
      }
      if (s.current.year < oldestYear && !s.skus) orderers.delete(id);
    }
  };

  const checks = options.checks ?? [];
  let reasons: RuleId[] = [];
  const fire = (rule: RuleId) => {
    if (on(rule) && !reasons.includes(rule)) reasons.push(rule);
  };

  const screen = (order: ValidOrder): ScreenResult => {
    const ms = order.timeMs;
    if (ms > clock.newestMs) clock.newestMs = ms;
    if (++clock.sinceSweep >= sweepEvery) {
      clock.sinceSweep = 0;
      sweep();
    }
    reasons = [];
    let customsRefuses = false;
    const dutiable = order.paidFen;
    const ordererId = order.orderer.idHash;

    // Normalised once: both the identity count and the watch list key on it.
    const address = needNormalisedAddress ? normaliseAddress(order.recipient.address) : '';

    if (enabled.payer && order.payer.idHash !== ordererId) reasons.push('orderer-payer-mismatch');

    let orderer: OrdererState | undefined;
    let totals: YearTotals | undefined;
    if (needOrdererTotals || enabled.resale) {
      orderer = orderers.get(ordererId);
      if (!orderer) {
        orderer = { current: newTotals(yearOf(ms)), previous: undefined, skus: undefined };
        orderers.set(ordererId, orderer);
      }
      totals = totalsFor(orderer, yearOf(ms));
    }

    // The quota decision, in the order of shared/quota admitOrder (49号 §二, 18号 §三): the annual
    // limit first, then the per-order limit with its single-indivisible-item exception.
    if (enabled.orderLimit || enabled.singleItem || enabled.annual) {
      const limits = limitsFor(ms);
      if (limits) {
        const single = order.items.length === 1 && order.items[0]!.quantity === 1;
        const used = enabled.annual && totals ? totals.annualFen : 0;
        const overSingle = dutiable > limits.perOrderFen;
        // 49号: the single item may come in only while "低于26000元" (below the annual limit).
        const overAnnual = used + dutiable > limits.annualFen || (single && overSingle && dutiable >= limits.annualFen);
        if (overAnnual && enabled.annual) {
          reasons.push('annual-limit-exceeded');
          customsRefuses = true;
        }
        if (overSingle && !single && enabled.orderLimit) {
          reasons.push('order-limit-exceeded');
          customsRefuses = true;
        } else if (overSingle && single && !overAnnual && enabled.singleItem) {
          reasons.push('single-item-over-order-limit');
        }
      }
    }

    if (enabled.recipients) {
      let many = false;
      if (t.recipients.byAddress) {
        const n = countIdentities(byAddress, address, ordererId, ms);
        many = n > t.recipients.maxIdentities;
      }
      if (t.recipients.byPhone) {
        const n = countIdentities(byPhone, order.recipient.phoneHash, ordererId, ms);
        many ||= n > t.recipients.maxIdentities;
      }
      if (many) reasons.push('recipient-many-identities');
    }

    touched.length = 0;
    // This order's amounts per positive-list cap group (rare: allocated only when one applies).
    let capGroups: string[] | undefined;
    let capAmounts: number[] | undefined;
    if (countClasses && totals) {
      let overList = false;
      let overPersonal = false;
      for (const item of order.items) {
        const c = classOf(item.name, item.hsCode);
        const cap = enabled.listCap ? capOf(item, c) : undefined;
        if (cap) {
          const amount = cap.unit === 'piece' ? item.quantity : (contentOf(item, cap.unit) ?? 0) * item.quantity;
          capGroups ??= [];
          capAmounts ??= [];
          let g = capGroups.indexOf(cap.group);
          if (g < 0) {
            g = capGroups.push(cap.group) - 1;
            capAmounts.push(0);
          }
          capAmounts[g]! += amount;
          if ((totals.caps?.get(cap.group) ?? 0) + capAmounts[g]! > cap.limit) overList = true;
        }
        if (c < 0 || !enabled.personalUse) continue;
        if (orderUnits[c] === 0) touched.push(c);
        orderUnits[c]! += item.quantity;
        if (personalCapsInGrams) {
          const g = contentOf(item, 'g');
          if (g !== undefined) orderGrams[c]! += g * item.quantity;
        }
      }
      for (const c of touched) {
        const personalCap = personalCaps[c];
        if (!personalCap) continue;
        const amount = personalCap.unit === 'g' ? orderGrams[c]! + (totals.grams?.[c] ?? 0) : orderUnits[c]! + (totals.units?.[c] ?? 0);
        if (amount > personalCap.limit) overPersonal = true;
      }
      if (overList) {
        reasons.push('positive-list-quantity-cap');
        customsRefuses = true;
      }
      if (overPersonal) reasons.push('personal-use-quantity');
    }

    if (enabled.underDeclared && order.declaredValueFen * 100 < dutiable * t.minDeclaredPercent) {
      reasons.push('under-declared-value');
    }

    // An order customs would refuse (清单 status 100) is not a purchase: it uses no quota and
    // does not count toward yearly quantities or repeat buying.
    const counts = !customsRefuses;

    if (enabled.resale && orderer) {
      const from = ms - resaleWindowMs;
      let resale = false;
      const skus = (orderer.skus ??= new Map());
      forEachSku(order.items, (sku, units) => {
        const w = skus.get(sku);
        if (!w) {
          // First purchase of this SKU inside the time window
          if (1 >= t.resale.minOrders && units >= t.resale.minUnits) resale = true;
          if (counts) skus.set(sku, [ms, units]);
          return;
        }
        let orders = 1;
        let total = units;
        let keep = 0;
        for (let k = 0; k < w.length; k += 2) {
          if (w[k]! < from) continue;
          orders++;
          total += w[k + 1]!;
          w[keep++] = w[k]!;
          w[keep++] = w[k + 1]!;
        }
        w.length = keep;
        if (orders >= t.resale.minOrders && total >= t.resale.minUnits) resale = true;
        if (counts && w.length < 2 * MAX_PURCHASES_PER_SKU) w.push(ms, units);
      });
      if (resale) reasons.push('resale-repeat-sku');
    }

    if (needAddress && watchlist.matches(address)) {
      reasons.push('watchlist-address');
    }

    for (const c of checks) c.check(order, fire);

    if (counts && totals) {
      totals.annualFen += dutiable;
      if (capGroups && capAmounts) {
        const caps = (totals.caps ??= new Map());
        for (let g = 0; g < capGroups.length; g++) caps.set(capGroups[g]!, (caps.get(capGroups[g]!) ?? 0) + capAmounts[g]!);
      }
      if (touched.length > 0) {
        const grams = (totals.grams ??= zeros());
        const units = (totals.units ??= zeros());
        for (const c of touched) {
          grams[c]! += orderGrams[c]!;
          units[c]! += orderUnits[c]!;
        }
      }
    }
    for (const c of touched) {
      orderGrams[c] = 0;
      orderUnits[c] = 0;
    }

    let decision: Decision = 'pass';
    if (reasons.length > 1) reasons.sort((a, b) => RULE_ORDER[a] - RULE_ORDER[b]);
    for (const r of reasons) {
      const s = severity[r];
      if (SEVERITY_RANK[s] > SEVERITY_RANK[decision]) decision = s;
    }
    return { orderId: order.orderId, decision, reasons };
  };

  return {
    screen,
    stateSize: () => ({ orderers: orderers.size, recipients: byAddress.size + byPhone.size }),
    state,
  };
}

/** The orderer's totals for `year`; a throw-away record for orders more than a year late. */
function totalsFor(s: OrdererState, year: number): YearTotals {
  if (year === s.current.year) return s.current;
  if (year > s.current.year) {
    s.previous = year === s.current.year + 1 ? s.current : undefined;
    s.current = newTotals(year);
    return s.current;
  }
  if (s.previous?.year === year) return s.previous;
  return newTotals(year);
}

function newTotals(year: number): YearTotals {
  return { year, annualFen: 0, grams: undefined, units: undefined, caps: undefined };
}

/** Calls `fn` once per distinct SKU with its units summed over the order's lines. */
function forEachSku(items: ValidOrder['items'], fn: (sku: string, units: number) => void): void {
  if (items.length === 1) return fn(items[0]!.sku, items[0]!.quantity);
  if (items.length <= 16) {
    // Small orders (nearly all): a quadratic scan beats allocating a Map.
    for (let i = 0; i < items.length; i++) {
      const sku = items[i]!.sku;
      let units = items[i]!.quantity;
      let first = true;
      for (let j = 0; j < items.length; j++) {
        if (j === i || items[j]!.sku !== sku) continue;
        if (j < i) {
          first = false;
          break;
        }
        units += items[j]!.quantity;
      }
      if (first) fn(sku, units);
    }
    return;
  }
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.quantity);
  for (const [sku, units] of totals) fn(sku, units);
}

const RULE_ORDER = Object.fromEntries(RULE_IDS.map((id, i) => [id, i])) as Record<RuleId, number>;

/**
 * Combines the results of partitions that screened the same order (for example an orderer-keyed
 * stage and a recipient-keyed stage): the union of reasons and the most severe decision.
 */
export function mergeResults(a: ScreenResult, b: ScreenResult): ScreenResult {
  if (a.orderId !== b.orderId) throw new RangeError(`cannot merge results of ${a.orderId} and ${b.orderId}`);
  const reasons = [...new Set([...a.reasons, ...b.reasons])].toSorted((x, y) => RULE_ORDER[x] - RULE_ORDER[y]);
  const decision = SEVERITY_RANK[a.decision] >= SEVERITY_RANK[b.decision] ? a.decision : b.decision;
  return { orderId: a.orderId, decision, reasons };
}

/** Rule ids grouped by the state they need: the unit of partitioning. */
export function rulesByState(): Record<'none' | 'orderer' | 'recipient', RuleId[]> {
  const groups: Record<'none' | 'orderer' | 'recipient', RuleId[]> = { none: [], orderer: [], recipient: [] };
  for (const id of RULE_IDS) groups[RULES[id].state].push(id);
  return groups;
}
