// The order record the screen reads: the fields a merchant's order system already holds when it
// prepares the 三单 (order, payment, waybill) for customs (海关总署公告2018年第194号; cbec-rules §6.2).
// Identities arrive hashed: the screen only needs equality, never the ID number or the name.
import * as z from 'zod/mini';
import { issueMessage } from '../validation/issue-message.ts';
import { err, ok, type Result } from '../result.ts';

/** Fen are integers (never floats): one fen is 0.01 CNY. Safe integers only. */
const fen = z.int().check(z.minimum(0));

const hash = z.string().check(z.minLength(1), z.maxLength(256));

export const orderItemSchema = z.object({
  sku: z.string().check(z.minLength(1), z.maxLength(128)),
  name: z.string().check(z.maxLength(512)),
  /** Customs tariff code (税则号列), 4 to 10 digits; used to classify the goods. */
  hsCode: z.optional(z.string().check(z.regex(/^\d{4,10}$/, 'expected 4 to 10 digits'))),
  /** Unit price as paid, without tax. */
  priceFen: fen,
  quantity: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  /** Net weight of one unit in grams, for classes capped by weight (sugar, rice). */
  netWeightGrams: z.optional(z.number().check(z.positive(), z.maximum(1_000_000_000))),
});

export const orderSchema = z.object({
  orderId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** ISO 8601 with an explicit offset (Z or ±hh:mm): a local time without zone has no year. */
  time: z.iso.datetime({ offset: true }),
  platform: z.string().check(z.maxLength(128)),
  orderer: z.object({
    idHash: hash,
    nameHash: hash,
    /**
     * Optional, only for the three-record match against payment and logistics records that carry
     * the number itself: compared after normalisation, never written to output or reports whole.
     */
    idNumber: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  }),
  payer: z.object({ idHash: hash }),
  recipient: z.object({ phoneHash: hash, address: z.string().check(z.minLength(1), z.maxLength(1024)) }),
  items: z.array(orderItemSchema).check(z.minLength(1), z.maxLength(1000)),
  freightFen: fen,
  /** Goods and freight as paid, without tax: the actual transaction price (18号 §一). */
  paidFen: fen,
  /** The value the 申报清单 declares to customs. */
  declaredValueFen: fen,
});

export type OrderItem = z.infer<typeof orderItemSchema>;
export type Order = z.infer<typeof orderSchema>;

/** An order that passed validation, with the time already turned into epoch milliseconds. */
export interface ValidOrder extends Order {
  timeMs: number;
}

export type OrderCheck = Result<ValidOrder, { code: 'order-invalid'; message: string }>;

/**
 * Validates one decoded record. The message names the first failing field by its dotted path
 * (`items.0.priceFen: expected int`), which is what a merchant needs to fix the export.
 */
export function checkOrder(value: unknown): OrderCheck {
  const parsed = orderSchema.safeParse(value, { error: issueMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : 'record';
    return err({ code: 'order-invalid', message: `${path}: ${issue?.message ?? 'invalid'}` });
  }
  const timeMs = Date.parse(parsed.data.time);
  if (!Number.isFinite(timeMs)) return err({ code: 'order-invalid', message: 'time: not a real date' });
  // zod returns a fresh object, so adding the parsed time to it mutates nobody else's data.
  return ok(Object.assign(parsed.data, { timeMs }));
}
