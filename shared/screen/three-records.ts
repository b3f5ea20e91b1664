// Three-record match (三单对碰): customs matches each order with its payment record (支付单, from
// the payment provider) and its logistics record (运单, from the carrier) and refuses what does not
// agree (海关总署公告2018年第194号). The merchant holds the same three records before pushing, so the
// screen can match them first: `crosscheck screen --payments FILE --logistics FILE` loads the two
// side files (CSV, NDJSON or a JSON array), joins them to the orders by order id, and fires the
// rules in THREE_RECORD_RULES (rules.ts). Identities are compared by hash (`idHash`, `nameHash`,
// as in the orders) or, when both sides carry the number itself, by the normalised number
// (shared/identity); a number is never printed whole, only masked (`****123X`).
import * as z from 'zod/mini';
import { ok, type Result } from '../result.ts';
import { issueMessage } from '../validation/issue-message.ts';
import { maskId, validateResidentId } from '../identity/index.ts';
import type { ScreenCheck } from './engine.ts';
import type { ValidOrder } from './order.ts';
import { readRecordFile, whereOf, type RawRecord, type RecordFormat } from './record-files.ts';
import type { RuleId, ScreenConfig } from './rules.ts';

const hash = z.string().check(z.minLength(1), z.maxLength(256));
const fen = z.int().check(z.minimum(0));
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** A person on a record: hashed like the orders, or the raw number and name, or both. */
const partySchema = z
  .object({
    idHash: z.optional(hash),
    nameHash: z.optional(hash),
    idNumber: z.optional(text(64)),
    name: z.optional(text(256)),
  })
  .check(z.refine((p) => p.idHash !== undefined || p.nameHash !== undefined || p.idNumber !== undefined || p.name !== undefined, 'expected idHash, nameHash, idNumber or name'));

export const paymentRecordSchema = z.object({
  orderId: text(128),
  paymentId: z.optional(text(128)),
  /** When the payment was made: ISO 8601 with an offset. */
  time: z.iso.datetime({ offset: true }),
  /** The amount paid in fen; with `taxFen`, the tax part of it, which the order's paidFen excludes. */
  amountFen: fen,
  taxFen: z.optional(fen),
  payer: partySchema,
});

export const logisticsRecordSchema = z.object({
  orderId: text(128),
  waybillNo: text(64),
  consignee: partySchema,
});

export type Party = z.infer<typeof partySchema>;
export type PaymentRecord = z.infer<typeof paymentRecordSchema> & { timeMs: number; at: string };
export type LogisticsRecord = z.infer<typeof logisticsRecordSchema> & { at: string };

export interface RecordError {
  line: number;
  record: number;
  message: string;
}

const NUMERIC = new Set(['amountFen', 'taxFen']);

/** Normalises an ID number: a valid resident ID to its 18 characters (15-digit ones converted), otherwise width, case and spaces. */
export function normaliseIdNumber(id: string): string {
  const v = validateResidentId(id);
  return v.ok ? v.value.normalised : id.normalize('NFKC').replace(/[\s-]+/g, '').toUpperCase();
}

/** Names compared after NFKC, case and removal of spaces and the middle dots of transliterated names. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/[\s·•.・]+/g, '').toLowerCase();
}

/** True when the two parties are known to differ in ID (by number or by hash); undefined when not comparable. */
function idDiffers(a: Party, b: Party): boolean | undefined {
  if (a.idNumber !== undefined && b.idNumber !== undefined) return normaliseIdNumber(a.idNumber) !== normaliseIdNumber(b.idNumber);
  if (a.idHash !== undefined && b.idHash !== undefined) return a.idHash !== b.idHash;
  return undefined;
}

function nameDiffers(a: Party, b: Party): boolean | undefined {
  if (a.name !== undefined && b.name !== undefined) return normaliseName(a.name) !== normaliseName(b.name);
  if (a.nameHash !== undefined && b.nameHash !== undefined) return a.nameHash !== b.nameHash;
  return undefined;
}

function normaliseWaybill(no: string): string {
  return no.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The payment and logistics records, by order id, with the orders each waybill appears on. */
export class ThreeRecords {
  readonly payments = new Map<string, PaymentRecord[]>();
  readonly logistics = new Map<string, LogisticsRecord[]>();
  private readonly waybillOrders = new Map<string, Set<string>>();
  /** Which side files were given: a missing record is a finding only for a file that was. */
  hasPayments = false;
  hasLogistics = false;

  /** Adds payment records; returns the bad ones by number (the good ones are kept). */
  addPayments(records: readonly RawRecord[]): RecordError[] {
    this.hasPayments = true;
    const errors: RecordError[] = [];
    for (const r of records) {
      const parsed = paymentRecordSchema.safeParse(r.value, { error: issueMessage });
      if (!parsed.success) {
        errors.push(issueOf(r, parsed.error));
        continue;
      }
      const timeMs = Date.parse(parsed.data.time);
      if (!Number.isFinite(timeMs)) {
        errors.push({ line: r.line, record: r.record, message: 'time: not a real date' });
        continue;
      }
      if ((parsed.data.taxFen ?? 0) > parsed.data.amountFen) {
        errors.push({ line: r.line, record: r.record, message: 'taxFen: more than amountFen' });
        continue;
      }
      push(this.payments, parsed.data.orderId, { ...parsed.data, timeMs, at: whereOf(r) });
    }
    return errors;
  }

  /** Adds logistics records; returns the bad ones by number (the good ones are kept). */
  addLogistics(records: readonly RawRecord[]): RecordError[] {
    this.hasLogistics = true;
    const errors: RecordError[] = [];
    for (const r of records) {
      const parsed = logisticsRecordSchema.safeParse(r.value, { error: issueMessage });
      if (!parsed.success) {
        errors.push(issueOf(r, parsed.error));
        continue;
      }
      push(this.logistics, parsed.data.orderId, { ...parsed.data, at: whereOf(r) });
      const key = normaliseWaybill(parsed.data.waybillNo);
      let orders = this.waybillOrders.get(key);
      if (!orders) this.waybillOrders.set(key, (orders = new Set()));
      orders.add(parsed.data.orderId);
    }
    return errors;
  }

  /** Reads a side file's text and adds its records. */
  addFile(kind: 'payments' | 'logistics', content: string, format: RecordFormat): Result<RecordError[], string> {
    const file = readRecordFile(content, format, { numeric: NUMERIC, required: 'orderId' });
    if (!file.ok) return file;
    const bad = kind === 'payments' ? this.addPayments(file.value.records) : this.addLogistics(file.value.records);
    return ok([...file.value.errors, ...bad].toSorted((a, b) => a.line + a.record - (b.line + b.record)));
  }

  /** The other orders that carry one of this order's waybills. */
  sharedWaybillOrders(orderId: string): string[] {
    const others = new Set<string>();
    for (const l of this.logistics.get(orderId) ?? []) {
      for (const id of this.waybillOrders.get(normaliseWaybill(l.waybillNo)) ?? []) if (id !== orderId) others.add(id);
    }
    return [...others];
  }

  /** Which three-record rules the order breaks under `config`'s thresholds. */
  findings(order: ValidOrder, config: ScreenConfig): RuleId[] {
    const out: RuleId[] = [];
    const orderer: Party = order.orderer;
    const payments = this.payments.get(order.orderId);
    if (this.hasPayments && !payments) out.push('payment-record-missing');
    if (payments) {
      const paid = payments.reduce((s, p) => s + p.amountFen - (p.taxFen ?? 0), 0);
      if (Math.abs(paid - order.paidFen) > config.rules['payment-amount-mismatch'].thresholds.toleranceFen) out.push('payment-amount-mismatch');
      if (payments.some((p) => idDiffers(p.payer, orderer) === true || nameDiffers(p.payer, orderer) === true)) out.push('payment-payer-mismatch');
      const graceMs = config.rules['payment-before-order'].thresholds.graceSeconds * 1000;
      if (payments.some((p) => p.timeMs < order.timeMs - graceMs)) out.push('payment-before-order');
    }
    const logistics = this.logistics.get(order.orderId);
    if (this.hasLogistics && !logistics) out.push('logistics-record-missing');
    if (logistics) {
      const t = config.rules['consignee-mismatch'].thresholds;
      const differs = (l: LogisticsRecord) => (t.compareId && idDiffers(l.consignee, orderer) === true) || (t.compareName && nameDiffers(l.consignee, orderer) === true);
      if (logistics.some(differs)) out.push('consignee-mismatch');
      if (this.sharedWaybillOrders(order.orderId).length > 0) out.push('waybill-shared');
    }
    return out;
  }

  /**
   * A line for the report on why `rule` fired on `order`: amounts, masked ID numbers, the
   * waybill and the orders sharing it. Names and hashes are never shown.
   */
  describe(order: ValidOrder, rule: RuleId): string | undefined {
    const payments = this.payments.get(order.orderId) ?? [];
    const logistics = this.logistics.get(order.orderId) ?? [];
    switch (rule) {
      case 'payment-amount-mismatch': {
        const paid = payments.reduce((s, p) => s + p.amountFen - (p.taxFen ?? 0), 0);
        return `payment ${paid} fen (${payments.map((p) => p.at).join(', ')}) vs order paidFen ${order.paidFen}`;
      }
      case 'payment-payer-mismatch':
        return `payer ${payments.map((p) => who(p.payer)).join(', ')} vs orderer ${who(order.orderer)}`;
      case 'payment-before-order': {
        const first = payments.reduce((a, p) => (p.timeMs < a.timeMs ? p : a));
        return `paid ${first.time} (${first.at}), ordered ${order.time}`;
      }
      case 'consignee-mismatch':
        return `consignee ${logistics.map((l) => who(l.consignee)).join(', ')} vs orderer ${who(order.orderer)}`;
      case 'waybill-shared':
        return `waybill ${logistics.map((l) => l.waybillNo).join(', ')} also on ${this.sharedWaybillOrders(order.orderId).slice(0, 5).join(', ')}`;
      default:
        return undefined;
    }
  }
}

/** How a person is shown in the report: the masked number, never a name or a hash. */
function who(p: Party): string {
  return p.idNumber !== undefined ? maskId(normaliseIdNumber(p.idNumber)) : p.idHash !== undefined ? 'ID by hash' : 'name only';
}

/** The check the engine runs per order. */
export function threeRecordCheck(records: ThreeRecords, config: ScreenConfig): ScreenCheck {
  return {
    check(order, fire) {
      for (const r of records.findings(order, config)) fire(r);
    },
  };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function issueOf(r: RawRecord, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): RecordError {
  const issue = error.issues[0];
  return { line: r.line, record: r.record, message: `${issue?.path.map(String).join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
}
