// One ledger with the PWA (SYNC.md): the app on its configured origin sends its state through
// externally_connectable; the background checks it as untrusted input (shared/ledger acceptSyncState:
// every receipt and parcel verified again with this extension's trust data, future-dated entries
// refused), merges it with its own by the signed data (mergeSyncStates), stores the result and
// answers with it — the app checks and merges that answer in turn.
import {
  acceptSyncState,
  mergeSyncStates,
  SYNC_PROTOCOL,
  SYNC_VERSION,
  type SyncAnswer,
  type SyncRequest,
  type SyncState,
} from '../../../shared/ledger/index.ts';
import { ledgerParcelCheck, ledgerReceiptCheck, parseOwnerProfile } from '../../../shared/verdict/index.ts';
import type { KeyValueStore } from '../../state.ts';
import { readEdits, readLedger, readOwner, writeAppLink, writeEdits, writeLedger, writeOwner } from '../../state.ts';
import { judging, verifyOptions, type BackgroundDeps } from '../context.ts';

export type SyncRefusedCode = Extract<SyncAnswer, { type: 'sync-refused' }>['code'];

export function syncRefused(code: SyncRefusedCode): SyncAnswer {
  return { protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync-refused', code };
}

/** What this extension holds, as the channel carries it. */
export async function readSyncState(store: KeyValueStore): Promise<SyncState> {
  const owner = await readOwner(store);
  return {
    ledger: await readLedger(store),
    owner: owner ? { idLast4: owner.idLast4, ...(owner.maskedName ? { maskedName: owner.maskedName } : {}) } : null,
    edits: await readEdits(store),
  };
}

async function writeSyncState(store: KeyValueStore, state: SyncState): Promise<void> {
  await writeLedger(store, state.ledger);
  await writeOwner(store, state.owner ? (parseOwnerProfile(state.owner) ?? null) : null);
  await writeEdits(store, state.edits);
}

/** The app's `sync` request, from its origin (checked by the dispatcher). */
export async function syncWithApp(deps: BackgroundDeps, request: SyncRequest, origin: string): Promise<SyncAnswer> {
  const j = await judging(deps);
  // Without trust data no receipt can be verified: nothing is taken, nothing is given.
  if (!verifyOptions(j)) return syncRefused('no-trust');
  const accepted = await acceptSyncState(request.state, {
    checkReceipt: ledgerReceiptCheck(() => verifyOptions(j)),
    checkParcel: ledgerParcelCheck(() => verifyOptions(j)),
    now: j.now,
  });
  if (!accepted.ok) return syncRefused('invalid-ledger');
  const merged = mergeSyncStates(await readSyncState(deps.store), accepted.value.state);
  if (merged.changed) await writeSyncState(deps.store, merged.state);
  const syncedAt = j.now.toISOString();
  await writeAppLink(deps.store, { origin, lastSyncedAt: syncedAt });
  return {
    protocol: SYNC_PROTOCOL,
    version: SYNC_VERSION,
    type: 'sync-answer',
    state: merged.state,
    syncedAt,
    refused: accepted.value.refused,
  };
}
