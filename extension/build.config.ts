// Vite settings for the extension (`vite build --mode extension`, called from ../vite.config.ts).
//
// - @crxjs/vite-plugin builds from extension/manifest.config.ts: one content script per shop (IIFE,
//   self-contained), the service worker, popup and options pages.
// - Trust: the pinned roots (`$CROSSCHECK_DEMO_DIR/trust/roots.json`) and a built-in copy of the
//   trust bundle (`…/trust/bundle.txt`) are compiled into the background as
//   `virtual:crosscheck-extension-trust`. The background refreshes the bundle from
//   `$CROSSCHECK_TRUST_URL` (default: the PWA's own origin, `http://localhost:4173/trust/bundle.txt`).
//   No demo dir → the extension builds without pinned roots and says "not verified" everywhere.
// - `$CROSSCHECK_EXTENSION_LOOPBACK=1` adds http://localhost and http://127.0.0.1 to the generic
//   content script's matches, for the demo store (issue 6) and local testing; never in a store build.
import type { Plugin, UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeManifest } from './manifest.config.ts';
import { ICON_SIZES, iconPng } from './icons.ts';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** One self-contained script per shop, plus the generic one registered for user-granted sites. */
export const CONTENT_ENTRIES = ['content/entries/tmall-hk.ts', 'content/entries/jd-hk.ts', 'content/entries/generic.ts'];

export const DEFAULT_TRUST_URL = 'http://localhost:4173/trust/bundle.txt';

export interface ExtensionTrustInputs {
  roots: unknown[];
  bundle: string;
  bundleUrl: string;
  problem: string | undefined;
}

/** Reads the demo world's roots and bundle; never throws (no demo dir is a supported build). */
export function readExtensionTrust(
  demoDir = process.env.CROSSCHECK_DEMO_DIR ?? r('../dist/demo'),
  bundleUrl = process.env.CROSSCHECK_TRUST_URL ?? DEFAULT_TRUST_URL,
): ExtensionTrustInputs {
  const rootsFile = `${demoDir}/trust/roots.json`;
  const bundleFile = `${demoDir}/trust/bundle.txt`;
  if (!existsSync(rootsFile)) return { roots: [], bundle: '', bundleUrl, problem: `no ${rootsFile}` };
  try {
    const roots = JSON.parse(readFileSync(rootsFile, 'utf8')) as unknown;
    if (!Array.isArray(roots)) throw new Error('not an array');
    const bundle = existsSync(bundleFile) ? readFileSync(bundleFile, 'utf8').trim() : '';
    return { roots, bundle, bundleUrl, problem: bundle ? undefined : `no ${bundleFile}` };
  } catch (e) {
    return { roots: [], bundle: '', bundleUrl, problem: `unreadable ${rootsFile}: ${(e as Error).message}` };
  }
}

const VIRTUAL_TRUST = 'virtual:crosscheck-extension-trust';

function trustModule(): Plugin {
  let trust: ExtensionTrustInputs;
  return {
    name: 'crosscheck-extension-trust',
    buildStart() {
      trust = readExtensionTrust();
      if (trust.problem) this.warn(`[crosscheck extension] ${trust.problem}: built without trust data`);
    },
    resolveId(id) {
      return id === VIRTUAL_TRUST ? `\0${VIRTUAL_TRUST}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL_TRUST}`) return undefined;
      return [
        `export const pinnedRoots = ${JSON.stringify(trust.roots)};`,
        `export const builtInBundle = ${JSON.stringify(trust.bundle)};`,
        `export const bundleUrl = ${JSON.stringify(trust.bundleUrl)};`,
      ].join('\n');
    },
  };
}

/**
 * Content scripts are self-contained IIFEs (crxjs `standaloneFiles`), so nothing has to be exposed to
 * pages: crxjs would otherwise list the content chunks (and the `?iife` file the background registers)
 * in web_accessible_resources, which lets any page fingerprint the extension
 * (crxjs/chrome-extension-tools#1130). Registered and manifest content scripts need no such entry.
 */
function noWebAccessibleResources(): Plugin {
  return {
    name: 'crosscheck-no-web-accessible-resources',
    enforce: 'post',
    // crxjs writes manifest.json last, so the rewrite happens on disk once the bundle is written.
    writeBundle(options) {
      const file = `${options.dir ?? r('../dist/extension')}/manifest.json`;
      if (!existsSync(file)) return;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: unknown };
      delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

function toolbarIcons(): Plugin {
  return {
    name: 'crosscheck-extension-icons',
    generateBundle() {
      for (const size of ICON_SIZES) {
        this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: iconPng(size) });
      }
    },
  };
}

export function extensionConfig(): UserConfig {
  const loopback = process.env.CROSSCHECK_EXTENSION_LOOPBACK === '1';
  const bundleUrl = process.env.CROSSCHECK_TRUST_URL ?? DEFAULT_TRUST_URL;
  return {
    root: r('.'),
    publicDir: r('./public'),
    build: {
      outDir: r('../dist/extension'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: false,
      // Readable output helps store review (refined-github ships unminified for the same reason);
      // we still minify: the content-script budget is measured gzipped on what we ship.
      minify: true,
    },
    plugins: [
      // A caller may pass its own `root` inline (test/e2e/global-setup.ts passes the repository
      // root); the extension's entries are relative to extension/, so this folder wins.
      { name: 'crosscheck-extension-root', config: () => ({ root: r('.') }) },
      preact(),
      trustModule(),
      toolbarIcons(),
      crx({
        manifest: makeManifest({ loopback, bundleUrl }),
        contentScripts: { standaloneFiles: CONTENT_ENTRIES },
      }),
      noWebAccessibleResources(),
    ],
  };
}
