// The only place Dexie is imported (DESIGN.md §2: pwa/db is the storage boundary).
import { Dexie, type EntityTable } from 'dexie';
import type { ReceiptClaims } from '../../shared/credential/claims/index.ts';
import type { LedgerOrder, LedgerParcel, OfficialFigure } from '../../shared/ledger/index.ts';
import { declareSchema } from './schema.ts';

export interface StoredOrder extends LedgerOrder {
  /** Calendar year of orderedAt in China time (index for the per-year dashboard). */
  year: number;
  /**
   * The receipt's claims as verified when the order entered the ledger (added on this device, or
   * imported from a file: both verify the signature). A parcel verdict matches against these
   * instead of checking every receipt's signature again; the verdict still checks that the
   * issuer stands in the current trust data. Not indexed, not exported (the file carries the
   * payload, verified again on import). Absent on rows stored before it existed: those are
   * verified from the payload.
   */
  receiptClaims?: ReceiptClaims;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class CrossCheckDatabase extends Dexie {
  orders!: EntityTable<StoredOrder, 'orderId'>;
  parcels!: EntityTable<LedgerParcel, 'parcelId'>;
  officialFigures!: EntityTable<OfficialFigure, 'year'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'crosscheck', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    declareSchema(this);
  }
}

let shared: CrossCheckDatabase | undefined;

/** The app's database (one instance per page; Dexie shares changes across tabs itself). */
export function appDatabase(): CrossCheckDatabase {
  shared ??= new CrossCheckDatabase();
  return shared;
}
