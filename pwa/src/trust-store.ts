// The trust bundle on this device: the last good copy from IndexedDB at once (offline works), then
// a background refresh from our own origin (/trust/bundle.txt) when online. A downloaded bundle
// is used only if it verifies against the roots pinned at build time and its serial is not lower
// than the one in use (no rollback) — the file can come from any CDN without being trusted.
import { pinnedRoots } from './build-info.ts';
import { loadTrustBundle, type RootKey, type TrustBundle, type TrustError } from '../../shared/trust/bundle.ts';
import type { Localized } from '../../shared/text/localized.ts';
import { appDatabase, getMeta, setMeta } from '../db/index.ts';

export const BUNDLE_URL = '/trust/bundle.txt';

export type TrustState =
  | { status: 'loading' }
  | { status: 'no-roots' }
  | { status: 'missing'; problem?: string }
  | { status: 'ready'; bundle: TrustBundle; fetchedAt: number; refreshing: boolean; refreshProblem?: string };

interface CachedBundle {
  text: string;
  serial: number;
  fetchedAt: number;
}

const CACHE_KEY = 'trustBundle';
const roots = pinnedRoots as unknown as RootKey[];

let state: TrustState = { status: 'loading' };
const listeners = new Set<(s: TrustState) => void>();
let started: Promise<void> | undefined;

function publish(next: TrustState): void {
  state = next;
  for (const l of listeners) l(state);
}

export function trustState(): TrustState {
  return state;
}

export function subscribeTrust(listener: (s: TrustState) => void): () => void {
  listeners.add(listener);
  listener(state);
  void startTrust();
  return () => void listeners.delete(listener);
}

function describe(error: TrustError): string {
  return `${error.code}${error.detail ? ` (${error.detail})` : ''}`;
}

/**
 * Why a refresh failed: `code` for logs and tests (a trust error code such as "bundle.signature",
 * "http-503", "network"), `message` the sentence the user reads, in both languages.
 */
export interface TrustProblem {
  code: string;
  message: Localized;
}

const NO_ROOTS: TrustProblem = {
  code: 'no-roots',
  message: { en: 'this build has no pinned trust roots.', 'zh-CN': '此版本未内置信任根。' },
};
const httpProblem = (status: number): TrustProblem => ({
  code: `http-${status}`,
  message: { en: `the server answered with an error (HTTP status ${status}).`, 'zh-CN': `服务器返回错误（状态码 ${status}）。` },
});
const networkProblem = (e: unknown): TrustProblem => ({
  code: 'network',
  message: { en: `the server could not be reached (${(e as Error)?.message ?? String(e)}).`, 'zh-CN': '无法连接服务器，请检查网络后重试。' },
});

/** Downloads, verifies and stores a newer bundle. Resolves with why it failed, or undefined. */
export async function refreshTrust(): Promise<TrustProblem | undefined> {
  if (roots.length === 0) return NO_ROOTS;
  const current = state.status === 'ready' ? state : undefined;
  if (current) publish({ ...current, refreshing: true });
  let problem: TrustProblem | undefined;
  try {
    const response = await fetch(BUNDLE_URL, { cache: 'no-store', credentials: 'omit' });
    const text = response.ok ? (await response.text()).trim() : '';
    const loaded = response.ok ? await loadTrustBundle(text, roots, current ? { previousSerial: current.bundle.serial } : {}) : undefined;
    if (!loaded) {
      problem = httpProblem(response.status);
    } else if (!loaded.ok) {
      // The bundle's own error sentence (shared/trust TRUST_ERROR_MESSAGES); the detail stays in the code.
      problem = { code: describe(loaded.error), message: loaded.error.message };
    } else {
      const fetchedAt = Date.now();
      const db = appDatabase();
      const cached = await getMeta<CachedBundle>(db, CACHE_KEY);
      if (!cached || loaded.value.serial >= cached.serial) {
        await setMeta(db, CACHE_KEY, { text, serial: loaded.value.serial, fetchedAt } satisfies CachedBundle);
      }
      publish({ status: 'ready', bundle: loaded.value, fetchedAt, refreshing: false });
      return undefined;
    }
  } catch (e) {
    problem = networkProblem(e);
  }
  if (state.status === 'ready') publish({ ...state, refreshing: false, refreshProblem: problem.code });
  else publish({ status: 'missing', problem: problem.code });
  return problem;
}

async function start(): Promise<void> {
  if (roots.length === 0) {
    publish({ status: 'no-roots' });
    return;
  }
  const cached = await getMeta<CachedBundle>(appDatabase(), CACHE_KEY).catch(() => undefined);
  if (cached) {
    const loaded = await loadTrustBundle(cached.text, roots);
    if (loaded.ok) publish({ status: 'ready', bundle: loaded.value, fetchedAt: cached.fetchedAt, refreshing: false });
  }
  if (state.status === 'ready') {
    // Background refresh: the cached copy already answers; never block a verdict on the network.
    if (navigator.onLine) void refreshTrust();
  } else {
    await refreshTrust();
  }
}

export function startTrust(): Promise<void> {
  started ??= start().catch((e: unknown) => publish({ status: 'missing', problem: String(e) }));
  return started;
}

/** Resolves when the state is no longer loading (a verify page waits for this). */
export async function trustReady(): Promise<TrustState> {
  await startTrust();
  return state;
}

/** Whole-day, hour or minute age of the bundle's issue time, for display. */
export function ageParts(issuedAt: Date, now: number = Date.now()): { unit: 'now' | 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor((now - issuedAt.getTime()) / 60_000));
  if (minutes < 1) return { unit: 'now', n: 0 };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  if (minutes < 48 * 60) return { unit: 'hours', n: Math.floor(minutes / 60) };
  return { unit: 'days', n: Math.floor(minutes / 1440) };
}

export function isStale(bundle: TrustBundle, now: number = Date.now()): boolean {
  return now > bundle.issuedAt.getTime() + bundle.maxAgeSeconds * 1000;
}
