// What the build knows: the trust roots pinned into the app, a build label and the extension ids. At build time
// pwa/build.config.ts replaces this module's contents with the demo world's trust/roots.json (or
// an empty list, and the app says it cannot verify). These defaults are what unit tests see.
export interface PinnedRoot {
  kid: string;
  alg: string;
  publicKeyJwk: Record<string, unknown>;
}

export const pinnedRoots: readonly PinnedRoot[] = [];
export const bundleShipped: boolean = false;
export const buildLabel: string = '';
/** The browser extension ids the app keeps one ledger with (SYNC.md); none in unit tests. */
export const extensionIds: readonly string[] = [];
/** True when `extensionIds` is the demo build's default (a public key's id): asked from loopback pages only. */
export const extensionIdsLoopbackOnly: boolean = false;
