// The IndexedDB schema, version by version. Rules (Dexie docs, "Version"; ux-anchors.md §4):
// every version states the full schema; a version that moves data keeps its upgrade() forever, so
// a device that skipped releases still upgrades step by step; tests open every earlier version,
// write data the way that version did, and reopen with the current one (test/unit/pwa/db-upgrade).
import type { Dexie, Transaction } from 'dexie';
import { chinaYear } from '../../shared/policy/dates.ts';

/** The calendar year in China of a stored time (0 for a time that does not parse: old rows are kept). */
function chinaYearOf(isoDateTime: string): number {
  return Number.isNaN(Date.parse(isoDateTime)) ? 0 : chinaYear(isoDateTime);
}

/**
 * The quota year an order counts in: the year of its customs release (放行) when known, else of
 * the order — shared/quota's default basis (cbec-rules OPEN-3).
 */
export function quotaYearOf(order: { orderedAt: string; releasedAt?: string }): number {
  return chinaYearOf(order.releasedAt ?? order.orderedAt);
}

export interface VersionSpec {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
  /** Why this version exists. */
  reason: string;
}

export const SCHEMA_HISTORY: readonly VersionSpec[] = [
  {
    version: 1,
    reason: 'first release: orders by id and date, scanned parcels, key-value meta (official figures as meta rows)',
    stores: {
      orders: 'orderId, orderedAt',
      parcels: 'parcelId, orderId',
      meta: 'key',
    },
  },
  {
    version: 2,
    reason:
      'the dashboard works per calendar year: index orders by their quota year (China time, release date else order date); official figures get their own table keyed by year (they were meta rows "official:<year>")',
    stores: {
      orders: 'orderId, orderedAt, year',
      parcels: 'parcelId, orderId',
      officialFigures: 'year',
      meta: 'key',
    },
    async upgrade(tx) {
      await tx
        .table('orders')
        .toCollection()
        .modify((order: { orderedAt: string; releasedAt?: string; year?: number }) => {
          order.year = quotaYearOf(order);
        });
      const meta = tx.table('meta');
      const old = (await meta.toArray()) as Array<{ key: string; value: unknown }>;
      for (const row of old) {
        const m = /^official:(\d{4})$/.exec(row.key);
        if (!m) continue;
        const value = row.value as { usedFen?: unknown; enteredAt?: unknown };
        if (typeof value?.usedFen === 'number' && Number.isSafeInteger(value.usedFen) && value.usedFen >= 0) {
          await tx.table('officialFigures').put({
            year: Number(m[1]),
            usedFen: value.usedFen,
            enteredAt: typeof value.enteredAt === 'string' ? value.enteredAt : new Date(0).toISOString(),
          });
        }
        await meta.delete(row.key);
      }
    },
  },
];

export const CURRENT_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;

/** Declares versions 1..upTo on a Dexie instance (tests pass `upTo` to build an old database). */
export function declareSchema(db: Dexie, upTo = CURRENT_VERSION): void {
  for (const spec of SCHEMA_HISTORY) {
    if (spec.version > upTo) break;
    const v = db.version(spec.version).stores(spec.stores);
    if (spec.upgrade) v.upgrade(spec.upgrade);
  }
}
