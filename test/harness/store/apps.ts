// What `npm start`, `npm run preview` and `npm run package` need from the apps: building them with
// Vite's JavaScript API only when their sources changed. The PWA's static server is serve-pwa.ts.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/harness/store/apps.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type BuildTarget = 'pwa' | 'badge' | 'extension';

interface TargetSpec {
  /** Folders and files (relative to the repository) whose changes require a rebuild. */
  inputs: string[];
  /** Left out of the inputs (e.g. the badge inside pwa/). */
  exclude?: string[];
  /** A file the build writes; if it changed or vanished since our build, somebody else built. */
  output: string;
}

const COMMON = ['shared', 'vite.config.ts', 'package.json', 'package-lock.json'];

export const TARGETS: Record<BuildTarget, TargetSpec> = {
  pwa: { inputs: ['pwa', ...COMMON], exclude: ['pwa/badge'], output: 'dist/pwa/index.html' },
  badge: { inputs: ['pwa/badge', 'pwa/build.config.ts', ...COMMON], output: 'dist/pwa/badge.js' },
  extension: { inputs: ['extension', ...COMMON], output: 'dist/extension/manifest.json' },
};

/** Builds in this order: the PWA empties dist/pwa, so the badge comes after it. */
export const BUILD_ORDER: BuildTarget[] = ['pwa', 'badge', 'extension'];

const STAMP = 'dist/.crosscheck-build-stamp.json';
const SKIP = new Set(['node_modules', 'dist', '.git']);

async function listFiles(root: string, rel: string, exclude: readonly string[], out: string[]): Promise<void> {
  const abs = join(root, rel);
  let s;
  try {
    s = await stat(abs);
  } catch {
    return;
  }
  if (s.isFile()) {
    out.push(rel);
    return;
  }
  if (!s.isDirectory()) return;
  for (const entry of await readdir(abs)) {
    const child = rel ? `${rel}/${entry}` : entry;
    if (SKIP.has(entry) || exclude.includes(child)) continue;
    await listFiles(root, child, exclude, out);
  }
}

/**
 * A fingerprint of a target's inputs: path, size and modification time of every source file, the
 * demo world's trust files (pinned into the builds) and the build's environment. Cheap enough to
 * run on every start (a few hundred stat calls).
 */
export async function inputFingerprint(target: BuildTarget, env: Record<string, string>, demoDir: string, root = REPO_ROOT): Promise<string> {
  const spec = TARGETS[target];
  const files: string[] = [];
  for (const input of spec.inputs) await listFiles(root, input, spec.exclude ?? [], files);
  const hash = createHash('sha256');
  for (const file of files.toSorted()) {
    const s = await stat(join(root, file));
    hash.update(`${file}\0${s.size}\0${Math.floor(s.mtimeMs)}\n`);
  }
  for (const trustFile of ['trust/roots.json', 'trust/bundle.txt']) {
    hash.update(`${trustFile}\0`);
    hash.update(await readFile(join(demoDir, trustFile)).catch(() => Buffer.from('missing')));
  }
  for (const [k, v] of Object.entries(env).toSorted()) hash.update(`${k}=${v}\n`);
  return hash.digest('hex');
}

async function outputSignature(target: BuildTarget, root: string): Promise<string | undefined> {
  try {
    const s = await stat(join(root, TARGETS[target].output));
    return `${s.size}:${Math.floor(s.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

type Stamp = Partial<Record<BuildTarget, { inputs: string; output: string }>>;

async function readStamp(root: string): Promise<Stamp> {
  try {
    return JSON.parse(await readFile(join(root, STAMP), 'utf8')) as Stamp;
  } catch {
    return {};
  }
}

export interface BuildPlanEntry {
  target: BuildTarget;
  build: boolean;
  why: string;
}

/** Which targets need a build, and why (shown to the user). */
export async function planBuilds(env: Record<BuildTarget, Record<string, string>>, demoDir: string, root = REPO_ROOT, force = false): Promise<BuildPlanEntry[]> {
  const stamp = await readStamp(root);
  const plan: BuildPlanEntry[] = [];
  for (const target of BUILD_ORDER) {
    const previous = stamp[target];
    const output = await outputSignature(target, root);
    let why: string | undefined;
    if (force) why = 'rebuild requested';
    else if (!output) why = `${TARGETS[target].output} missing`;
    else if (!previous) why = 'no record of an earlier build';
    else if (previous.output !== output) why = `${TARGETS[target].output} was rebuilt elsewhere`;
    else if (previous.inputs !== (await inputFingerprint(target, env[target], demoDir, root))) why = 'sources changed';
    // The PWA build empties dist/pwa, badge.js included.
    if (!why && target === 'badge' && plan.some((p) => p.target === 'pwa' && p.build)) why = 'the app was rebuilt';
    plan.push({ target, build: why !== undefined, why: why ?? 'up to date' });
  }
  return plan;
}

/**
 * Builds one target with Vite's JavaScript API and the repository's vite.config.ts, with `env`
 * set for the duration (the build configs read CROSSCHECK_* variables), then records the stamp.
 */
/**
 * One Vite build of `mode` with `env` set for its duration (restored after). It is a production
 * build whatever NODE_ENV the caller runs under (vitest sets "test"), since Vite derives
 * import.meta.env.DEV from it: a "test" build would ship no service-worker registration and
 * libraries' development code. `overrides` is merged into the inline config (an outDir for tests).
 */
export async function productionBuild(mode: BuildTarget, env: Record<string, string>, overrides: { outDir?: string } = {}, root = REPO_ROOT): Promise<void> {
  const { build } = await import('vite');
  const applied = { ...env, NODE_ENV: 'production' };
  const saved = new Map(Object.keys(applied).map((k) => [k, process.env[k]]));
  Object.assign(process.env, applied);
  try {
    // No `root` here: each mode's config sets its own (an inline root would override it).
    await build({
      configFile: join(root, 'vite.config.ts'),
      mode,
      logLevel: 'warn',
      ...(overrides.outDir ? { build: { outDir: overrides.outDir, emptyOutDir: true } } : {}),
    });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export async function buildTarget(target: BuildTarget, env: Record<string, string>, demoDir: string, root = REPO_ROOT): Promise<void> {
  await productionBuild(target, env, {}, root);
  await recordBuild(target, env, demoDir, root);
}

/** Notes that `target` was just built from the current sources (what planBuilds compares with). */
export async function recordBuild(target: BuildTarget, env: Record<string, string>, demoDir: string, root = REPO_ROOT): Promise<void> {
  const stamp = await readStamp(root);
  stamp[target] = { inputs: await inputFingerprint(target, env, demoDir, root), output: (await outputSignature(target, root)) ?? '' };
  await mkdir(dirname(join(root, STAMP)), { recursive: true });
  await writeFile(join(root, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
}

/** The environment each build reads: the demo world's roots, and for the demo extension loopback + the app's bundle URL. */
export function buildEnv(demoDir: string, appUrl: string): Record<BuildTarget, Record<string, string>> {
  const base = { CROSSCHECK_DEMO_DIR: demoDir };
  return {
    pwa: base,
    badge: base,
    extension: { ...base, CROSSCHECK_EXTENSION_LOOPBACK: '1', CROSSCHECK_TRUST_URL: `${appUrl}/trust/bundle.txt` },
  };
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export function demoExists(demoDir: string): boolean {
  return existsSync(join(demoDir, 'index.json'));
}
