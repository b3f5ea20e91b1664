// `crosscheck screen --state …` and `--stream …` end to end: in-process through the dispatcher for
// the snapshot file and the Redis state, and as real processes for a consumer killed mid-stream.
// The Redis parts skip, with the reason, only where redis-server is not installed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../cli/main.ts';
import { memoryIo } from '../../../harness/memory-io.ts';
import { generateOrders } from '../../../harness/samples/screen-orders.ts';
import { redisUnavailable, startRedis, type RedisServer } from '../../../harness/redis-server.ts';
import { connectRedis, parseRedisUrl, type RedisClient } from '../../../../cli/screen-state/redis.ts';

const CLI = fileURLToPath(new URL('../../../../cli/crosscheck.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-screen-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const generated = generateOrders({ orders: 3_000, seed: 5 });
const watchlist = join(dir, 'watchlist.txt');
writeFileSync(watchlist, generated.watchlist.join('\n'));
const lines = generated.orders.map((g) => JSON.stringify(g.order));
const text = (from: number, to: number) => `${lines.slice(from, to).join('\n')}\n`;

async function screen(args: string[], stdin?: string): Promise<{ code: number; out: string[]; err: string }> {
  const io = memoryIo(stdin === undefined ? {} : { stdin });
  const code = await main(['screen', '--watchlist', watchlist, ...args], io);
  return { code, out: io.out.split('\n').filter((l) => l.length > 0), err: io.err };
}

let oneRun: string[];
beforeAll(async () => {
  const r = await screen(['-'], text(0, lines.length));
  expect(r.code).toBe(0);
  oneRun = r.out;
  expect(oneRun.filter((l) => !l.includes('"pass"')).length).toBeGreaterThan(30);
});

describe('crosscheck screen --state FILE', () => {
  it('keeps the state between two runs: two halves give the decisions of one run', async () => {
    const state = join(dir, 'state.ndjson');
    const a = await screen(['--state', state, '-'], text(0, 1_234));
    const b = await screen(['--state', state, '-'], text(1_234, lines.length));
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([...a.out, ...b.out]).toEqual(oneRun);
  });

  it('stops with the line number of a snapshot it cannot read', async () => {
    const state = join(dir, 'bad-state.ndjson');
    writeFileSync(state, '{"format":"crosscheck-screen-state","version":1,"newestMs":null,"sinceSweep":0}\n{"o":"x","s":{}}\n');
    const r = await screen(['--state', state, '-'], text(0, 10));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-state\.ndjson line 2: orderer x/);
  });
});

describe('crosscheck screen flags', () => {
  it('refuses flags that do not go together, with a message', async () => {
    const cases: [string[], RegExp][] = [
      [['--stream', 'k', '--group', 'g', '--consumer', 'c'], /--state redis/],
      [['--group', 'g', '-'], /--group goes with --stream/],
      [['--state', 'ftp://h/x', '-'], /only a file path or redis/],
      [['--state', 'redis://h:0', '-'], /bad port|not a URL/],
      [['--state', 'redis://127.0.0.1:1', '--stream', 'k', '--group', 'g'], /--consumer C/],
      [['--state', 'redis://127.0.0.1:1', '--stream', 'k', '--group', 'g', '--consumer', 'c', 'file.ndjson'], /either an input file or --stream/],
      [['--batch', '0', '-'], /--batch must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const r = await screen(args, '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });

  it.skipIf(redisUnavailable())('stops after --redis-wait when no Redis answers', async () => {
    const r = await screen(['--state', 'redis://127.0.0.1:1', '--redis-wait', '1', '-'], text(0, 5));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot reach Redis at 127\.0\.0\.1:1/);
  });
});

describe.skipIf(redisUnavailable())('crosscheck screen --state redis://', { timeout: 180_000 }, () => {
  let server: RedisServer & { dispose(): Promise<void> };
  let client: RedisClient;
  beforeAll(async () => {
    server = await startRedis();
    const url = parseRedisUrl(server.url);
    if (typeof url === 'string') throw new Error(url);
    client = await connectRedis(url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.dispose();
  });

  it('gives the decisions of one run for input fed in two runs', async () => {
    const state = `${server.url}?prefix=halves:`;
    const a = await screen(['--state', state, '-'], text(0, 1_500));
    const b = await screen(['--state', state, '-'], text(1_500, lines.length));
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([...a.out, ...b.out]).toEqual(oneRun);
  });

  const feed = async (key: string, from: number, to: number) => {
    const p = client.pipeline();
    for (const l of lines.slice(from, to)) p.xadd(key, '*', 'order', l);
    await p.exec();
  };
  const byOrder = (out: string[]) => new Map(out.map((l) => [(JSON.parse(l) as { orderId: string }).orderId, l]));

  it('shares a Redis Stream between two consumers of one group, each order decided once', async () => {
    await feed('orders:two', 0, lines.length);
    const args = (consumer: string) => ['--state', `${server.url}?prefix=two:`, '--stream', 'orders:two', '--group', 'screen', '--consumer', consumer, '--batch', '64', '--exit-when-empty'];
    const [a, b] = await Promise.all([screen(args('a')), screen(args('b'))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.out.length + b.out.length).toBe(lines.length);
    expect(byOrder([...a.out, ...b.out]).size).toBe(lines.length);
    expect(a.err).toMatch(/stream orders:two \(group screen, consumer a\)/);
  });

  it('loses nothing when a consumer process is killed mid-stream: another claims its entries', async () => {
    await feed('orders:kill', 0, lines.length);
    const state = `${server.url}?prefix=kill:`;
    const args = (consumer: string, claim: string) => [CLI, 'screen', '--watchlist', watchlist, '--state', state, '--stream', 'orders:kill', '--group', 'screen', '--consumer', consumer, '--batch', '50', '--claim-idle', claim, '--exit-when-empty'];
    const child = spawn(process.execPath, args('doomed', '60000'), { stdio: ['ignore', 'pipe', 'pipe'] });
    let written = '';
    child.stdout.on('data', (d: Buffer) => (written += d.toString()));
    // Kill it once it has written some decisions: mid-stream, with a batch likely in flight.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (written.split('\n').length > 300) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => child.once('exit', r));
    const before = written.split('\n').filter((l) => l.length > 0 && l.endsWith('}'));
    const rest = await screen(['--state', state, '--stream', 'orders:kill', '--group', 'screen', '--consumer', 'heir', '--claim-idle', '0', '--exit-when-empty']);
    expect(rest.code).toBe(0);
    const decided = byOrder([...before, ...rest.out]);
    expect(decided.size).toBe(lines.length);
    // Each decision is the one-run decision, including orders screened twice (the killed
    // consumer's unacknowledged batch, replayed from the stored partial results).
    const expected = byOrder(oneRun);
    for (const [id, line] of decided) expect(line, id).toBe(expected.get(id));
    for (const line of rest.out) expect(line).toBe(expected.get((JSON.parse(line) as { orderId: string }).orderId));
  });
});
