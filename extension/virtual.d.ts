/// <reference types="@crxjs/vite-plugin/client" />
// Modules made by extension/build.config.ts and @crxjs/vite-plugin at build time.
declare module 'virtual:crosscheck-extension-trust' {
  /** Pinned root keys: `[{ kid, alg, publicKeyJwk }]` from the demo world's trust/roots.json. */
  export const pinnedRoots: unknown[];
  /** The trust bundle shipped with this build ('' when built without one). */
  export const builtInBundle: string;
  /** Where the background refreshes the bundle from. */
  export const bundleUrl: string;
  /** The PWA's origin: the only web page whose messages the background answers (SYNC.md). */
  export const appOrigin: string;
}

declare module 'virtual:crosscheck-content-scripts' {
  /** The built generic content script (content/entries/generic.js), registered for sites the user switches on. */
  export const genericScriptFile: string;
  /** The match patterns of the shops' own content scripts (the manifest's), read from content/sites/ at build time. */
  export const shopMatches: readonly string[];
}
