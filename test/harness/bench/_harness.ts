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
