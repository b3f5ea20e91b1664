// Main-thread time the extension costs to annotate a 500-card list page, in real Chromium
// (issue 5 budget: ≤ 50 ms in all, no long task). The measuring code lives with the extension's
// test fixtures, which it drives.
import type { BenchContext, BenchRow } from './_harness.ts';
import { benchAnnotateListPage } from '../../fixtures/sites/bench-list-page.ts';

export const bench = (ctx: BenchContext): Promise<BenchRow[]> =>
  benchAnnotateListPage({ runs: ctx.quick ? 1 : 9, log: ctx.log });
