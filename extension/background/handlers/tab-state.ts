// The trusted surfaces' data: what CrossCheck found on each tab, kept in chrome.storage.session
// (extension pages only; content scripts cannot read it), shown on the toolbar action per tab and,
// in full, in the side panel. Positive authenticity ("Verified listing — <shop>") and every figure
// from the ledger are said only here, never in the page: whatever a page can draw it can fake,
// and whatever is in the page it can read.
//
// Findings belong to one address: a state made for another URL than the tab's current one is
// dropped (the tab navigated), so a green badge never outlives the page it was earned on.
import type { ActionLook } from '../../platform/action.ts';
import { TabState, type Locale, type TabStateAnswer } from '../../messages.ts';
import type { KeyValueStore } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import type { BackgroundDeps } from '../context.ts';

export interface TabSurfaces {
  /** chrome.storage.session in the extension; a Map in tests. */
  store: KeyValueStore;
  /** Paints the toolbar action for one tab. */
  show(tabId: number, look: ActionLook): Promise<void>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

/** Where a finding came from: the tab, its top frame's address (from Chrome) and origin. */
export interface TabSource {
  tabId: number;
  url: string;
  origin: string;
}

export async function readTabState(deps: BackgroundDeps, tabId: number): Promise<TabState | undefined> {
  const key = keyOf(tabId);
  const parsed = TabState.safeParse((await deps.tabs.store.get([key]))[key]);
  return parsed.success ? parsed.data : undefined;
}

/** Same document address, fragment aside (a #section jump is not another page). */
const samePage = (a: string, b: string) => a.split('#')[0] === b.split('#')[0];

/** Merges `patch` into the tab's state for `source.url` (a fresh state for a new address) and repaints the action. */
export async function updateTabState(
  deps: BackgroundDeps,
  source: TabSource,
  locale: Locale,
  patch: Partial<Pick<TabState, 'listing' | 'estimate' | 'receipts'>>,
): Promise<TabState> {
  const previous = await readTabState(deps, source.tabId);
  const base: TabState =
    previous && samePage(previous.url, source.url)
      ? previous
      : { url: source.url.slice(0, 2048), origin: source.origin, at: '', locale };
  const next: TabState = { ...base, ...patch, locale, at: deps.now().toISOString() };
  await deps.tabs.store.set({ [keyOf(source.tabId)]: next });
  await deps.tabs.show(source.tabId, actionLook(next));
  return next;
}

/** The tab went to `url` (or closed, url undefined): findings for another address are forgotten. */
export async function forgetTab(deps: BackgroundDeps, tabId: number, url?: string): Promise<void> {
  const previous = await readTabState(deps, tabId);
  if (!previous || (url !== undefined && samePage(previous.url, url))) return;
  await deps.tabs.store.set({ [keyOf(tabId)]: null });
  if (url !== undefined) await deps.tabs.show(tabId, actionLook(undefined));
}

/**
 * The toolbar action for a tab's state. Badge: `!` red for a badge that is not genuine, `¥!` amber
 * for the quota warning, `+N` for receipts waiting for confirmation, `✓` green for a verified
 * listing; the tooltip says all of it in words (never colour alone).
 */
export function actionLook(state: TabState | undefined): ActionLook {
  const t = backgroundText(state?.locale ?? 'en');
  if (!state) return { text: '', color: '#4a5450', title: 'CrossCheck' };
  const lines: string[] = [];
  if (state.listing) lines.push(state.listing.title);
  if (state.estimate?.quotaWarning) lines.push(state.estimate.quotaWarning);
  const waiting = (state.receipts ?? []).filter((r) => r.ok && !r.alreadyInLedger).length;
  if (waiting > 0) lines.push(t.actionReceipts(waiting));
  const title = `CrossCheck — ${lines.length > 0 ? lines.join('\n') : t.actionNothing}`.slice(0, 1000);
  if (state.listing?.status === 'not-genuine') return { text: '!', color: '#a4161a', title };
  if (state.estimate?.quotaWarning) return { text: '¥!', color: '#8a5a00', title };
  if (waiting > 0) return { text: `+${waiting}`, color: '#1f5fa8', title };
  if (state.listing?.status === 'verified') return { text: '✓', color: '#0b6e4f', title };
  return { text: '', color: '#4a5450', title };
}

/** ui-bg-get-tab-state: the side panel's content for one tab. */
export async function tabStateAnswer(deps: BackgroundDeps, tabId: number, lang: Locale): Promise<TabStateAnswer> {
  const state = (await readTabState(deps, tabId)) ?? null;
  // The findings were kept in the user's language when they were made; the panel's own words follow
  // them (one panel never mixes two languages, even just after the choice in options changed).
  const locale = state?.locale ?? lang;
  return { locale, state, confirmLabel: backgroundText(locale).receiptConfirm };
}
