// Batch issuance (issue 14): 50,000 parcel claims through one `crosscheck issue parcel --batch`
// call (NDJSON reading, worker start-up, signing, ordered output all included), per core, beside
// the raw ECDSA P-256 sign rate of one core measured in the same run (node:crypto over OpenSSL,
// before and after the batch, averaged). The goal is ≥ 0.8× that raw rate.
//
// Two readings: by wall clock (rate ÷ workers), and by CPU time (credentials per CPU-second of
// the batch's process, all threads, against raw signatures per CPU-second). On a machine shared
// with other work the wall-clock one falls with the share of the cores the batch gets; the CPU one
// does not.
//
// The batch runs as the product does: the built CLI (dist/cli, rebuilt here first when stale, as
// `npm ci` would have built it) in a process of its own, writing its payloads to a file through
// process.stdout. (It ran in this process before, through the tsx loader: every worker thread then
// loaded tsx and compiled the TypeScript sources itself, ~1.5 s of CPU for two workers that no
// merchant's `crosscheck` spends, and the output was counted, never written.) The child measures
// its own process.cpuUsage() around main(), so its start-up before the command is left out as it
// was here, and reports it on file descriptor 3.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newKeyPair, writeKeyPair } from '../../../cli/commands/keygen.ts';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';

const BUILD = fileURLToPath(new URL('../../../cli/build.mjs', import.meta.url));
const BUILT_CLI = new URL('../../../dist/cli/crosscheck.mjs', import.meta.url).href;

/** Runs the built CLI's main(argv) in the child; its CPU time, wall time and exit code come back on fd 3. */
const CHILD = `
import { writeSync } from 'node:fs';
const { main } = await import(process.env.CC_BUILT_CLI);
const cpu0 = process.cpuUsage();
const start = performance.now();
const code = await main(JSON.parse(process.env.CC_ARGV));
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
writeSync(3, JSON.stringify({ code, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
`;

async function runBuiltCli(argv: string[], cwd: string, outPath: string): Promise<{ code: number; seconds: number; cpuSeconds: number; stderr: string }> {
  // A file, not `-e`: the worker threads inherit node's options, and `--input-type` is not one for them.
  const script = join(cwd, 'run-built-cli.mjs');
  await writeFile(script, CHILD);
  const out = await open(outPath, 'w');
  try {
    const child = spawn(process.execPath, [script], {
      cwd,
      env: { ...process.env, CC_BUILT_CLI: BUILT_CLI, CC_ARGV: JSON.stringify(argv) },
      stdio: ['ignore', out.fd, 'pipe', 'pipe'],
    });
    let stderr = '';
    let report = '';
    child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdio[3]!.on('data', (d: Buffer) => void (report += d.toString()));
    await new Promise<void>((resolve, reject) => child.on('exit', () => resolve()).on('error', reject));
    if (!report) throw new Error(`the batch process reported nothing: ${stderr.slice(0, 300)}`);
    return { ...(JSON.parse(report) as { code: number; seconds: number; cpuSeconds: number }), stderr };
  } finally {
    await out.close();
  }
}

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

    const built = spawnSync(process.execPath, [BUILD], { encoding: 'utf8' });
    ctx.log(`issue-batch: ${built.stderr.trim()}`);
    const before = await rawSign(ctx.quick ? 300 : 1_500);
    const outPath = join(dir, 'payloads.txt');
    const run = await runBuiltCli(['issue', 'parcel', '--key', 'wh.json', '--batch', input, '--workers', String(workers)], dir, outPath);
    const { seconds } = run;
    const lines = (await readFile(outPath, 'utf8')).split('\n').length - 1;
    if (run.code !== 0 || lines !== count) throw new Error(`batch: exit ${run.code}, ${lines} of ${count} lines: ${run.stderr.slice(0, 300)}`);
    const after = await rawSign(ctx.quick ? 300 : 1_500);
    const rawWall = (before.wall + after.wall) / 2;
    const rawCpu = (before.cpu + after.cpu) / 2;
    const rate = count / seconds;
    const perCpuSecond = count / run.cpuSeconds;
    ctx.log(`issue --batch: ${count} parcels in ${seconds.toFixed(1)} s on ${workers} workers, ${run.cpuSeconds.toFixed(1)} CPU-seconds`);
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
