// The explanation of a tax comparison, in English and Simplified Chinese: the formula of every tax
// line with its numbers, and the evidence for each item's tax class and consumption-tax tier. The
// channels (cbec.ts, general-trade.ts, postal.ts) compute; this file only says what they computed.
// The English text is the one the breakdown always had (the CLI and the BigInt reference test read
// it); the Chinese text uses Chinese words and units throughout (关税, 全额消费税, 每毫升), because a
// zh-CN user reads it beside Chinese labels.
import { TAX_CLASS_LABELS } from '../catalog/tax-class-labels.ts';
import type { TaxClassId } from '../catalog/tax-classes.ts';
import { dividedBy, exact, exactDecimal, exactToDecimalString, fenToYuan, scaledToDecimalString, times, type Fen } from '../money/index.ts';
import type { Localized } from '../text/localized.ts';
import type { UnitPrice } from './consumption-tax.ts';

const percentTexts = new Map<number, string>();

/** 1300 → "13 %", 2306 → "23.06 %", 700 → "7 %" (basis points are bounded, so the texts are kept). */
export function pct(bp: number): string {
  let text = percentTexts.get(bp);
  if (text === undefined) {
    text = `${scaledToDecimalString(bp, 2).replace(/\.?0+$/, '')} %`;
    if (percentTexts.size < 20_001) percentTexts.set(bp, text);
  }
  return text;
}

/** Chinese names of the consumption-tax tiers (the English text shows the tier's machine name). */
const TIER_ZH: Record<string, string> = {
  none: '不征',
  cosmetics: '化妆品',
  ordinary: '普通',
  'high-end': '高档',
  jewellery: '贵重首饰及珠宝玉石',
  'levied-at-retail': '零售环节征收',
  'other-alcohol': '其他酒',
  spirits: '白酒',
  'class-a': '甲类',
  'class-b': '乙类',
  'yellow-wine': '黄酒',
  golf: '高尔夫球及球具',
  battery: '电池',
  coating: '涂料',
};

/** A tier's Chinese name; a tier added to the policy without one is named by its rank, never in English. */
export function tierZh(name: string): string {
  return TIER_ZH[name] ?? '另一税档';
}

const UNIT_ZH: Record<UnitPrice['unit'], string> = { ml: '毫升', g: '克', piece: '片', article: '件', tonne: '吨' };

/** The numbers of one item that the duty formulas (tariff, CT, VAT) show, spelled once for both languages. */
export interface DutyFormulaFacts {
  /** The 完税价格 in yuan. */
  dutiableText: string;
  adValoremBp: number;
  vatBp: number;
  /** The specific duty in yuan; undefined when it is exactly zero. */
  specificYuan: string | undefined;
}

/** tariff = dv × t */
export function tariffFormula(facts: DutyFormulaFacts, tariffBp: number, tariffYuan: string): Localized {
  const text = `${facts.dutiableText} × ${pct(tariffBp)} = ${tariffYuan}`;
  return { en: text, 'zh-CN': text };
}

/** CT = (dv + tariff + specific) ÷ (1 − c) × c + specific, then × the factor when below 100 %. */
export function consumptionTaxFormula(
  facts: DutyFormulaFacts,
  tariffYuan: string,
  fullCtYuan: string,
  withFactor: string,
  ctFen: Fen,
): Localized {
  const c = facts.adValoremBp;
  const s = facts.specificYuan;
  if (c === 0 && s === undefined) return NOT_A_CT_ITEM;
  const dv = facts.dutiableText;
  const rate = pct(c);
  const ct = fenToYuan(ctFen);
  const specificEn = s === undefined ? '' : ` + specific ${s}`;
  const specificZh = s === undefined ? '' : ` + 从量税 ${s}`;
  return {
    en: `((${dv} + tariff ${tariffYuan}${specificEn}) ÷ (1 − ${rate}) × ${rate}${specificEn}) = ${fullCtYuan}${withFactor} = ${ct}`,
    'zh-CN': `((${dv} + 关税 ${tariffYuan}${specificZh}) ÷ (1 − ${rate}) × ${rate}${specificZh}) = ${fullCtYuan}${withFactor} = ${ct}`,
  };
}

const NOT_A_CT_ITEM: Localized = Object.freeze({ en: 'not a consumption-tax item at import = 0.00', 'zh-CN': '进口环节不征消费税 = 0.00' });

/** VAT = (dv + tariff + full CT) × v, then × the factor: the full CT, never the reduced one. */
export function vatFormula(facts: DutyFormulaFacts, tariffYuan: string, fullCtYuan: string, withFactor: string, vatFen: Fen): Localized {
  const tail = `) × ${pct(facts.vatBp)}${withFactor} = ${fenToYuan(vatFen)}`;
  return {
    en: `(${facts.dutiableText} + tariff ${tariffYuan} + full CT ${fullCtYuan}${tail}`,
    'zh-CN': `(${facts.dutiableText} + 关税 ${tariffYuan} + 全额消费税 ${fullCtYuan}${tail}`,
  };
}

/** Postal tax = goods × the category's combined rate. */
export function postalFormula(goodsFen: Fen, rateBp: number, category: number, taxFen: Fen): Localized {
  const goods = fenToYuan(goodsFen);
  const rate = pct(rateBp);
  const tax = fenToYuan(taxFen);
  return { en: `${goods} × ${rate} (category ${category}) = ${tax}`, 'zh-CN': `${goods} × ${rate}（第${category}类）= ${tax}` };
}

/** Why the item was taxed as it was: class, tier, unit price against the threshold, assumption, tariff code. */
export function itemEvidence(
  taxClass: TaxClassId,
  ct: { item: string; id: string },
  tier: string,
  unitPrice: UnitPrice | undefined,
  assumption: Localized | undefined,
  hsCode: string | undefined,
  /** The hs-class rule that decided the class, and the class the order gave. */
  hsRule?: { id: string; given: TaxClassId },
): Localized[] {
  const evidence: Localized[] = [
    {
      en: `tax class ${taxClass}: ${ct.item}, tier ${tier} (${ct.id})`,
      'zh-CN': `税类：${TAX_CLASS_LABELS[taxClass]['zh-CN']}；消费税目：${ct.item}，税档：${tierZh(tier)}`,
    },
  ];
  if (unitPrice) {
    const up = unitPrice;
    const per = up.unit === 'article' ? 'article' : up.unit;
    const zh = UNIT_ZH[up.unit];
    evidence.push(
      up.thresholdFen === undefined
        ? { en: `${up.yuanPerUnit} CNY per ${per}`, 'zh-CN': `每${zh} ${up.yuanPerUnit} 元` }
        : {
            en: `${up.yuanPerUnit} CNY per ${per} ${up.meetsThreshold ? '≥' : '<'} ${fenToYuan(up.thresholdFen)} CNY per ${per}${usdEn(up)}`,
            'zh-CN': `每${zh} ${up.yuanPerUnit} 元 ${up.meetsThreshold ? '≥' : '<'} 每${zh} ${fenToYuan(up.thresholdFen)} 元${usdZh(up)}`,
          },
    );
  }
  if (assumption) evidence.push(assumption);
  if (hsCode && hsRule) {
    evidence.push({
      en: `HS ${hsCode} → tax class ${taxClass} (rule ${hsRule.id}): the HS code decides before the name${hsRule.given === taxClass ? '' : ` (the order said ${hsRule.given})`}`,
      'zh-CN': `税号 ${hsCode} → 税类：${TAX_CLASS_LABELS[taxClass]['zh-CN']}：按税号归类，优先于商品名称${hsRule.given === taxClass ? '' : `（订单所填税类：${TAX_CLASS_LABELS[hsRule.given]['zh-CN']}）`}`,
    });
  } else if (hsCode) {
    evidence.push({
      en: `hsCode ${hsCode} noted; rates come from the tax class (HS-level tariffs are out of scope)`,
      'zh-CN': `已记录税号 ${hsCode}；税率按税类确定（不按税号细分关税）`,
    });
  }
  return evidence;
}

/** A threshold the law sets in dollars, and the customs rate it was converted at. */
function usdEn(up: UnitPrice): string {
  if (!up.thresholdUsd) return '';
  const { cents, cnyPerUsd } = up.thresholdUsd;
  return ` (${fenToYuan(cents)} USD × ${cnyPerUsd} CNY per USD, the customs rate given, = ${usdInYuan(cents, cnyPerUsd)} CNY)`;
}

function usdZh(up: UnitPrice): string {
  if (!up.thresholdUsd) return '';
  const { cents, cnyPerUsd } = up.thresholdUsd;
  return `（${fenToYuan(cents)} 美元 × 所填海关计征汇率 ${cnyPerUsd} = ${usdInYuan(cents, cnyPerUsd)} 元）`;
}

/** Dollars in cents × CNY per USD, in yuan with four decimals, exact (the comparison is exact too). */
function usdInYuan(cents: number, cnyPerUsd: number): string {
  return exactToDecimalString(dividedBy(times(exact(cents), exactDecimal(cnyPerUsd)), exact(100)), 4);
}

/**
 * The tier was chosen without what decides it (the net content, or the customs exchange rate for a
 * threshold in dollars): the higher one, to be safe (`en`: chooseTier's own note).
 */
export function higherTierAssumption(en: string, tier: string, reason: 'net-content-unknown' | 'exchange-rate-unknown' = 'net-content-unknown'): Localized {
  return {
    en,
    'zh-CN':
      reason === 'exchange-rate-unknown'
        ? `海关计征汇率未知：按税负较高的${tierZh(tier)}税档计算；提供海关计征汇率（人民币/美元）后可确定税档`
        : `净含量未知：按税负较高的${tierZh(tier)}税档计算；提供净含量后可确定税档`,
  };
}
