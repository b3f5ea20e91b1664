// The service worker: wires Chrome's events to the dispatcher in ./dispatch.ts. No state in
// globals — every handler reads chrome.storage (the worker is stopped whenever Chrome likes).
// The generic content script's file name and the shops' match patterns come from the build
// (build.config.ts), so no content code is imported here.
import { genericScriptFile, shopMatches } from 'virtual:crosscheck-content-scripts';
import { appOrigin, builtInBundle, bundleUrl, pinnedRoots } from 'virtual:crosscheck-extension-trust';
import { ensureAlarm, onAlarm } from '../platform/alarms.ts';
import { onExternalMessage, onInstalledOrStartup, onMessage } from '../platform/runtime.ts';
import { registerGenericScript, unregisterGenericScript, registeredOrigins } from '../platform/site-access.ts';
import { showOnAction } from '../platform/action.ts';
import { chromeStore, sessionStore } from '../platform/storage.ts';
import { onTabAddressChanged, onTabClosed } from '../platform/tabs.ts';
import { uiLanguage } from '../platform/ui-language.ts';
import { createDispatcher } from './dispatch.ts';
import { onBundledPositiveList } from './handlers/estimate.ts';
import { forgetTab } from './handlers/tab-state.ts';
import { refreshTrust } from './handlers/trust.ts';

const TRUST_ALARM = 'trust-refresh';
/** Every 6 h: bundles carry a maxAge of days; this keeps the copy fresh without chatter. */
const TRUST_REFRESH_MINUTES = 360;

const deps = {
  store: chromeStore,
  now: () => new Date(),
  trust: { roots: pinnedRoots, builtInBundle, bundleUrl },
  uiLanguage,
  appOrigin,
  tabs: { store: sessionStore, show: showOnAction },
  onPositiveList: onBundledPositiveList,
  siteAccess: {
    shopMatches,
    register: (origin: string) => registerGenericScript(origin, genericScriptFile),
    unregister: unregisterGenericScript,
    registered: registeredOrigins,
  },
  fetchText: async (url: string) => {
    const response = await fetch(url, { cache: 'no-store', credentials: 'omit', redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  },
};

const dispatcher = createDispatcher(deps);
onMessage((message, sender) => dispatcher.handle(message, sender));
// The PWA on its origin keeps one ledger with us (SYNC.md); the dispatcher checks who is asking.
onExternalMessage((message, sender) => dispatcher.handleExternal(message, sender));

onInstalledOrStartup(() => {
  void ensureAlarm(TRUST_ALARM, TRUST_REFRESH_MINUTES);
  void refreshTrust(deps);
});
onAlarm(TRUST_ALARM, () => void refreshTrust(deps));
// A tab's findings belong to the address they were made on: another address (or a closed tab)
// forgets them, so a green badge never outlives its page.
onTabAddressChanged((tabId, url) => void forgetTab(deps, tabId, url));
onTabClosed((tabId) => void forgetTab(deps, tabId));
