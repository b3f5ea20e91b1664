// `npm run fuzz` (npm run fuzz): a long fuzzing campaign against the credential container.
import { runFuzz } from '../fuzz/harness.ts';
import { FUZZ_TARGET_NAMES, containerTarget, verdictTarget, type FuzzTarget } from '../fuzz/targets.ts';
import { CliError, parseArgs, type CliCommand } from '../../../cli/io.ts';

export const command: CliCommand = {
  summary: 'fuzz the credential decoder: mutated and random payloads, checked for crashes, hangs and false accepts',
  usage: `usage: npm run fuzz -- [--target container|verdict|all] [--seconds N] [--cases N] [--seed S] [--per-case-ms MS] [--json]

Mutates genuine credentials at every layer (text, zlib bytes, COSE message, claims; re-encoding
the layers above), splices them, and generates random and hostile payloads (zip bombs, deep
nesting). Invariants: the verifier never throws, no case takes longer than --per-case-ms (default
1000), and no mutated payload is accepted unless it is the same signed message re-encoded.
The container target accepts what opens and verifies; the verdict target runs the full
verification over a demo world and accepts any genuine* status.

  --target T    container, verdict or all (default all; the time is split between them)

  --seconds N   campaign length (default 60)
  --cases N     stop each target after N cases (or at --seconds, whichever comes first)
  --seed S      PRNG seed (default: from the clock; printed, so a failure can be replayed)
Exit 0 when every invariant held, 1 when one broke (the offending payloads are printed).`,
  async run(args, io) {
    const { flags } = parseArgs(args, { values: ['target', 'seconds', 'cases', 'seed', 'per-case-ms'], booleans: ['json'] });
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
    const maxCases = flags.get('cases') === undefined ? undefined : Math.floor(number('cases', 1));
    const wanted = String(flags.get('target') ?? 'all');
    if (wanted !== 'all' && !(FUZZ_TARGET_NAMES as readonly string[]).includes(wanted)) {
      throw new CliError(`--target must be one of ${FUZZ_TARGET_NAMES.join(', ')} or all`);
    }
    const targets: FuzzTarget[] = [];
    if (wanted === 'all' || wanted === 'container') targets.push(await containerTarget());
    if (wanted === 'all' || wanted === 'verdict') targets.push(await verdictTarget());
    let violations = 0;
    const reports: Record<string, unknown> = {};
    for (const target of targets) {
      const report = await runFuzz({ seeds: target.seeds, verify: target.verify, normalise: target.normalise, seconds: seconds / targets.length, seed, perCaseMs, ...(maxCases === undefined ? {} : { maxCases }) });
      violations += report.violations.length;
      reports[target.name] = report;
      if (flags.has('json')) continue;
      io.stdout(`fuzz ${target.name}: seed ${seed}, ${report.cases} cases in ${report.seconds.toFixed(1)} s (${Math.round(report.cases / report.seconds)}/s), slowest ${report.slowestMs.toFixed(1)} ms, ${report.equivalent} equivalent re-encodings\n`);
      const statuses = Object.entries(report.byStatus).toSorted((a, b) => b[1] - a[1]);
      for (const [status, n] of statuses) io.stdout(`  ${String(n).padStart(7)}  ${status}\n`);
      for (const v of report.violations) io.stdout(`VIOLATION ${v.kind} (${v.mutator}): ${v.detail}\n  ${JSON.stringify(v.text)}\n`);
      io.stdout(report.violations.length === 0 ? 'all invariants held\n' : `${report.violations.length} violations\n`);
    }
    if (flags.has('json')) io.stdout(`${JSON.stringify({ seed, targets: reports }, null, 2)}\n`);
    return violations === 0 ? 0 : 1;
  },
};
