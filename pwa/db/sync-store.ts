// The app's side of the shared ledger with the browser extension (SYNC.md), on IndexedDB: the state
// it sends (ledger, owner profile, edit times) and taking in the extension's checked state. The check
// itself (acceptSyncState, which verifies every receipt again) runs before, outside any transaction;
// the merge and the writes run in one transaction over a fresh read, so a change made meanwhile on
// screen is merged, not lost.
import { liveQuery } from 'dexie';
import type { ReceiptClaims } from '../../shared/credential/claims/index.ts';
import { canonical, mergeSyncStates, type SyncMerge, type SyncOwner, type SyncState } from '../../shared/ledger/index.ts';
import { parseOwnerProfile } from '../../shared/verdict/owner.ts';
import { quotaYearOf } from './schema.ts';
import type { CrossCheckDatabase, StoredOrder } from './database.ts';
import { ledgerContents, readEdits, SYNC_EDITS_KEY } from './ledger-store.ts';

/** The meta row of the last sync with the extension: `{ extensionId, lastSyncedAt }`. */
export const EXTENSION_LINK_KEY = 'extensionLink';

export interface ExtensionLink {
  extensionId: string;
  lastSyncedAt: string;
}

export async function readExtensionLink(db: CrossCheckDatabase): Promise<ExtensionLink | undefined> {
  const v = (await db.meta.get(EXTENSION_LINK_KEY))?.value as Partial<ExtensionLink> | undefined;
  return typeof v?.extensionId === 'string' && typeof v.lastSyncedAt === 'string' ? { extensionId: v.extensionId, lastSyncedAt: v.lastSyncedAt } : undefined;
}

function ownerOf(value: unknown): SyncOwner | null {
  const p = parseOwnerProfile(value);
  return p ? { idLast4: p.idLast4, ...(p.maskedName ? { maskedName: p.maskedName } : {}) } : null;
}

/** What this app holds, as the channel carries it. `ownerKey` is the meta row of the owner profile. */
export async function localSyncState(db: CrossCheckDatabase, ownerKey: string): Promise<SyncState> {
  return db.transaction('r', db.orders, db.parcels, db.officialFigures, db.meta, async () => ({
    ledger: await ledgerContents(db),
    owner: ownerOf((await db.meta.get(ownerKey))?.value),
    edits: await readEdits(db),
  }));
}

/**
 * Merges the extension's state, already checked here (acceptSyncState), into the app's and writes
 * the result when it differs. `claimsOf` gives the verified claims of each receipt payload the check
 * saw, kept with its order as a receipt added here is (StoredOrder.receiptClaims).
 */
export async function takeSyncState(
  db: CrossCheckDatabase,
  remote: SyncState,
  claimsOf: ReadonlyMap<string, ReceiptClaims>,
  ownerKey: string,
  link: ExtensionLink,
): Promise<SyncMerge> {
  return db.transaction('rw', db.orders, db.parcels, db.officialFigures, db.meta, async () => {
    const rows = await db.orders.toArray();
    const local: SyncState = {
      ledger: { orders: rows.map(({ year: _y, receiptClaims: _c, ...o }) => o), parcels: await db.parcels.toArray(), officialFigures: await db.officialFigures.toArray() },
      owner: ownerOf((await db.meta.get(ownerKey))?.value),
      edits: await readEdits(db),
    };
    const merged = mergeSyncStates(local, remote);
    if (merged.changed) {
      const kept = new Map(rows.map((o) => [o.orderId, o]));
      await db.orders.bulkPut(
        merged.state.ledger.orders.map((o): StoredOrder => {
          const mine = kept.get(o.orderId);
          const claims = o.source !== 'receipt' ? undefined : mine?.receipt === o.receipt && mine?.receiptClaims ? mine.receiptClaims : o.receipt ? claimsOf.get(o.receipt) : undefined;
          return { ...o, year: quotaYearOf(o), ...(claims && { receiptClaims: claims }) };
        }),
      );
      await db.parcels.bulkPut(merged.state.ledger.parcels);
      const years = new Set(merged.state.ledger.officialFigures.map((f) => f.year));
      await db.officialFigures.bulkDelete(local.ledger.officialFigures.filter((f) => !years.has(f.year)).map((f) => f.year));
      await db.officialFigures.bulkPut(merged.state.ledger.officialFigures);
      if (merged.state.owner) await db.meta.put({ key: ownerKey, value: merged.state.owner });
      else await db.meta.delete(ownerKey);
      await db.meta.put({ key: SYNC_EDITS_KEY, value: merged.state.edits });
    }
    await db.meta.put({ key: EXTENSION_LINK_KEY, value: link });
    return merged;
  });
}

/**
 * Calls `changed` whenever what the app would send changes (here or in another tab; not when only
 * the last-sync time is written), starting with the current state. Returns the unsubscribe.
 */
export function watchSyncState(db: CrossCheckDatabase, ownerKey: string, changed: () => void): () => void {
  let previous: string | undefined;
  const subscription = liveQuery(async () => canonical(await localSyncState(db, ownerKey))).subscribe({
    next: (text) => {
      if (text === previous) return;
      previous = text;
      changed();
    },
    error: () => {},
  });
  return () => subscription.unsubscribe();
}
