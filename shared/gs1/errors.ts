// Why a scanned product code could not be read. Every failure of the GS1 readers is one of these
// codes with a sentence in both languages; no reader throws on any input.
import type { Localized } from '../text/localized.ts';

export const GS1_ERROR_MESSAGES = {
  'gs1.empty': { en: 'The code is empty.', 'zh-CN': '条码内容为空。' },
  'gs1.too-long': { en: 'The code is too long to be a product code.', 'zh-CN': '条码内容过长，不是商品条码。' },
  'gs1.not-product-code': {
    en: 'This is not a product barcode (EAN/UPC, GS1 DataMatrix, GS1 QR or GS1 Digital Link).',
    'zh-CN': '这不是商品条码（一维商品条码、GS1 数据矩阵码、GS1 二维码或 GS1 数字链接）。',
  },
  'gs1.check-digit': { en: 'The check digit of the number is wrong: the code was misread or is not genuine.', 'zh-CN': '编码的校验位错误：条码读取有误或并非正规条码。' },
  'gs1.unknown-ai': { en: 'The code uses an application identifier that GS1 does not define.', 'zh-CN': '条码使用了 GS1 未定义的应用标识符。' },
  'gs1.bad-value': { en: 'A field of the code has the wrong length or characters.', 'zh-CN': '条码中某个字段的长度或字符不符合规定。' },
  'gs1.bad-date': { en: 'A date in the code is not a real calendar date.', 'zh-CN': '条码中的日期不是有效日期。' },
  'gs1.duplicate-ai': { en: 'The code states the same field twice with different values.', 'zh-CN': '条码中同一字段出现两次且取值不同。' },
  'gs1.dl-syntax': { en: 'The web address is not a valid GS1 Digital Link.', 'zh-CN': '该网址不是有效的 GS1 数字链接。' },
  'gs1.dl-order': { en: 'The GS1 Digital Link lists its qualifiers in an order the standard does not allow.', 'zh-CN': 'GS1 数字链接中限定符的顺序不符合标准。' },
  'gs1.dl-attribute': { en: 'The GS1 Digital Link carries a field in its query that is not allowed there.', 'zh-CN': 'GS1 数字链接的查询部分包含不允许的字段。' },
} as const satisfies Record<string, Localized>;

export type Gs1ErrorCode = keyof typeof GS1_ERROR_MESSAGES;

export interface Gs1Error {
  code: Gs1ErrorCode;
  message: Localized;
  /** The AI concerned, when there is one. */
  ai?: string;
  /** Character offset in the input, when known. */
  at?: number;
}

export type Gs1Result<T> = { ok: true; value: T } | { ok: false; error: Gs1Error };

export function gs1Error(code: Gs1ErrorCode, extra: { ai?: string; at?: number } = {}): { ok: false; error: Gs1Error } {
  return { ok: false, error: { code, message: GS1_ERROR_MESSAGES[code], ...extra } };
}
