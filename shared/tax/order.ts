// What the tax core takes in: one order, validated with zod so that the PWA, the extension and
// the CLI all refuse the same bad input with the same field name.
// zod/mini: the tree-shakable form of zod 4 (same core and issue paths), so the apps carry only
// the checks used here.
import * as z from 'zod/mini';
import { NET_CONTENT_UNIT_WORD_LIST, netContentOfUnitWord } from '../catalog/net-content.ts';
import { TAX_CLASS_IDS, type NetContent, type TaxClassId } from '../catalog/tax-classes.ts';
import { decimalFraction, type Fen } from '../money/index.ts';
import { isIsoDate } from '../policy/index.ts';
import { issueMessage } from '../validation/issue-message.ts';
import type { Localized } from '../text/localized.ts';

export interface OrderItem {
  name: string;
  /** Unit price in fen (the retail price of one article, before tax). */
  priceFen: Fen;
  quantity: number;
  taxClass: TaxClassId;
  /** Net content of ONE article (ml, g or pieces); needed for high-end cosmetics and specific duties. */
  netContent?: NetContent;
  /** Informational: hsCode-level tariffs are out of scope, the class decides the rates. */
  hsCode?: string;
}

export interface Order {
  /** Order date, YYYY-MM-DD: selects the rules in force. */
  date: string;
  items: OrderItem[];
  freightFen?: Fen;
  insuranceFen?: Fen;
  /** Where a postal parcel would come from: decides the 800 / 1000 CNY parcel limit. Default 'other'. */
  postalOrigin?: 'hk-mo-tw' | 'other';
  /**
   * The day the declaration (申报清单) was completed, when known: its rules apply (关税法 第二十条;
   * 海关总署令第272号 第十四条). Without it the order date decides.
   */
  declarationDate?: string;
  /**
   * A price reduction granted by the seller or the platform (coupon, 满减, platform subsidy) that
   * lowers what the buyer pays for the goods: it lowers the 完税价格, which is the actual transaction
   * price (海关总署公告2016年第26号 (十五); 完税价格办法 第七条). Points, gift cards and stored value
   * the buyer spends are payment, not a discount: leave them in. Shared over the lines by value.
   */
  discountFen?: Fen;
  /**
   * The customs exchange rate, CNY per US dollar (e.g. 7.1026: at most 6 decimals), used where the
   * law sets a threshold in dollars (imported beer: 370 USD per tonne). Customs converts at the
   * 计征汇率 of the day the declaration is completed (关税法 第六十条): the central parity on the
   * day 海关总署 sets, by its rule the third Wednesday of the previous month [MEM]. Without it the
   * higher tier is assumed and the result says so.
   */
  customsUsdRate?: number;
}

/** CNY per USD as published (4 decimals), up to 6 decimals, so that it is an exact decimal fraction. */
export function isCustomsRate(value: unknown): value is number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1_000)) return false;
  const fraction = decimalFraction(value);
  return fraction !== undefined && fraction[1] <= 1_000_000;
}

const fen = z.number().check(
  z.int('must be a whole number of fen'),
  z.nonnegative('must not be negative'),
  z.refine(Number.isSafeInteger, { message: 'must be a safe integer of fen' }),
);

/**
 * The unit as people write it: ml, g, piece, or the Chinese words (毫升 克 千克 升 片 张 支 粒 瓶 袋 盒
 * 包 …, shared/catalog NET_CONTENT_UNIT_WORDS). A parsed order holds ml, g or piece: 0.7 升 → 700 ml.
 */
export const netContentSchema = z.strictObject({
  value: z.number().check(z.positive('must be more than 0'), z.maximum(1e10)),
  unit: z.enum(NET_CONTENT_UNIT_WORD_LIST as [string, ...string[]], {
    message: 'unit must be ml, g or piece, or a unit word such as 毫升, 克, 千克, 升, 片, 张, 支, 粒, 瓶, 袋, 盒, 包',
  }),
});

/** A net content written with any accepted unit word, as ml, g or piece. */
function normalisedContent(content: { value: number; unit: string }): NetContent {
  return netContentOfUnitWord(content.value, content.unit) ?? (content as NetContent);
}

export const orderItemSchema = z.strictObject({
  name: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(500)),
  priceFen: fen,
  quantity: z.number().check(z.int('must be a whole number'), z.minimum(1, 'must be at least 1'), z.maximum(1_000_000)),
  taxClass: z.enum(TAX_CLASS_IDS, { message: `must be one of ${TAX_CLASS_IDS.join(', ')}` }),
  netContent: z.optional(netContentSchema),
  hsCode: z.optional(z.string().check(z.regex(/^\d{4,10}$/, 'must be 4 to 10 digits'))),
});

export const orderSchema = z.strictObject({
  date: z.string().check(z.refine(isIsoDate, { message: 'must be a calendar date YYYY-MM-DD' })),
  items: z.array(orderItemSchema).check(z.minLength(1, 'needs at least one item'), z.maxLength(1_000)),
  freightFen: z.optional(fen),
  insuranceFen: z.optional(fen),
  postalOrigin: z.optional(z.enum(['hk-mo-tw', 'other'])),
  declarationDate: z.optional(z.string().check(z.refine(isIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }))),
  discountFen: z.optional(fen),
  customsUsdRate: z.optional(
    z.number().check(
      z.positive('must be more than 0'),
      z.maximum(1_000),
      z.refine(isCustomsRate, { message: 'must be CNY per USD with at most 6 decimals' }),
    ),
  ),
});

export type TaxErrorCode = 'invalid-order' | 'net-content-required' | 'net-content-unit';

export const TAX_ERROR_MESSAGES: Record<TaxErrorCode, Localized> = {
  'invalid-order': { en: 'The order is malformed.', 'zh-CN': '订单数据格式错误。' },
  'net-content-required': {
    en: 'This item is taxed per volume or weight: give its net content.',
    'zh-CN': '该商品按容量或重量从量计税，请提供净含量。',
  },
  'net-content-unit': {
    en: 'This item is taxed per volume or weight: its net content must be in ml or g, not pieces.',
    'zh-CN': '该商品按容量或重量从量计税，净含量单位须为毫升或克，而非件数。',
  },
};

export class TaxError extends Error {
  constructor(
    readonly code: TaxErrorCode,
    /** The offending field, as a path such as "items.0.priceFen". */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'TaxError';
  }
}

const TAX_CLASSES: ReadonlySet<unknown> = new Set(TAX_CLASS_IDS);
const NET_CONTENT_UNITS: ReadonlySet<unknown> = new Set(NET_CONTENT_UNIT_WORD_LIST);
const POSTAL_ORIGINS: ReadonlySet<unknown> = new Set(['hk-mo-tw', 'other']);
const ORDER_KEYS: ReadonlySet<string> = new Set(['date', 'items', 'freightFen', 'insuranceFen', 'postalOrigin', 'declarationDate', 'discountFen', 'customsUsdRate']);
const ITEM_KEYS: ReadonlySet<string> = new Set(['name', 'priceFen', 'quantity', 'taxClass', 'netContent', 'hsCode']);
const NET_CONTENT_KEYS: ReadonlySet<string> = new Set(['value', 'unit']);
const HS_CODE = /^\d{4,10}$/;

/** A plain object (an object literal or JSON) whose keys are all in `allowed`. */
function plainWithKeys(value: unknown, allowed: ReadonlySet<string>): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const isFenValue = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
/** An optional field is either absent or valid; a key present with undefined is left to the schema. */
const absent = (object: object, key: string) => !(key in object);

function itemIfValid(input: unknown): OrderItem | undefined {
  if (!plainWithKeys(input, ITEM_KEYS)) return undefined;
  // Each field is read once, so what is checked is what is copied (a getter cannot change it after).
  const { name, priceFen, quantity, taxClass, netContent, hsCode } = input;
  if (typeof name !== 'string' || name.length < 1 || name.length > 500) return undefined;
  if (!isFenValue(priceFen)) return undefined;
  if (!Number.isSafeInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 1_000_000) return undefined;
  if (!TAX_CLASSES.has(taxClass)) return undefined;
  const item: OrderItem = { name, priceFen, quantity: quantity as number, taxClass: taxClass as TaxClassId };
  if (netContent === undefined) {
    if (!absent(input, 'netContent')) return undefined;
  } else {
    if (!plainWithKeys(netContent, NET_CONTENT_KEYS)) return undefined;
    const { value, unit } = netContent;
    if (typeof value !== 'number' || !(value > 0 && value <= 1e10) || !NET_CONTENT_UNITS.has(unit)) return undefined;
    item.netContent = normalisedContent({ value, unit: unit as string });
  }
  if (hsCode === undefined) {
    if (!absent(input, 'hsCode')) return undefined;
  } else {
    if (typeof hsCode !== 'string' || !HS_CODE.test(hsCode)) return undefined;
    item.hsCode = hsCode;
  }
  return item;
}

/** Dates already found valid (an app asks about today's date, a test or a bench about a few). */
const validDates = new Set<string>();

/**
 * A copy of `input` when it certainly satisfies orderSchema, else undefined (then parseOrder
 * decides, and names the bad field). The same checks by hand, about fifty times faster than the
 * schema: compareChannels runs for every product card a list page shows. It may refuse more than
 * the schema (anything unusual goes to the schema) but never accepts what the schema refuses
 * (test/unit/tax/reference.test.ts tries hostile values in every field).
 */
export function orderIfValid(input: unknown): Order | undefined {
  if (!plainWithKeys(input, ORDER_KEYS)) return undefined;
  const { date, items, freightFen, insuranceFen, postalOrigin, declarationDate, discountFen, customsUsdRate } = input;
  if (typeof date !== 'string') return undefined;
  if (!validDates.has(date)) {
    if (!isIsoDate(date)) return undefined;
    if (validDates.size >= 64) validDates.clear();
    validDates.add(date);
  }
  if (!Array.isArray(items) || items.length < 1 || items.length > 1_000) return undefined;
  const valid: Order = { date, items: [] };
  for (let i = 0; i < items.length; i++) {
    const item = itemIfValid(items[i]);
    if (!item) return undefined;
    valid.items.push(item);
  }
  if (freightFen !== undefined || !absent(input, 'freightFen')) {
    if (!isFenValue(freightFen)) return undefined;
    valid.freightFen = freightFen;
  }
  if (insuranceFen !== undefined || !absent(input, 'insuranceFen')) {
    if (!isFenValue(insuranceFen)) return undefined;
    valid.insuranceFen = insuranceFen;
  }
  if (postalOrigin !== undefined || !absent(input, 'postalOrigin')) {
    if (!POSTAL_ORIGINS.has(postalOrigin)) return undefined;
    valid.postalOrigin = postalOrigin as Order['postalOrigin'];
  }
  if (declarationDate !== undefined || !absent(input, 'declarationDate')) {
    if (!isIsoDate(declarationDate)) return undefined;
    valid.declarationDate = declarationDate;
  }
  if (discountFen !== undefined || !absent(input, 'discountFen')) {
    if (!isFenValue(discountFen)) return undefined;
    valid.discountFen = discountFen;
  }
  if (customsUsdRate !== undefined || !absent(input, 'customsUsdRate')) {
    if (!isCustomsRate(customsUsdRate)) return undefined;
    valid.customsUsdRate = customsUsdRate;
  }
  return valid;
}

/** Validates untrusted input as an Order; throws TaxError('invalid-order') naming the first bad field. */
export function parseOrder(input: unknown): Order {
  const parsed = orderSchema.safeParse(input, { error: issueMessage });
  if (parsed.success) {
    const order = parsed.data as unknown as Order;
    for (const item of order.items) if (item.netContent) item.netContent = normalisedContent(item.netContent);
    return order;
  }
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'order';
  throw new TaxError('invalid-order', field, issue.message);
}
