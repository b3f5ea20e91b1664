// Where the screen gets the quota limits. The limits are law that changes by date (2,000/20,000
// CNY until 2018-12-31, 5,000/26,000 since 2019-01-01 under 财关税〔2018〕49号 §一), and they live
// as dated rows in shared/policy. This is the one place the screen asks for them, so the rules
// never carry a copy of the numbers.
export interface QuotaLimits {
  perOrderFen: number;
  annualFen: number;
}

export type QuotaLimitsAt = (epochMs: number) => QuotaLimits | undefined;

// TEMPORARY until shared/policy lands: the two periods from cbec-rules §1.1. Replace the body of
// quotaLimitsAt with policyAt(date) and delete this table.
const INTERIM: readonly { fromMs: number; limits: QuotaLimits }[] = [
  { fromMs: Date.parse('2019-01-01T00:00:00+08:00'), limits: { perOrderFen: 500_000, annualFen: 2_600_000 } },
  { fromMs: Date.parse('2016-04-08T00:00:00+08:00'), limits: { perOrderFen: 200_000, annualFen: 2_000_000 } },
];

/** The per-order and annual limits in force at an instant; undefined before the CBEC regime began. */
export const quotaLimitsAt: QuotaLimitsAt = (epochMs) => INTERIM.find((row) => epochMs >= row.fromMs)?.limits;
