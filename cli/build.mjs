#!/usr/bin/env node
// Builds the merchant CLI into dist/cli/ so that `crosscheck` starts without the tsx loader:
// esbuild (installed with vite) bundles cli/ and the core it imports, one chunk per command, with
// npm packages left as imports of node_modules (the batch worker is built apart, below). The
// entry knows every command's name and one-line summary (read from its `summary: '…'` line), so
// `crosscheck help` loads no command module at all; a command's chunk is loaded when it runs.
// dist/cli/build.json lists the source files that went in: cli/crosscheck.mjs uses the build only
// while none is newer than it, and falls back to tsx otherwise (`npm run build:cli` refreshes it;
// `npm ci` runs it as `prepare`).
// A failed build is a warning, never a failed install: the CLI then runs through tsx.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(cliDir);
const distDir = join(root, 'dist', 'cli');
const commandsDir = join(cliDir, 'commands');

/** Command names and their summaries, as main.ts's listCommands finds them. */
export function commandTable() {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .toSorted()
    .map((name) => {
      const text = readFileSync(join(commandsDir, `${name}.ts`), 'utf8');
      const m = /^\s*summary:\s*'((?:[^'\\]|\\.)*)',?\s*$/m.exec(text);
      return { name, summary: m ? m[1].replace(/\\(.)/g, '$1') : undefined };
    });
}

function entrySource(table) {
  const loaders = table.map(({ name }) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(`./commands/${name}.ts`)}),`).join('\n');
  const summaries = Object.fromEntries(table.filter((c) => c.summary !== undefined).map((c) => [c.name, c.summary]));
  return `import { runProgram } from './main.ts';
const loaders = {
${loaders}
};
const summaries = ${JSON.stringify(summaries)};
const program = {
  name: 'crosscheck',
  list: async () => Object.keys(loaders),
  load: async (name) => (Object.hasOwn(loaders, name) ? (await loaders[name]()).command : undefined),
  summary: async (name) => summaries[name],
};
export const main = (argv, io) => runProgram(program, argv, io);
`;
}

/** The generated entry (entrySource) as the module `crosscheck-entry`. */
function entryPlugin(table) {
  return {
    name: 'crosscheck-entry',
    setup(b) {
      b.onResolve({ filter: /^crosscheck-entry$/ }, () => ({ path: 'crosscheck-entry', namespace: 'crosscheck' }));
      b.onLoad({ filter: /.*/, namespace: 'crosscheck' }, () => ({ contents: entrySource(table), loader: 'js', resolveDir: cliDir }));
    },
  };
}

/** Leaves every npm package external (an import of node_modules) except those named. */
function bundleOnly(names) {
  return {
    name: 'bundle-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path === 'crosscheck-entry' || args.path.startsWith('node:')) return undefined;
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return names.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

export async function buildCli() {
  const { build } = await import('esbuild');
  // Sources changed after this instant make the build stale, even those changed while it runs.
  const startedAt = Date.now();
  const table = commandTable();
  const tmp = `${distDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const common = { bundle: true, format: 'esm', platform: 'node', target: 'node20', metafile: true, logLevel: 'warning', legalComments: 'none' };
  const result = await build({
    ...common,
    entryPoints: { crosscheck: 'crosscheck-entry' },
    splitting: true,
    packages: 'external',
    plugins: [entryPlugin(table)],
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  // The batch signer's worker thread, a build of its own: cli/batch/batch.ts starts it as
  // `./worker.mjs` beside the module that asks, which in the build is a file in chunks/. One file,
  // with zod in it (tree-shaken), unlike the commands: in the shared chunks it came with what the
  // other commands use of zod (its locales, classic zod: 680 KB), and as zod/mini's ~50 modules in
  // node_modules it took Node 20's ESM loader ~180 ms of CPU per thread. Each `issue --batch` worker
  // loads it (issue 14): a worker now starts in ~120 ms of CPU instead of ~280, most of it Node's own.
  const worker = await build({
    ...common,
    entryPoints: [join(cliDir, 'batch', 'worker.ts')],
    plugins: [bundleOnly(['zod'])],
    outfile: join(tmp, 'chunks', 'worker.mjs'),
  });
  const inputs = [...Object.keys(result.metafile.inputs), ...Object.keys(worker.metafile.inputs)]
    .filter((p) => !p.includes(':') && !p.includes('node_modules'))
    .map((p) => relative(root, join(root, p)))
    .filter((p, i, all) => all.indexOf(p) === i);
  // The commands folder itself: a command added or removed changes its mtime.
  writeFileSync(join(tmp, 'build.json'), `${JSON.stringify({ builtAt: startedAt, inputs: ['cli/commands', ...inputs.toSorted()] }, null, 1)}\n`);
  // Swap in the new build in two renames, so a run never sees a half-written one.
  mkdirSync(dirname(distDir), { recursive: true });
  const old = `${distDir}.old-${process.pid}`;
  try {
    renameSync(distDir, old);
  } catch {
    // no previous build
  }
  renameSync(tmp, distDir);
  rmSync(old, { recursive: true, force: true });
  return { inputs: inputs.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  try {
    const { inputs } = await buildCli();
    process.stderr.write(`crosscheck: built dist/cli/crosscheck.mjs from ${inputs} sources in ${Math.round(performance.now() - started)} ms\n`);
  } catch (e) {
    process.stderr.write(`crosscheck: could not build the CLI (${e instanceof Error ? e.message : String(e)}); it runs through tsx instead\n`);
  }
}
