// Batch issuance (issue 14): 50,000 parcel claims through one `crosscheck issue parcel --batch`
// process (start-up, NDJSON reading, worker threads, ordered output all included), per core,
// beside the raw ECDSA P-256 sign rate of one core measured in the same run (node:crypto over
// OpenSSL, before and after the batch, averaged). The goal is ≥ 0.8× that raw rate.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newKeyPair, writeKeyPair } from '../../../cli/commands/keygen.ts';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';

const CLI = fileURLToPath(new URL('../../../cli/crosscheck.mjs', import.meta.url));

function claimsLine(n: number): string {
  const id = `SF14${String(n).padStart(11, '0')}`;
  return JSON.stringify({
    issuer: 'wh', id, waybill: id, carrier: 'SF', goods: [{ gtin: '4006381333931', batch: 'L2291A', expiry: '2028-06-30', quantity: 2 }],
    declaration: '53162026I000000077', port: '5316', mode: 9610, releasedAt: '2026-11-20T08:00:00Z', issuedAt: '2026-11-20T08:00:00Z',
    declaredValueFen: 10_000 + (n % 5_000), buyerCommitment: (n % 65_536).toString(16).padStart(4, '0').repeat(8), importer: 'imp', seller: 'shop',
  });
}

function rawSignPerCore(ms: number): Promise<number> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = new Uint8Array(220).fill(7); // about a parcel's Sig_structure
  return opsPerSecond(() => {
    for (let i = 0; i < 16; i++) sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return 16;
  }, ms);
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const count = ctx.quick ? 3_000 : 50_000;
  const workers = availableParallelism();
  const dir = await mkdtemp(join(tmpdir(), 'cc-bench-batch-'));
  try {
    await writeKeyPair(join(dir, 'wh.json'), await newKeyPair('warehouse'));
    const input = join(dir, 'claims.ndjson');
    const file = createWriteStream(input);
    for (let n = 0; n < count; n++) file.write(`${claimsLine(n)}\n`);
    await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));

    const rawBefore = await rawSignPerCore(ctx.quick ? 300 : 1_500);
    const start = performance.now();
    const { lines, failed, code } = await new Promise<{ lines: number; failed: string; code: number | null }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'issue', 'parcel', '--key', 'wh.json', '--batch', input, '--workers', String(workers)], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let newlines = 0;
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) newlines++;
      });
      child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ lines: newlines, failed: err, code: exit }));
    });
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0 || lines !== count) throw new Error(`batch: exit ${code}, ${lines} of ${count} lines: ${failed.slice(0, 300)}`);
    const rawAfter = await rawSignPerCore(ctx.quick ? 300 : 1_500);
    const raw = (rawBefore + rawAfter) / 2;
    const rate = count / seconds;
    ctx.log(`issue --batch: ${count} parcels in ${seconds.toFixed(1)} s on ${workers} workers`);
    return [
      { label: 'raw ECDSA P-256 sign, one core (node:crypto)', value: raw, unit: 'ops/s' },
      { label: `issue --batch, ${count} parcels in one call (${workers} workers)`, value: rate, unit: 'ops/s' },
      { label: 'issue --batch per core', value: rate / workers, unit: 'ops/s', ratio: rate / workers / raw, baseline: 'raw P-256 sign, one core (goal 0.8×)' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
