// Where `crosscheck screen` keeps its keyed state (--state) and where it reads orders from
// (a file or standard input, or a Redis Stream in a consumer group: --stream/--group/--consumer).
// The command (cli/commands/screen.ts) parses the rest of its flags and calls screenWithState.
import { resolve } from 'node:path';
import { CliError } from '../io.ts';
import {
  KeyedScreener,
  KeyedConflictError,
  KeyedStateError,
  createScreener,
  screenSource,
  screenSourceKeyed,
  type ScreenConfig,
  type ScreenOutput,
  type ScreenSummary,
  type ValidOrder,
} from '../../shared/screen/index.ts';
import type { PositiveList } from '../../shared/catalog/index.ts';
import type { InputFormat, ScreenCheck } from '../../shared/screen/index.ts';
import { RedisStateStore, connectRedis, isConnectionError, parseRedisUrl, withRedisRetry, type RedisClient, type RedisStateUrl } from './redis.ts';
import { consumeStream } from './redis-stream.ts';
import { loadSnapshot, saveSnapshot } from './snapshot.ts';

export type StateSpec = { kind: 'memory' } | { kind: 'file'; path: string } | { kind: 'redis'; url: RedisStateUrl; text: string };

export function parseStateFlag(value: string | true | undefined, cwd: string): StateSpec {
  if (value === undefined) return { kind: 'memory' };
  if (value === true || value === '') throw new CliError('--state needs a FILE or redis://HOST:PORT');
  if (/^rediss?:/i.test(value)) {
    const url = parseRedisUrl(value);
    if (typeof url === 'string') throw new CliError(`--state ${value}: ${url}`);
    return { kind: 'redis', url, text: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new CliError(`--state ${value}: only a file path or redis://HOST:PORT`);
  return { kind: 'file', path: resolve(cwd, value) };
}

export interface StreamSpec {
  key: string;
  group: string;
  consumer: string;
  claimIdleMs: number;
  exitWhenEmpty: boolean;
}

export interface ScreenWithStateOptions {
  state: StateSpec;
  stream: StreamSpec | undefined;
  config: ScreenConfig;
  format: InputFormat;
  positiveList: PositiveList | undefined;
  /** Price-filing and three-record checks (records loaded beside the orders). */
  checks?: readonly ScreenCheck[];
  batchSize: number;
  /** How long a Redis step may keep failing on the connection before the run stops (ms). */
  redisWaitMs: number;
  /** The input (file or standard input) when not reading a stream. */
  source: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
  onOutput(output: ScreenOutput, order: ValidOrder | undefined): void;
  /** Writes what onOutput buffered (called before a stream batch is acknowledged). */
  flush(): void;
  stderr(text: string): void;
}

export async function screenWithState(o: ScreenWithStateOptions): Promise<ScreenSummary> {
  const { state } = o;
  if (state.kind === 'memory') {
    return screenSource(await o.source(), { format: o.format, config: o.config, positiveList: o.positiveList, checks: o.checks, onOutput: o.onOutput });
  }
  if (state.kind === 'file') {
    const loaded = await loadSnapshot(state.path);
    if (!loaded.ok) throw new CliError(loaded.message);
    const screener = createScreener({ config: o.config, positiveList: o.positiveList, checks: o.checks, state: loaded.state });
    const summary = await screenSource(await o.source(), { format: o.format, config: o.config, screener, onOutput: o.onOutput });
    try {
      await saveSnapshot(state.path, screener.state);
    } catch (e) {
      throw new CliError(`cannot write state ${state.path}: ${(e as NodeJS.ErrnoException).code ?? 'write error'}`);
    }
    return summary;
  }

  const wait = (what: string) => ({
    waitMs: o.redisWaitMs,
    onWait: (attempt: number, error: Error) => {
      if (attempt === 1 || attempt % 10 === 0) o.stderr(`crosscheck screen: Redis ${what} failed (${error.message}); retrying for up to ${Math.round(o.redisWaitMs / 1000)} s\n`);
    },
  });
  const connect = () => withRedisRetry(() => connectRedis(state.url), wait(`at ${state.url.host}:${state.url.port}`));
  let client: RedisClient;
  let streamClient: RedisClient | undefined;
  try {
    client = await connect();
    if (o.stream) streamClient = await connect();
  } catch (e) {
    throw new CliError(`cannot reach Redis at ${state.url.host}:${state.url.port}: ${(e as Error).message}`);
  }
  const keyed = new KeyedScreener({ config: o.config, positiveList: o.positiveList, checks: o.checks, store: new RedisStateStore(client, state.url.prefix) });
  const retry = <T>(fn: () => Promise<T>) => withRedisRetry(fn, wait('command'));

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130); // a second Ctrl-C: the current batch is not waited for
    stopping = true;
    o.stderr('crosscheck screen: stopping after the current batch (Ctrl-C again to quit now)\n');
  };
  if (o.stream) {
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  try {
    if (o.stream) {
      const stream = o.stream;
      return await consumeStream({
        client: streamClient!,
        keyed,
        key: stream.key,
        group: stream.group,
        consumer: stream.consumer,
        batchSize: o.batchSize,
        claimIdleMs: stream.claimIdleMs,
        blockMs: stream.exitWhenEmpty ? 200 : 2_000,
        exitWhenEmpty: stream.exitWhenEmpty,
        retry,
        write: (outputs) => {
          for (const { output, order } of outputs) o.onOutput(output, order);
          o.flush();
        },
        stopping: () => stopping,
      });
    }
    return await screenSourceKeyed(await o.source(), {
      format: o.format,
      config: o.config,
      keyed,
      batchSize: o.batchSize,
      runBatch: (orders) => retry(() => keyed.screenBatch(orders)),
      onOutput: o.onOutput,
    });
  } catch (e) {
    if (e instanceof KeyedStateError || e instanceof KeyedConflictError) throw new CliError(e.message);
    if (isConnectionError(e)) {
      throw new CliError(
        `Redis at ${state.url.host}:${state.url.port} did not come back within ${Math.round(o.redisWaitMs / 1000)} s (${(e as Error).message}); every decision written so far is committed: run again to continue`,
      );
    }
    throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    client.disconnect();
    streamClient?.disconnect();
  }
}
