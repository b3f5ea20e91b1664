// Size report of the built PWA: gzip sizes of the initial JavaScript (what a first visit must
// download before the app is interactive) and of each lazy route, read from Vite's build manifest.
// Budgets (issue 4; ux-anchors.md §6): initial JS ≤ 60 kB gzip — Preact + hooks + workbox-window
// leave room for the shell; the scan route ≤ 25 kB gzip of JS plus the zxing wasm, fetched only
// on that route and precached for offline. 1 kB = 1000 bytes here (the stricter reading).
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = { initialJsGzip: 60_000, scanRouteJsGzip: 25_000 } as const;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
type ViteManifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface PartSize {
  files: FileSize[];
  bytes: number;
  gzip: number;
}

export interface PwaSizeReport {
  distDir: string;
  initialJs: PartSize & { budget: number; withinBudget: boolean };
  /** JS a route adds on top of the initial load (its chunk, its static imports, its own lazy chunks). */
  routes: Record<string, PartSize>;
  /** Loaded by the home screen after first paint (ledger summary, trust age): Dexie, zod, policy. */
  homeDeferred: PartSize;
  scanRoute: PartSize & { budget: number; withinBudget: boolean; wasm: FileSize | undefined };
  css: PartSize;
  /** Everything the service worker precaches (what an offline-ready install costs). */
  precacheBytes: number;
}

function sizeOf(distDir: string, file: string): FileSize {
  const bytes = readFileSync(join(distDir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function part(distDir: string, files: Iterable<string>): PartSize {
  const list = [...new Set(files)].toSorted().map((f) => sizeOf(distDir, f));
  return {
    files: list,
    bytes: list.reduce((n, f) => n + f.bytes, 0),
    gzip: list.reduce((n, f) => n + f.gzip, 0),
  };
}

function staticClosure(manifest: ViteManifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

const ROUTE_SOURCES: Record<string, string> = {
  verify: 'src/routes/verify.tsx',
  scan: 'src/routes/scan.tsx',
  ledger: 'src/routes/ledger.tsx',
  'receipt-import': 'src/routes/receipt-import.tsx',
  settings: 'src/routes/settings.tsx',
};

export function pwaSizeReport(distDir: string): PwaSizeReport {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} missing: build the PWA first (npm run build:pwa)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the Vite manifest');
  const initialKeys = staticClosure(manifest, entryKey);
  const initialFiles = [...initialKeys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const initialJs = part(distDir, initialFiles);

  const routes: Record<string, PartSize> = {};
  let scanWasm: FileSize | undefined;
  for (const [name, src] of Object.entries(ROUTE_SOURCES)) {
    if (!manifest[src]) continue;
    const keys = new Set([...staticClosure(manifest, src)].filter((k) => !initialKeys.has(k)));
    // A route's own lazy chunks (e.g. the barcode ponyfill behind the scan route) count for it;
    // the shell's lazy imports (the other routes) do not.
    // (Iterating the set while adding to it also visits the added chunks: their lazy imports count.)
    for (const key of keys) {
      for (const dyn of manifest[key]?.dynamicImports ?? []) {
        if (Object.values(ROUTE_SOURCES).includes(dyn)) continue;
        for (const k of staticClosure(manifest, dyn)) if (!initialKeys.has(k)) keys.add(k);
      }
    }
    const files = [...keys].filter((k) => !initialKeys.has(k)).map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
    routes[name] = part(distDir, files);
    if (name === 'scan') {
      const wasm = [...keys].flatMap((k) => manifest[k]?.assets ?? []).find((a) => a.endsWith('.wasm'));
      const anyWasm = wasm ?? Object.values(manifest).find((c) => c.file.endsWith('.wasm'))?.file;
      scanWasm = anyWasm ? sizeOf(distDir, anyWasm) : undefined;
    }
  }
  // What the home screen loads right after its first paint (quota summary, trust status).
  const deferred = new Set<string>();
  for (const key of initialKeys) {
    for (const dyn of manifest[key]?.dynamicImports ?? []) {
      if (Object.values(ROUTE_SOURCES).includes(dyn)) continue;
      for (const k of staticClosure(manifest, dyn)) if (!initialKeys.has(k)) deferred.add(k);
    }
  }
  const homeDeferred = part(distDir, [...deferred].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js')));
  const scan = routes.scan ?? { files: [], bytes: 0, gzip: 0 };
  const cssFiles = Object.values(manifest).flatMap((c) => c.css ?? []);
  const swPath = join(distDir, 'sw.js');
  let precacheBytes = 0;
  if (existsSync(swPath)) {
    const sw = readFileSync(swPath, 'utf8');
    for (const m of sw.matchAll(/url:"([^"]+)"/g)) {
      const p = join(distDir, m[1]!);
      if (existsSync(p)) precacheBytes += statSync(p).size;
    }
  }
  return {
    distDir,
    initialJs: { ...initialJs, budget: BUDGETS.initialJsGzip, withinBudget: initialJs.gzip <= BUDGETS.initialJsGzip },
    routes,
    homeDeferred,
    scanRoute: { ...scan, budget: BUDGETS.scanRouteJsGzip, withinBudget: scan.gzip <= BUDGETS.scanRouteJsGzip, wasm: scanWasm },
    css: part(distDir, cssFiles),
    precacheBytes,
  };
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export function formatPwaSizeReport(r: PwaSizeReport): string {
  const lines = [
    `PWA size (${r.distDir})`,
    `  initial JS   ${kb(r.initialJs.gzip)} gzip (${kb(r.initialJs.bytes)} raw), budget ${kb(r.initialJs.budget)}: ${r.initialJs.withinBudget ? 'ok' : 'OVER'}`,
    `  scan route   ${kb(r.scanRoute.gzip)} gzip JS, budget ${kb(r.scanRoute.budget)}: ${r.scanRoute.withinBudget ? 'ok' : 'OVER'}` +
      (r.scanRoute.wasm ? `; + wasm ${kb(r.scanRoute.wasm.gzip)} gzip (${kb(r.scanRoute.wasm.bytes)} raw)` : ''),
  ];
  lines.push(`  home, after first paint +${kb(r.homeDeferred.gzip)} gzip`);
  for (const [name, p] of Object.entries(r.routes)) {
    if (name !== 'scan') lines.push(`  ${name.padEnd(12)} +${kb(p.gzip)} gzip`);
  }
  lines.push(`  CSS          ${kb(r.css.gzip)} gzip`, `  precache     ${kb(r.precacheBytes)} raw`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  console.log(formatPwaSizeReport(pwaSizeReport(process.argv[2] ?? 'dist/pwa')));
}
