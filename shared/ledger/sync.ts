// One ledger on a device that has both the PWA and the browser extension (SYNC.md): the state each
// side sends over the browser's channel (externally_connectable), how the receiver checks it, and
// the merge both sides run. Pure: no storage, no chrome.*, no DOM.
//
// Trust model: the other side is untrusted input. Whatever crosses the channel goes through the
// same checks as a ledger file (importLedger: every receipt and parcel verified again here, a
// hand-entered order never takes a signed order's number, official figures dated in the future
// refused), plus the sync's own: hand-entered orders, returns and edit times dated in the future are
// refused. Signed data decides conflicts, never the last writer: a signed receipt's figures win over
// a hand-entered order with the same number and are never changed by anything unsigned. Only what
// the consumer owns and nobody signs (the date of a return, the official figure, the owner profile)
// follows the most recent change, with each change's time kept as an edit (clears included).
import * as z from 'zod/mini';
import { chinaDate } from '../policy/dates.ts';
import { err, ok, type Result } from '../result.ts';
import { ledgerError, type LedgerError } from './errors.ts';
import {
  LEDGER_FORMAT,
  LEDGER_LIMITS,
  LEDGER_VERSION,
  ledgerOrderSchema,
  ledgerParcelSchema,
  officialFigureSchema,
  type LedgerContents,
  type LedgerOrder,
  type LedgerParcel,
  type OfficialFigure,
} from './format.ts';
import { importLedger, LEDGER_CLOCK_SKEW_MS, type ParcelCheck, type ReasonText, type ReceiptCheck } from './import.ts';

export const SYNC_PROTOCOL = 'crosscheck-ledger-sync';
export const SYNC_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });

/** The owner profile as it travels: the ID ending and a masked name, never the full number. */
export const syncOwnerSchema = z.strictObject({
  idLast4: z.string().check(z.regex(/^\d{3}[\dX]$/)),
  maskedName: z.optional(z.string().check(z.minLength(1), z.maxLength(16))),
});
export type SyncOwner = z.infer<typeof syncOwnerSchema>;

/**
 * When the consumer last changed something nobody signs, by key: `return:<orderId>` (marked or
 * unmarked returned), `figure:<year>` (official figure entered or cleared), `owner` (profile saved
 * or forgotten). A clear leaves its time here, so it is not undone by the other side's older copy.
 */
const EDIT_KEY = /^(return:.{1,128}|figure:\d{4}|owner)$/;
export const syncEditsSchema = z
  .record(z.string().check(z.regex(EDIT_KEY)), isoDateTime)
  .check(z.refine((r) => Object.keys(r).length <= LEDGER_LIMITS.maxOrders + 201, 'too many edits'));
export type SyncEdits = Record<string, string>;

export const syncStateSchema = z.strictObject({
  ledger: z.strictObject({
    orders: z.array(ledgerOrderSchema).check(z.maxLength(LEDGER_LIMITS.maxOrders)),
    parcels: z.array(ledgerParcelSchema).check(z.maxLength(LEDGER_LIMITS.maxParcels)),
    officialFigures: z.array(officialFigureSchema).check(z.maxLength(200)),
  }),
  owner: z.nullable(syncOwnerSchema),
  edits: syncEditsSchema,
});

/** What one side holds and sends: the ledger in the file format, the owner profile, the edit times. */
export interface SyncState {
  ledger: LedgerContents;
  owner: SyncOwner | null;
  edits: SyncEdits;
}

/** PWA → extension: "here is mine, give me yours". The one request of the channel. */
export const syncRequestSchema = z.strictObject({
  protocol: z.literal(SYNC_PROTOCOL),
  version: z.literal(SYNC_VERSION),
  type: z.literal('sync'),
  state: syncStateSchema,
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const syncRefusalSchema = z.strictObject({
  /** What was refused: an order, a parcel, an official figure, a return, an edit, the owner profile. */
  kind: z.enum(['order', 'parcel', 'figure', 'return', 'edit', 'owner']),
  id: z.string().check(z.maxLength(300)),
  code: z.string().check(z.maxLength(80)),
});
export type SyncRefusal = z.infer<typeof syncRefusalSchema>;

/** Extension → PWA: its state after merging the request (the PWA merges it in turn), or a refusal. */
export const syncAnswerSchema = z.union([
  z.strictObject({
    protocol: z.literal(SYNC_PROTOCOL),
    version: z.literal(SYNC_VERSION),
    type: z.literal('sync-answer'),
    state: syncStateSchema,
    syncedAt: isoDateTime,
    /** What of the request the extension refused (named, so the app can say so). */
    refused: z.array(syncRefusalSchema).check(z.maxLength(LEDGER_LIMITS.maxOrders + LEDGER_LIMITS.maxParcels)),
  }),
  z.strictObject({
    protocol: z.literal(SYNC_PROTOCOL),
    version: z.literal(SYNC_VERSION),
    type: z.literal('sync-refused'),
    code: z.enum(['wrong-sender', 'bad-message', 'invalid-ledger', 'no-trust']),
  }),
]);
export type SyncAnswer = z.infer<typeof syncAnswerSchema>;

export interface SyncChecks {
  checkReceipt: ReceiptCheck;
  checkParcel?: ParcelCheck;
  /** This device's clock. */
  now: Date;
}

export interface AcceptedSync {
  state: SyncState;
  refused: SyncRefusal[];
}

const reasonCode = (error: LedgerError, reason?: ReasonText) => (reason ? `${error.code}:${reason.code}` : error.code).slice(0, 80);

/**
 * The receiver's check of what the other side sent: structure (the file format's schemas and
 * limits), then every signed record verified again here (importLedger), then the sync's own rules
 * — a hand-entered order dated after now, a return dated after today (China) and an edit time after
 * now (each beyond the clock skew) are refused. What passes is the state the merge may use; each
 * refusal is named. A state that is not one at all is an error.
 */
export async function acceptSyncState(raw: unknown, checks: SyncChecks): Promise<Result<AcceptedSync, LedgerError>> {
  const parsed = syncStateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(ledgerError('ledger/invalid', issue ? issue.path.join('.') : undefined));
  }
  const { ledger, owner, edits } = parsed.data;
  const now = checks.now;
  const latest = now.getTime() + LEDGER_CLOCK_SKEW_MS;
  const refused: SyncRefusal[] = [];
  // Through the file import, so the channel has exactly the file's checks and nothing less.
  const doc = { format: LEDGER_FORMAT, version: LEDGER_VERSION, exportedAt: now.toISOString(), ...ledger };
  const imported = await importLedger(JSON.stringify(doc), checks.checkReceipt, {
    ...(checks.checkParcel ? { checkParcel: checks.checkParcel } : {}),
    now,
  });
  if (!imported.ok) return imported;
  const got = imported.value;
  for (const r of got.rejected) refused.push({ kind: 'order', id: r.orderId.slice(0, 300), code: reasonCode(r.error, r.reason) });
  for (const r of got.rejectedParcels) refused.push({ kind: 'parcel', id: r.parcelId.slice(0, 300), code: reasonCode(r.error, r.reason) });
  for (const r of got.rejectedFigures) refused.push({ kind: 'figure', id: String(r.year), code: r.error.code });

  const today = chinaDate(latest);
  const orders: LedgerOrder[] = [];
  for (const order of got.contents.orders) {
    if (order.source === 'manual' && !(Date.parse(order.orderedAt) <= latest)) {
      refused.push({ kind: 'order', id: order.orderId, code: 'sync/order-from-the-future' });
      continue;
    }
    if (order.returnedOn !== undefined && order.returnedOn > today) {
      refused.push({ kind: 'return', id: order.orderId, code: 'sync/return-from-the-future' });
      const { returnedOn: _dropped, ...kept } = order;
      orders.push(kept);
      continue;
    }
    orders.push(order);
  }
  const keptEdits: SyncEdits = {};
  for (const [key, at] of Object.entries(edits)) {
    if (Date.parse(at) <= latest) keptEdits[key] = at;
    else refused.push({ kind: 'edit', id: key.slice(0, 300), code: 'sync/edit-from-the-future' });
  }
  return ok({
    state: { ledger: { orders, parcels: got.contents.parcels, officialFigures: got.contents.officialFigures }, owner, edits: keptEdits },
    refused,
  });
}

export interface SyncMerge {
  state: SyncState;
  /** Orders the other side added or changed here (by id). */
  received: string[];
  /** Conflicts settled, named: `signed-over-manual:<id>` (a signed receipt replaced a hand-entered order), `manual:<id>`, `receipt:<id>`. */
  settled: string[];
  /** Whether the merged state differs from `local` (the receiver writes only then). */
  changed: boolean;
}

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) >= Date.parse(b) ? a : b;

/** Fixed text of an order's figures (everything but user state and when it was added). */
function figuresKey(o: LedgerOrder): string {
  return JSON.stringify([o.source, o.receipt ?? '', o.merchant ?? '', o.orderedAt, o.dutiableValueFen, o.taxFen, o.paidFen ?? null, o.items]);
}

/** Of two records of one order that disagree, the one both sides pick: added first, then by text. */
function firstAdded(a: LedgerOrder, b: LedgerOrder): LedgerOrder {
  const ta = Date.parse(a.addedAt);
  const tb = Date.parse(b.addedAt);
  if (ta !== tb) return ta < tb ? a : b;
  return figuresKey(a) <= figuresKey(b) ? a : b;
}

/**
 * A user-owned value both sides hold, with the time each last changed it (undefined: never changed
 * it there, e.g. it came from a file). The side with a change time wins over one without; of two,
 * the later; the same time, or neither with one, keeps `tie(a, b)`.
 */
function byEdit<T>(a: T, aAt: string | undefined, b: T, bAt: string | undefined, tie: (a: T, b: T) => T): T {
  if (aAt !== undefined && bAt !== undefined) {
    const d = Date.parse(aAt) - Date.parse(bAt);
    return d > 0 ? a : d < 0 ? b : tie(a, b);
  }
  if (aAt !== undefined) return a;
  if (bAt !== undefined) return b;
  return tie(a, b);
}

const earlierDate = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a <= b ? a : b);
const earlierTime = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) <= Date.parse(b) ? a : b;

function withUserState(order: LedgerOrder, returnedOn: string | undefined, releasedAt: string | undefined): LedgerOrder {
  const { returnedOn: _r, releasedAt: _s, ...rest } = order;
  const next: LedgerOrder = { ...rest };
  if (releasedAt !== undefined) next.releasedAt = releasedAt;
  if (returnedOn !== undefined) next.returnedOn = returnedOn;
  return next;
}

function mergeOrder(
  mine: LedgerOrder,
  theirs: LedgerOrder,
  edits: { mine: SyncEdits; theirs: SyncEdits },
  settled: string[],
): LedgerOrder {
  const id = mine.orderId;
  // A signed order is never changed by a hand-entered one: its figures and its user state stay.
  if (mine.source !== theirs.source) {
    settled.push(`signed-over-manual:${id}`);
    return mine.source === 'receipt' ? mine : theirs;
  }
  let base = mine;
  if (figuresKey(mine) !== figuresKey(theirs)) {
    base = firstAdded(mine, theirs);
    settled.push(`${mine.source}:${id}`);
  }
  const key = `return:${id}`;
  const returnedOn = byEdit(mine.returnedOn, edits.mine[key], theirs.returnedOn, edits.theirs[key], earlierDate);
  // The customs release comes from verified parcels (or the consumer's link): the earliest known.
  const releasedAt = earlierTime(mine.releasedAt, theirs.releasedAt);
  return withUserState(base, returnedOn, releasedAt);
}

function figureOf(side: { figures: OfficialFigure[]; edits: SyncEdits }, year: number): { figure: OfficialFigure | undefined; at: string | undefined } {
  const figure = side.figures.find((f) => f.year === year);
  // The figure's own entry time is its change time; a later edit without a figure is a clear.
  const at = laterOf(figure?.enteredAt, side.edits[`figure:${year}`]);
  return { figure, at };
}

/**
 * Merges the other side's checked state (acceptSyncState) into this side's. The same on both sides
 * whichever runs it (merge(a, b) and merge(b, a) hold the same), so two devices converge:
 *
 * - orders: the union by order id. A signed receipt's order wins over a hand-entered one with the
 *   same id, whichever side has which; two different signed receipts, or two different hand-entered
 *   entries, for one id: the one added first (then by text) — never the last writer. Returns follow
 *   the later recorded change (a return unmarked later stays unmarked), else the earlier date; the
 *   customs release is the earliest known.
 * - parcels: the union by parcel id; a parcel linked to an order on either side stays linked.
 * - official figures: per year, the later entry or clear.
 * - owner profile: the later save or forget; without change times, the profile present.
 * - edits: per key, the later time.
 */
export function mergeSyncStates(local: SyncState, remote: SyncState): SyncMerge {
  const settled: string[] = [];
  const received: string[] = [];
  const edits = { mine: local.edits, theirs: remote.edits };
  const orders = new Map(local.ledger.orders.map((o) => [o.orderId, o]));
  for (const theirs of remote.ledger.orders) {
    const mine = orders.get(theirs.orderId);
    const next = mine ? mergeOrder(mine, theirs, edits, settled) : theirs;
    if (!mine || JSON.stringify(next) !== JSON.stringify(mine)) received.push(theirs.orderId);
    orders.set(theirs.orderId, next);
  }

  const parcels = new Map<string, LedgerParcel>(local.ledger.parcels.map((p) => [p.parcelId, p]));
  for (const p of remote.ledger.parcels) {
    const mine = parcels.get(p.parcelId);
    if (!mine) parcels.set(p.parcelId, p);
    else if (mine.orderId === undefined && p.orderId !== undefined) parcels.set(p.parcelId, { ...mine, orderId: p.orderId });
    else if (mine.orderId !== undefined && p.orderId !== undefined && p.orderId < mine.orderId) parcels.set(p.parcelId, { ...mine, orderId: p.orderId });
  }
  // A link only to an order this ledger holds (the file format's rule).
  for (const [id, p] of parcels) {
    if (p.orderId !== undefined && !orders.has(p.orderId)) {
      const { orderId: _gone, ...rest } = p;
      parcels.set(id, rest);
    }
  }

  const years = new Set([...local.ledger.officialFigures, ...remote.ledger.officialFigures].map((f) => f.year));
  for (const key of [...Object.keys(local.edits), ...Object.keys(remote.edits)]) if (key.startsWith('figure:')) years.add(Number(key.slice(7)));
  const officialFigures: OfficialFigure[] = [];
  for (const year of [...years].toSorted((a, b) => a - b)) {
    const mine = figureOf({ figures: local.ledger.officialFigures, edits: local.edits }, year);
    const theirs = figureOf({ figures: remote.ledger.officialFigures, edits: remote.edits }, year);
    const pick = byEdit(mine.figure, mine.at, theirs.figure, theirs.at, (a, b) =>
      // The same moment: a figure over a clear, then the larger (the Single Window's use only grows within a year's entries).
      a === undefined ? b : b === undefined ? a : a.usedFen >= b.usedFen ? a : b,
    );
    if (pick) officialFigures.push(pick);
  }

  const owner = byEdit(local.owner, local.edits.owner, remote.owner, remote.edits.owner, (a, b) =>
    a === null ? b : b === null ? a : JSON.stringify(a) <= JSON.stringify(b) ? a : b,
  );

  const mergedEdits: SyncEdits = { ...local.edits };
  for (const [key, at] of Object.entries(remote.edits)) mergedEdits[key] = laterOf(mergedEdits[key], at)!;

  const state: SyncState = {
    ledger: { orders: [...orders.values()], parcels: [...parcels.values()], officialFigures },
    owner,
    edits: mergedEdits,
  };
  return { state, received, settled, changed: canonical(state) !== canonical(local) };
}

/** A state as text with a fixed order (ids, years, keys), for comparing two states. */
export function canonical(state: SyncState): string {
  const sortKeys = (o: object): unknown =>
    Object.fromEntries(Object.entries(o).toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) ? sortKeys(v) : v]));
  return JSON.stringify({
    orders: state.ledger.orders.toSorted((a, b) => (a.orderId < b.orderId ? -1 : 1)).map(sortKeys),
    parcels: state.ledger.parcels.toSorted((a, b) => (a.parcelId < b.parcelId ? -1 : 1)).map(sortKeys),
    officialFigures: state.ledger.officialFigures.toSorted((a, b) => a.year - b.year).map(sortKeys),
    owner: state.owner ? sortKeys(state.owner) : null,
    edits: sortKeys(state.edits),
  });
}
