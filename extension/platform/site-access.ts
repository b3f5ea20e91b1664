// Per-site access for shops we do not support out of the box: an optional host permission the user
// grants from the popup, plus a registered content script (chrome.scripting) running the generic
// schema.org adapter there. Chrome keeps both across restarts, so no state of ours is needed.

const PREFIX = 'site:';

export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** Must run in a user gesture in the popup (Chrome shows its own prompt). */
export function requestOrigin(origin: string): Promise<boolean> {
  return chrome.permissions.request({ origins: [originPattern(origin)] });
}

export function removeOrigin(origin: string): Promise<boolean> {
  return chrome.permissions.remove({ origins: [originPattern(origin)] });
}

export function hasOrigin(origin: string): Promise<boolean> {
  return chrome.permissions.contains({ origins: [originPattern(origin)] });
}

export async function registeredOrigins(): Promise<string[]> {
  const scripts = await chrome.scripting.getRegisteredContentScripts();
  return scripts.filter((s) => s.id.startsWith(PREFIX)).map((s) => s.id.slice(PREFIX.length));
}

export async function registerGenericScript(origin: string, file: string): Promise<void> {
  const id = PREFIX + origin;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) return;
  await chrome.scripting.registerContentScripts([
    { id, matches: [originPattern(origin)], js: [file], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

export async function unregisterGenericScript(origin: string): Promise<void> {
  const id = PREFIX + origin;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
}

/** URL of the tab the popup was opened on. */
export async function activeTabUrl(): Promise<string | undefined> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}
