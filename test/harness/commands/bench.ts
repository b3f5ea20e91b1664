// `npm run bench`: one report for every benchmark in test/harness/bench/*.ts. Each module exports
// `bench(ctx)` returning rows; ratios are quoted against a baseline measured in the same process,
// since these machines are noisy (see README, "Benchmarks").
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { parseArgs, type CliCommand } from '../../../cli/io.ts';
import type { BenchModule, BenchRow } from '../bench/_harness.ts';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));

export const command: CliCommand = {
  summary: 'run the benchmarks and print one report',
  usage: `usage: npm run bench -- [--only NAME[,NAME]] [--quick] [--json]

Runs every benchmark in test/harness/bench/. --quick shortens each measurement (for smoke tests);
--json prints the report as JSON.`,
  async run(args, io) {
    const { flags } = parseArgs(args, { values: ['only'], booleans: ['quick', 'json'] });
    const only = typeof flags.get('only') === 'string' ? String(flags.get('only')).split(',') : undefined;
    const names = (await readdir(benchDir))
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
      .map((f) => f.slice(0, -3))
      .filter((n) => !only || only.includes(n))
      .toSorted();
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    };
    const report: { machine: typeof machine; sections: { name: string; rows: BenchRow[] }[] } = {
      machine,
      sections: [],
    };
    if (!flags.has('json')) {
      io.stdout(`CrossCheck benchmarks — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`);
    }
    for (const name of names) {
      const mod = (await import(`../bench/${name}.ts`)) as BenchModule;
      const rows = await mod.bench({ quick: flags.has('quick'), log: (t) => io.stderr(`${t}\n`) });
      report.sections.push({ name, rows });
      if (!flags.has('json')) {
        io.stdout(`\n## ${name}\n`);
        for (const r of rows) {
          const ratio = r.ratio === undefined ? '' : `  (${r.ratio.toPrecision(3)}× ${r.baseline ?? 'baseline'})`;
          io.stdout(`  ${r.label.padEnd(56)} ${formatValue(r.value)} ${r.unit}${ratio}\n`);
        }
      }
    }
    if (flags.has('json')) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};

function formatValue(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
}
