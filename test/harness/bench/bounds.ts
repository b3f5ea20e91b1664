// The time budgets of hostile and oversized input, measured here rather than asserted in the unit
// tests: on a shared 2-core machine a test's wall clock says more about its neighbours than about
// the code. The tests keep a runaway guard (far above these budgets) so super-linear work still
// fails there; this report says whether each budget holds on the machine it runs on.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { classifyTitle, findNetContents, loadPositiveListCsv, POSITIVE_LIST_COLUMNS, readNetContent } from '../../../shared/catalog/index.ts';
import { deflateZlib, inflateZlib } from '../../../shared/credential/codec/zlib.ts';
import type { CaseReport } from '../../unit/hostile/case-runner.ts';
import { buildDemoWorld } from '../demo/world.ts';
import type { BenchContext, BenchRow } from './_harness.ts';

/** The slowest of `runs` calls of `fn`, in milliseconds (the budget is for the worst call). */
async function slowestMs(fn: () => unknown, runs: number): Promise<number> {
  let worst = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

/** A synthetic positive list with the real list's size and features (quotes, notes, CRLF). */
function fullSizePositiveList(): string {
  const lines = [POSITIVE_LIST_COLUMNS.join(',')];
  let made = 0;
  for (let chapter = 1; chapter <= 97 && made < 1476; chapter++) {
    if (chapter === 77) continue;
    for (let k = 1; k <= 16 && made < 1476; k++, made++) {
      const values: Record<string, string> = {
        hs8: `${String(chapter).padStart(2, '0')}${String(k).padStart(2, '0')}9000`,
        name_zh: `"品名${made},含逗号"`,
        name_en: 'Test',
        note_zh: made % 7 === 0 ? '列入《进出口野生动植物种商品目录》的商品除外' : '',
        bonded_only: 'no',
        qty_limit: '',
        status: 'listed',
        edition: '2022-7',
        valid_from: '2022-03-01',
        provenance: 'official',
        source: 'test',
      };
      lines.push(POSITIVE_LIST_COLUMNS.map((column) => values[column] ?? '').join(','));
    }
  }
  return lines.join('\r\n');
}

const row = (label: string, ms: number, budgetMs: number): BenchRow => ({
  label,
  value: ms,
  unit: `ms, worst call (budget ${budgetMs.toLocaleString('en-US')} ms: ${ms <= budgetMs ? 'held' : 'NOT held'})`,
});

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const runs = ctx.quick ? 1 : 5;
  const rows: BenchRow[] = [];
  const title = `${'x'.repeat(10_000_000)} 面霜`;
  rows.push(row('classifyTitle: a 10 MB title', await slowestMs(() => classifyTitle(title), runs), 200));
  const units = '1ml '.repeat(1_000_000);
  const digits = '1'.repeat(5_000_000);
  rows.push(row('net content: 1M units, then 5M digits', await slowestMs(() => [findNetContents(units), readNetContent(digits)], runs), 200));
  const bomb = await deflateZlib(new Uint8Array(8 << 20));
  rows.push(row('inflateZlib: an 8 MiB zip bomb stopped at the bound', await slowestMs(() => inflateZlib(bomb, 65_536), runs), 200));
  // What `npm run demo` computes (keys, trust bundle, every credential), without writing the files.
  rows.push(row('npm run demo: the whole demo world, in memory', await slowestMs(() => buildDemoWorld(), ctx.quick ? 1 : 3), 3_000));
  const csv = fullSizePositiveList();
  rows.push(row('loadPositiveListCsv: 1,476 lines', await slowestMs(() => loadPositiveListCsv(csv, { coverage: 'complete' }), runs), 250));

  // The hostile-input table (test/unit/hostile): every case, in the worker thread the test uses
  // (1 MB stack, heap cap), the slowest call. --quick samples every 20th case. The table is not
  // imported here: it reaches test/harness/run.ts, whose top-level await is still running.
  const dir = await mkdtemp(join(tmpdir(), 'crosscheck-bench-hostile-'));
  const worker = new Worker(new URL('../../unit/hostile/case-worker.mjs', import.meta.url), {
    workerData: { dir },
    resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 1_536 },
  });
  let slowest: CaseReport | undefined;
  let count = 0;
  try {
    let answer: { resolve: (m: unknown) => void; reject: (e: unknown) => void } | undefined;
    worker.on('message', (m: unknown) => answer?.resolve(m));
    worker.on('error', (e: unknown) => answer?.reject(e));
    const ask = (message: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        answer = { resolve, reject };
        // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker_threads Worker has no target origin (that is window.postMessage)
        worker.postMessage(message);
      });
    const warm = (await ask({ warm: true })) as { ready: boolean; error?: string; cases?: number };
    if (!warm.ready) throw new Error(`hostile world: ${warm.error}`);
    const ids = Array.from({ length: warm.cases ?? 0 }, (_, i) => i).filter((i) => !ctx.quick || i % 20 === 0);
    count = ids.length;
    for (const id of ids) {
      const report = (await ask({ id })) as CaseReport;
      if (!slowest || report.maxMs > slowest.maxMs) slowest = report;
    }
  } finally {
    await worker.terminate();
    await rm(dir, { recursive: true, force: true });
  }
  ctx.log(`bounds: hostile table, ${count} cases; slowest call: ${slowest?.slowest ?? '-'} (case ${slowest?.id ?? '-'})`);
  rows.push(row(`hostile input: slowest call of ${count} cases`, slowest?.maxMs ?? 0, 2_000));
  return rows;
}
