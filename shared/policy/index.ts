// The CBEC rules as dated data. `createPolicy` validates rows (the built-in ones plus, for example,
// signed policy updates from a trust bundle) and `policy.at(date)` / `policyAt(date)` answers
// which row applies on a day. For rows of the same kind and key, the row with the latest
// validFrom that covers the day wins, so an update adds a row and never edits one.
import type { TaxClassId } from '../catalog/tax-classes.ts';
import type { Policy, PolicyInForce } from './policy.ts';
import { builtInRows as builtInRowData } from './data.ts';
import { isIsoDate } from './dates.ts';
import { PolicyError } from './errors.ts';
import { issueMessage } from '../validation/issue-message.ts';
import { policyRowSchema, rowKey, type PolicyRow, type PolicyRowKind, type PolicyRowOf } from './rows.ts';

export * from './dates.ts';
export { PolicyError, POLICY_ERROR_MESSAGES, type PolicyErrorCode } from './errors.ts';
export { emptyPolicy } from './empty.ts';
export type { Policy, PolicyInForce } from './policy.ts';
export { INSTRUMENTS, cite, type InstrumentName } from './sources.ts';
export {
  policyRowSchema,
  sourceSchema,
  rowKey,
  type ConsumptionTaxTier,
  type PolicyRow,
  type PolicyRowKind,
  type PolicyRowOf,
  type PolicySource,
  type SpecificDuty,
} from './rows.ts';

function validateRows(input: readonly unknown[], origin: string): PolicyRow[] {
  return input.map((raw, i) => {
    const parsed = policyRowSchema.safeParse(raw, { error: issueMessage });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // The row's id names it when it is a short string; String() of a hostile id could throw.
      const rawId: unknown = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
      const id = typeof rawId === 'string' && rawId.length <= 64 ? rawId : `#${i}`;
      throw new PolicyError('invalid-policy-row', `${origin} row ${id}: ${issue.path.join('.') || '(row)'}: ${issue.message}`);
    }
    const row = parsed.data;
    if (row.validTo !== undefined && row.validTo < row.validFrom) {
      throw new PolicyError('invalid-policy-row', `${origin} row ${row.id}: validTo ${row.validTo} is before validFrom ${row.validFrom}`);
    }
    // A row cannot rest on a law that was not yet in force (增值税法 cited for 2010 was the bug).
    if (row.source.inForceFrom !== undefined && row.validFrom < row.source.inForceFrom) {
      throw new PolicyError(
        'invalid-policy-row',
        `${origin} row ${row.id}: validFrom ${row.validFrom} is before its source took effect (${row.source.inForceFrom})`,
      );
    }
    if (row.kind === 'consumption-tax') validateTiers(row, origin);
    return row;
  });
}

function validateTiers(row: PolicyRowOf<'consumption-tax'>, origin: string): void {
  const fail = (why: string) => {
    throw new PolicyError('invalid-policy-row', `${origin} row ${row.id}: tiers: ${why}`);
  };
  const [first, ...rest] = row.tiers;
  if (first!.atLeastFen !== undefined || first!.atLeastFenPer !== undefined || first!.atLeastUsdCents !== undefined) {
    fail('the first tier has no threshold');
  }
  if (row.measure === 'flat' && rest.length > 0) fail("a 'flat' measure has one tier");
  for (const tier of rest) {
    if (row.measure === 'price-per-net-content') {
      if (tier.atLeastFenPer === undefined) fail(`tier ${tier.name} needs atLeastFenPer for measure ${row.measure}`);
      if (tier.atLeastFen !== undefined || tier.atLeastUsdCents !== undefined) fail(`tier ${tier.name}: measure ${row.measure} takes atLeastFenPer only`);
    } else if ((tier.atLeastFen === undefined) === (tier.atLeastUsdCents === undefined)) {
      fail(`tier ${tier.name} needs one of atLeastFen or atLeastUsdCents for measure ${row.measure}`);
    }
  }
  for (const tier of row.tiers) {
    if (tier.specific?.unit === 'tonne' && tier.specific.litresPerTonne === undefined) {
      fail(`tier ${tier.name}: a per-tonne duty needs litresPerTonne`);
    }
    if (tier.specific?.unit === 'kg' && tier.specific.kgPerLitre === undefined) {
      fail(`tier ${tier.name}: a per-kg duty needs kgPerLitre`);
    }
  }
}

function checkConflicts(rows: readonly PolicyRow[]): void {
  const ids = new Set<string>();
  const starts = new Set<string>();
  for (const row of rows) {
    if (ids.has(row.id)) throw new PolicyError('policy-conflict', `duplicate row id ${row.id}`);
    ids.add(row.id);
    const start = `${row.kind}|${rowKey(row)}|${row.validFrom}`;
    if (starts.has(start)) {
      throw new PolicyError('policy-conflict', `row ${row.id}: another ${row.kind} row for "${rowKey(row)}" starts on ${row.validFrom}`);
    }
    starts.add(start);
  }
}

let validatedBuiltIns: readonly PolicyRow[] | undefined;

/** The built-in rows, validated once: they never change, and each trust bundle load builds a policy. */
function builtInRows(): readonly PolicyRow[] {
  return (validatedBuiltIns ??= Object.freeze(validateRows(builtInRowData(), 'built-in')));
}

/**
 * Validates the built-in rows plus `extraRows` (e.g. signed policy updates) with zod and returns
 * a Policy. Throws PolicyError ('invalid-policy-row' or 'policy-conflict') naming the row.
 */
export function createPolicy(extraRows: readonly unknown[] = []): Policy {
  const rows = Object.freeze([...builtInRows(), ...validateRows(extraRows, 'extra')]);
  checkConflicts(rows);
  // Index rows by kind, then key, latest validFrom first, so resolving a day takes the first row
  // that covers it.
  const index = new Map<PolicyRowKind, Map<string, PolicyRow[]>>();
  for (const row of rows) {
    let byKey = index.get(row.kind);
    if (!byKey) index.set(row.kind, (byKey = new Map()));
    const key = rowKey(row);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  for (const byKey of index.values()) for (const list of byKey.values()) list.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const earliest = rows.reduce((min, r) => (r.validFrom < min ? r.validFrom : min), '9999-12-31');

  // Resolved days are kept: an app asks about the same few dates over and over (the extension
  // taxes every product card of a list page on today's date). Bounded, since a hostile caller
  // could ask for every day since 2010.
  const resolved = new Map<string, PolicyInForce>();
  const policy: Policy = {
    rows,
    earliest,
    at(date: string): PolicyInForce {
      const cached = resolved.get(date);
      if (cached) return cached;
      if (resolved.size >= 1_024) resolved.clear();
      const inForce = resolve(date);
      resolved.set(date, inForce);
      return inForce;
    },
  };
  function resolve(date: string): PolicyInForce {
    if (!isIsoDate(date)) throw new PolicyError('bad-date', `"${date}" is not a calendar date YYYY-MM-DD`);
    if (date < earliest) throw new PolicyError('no-policy', `no policy before ${earliest} (asked for ${date})`);
    // Every rule in force on the day, resolved once here (a few hundred rows at most), so that each
    // question afterwards is two map look-ups: a tax comparison asks about a dozen rows per line.
    const inForce = new Map<PolicyRowKind, Map<string, PolicyRow>>();
    for (const [kind, byKey] of index) {
      const rowsInForce = new Map<string, PolicyRow>();
      for (const [key, list] of byKey) {
        const row = list.find((r) => r.validFrom <= date && (r.validTo === undefined || date <= r.validTo));
        if (row) rowsInForce.set(key, row);
      }
      inForce.set(kind, rowsInForce);
    }
    const find = <K extends PolicyRowKind>(kind: K, key = ''): PolicyRowOf<K> | undefined =>
      inForce.get(kind)?.get(key) as PolicyRowOf<K> | undefined;
    const required = <K extends PolicyRowKind>(kind: K, key: string, row: PolicyRowOf<K> | undefined): PolicyRowOf<K> => {
      if (!row) throw new PolicyError('no-policy', `no ${kind}${key ? ` rule for ${key}` : ' rule'} in force on ${date}`);
      return row;
    };
    const get = <K extends PolicyRowKind>(kind: K, key = ''): PolicyRowOf<K> => required(kind, key, find(kind, key));
    // The per-item questions (several per line of every order) go straight to their kind's rows.
    const rowsOfKind = <K extends PolicyRowKind>(kind: K) => (inForce.get(kind) ?? new Map()) as ReadonlyMap<string, PolicyRowOf<K>>;
    const tariffs = rowsOfKind('tariff');
    const consumptionTaxes = rowsOfKind('consumption-tax');
    const postalCategories = rowsOfKind('postal-category');
    const postalRates = rowsOfKind('postal-rate');
    const hsClasses = rowsOfKind('hs-class');
    const hsClass = (hsCode: string): PolicyRowOf<'hs-class'> | undefined => {
      const digits = hsCode.replace(/[.\s]/g, '');
      for (let length = Math.min(digits.length, 10); length >= 4; length--) {
        const row = hsClasses.get(digits.slice(0, length));
        if (row) return row;
      }
      return undefined;
    };
    const vatOfClass = new Map<TaxClassId, { band: PolicyRowOf<'vat-band'>; rate: PolicyRowOf<'vat-rate'> }>();
    return {
      date,
      policy,
      find,
      get,
      quota: () => get('quota'),
      cbecPreference: () => get('cbec-preference'),
      vat: (taxClass) => {
        let vat = vatOfClass.get(taxClass);
        if (!vat) {
          const band = get('vat-band', taxClass);
          vat = Object.freeze({ band, rate: get('vat-rate', band.band) });
          vatOfClass.set(taxClass, vat); // only classes with a row get here, so the map stays small
        }
        return vat;
      },
      consumptionTax: (taxClass) => required('consumption-tax', taxClass, consumptionTaxes.get(taxClass)),
      tariff: (taxClass) => required('tariff', taxClass, tariffs.get(taxClass)),
      postalCategory: (taxClass) => required('postal-category', taxClass, postalCategories.get(taxClass)),
      postalRate: (category) => required('postal-rate', String(category), postalRates.get(String(category))),
      postalExemption: () => get('postal-exemption'),
      postalParcelLimit: (origin) => get('postal-parcel-limit', origin),
      returnsWindow: () => get('returns-window'),
      hsClass,
    };
  }
  return Object.freeze(policy);
}

let builtIn: Policy | undefined;

/** The built-in policy, validated once on first use. */
export function defaultPolicy(): Policy {
  return (builtIn ??= createPolicy());
}

/** The rules in force on `date` (YYYY-MM-DD). Throws PolicyError 'no-policy' before the earliest row. */
export function policyAt(date: string, policy: Policy = defaultPolicy()): PolicyInForce {
  return policy.at(date);
}
