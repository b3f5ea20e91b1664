// Shared measuring helpers for test/harness/bench/*.ts.

export interface BenchRow {
  label: string;
  value: number;
  unit: string;
  /** value divided by the baseline's, when a baseline was measured in the same run. */
  ratio?: number;
  baseline?: string;
}

export interface BenchContext {
  quick: boolean;
  log(text: string): void;
}

export interface BenchModule {
  bench(ctx: BenchContext): Promise<BenchRow[]>;
}

/**
 * Runs `fn` repeatedly for about `ms` milliseconds (after a short warm-up) and returns operations
 * per second. `fn` returns how many operations it did, so batched loops amortise timer cost.
 */
export async function opsPerSecond(fn: () => number | Promise<number>, ms: number): Promise<number> {
  const warmUntil = performance.now() + Math.min(200, ms / 5);
  while (performance.now() < warmUntil) await fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    ops += await fn();
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/**
 * Operations per second of wall clock and per CPU-second of this process (all threads, WebCrypto's
 * thread pool included) of two operations, measured in alternating slices of `sliceMs` over about `ms` in all, so
 * both see the same machine: on a shared machine the load changes from second to second, and a
 * baseline measured before or after would be compared with a different machine. Where there is no
 * process CPU clock (a web page), the CPU rates are NaN and only the wall-clock ones are measured.
 */
/** CPU time of this process so far, in µs (user and system, all threads); NaN without a process clock. */
function cpuMicros(): number {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage ? usage.user + usage.system : Number.NaN;
}

export async function pairedRates(
  a: () => number | Promise<number>,
  b: () => number | Promise<number>,
  ms: number,
  sliceMs = 25,
): Promise<[{ wall: number; cpu: number }, { wall: number; cpu: number }]> {
  const sides = [a, b].map((fn) => ({ fn, ops: 0, wallMs: 0, cpuUs: 0 }));
  for (const side of sides) {
    const warmUntil = performance.now() + Math.min(300, ms / 4);
    while (performance.now() < warmUntil) await side.fn();
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (const side of sides) {
      const cpu0 = cpuMicros();
      const start = performance.now();
      let now = start;
      while (now - start < sliceMs) {
        side.ops += await side.fn();
        now = performance.now();
      }
      const used = cpuMicros() - cpu0;
      side.wallMs += now - start;
      side.cpuUs += used;
    }
  }
  const [x, y] = sides.map((s) => ({ wall: (s.ops * 1000) / s.wallMs, cpu: s.ops / (s.cpuUs / 1e6) }));
  return [x!, y!];
}
