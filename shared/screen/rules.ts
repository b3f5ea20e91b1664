// The screening rules as data. Each row names its source (a legal text) or, where the law sets no
// number, the rationale for the default; every threshold can be overridden by a config file
// (`crosscheck screen --config RULES.json`). The code that evaluates a row lives in engine.ts,
// one small function per rule id.
import * as z from 'zod/mini';
import { issueMessage } from '../validation/issue-message.ts';
import { err, ok, type Result } from '../result.ts';
import { PRODUCT_CLASSES } from './product-classes.ts';
import type { Localized } from '../text/localized.ts';

export type Severity = 'review' | 'block';
export type Decision = 'pass' | Severity;

/** What state a rule needs, which decides how a platform partitions it (see README). */
export type RuleState = 'none' | 'orderer' | 'recipient';

const quantityCap = z.strictObject({ limit: z.number().check(z.positive()), unit: z.enum(['g', 'unit']) });

const thresholdSchemas = {
  'orderer-payer-mismatch': z.strictObject({}),
  // The per-order and annual limits are law, not a merchant's setting: they come from the dated
  // quota rows in shared/policy (see limits.ts), so these rules have no thresholds of their own.
  'order-limit-exceeded': z.strictObject({}),
  'single-item-over-order-limit': z.strictObject({}),
  'annual-limit-exceeded': z.strictObject({}),
  'recipient-many-identities': z.strictObject({
    windowDays: z.number().check(z.positive(), z.maximum(3660)),
    maxIdentities: z.int().check(z.minimum(1)),
    byAddress: z.boolean(),
    byPhone: z.boolean(),
  }),
  // The caps are the positive list's own remarks (shared/catalog), not a merchant's setting.
  'positive-list-quantity-cap': z.strictObject({}),
  'personal-use-quantity': z.strictObject({ classes: z.record(z.string(), quantityCap) }),
  'under-declared-value': z.strictObject({ minDeclaredPercent: z.number().check(z.minimum(0), z.maximum(100)) }),
  'resale-repeat-sku': z.strictObject({
    windowDays: z.number().check(z.positive(), z.maximum(3660)),
    minOrders: z.int().check(z.minimum(1)),
    minUnits: z.int().check(z.minimum(1)),
  }),
  'watchlist-address': z.strictObject({}),
  // Price filing (价格备案): rows from `--price-filing FILE` (price-filing.ts).
  'price-below-filing': z.strictObject({ minPercentOfFiled: z.number().check(z.minimum(0), z.maximum(100)) }),
  'price-filing-missing': z.strictObject({}),
  // Three-record match (三单对碰): payment and logistics records joined by order id (three-records.ts).
  'payment-amount-mismatch': z.strictObject({ toleranceFen: z.int().check(z.minimum(0)) }),
  'payment-payer-mismatch': z.strictObject({}),
  'consignee-mismatch': z.strictObject({ compareName: z.boolean(), compareId: z.boolean() }),
  'waybill-shared': z.strictObject({}),
  'payment-before-order': z.strictObject({ graceSeconds: z.int().check(z.minimum(0)) }),
  'payment-record-missing': z.strictObject({}),
  'logistics-record-missing': z.strictObject({}),
} as const;

export type RuleId = keyof typeof thresholdSchemas;
export type Thresholds<R extends RuleId> = z.infer<(typeof thresholdSchemas)[R]>;

export interface RuleDefinition<R extends RuleId = RuleId> {
  id: R;
  severity: Severity;
  state: RuleState;
  /** Customs itself refuses such an order (清单 status 100), so it does not use up quota. */
  customsEnforced: boolean;
  /** The legal text, or "rationale" when the number is a merchant's judgement. */
  source: string;
  rationale: string;
  thresholds: Thresholds<R>;
  message: Localized;
}

type RuleTable = { [R in RuleId]: RuleDefinition<R> };

export const RULES: RuleTable = {
  'orderer-payer-mismatch': {
    id: 'orderer-payer-mismatch',
    severity: 'review',
    state: 'none',
    customsEnforced: false,
    source: '财关税〔2016〕18号 §五 (identity of orderer authenticated, otherwise equal to payer)',
    rationale:
      'An order paid by someone other than the orderer is the trace of a borrowed identity (quota pushed under another person). Platforms usually require payer = orderer; the law allows a difference only when the orderer identity is authenticated, so this asks for review rather than blocking.',
    thresholds: {},
    message: {
      en: 'The payer is not the orderer: check that the orderer really placed this order.',
      'zh-CN': '支付人与订购人不一致：请核实订购人是否本人下单。',
    },
  },
  'order-limit-exceeded': {
    id: 'order-limit-exceeded',
    severity: 'block',
    state: 'none',
    customsEnforced: true,
    source: '财关税〔2018〕49号 §一, §二 (5,000 CNY per transaction since 2019-01-01; dutiable value = goods + freight + insurance, 18号 §一)',
    rationale:
      'An order over the per-transaction limit with more than one item cannot use the CBEC channel. The limit in force on the order date comes from shared/policy.',
    thresholds: {},
    message: {
      en: 'The dutiable value (goods and freight paid) exceeds the per-order limit.',
      'zh-CN': '完税价格（商品及运费实付）超过单次交易限值。',
    },
  },
  'single-item-over-order-limit': {
    id: 'single-item-over-order-limit',
    severity: 'review',
    state: 'none',
    customsEnforced: false,
    source: '财关税〔2018〕49号 §二 (one indivisible item over the per-order limit: CBEC channel, full tax, counts toward the annual total)',
    rationale: 'Allowed, but taxed in full (tariff, 100 % VAT and consumption tax): confirm the buyer was charged accordingly.',
    thresholds: {},
    message: {
      en: 'A single indivisible item over the per-order limit: allowed, but taxed in full.',
      'zh-CN': '单件不可分割商品超过单次交易限值：可通过跨境电商进口，但须全额征税。',
    },
  },
  'annual-limit-exceeded': {
    id: 'annual-limit-exceeded',
    severity: 'block',
    state: 'orderer',
    customsEnforced: true,
    source: '财关税〔2018〕49号 §一, §二 (26,000 CNY per person per calendar year; over it: general trade)',
    rationale:
      "Counts this stream's orders per orderer and calendar year (Asia/Shanghai); an order refused for a limit does not count (as in shared/quota admitOrder). Orders placed elsewhere are invisible here, so the orderer's official figure can only be higher. One indivisible item worth the whole annual limit or more also lands here (49号: \"低于26000元\").",
    thresholds: {},
    message: {
      en: "This order takes the orderer's total for the year over the annual limit.",
      'zh-CN': '本订单使订购人本年度累计交易额超过年度交易限值。',
    },
  },
  'recipient-many-identities': {
    id: 'recipient-many-identities',
    severity: 'review',
    state: 'recipient',
    customsEnforced: false,
    source: '商财发〔2018〕486号 and 海关总署公告2018年第194号 (misuse of identity or quota; 刷单)',
    rationale:
      'One address or phone receiving orders under more identities than a household has, within a short window, is the pattern of brushing and of quotas bought from other people. Default: more than 3 identities in 30 days.',
    thresholds: { windowDays: 30, maxIdentities: 3, byAddress: true, byPhone: true },
    message: {
      en: 'This address or phone received orders under many different identities within a short time.',
      'zh-CN': '同一收货地址或电话在短期内收到多个不同身份的订单。',
    },
  },
  'positive-list-quantity-cap': {
    id: 'positive-list-quantity-cap',
    severity: 'block',
    state: 'orderer',
    customsEnforced: true,
    source: '跨境电子商务零售进口商品清单 (公告2019年第96号, 2022年第7号) remarks: sugar ≤ 2 kg, long-grain rice ≤ 20 kg per person per year',
    rationale:
      "The list's own quantity remarks, read from shared/catalog's positive list by the item's tariff line (or, without a code, the line of its class); counted per orderer, calendar year and HS heading from the net weight (netWeightGrams or the title). An order refused for the cap does not count.",
    thresholds: {},
    message: {
      en: "This order takes the orderer's yearly quantity over the cap in the positive list's remarks.",
      'zh-CN': '本订单使订购人本年度购买数量超过正面清单备注的限量。',
    },
  },
  'personal-use-quantity': {
    id: 'personal-use-quantity',
    severity: 'review',
    state: 'orderer',
    customsEnforced: false,
    source: 'rationale (49号 §三 and 486号: goods are for personal use; no number in law)',
    rationale:
      'Merchant defaults, not law: 72 cans of infant formula (one infant, about 1.4 cans a week), 60 cosmetics or skincare units, 48 supplement packs (four a month), 36 bottles of wine per person per year. Tune to your catalogue.',
    thresholds: {
      classes: {
        'infant-formula': { limit: 72, unit: 'unit' },
        cosmetics: { limit: 60, unit: 'unit' },
        supplements: { limit: 48, unit: 'unit' },
        wine: { limit: 36, unit: 'unit' },
      },
    },
    message: {
      en: "The orderer's yearly quantity in this product class is beyond personal use.",
      'zh-CN': '订购人本年度该类商品购买数量超出个人自用合理范围。',
    },
  },
  'under-declared-value': {
    id: 'under-declared-value',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '财关税〔2016〕18号 §一 (dutiable value is the actual transaction price); 低报价格 cases (e.g. prices edited to 70 % before pushing, cbec-rules §6.5)',
    rationale: 'A declared value below 90 % of what was paid is an under-declaration; a small tolerance absorbs rounding.',
    thresholds: { minDeclaredPercent: 90 },
    message: {
      en: 'The declared value is well below what the buyer paid (under-declaration).',
      'zh-CN': '申报价格明显低于实际支付金额（低报价格）。',
    },
  },
  'resale-repeat-sku': {
    id: 'resale-repeat-sku',
    severity: 'review',
    state: 'orderer',
    customsEnforced: false,
    source: '财关税〔2018〕49号 §三 (no secondary sale); rationale for the numbers',
    rationale:
      'One identity buying the same SKU in at least 3 orders and 24 units within 90 days buys like a reseller (a family restocking formula stays below: 6 cans a month is 18).',
    thresholds: { windowDays: 90, minOrders: 3, minUnits: 24 },
    message: {
      en: 'The orderer keeps buying the same product in resale quantities.',
      'zh-CN': '订购人反复大量购买同一商品，疑似二次销售。',
    },
  },
  'watchlist-address': {
    id: 'watchlist-address',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: "merchant's own watch list (addresses linked to resale, brushing or fraud)",
    rationale: 'Addresses are compared after normalisation (width, case, spaces and punctuation); a listed address also matches the rooms under it.',
    thresholds: {},
    message: {
      en: "The delivery address is on the merchant's watch list.",
      'zh-CN': '收货地址在商家的关注名单中。',
    },
  },
  'price-below-filing': {
    id: 'price-below-filing',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '价格备案 (the merchant\'s filed prices per SKU); 财关税〔2016〕18号 §一 (actual transaction price); 低报价格 cases (cbec-rules §6.5)',
    rationale:
      'A unit price on the order below the price filed for the SKU on the order date is how an edited price shows against the filing; customs compares the 清单 price with the filed one. Default: any price below 100 % of the filed price.',
    thresholds: { minPercentOfFiled: 100 },
    message: {
      en: 'A unit price on the order is below the price filed for this SKU on the order date.',
      'zh-CN': '订单商品单价低于该商品在下单日有效的备案价格。',
    },
  },
  'price-filing-missing': {
    id: 'price-filing-missing',
    severity: 'review',
    state: 'none',
    customsEnforced: false,
    source: '价格备案 (every SKU sold needs a filed price in force)',
    rationale: 'A SKU with no filing in force on the order date cannot be checked against a filed price: file it before pushing the order.',
    thresholds: {},
    message: {
      en: 'A SKU on the order has no price filing in force on the order date.',
      'zh-CN': '订单中有商品在下单日没有有效的价格备案。',
    },
  },
  'payment-amount-mismatch': {
    id: 'payment-amount-mismatch',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (三单对碰: order, payment and waybill must agree); 18号 §一 (actual transaction price)',
    rationale:
      'The payment record (without tax) must equal what the order says was paid (goods and freight); a difference means one of the two was edited before pushing. Default tolerance: 0 fen.',
    thresholds: { toleranceFen: 0 },
    message: {
      en: 'The payment record’s amount differs from the order’s paid amount.',
      'zh-CN': '支付单金额与订单实付金额不一致。',
    },
  },
  'payment-payer-mismatch': {
    id: 'payment-payer-mismatch',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '财关税〔2016〕18号 §五 (orderer and payer); 海关总署公告2018年第194号 (三单对碰)',
    rationale:
      'The payment provider’s record names who really paid; a payer other than the orderer on that record is the trace of 推单 (orders pushed under other people’s identities) that customs sees when it matches the three records.',
    thresholds: {},
    message: {
      en: 'The payment record’s payer is not the orderer (ID number or name differ).',
      'zh-CN': '支付单的支付人与订购人不一致（证件号码或姓名不同）。',
    },
  },
  'consignee-mismatch': {
    id: 'consignee-mismatch',
    severity: 'review',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (三单对碰); 商财发〔2018〕486号 (personal use)',
    rationale: 'A waybill addressed to someone other than the orderer is how goods bought on other people’s quota reach one reseller; gifts are honest, so this asks for review.',
    thresholds: { compareName: true, compareId: true },
    message: {
      en: 'The waybill’s consignee is not the orderer (name or ID number differ).',
      'zh-CN': '运单收货人与订购人不一致（姓名或证件号码不同）。',
    },
  },
  'waybill-shared': {
    id: 'waybill-shared',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (one waybill per order in the 三单)',
    rationale: 'One waybill number on several orders means parcels are consolidated or waybills reused: the declared orders are not what is shipped.',
    thresholds: {},
    message: {
      en: 'The waybill number of this order is also on other orders.',
      'zh-CN': '本订单的运单号同时出现在其他订单上。',
    },
  },
  'payment-before-order': {
    id: 'payment-before-order',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (三单对碰: times must be consistent)',
    rationale: 'A payment made before the order existed cannot pay for it: the order was created afterwards to fit a payment (推单). Default grace: 0 seconds.',
    thresholds: { graceSeconds: 0 },
    message: {
      en: 'The payment was made before the order was placed.',
      'zh-CN': '支付时间早于下单时间。',
    },
  },
  'payment-record-missing': {
    id: 'payment-record-missing',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (order, payment and waybill are pushed together)',
    rationale: 'Checked only when payment records are given: an order with none cannot pass the three-record match.',
    thresholds: {},
    message: {
      en: 'No payment record for this order.',
      'zh-CN': '本订单没有对应的支付单。',
    },
  },
  'logistics-record-missing': {
    id: 'logistics-record-missing',
    severity: 'block',
    state: 'none',
    customsEnforced: false,
    source: '海关总署公告2018年第194号 (order, payment and waybill are pushed together)',
    rationale: 'Checked only when logistics records are given: an order with no waybill cannot pass the three-record match.',
    thresholds: {},
    message: {
      en: 'No logistics record (waybill) for this order.',
      'zh-CN': '本订单没有对应的运单。',
    },
  },
};

/** Rules that need `--price-filing` rows and rules that need payment or logistics records. */
export const PRICE_FILING_RULES = ['price-below-filing', 'price-filing-missing'] as const satisfies readonly RuleId[];
export const THREE_RECORD_RULES = [
  'payment-amount-mismatch',
  'payment-payer-mismatch',
  'consignee-mismatch',
  'waybill-shared',
  'payment-before-order',
  'payment-record-missing',
  'logistics-record-missing',
] as const satisfies readonly RuleId[];

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Codes for rows the screen could not read; each with an en and a zh-CN sentence. */
export const ROW_ERRORS = {
  'json-invalid': { en: 'The line is not valid JSON.', 'zh-CN': '该行不是有效的 JSON。' },
  'csv-invalid': { en: 'The CSV row cannot be read.', 'zh-CN': '该 CSV 行无法解析。' },
  'line-too-long': { en: 'The line is longer than the screen accepts.', 'zh-CN': '该行超过允许的最大长度。' },
  'order-invalid': { en: 'A required field is missing or has the wrong type.', 'zh-CN': '缺少必填字段或字段类型错误。' },
} as const;

export type RowErrorCode = keyof typeof ROW_ERRORS;

// ---- configuration ------------------------------------------------------------------------

const ruleOverrideSchema = z.strictObject({
  enabled: z.optional(z.boolean()),
  severity: z.optional(z.enum(['review', 'block'])),
  thresholds: z.optional(z.record(z.string(), z.unknown())),
});

export const screenConfigSchema = z.strictObject({
  rules: z.optional(z.partialRecord(z.enum(RULE_IDS as [RuleId, ...RuleId[]]), ruleOverrideSchema)),
  /** Addresses the merchant watches (one entry per address). */
  watchlist: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(1024))).check(z.maxLength(1_000_000))),
});

export type ScreenConfigInput = z.input<typeof screenConfigSchema>;

/** The effective rule set: every rule with its severity and thresholds after overrides. */
export interface ScreenConfig {
  rules: { [R in RuleId]: { enabled: boolean; severity: Severity; thresholds: Thresholds<R> } };
  watchlist: readonly string[];
}

export type ConfigResult = Result<ScreenConfig, { code: 'config-invalid'; message: string }>;

/** Merges a config file's overrides over the defaults above, validating every threshold. */
export function resolveConfig(input: unknown = {}): ConfigResult {
  const parsed = screenConfigSchema.safeParse(input, { error: issueMessage });
  if (!parsed.success) return err({ code: 'config-invalid', message: describeIssue(parsed.error) });
  const rules = {} as Record<RuleId, { enabled: boolean; severity: Severity; thresholds: unknown }>;
  for (const id of RULE_IDS) {
    const def = RULES[id];
    const override = parsed.data.rules?.[id];
    const merged = { ...def.thresholds, ...override?.thresholds };
    const checked = thresholdSchemas[id].safeParse(merged, { error: issueMessage });
    if (!checked.success) {
      return err({ code: 'config-invalid', message: `rules.${id}.thresholds.${describeIssue(checked.error)}` });
    }
    if ('classes' in checked.data) {
      const unknown = Object.keys(checked.data.classes).find((c) => !PRODUCT_CLASSES.some((pc) => pc.id === c));
      if (unknown !== undefined) {
        const known = PRODUCT_CLASSES.map((pc) => pc.id).join(', ');
        return err({ code: 'config-invalid', message: `rules.${id}.thresholds.classes: unknown class "${unknown}" (known: ${known})` });
      }
    }
    rules[id] = {
      enabled: override?.enabled ?? true,
      severity: override?.severity ?? def.severity,
      thresholds: checked.data,
    };
  }
  return ok({ rules: rules as ScreenConfig['rules'], watchlist: parsed.data.watchlist ?? [] });
}

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}`;
}

export const DEFAULT_CONFIG: ScreenConfig = (() => {
  const r = resolveConfig({});
  if (!r.ok) throw new Error(`built-in rules are invalid: ${r.error.message}`);
  return r.value;
})();
