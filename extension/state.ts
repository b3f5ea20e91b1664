// Everything the extension remembers, in chrome.storage.local (through a KeyValueStore so the
// background's logic runs in unit tests with a Map). The service worker keeps nothing in globals:
// Chrome stops it after ~30 s idle, and each handler reads what it needs from here.
//
// Keys:
//   settings  { locale }                              the language override
//   ledger    LedgerContents (shared/ledger)          orders, parcels, official figures — the PWA's format
//   trust     { bundleText, source, fetchedAt }       the last trust bundle that verified
//   clock     { lastVerifiedAt }                      the clock floor (shared/trust: never go back)
//   owner     { idLast4, maskedName? }                the owner profile (never the full ID number)
//   edits     { [key]: ISO time }                     when the user last changed an unsigned value (SYNC.md)
//   appLink   { origin, lastSyncedAt }                the last sync with the PWA (SYNC.md)
import { ledgerOrderSchema, ledgerParcelSchema, officialFigureSchema, syncEditsSchema, type LedgerContents, type SyncEdits } from '../shared/ledger/index.ts';
import { parseOwnerProfile, type OwnerProfile } from '../shared/verdict/index.ts';
import type { LocaleSetting } from './messages.ts';

export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface Settings {
  locale: LocaleSetting;
}

export interface TrustCache {
  bundleText: string;
  source: 'built-in' | 'network';
  /** When this copy was fetched (network) or first used (built-in), ISO time. */
  fetchedAt: string;
}

export const DEFAULT_SETTINGS: Settings = { locale: 'auto' };

export async function readSettings(store: KeyValueStore): Promise<Settings> {
  const { settings } = await store.get(['settings']);
  const s = (settings ?? {}) as Partial<Settings>;
  return {
    locale: s.locale === 'en' || s.locale === 'zh-CN' || s.locale === 'auto' ? s.locale : DEFAULT_SETTINGS.locale,
  };
}

export async function writeSettings(store: KeyValueStore, patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(store)), ...patch };
  await store.set({ settings: next });
  return next;
}

/**
 * The ledger as stored. Entries are re-validated on every read with the ledger's own schemas
 * (storage is ours, but a bad write must never crash the annotation): invalid entries are dropped.
 */
function keepValid<T>(list: unknown, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success ? [r.data as T] : [];
  });
}

export async function readLedger(store: KeyValueStore): Promise<LedgerContents> {
  const { ledger } = await store.get(['ledger']);
  const raw = (ledger ?? {}) as Partial<Record<keyof LedgerContents, unknown[]>>;
  return {
    orders: keepValid(raw.orders, ledgerOrderSchema),
    parcels: keepValid(raw.parcels, ledgerParcelSchema),
    officialFigures: keepValid(raw.officialFigures, officialFigureSchema),
  };
}

export async function writeLedger(store: KeyValueStore, contents: LedgerContents): Promise<void> {
  await store.set({ ledger: contents });
}

export async function readTrustCache(store: KeyValueStore): Promise<TrustCache | undefined> {
  const { trust } = await store.get(['trust']);
  const t = trust as Partial<TrustCache> | undefined;
  if (!t || typeof t.bundleText !== 'string' || typeof t.fetchedAt !== 'string') return undefined;
  return { bundleText: t.bundleText, source: t.source === 'network' ? 'network' : 'built-in', fetchedAt: t.fetchedAt };
}

export async function writeTrustCache(store: KeyValueStore, cache: TrustCache): Promise<void> {
  await store.set({ trust: cache });
}

/**
 * The owner profile (shared/verdict owner.ts): the last four characters of the owner's ID number and
 * optionally a masked name — never the full number. chrome.storage.local is the extension's own.
 */
export async function readOwner(store: KeyValueStore): Promise<OwnerProfile | undefined> {
  const { owner } = await store.get(['owner']);
  return parseOwnerProfile(owner);
}

export async function writeOwner(store: KeyValueStore, owner: OwnerProfile | null): Promise<void> {
  const parsed = owner === null ? undefined : parseOwnerProfile(owner);
  await store.set({ owner: parsed ? { idLast4: parsed.idLast4, ...(parsed.maskedName ? { maskedName: parsed.maskedName } : {}) } : null });
}

/**
 * When the user last changed what nobody signs (`figure:<year>`, `owner`, `return:<orderId>`):
 * the shared ledger's merge follows the later change (shared/ledger sync.ts). Re-validated on read.
 */
export async function readEdits(store: KeyValueStore): Promise<SyncEdits> {
  const { edits } = await store.get(['edits']);
  const parsed = syncEditsSchema.safeParse(edits ?? {});
  return parsed.success ? parsed.data : {};
}

export async function writeEdits(store: KeyValueStore, edits: SyncEdits): Promise<void> {
  await store.set({ edits });
}

/** Notes a change the user made here, now. */
export async function recordEdit(store: KeyValueStore, key: string, at: Date): Promise<void> {
  await writeEdits(store, { ...(await readEdits(store)), [key]: at.toISOString() });
}

export interface AppLink {
  origin: string;
  lastSyncedAt: string;
}

export async function readAppLink(store: KeyValueStore): Promise<AppLink | undefined> {
  const { appLink } = await store.get(['appLink']);
  const l = appLink as Partial<AppLink> | undefined;
  return typeof l?.origin === 'string' && typeof l.lastSyncedAt === 'string' ? { origin: l.origin, lastSyncedAt: l.lastSyncedAt } : undefined;
}

export async function writeAppLink(store: KeyValueStore, link: AppLink): Promise<void> {
  await store.set({ appLink: link });
}

/** The latest time a verification ran; the effective "now" never goes below it. */
export async function readClockFloor(store: KeyValueStore): Promise<string | undefined> {
  const { clock } = await store.get(['clock']);
  const c = clock as { lastVerifiedAt?: unknown } | undefined;
  return typeof c?.lastVerifiedAt === 'string' ? c.lastVerifiedAt : undefined;
}

export async function writeClockFloor(store: KeyValueStore, at: string): Promise<void> {
  const previous = await readClockFloor(store);
  if (!previous || previous < at) await store.set({ clock: { lastVerifiedAt: at } });
}

/** A Map-backed store for tests and for code paths that need no persistence. */
export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(structuredClone(initial)));
  return {
    data,
    async get(keys) {
      const out: Record<string, unknown> = {};
      for (const k of keys) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
}
