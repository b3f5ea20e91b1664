// Runs the frozen verdict vectors (test/vectors/verdict/*.json, one case per file): each carries its
// own bundle, roots, receipts and clock, so these check the verifier against fixed bytes, not
// against whatever the current issuing code produces.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTrustBundle, type RootKey } from '../../../shared/trust/index.ts';
import { REASON_CODES } from '../../../shared/verdict/index.ts';
import { runCase, type CaseInput } from './scenarios.ts';

const dir = fileURLToPath(new URL('../../vectors/verdict/', import.meta.url));

/** A vector is a verdict case (scenarios.ts) with its own trust data and the expected answer. */
interface Vector extends CaseInput {
  description: string;
  check: 'credential' | 'receipt';
  bundle: string;
  roots: RootKey[];
  receipts: string[];
  now: string;
  expected: { status: string; reasons: string[] };
}

const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .toSorted()
  .map((f) => [f, JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as Vector] as const);

describe('verdict vectors', () => {
  it('exist, and name every reason code at least once', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    const seen = new Set(vectors.flatMap(([, v]) => v.expected.reasons));
    expect(REASON_CODES.filter((c) => !seen.has(c))).toEqual([]);
  });

  it.each(vectors)('%s', async (_file, v) => {
    const loaded = await loadTrustBundle(v.bundle, v.roots);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const verdict = await runCase(v, loaded.value);
    expect({ status: verdict.status, reasons: [...new Set(verdict.reasons.map((r) => r.code))].toSorted() }).toEqual(v.expected);
  });
});
