// `crosscheck issue --batch`: NDJSON claims in, one payload per line out in input order, errors
// as `line N: …`, signing on worker threads; a batch killed half-way leaves only whole lines.
import { spawn } from 'node:child_process';
import { open, mkdtemp, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importVerifyKeyJwk, openCredential, verifyOpened, type VerifyKey } from '../../../shared/credential/index.ts';
import { decodeClaims } from '../../../shared/credential/claims/index.ts';
import { runCliCaptured } from '../../harness/memory-io.ts';
import { parcelClaims } from './parcel-claims.ts';

const CLI = fileURLToPath(new URL('../../../cli/crosscheck.mjs', import.meta.url));

let dir: string;
let verifier: VerifyKey;
const run = (args: string[], stdin = '') => runCliCaptured(args, { stdin, cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-batch-'));
  expect((await run(['keygen', '--role', 'warehouse', '--out', 'wh.json'])).code).toBe(0);
  const pub = JSON.parse(await readFile(join(dir, 'wh.pub.json'), 'utf8'));
  const key = await importVerifyKeyJwk(pub.publicKeyJwk);
  if (!key.ok) throw new Error(key.error.code);
  verifier = key.value;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The parcel id inside a payload's claims: it says which input line the payload came from. */
function parcelId(claims: unknown): string | undefined {
  const decoded = decodeClaims(claims);
  return decoded.ok && decoded.value.type === 'parcel' ? decoded.value.id : undefined;
}

async function verifies(line: string): Promise<boolean> {
  const opened = await openCredential(line);
  return opened.ok && (await verifyOpened(opened.value, verifier)).ok;
}

describe('crosscheck issue --batch', () => {
  it('writes one line per input line, in order; bad lines leave an empty line and `line N:` on stderr', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify(parcelClaims(i)));
    lines[9] = 'not json';
    lines[99] = JSON.stringify({ ...parcelClaims(99), goods: [] });
    lines[120] = '';
    await writeFile(join(dir, 'claims.ndjson'), `${lines.join('\r\n')}\r\n`);
    const r = await run(['issue', 'parcel', '--key', 'wh.json', '--batch', 'claims.ndjson', '--workers', '2']);
    expect(r.code).toBe(1);
    const out = r.out.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(150);
    expect(r.err).toMatch(/^line 10: not valid JSON$/m);
    expect(r.err).toMatch(/^line 100: claims: goods/m);
    expect(r.err).toMatch(/^crosscheck issue: 147 of 150 lines issued, 2 failed/m);
    expect(r.err).not.toMatch(/line 121/);
    for (const i of [9, 99, 120]) expect(out[i]).toBe('');
    for (const [i, line] of out.entries()) {
      if ([9, 99, 120].includes(i)) continue;
      const opened = await openCredential(line);
      if (!opened.ok) throw new Error(`line ${i + 1}: ${opened.error.code}`);
      expect((await verifyOpened(opened.value, verifier)).ok).toBe(true);
      // input order: the parcel id says which input line this payload came from
      expect(parcelId(opened.value.claims)).toBe(`SF14${String(i).padStart(11, '0')}`);
    }
  }, 60_000);

  it('reads stdin with - and exits 0 when every line is issued; one worker works too', async () => {
    const input = [1, 2, 3].map((n) => JSON.stringify(parcelClaims(n))).join('\n'); // no final newline
    const r = await run(['issue', 'parcel', '--key', 'wh.json', '--batch', '-', '--workers', '1'], input);
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3);
    for (const line of r.out.trim().split('\n')) expect(await verifies(line)).toBe(true);
  }, 60_000);

  it.each([
    [['--batch', '-', '--in', 'x.json'], /--batch reads the claims itself/],
    [['--batch', '-', '--order-secret', 'ab'.repeat(32)], /--order-secret is for one parcel/],
    [['--batch', '-', '--workers', '0'], /--workers: a whole number from 1/],
    [['--workers', '2'], /--workers goes with --batch/],
    [['--batch', 'missing.ndjson'], /cannot read missing.ndjson: no such file/],
  ])('refuses %j with exit 2', async (extra, message) => {
    const r = await run(['issue', 'parcel', '--key', 'wh.json', ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it.each(['SIGKILL', 'SIGINT'] as const)('a batch stopped by %s leaves only complete lines, each verifying', async (signal) => {
    const count = 20_000;
    const input = join(dir, `big-${signal}.ndjson`);
    await writeFile(input, `${Array.from({ length: count }, (_, i) => JSON.stringify(parcelClaims(i))).join('\n')}\n`);
    const outPath = join(dir, `out-${signal}.txt`);
    const out = await open(outPath, 'w');
    const child = spawn(process.execPath, [CLI, 'issue', 'parcel', '--key', 'wh.json', '--batch', input], { cwd: dir, stdio: ['ignore', out.fd, 'pipe'] });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while ((await stat(outPath)).size < 200 * 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill(signal);
    await exited;
    await out.close();
    const text = await readFile(outPath, 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe(''); // the file ends with a newline: no half-written line
    expect(lines.length).toBeGreaterThanOrEqual(100);
    expect(lines.length).toBeLessThan(count); // it was stopped half-way
    for (const [i, line] of lines.entries()) {
      expect(await verifies(line), `line ${i + 1}`).toBe(true);
      if (i % 97 === 0) {
        const opened = await openCredential(line);
        expect(opened.ok && parcelId(opened.value.claims)).toBe(`SF14${String(i).padStart(11, '0')}`);
      }
    }
  }, 120_000);
});
