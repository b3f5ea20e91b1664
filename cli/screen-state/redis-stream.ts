// Orders from a Redis Stream, shared by every screen process of one consumer group
// (`crosscheck screen --state redis://… --stream KEY --group G --consumer C`). Each entry carries
// one order as JSON in its `order` field. A batch is read with XREADGROUP, screened through the
// keyed Redis state, its decisions written, and only then acknowledged (XACK): an entry whose
// consumer died before the acknowledgement stays pending and is claimed (XAUTOCLAIM) by another
// once idle, and screening it again replays the same decision without counting it twice.
import type { KeyedScreener, RowError, ScreenOutput, ScreenResult, ScreenSummary, ValidOrder } from '../../shared/screen/index.ts';
import { RULE_IDS, readOrderText } from '../../shared/screen/index.ts';
import type { RedisClient } from './redis.ts';

export interface StreamConsumerOptions {
  /** The connection for stream commands (XREADGROUP blocks it, so not the state connection). */
  client: RedisClient;
  keyed: KeyedScreener;
  key: string;
  group: string;
  consumer: string;
  batchSize: number;
  /** Entries pending this long on another (dead) consumer are claimed (ms). */
  claimIdleMs: number;
  /** How long one read waits for new entries (ms). */
  blockMs: number;
  /** Stop when the group has nothing new and nothing to claim (for batch jobs and tests). */
  exitWhenEmpty: boolean;
  /** Runs a Redis step, waiting through a connection that went away (withRedisRetry). */
  retry<T>(fn: () => Promise<T>): Promise<T>;
  /** Writes every output of one batch; the entries are acknowledged after it returns. */
  write(outputs: readonly { output: ScreenOutput; order: ValidOrder | undefined }[]): void;
  /** True once the process was asked to stop (SIGINT/SIGTERM): the current batch completes. */
  stopping(): boolean;
}

type Entry = [id: string, fields: string[] | null];

export function emptySummary(): ScreenSummary {
  return {
    lines: 0,
    orders: 0,
    decisions: { pass: 0, review: 0, block: 0, error: 0 },
    reasons: Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as ScreenSummary['reasons'],
    errors: {},
  };
}

/** Creates the group at the start of the stream unless it exists (the stream too). */
export async function ensureGroup(client: RedisClient, key: string, group: string): Promise<void> {
  try {
    await client.xgroup('CREATE', key, group, '0', 'MKSTREAM');
  } catch (e) {
    if (!/BUSYGROUP/.test((e as Error).message)) throw e;
  }
}

export async function consumeStream(options: StreamConsumerOptions): Promise<ScreenSummary> {
  const { client, key, group } = options;
  const summary = emptySummary();
  await options.retry(() => ensureGroup(client, key, group));

  const screen = async (entries: Entry[]) => {
    const items: ({ error: RowError } | { order: ValidOrder })[] = [];
    const orders: ValidOrder[] = [];
    for (const [id, fields] of entries) {
      const record = ++summary.lines;
      const text = fields ? fieldValue(fields, 'order') : undefined;
      if (text === undefined) {
        const message = fields ? 'the entry has no "order" field' : 'the entry was deleted from the stream before it was read';
        items.push({ error: { line: record, decision: 'error', code: 'order-invalid', message, entry: id } });
        continue;
      }
      const read = readOrderText(text, record);
      if (!read.ok) {
        items.push({ error: { ...read.error, entry: id } });
        continue;
      }
      items.push({ order: read.value });
      orders.push(read.value);
    }
    const results: ScreenResult[] = orders.length > 0 ? await options.retry(() => options.keyed.screenBatch(orders)) : [];
    let n = 0;
    const outputs = items.map((item) => {
      if ('error' in item) {
        summary.decisions.error++;
        summary.errors[item.error.code] = (summary.errors[item.error.code] ?? 0) + 1;
        return { output: item.error as ScreenOutput, order: undefined };
      }
      const result = results[n++]!;
      summary.orders++;
      summary.decisions[result.decision]++;
      for (const r of result.reasons) summary.reasons[r]++;
      return { output: result as ScreenOutput, order: item.order };
    });
    options.write(outputs);
    const ids = entries.map(([id]) => id);
    await options.retry(() => client.xack(key, group, ...ids));
  };

  // This consumer's own pending entries first (delivered to it before a restart, never acknowledged).
  for (let from = '0'; !options.stopping(); ) {
    const own = await options.retry(() => readGroup(client, options, from));
    if (own.length === 0) break;
    await screen(own);
    from = own.at(-1)![0];
  }

  let cursor = '0-0';
  while (!options.stopping()) {
    // Entries idle on a dead consumer, then new ones.
    const [next, claimed] = await options.retry(() => autoClaim(client, options, cursor));
    cursor = next;
    if (claimed.length > 0) {
      await screen(claimed);
      continue;
    }
    const fresh = await options.retry(() => readGroup(client, options, '>'));
    if (fresh.length > 0) {
      await screen(fresh);
      continue;
    }
    if (options.exitWhenEmpty && cursor === '0-0') break;
  }
  return summary;
}

function fieldValue(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

async function readGroup(client: RedisClient, o: StreamConsumerOptions, from: string): Promise<Entry[]> {
  const args: (string | number)[] = ['GROUP', o.group, o.consumer, 'COUNT', o.batchSize];
  if (from === '>') args.push('BLOCK', o.blockMs);
  args.push('STREAMS', o.key, from);
  const reply = (await client.call('XREADGROUP', ...args)) as [string, Entry[]][] | null;
  return reply?.[0]?.[1] ?? [];
}

async function autoClaim(client: RedisClient, o: StreamConsumerOptions, cursor: string): Promise<[string, Entry[]]> {
  const reply = (await client.call('XAUTOCLAIM', o.key, o.group, o.consumer, o.claimIdleMs, cursor, 'COUNT', o.batchSize)) as [string, Entry[], ...unknown[]];
  return [reply[0], reply[1].filter((e) => e !== null)];
}
