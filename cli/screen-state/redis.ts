// The screen's keyed state in Redis (`crosscheck screen --state redis://HOST:PORT`). One Redis hash
// per state key — an orderer, a normalised address, a phone — named with a hash tag
// (`crosscheck:screen:{o:ID}`), so every rule's update touches one hash slot and Redis Cluster
// spreads the keys. The hash holds:
//   v        the version, unique per commit (the compare-and-set token)
//   s        the key's state as JSON (shared/screen/state.ts encodeKeyState)
//   d:ORDER  the partial result (reasons) of every order applied to the key: idempotency by order id
// A commit is one Lua script on that one key: it writes only if the version is still the one read,
// so two processes sharing the keys cannot both count an order or lose each other's update. The
// engine itself stays in shared/screen (keyed.ts): Redis stores, it does not decide.
import { Cluster, Redis } from 'ioredis';
import type { DoneEntry, KeyedStateStore, StateKind, StoredKey } from '../../shared/screen/index.ts';

/** Keys untouched this long expire (wall clock from the last write: two years of orders plus slack). */
export const DEFAULT_TTL_MS = 800 * 86_400_000;
export const DEFAULT_PREFIX = 'crosscheck:screen:';

const KIND_TAG: Record<StateKind, string> = { orderer: 'o', address: 'a', phone: 'p' };

// KEYS[1] the state hash; ARGV: expected version ('' for a new key), next version, state JSON
// ('' for none), TTL in ms (0: none), then order id, reasons pairs. Refuses (0) when the version
// moved or one of the orders is already recorded (an order fed again): the client then loads.
const COMMIT_LUA = `
local v = redis.call('HGET', KEYS[1], 'v')
if (v or '') ~= ARGV[1] then return 0 end
for i = 5, #ARGV, 2 do
  if redis.call('HEXISTS', KEYS[1], 'd:' .. ARGV[i]) == 1 then return 0 end
end
redis.call('HSET', KEYS[1], 'v', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 's', ARGV[3]) end
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], 'd:' .. ARGV[i], ARGV[i + 1]) end
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
`;

export interface RedisStateUrl {
  host: string;
  port: number;
  /** Key prefix (`?prefix=`), so several screens or tests can share one server. */
  prefix: string;
  tls: boolean;
  password: string | undefined;
  username: string | undefined;
}

/** Parses `redis://[user:pass@]HOST:PORT[?prefix=P]` (or rediss:// for TLS); a message on error. */
export function parseRedisUrl(text: string): RedisStateUrl | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `not a URL: ${text}`;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `expected redis://HOST:PORT, not ${url.protocol}`;
  if (!url.hostname) return 'the URL names no host';
  const port = url.port ? Number(url.port) : 6379;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return `bad port ${url.port}`;
  if (url.pathname && url.pathname !== '/' && url.pathname !== '') return 'a database number is not supported (Redis Cluster has only database 0); use ?prefix= to separate screens';
  for (const k of url.searchParams.keys()) if (k !== 'prefix') return `unknown URL parameter ${k} (known: prefix)`;
  const prefix = url.searchParams.get('prefix') ?? DEFAULT_PREFIX;
  if (/[{}]/.test(prefix)) return 'the prefix may not contain { or } (they delimit the hash tag)';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    prefix,
    tls: url.protocol === 'rediss:',
    password: url.password ? decodeURIComponent(url.password) : undefined,
    username: url.username ? decodeURIComponent(url.username) : undefined,
  };
}

export type RedisClient = Redis | Cluster;

export interface ConnectOptions {
  /** Reconnect attempts a single command waits through before it fails (the caller retries). */
  retriesPerCommand?: number;
}

/**
 * Connects to the server and, when it is a cluster node (INFO cluster), to the cluster through it.
 * Commands issued in the same tick are pipelined (auto-pipelining), per node on a cluster.
 */
export async function connectRedis(url: RedisStateUrl, options: ConnectOptions = {}): Promise<RedisClient> {
  const common = {
    username: url.username,
    password: url.password,
    tls: url.tls ? {} : undefined,
    maxRetriesPerRequest: options.retriesPerCommand ?? 2,
    connectTimeout: 2_000,
    // RESP2 replies: the stream commands' shapes are the documented arrays, and servers before
    // Redis 6 speak only RESP2.
    protocol: 2 as const,
  };
  const probe = new Redis({ ...common, host: url.host, port: url.port, lazyConnect: true, retryStrategy, enableAutoPipelining: true });
  probe.on('error', () => {}); // reported through the failing command instead
  let info: string;
  try {
    await probe.connect();
    info = await probe.info('cluster');
  } catch (e) {
    probe.disconnect();
    throw e;
  }
  if (!/cluster_enabled:1/.test(info)) return probe;
  probe.disconnect();
  const cluster = new Cluster([{ host: url.host, port: url.port }], {
    redisOptions: common,
    clusterRetryStrategy: retryStrategy,
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  cluster.on('error', () => {});
  try {
    await cluster.connect();
  } catch (e) {
    cluster.disconnect();
    throw e;
  }
  return cluster;
}

/** Reconnect backoff: 100 ms more per attempt, at most a second; the caller bounds the total. */
function retryStrategy(times: number): number {
  return Math.min(100 * times, 1_000);
}

type CommitCommand = (key: string, ...args: string[]) => Promise<number>;

export class RedisStateStore implements KeyedStateStore {
  private readonly commitScript: CommitCommand;

  constructor(
    readonly client: RedisClient,
    readonly prefix = DEFAULT_PREFIX,
    readonly ttlMs = DEFAULT_TTL_MS,
  ) {
    // defineCommand sends EVALSHA and falls back to EVAL once per node that lacks the script.
    if (!('screenCommit' in client)) client.defineCommand('screenCommit', { numberOfKeys: 1, lua: COMMIT_LUA });
    this.commitScript = (client as unknown as { screenCommit: CommitCommand }).screenCommit.bind(client);
  }

  /** The Redis key of one state key: the hash tag keeps the whole update in one slot. */
  keyOf(kind: StateKind, key: string): string {
    return `${this.prefix}{${KIND_TAG[kind]}:${key}}`;
  }

  async load(kind: StateKind, key: string, orderIds: readonly string[]): Promise<StoredKey> {
    const fields = ['v', 's', ...orderIds.map((id) => `d:${id}`)];
    const values = await this.client.hmget(this.keyOf(kind, key), ...fields);
    const done = new Map<string, string>();
    for (let i = 0; i < orderIds.length; i++) {
      const r = values[i + 2];
      if (r !== null && r !== undefined) done.set(orderIds[i]!, r);
    }
    return { version: values[0] ?? '', state: values[1] ?? undefined, done };
  }

  async commit(kind: StateKind, key: string, version: string, next: string, state: string, done: readonly DoneEntry[]): Promise<boolean> {
    const args = [version, next, state, String(this.ttlMs)];
    for (const [orderId, reasons] of done) args.push(orderId, reasons);
    return (await this.commitScript(this.keyOf(kind, key), ...args)) === 1;
  }
}

/** An error from the connection (server gone, restarting, loading its AOF), as opposed to a bug. */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const text = `${e.name} ${e.message}`;
  return /MaxRetriesPerRequest|max retries per request|Connection is closed|connection (?:ended|lost)|command aborted|socket (?:closed|hang up)|ECONNREFUSED|ECONNRESET|ECONNABORTED|EHOSTUNREACH|ENOTCONN|EPIPE|ETIMEDOUT|LOADING|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|Failed to refresh slots cache|None of startup nodes|Stream isn't writeable|Command timed out/i.test(
    text,
  );
}

export interface RetryOptions {
  /** How long one operation may keep failing on the connection before the run stops (ms). */
  waitMs: number;
  onWait?: (attempt: number, error: Error) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `fn` until it succeeds, waiting through connection errors for at most `waitMs`. Safe for
 * the screen's batches because every key is idempotent by order id: a batch whose replies were
 * lost is redone and replays what was already committed.
 */
export async function withRedisRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + options.waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConnectionError(e) || Date.now() >= deadline) throw e;
      options.onWait?.(attempt, e as Error);
      await sleep(Math.min(100 * attempt, 1_000));
    }
  }
}
