// Build-time module made by pwa/badge/build.config.ts from the same roots.json the PWA pins.
declare module 'virtual:crosscheck-badge-roots' {
  export const pinnedRoots: ReadonlyArray<{ kid: string; alg: string; publicKeyJwk: Record<string, unknown> }>;
  /** The serial of the trust bundle published with this build (0 without one): no older bundle is taken. */
  export const minimumSerial: number;
}
