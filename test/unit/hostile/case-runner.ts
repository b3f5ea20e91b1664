/* oxlint-disable unicorn/require-post-message-target-origin -- worker_threads ports have no target origin (that is window.postMessage) */
// Runs hostile cases on request (inside case-worker.mjs): builds the input, calls the target once
// per variant (the whole input, then each field of the sample), times every call, and checks after
// each that no prototype was polluted.
import { parentPort, workerData } from 'node:worker_threads';
import { hostileCases, PROTOTYPE_KEYS, VALID_SAMPLE, type HostileCase } from './cases.ts';
import { hostileTexts, hostileValues, type HostileText } from './corpus.ts';
import { keyedNodesOf, pathsOf, replacedAt, showPath, withPrototypeKeys } from './mutations.ts';
import { TARGETS, Violation, type Target } from './targets.ts';
import { buildWorld, type HostileWorld } from './world.ts';

export interface CaseReport {
  id: number;
  calls: number;
  /** Slowest call, in milliseconds, and which variant it was. */
  maxMs: number;
  slowest: string;
  /** How the calls ended: result codes and 'accepted', with counts. */
  outcomes: Record<string, number>;
  failures: string[];
}

const cases = hostileCases();
const texts = new Map(hostileTexts());
const values = new Map(hostileValues());
const builtTexts = new Map<string, HostileText>();
let world: Promise<HostileWorld> | undefined;
/** The test process owns the folder (and removes it); a standalone run makes its own. */
const folder = (workerData as { dir?: string } | null)?.dir;

const OBJECT_KEYS = Reflect.ownKeys(Object.prototype).length;
const ARRAY_KEYS = Reflect.ownKeys(Array.prototype).length;

function pollution(): string | undefined {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined) return 'Object.prototype.polluted is set';
  if (Reflect.ownKeys(Object.prototype).length !== OBJECT_KEYS) return 'Object.prototype gained a key';
  if (Reflect.ownKeys(Array.prototype).length !== ARRAY_KEYS) return 'Array.prototype gained a key';
  if (probe.constructor !== Object) return 'Object.prototype.constructor was replaced';
  return undefined;
}

function variants(c: HostileCase, target: Target, w: HostileWorld): [string, () => unknown][] {
  if (c.feeds === 'text') {
    return [
      [
        c.input,
        () => {
          let built = builtTexts.get(c.input);
          if (!built) builtTexts.set(c.input, (built = texts.get(c.input)!()));
          return built;
        },
      ],
    ];
  }
  const sample = target.sample?.(w);
  if (c.input === VALID_SAMPLE) return [['valid sample', () => structuredClone(sample)]];
  if (c.input === PROTOTYPE_KEYS) return keyedNodesOf(sample).map((path) => [`keys at ${showPath(path)}`, () => withPrototypeKeys(sample, path)]);
  const make = values.get(c.input)!;
  const out: [string, () => unknown][] = [];
  if (target.wholeValue !== false) out.push(['whole input', make]);
  if (sample !== undefined) for (const path of pathsOf(sample)) out.push([showPath(path), () => replacedAt(sample, path, make())]);
  return out;
}

export async function runCase(id: number): Promise<CaseReport> {
  const c = cases[id]!;
  const target = TARGETS.find((t) => t.name === c.target)!;
  const w = await (world ??= buildWorld(folder));
  const report: CaseReport = { id, calls: 0, maxMs: 0, slowest: '', outcomes: {}, failures: [] };
  for (const [label, make] of variants(c, target, w)) {
    const input = make();
    const started = performance.now();
    let outcome: string;
    try {
      const seen = await target.run(input, w);
      outcome = seen.kind === 'accepted' ? 'accepted' : seen.code;
    } catch (e) {
      const error = e as Error;
      const kind = e instanceof Violation ? 'violation' : `untyped ${error?.name ?? typeof e}`;
      outcome = kind;
      if (report.failures.length < 5) {
        const where = e instanceof Violation ? '' : ` at ${String(error?.stack ?? '').split('\n').slice(1, 3).map((l) => l.trim()).join(' ← ')}`;
        report.failures.push(`${label}: ${kind}: ${String(error?.message ?? e).slice(0, 300)}${where}`);
      }
    }
    const ms = performance.now() - started;
    report.calls++;
    report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    if (ms > report.maxMs) {
      report.maxMs = ms;
      report.slowest = label;
    }
    const polluted = pollution();
    if (polluted) {
      report.failures.push(`${label}: prototype pollution: ${polluted}`);
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  }
  return report;
}

parentPort?.on('message', (message: { id: number } | { warm: true }) => {
  if ('warm' in message) {
    void (world ??= buildWorld(folder)).then(
      // The number of cases comes with the answer, for a runner that does not import the table
      // (npm run bench: the table reaches the harness entry, which is then still evaluating).
      () => parentPort!.postMessage({ ready: true, cases: cases.length }),
      (e: unknown) => parentPort!.postMessage({ ready: false, error: String((e as Error)?.stack ?? e) }),
    );
    return;
  }
  void runCase(message.id).then(
    (report) => parentPort!.postMessage(report),
    (e: unknown) => parentPort!.postMessage({ id: message.id, calls: 0, maxMs: 0, slowest: '', outcomes: {}, failures: [`runner: ${String((e as Error)?.stack ?? e)}`] }),
  );
});
