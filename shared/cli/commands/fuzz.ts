// `crosscheck fuzz` (npm run fuzz): a long fuzzing campaign against the credential container.
import { containerFuzzSetup, runFuzz } from '../../credential/fuzz/harness.ts';
import { CliError, parseArgs, type CliCommand } from '../io.ts';

export const command: CliCommand = {
  summary: 'fuzz the credential decoder: mutated and random payloads, checked for crashes, hangs and false accepts',
  usage: `usage: crosscheck fuzz [--seconds N] [--seed S] [--per-case-ms MS] [--json]

Mutates genuine credentials at every layer (text, zlib bytes, COSE message, claims; re-encoding
the layers above), splices them, and generates random and hostile payloads (zip bombs, deep
nesting). Invariants: the verifier never throws, no case takes longer than --per-case-ms (default
1000), and no mutated payload is accepted unless it is the same signed message re-encoded.

  --seconds N   campaign length (default 60)
  --seed S      PRNG seed (default: from the clock; printed, so a failure can be replayed)
Exit 0 when every invariant held, 1 when one broke (the offending payloads are printed).`,
  async run(args, io) {
    const { flags } = parseArgs(args, { values: ['seconds', 'seed', 'per-case-ms'], booleans: ['json'] });
    const number = (name: string, fallback: number): number => {
      const raw = flags.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw new CliError(`--${name} must be a positive number`);
      return n;
    };
    const seconds = number('seconds', 60);
    const seed = Math.floor(number('seed', (Date.now() % 2 ** 31) + 1));
    const perCaseMs = number('per-case-ms', 1000);
    const setup = await containerFuzzSetup();
    const report = await runFuzz({ seeds: setup.seeds, verify: setup.verify, seconds, seed, perCaseMs });
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify({ seed, ...report }, null, 2)}\n`);
    } else {
      io.stdout(`fuzz: seed ${seed}, ${report.cases} cases in ${report.seconds.toFixed(1)} s (${Math.round(report.cases / report.seconds)}/s), slowest ${report.slowestMs.toFixed(1)} ms, ${report.equivalent} equivalent re-encodings\n`);
      const statuses = Object.entries(report.byStatus).toSorted((a, b) => b[1] - a[1]);
      for (const [status, n] of statuses) io.stdout(`  ${String(n).padStart(7)}  ${status}\n`);
      for (const v of report.violations) io.stdout(`VIOLATION ${v.kind} (${v.mutator}): ${v.detail}\n  ${JSON.stringify(v.text)}\n`);
      io.stdout(report.violations.length === 0 ? 'all invariants held\n' : `${report.violations.length} violations\n`);
    }
    return report.violations.length === 0 ? 0 : 1;
  },
};
