// How fast `crosscheck help` starts (issue 14 goal: ≤ 0.15 s): the built CLI (dist/cli, made by
// cli/build.mjs, rebuilt here first when stale) against the same command through the tsx loader
// (CROSSCHECK_TSX=1) and a bare `node -e 0` measured in the same run, each a fresh process. The
// median wall time is the figure; on a loaded machine node's own start dominates, so the gap to
// `node -e 0` (what the CLI adds) is reported too.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchRow } from './_harness.ts';

const CLI = fileURLToPath(new URL('../../../cli/crosscheck.mjs', import.meta.url));
const BUILD = fileURLToPath(new URL('../../../cli/build.mjs', import.meta.url));

function medianMs(args: string[], env: Record<string, string | undefined>, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 200)}`);
    if (i > 0) times.push(ms); // the first run warms the file cache
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const built = spawnSync(process.execPath, [BUILD], { encoding: 'utf8' });
  ctx.log(`cli-start: ${built.stderr.trim()}`);
  const runs = ctx.quick ? 5 : 15;
  const bare = medianMs(['-e', '0'], {}, runs);
  const fast = medianMs([CLI, 'help'], { CROSSCHECK_TSX: undefined }, runs);
  const tsx = medianMs([CLI, 'help'], { CROSSCHECK_TSX: '1' }, ctx.quick ? 3 : 5);
  return [
    { label: 'node -e 0 (baseline: node start alone), median', value: bare, unit: 'ms' },
    { label: 'crosscheck help, built (dist/cli), median', value: fast, unit: 'ms', ratio: fast / bare, baseline: 'node -e 0' },
    { label: 'crosscheck help, built: added to node start', value: fast - bare, unit: 'ms' },
    { label: 'crosscheck help through tsx (CROSSCHECK_TSX=1), median', value: tsx, unit: 'ms', ratio: tsx / bare, baseline: 'node -e 0' },
  ];
}
