import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildEnv, planBuilds, recordBuild, type BuildTarget } from '../../../harness/store/apps.ts';
import { appPort } from '../../../harness/commands/start.ts';
import { memoryIo } from '../../../harness/memory-io.ts';
import { runHarness } from '../../../harness/run.ts';
import { ICON_SIZES, iconPng } from '../../../../extension/icons.ts';

let root: string;
let demo: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A checkout in miniature: sources of each app, the outputs, a demo world's trust files. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crosscheck-apps-'));
  demo = join(root, 'dist/demo');
  for (const f of ['pwa/src/main.tsx', 'pwa/badge/badge.ts', 'pwa/build.config.ts', 'extension/background/index.ts', 'shared/money/index.ts', 'vite.config.ts', 'package.json', 'package-lock.json']) write(f, f);
  write('dist/demo/trust/roots.json', '[]');
  write('dist/demo/trust/bundle.txt', 'CC1:A');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const envAt4173 = () => buildEnv(demo, 'http://localhost:4173');

function built(target: BuildTarget): Promise<void> {
  const output = { pwa: 'dist/pwa/index.html', badge: 'dist/pwa/badge.js', extension: 'dist/extension/manifest.json' }[target];
  write(output, `${target} ${Math.random()}`);
  return recordBuild(target, envAt4173()[target], demo, root);
}

async function plan(): Promise<Record<string, string>> {
  return Object.fromEntries((await planBuilds(envAt4173(), demo, root)).map((p) => [p.target, p.why]));
}

describe('planBuilds (npm start builds only what changed)', () => {
  it('builds everything the first time, nothing once recorded', async () => {
    expect(await plan()).toEqual({ pwa: 'dist/pwa/index.html missing', badge: 'dist/pwa/badge.js missing', extension: 'dist/extension/manifest.json missing' });
    for (const t of ['pwa', 'badge', 'extension'] as const) await built(t);
    expect(await plan()).toEqual({ pwa: 'up to date', badge: 'up to date', extension: 'up to date' });
  });

  it.each([
    ['a shared source', 'shared/money/index.ts', { pwa: 'sources changed', badge: 'sources changed', extension: 'sources changed' }],
    ['an app source', 'pwa/src/main.tsx', { pwa: 'sources changed', badge: 'the app was rebuilt', extension: 'up to date' }],
    ['a badge source', 'pwa/badge/badge.ts', { pwa: 'up to date', badge: 'sources changed', extension: 'up to date' }],
    ['an extension source', 'extension/background/index.ts', { pwa: 'up to date', badge: 'up to date', extension: 'sources changed' }],
    ['the pinned roots', 'dist/demo/trust/roots.json', { pwa: 'sources changed', badge: 'sources changed', extension: 'sources changed' }],
  ])('after editing %s', async (_, file, expected) => {
    for (const t of ['pwa', 'badge', 'extension'] as const) await built(t);
    write(file, `${file} edited, longer`);
    expect(await plan()).toEqual(expected);
  });

  it('notices an output rebuilt by someone else (npm run build, the test setup)', async () => {
    for (const t of ['pwa', 'badge', 'extension'] as const) await built(t);
    write('dist/extension/manifest.json', 'a store build, without loopback');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'dist/extension/manifest.json'), later, later);
    expect((await plan()).extension).toBe('dist/extension/manifest.json was rebuilt elsewhere');
  });

  it('rebuilds the extension for another app port (its trust bundle URL)', async () => {
    for (const t of ['pwa', 'badge', 'extension'] as const) await built(t);
    const other = buildEnv(demo, 'http://localhost:5000');
    const steps = await planBuilds(other, demo, root);
    expect(steps.map((s) => [s.target, s.build])).toEqual([['pwa', false], ['badge', false], ['extension', true]]);
  });
});

describe('appPort', () => {
  it.each([
    [undefined, {}, 4173],
    [undefined, { PORT: '8080' }, 8080],
    ['9000', { PORT: '8080' }, 9000],
  ] as const)('--port %s with %j → %i', (flag, env, port) => {
    expect(appPort(flag, env)).toBe(port);
  });

  it.each(['0', '70000', 'abc', '80; rm -rf'])('rejects %j', (text) => {
    expect(() => appPort(text, {})).toThrow(/port: 1–65535/);
  });
});

describe('npm run package -- --no-build', () => {

  it('zips a built extension folder with the extension’s packager', async () => {
    // The smallest folder within the store's limits (extension/store-limits.ts): every icon size.
    const icons = Object.fromEntries(ICON_SIZES.map((size) => [String(size), `icons/icon-${size}.png`]));
    for (const size of ICON_SIZES) {
      mkdirSync(join(root, 'ext/icons'), { recursive: true });
      writeFileSync(join(root, `ext/icons/icon-${size}.png`), iconPng(size));
    }
    write('ext/manifest.json', JSON.stringify({ manifest_version: 3, name: 'CrossCheck', version: '0.1.0', description: 'Test', icons, action: { default_icon: icons } }));
    write('ext/background/index.js', 'self.x = 1;');
    const io = memoryIo();
    const zip = join(root, 'out.zip');
    expect(await runHarness(['package', '--no-build', '--dir', join(root, 'ext'), '--out', zip], io), io.err).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ files: 2 + ICON_SIZES.length });
    expect(readFileSync(zip).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it.each([
    [['--no-build', '--dir', 'EMPTY'], /no built extension/],
    [['--trust-url', 'javascript:alert(1)'], /--trust-url/],
  ])('%j → exit 2', async (args, message) => {
    mkdirSync(join(root, 'empty'), { recursive: true });
    const io = memoryIo();
    expect(await runHarness(['package', ...args.map((a) => a.replace('EMPTY', join(root, 'empty')))], io)).toBe(2);
    expect(io.err).toMatch(message);
  });
});
