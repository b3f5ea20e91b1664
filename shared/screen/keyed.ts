// The keyed topology of the README, run against a remote state store (Redis in cli/screen-state).
// Every piece of state belongs to one key — an orderer, a normalised address, a phone — and each
// rule reads and writes only its own key, so a batch of orders is screened key by key:
//
//   load the key's record (state, version, the partial results of orders already applied to it)
//   → run the same engine as in memory on that one key, in input order, skipping orders the key
//     has already seen (their stored partial result is replayed)
//   → commit state + partial results in one atomic compare-and-set on that key
//   → on a conflict (another process wrote the key meanwhile) load again and redo that key only.
//
// A key this process committed last is kept (bounded) with its version, so the next batch that
// touches it commits without loading first: one round trip instead of two. That is safe because
// the commit also refuses when any of its orders is already recorded on the key (an order fed
// again, which the cache would not know of) — a refusal is a conflict, and the key is loaded.
//
// The partial results of one order's keys are merged exactly as the staged test in rules.test.ts
// merges them, so the decisions are those of the in-memory engine. Idempotent by order id per key:
// an order fed twice (a restart, a replayed stream entry, a retried batch after a lost reply) is
// counted once and gets the same decision. Pure: the store is an interface, no I/O here.
import { normaliseAddress } from './address.ts';
import { createScreener, type ScreenResult, type Screener, type ScreenerOptions } from './engine.ts';
import type { ValidOrder } from './order.ts';
import { DEFAULT_CONFIG, RULES, RULE_IDS, type Decision, type RuleId, type ScreenConfig } from './rules.ts';
import { ScreenInputError, ScreenStream, type RowError, type ScreenStreamOptions, type ScreenSummary } from './stream.ts';
import { createScreenState, decodeKeyState, encodeKeyState, type ScreenState, type StateKind } from './state.ts';

/** One key as the store holds it. */
export interface StoredKey {
  /** Opaque version for the compare-and-set; '' when the key does not exist yet. */
  version: string;
  /** The key's state (encodeKeyState), or undefined when the key does not exist yet. */
  state: string | undefined;
  /** Partial results already recorded on this key for the requested order ids. */
  done: ReadonlyMap<string, string>;
}

/** A partial result written with a key's state: the order id and its encoded reasons. */
export type DoneEntry = readonly [orderId: string, reasons: string];

export interface KeyedStateStore {
  /** Reads a key's state, its version and which of `orderIds` it has already applied. */
  load(kind: StateKind, key: string, orderIds: readonly string[]): Promise<StoredKey>;
  /**
   * Atomically, if the key's version is still `version` and none of the `done` orders is recorded
   * on it yet: writes `state`, records `done` and sets the version to `next` (unique per commit,
   * so a key deleted and written again can never match an old version). Resolves false, having
   * written nothing, when the key changed or one of the orders was already there.
   */
  commit(kind: StateKind, key: string, version: string, next: string, state: string, done: readonly DoneEntry[]): Promise<boolean>;
}

interface Stage {
  kind: StateKind;
  screener: Screener;
  state: ScreenState;
  keyOf(order: ValidOrder): string;
}

export interface KeyedScreenerOptions extends Omit<ScreenerOptions, 'state' | 'sweep'> {
  store: KeyedStateStore;
  /** Compare-and-set attempts per key before giving up (two processes on one hot key). */
  maxAttempts?: number;
  /** Keys kept with their version after a commit, to skip the next load (default 100,000). */
  cacheKeys?: number;
}

export class KeyedConflictError extends Error {
  readonly code = 'state-conflict';
  constructor(kind: StateKind, key: string, attempts: number) {
    super(`${kind} key ${key.slice(0, 80)}: still changing after ${attempts} attempts`);
    this.name = 'KeyedConflictError';
  }
}

export class KeyedStateError extends Error {
  readonly code = 'state-invalid';
  constructor(kind: StateKind, key: string, message: string) {
    super(`stored ${kind} state for ${key.slice(0, 80)} is unreadable: ${message}`);
    this.name = 'KeyedStateError';
  }
}

const NO_DONE: ReadonlyMap<string, string> = new Map();
const RULE_ORDER = Object.fromEntries(RULE_IDS.map((id, i) => [id, i])) as Record<RuleId, number>;
const SEVERITY_RANK: Record<Decision, number> = { pass: 0, review: 1, block: 2 };

export function encodeReasons(reasons: readonly RuleId[]): string {
  return reasons.join(',');
}

export function decodeReasons(text: string): RuleId[] {
  if (text.length === 0) return [];
  return text.split(',').filter((id): id is RuleId => id in RULES);
}

/**
 * The screener of the keyed topology. `screenBatch` gives, for each order, the decision the
 * in-memory engine gives when it has seen the same orders before, in the same order.
 */
export class KeyedScreener {
  private readonly stages: Stage[];
  private readonly store: KeyedStateStore;
  private readonly config: ScreenConfig;
  private readonly maxAttempts: number;
  /** Orders screened only by stateless rules (no stage has state): no store round trip. */
  private readonly local: Screener | undefined;
  /** Keys this process wrote last: version and state, by kind and key (insertion order = age). */
  private readonly cache = new Map<string, { version: string; state: string | undefined }>();
  private readonly cacheKeys: number;
  /** Versions are this process's random id and a counter: unique across processes and restarts. */
  private readonly versionPrefix = Math.random().toString(36).slice(2, 10);
  private commits = 0;

  constructor(options: KeyedScreenerOptions) {
    this.store = options.store;
    this.config = options.config ?? DEFAULT_CONFIG;
    this.maxAttempts = options.maxAttempts ?? 64;
    this.cacheKeys = options.cacheKeys ?? 100_000;
    const config = this.config;
    const only = options.only ? new Set(options.only) : undefined;
    const on = (id: RuleId) => config.rules[id].enabled && (!only || only.has(id));
    const byState = { none: [] as RuleId[], orderer: [] as RuleId[], recipient: [] as RuleId[] };
    for (const id of RULE_IDS) if (on(id)) byState[RULES[id].state].push(id);

    const stage = (kind: StateKind, rules: RuleId[], stageConfig: ScreenConfig, keyOf: Stage['keyOf']): Stage => {
      const state = createScreenState();
      const screener = createScreener({ ...options, config: stageConfig, only: rules, state, sweep: false });
      return { kind, screener, state, keyOf };
    };
    this.stages = [];
    if (byState.orderer.length > 0) {
      // The stateless rules ride along with the orderer stage: the annual and list-cap rules need
      // to know whether customs refuses the order (a refused order does not count).
      this.stages.push(stage('orderer', [...byState.none, ...byState.orderer], config, (o) => o.orderer.idHash));
    } else if (byState.none.length > 0) {
      this.local = createScreener({ ...options, only: byState.none, sweep: false });
    }
    if (byState.recipient.length > 0) {
      const rule = config.rules['recipient-many-identities'];
      const withThresholds = (thresholds: Partial<typeof rule.thresholds>): ScreenConfig => ({
        ...config,
        rules: { ...config.rules, 'recipient-many-identities': { ...rule, thresholds: { ...rule.thresholds, ...thresholds } } },
      });
      if (rule.thresholds.byAddress) {
        this.stages.push(stage('address', byState.recipient, withThresholds({ byPhone: false }), (o) => normaliseAddress(o.recipient.address)));
      }
      if (rule.thresholds.byPhone) {
        this.stages.push(stage('phone', byState.recipient, withThresholds({ byAddress: false }), (o) => o.recipient.phoneHash));
      }
    }
  }

  /** The kinds of key this configuration reads and writes. */
  get kinds(): StateKind[] {
    return this.stages.map((s) => s.kind);
  }

  /** Screens a batch; each key is loaded and committed once (more on a conflict). */
  async screenBatch(orders: readonly ValidOrder[]): Promise<ScreenResult[]> {
    const reasons: RuleId[][] = orders.map(() => []);
    if (this.local) for (let i = 0; i < orders.length; i++) reasons[i]!.push(...this.local.screen(orders[i]!).reasons);
    const work: Promise<void>[] = [];
    for (const stage of this.stages) {
      const groups = new Map<string, number[]>();
      for (let i = 0; i < orders.length; i++) {
        const key = stage.keyOf(orders[i]!);
        const group = groups.get(key);
        if (group) group.push(i);
        else groups.set(key, [i]);
      }
      for (const [key, indices] of groups) work.push(this.applyKey(stage, key, indices, orders, reasons));
    }
    await Promise.all(work);
    return orders.map((o, i) => this.result(o.orderId, reasons[i]!));
  }

  private async applyKey(stage: Stage, key: string, indices: number[], orders: readonly ValidOrder[], reasons: RuleId[][]): Promise<void> {
    const ids = [...new Set(indices.map((i) => orders[i]!.orderId))];
    const cacheKey = `${stage.kind}\u0000${key}`;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const cached = this.cache.get(cacheKey);
      this.cache.delete(cacheKey);
      const stored: StoredKey = cached ? { ...cached, done: NO_DONE } : await this.store.load(stage.kind, key, ids);
      // Synchronous from here to the commit: the stage's maps hold this one key meanwhile.
      const map = stage.kind === 'orderer' ? stage.state.orderers : stage.kind === 'address' ? stage.state.addresses : stage.state.phones;
      map.clear();
      if (stored.state !== undefined) {
        const decoded = decodeKeyState(stage.kind, stored.state);
        if (!decoded.ok) throw new KeyedStateError(stage.kind, key, decoded.error);
        map.set(key, decoded.value as never);
      }
      const partial = new Map<string, string>(stored.done);
      const done: DoneEntry[] = [];
      const results: string[] = [];
      for (const i of indices) {
        const order = orders[i]!;
        let r = partial.get(order.orderId);
        if (r === undefined) {
          r = encodeReasons(stage.screener.screen(order).reasons);
          partial.set(order.orderId, r);
          done.push([order.orderId, r]);
        }
        results.push(r);
      }
      const value = map.get(key);
      map.clear();
      if (done.length > 0) {
        const state = value === undefined ? '' : encodeKeyState(stage.kind, value);
        const next = `${this.versionPrefix}.${(++this.commits).toString(36)}`;
        if (!(await this.store.commit(stage.kind, key, stored.version, next, state, done))) continue;
        this.remember(cacheKey, next, state === '' ? undefined : state);
      } else {
        this.remember(cacheKey, stored.version, stored.state);
      }
      indices.forEach((i, n) => reasons[i]!.push(...decodeReasons(results[n]!)));
      return;
    }
    throw new KeyedConflictError(stage.kind, key, this.maxAttempts);
  }

  private remember(cacheKey: string, version: string, state: string | undefined): void {
    if (this.cacheKeys <= 0) return;
    if (this.cache.size >= this.cacheKeys) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(cacheKey, { version, state });
  }

  private result(orderId: string, reasons: RuleId[]): ScreenResult {
    const unique = reasons.length > 1 ? [...new Set(reasons)].toSorted((a, b) => RULE_ORDER[a] - RULE_ORDER[b]) : reasons;
    let decision: Decision = 'pass';
    for (const r of unique) {
      const s = this.config.rules[r].severity;
      if (SEVERITY_RANK[s] > SEVERITY_RANK[decision]) decision = s;
    }
    return { orderId, decision, reasons: unique };
  }
}

/**
 * An in-process KeyedStateStore: the reference for the Redis one in tests, and a way to run the
 * keyed path without a server. Optionally fails the next N commits, to exercise the conflict path.
 */
export class MemoryKeyedStore implements KeyedStateStore {
  readonly keys = new Map<string, { version: string; state: string; done: Map<string, string> }>();
  conflicts = 0;

  load(kind: StateKind, key: string, orderIds: readonly string[]): Promise<StoredKey> {
    const k = this.keys.get(`${kind}\u0000${key}`);
    const done = new Map<string, string>();
    if (k) for (const id of orderIds) if (k.done.has(id)) done.set(id, k.done.get(id)!);
    return Promise.resolve({ version: k ? k.version : '', state: k && k.state !== '' ? k.state : undefined, done });
  }

  commit(kind: StateKind, key: string, version: string, next: string, state: string, done: readonly DoneEntry[]): Promise<boolean> {
    const id = `${kind}\u0000${key}`;
    const k = this.keys.get(id);
    if ((k ? k.version : '') !== version || (k && done.some(([orderId]) => k.done.has(orderId)))) return Promise.resolve(false);
    if (this.conflicts > 0) {
      // Another writer got there first: its commit changed the version.
      this.conflicts--;
      if (k) k.version = `other.${this.conflicts}`;
      return Promise.resolve(false);
    }
    const entry = k ?? { version: '', state: '', done: new Map<string, string>() };
    entry.version = next;
    if (state !== '') entry.state = state;
    for (const [orderId, reasons] of done) entry.done.set(orderId, reasons);
    this.keys.set(id, entry);
    return Promise.resolve(true);
  }
}

export interface KeyedSourceOptions extends Omit<ScreenStreamOptions, 'screener' | 'onOrder'> {
  keyed: KeyedScreener;
  /** Orders per screenBatch call (default 512). */
  batchSize?: number;
  /**
   * Runs a batch; the default calls keyed.screenBatch once. The CLI wraps it to wait for a
   * store that went away (a retried batch is safe: every key is idempotent by order id).
   */
  runBatch?: (orders: readonly ValidOrder[]) => Promise<ScreenResult[]>;
}

/**
 * screenSource for the keyed screener: the same reader, orders screened in batches after each
 * chunk, every output written only after its keys were committed, in input order.
 */
export async function screenSourceKeyed(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: KeyedSourceOptions,
): Promise<ScreenSummary> {
  const batchSize = options.batchSize ?? 512;
  const runBatch = options.runBatch ?? ((orders) => options.keyed.screenBatch(orders));
  const queue: ({ error: RowError } | { order: ValidOrder })[] = [];
  const stream = new ScreenStream({
    ...options,
    onOutput: (output) => queue.push({ error: output as RowError }),
    onOrder: (order) => queue.push({ order }),
  });
  const drain = async () => {
    while (queue.length > 0) {
      let end = 0;
      const orders: ValidOrder[] = [];
      while (end < queue.length && orders.length < batchSize) {
        const item = queue[end++]!;
        if ('order' in item) orders.push(item.order);
      }
      const results = orders.length > 0 ? await runBatch(orders) : [];
      let n = 0;
      for (const item of queue.splice(0, end)) {
        if ('error' in item) {
          options.onOutput(item.error, undefined);
          continue;
        }
        const result = results[n++]!;
        stream.tally(result);
        options.onOutput(result, item.order);
      }
    }
  };
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of source) {
      stream.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      await drain();
    }
    const tail = decoder.decode();
    if (tail) stream.push(tail);
    stream.end();
  } catch (e) {
    // An unreadable CSV header stops the input: the rows before it are still screened and written.
    if (e instanceof ScreenInputError) await drain();
    throw e;
  }
  await drain();
  return stream.summary;
}
