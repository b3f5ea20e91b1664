// Order screening with its keyed state outside the process (issue 14): orders per second with the
// state in Redis (one server, a three-node cluster) beside the in-memory engine measured in the same
// run, and one vs two screen processes sharing a Redis Stream through a consumer group. Real
// redis-server processes on this machine (skipped with a row saying why when it is not installed),
// appendfsync everysec as a production server would run. Every Redis figure is bounded by round
// trips (per key and batch a Lua compare-and-set, preceded by a load unless this process wrote the
// key last) and by the server's share of the CPU, not by the rules.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';
import { KeyedScreener, ScreenStream, resolveConfig, screenSourceKeyed, type ScreenConfig } from '../../../shared/screen/index.ts';
import { RedisStateStore, connectRedis, parseRedisUrl, type RedisClient } from '../../../cli/screen-state/redis.ts';
import { generateOrders } from '../samples/screen-orders.ts';
import { redisUnavailable, startRedis, startRedisCluster } from '../redis-server.ts';

const CLI = fileURLToPath(new URL('../../../cli/crosscheck.mjs', import.meta.url));

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.quick ? 4_000 : 30_000;
  const generated = generateOrders({ orders: n, seed: 20_260_101 });
  const resolved = resolveConfig({ watchlist: generated.watchlist });
  if (!resolved.ok) throw new Error(resolved.error.message);
  const config = resolved.value;
  const lines = generated.orders.map((g) => JSON.stringify(g.order));
  const text = `${lines.join('\n')}\n`;
  const orders = lines.length;
  ctx.log(`screen-state: ${orders} orders`);

  const memory = await opsPerSecond(() => {
    const stream = new ScreenStream({ config, onOutput: () => {} });
    stream.push(text);
    stream.end();
    return orders;
  }, ctx.quick ? 300 : 2_000);
  const rows: BenchRow[] = [{ label: 'in memory: full stream (split, parse, validate, rules)', value: memory, unit: 'orders/s' }];

  const unavailable = redisUnavailable();
  if (unavailable) {
    ctx.log(`screen-state: Redis rows skipped: ${unavailable}`);
    return rows;
  }

  const server = await startRedis('everysec');
  try {
    let prefix = 0;
    const once = async (url: string) => {
      const c = await connect(url);
      try {
        const started = performance.now();
        await screenKeyed(c, `b${++prefix}:`, config, text);
        return orders / ((performance.now() - started) / 1000);
      } finally {
        c.disconnect();
      }
    };
    const single = await once(server.url);
    rows.push({ label: 'Redis state, one server: full stream, batches of 512', value: single, unit: 'orders/s', ratio: single / memory, baseline: 'in memory' });

    // One vs two screen processes on one stream (each a `crosscheck screen --stream` process).
    for (const workers of [1, 2]) {
      const c = await connect(server.url);
      const key = `bench:orders:${workers}`;
      for (let i = 0; i < lines.length; i += 1_000) {
        const p = c.pipeline();
        for (const l of lines.slice(i, i + 1_000)) p.xadd(key, '*', 'order', l);
        await p.exec();
      }
      c.disconnect();
      const seconds = await Promise.all(
        Array.from({ length: workers }, (_, w) =>
          runWorker(`${server.url}?prefix=w${workers}:`, key, `w${w}`),
        ),
      );
      const rate = orders / Math.max(...seconds);
      rows.push({ label: `Redis Stream, ${workers} screen process${workers > 1 ? 'es' : ''} in one group`, value: rate, unit: 'orders/s', ratio: rate / single, baseline: 'one server' });
    }
  } finally {
    await server.dispose();
  }

  const cluster = await startRedisCluster('everysec');
  try {
    const c = await connect(cluster.url);
    const started = performance.now();
    await screenKeyed(c, 'b:', config, text);
    const rate = orders / ((performance.now() - started) / 1000);
    c.disconnect();
    rows.push({ label: 'Redis state, three-node cluster: full stream', value: rate, unit: 'orders/s', ratio: rate / memory, baseline: 'in memory' });
  } finally {
    await cluster.dispose();
  }
  return rows;
}

async function connect(url: string): Promise<RedisClient> {
  const parsed = parseRedisUrl(url);
  if (typeof parsed === 'string') throw new Error(parsed);
  return connectRedis(parsed);
}

async function screenKeyed(c: RedisClient, prefix: string, config: ScreenConfig, text: string): Promise<void> {
  const keyed = new KeyedScreener({ config, store: new RedisStateStore(c, prefix) });
  await screenSourceKeyed([text], { config, keyed, batchSize: 512, onOutput: () => {} });
}

/** Runs one `crosscheck screen --stream` process; resolves with the seconds it reports. */
function runWorker(url: string, key: string, consumer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'screen', '--state', url, '--stream', key, '--group', 'bench', '--consumer', consumer, '--exit-when-empty'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      const m = /in (\d+(?:\.\d+)?) s/.exec(err);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`screen worker ${consumer} exited ${code}: ${err.slice(0, 500)}`));
    });
  });
}
