// The screen's keyed state, as one interface the engine reads and writes: per orderer (this year's
// totals, last year's, recent SKU purchases) and per normalised address and per phone (the
// identities seen in the window). The in-memory store is plain Maps, which is what the engine has
// always used (no indirection on the hot path); a snapshot file and a Redis store (cli/screen-state)
// are encodings of the same records, so a decision never depends on where the state was kept.
//
// Every record here has a JSON form (`encode…`/`decode…`) used by the snapshot file and by the
// per-key Redis hashes. Product classes are written by id, not by index, so adding a class to
// PRODUCT_CLASSES does not shift an old snapshot's counts.
import * as z from 'zod/mini';
import { issueMessage } from '../validation/issue-message.ts';
import { err, ok, type Result } from '../result.ts';
import { PRODUCT_CLASSES } from './product-classes.ts';

export interface YearTotals {
  year: number;
  annualFen: number;
  /**
   * Per product class (index into PRODUCT_CLASSES): grams and units bought this year. Allocated
   * on the first watched item, since most orderers never buy one.
   */
  grams: number[] | undefined;
  units: number[] | undefined;
  /** Per positive-list cap group (HS heading and unit): amount bought this year. */
  caps: Map<string, number> | undefined;
}

/** Purchases of one SKU in the window, flat: [time, units, time, units, …] (one allocation). */
export type SkuWindow = number[];

export interface OrdererState {
  current: YearTotals;
  /** The year before `current`, kept for orders that arrive late across New Year. */
  previous: YearTotals | undefined;
  skus: Map<string, SkuWindow> | undefined;
}

/** Identities seen at one address or phone, flat: [idHash, lastTime, idHash, lastTime, …]. */
export type IdentityWindow = (string | number)[];

/** The kinds of key the state is partitioned by (one Redis hash slot per key). */
export type StateKind = 'orderer' | 'address' | 'phone';

/**
 * The store every keyed rule goes through. The Maps are the store's interface: the engine calls
 * get/set/delete and iterates them in its sweep, so any Map-shaped store fits, and the keyed
 * stages (keyed.ts) load one batch's keys into them from a remote store.
 */
export interface ScreenState {
  readonly orderers: Map<string, OrdererState>;
  readonly addresses: Map<string, IdentityWindow>;
  readonly phones: Map<string, IdentityWindow>;
  /**
   * The sweep's clock: the newest order time seen and the orders since the last sweep. Kept with
   * the state so a run restored from a snapshot sweeps exactly where one run would have.
   */
  readonly clock: { newestMs: number; sinceSweep: number };
}

export function createScreenState(): ScreenState {
  return { orderers: new Map(), addresses: new Map(), phones: new Map(), clock: { newestMs: -Infinity, sinceSweep: 0 } };
}

// ---- JSON records -------------------------------------------------------------------------------

const count = z.number().check(z.nonnegative());
const time = z.number();
const byClass = z.record(z.string(), count);

const totalsRecord = z.strictObject({
  y: z.int().check(z.minimum(1900), z.maximum(9999)),
  f: count,
  g: z.optional(byClass),
  u: z.optional(byClass),
  c: z.optional(z.record(z.string(), count)),
});

const ordererRecord = z.strictObject({
  c: totalsRecord,
  p: z.optional(totalsRecord),
  k: z.optional(
    z.record(
      z.string(),
      z.array(count).check(
        z.maxLength(2 * 4096),
        z.refine((w) => w.length % 2 === 0, 'SKU window needs [time, units] pairs'),
      ),
    ),
  ),
});

const identityRecord = z
  .array(z.union([z.string(), time]))
  .check(
    z.maxLength(2 * 4096),
    z.refine((w) => w.length % 2 === 0 && w.every((x, i) => (i % 2 === 0 ? typeof x === 'string' : typeof x === 'number')), 'identity window needs [idHash, time] pairs'),
  );

export type OrdererRecord = z.infer<typeof ordererRecord>;
type TotalsRecord = z.infer<typeof totalsRecord>;

const CLASS_IDS = PRODUCT_CLASSES.map((pc) => pc.id);

function encodeByClass(values: number[] | undefined): Record<string, number> | undefined {
  if (!values) return undefined;
  const out: Record<string, number> = {};
  values.forEach((v, i) => {
    if (v !== 0) out[CLASS_IDS[i]!] = v;
  });
  return out;
}

function decodeByClass(values: Record<string, number> | undefined): number[] | undefined {
  if (!values) return undefined;
  const out = CLASS_IDS.map(() => 0);
  for (const [id, v] of Object.entries(values)) {
    const i = CLASS_IDS.indexOf(id);
    if (i >= 0) out[i] = v;
  }
  return out;
}

function encodeTotals(t: YearTotals): TotalsRecord {
  const r: TotalsRecord = { y: t.year, f: t.annualFen };
  const g = encodeByClass(t.grams);
  const u = encodeByClass(t.units);
  if (g) r.g = g;
  if (u) r.u = u;
  if (t.caps) r.c = Object.fromEntries(t.caps);
  return r;
}

function decodeTotals(r: TotalsRecord): YearTotals {
  return { year: r.y, annualFen: r.f, grams: decodeByClass(r.g), units: decodeByClass(r.u), caps: r.c ? new Map(Object.entries(r.c)) : undefined };
}

export function encodeOrderer(s: OrdererState): OrdererRecord {
  const r: OrdererRecord = { c: encodeTotals(s.current) };
  if (s.previous) r.p = encodeTotals(s.previous);
  if (s.skus) r.k = Object.fromEntries(s.skus);
  return r;
}

export function decodeOrderer(r: OrdererRecord): OrdererState {
  return {
    current: decodeTotals(r.c),
    previous: r.p ? decodeTotals(r.p) : undefined,
    skus: r.k ? new Map(Object.entries(r.k)) : undefined,
  };
}

export type StateRecordCheck<T> = Result<T, string>;

function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** Encodes one key's state as JSON text (what a Redis hash field or a snapshot line holds). */
export function encodeKeyState(kind: StateKind, value: OrdererState | IdentityWindow): string {
  return JSON.stringify(kind === 'orderer' ? encodeOrderer(value as OrdererState) : value);
}

/** Decodes and validates one key's state; never throws. */
export function decodeKeyState(kind: 'orderer', text: string): StateRecordCheck<OrdererState>;
export function decodeKeyState(kind: 'address' | 'phone', text: string): StateRecordCheck<IdentityWindow>;
export function decodeKeyState(kind: StateKind, text: string): StateRecordCheck<OrdererState | IdentityWindow>;
export function decodeKeyState(kind: StateKind, text: string): StateRecordCheck<OrdererState | IdentityWindow> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err(`not JSON (${(e as Error).message})`);
  }
  if (kind === 'orderer') {
    // A hand check first: this runs for every key a batch loads, and zod costs ~20 µs a record.
    if (isOrdererRecord(raw)) return { ok: true, value: decodeOrderer(raw) };
    const parsed = ordererRecord.safeParse(raw, { error: issueMessage });
    return parsed.success ? ok(decodeOrderer(parsed.data)) : err(firstIssue(parsed.error));
  }
  if (isIdentityWindow(raw)) return { ok: true, value: raw };
  const parsed = identityRecord.safeParse(raw, { error: issueMessage });
  return parsed.success ? ok(parsed.data) : err(firstIssue(parsed.error));
}

// The fast checks accept exactly what the schemas accept for records this code writes; anything
// they reject goes through the schema, which names the problem (or, for an odd but valid record,
// accepts it).
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const countsOnly = (x: unknown) => isPlain(x) && Object.values(x).every(isCount);

function isTotalsRecord(x: unknown): x is TotalsRecord {
  if (!isPlain(x)) return false;
  for (const k in x) if (k !== 'y' && k !== 'f' && k !== 'g' && k !== 'u' && k !== 'c') return false;
  return (
    Number.isInteger(x.y) &&
    (x.y as number) >= 1900 &&
    (x.y as number) <= 9999 &&
    isCount(x.f) &&
    (x.g === undefined || countsOnly(x.g)) &&
    (x.u === undefined || countsOnly(x.u)) &&
    (x.c === undefined || countsOnly(x.c))
  );
}

function isOrdererRecord(x: unknown): x is OrdererRecord {
  if (!isPlain(x)) return false;
  for (const k in x) if (k !== 'c' && k !== 'p' && k !== 'k') return false;
  if (!isTotalsRecord(x.c) || (x.p !== undefined && !isTotalsRecord(x.p))) return false;
  if (x.k === undefined) return true;
  if (!isPlain(x.k)) return false;
  for (const w of Object.values(x.k)) if (!Array.isArray(w) || w.length % 2 !== 0 || w.length > 2 * 4096 || !w.every(isCount)) return false;
  return true;
}

function isIdentityWindow(x: unknown): x is IdentityWindow {
  if (!Array.isArray(x) || x.length > 2 * 4096) return false;
  for (let i = 0; i < x.length; i += 2) if (typeof x[i] !== 'string' || typeof x[i + 1] !== 'number' || !Number.isFinite(x[i + 1])) return false;
  return true;
}

// ---- Snapshot file: NDJSON, a header line then one key per line ---------------------------------

export const SNAPSHOT_FORMAT = 'crosscheck-screen-state';
export const SNAPSHOT_VERSION = 1;

const snapshotHeader = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  newestMs: z.nullable(z.number()),
  sinceSweep: z.int().check(z.nonnegative()),
});

const snapshotLine = z.union([
  z.strictObject({ o: z.string(), s: z.unknown() }),
  z.strictObject({ a: z.string(), w: z.unknown() }),
  z.strictObject({ p: z.string(), w: z.unknown() }),
]);

/** The state as snapshot lines (each without its newline), header first. */
export function* snapshotLines(state: ScreenState): Generator<string> {
  const newestMs = Number.isFinite(state.clock.newestMs) ? state.clock.newestMs : null;
  yield JSON.stringify({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, newestMs, sinceSweep: state.clock.sinceSweep });
  for (const [id, s] of state.orderers) yield JSON.stringify({ o: id, s: encodeOrderer(s) });
  for (const [address, w] of state.addresses) yield JSON.stringify({ a: address, w });
  for (const [phone, w] of state.phones) yield JSON.stringify({ p: phone, w });
}

export type SnapshotRead = Result<ScreenState, { line: number; message: string }>;

/** Reads a snapshot written by snapshotLines; the first bad line is reported by its number. */
export function readSnapshot(text: string): SnapshotRead {
  const state = createScreenState();
  const lines = text.split('\n');
  let header = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lineNo = i + 1;
    if (line.trim().length === 0) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      return err({ line: lineNo, message: `not JSON (${(e as Error).message})` });
    }
    if (!header) {
      const h = snapshotHeader.safeParse(raw, { error: issueMessage });
      if (!h.success) return err({ line: lineNo, message: `not a ${SNAPSHOT_FORMAT} version ${SNAPSHOT_VERSION} header (${firstIssue(h.error)})` });
      state.clock.newestMs = h.data.newestMs ?? -Infinity;
      state.clock.sinceSweep = h.data.sinceSweep;
      header = true;
      continue;
    }
    const entry = snapshotLine.safeParse(raw, { error: issueMessage });
    if (!entry.success) return err({ line: lineNo, message: 'expected {"o":…,"s":…}, {"a":…,"w":…} or {"p":…,"w":…}' });
    const e = entry.data;
    if ('o' in e) {
      const s = ordererRecord.safeParse(e.s, { error: issueMessage });
      if (!s.success) return err({ line: lineNo, message: `orderer ${e.o}: ${firstIssue(s.error)}` });
      state.orderers.set(e.o, decodeOrderer(s.data));
    } else {
      const w = identityRecord.safeParse(e.w, { error: issueMessage });
      if (!w.success) return err({ line: lineNo, message: `${'a' in e ? 'address' : 'phone'}: ${firstIssue(w.error)}` });
      if ('a' in e) state.addresses.set(e.a, w.data);
      else state.phones.set(e.p, w.data);
    }
  }
  if (!header) return err({ line: 1, message: `empty: no ${SNAPSHOT_FORMAT} header` });
  return ok(state);
}
