// One ledger with the CrossCheck browser extension (SYNC.md). Loaded only when the browser offers
// the channel (extension-runtime.ts). The app sends its state to the extension ids it was built
// with; the extension checks it, merges and answers with its own; the app treats that answer as
// untrusted input in turn — every receipt and parcel verified again here with this device's trust
// data (acceptSyncState) — and merges it by the same rules (signed data decides). Runs at start,
// when the app comes back to the foreground, after every change to the ledger here, and every
// SYNC_INTERVAL_MS while visible. Without an answer it stays quiet: no error, no status.
import type { ReceiptClaims } from '../../shared/credential/claims/index.ts';
import { acceptSyncState, SYNC_PROTOCOL, SYNC_VERSION, syncAnswerSchema, type ReceiptCheck, type SyncRefusal } from '../../shared/ledger/index.ts';
import { appDatabase, localSyncState, takeSyncState, watchSyncState } from '../db/index.ts';
import { askableExtensionIds, extensionRuntime, type ExtensionRuntime } from './extension-runtime.ts';
import { trustReady } from './trust-store.ts';
import { checkReceipt, OWNER_PROFILE_KEY, parcelCheckFor } from './verification.ts';

/** While the app is visible, how often it asks for what was added in the extension. */
export const SYNC_INTERVAL_MS = 10_000;
/** The extension verifies every receipt it is sent: generous for a large ledger on a slow machine. */
const ANSWER_TIMEOUT_MS = 30_000;

export type LinkResult =
  | { kind: 'absent' }
  | { kind: 'refused'; code: string }
  | { kind: 'linked'; extensionId: string; lastSyncedAt: string; received: string[]; refusedHere: SyncRefusal[]; refusedThere: SyncRefusal[] };

function ask(runtime: ExtensionRuntime, extensionId: string, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS);
    try {
      runtime.sendMessage(extensionId, message, (answer) => {
        clearTimeout(timer);
        // Reading lastError is what keeps Chrome from logging "Unchecked runtime.lastError" when no
        // such extension is installed: that is an ordinary answer here, not an error.
        resolve(runtime.lastError ? undefined : answer);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

/** One round: send ours, check and merge theirs. */
export async function syncWithExtension(): Promise<LinkResult> {
  const runtime = extensionRuntime();
  if (!runtime) return { kind: 'absent' };
  await trustReady();
  const db = appDatabase();
  const request = { protocol: SYNC_PROTOCOL, version: SYNC_VERSION, type: 'sync', state: await localSyncState(db, OWNER_PROFILE_KEY) };
  for (const extensionId of askableExtensionIds()) {
    const raw = await ask(runtime, extensionId, request);
    if (raw === undefined) continue;
    const answer = syncAnswerSchema.safeParse(raw);
    if (!answer.success) continue;
    if (answer.data.type === 'sync-refused') return { kind: 'refused', code: answer.data.code };
    // The extension is another program: its records are checked here as a file's are.
    const claimsOf = new Map<string, ReceiptClaims>();
    const verified: ReceiptClaims[] = [];
    const capture: ReceiptCheck = async (payload) => {
      const check = await checkReceipt(payload);
      if (check.ok && check.claims) {
        claimsOf.set(payload, check.claims);
        verified.push(check.claims);
      }
      return check;
    };
    const now = new Date();
    const accepted = await acceptSyncState(answer.data.state, { checkReceipt: capture, checkParcel: parcelCheckFor(verified), now });
    if (!accepted.ok) return { kind: 'refused', code: 'invalid-ledger' };
    const lastSyncedAt = now.toISOString();
    const merged = await takeSyncState(db, accepted.value.state, claimsOf, OWNER_PROFILE_KEY, { extensionId, lastSyncedAt });
    return { kind: 'linked', extensionId, lastSyncedAt, received: merged.received, refusedHere: accepted.value.refused, refusedThere: answer.data.refused };
  }
  return { kind: 'absent' };
}

let running: Promise<LinkResult> | undefined;
let again = false;
let last: LinkResult = { kind: 'absent' };

/** A sync now, or right after the one running (never two at once). */
export function requestSync(): Promise<LinkResult> {
  if (running) {
    again = true;
    return running;
  }
  running = syncWithExtension()
    .catch((): LinkResult => ({ kind: 'absent' }))
    .then((result) => {
      last = result;
      running = undefined;
      if (again) {
        again = false;
        void requestSync();
      }
      return result;
    });
  return running;
}

export function lastLinkResult(): LinkResult {
  return last;
}

/** Starts keeping one ledger with the extension, if the browser offers the channel. */
export function startExtensionLink(): void {
  if (!extensionRuntime()) return;
  void requestSync();
  // After a change here (a receipt, a return, a figure, the profile): push it at once. The first
  // value is the current state, already sent above.
  let first = true;
  watchSyncState(appDatabase(), OWNER_PROFILE_KEY, () => {
    if (first) first = false;
    else void requestSync();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void requestSync();
  });
  setInterval(() => {
    if (document.visibilityState === 'visible') void requestSync();
  }, SYNC_INTERVAL_MS);
}
