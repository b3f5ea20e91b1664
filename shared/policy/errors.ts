// Policy errors, in a module of their own so that code which only needs to recognise or raise
// them (shared/trust, emptyPolicy) does not pull in the rows and their schemas.
import type { Localized } from '../text/localized.ts';

export type PolicyErrorCode = 'no-policy' | 'invalid-policy-row' | 'policy-conflict' | 'bad-date';

export const POLICY_ERROR_MESSAGES: Record<PolicyErrorCode, Localized> = {
  'no-policy': {
    en: 'No rule is known for that date.',
    'zh-CN': '该日期没有可适用的规则。',
  },
  'invalid-policy-row': {
    en: 'A policy row is malformed and was refused.',
    'zh-CN': '政策数据行格式错误，已拒绝。',
  },
  'policy-conflict': {
    en: 'Two policy rows claim the same rule from the same day, or share an id.',
    'zh-CN': '两条政策数据行在同一天规定了同一规则，或编号重复。',
  },
  'bad-date': { en: 'The date is not a calendar date YYYY-MM-DD.', 'zh-CN': '日期不是有效的 YYYY-MM-DD 日历日期。' },
};

export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'PolicyError';
  }
}
