// chrome.runtime messaging. The only place that calls it (extension/platform/ is the only code that
// touches chrome.*); everything else passes plain values and validates them with extension/messages.ts.

/** Sends one message to the background and resolves with its raw (still unvalidated) answer. */
export async function sendToBackground(message: unknown): Promise<unknown> {
  return chrome.runtime.sendMessage(message);
}

export interface MessageSender {
  /** Origin of the page that sent it (content scripts), or undefined for extension pages. */
  origin: string | undefined;
  /** True when the sender is one of this extension's own pages (popup, options). */
  fromExtensionPage: boolean;
  tabId: number | undefined;
  /** The sending frame's address as Chrome reports it (content scripts), never the message's word. */
  url: string | undefined;
  /** 0 for the tab's top frame; only the top frame speaks for the tab in the toolbar and side panel. */
  frameId: number | undefined;
}

/**
 * Listens for messages. `handle` gets the raw message and who sent it and returns the answer;
 * a thrown error becomes `{ error: 'internal', message }`. Messages from other extensions are dropped.
 */
export function onMessage(handle: (message: unknown, sender: MessageSender) => Promise<unknown>): void {
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id) return false;
    const extensionOrigin = new URL(chrome.runtime.getURL('/')).origin;
    const senderOrigin = sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined);
    // Our own pages (popup, options) may also be open in a tab; they are told apart by origin.
    const fromExtensionPage = senderOrigin === extensionOrigin;
    const info: MessageSender = {
      origin: !fromExtensionPage && sender.tab ? senderOrigin : undefined,
      fromExtensionPage,
      tabId: sender.tab?.id,
      url: !fromExtensionPage && sender.tab ? sender.url : undefined,
      frameId: sender.frameId,
    };
    handle(message, info).then(sendResponse, (e: unknown) =>
      sendResponse({ error: 'internal', message: e instanceof Error ? e.message.slice(0, 300) : 'internal error' }),
    );
    return true; // answer asynchronously
  });
}

/** Who sent a message from outside the extension (onMessageExternal), as Chrome reports it. */
export interface ExternalSender {
  /** The web page's origin (Chrome's, not the message's). */
  origin: string | undefined;
  /** The sending frame's address. */
  url: string | undefined;
  frameId: number | undefined;
  /** Set when another extension sent it (never answered). */
  extensionId: string | undefined;
}

/**
 * Listens for messages from web pages that externally_connectable lets through (the PWA's origin,
 * SYNC.md). `handle` gets the raw message and Chrome's account of the sender; a thrown error
 * becomes `{ error: 'internal' }` with no detail (the page is not ours to tell).
 */
export function onExternalMessage(handle: (message: unknown, sender: ExternalSender) => Promise<unknown>): void {
  chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => {
    const info: ExternalSender = {
      origin: sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined),
      url: sender.url,
      frameId: sender.frameId,
      extensionId: sender.id && sender.id !== chrome.runtime.id ? sender.id : undefined,
    };
    handle(message, info).then(sendResponse, () => sendResponse({ error: 'internal' }));
    return true; // answer asynchronously
  });
}

export function extensionUrl(path: string): string {
  return chrome.runtime.getURL(path);
}

export function extensionVersion(): string {
  return chrome.runtime.getManifest().version;
}

export function onInstalledOrStartup(run: () => void): void {
  chrome.runtime.onInstalled.addListener(run);
  chrome.runtime.onStartup.addListener(run);
}

export function openOptionsPage(): Promise<void> {
  return chrome.runtime.openOptionsPage();
}
