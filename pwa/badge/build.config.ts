// Vite settings for badge.js (`vite build --mode badge`, called from ../../vite.config.ts). It runs
// after the PWA build and writes into the same dist/pwa WITHOUT emptying it, so the app serves
// /badge.js from its own origin beside /trust/bundle.txt.
//
// - Library mode, one ES module entry with a fixed name (merchants embed a stable URL) and the
//   verifier as a hashed chunk under assets/ (served with long caching, fetched only when a badge is
//   on the page). ES module output keeps `import.meta.url`, which tells badge.js its own origin.
// - Pinned roots: read with the PWA's own reader (readTrustInputs), so the badge and the app can
//   never pin different keys.
import type { Plugin, UserConfig } from 'vite';
import { readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTrustInputs } from '../build.config.ts';
import { openTrustBundle, type RootKey } from '../../shared/trust/index.ts';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const VIRTUAL_ROOTS = 'virtual:crosscheck-badge-roots';

function badgeRoots(): Plugin {
  let roots: unknown[] = [];
  let minimumSerial = 0;
  return {
    name: 'crosscheck-badge-roots',
    async buildStart() {
      const trust = readTrustInputs();
      roots = trust.roots;
      if (trust.roots.length === 0) this.warn(`[crosscheck badge] ${trust.problem ?? 'no pinned roots'}: every badge will say "cannot check"`);
      // The bundle published with this build sets the badge's floor against rollback.
      minimumSerial = 0;
      if (trust.bundle && trust.roots.length > 0) {
        const opened = await openTrustBundle(trust.bundle, trust.roots as unknown as readonly RootKey[]);
        if (opened.ok) minimumSerial = opened.value.serial;
        else this.warn(`[crosscheck badge] the published bundle does not open (${opened.error.code}): no rollback floor`);
      }
    },
    resolveId(id) {
      return id === VIRTUAL_ROOTS ? `\0${VIRTUAL_ROOTS}` : undefined;
    },
    load(id) {
      return id === `\0${VIRTUAL_ROOTS}`
        ? `export const pinnedRoots = ${JSON.stringify(roots)};\nexport const minimumSerial = ${minimumSerial};`
        : undefined;
    },
  };
}

/** dist/pwa is not emptied for the badge, so its own earlier chunks are removed here. */
function removeStaleBadgeChunks(): Plugin {
  let outDir = '';
  return {
    name: 'crosscheck-badge-clean',
    configResolved(config) {
      // The resolved folder: a caller may have passed another build.outDir.
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      let files: string[] = [];
      try {
        files = readdirSync(`${outDir}/assets`);
      } catch {
        return;
      }
      for (const f of files) if (/^badge-.*\.js$/.test(f)) rmSync(`${outDir}/assets/${f}`);
    },
  };
}

export function badgeConfig(): UserConfig {
  return {
    root: r('.'),
    publicDir: false,
    // Library mode leaves process.env.NODE_ENV alone; the browser has no `process`.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: r('../../dist/pwa'),
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: r('./badge.ts'), formats: ['es'], fileName: () => 'badge.js' },
      rolldownOptions: {
        output: { chunkFileNames: 'assets/badge-[name]-[hash].js' },
      },
    },
    plugins: [badgeRoots(), removeStaleBadgeChunks()],
  };
}
