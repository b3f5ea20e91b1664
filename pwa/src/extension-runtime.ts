// Whether the CrossCheck browser extension can be asked at all, without loading anything: Chrome
// gives a web page `chrome.runtime.sendMessage` only when an installed extension lists the page's
// origin in its `externally_connectable`. A phone or a browser without the extension has none, and
// the app then says nothing about it (SYNC.md).
import { extensionIds } from './build-info.ts';

export interface ExtensionRuntime {
  sendMessage(extensionId: string, message: unknown, callback: (answer: unknown) => void): void;
  lastError?: { message?: string };
}

export function extensionRuntime(): ExtensionRuntime | undefined {
  if (extensionIds.length === 0) return undefined;
  const runtime = (globalThis as { chrome?: { runtime?: Partial<ExtensionRuntime> } }).chrome?.runtime;
  return typeof runtime?.sendMessage === 'function' ? (runtime as ExtensionRuntime) : undefined;
}
