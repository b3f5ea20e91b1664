// Admission of one order against the orderer's CBEC limits (cbec-rules §1.4).
import { assertFen, formatFen, type Fen } from '../money/index.ts';
import { defaultPolicy, type Policy, type PolicySource } from '../policy/index.ts';
import type { Localized } from '../text/localized.ts';

export type AdmissionStatus = 'within-limits' | 'exceeds-single' | 'exceeds-annual' | 'single-item-full-tax' | 'single-item-general-trade';

export interface AdmissionCandidate {
  /** Order date (YYYY-MM-DD): selects the limits in force. */
  date: string;
  /** 完税价格 of the whole order: goods + freight + insurance, in fen. */
  dutiableValueFen: Fen;
  /** The order holds exactly one indivisible article (one line, quantity 1; OPEN-4). */
  singleIndivisibleItem: boolean;
}

export interface Admission {
  status: AdmissionStatus;
  /** CBEC composite tax (tariff 0 %, VAT and consumption tax at 70 %) applies; otherwise full tax. */
  compositeTax: boolean;
  /** The order counts toward the calendar-year total (admitted orders do; refused ones do not). */
  countsTowardYear: boolean;
  dutiableValueFen: Fen;
  usedThisYearFen: Fen;
  perOrderLimitFen: Fen;
  annualLimitFen: Fen;
  /** Annual limit left after this order (never below 0). */
  remainingAfterFen: Fen;
  rule: { id: string; source: PolicySource };
  message: Localized;
}

const f = (amount: Fen, locale: 'en' | 'zh-CN') => formatFen(amount, locale);

/**
 * 财关税〔2018〕49号 §二 and 财关税〔2016〕18号 §三, in this order:
 *  1. used + value > annual limit            → exceeds-annual (按一般贸易管理; refused in practice)
 *  2. value ≤ per-order limit                → within-limits (composite tax)
 *  3. one indivisible article, value < annual → single-item-full-tax (CBEC channel, full tax, counts)
 *     — 49号 says "低于26000元", so a single article of exactly the annual limit is exceeds-annual
 *  4. otherwise                              → exceeds-single
 * Before 2019 the quota row says 'general-trade' for rule 3 (18号 §三): single-item-general-trade,
 * full tax, not counted toward the year, checked first since it is not a CBEC transaction.
 * Limits are inclusive: exactly 5,000.00 is within the limit, 5,000.01 is not.
 */
export function admitOrder(candidate: AdmissionCandidate, usedThisYearFen: Fen = 0, policy: Policy = defaultPolicy()): Admission {
  const value = assertFen(candidate.dutiableValueFen, 'dutiableValueFen');
  const used = assertFen(usedThisYearFen, 'usedThisYearFen');
  if (value < 0 || used < 0) throw new RangeError('admitOrder: amounts must not be negative');
  const quota = policy.at(candidate.date).quota();
  const { perOrderLimitFen: perOrder, annualLimitFen: annual } = quota;

  let status: AdmissionStatus;
  // Before 2019 (财关税〔2016〕18号 §三) such an article was general trade, outside the CBEC totals.
  if (candidate.singleIndivisibleItem && value > perOrder && quota.singleArticleOverLimit === 'general-trade') status = 'single-item-general-trade';
  else if (used + value > annual) status = 'exceeds-annual';
  else if (value <= perOrder) status = 'within-limits';
  else if (candidate.singleIndivisibleItem && value < annual) status = 'single-item-full-tax';
  else if (candidate.singleIndivisibleItem) status = 'exceeds-annual';
  else status = 'exceeds-single';

  const counts = status === 'within-limits' || status === 'single-item-full-tax';
  // Only the message that applies is formatted: admission runs once per order in the extension.
  const messages: Record<AdmissionStatus, () => Localized> = {
    'within-limits': () => ({
      en: `Within the limits (${f(perOrder, 'en')} per order, ${f(annual, 'en')} per year): CBEC composite tax applies.`,
      'zh-CN': `在限值以内（单次 ${f(perOrder, 'zh-CN')}，年度 ${f(annual, 'zh-CN')}）：按跨境电商综合税征收。`,
    }),
    'single-item-full-tax': () => ({
      en: `One indivisible article over ${f(perOrder, 'en')}: may still come in through CBEC, but with full tariff, VAT and consumption tax; it counts toward your ${f(annual, 'en')} year.`,
      'zh-CN': `单件不可分割商品超过 ${f(perOrder, 'zh-CN')}：可通过跨境电商进口，但全额征收关税、增值税和消费税，并计入年度 ${f(annual, 'zh-CN')} 限值。`,
    }),
    'single-item-general-trade': () => ({
      en: `One indivisible article over ${f(perOrder, 'en')}: taxed in full as general trade (财关税〔2016〕18号 §三); not counted toward your ${f(annual, 'en')} year.`,
      'zh-CN': `单件不可分割商品超过 ${f(perOrder, 'zh-CN')}：按一般贸易方式全额征税（财关税〔2016〕18号 第三条），不计入年度 ${f(annual, 'zh-CN')} 限值。`,
    }),
    'exceeds-single': () => ({
      en: `Over the ${f(perOrder, 'en')} per-order limit with more than one article: not admissible as CBEC retail import (taxed in full as general trade).`,
      'zh-CN': `超过单次 ${f(perOrder, 'zh-CN')} 限值且不止一件商品：不能按跨境电商零售进口通关（按一般贸易全额征税）。`,
    }),
    'exceeds-annual': () => ({
      en: `With ${f(used, 'en')} already used, this order would pass the ${f(annual, 'en')} annual limit: not admissible as CBEC retail import.`,
      'zh-CN': `本年度已使用 ${f(used, 'zh-CN')}，本单将超过年度 ${f(annual, 'zh-CN')} 限值：不能按跨境电商零售进口通关。`,
    }),
  };
  return {
    status,
    compositeTax: status === 'within-limits',
    countsTowardYear: counts,
    dutiableValueFen: value,
    usedThisYearFen: used,
    perOrderLimitFen: perOrder,
    annualLimitFen: annual,
    remainingAfterFen: Math.max(0, annual - used - (counts ? value : 0)),
    rule: { id: quota.id, source: quota.source },
    message: messages[status](),
  };
}
