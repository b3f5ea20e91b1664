// Error values for ledger files, each code with a plain sentence in English and Chinese.
import type { Localized } from '../text/localized.ts';

export const LEDGER_ERRORS = {
  'ledger/not-text': {
    en: 'The file is not text.',
    'zh-CN': '文件不是文本。',
  },
  'ledger/too-large': {
    en: 'The file is too large to be a CrossCheck ledger.',
    'zh-CN': '文件过大，不是 CrossCheck 账本。',
  },
  'ledger/not-json': {
    en: 'The file is not valid JSON.',
    'zh-CN': '文件格式无效，不是账本备份文件。',
  },
  'ledger/not-a-ledger': {
    en: 'This is not a CrossCheck ledger export.',
    'zh-CN': '这不是 CrossCheck 账本导出文件。',
  },
  'ledger/version-unsupported': {
    en: 'The ledger was exported by a newer version of CrossCheck. Update the app, then import again.',
    'zh-CN': '该账本由更新版本的 CrossCheck 导出。请先更新应用再导入。',
  },
  'ledger/invalid': {
    en: 'The ledger file is damaged or was edited: a field has a value it cannot have.',
    'zh-CN': '账本文件已损坏或被修改：某个字段的值不合规。',
  },
  'ledger/duplicate-order': {
    en: 'The ledger lists the same order twice.',
    'zh-CN': '账本中同一订单出现了两次。',
  },
  'ledger/unknown-order': {
    en: 'A parcel in the ledger points to an order that is not in it.',
    'zh-CN': '账本中的某个包裹指向了不存在的订单。',
  },
  'ledger/receipt-rejected': {
    en: 'A receipt in the ledger did not verify; that order was not imported.',
    'zh-CN': '账本中的某张收据未通过验证，该订单未导入。',
  },
  'ledger/receipt-mismatch': {
    en: 'An order in the ledger does not match its own signed receipt; the receipt’s figures were used.',
    'zh-CN': '账本中的某个订单与其签名收据不一致，已采用收据上的数字。',
  },
  'ledger/unsigned-reuses-signed': {
    en: 'A hand-entered order in the file uses the number of a signed receipt; it was refused, and the signed order was left as it is.',
    'zh-CN': '文件中某个手动录入的订单使用了已签名收据的订单号，已拒绝；已签名的订单保持不变。',
  },
  'ledger/manual-replaced-by-receipt': {
    en: 'A hand-entered order was replaced by the signed receipt with the same order number.',
    'zh-CN': '某个手动录入的订单已被同一订单号的签名收据取代。',
  },
  'ledger/parcel-rejected': {
    en: 'A parcel in the file did not verify again; it was not imported.',
    'zh-CN': '文件中的某个包裹重新验证未通过，未导入。',
  },
  'ledger/parcel-unverified': {
    en: 'A parcel in the file could not be verified here; it was not imported.',
    'zh-CN': '文件中的某个包裹无法在此验证，未导入。',
  },
  'ledger/figure-from-the-future': {
    en: 'An official quota figure in the file is dated in the future; it was refused.',
    'zh-CN': '文件中的某个官方额度数字的日期在未来，已拒绝。',
  },
} as const;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

export interface LedgerError extends Localized {
  code: LedgerErrorCode;
  /** Where in the document (e.g. `orders.3.taxFen`), when known. */
  path?: string;
}

export function ledgerError(code: LedgerErrorCode, path?: string): LedgerError {
  const { en, 'zh-CN': zhCN } = LEDGER_ERRORS[code];
  return path === undefined ? { code, en, 'zh-CN': zhCN } : { code, en, 'zh-CN': zhCN, path };
}
