// What every handler needs for one request, read fresh from storage (the worker keeps no state):
// the dependencies the service worker passes in, the language to answer in, and the trust data,
// policy and clock floor to judge with.
import { defaultPolicy, type Policy } from '../../shared/policy/index.ts';
import { localeOfTag, type Locale } from '../messages.ts';
import { readClockFloor, readSettings } from '../state.ts';
import type { TabSurfaces } from './handlers/tab-state.ts';
import { currentTrust, type LoadedTrust, type TrustDeps } from './handlers/trust.ts';

/**
 * What the positive-list row may say: 'listed' only when the row is authoritative (official or
 * reprinted text of the edition in force that day); a row from a secondary source, memory or an
 * edition a later instrument may have changed is 'listed-unverified'; absence from our partial copy
 * is 'not-in-our-copy', never "cannot be imported".
 */
export type PositiveListAnswer = 'listed' | 'listed-unverified' | 'not-in-our-copy';

export interface BackgroundDeps extends TrustDeps {
  uiLanguage(): string;
  /** The trusted surfaces: per-tab findings (session storage) and the toolbar action. */
  tabs: TabSurfaces;
  siteAccess: {
    /** The match patterns of the shops' own content scripts: those sites are built in, not switched on. */
    shopMatches: readonly string[];
    register(origin: string): Promise<void>;
    unregister(origin: string): Promise<void>;
    registered(): Promise<string[]>;
  };
  /** The PWA's origin, the only web page that may sync the ledger (SYNC.md); undefined: none. */
  appOrigin?: string;
  /** Positive-list look-up by HS code on a day; undefined when the build ships no list or the code is not one. */
  onPositiveList?: (hsCode: string, day: string) => PositiveListAnswer | undefined;
}

export interface Judging {
  trust: LoadedTrust | undefined;
  policy: Policy;
  now: Date;
  /** The clock floor (shared/trust: verification time never goes back). */
  lastVerifiedAt?: Date;
}

/**
 * The language to answer in: the user's choice in the options page wins; else, for what is shown
 * on a shop page (the annotation, the chips, the receipt notice), the page's own language (its
 * `<html lang>`), so a Chinese shop page gets Chinese beside its Chinese badge even in an English
 * browser; else — extension UI (toolbar title, popup, side panel, options), a page declaring no
 * language or one CrossCheck does not speak — the browser's UI language.
 */
export function resolveLocale(setting: 'auto' | Locale, uiLanguage: string, pageLanguage?: string): Locale {
  if (setting !== 'auto') return setting;
  return localeOfTag(pageLanguage) ?? localeOfTag(uiLanguage) ?? 'en';
}

/** The language to answer in (resolveLocale); `pageLanguage` only for messages from a page. */
export async function localeOf(deps: BackgroundDeps, pageLanguage?: string): Promise<Locale> {
  return resolveLocale((await readSettings(deps.store)).locale, deps.uiLanguage(), pageLanguage);
}

/** Trust, policy and the clock floor for this request. */
export async function judging(deps: BackgroundDeps): Promise<Judging> {
  const trust = await currentTrust(deps);
  const floor = await readClockFloor(deps.store);
  return {
    trust,
    policy: trust?.bundle.policy ?? defaultPolicy(),
    now: deps.now(),
    ...(floor ? { lastVerifiedAt: new Date(floor) } : {}),
  };
}

/** What shared/verdict's verify functions take, or undefined without trust data. */
export function verifyOptions(j: Judging): { bundle: LoadedTrust['bundle']; now: Date; lastVerifiedAt?: Date } | undefined {
  if (!j.trust) return undefined;
  return { bundle: j.trust.bundle, now: j.now, ...(j.lastVerifiedAt ? { lastVerifiedAt: j.lastVerifiedAt } : {}) };
}

/** Caps a label/value row at what the answer schemas allow. */
export function clip(row: { label: string; value: string }): { label: string; value: string } {
  return { label: row.label.slice(0, 200), value: row.value.slice(0, 400) };
}
