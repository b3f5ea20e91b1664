// Batch issuance (issue 14): 50,000 parcel claims through one `crosscheck issue parcel --batch`
// call (NDJSON reading, worker start-up, signing, ordered output all included), per core, beside
// the raw ECDSA P-256 sign rate of one core measured in the same run (node:crypto over OpenSSL,
// before and after the batch, averaged). The goal is ≥ 0.8× that raw rate.
//
// Two readings: by wall clock (rate ÷ workers), and by CPU time (credentials per CPU-second of
// this process, all threads, against raw signatures per CPU-second). On a machine shared with
// other work the wall-clock one falls with the share of the cores this process gets; the CPU one
// does not. The call runs in this process (cli/main.ts with an output that counts lines), so
// process.cpuUsage() sees the workers.
import { generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main.ts';
import { newKeyPair, writeKeyPair } from '../../../cli/commands/keygen.ts';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';
function claimsLine(n: number): string {
  const id = `SF14${String(n).padStart(11, '0')}`;
  return JSON.stringify({
    issuer: 'wh', id, waybill: id, carrier: 'SF', goods: [{ gtin: '4006381333931', batch: 'L2291A', expiry: '2028-06-30', quantity: 2 }],
    declaration: '53162026I000000077', port: '5316', mode: 9610, releasedAt: '2026-11-20T08:00:00Z', issuedAt: '2026-11-20T08:00:00Z',
    declaredValueFen: 10_000 + (n % 5_000), buyerCommitment: (n % 65_536).toString(16).padStart(4, '0').repeat(8), importer: 'imp', seller: 'shop',
  });
}

/** Raw signatures per second of wall clock and per CPU-second, on one core. */
async function rawSign(ms: number): Promise<{ wall: number; cpu: number }> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = new Uint8Array(220).fill(7); // about a parcel's Sig_structure
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const wall = await opsPerSecond(() => {
    for (let i = 0; i < 16; i++) sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    ops += 16;
    return 16;
  }, ms);
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: ops / ((used.user + used.system) / 1e6) };
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

    const before = await rawSign(ctx.quick ? 300 : 1_500);
    let lines = 0;
    let errors = '';
    const io = {
      readStdin: async () => new Uint8Array(),
      stdout: (text: string) => void (lines += text.split('\n').length - 1),
      stdoutBytes: () => undefined,
      stderr: (text: string) => void (errors += text),
      cwd: dir,
      env: {},
    };
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const code = await main(['issue', 'parcel', '--key', 'wh.json', '--batch', input, '--workers', String(workers)], io);
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (code !== 0 || lines !== count) throw new Error(`batch: exit ${code}, ${lines} of ${count} lines: ${errors.slice(0, 300)}`);
    const after = await rawSign(ctx.quick ? 300 : 1_500);
    const rawWall = (before.wall + after.wall) / 2;
    const rawCpu = (before.cpu + after.cpu) / 2;
    const rate = count / seconds;
    const perCpuSecond = count / ((cpu.user + cpu.system) / 1e6);
    ctx.log(`issue --batch: ${count} parcels in ${seconds.toFixed(1)} s on ${workers} workers, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU-seconds`);
    return [
      { label: 'raw ECDSA P-256 sign, one core (node:crypto)', value: rawWall, unit: 'ops/s' },
      { label: `issue --batch, ${count} parcels in one call (${workers} workers)`, value: rate, unit: 'ops/s' },
      { label: 'issue --batch per core (wall clock)', value: rate / workers, unit: 'ops/s', ratio: rate / workers / rawWall, baseline: 'raw P-256 sign, one core (goal 0.8×)' },
      { label: 'issue --batch per CPU-second', value: perCpuSecond, unit: 'ops/s', ratio: perCpuSecond / rawCpu, baseline: 'raw P-256 signs per CPU-second' },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
