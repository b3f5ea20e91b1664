// A bounded smoke of the fuzz harness (`npm run fuzz` runs the long campaign).
import { describe, expect, it } from 'vitest';
import { MUTATOR_NAMES, containerFuzzSetup, runFuzz, type VerifyToStatus } from '../../../harness/fuzz/harness.ts';

const lenient: VerifyToStatus = async () => ({ accepted: true, status: 'genuine-yours' });
const rejectAll: VerifyToStatus = async () => ({ accepted: false, status: 'invalid' });

describe('fuzz harness', () => {
  // A count, not a rate: 400 cases (about 3 s on an idle machine). The time limits are runaway
  // guards: a case past 10 s is a 'slow' violation and the run stops at 150 s, so a verifier that
  // hangs still fails, while a loaded machine only makes the smoke slower. Speed: npm run fuzz.
  it('400-case smoke: no throw, no hang, no mutated payload accepted', async () => {
    const setup = await containerFuzzSetup();
    const report = await runFuzz({ seeds: setup.seeds, verify: setup.verify, maxCases: 400, seconds: 150, perCaseMs: 10_000, seed: 20261126 });
    expect(report.violations).toEqual([]);
    expect(report.cases).toBe(400);
    expect(Object.keys(report.byMutator).toSorted()).toEqual([...MUTATOR_NAMES].toSorted());
    // Mutations reach every stage, not just the first.
    const stages = new Set(Object.keys(report.byStatus).map((s) => s.split('/')[0]));
    for (const stage of ['input', 'prefix', 'base45', 'zlib', 'cose', 'cbor', 'signature']) expect(stages, stage).toContain(stage);
  }, 180_000);

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
  }, 120_000);

  it('is reproducible for a seed and case count', async () => {
    const setup = await containerFuzzSetup();
    const a = await runFuzz({ seeds: setup.seeds, verify: setup.verify, maxCases: 200, seconds: 120, perCaseMs: 10_000, seed: 5 });
    const b = await runFuzz({ seeds: setup.seeds, verify: setup.verify, maxCases: 200, seconds: 120, perCaseMs: 10_000, seed: 5 });
    // Both ran all 200 cases (the clock only stops a run that hangs).
    expect([a.cases, b.cases]).toEqual([200, 200]);
    // claims-resigned uses a fresh rogue key per run; every status count is still identical.
    expect(a.byStatus).toEqual(b.byStatus);
  }, 300_000);
});
