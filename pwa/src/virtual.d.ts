// Build-time module made by pwa/build.config.ts from the demo world's trust/roots.json.
declare module 'virtual:crosscheck-trust' {
  export const pinnedRoots: ReadonlyArray<{ kid: string; alg: string; publicKeyJwk: Record<string, unknown> }>;
  export const bundleShipped: boolean;
  export const buildLabel: string;
}
