// The second scan: the product's own barcode against the goods the parcel label signs. A genuine
// label proves who signed which words, not what is in the box (FORMAT.md §8): a label can be
// peeled off and stuck on a counterfeit, or the goods swapped. The product's GTIN — and its batch
// and expiry when its code carries them — must then equal a signed goods line.
//
// match          the GTIN equals a signed line, and so do batch and expiry where both carry them;
// mismatch       the GTIN is not in the parcel, or its batch/expiry differs: a likely relabelled
//                or swapped item;
// not-comparable the code has no GTIN (a shipping label, a coupon …), or it carries a batch or
//                expiry the parcel does not state — the answer says what could be compared.
import type { ParcelClaims } from '../credential/claims/index.ts';
import type { Localized } from '../text/localized.ts';
import type { ProductCode } from './product-code.ts';

export type GoodsLine = ParcelClaims['goods'][number];
export type GoodsField = 'gtin' | 'batch' | 'expiry';

export interface GoodsComparison {
  outcome: 'match' | 'mismatch' | 'not-comparable';
  /** The signed goods line the code was compared with (the one with its GTIN), if any. */
  line?: GoodsLine;
  /** Fields both sides carry and that were compared (equal for a match). */
  compared: GoodsField[];
  /** Fields that differ (mismatch). */
  differs: GoodsField[];
  /** Fields the code carries that the parcel does not state, or the parcel states that the code does not carry. */
  unchecked: GoodsField[];
  /** One or two sentences for the consumer. */
  message: Localized;
}

const FIELD_NAMES: Record<GoodsField, Localized> = {
  gtin: { en: 'product number (GTIN)', 'zh-CN': '商品条码' },
  batch: { en: 'batch', 'zh-CN': '批号' },
  expiry: { en: 'expiry date', 'zh-CN': '有效期' },
};

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
function monthZh(iso: string): string {
  const [y, m] = iso.split('-');
  return `${y}年${Number(m)}月`;
}

interface LineCheck {
  line: GoodsLine;
  compared: GoodsField[];
  differs: GoodsField[];
  /** Carried by the code, not stated by the parcel. */
  codeOnly: GoodsField[];
  /** Stated by the parcel, not carried by the code. */
  parcelOnly: GoodsField[];
}

function checkLine(line: GoodsLine, code: ProductCode): LineCheck {
  const c: LineCheck = { line, compared: ['gtin'], differs: [], codeOnly: [], parcelOnly: [] };
  if (code.batch !== undefined && line.batch !== undefined) {
    c.compared.push('batch');
    if (code.batch !== line.batch) c.differs.push('batch');
  } else if (code.batch !== undefined) c.codeOnly.push('batch');
  else if (line.batch !== undefined) c.parcelOnly.push('batch');
  if (code.expiry && line.expiry !== undefined) {
    c.compared.push('expiry');
    // DD = 00 states only the month (GS1 General Specifications §7.12).
    const same = code.expiry.dayStated ? code.expiry.date === line.expiry : code.expiry.date.slice(0, 7) === line.expiry.slice(0, 7);
    if (!same) c.differs.push('expiry');
  } else if (code.expiry) c.codeOnly.push('expiry');
  else if (line.expiry !== undefined) c.parcelOnly.push('expiry');
  return c;
}

const list = (fields: GoodsField[], lang: 'en' | 'zh-CN') => fields.map((f) => FIELD_NAMES[f][lang]).join(lang === 'en' ? ' and ' : '和');

function codeValue(code: ProductCode, f: GoodsField, lang: 'en' | 'zh-CN'): string {
  if (f === 'gtin') return code.gtin ?? '';
  if (f === 'batch') return code.batch ?? '';
  const e = code.expiry!;
  if (lang === 'en') return e.dayStated ? e.date : e.date.slice(0, 7);
  return e.dayStated ? dateZh(e.date) : monthZh(e.date);
}
function lineValue(line: GoodsLine, f: GoodsField, lang: 'en' | 'zh-CN'): string {
  if (f === 'gtin') return line.gtin;
  if (f === 'batch') return line.batch ?? '';
  return lang === 'en' ? line.expiry! : dateZh(line.expiry!);
}

function productName(line: GoodsLine | undefined): string {
  return line?.name ?? line?.gtin ?? '';
}

/** Compares the goods of a verified parcel with a scanned product code. */
export function compareGoods(goods: readonly GoodsLine[], code: ProductCode): GoodsComparison {
  if (!code.gtin) {
    return {
      outcome: 'not-comparable',
      compared: [],
      differs: [],
      unchecked: ['gtin'],
      message: {
        en: 'This code carries no product number (GTIN), so it cannot be compared with the parcel. Scan the barcode on the product itself (EAN/UPC or GS1 DataMatrix).',
        'zh-CN': '该条码不含商品条码编号，无法与包裹比对。请扫描商品本身上的条码（一维商品条码或 GS1 数据矩阵码）。',
      },
    };
  }
  const signed = goods.map((g) => g.gtin).join(', ');
  const candidates = goods.filter((g) => g.gtin === code.gtin).map((g) => checkLine(g, code));
  if (candidates.length === 0) {
    return {
      outcome: 'mismatch',
      compared: ['gtin'],
      differs: ['gtin'],
      unchecked: [],
      message: {
        en: `Mismatch: this product's GTIN ${code.gtin} is not in the signed parcel (it lists ${signed}). The item may have been swapped or the label moved to other goods.`,
        'zh-CN': `不一致：该商品的条码 ${code.gtin} 不在已签名的包裹中（包裹所列为 ${signed}）。商品可能被调换，或标签被移到了其他商品上。`,
      },
    };
  }
  const full = candidates.find((c) => c.differs.length === 0 && c.codeOnly.length === 0);
  if (full) {
    const name = productName(full.line);
    const checkedEn = list(full.compared, 'en');
    const checkedZh = list(full.compared, 'zh-CN');
    const hint =
      full.parcelOnly.length > 0
        ? {
            en: ` The code carries no ${list(full.parcelOnly, 'en')}: compare ${full.parcelOnly.map((f) => `${FIELD_NAMES[f].en} ${lineValue(full.line, f, 'en')}`).join(', ')} with what is printed on the pack.`,
            'zh-CN': `条码不含${list(full.parcelOnly, 'zh-CN')}：请将包装上印的内容与${full.parcelOnly.map((f) => `${FIELD_NAMES[f]['zh-CN']} ${lineValue(full.line, f, 'zh-CN')}`).join('、')}核对。`,
          }
        : { en: '', 'zh-CN': '' };
    return {
      outcome: 'match',
      line: full.line,
      compared: full.compared,
      differs: [],
      unchecked: full.parcelOnly,
      message: {
        en: `Match: this product's ${checkedEn} ${full.compared.length === 1 ? 'is' : 'are'} the same as in the signed parcel (${name}).${hint.en}`,
        'zh-CN': `一致：该商品的${checkedZh}与已签名的包裹相符（${name}）。${hint['zh-CN']}`,
      },
    };
  }
  const partial = candidates.find((c) => c.differs.length === 0);
  if (partial) {
    const f = partial.codeOnly;
    return {
      outcome: 'not-comparable',
      line: partial.line,
      compared: partial.compared,
      differs: [],
      unchecked: f,
      message: {
        en: `Not comparable: the ${list(partial.compared, 'en')} match the signed parcel (${productName(partial.line)}), but the parcel does not state the ${list(f, 'en')}, so the code's ${f.map((x) => `${FIELD_NAMES[x].en} ${codeValue(code, x, 'en')}`).join(' and ')} cannot be checked.`,
        'zh-CN': `无法完全比对：${list(partial.compared, 'zh-CN')}与已签名的包裹相符（${productName(partial.line)}），但包裹未注明${list(f, 'zh-CN')}，因此无法核对条码中的${f.map((x) => `${FIELD_NAMES[x]['zh-CN']} ${codeValue(code, x, 'zh-CN')}`).join('和')}。`,
      },
    };
  }
  const best = candidates.toSorted((a, b) => a.differs.length - b.differs.length)[0]!;
  const d = best.differs;
  return {
    outcome: 'mismatch',
    line: best.line,
    compared: best.compared,
    differs: d,
    unchecked: best.codeOnly,
    message: {
      en: `Mismatch: the GTIN matches, but the ${list(d, 'en')} on the product (${d.map((f) => codeValue(code, f, 'en')).join(', ')}) differ from the signed parcel (${d.map((f) => lineValue(best.line, f, 'en')).join(', ')}). The item may have been swapped or relabelled.`,
      'zh-CN': `不一致：条码相同，但商品上的${list(d, 'zh-CN')}（${d.map((f) => codeValue(code, f, 'zh-CN')).join('，')}）与已签名的包裹（${d.map((f) => lineValue(best.line, f, 'zh-CN')).join('，')}）不同。商品可能被调换或重新贴标。`,
    },
  };
}
