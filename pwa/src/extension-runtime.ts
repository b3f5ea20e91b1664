// Whether the CrossCheck browser extension can be asked at all, without loading anything: Chrome
// gives a web page `chrome.runtime.sendMessage` only when an installed extension lists the page's
// origin in its `externally_connectable`. A phone or a browser without the extension has none, and
// the app then says nothing about it (SYNC.md).
import { extensionIds, extensionIdsLoopbackOnly } from './build-info.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The extension ids this page may ask. The demo id, the default of a build made without
 * $CROSSCHECK_EXTENSION_IDS, belongs to a public key: anyone can load an unpacked extension with it
 * and list any origin in its externally_connectable. So it is asked only from a loopback page (the
 * demo and the tests); an app deployed without the variable asks no one rather than a stranger.
 */
export function askableExtensionIds(
  hostname: string = globalThis.location?.hostname ?? '',
  ids: readonly string[] = extensionIds,
  loopbackOnly: boolean = extensionIdsLoopbackOnly,
): readonly string[] {
  return loopbackOnly && !LOOPBACK_HOSTS.has(hostname) ? [] : ids;
}

export interface ExtensionRuntime {
  sendMessage(extensionId: string, message: unknown, callback: (answer: unknown) => void): void;
  lastError?: { message?: string };
}

export function extensionRuntime(): ExtensionRuntime | undefined {
  if (askableExtensionIds().length === 0) return undefined;
  const runtime = (globalThis as { chrome?: { runtime?: Partial<ExtensionRuntime> } }).chrome?.runtime;
  return typeof runtime?.sendMessage === 'function' ? (runtime as ExtensionRuntime) : undefined;
}
