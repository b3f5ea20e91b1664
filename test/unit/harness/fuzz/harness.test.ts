// A bounded smoke of the fuzz harness (`npm run fuzz` runs the long campaign).
import { describe, expect, it } from 'vitest';
import { MUTATOR_NAMES, containerFuzzSetup, runFuzz, type VerifyToStatus } from '../../../harness/fuzz/harness.ts';

const lenient: VerifyToStatus = async () => ({ accepted: true, status: 'genuine-yours' });
const rejectAll: VerifyToStatus = async () => ({ accepted: false, status: 'invalid' });

describe('fuzz harness', () => {
  it('3-second smoke: no throw, no hang, no mutated payload accepted', async () => {
    const setup = await containerFuzzSetup();
    const report = await runFuzz({ seeds: setup.seeds, verify: setup.verify, seconds: 3, seed: 20261126 });
    expect(report.violations).toEqual([]);
    expect(report.cases).toBeGreaterThan(300);
    expect(Object.keys(report.byMutator).toSorted()).toEqual([...MUTATOR_NAMES].toSorted());
    // Mutations reach every stage, not just the first.
    const stages = new Set(Object.keys(report.byStatus).map((s) => s.split('/')[0]));
    for (const stage of ['input', 'prefix', 'base45', 'zlib', 'cose', 'cbor', 'signature']) expect(stages, stage).toContain(stage);
  }, 30_000);

  it('catches a verifier that throws, hangs or accepts anything', async () => {
    const setup = await containerFuzzSetup();
    const r1 = await runFuzz({ seeds: setup.seeds, verify: lenient, maxCases: 30, seconds: 10 });
    expect(r1.violations.some((v) => v.kind === 'accepted-mutation')).toBe(true);

    let n = 0;
    const throwing: VerifyToStatus = async (text) => {
      if (n++ > 3) throw new Error('boom');
      return setup.verify(text);
    };
    const r2 = await runFuzz({ seeds: setup.seeds, verify: throwing, maxCases: 10, seconds: 10 });
    expect(r2.violations.some((v) => v.kind === 'threw')).toBe(true);

    const slow: VerifyToStatus = async (text) => {
      await new Promise((r) => setTimeout(r, 30));
      return setup.verify(text);
    };
    const r3 = await runFuzz({ seeds: setup.seeds, verify: slow, maxCases: 3, seconds: 10, perCaseMs: 10 });
    expect(r3.violations.some((v) => v.kind === 'slow')).toBe(true);

    const r4 = await runFuzz({ seeds: setup.seeds, verify: rejectAll, maxCases: 1, seconds: 10 });
    expect(r4.violations.filter((v) => v.kind === 'seed-rejected')).toHaveLength(setup.seeds.length);
  }, 30_000);

  it('is reproducible for a seed and case count', async () => {
    const setup = await containerFuzzSetup();
    const a = await runFuzz({ seeds: setup.seeds, verify: setup.verify, maxCases: 200, seconds: 30, seed: 5 });
    const b = await runFuzz({ seeds: setup.seeds, verify: setup.verify, maxCases: 200, seconds: 30, seed: 5 });
    // claims-resigned uses a fresh rogue key per run; every status count is still identical.
    expect(a.byStatus).toEqual(b.byStatus);
  }, 30_000);
});
