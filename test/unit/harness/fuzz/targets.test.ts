import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../../harness/fuzz/harness.ts';
import { verdictTarget } from '../../../harness/fuzz/targets.ts';
import { memoryIo, runHarnessCaptured } from '../../../harness/memory-io.ts';
import { runHarness } from '../../../harness/run.ts';

describe('fuzzing the full verdict (issue 3 §8)', () => {
  // A count, not a rate: 250 cases (about 3 s on an idle machine); a case past 10 s is a 'slow'
  // violation and the run stops at 150 s, so a hang still fails. Speed: npm run fuzz.
  it('never gives a genuine status to a mutated payload, never throws, never hangs (bounded smoke)', async () => {
    const target = await verdictTarget();
    const report = await runFuzz({ seeds: target.seeds, verify: target.verify, normalise: target.normalise, maxCases: 250, seconds: 150, perCaseMs: 10_000, seed: 20261127 });
    expect(report.violations).toEqual([]);
    expect(report.cases).toBe(250);
    // The statuses reached show the mutations got past the decoder into the trust checks.
    expect(Object.keys(report.byStatus)).toContain('invalid');
    expect(report.byStatus['unknown-issuer'] ?? 0).toBeGreaterThan(0);
  }, 180_000);

  it('counts a genuine verdict for a changed message as a violation', async () => {
    const target = await verdictTarget();
    // A verifier that calls everything genuine must be caught by the harness.
    const report = await runFuzz({
      seeds: target.seeds,
      verify: async () => ({ accepted: true, status: 'genuine-yours' }),
      maxCases: 40,
      seconds: 10,
      seed: 3,
    });
    expect(report.violations.some((v) => v.kind === 'accepted-mutation')).toBe(true);
  }, 120_000);

  it('rejects an unknown --target', async () => {
    const io = memoryIo();
    expect(await runHarness(['fuzz', '--target', 'everything'], io)).toBe(2);
    expect(io.err).toMatch(/--target must be one of container, verdict or all/);
  });
});

describe('npm run fuzz', () => {
  it('runs a short campaign and reports JSON', async () => {
    // --cases bounds the campaign by count; --seconds and --per-case-ms are runaway guards here.
    const { code, out } = await runHarnessCaptured(['fuzz', '--cases', '60', '--seconds', '240', '--per-case-ms', '10000', '--seed', '9', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.seed).toBe(9);
    for (const name of ['container', 'verdict']) {
      expect(r.targets[name].violations, name).toEqual([]);
      expect(r.targets[name].cases, name).toBe(60);
    }
  }, 300_000);
});
