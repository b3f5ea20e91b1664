// The Policy contract: a validated set of dated rows and the questions one day's rules answer.
// Apart from index.ts (which builds policies from rows) so that emptyPolicy, which builds one
// without any rows, can name the contract without importing the module that re-exports it.
import type { TaxClassId } from '../catalog/tax-classes.ts';
import type { PolicyRow, PolicyRowKind, PolicyRowOf } from './rows.ts';

/** A validated, immutable set of policy rows. */
export interface Policy {
  readonly rows: readonly PolicyRow[];
  /** The earliest validFrom of any row; `at` refuses earlier dates. */
  readonly earliest: string;
  at(date: string): PolicyInForce;
}

/** The rules in force on one day. Each accessor throws `no-policy` when no row covers the day. */
export interface PolicyInForce {
  readonly date: string;
  readonly policy: Policy;
  /** The row of `kind` (and `key`, see rowKey) in force, or undefined. */
  find<K extends PolicyRowKind>(kind: K, key?: string): PolicyRowOf<K> | undefined;
  /** As find, but throws PolicyError('no-policy') naming the rule. */
  get<K extends PolicyRowKind>(kind: K, key?: string): PolicyRowOf<K>;
  quota(): PolicyRowOf<'quota'>;
  cbecPreference(): PolicyRowOf<'cbec-preference'>;
  vat(taxClass: TaxClassId): { band: PolicyRowOf<'vat-band'>; rate: PolicyRowOf<'vat-rate'> };
  consumptionTax(taxClass: TaxClassId): PolicyRowOf<'consumption-tax'>;
  tariff(taxClass: TaxClassId): PolicyRowOf<'tariff'>;
  postalCategory(taxClass: TaxClassId): PolicyRowOf<'postal-category'>;
  postalRate(category: number): PolicyRowOf<'postal-rate'>;
  postalExemption(): PolicyRowOf<'postal-exemption'>;
  postalParcelLimit(origin: 'hk-mo-tw' | 'other'): PolicyRowOf<'postal-parcel-limit'>;
  returnsWindow(): PolicyRowOf<'returns-window'>;
  /** The hs-class row whose prefix is the longest in force for `hsCode` (digits; dots and spaces ignored), or undefined. */
  hsClass(hsCode: string): PolicyRowOf<'hs-class'> | undefined;
}
