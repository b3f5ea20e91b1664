// The trust bundle in the background: the last copy that verified against the pinned roots lives in
// chrome.storage; the built-in copy (compiled in at build time) is the fallback; a refresh fetches
// the configured URL (the only network request the extension makes) and keeps the new copy only if
// it verifies and is not older than the one in use (rollback protection: shared/trust previousSerial).
import { loadTrustBundle, type RootKey, type TrustBundle } from '../../../shared/trust/index.ts';
import type { ActionAnswer, Locale, StatusAnswer } from '../../messages.ts';
import { readTrustCache, writeTrustCache, type KeyValueStore, type TrustCache } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';

export interface TrustDeps {
  store: KeyValueStore;
  now(): Date;
  trust: { roots: unknown[]; builtInBundle: string; bundleUrl: string };
  fetchText(url: string): Promise<string>;
}

export interface LoadedTrust {
  bundle: TrustBundle;
  cache: TrustCache;
}

// A memo of the last verified bundle, keyed by its exact text. It is a cache of a pure function of
// what chrome.storage holds — losing it when Chrome stops the worker costs one re-verification.
let memo: { text: string; bundle: TrustBundle } | undefined;

async function verifyBundle(text: string, roots: unknown[], previousSerial?: number): Promise<TrustBundle | undefined> {
  if (memo && memo.text === text && previousSerial === undefined) return memo.bundle;
  const loaded = await loadTrustBundle(text, roots as RootKey[], previousSerial === undefined ? {} : { previousSerial });
  if (!loaded.ok) return undefined;
  memo = { text, bundle: loaded.value };
  return loaded.value;
}

/** The bundle to verify with now, or undefined when this build has no usable trust data. */
export async function currentTrust(deps: TrustDeps): Promise<LoadedTrust | undefined> {
  const cache = await readTrustCache(deps.store);
  if (cache) {
    const bundle = await verifyBundle(cache.bundleText, deps.trust.roots);
    if (bundle) return { bundle, cache };
  }
  if (!deps.trust.builtInBundle) return undefined;
  const bundle = await verifyBundle(deps.trust.builtInBundle, deps.trust.roots);
  if (!bundle) return undefined;
  const builtIn: TrustCache = { bundleText: deps.trust.builtInBundle, source: 'built-in', fetchedAt: deps.now().toISOString() };
  await writeTrustCache(deps.store, builtIn);
  return { bundle, cache: builtIn };
}

export type RefreshOutcome = 'updated' | 'unchanged' | 'rejected' | 'unreachable' | 'no-roots';

/** Fetches the bundle URL; keeps the answer only when it verifies and is at least as new. */
export async function refreshTrust(deps: TrustDeps): Promise<RefreshOutcome> {
  if (deps.trust.roots.length === 0) return 'no-roots';
  const current = await currentTrust(deps);
  let text: string;
  try {
    text = (await deps.fetchText(deps.trust.bundleUrl)).trim();
  } catch {
    return 'unreachable';
  }
  if (current && text === current.cache.bundleText) return 'unchanged';
  const fresh = await verifyBundle(text, deps.trust.roots, current?.bundle.serial);
  if (!fresh) return 'rejected';
  if (current && fresh.issuedAt.getTime() < current.bundle.issuedAt.getTime()) return 'rejected';
  await writeTrustCache(deps.store, { bundleText: text, source: 'network', fetchedAt: deps.now().toISOString() });
  return 'updated';
}

/** The trust part of the popup's status: where the bundle came from, its date, whether it is stale. */
export function trustStatus(trust: LoadedTrust | undefined, now: Date, lang: Locale): StatusAnswer['trust'] {
  const t = backgroundText(lang);
  if (!trust) return { source: 'none', fetchedAt: null, issuedAt: null, ageText: t.noTrust, stale: false };
  const { bundle, cache } = trust;
  const stale = now.getTime() - bundle.issuedAt.getTime() > bundle.maxAgeSeconds * 1000;
  const source = cache.source === 'network' ? t.sourceNetwork : t.sourceBuiltIn;
  return {
    source: cache.source,
    fetchedAt: cache.fetchedAt,
    issuedAt: bundle.issuedAt.toISOString(),
    // The date as the reader writes it ("Jun 1, 2026", "2026年6月1日"), on China's calendar like every policy date.
    ageText: `${t.trustAge(new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(bundle.issuedAt), source)}${stale ? ` ${t.trustStale}` : ''}`,
    stale,
  };
}

/** ui-bg-refresh-trust: the outcome word is the message (the popup shows it as is). */
export async function refreshTrustNow(deps: TrustDeps): Promise<ActionAnswer> {
  const outcome = await refreshTrust(deps);
  return { ok: outcome === 'updated' || outcome === 'unchanged', message: outcome };
}
