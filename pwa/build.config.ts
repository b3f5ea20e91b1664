// Vite settings for the PWA (`vite build --mode pwa`, called from ../vite.config.ts).
//
// - Pinned trust roots come from the demo world (`$CROSSCHECK_DEMO_DIR` or dist/demo): roots.json is
//   compiled into the app as the contents of pwa/src/build-info.ts; trust/bundle.txt is copied next to the app
//   so it is served from our own origin and refreshed in the background. No demo dir → the app
//   builds with no pinned roots and says so on screen.
// - Icons are generated from code (pwa/icons/app-icon.ts), not committed as binaries.
// - vite-plugin-pwa generates the service worker: precache everything incl. the zxing wasm (so the
//   scanner works offline), `clientsClaim: true` (toolchain.md §3: not implied in v2), no
//   `skipWaiting` — a new version waits until the user accepts the update prompt (workbox-window).
import type { Plugin, UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { appIconFiles } from './icons/app-icon.ts';
import { DEMO_EXTENSION_ID } from '../extension/demo-key.ts';
import { messages } from './src/messages.ts';
import { THEME_COLORS } from './src/theme.ts';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The install sheet's pictures: screenshots of the real UI that `npm run screenshots` writes
 * (test/e2e/screenshots.ts), copied into the build as screenshots/*.png. "narrow" ones are shown on
 * phones, "wide" ones on desktop (Chrome's richer install UI wants at least one of each).
 */
export const MANIFEST_SCREENSHOTS = [
  { file: 'app-verdict-genuine-yours.png', form_factor: 'narrow', label: 'verify.title' },
  { file: 'app-ledger.png', form_factor: 'narrow', label: 'ledger.title' },
  { file: 'app-wide-ledger.png', form_factor: 'wide', label: 'ledger.title' },
] as const;
const SCREENSHOT_DIR = r('../test/screenshots');

/** Width × height from a PNG's IHDR chunk. */
function pngPixels(png: Buffer): string {
  return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

/** The manifest's screenshots member, from the files as they are (a missing one is left out). */
export function manifestScreenshots(dir = SCREENSHOT_DIR) {
  return MANIFEST_SCREENSHOTS.filter((s) => existsSync(`${dir}/${s.file}`)).map((s) => ({
    src: `/screenshots/${s.file}`,
    sizes: pngPixels(readFileSync(`${dir}/${s.file}`)),
    type: 'image/png',
    form_factor: s.form_factor,
    label: messages['zh-CN'][s.label],
  }));
}

export interface PinnedRoot {
  kid: string;
  alg: string;
  publicKeyJwk: Record<string, unknown>;
}

interface TrustInputs {
  demoDir: string;
  roots: PinnedRoot[];
  bundle: string | undefined;
  problem: string | undefined;
}

/** Reads what the demo world offers; never throws (a missing demo dir is a supported build). */
export function readTrustInputs(demoDir = process.env.CROSSCHECK_DEMO_DIR ?? r('../dist/demo')): TrustInputs {
  const rootsFile = `${demoDir}/trust/roots.json`;
  const bundleFile = `${demoDir}/trust/bundle.txt`;
  if (!existsSync(rootsFile)) {
    return { demoDir, roots: [], bundle: undefined, problem: `no ${rootsFile}: built without pinned roots` };
  }
  try {
    const parsed = JSON.parse(readFileSync(rootsFile, 'utf8')) as unknown;
    if (!Array.isArray(parsed)) throw new Error('roots.json is not an array');
    const roots = parsed.filter(
      (x): x is PinnedRoot =>
        !!x && typeof x === 'object' && typeof x.kid === 'string' && typeof x.alg === 'string' && !!x.publicKeyJwk,
    );
    const bundle = existsSync(bundleFile) ? readFileSync(bundleFile, 'utf8').trim() : undefined;
    return { demoDir, roots, bundle, problem: bundle ? undefined : `no ${bundleFile}` };
  } catch (e) {
    return { demoDir, roots: [], bundle: undefined, problem: `unreadable ${rootsFile}: ${(e as Error).message}` };
  }
}

/**
 * The browser extension ids the app keeps one ledger with (SYNC.md): `$CROSSCHECK_EXTENSION_IDS`
 * (comma-separated; the store's id for a release), else the demo build's fixed id. Empty: none.
 * The demo id comes from a public key, so anyone can load an extension with it: taken by default,
 * it is asked only from a loopback page (`loopbackOnly`, enforced by the app at run time,
 * extension-runtime.ts), so an app deployed without the variable never hands its ledger to it.
 */
export function extensionIds(env = process.env.CROSSCHECK_EXTENSION_IDS): { ids: string[]; loopbackOnly: boolean } {
  const ids = env === undefined ? [DEMO_EXTENSION_ID] : env.split(',').map((s) => s.trim()).filter(Boolean);
  return { ids: ids.filter((id) => /^[a-p]{32}$/.test(id)), loopbackOnly: env === undefined };
}

/** The module whose contents the build replaces with the pinned roots (see its own comment). */
const BUILD_INFO = r('./src/build-info.ts');

/**
 * Only our own origin: no analytics, no CDN, no font service. The zxing wasm is self-hosted and
 * needs 'wasm-unsafe-eval'. Added at build time only, because Vite's dev server injects inline code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Pinned roots compiled into build-info.ts, bundle.txt and icons as emitted files. */
function crosscheckAssets(): Plugin {
  let trust: TrustInputs;
  return {
    name: 'crosscheck-pwa-assets',
    // The app's root is pwa/ whatever a caller passes inline (test/e2e/global-setup.ts passes the
    // repository root for both apps; an inline root would otherwise win and lose index.html).
    config: () => ({ root: r('.') }),
    buildStart() {
      trust = readTrustInputs();
      if (trust.problem) this.warn(`[crosscheck pwa] ${trust.problem}`);
    },
    load(id) {
      if (id.split('?')[0] !== BUILD_INFO) return undefined;
      return [
        `export const pinnedRoots = ${JSON.stringify(trust.roots)};`,
        `export const bundleShipped = ${JSON.stringify(!!trust.bundle)};`,
        `export const buildLabel = ${JSON.stringify(process.env.CROSSCHECK_BUILD_LABEL ?? '')};`,
        `export const extensionIds = ${JSON.stringify(extensionIds().ids)};`,
        `export const extensionIdsLoopbackOnly = ${JSON.stringify(extensionIds().loopbackOnly)};`,
      ].join('\n');
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.server) return html;
        return html.replace(
          '<meta charset="utf-8" />',
          `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
        );
      },
    },
    generateBundle() {
      for (const icon of appIconFiles()) this.emitFile({ type: 'asset', ...icon });
      for (const shot of MANIFEST_SCREENSHOTS) {
        const file = `${SCREENSHOT_DIR}/${shot.file}`;
        if (existsSync(file)) this.emitFile({ type: 'asset', fileName: `screenshots/${shot.file}`, source: readFileSync(file) });
        else this.warn(`[crosscheck pwa] no ${file}: run npm run screenshots`);
      }
      if (trust.bundle) this.emitFile({ type: 'asset', fileName: 'trust/bundle.txt', source: `${trust.bundle}\n` });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0];
        const icon = appIconFiles().find((f) => `/${f.fileName}` === path);
        const fresh = readTrustInputs();
        if (path === '/trust/bundle.txt' && fresh.bundle) {
          res.setHeader('content-type', 'text/plain; charset=utf-8');
          res.end(fresh.bundle);
        } else if (icon) {
          res.setHeader('content-type', icon.fileName.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
          res.end(icon.source);
        } else next();
      });
    },
  };
}

export function pwaConfig(): UserConfig {
  return {
    root: r('.'),
    base: '/',
    publicDir: false,
    build: {
      outDir: r('../dist/pwa'),
      emptyOutDir: true,
      // .vite/manifest.json: the size report (pwa/size.ts) reads route chunks from it.
      manifest: true,
      target: 'es2022',
      // The zxing wasm must stay a separate, precached file (never inlined as base64).
      assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
      modulePreload: { polyfill: false },
    },
    preview: { port: Number(process.env.PORT ?? 4173), strictPort: true },
    plugins: [
      preact(),
      crosscheckAssets(),
      VitePWA({
        strategies: 'generateSW',
        registerType: 'prompt',
        injectRegister: false,
        manifestFilename: 'manifest.webmanifest',
        includeManifestIcons: false,
        manifest: {
          id: '/',
          name: 'CrossCheck',
          short_name: 'CrossCheck',
          description: 'Verify cross-border parcels offline and keep your personal import quota ledger.',
          lang: 'zh-CN',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          // Any orientation: a phone on a stand or a tablet in landscape works too (WCAG 1.3.4).
          orientation: 'any',
          theme_color: THEME_COLORS.light,
          background_color: '#ffffff',
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
            { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          ],
          // Long-press on the installed icon: straight to the scanner or the ledger.
          shortcuts: [
            { name: messages['zh-CN']['scan.title'], short_name: messages['zh-CN']['nav.scan'], url: '/scan', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
            { name: messages['zh-CN']['ledger.title'], short_name: messages['zh-CN']['nav.ledger'], url: '/ledger', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] },
          ],
          screenshots: manifestScreenshots(),
        },
        workbox: {
          // (manifest.webmanifest is added by the plugin itself.)
          globPatterns: ['**/*.{js,css,html,wasm,svg,png}'],
          // The trust bundle changes without an app release: the app fetches it itself (no-store),
          // verifies it against the pinned roots and keeps the last good copy in IndexedDB.
          // The install sheet's screenshots are for the browser's install UI, never needed offline.
          globIgnores: ['trust/**', 'screenshots/**'],
          navigateFallback: 'index.html',
          navigateFallbackDenylist: [/^\/trust\//, /\.[a-z0-9]+$/i],
          clientsClaim: true,
          skipWaiting: false,
          cleanupOutdatedCaches: true,
          // zxing_reader.wasm is 1.09 MB; workbox's default ceiling is 2 MiB — keep headroom explicit.
          maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        },
      }),
    ],
  };
}
