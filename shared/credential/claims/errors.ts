// The claims error catalogue: each code with its English and Chinese sentence.
import type * as z from 'zod/mini';
import type { Localized } from '../../text/localized.ts';

export type ClaimsErrorCode =
  | 'claims.not-a-map'
  | 'claims.unknown-type'
  | 'claims.unsupported-version'
  | 'claims.unknown-critical-field'
  | 'claims.bad-key'
  | 'claims.wrong-kind'
  | 'claims.schema';

export const CLAIMS_ERROR_MESSAGES: Record<ClaimsErrorCode, Localized> = {
  'claims.not-a-map': {
    en: 'The credential’s content is not a claims map.',
    'zh-CN': '凭证内容不是声明映射。',
  },
  'claims.unknown-type': {
    en: 'The credential is of a type this app does not know.',
    'zh-CN': '凭证类型未知，本应用无法识别。',
  },
  'claims.unsupported-version': {
    en: 'The credential uses a format version this app does not support.',
    'zh-CN': '凭证的格式版本不受本应用支持。',
  },
  'claims.unknown-critical-field': {
    en: 'The credential contains a field this app does not understand, so it cannot be trusted.',
    'zh-CN': '凭证包含本应用无法理解的关键字段，因此不能信任。',
  },
  'claims.bad-key': {
    en: 'The credential’s content uses a malformed field key.',
    'zh-CN': '凭证内容的字段键格式错误。',
  },
  'claims.wrong-kind': {
    en: 'A field of the credential has the wrong kind of value.',
    'zh-CN': '凭证中某个字段的取值类型错误。',
  },
  'claims.schema': {
    en: 'The credential’s content does not meet the format rules.',
    'zh-CN': '凭证内容不符合格式规则。',
  },
};

export interface ClaimsError {
  code: ClaimsErrorCode;
  /** Where in the claims (readable field names), e.g. "goods.0.gtin". */
  path: string;
  /** Technical detail in English, for logs and `inspect`. */
  detail: string;
  message: Localized;
}

export function claimsError(code: ClaimsErrorCode, path: string, detail: string): ClaimsError {
  return { code, path, detail, message: CLAIMS_ERROR_MESSAGES[code] };
}

/** The first zod issue as a claims.schema error. */
export function zodError(error: z.core.$ZodError): ClaimsError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  return claimsError('claims.schema', path, issue ? `${path || '(root)'}: ${issue.message}` : 'invalid');
}
