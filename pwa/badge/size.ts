// Size of what a merchant's page downloads for the badge, gzip level 9, 1 kB = 1000 bytes.
//
// Budget (issue 6): badge.js ≤ 10 kB gzip without the bundle data. badge.js is what every page
// with a badge or a receipt button loads: the elements, their styles and texts. The verifier (the
// shared core: container, CBOR, claims schemas, trust bundle, verdict with its zh-CN/en reasons) is
// a separate chunk from the same origin, fetched only when a listing badge is on the page, cached
// immutably; its size is reported beside the budget, not hidden in it. VERIFIER_CEILING only
// catches regressions (a UI library or a second copy of the core pulled in by mistake).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BADGE_BUDGET_GZIP = 10_000;
/**
 * Measured 75.8 kB gzip when the badge landed; 46.2 kB once cbor2 left the browser path and the
 * core's schemas moved to zod/mini; 35.7 kB once listing-check opened the bundle with
 * openTrustBundle (no tax rules); 42.1 kB once the trust work of issue 10 landed (the verdict's
 * reasons for buyer binding, stale trust data and the clock floor; the codec's typed errors for
 * non-canonical zlib, high-s and float keys; the buyer commitment's HMAC-SHA-256, 2.3 kB minified,
 * measured with an esbuild metafile). The ceiling keeps ~4 kB of room for the core's own growth and
 * catches a UI library, a second copy of the core or shared/policy sneaking back in.
 */
export const VERIFIER_CEILING_GZIP = 46_000;

export interface BadgeFileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BadgeSizeReport {
  entry: BadgeFileSize & { budget: number; withinBudget: boolean };
  /** Chunks badge.js imports lazily (assets/badge-*.js). */
  verifier: BadgeFileSize[];
  verifierGzip: number;
  /** What a page with a listing badge downloads in all, without the trust bundle. */
  totalGzip: number;
}

function sizeOf(dir: string, file: string): BadgeFileSize {
  const bytes = readFileSync(join(dir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function badgeSizeReport(distDir: string): BadgeSizeReport {
  const entry = sizeOf(distDir, 'badge.js');
  // The chunks badge.js names, not whatever badge-*.js files an earlier build left behind.
  const text = readFileSync(join(distDir, 'badge.js'), 'utf8');
  const named = new Set([...text.matchAll(/["'`](?:\.\/)?(assets\/badge-[\w.-]+\.js)["'`]/g)].map((m) => m[1]!));
  const verifier = [...named].filter((f) => existsSync(join(distDir, f))).map((f) => sizeOf(distDir, f));
  const verifierGzip = verifier.reduce((n, f) => n + f.gzip, 0);
  return {
    entry: { ...entry, budget: BADGE_BUDGET_GZIP, withinBudget: entry.gzip <= BADGE_BUDGET_GZIP },
    verifier,
    verifierGzip,
    totalGzip: entry.gzip + verifierGzip,
  };
}
