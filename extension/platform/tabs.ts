// Tabs and the side panel. The per-tab findings are forgotten when a tab goes to another address
// or closes; the side panel follows the active tab.

/** `changed(tabId, url)` when a tab's address changes (a load or an in-page navigation). */
export function onTabAddressChanged(changed: (tabId: number, url: string) => void): void {
  chrome.tabs.onUpdated.addListener((tabId, info) => {
    if (info.url) changed(tabId, info.url);
  });
}

export function onTabClosed(closed: (tabId: number) => void): void {
  chrome.tabs.onRemoved.addListener((tabId) => closed(tabId));
}

/** The active tab of the current window (no "tabs" permission needed for its id). */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** `activated(tabId)` when the user switches tabs in any window. */
export function onTabActivated(activated: (tabId: number) => void): () => void {
  const listener = (info: { tabId: number }) => activated(info.tabId);
  chrome.tabs.onActivated.addListener(listener);
  return () => chrome.tabs.onActivated.removeListener(listener);
}

/** Opens the side panel in the current window; Chrome allows it only inside a user gesture. */
export async function openSidePanel(): Promise<boolean> {
  try {
    const win = await chrome.windows.getCurrent();
    if (win.id === undefined) return false;
    await chrome.sidePanel.open({ windowId: win.id });
    return true;
  } catch {
    return false;
  }
}
