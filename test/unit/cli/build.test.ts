// The built CLI (cli/build.mjs → dist/cli) says and does what the sources do: `help` lists the
// same commands with the same summaries (read from the sources without loading them), a command's
// chunk loads and runs, and cli/crosscheck.mjs picks the build only while it is fresh.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.ts';
import { memoryIo } from '../../harness/memory-io.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, CROSSCHECK_TSX: '', ...env } });

describe('the built CLI', { timeout: 120_000 }, () => {
  beforeAll(() => {
    const built = run(['cli/build.mjs']);
    expect(built.stderr).toMatch(/built dist\/cli\/crosscheck\.mjs/);
  });

  it('prints the same help as the sources, with every summary read without loading the commands', async () => {
    const io = memoryIo();
    expect(await main(['help'], io)).toBe(0);
    const bundled = run(['--input-type=module', '-e', "const { main } = await import('./dist/cli/crosscheck.mjs'); process.exitCode = await main(['help']);"]);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(io.out);
  });

  it('loads a command from its chunk and runs it', () => {
    const bundled = run(['--input-type=module', '-e', "const { main } = await import('./dist/cli/crosscheck.mjs'); process.exitCode = await main(['tax', '--help']);"]);
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toMatch(/^usage: crosscheck tax/);
  });

  it('lists the sources it was built from, so the launcher can tell when it is stale', () => {
    const manifest = JSON.parse(readFileSync(`${root}dist/cli/build.json`, 'utf8')) as { builtAt: number; inputs: string[] };
    expect(manifest.inputs).toContain('cli/main.ts');
    expect(manifest.inputs).toContain('cli/commands');
    expect(manifest.inputs).toContain('shared/screen/engine.ts');
    expect(manifest.inputs.some((p) => p.includes('node_modules'))).toBe(false);
  });

  it('runs through cli/crosscheck.mjs, built or through tsx, with the same output', () => {
    const fast = run(['cli/crosscheck.mjs', 'help']);
    const tsx = run(['cli/crosscheck.mjs', 'help'], { CROSSCHECK_TSX: '1' });
    expect(fast.status).toBe(0);
    expect(fast.stdout).toBe(tsx.stdout);
  });
});
