import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main.ts';
import { memoryIo } from '../../harness/memory-io.ts';
import { runHarness } from '../../harness/run.ts';


let scratch: string;
let demo: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'crosscheck-labels-'));
  demo = join(scratch, 'demo');
  const io = memoryIo();
  expect(await runHarness(['demo', '--out', demo], io), io.err).toBe(0);
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('crosscheck labels', () => {
  it('writes a PDF and an SVG for every parcel of the demo world', async () => {
    const io = memoryIo();
    const out = join(scratch, 'all');
    expect(await main(['labels', '--demo', demo, '--out', out], io), io.err).toBe(0);
    const parcels = readdirSync(join(demo, 'parcels')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));
    const written = readdirSync(out);
    for (const name of parcels) {
      expect(written).toContain(`${name}.pdf`);
      expect(written).toContain(`${name}.svg`);
      expect(readFileSync(join(out, `${name}.pdf`), 'latin1').startsWith('%PDF-1.4')).toBe(true);
    }
    expect(JSON.parse(io.out).labels).toHaveLength(parcels.length);
  });

  it('prints the copied label’s own waybill, not the signed one', async () => {
    const io = memoryIo();
    const out = join(scratch, 'copied');
    expect(await main(['labels', '--demo', demo, '--out', out, '--only', 'watch-copied-label'], io), io.err).toBe(0);
    const index = JSON.parse(readFileSync(join(demo, 'index.json'), 'utf8')) as { credentials: { name: string; labelWaybill?: string; claims: { waybill?: string } }[] };
    const copied = index.credentials.find((c) => c.name === 'parcel-watch-copied-label')!;
    const svg = readFileSync(join(out, 'watch-copied-label.svg'), 'utf8');
    expect(svg).toContain(copied.labelWaybill!);
    expect(svg).not.toContain(copied.claims.waybill!);
  });

  it('makes a label from one parcel credential of your own, named by its waybill', async () => {
    const io = memoryIo();
    const out = join(scratch, 'own');
    expect(await main(['labels', '--parcel', join(demo, 'parcels/serum-yours.txt'), '--out', out, '--verify-base', 'https://verify.example/verify'], io), io.err).toBe(0);
    const [name] = JSON.parse(io.out).labels as string[];
    expect(readdirSync(out).toSorted()).toEqual([`${name}.pdf`, `${name}.svg`]);
  });

  it.each([
    [['--demo', 'DEMO'], /--out DIR is required/],
    [['--out', 'X'], /--demo DIR or --parcel FILE is required/],
    [['--demo', 'DEMO', '--out', 'X', '--only', 'nope'], /no parcel named nope/],
    [['--demo', '/nonexistent', '--out', 'X'], /no demo world here/],
    [['--parcel', 'DEMO/receipts/serum.txt', '--out', 'X'], /a receipt credential, not a parcel/],
    [['--parcel', 'DEMO/parcels/tampered.txt', '--out', 'X'], /not a readable credential/],
    [['--parcel', 'DEMO/parcels/expired.txt', '--out', 'X', '--name', '../evil'], /--name/],
    [['--demo', 'DEMO', '--out', 'X', '--verify-base', 'javascript:alert(1)'], /--verify-base/],
  ])('%j → exit 2 with one line', async (args, message) => {
    const io = memoryIo();
    const argv = args.map((a) => a.replace('DEMO', demo).replace(/^X$/, join(scratch, 'x')));
    expect(await main(['labels', ...argv], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toMatch(message);
  });
});
