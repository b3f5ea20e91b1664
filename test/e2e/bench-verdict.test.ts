// The verdict benchmark runs as `npm run bench` runs it (a bundled child process in Node, then a
// page in Chromium) and reports a rate for every row: a broken measurement must fail here, not
// print NaN in a report nobody reads. How fast is the bench's business, never a test's.
import { describe, expect, it } from 'vitest';
import { bench } from '../harness/bench/verdict.ts';

describe('verdict benchmark', () => {
  it('measures the verdict beside a raw verify in Node and in Chromium', async () => {
    const log: string[] = [];
    const rows = await bench({ quick: true, log: (text) => log.push(text) });
    const labels = rows.map((r) => r.label);
    expect(labels).toContain('parcel verdict, 3 receipts (claims), per CPU-second');
    expect(labels).toContain('Chromium: parcel verdict, 3 receipts (claims)');
    for (const row of rows) {
      expect(Number.isFinite(row.value) && row.value > 0, row.label).toBe(true);
      if (row.ratio !== undefined) expect(Number.isFinite(row.ratio) && row.ratio > 0, row.label).toBe(true);
    }
    expect(log.some((line) => line.startsWith('verdict bench: bundle'))).toBe(true);
  }, 180_000);
});
