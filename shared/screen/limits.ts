// Where the screen gets the quota limits. The limits are law that changes by date (2,000/20,000
// CNY until 2018-12-31, 5,000/26,000 since 2019-01-01 under 财关税〔2018〕49号 §一) and live as
// dated, sourced rows in shared/policy; this is the one place the screen asks for them, so no
// rule carries a copy of the numbers. To screen against other limits (a policy update), build a
// Policy with the extra rows and pass quotaLimitsFrom(policy) to createScreener.
import { chinaDate, defaultPolicy, type Policy } from '../policy/index.ts';

export interface QuotaLimits {
  perOrderFen: number;
  annualFen: number;
}

/** The limits in force at an instant, or undefined before any quota row (before CBEC began). */
export type QuotaLimitsAt = (epochMs: number) => QuotaLimits | undefined;

export function quotaLimitsFrom(policy?: Policy): QuotaLimitsAt {
  return (epochMs) => {
    const p = policy ?? defaultPolicy();
    const date = chinaDate(epochMs);
    if (date < p.earliest || date > '9999-12-31') return undefined;
    const row = p.at(date).find('quota');
    return row && { perOrderFen: row.perOrderLimitFen, annualFen: row.annualLimitFen };
  };
}

/** The built-in policy's limits. */
export const quotaLimitsAt: QuotaLimitsAt = quotaLimitsFrom();
