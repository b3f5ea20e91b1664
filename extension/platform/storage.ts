// chrome.storage.local: the extension's only state. The service worker can be stopped at any moment,
// so nothing lives in its globals; every handler reads what it needs from here.
import type { KeyValueStore } from '../state.ts';

export const chromeStore: KeyValueStore = {
  async get(keys) {
    return (await chrome.storage.local.get(keys)) as Record<string, unknown>;
  },
  async set(items) {
    await chrome.storage.local.set(items);
  },
};

/** Calls `changed` with the keys that changed in local storage. */
export function onStorageChanged(changed: (keys: string[]) => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local') changed(Object.keys(changes));
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}

/**
 * chrome.storage.session: per-tab findings for the toolbar action and the side panel. Kept in
 * memory by Chrome, gone when the browser closes, and — unlike storage.local — not readable by
 * content scripts (access level TRUSTED_CONTEXTS, Chrome's default), so nothing a page could
 * reach through a compromised content script.
 */
export const sessionStore: KeyValueStore & { remove(keys: string[]): Promise<void> } = {
  async get(keys) {
    return (await chrome.storage.session.get(keys)) as Record<string, unknown>;
  },
  async set(items) {
    await chrome.storage.session.set(items);
  },
  async remove(keys) {
    await chrome.storage.session.remove(keys);
  },
};

/** Calls `changed` with the keys that changed in session storage. */
export function onSessionChanged(changed: (keys: string[]) => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'session') changed(Object.keys(changes));
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
