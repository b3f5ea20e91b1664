// Quota entries — the orders and returns of one orderer as the quota counts them (China dates, a
// value, a status) — and what they say about the calendar-year quota (cbec-rules §1.3, §1.5). Pure
// arithmetic. The consumer's stored ledger is shared/ledger's format; from-ledger.ts maps it here.
// zod/mini: the tree-shakable form of zod 4 (same core and issue paths).
import * as z from 'zod/mini';
import { formatFen, sumFen, type Fen } from '../money/index.ts';
import { addDays, defaultPolicy, isIsoDate, yearOf, type Policy } from '../policy/index.ts';
import { issueMessage } from '../validation/issue-message.ts';
import type { Locale, Localized } from '../text/localized.ts';

const isoDate = z.string().check(z.refine(isIsoDate, { message: 'must be a calendar date YYYY-MM-DD' }));
const fenSchema = z.number().check(z.int(), z.nonnegative(), z.refine(Number.isSafeInteger, { message: 'must be a safe integer of fen' }));
const nonEmpty = z.string().check(z.minLength(1));

export const quotaOrderSchema = z.strictObject({
  kind: z.literal('order'),
  id: nonEmpty,
  orderDate: isoDate,
  /** Release date of the 申报清单 (放行); absent while the order is on its way. */
  releaseDate: z.optional(isoDate),
  /** 'refused' = 海关退单 (status 100): never counts. Default: released when releaseDate is set, else pending. */
  status: z.optional(z.enum(['pending', 'released', 'refused'])),
  dutiableValueFen: fenSchema,
  itemCount: z.number().check(z.int(), z.positive()),
  /** The order is one indivisible article (the single-item rule). */
  indivisible: z.optional(z.boolean()),
  /** Tax charged (composite or full), for the OPEN-1 measure variant. */
  taxFen: z.optional(fenSchema),
  platform: z.optional(z.string()),
});

export const quotaReturnSchema = z.strictObject({
  kind: z.literal('return'),
  id: z.optional(nonEmpty),
  orderId: nonEmpty,
  /** The day the return was applied for (申请退货). */
  date: isoDate,
  amountFen: fenSchema,
  /** The day the goods were back in the supervised site (原监管场所), when known: 45 days at most (公告2020年第45号). */
  goodsBackDate: z.optional(isoDate),
});

export const quotaEntrySchema = z.discriminatedUnion('kind', [quotaOrderSchema, quotaReturnSchema]);
const quotaEntriesSchema = z.array(quotaEntrySchema);

export type QuotaOrder = z.infer<typeof quotaOrderSchema>;
export type QuotaReturn = z.infer<typeof quotaReturnSchema>;
export type QuotaEntry = z.infer<typeof quotaEntrySchema>;

export type QuotaErrorCode = 'invalid-ledger';

export const QUOTA_ERROR_MESSAGES: Record<QuotaErrorCode, Localized> = {
  'invalid-ledger': { en: 'An entry of the order ledger is malformed.', 'zh-CN': '订单账本中有格式错误的条目。' },
};

export class QuotaError extends Error {
  constructor(
    readonly code: QuotaErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'QuotaError';
  }
}

/** Validates untrusted quota entries (an import, a test file); throws QuotaError naming the entry and field. */
export function parseQuotaEntries(input: unknown): QuotaEntry[] {
  const parsed = quotaEntriesSchema.safeParse(input, { error: issueMessage });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new QuotaError('invalid-ledger', `${issue.path.join('.') || '(ledger)'}: ${issue.message}`);
}

export interface UsageOptions {
  policy?: Policy;
  /** Which date puts an order into a year (OPEN-3). Default: the release date, else the order date. */
  yearBasis?: 'release-date' | 'order-date';
  /** What the counter consumes (OPEN-1). Default: 完税价格 only. */
  measure?: 'dutiable-value' | 'dutiable-value-plus-tax';
}

export type ReturnOutcome = 'restored' | 'outside-window' | 'unknown-order' | 'nothing-left-to-restore';

export interface ReturnCheck {
  orderId: string;
  date: string;
  amountFen: Fen;
  restoredFen: Fen;
  outcome: ReturnOutcome;
  /** Last day on which a return application restores the quota (release + window days). */
  windowLastDay?: string;
  /** Last day by which the goods must be back (release + goodsBackWithinDays), when the rule has one. */
  goodsBackLastDay?: string;
  ruleId?: string;
}

export interface OrderUsage {
  orderId: string;
  status: 'pending' | 'released' | 'refused';
  grossFen: Fen;
  restoredFen: Fen;
  countedFen: Fen;
  returns: ReturnCheck[];
}

export interface YearUsage {
  year: number;
  /** released + pending − restored. */
  usedFen: Fen;
  releasedFen: Fen;
  pendingFen: Fen;
  restoredFen: Fen;
  orders: OrderUsage[];
  /** Returns that point at no order of the ledger. */
  strayReturns: ReturnCheck[];
}

function statusOf(order: QuotaOrder): 'pending' | 'released' | 'refused' {
  return order.status ?? (order.releaseDate ? 'released' : 'pending');
}

/**
 * The orderer's usage in calendar year `year`. A return restores quota when it is applied for
 * within the window after release (海关总署公告2020年第45号: 30 days, inclusive — release day + 30
 * restores, + 31 does not); a pending order's return is a cancellation and always restores.
 * Restorations are capped at what the order counted.
 */
export function calendarYearUsage(ledger: readonly QuotaEntry[], year: number, options: UsageOptions = {}): YearUsage {
  const policy = options.policy ?? defaultPolicy();
  const basis = options.yearBasis ?? 'release-date';
  const orders = ledger.filter((e): e is QuotaOrder => e.kind === 'order');
  const returns = ledger.filter((e): e is QuotaReturn => e.kind === 'return');
  const known = new Set(orders.map((o) => o.id));

  const usage: OrderUsage[] = [];
  for (const order of orders) {
    const dateForYear = basis === 'release-date' ? (order.releaseDate ?? order.orderDate) : order.orderDate;
    if (yearOf(dateForYear) !== year) continue;
    const status = statusOf(order);
    const gross =
      status === 'refused'
        ? 0
        : sumFen([order.dutiableValueFen, options.measure === 'dutiable-value-plus-tax' ? (order.taxFen ?? 0) : 0]);
    let left = gross;
    const checks: ReturnCheck[] = [];
    for (const ret of returns.filter((r) => r.orderId === order.id).toSorted((a, b) => (a.date < b.date ? -1 : 1))) {
      let windowLastDay: string | undefined;
      let goodsBackLastDay: string | undefined;
      let ruleId: string | undefined;
      let inWindow = true;
      if (order.releaseDate && status === 'released') {
        const returnsWindow = policy.at(order.releaseDate).returnsWindow();
        windowLastDay = addDays(order.releaseDate, returnsWindow.applyWithinDays);
        ruleId = returnsWindow.id;
        inWindow = ret.date <= windowLastDay;
        // 海关总署公告2020年第45号: the goods must also be back within 45 days of release (inclusive).
        if (returnsWindow.goodsBackWithinDays !== undefined) {
          goodsBackLastDay = addDays(order.releaseDate, returnsWindow.goodsBackWithinDays);
          if (ret.goodsBackDate !== undefined && ret.goodsBackDate > goodsBackLastDay) inWindow = false;
        }
      }
      const restored = inWindow ? Math.min(left, ret.amountFen) : 0;
      left -= restored;
      checks.push({
        orderId: order.id,
        date: ret.date,
        amountFen: ret.amountFen,
        restoredFen: restored,
        outcome: !inWindow ? 'outside-window' : restored === 0 && ret.amountFen > 0 ? 'nothing-left-to-restore' : 'restored',
        ...(windowLastDay ? { windowLastDay } : {}),
        ...(goodsBackLastDay ? { goodsBackLastDay } : {}),
        ...(ruleId ? { ruleId } : {}),
      });
    }
    usage.push({ orderId: order.id, status, grossFen: gross, restoredFen: gross - left, countedFen: left, returns: checks });
  }
  const total = (pick: (u: OrderUsage) => Fen, filter: (u: OrderUsage) => boolean = () => true) =>
    sumFen(usage.filter(filter).map(pick));
  const releasedFen = total((u) => u.grossFen, (u) => u.status === 'released');
  const pendingFen = total((u) => u.grossFen, (u) => u.status === 'pending');
  const restoredFen = total((u) => u.restoredFen);
  return {
    year,
    usedFen: releasedFen + pendingFen - restoredFen,
    releasedFen,
    pendingFen,
    restoredFen,
    orders: usage,
    strayReturns: returns
      .filter((r) => !known.has(r.orderId) && yearOf(r.date) === year)
      .map((r) => ({ orderId: r.orderId, date: r.date, amountFen: r.amountFen, restoredFen: 0, outcome: 'unknown-order' as const })),
  };
}

const en = (amount: Fen) => formatFen(amount, 'en');
const zh = (amount: Fen) => formatFen(amount, 'zh-CN');

export type ReconciliationStatus = 'consistent' | 'unexplained-usage' | 'ledger-ahead';

export interface Reconciliation {
  year: number;
  officialUsedFen: Fen;
  /** Released orders minus restorations: what customs should show. */
  ledgerReleasedFen: Fen;
  /** Orders not yet released, which the official figure may or may not include yet. */
  ledgerPendingFen: Fen;
  /** Official usage that the ledger cannot explain even counting pending orders (≥ 0). */
  unexplainedFen: Fen;
  status: ReconciliationStatus;
  advice: Record<Locale, string[]>;
}

/**
 * Compares the "本年度已使用额度" the consumer reads on the official look-up (单一窗口 / 掌上海关)
 * with their own ledger. Usage nobody in the ledger explains is the sign that someone has ordered
 * under their identity (cbec-rules §6.4, §6.5), and the advice says what to do about it.
 */
export function reconcile(officialUsedFen: Fen, ledger: readonly QuotaEntry[], year: number, options: UsageOptions = {}): Reconciliation {
  if (!Number.isSafeInteger(officialUsedFen) || officialUsedFen < 0) {
    throw new QuotaError('invalid-ledger', 'officialUsedFen must be a non-negative integer of fen');
  }
  const usage = calendarYearUsage(ledger, year, options);
  const released = usage.releasedFen - sumFen(usage.orders.filter((o) => o.status === 'released').map((o) => o.restoredFen));
  const pending = usage.usedFen - released;
  const unexplained = Math.max(0, officialUsedFen - released - pending);
  const status: ReconciliationStatus = unexplained > 0 ? 'unexplained-usage' : officialUsedFen < released ? 'ledger-ahead' : 'consistent';

  const advice: Record<ReconciliationStatus, Record<Locale, string[]>> = {
    consistent: {
      en: [`The official figure (${en(officialUsedFen)}) matches the orders in your ledger for ${year}.`],
      'zh-CN': [`官方查询的已使用额度（${zh(officialUsedFen)}）与您账本中 ${year} 年的订单一致。`],
    },
    'ledger-ahead': {
      en: [
        `Your ledger counts ${en(released - officialUsedFen)} more than the official figure for ${year}.`,
        'Usually harmless: an order may have been refused by customs (status 100), a return may have been processed, or the look-up lags. Check the consumption details and update your ledger.',
      ],
      'zh-CN': [
        `您的账本比官方数字多出 ${zh(released - officialUsedFen)}（${year} 年）。`,
        '通常无碍：可能有订单被海关退单（状态 100）、退货已办结，或查询数据尚未更新。请核对消费明细并更新账本。',
      ],
    },
    'unexplained-usage': {
      en: [
        `The official look-up shows ${en(unexplained)} more usage in ${year} than your own orders explain. Someone may have ordered under your identity.`,
        'Log in to the 跨境电子商务公共服务平台 on the China International Trade Single Window (单一窗口) or the 掌上海关 app and open the consumption details (消费明细): compare each 清单编号, 订单编号 and 电商平台名称 with your own orders.',
        'Add any order you forgot (for example one a family member placed with your ID), then reconcile again.',
        'For each order that is not yours, contact the platform named on it with the order number, say that the order was placed without your consent, and ask them to stop using your identity.',
        'Report it to customs on the 12360 hotline; using another person’s identity for CBEC imports is treated as a smuggling violation (商财发〔2018〕486号, 海关总署公告2018年第194号). Keep screenshots of the details.',
      ],
      'zh-CN': [
        `官方查询显示 ${year} 年的已使用额度比您自己的订单多出 ${zh(unexplained)}，可能有人冒用您的身份下单。`,
        '请登录“单一窗口”跨境电子商务公共服务平台或“掌上海关”App，查看消费明细，逐条核对清单编号、订单编号和电商平台名称。',
        '如有遗漏的订单（例如家人用您的身份证下单），请补入账本后重新核对。',
        '对不是您本人的订单，请凭订单编号联系相应电商平台，说明该订单未经您同意，并要求停止使用您的身份信息。',
        '拨打海关热线 12360 举报；冒用他人身份从事跨境电商零售进口按走私违规处理（商财发〔2018〕486号、海关总署公告2018年第194号）。请保留明细截图。',
      ],
    },
  };
  return {
    year,
    officialUsedFen,
    ledgerReleasedFen: released,
    ledgerPendingFen: pending,
    unexplainedFen: unexplained,
    status,
    advice: advice[status],
  };
}
