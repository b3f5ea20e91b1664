// Display names for every tax class, for the extension, the PWA and CLI output. The rates are not
// here (they are dated rows in shared/policy); the hints say what the class covers, in words a
// shopper understands. `satisfies` makes a new TaxClassId without a label a compile error.

import type { TaxClassId } from './tax-classes.ts';
import type { Locale, Localized } from '../text/localized.ts';

export interface TaxClassLabel extends Localized {
  /** One sentence on what falls in the class. */
  hint: Localized;
}

export const TAX_CLASS_LABELS = {
  general: {
    'zh-CN': '一般商品',
    en: 'General goods',
    hint: { 'zh-CN': '适用13%增值税、无消费税的商品，如洗护用品、服装、家居用品。', en: 'Goods at 13 % VAT with no consumption tax: toiletries, clothing, household goods.' },
  },
  food: {
    'zh-CN': '食品及保健品',
    en: 'Food and health food',
    hint: { 'zh-CN': '奶粉、保健品、零食饮料等加工食品。', en: 'Milk powder, health supplements, snacks and soft drinks.' },
  },
  agricultural: {
    'zh-CN': '农产品及食用植物油',
    en: 'Farm produce and edible oil',
    hint: { 'zh-CN': '适用9%增值税的农产品、坚果、粮食和食用植物油（如橄榄油）。', en: 'Farm produce, nuts, grain and edible vegetable oil (such as olive oil) at 9 % VAT.' },
  },
  books: {
    'zh-CN': '图书报刊',
    en: 'Books and periodicals',
    hint: { 'zh-CN': '适用9%增值税的图书、报纸、杂志和音像制品。', en: 'Books, newspapers, magazines and recordings at 9 % VAT.' },
  },
  electronics: {
    'zh-CN': '电子及信息技术产品',
    en: 'Electronics and IT products',
    hint: { 'zh-CN': '电脑、相机、平板等信息技术产品。', en: 'Computers, cameras, tablets and other IT products.' },
  },
  medicine: {
    'zh-CN': '药品',
    en: 'Medicines',
    hint: { 'zh-CN': '药品；多数药品不在跨境电商零售进口清单内。', en: 'Medicines; most are not on the CBEC positive list.' },
  },
  toys: {
    'zh-CN': '玩具及游戏品',
    en: 'Toys and games',
    hint: { 'zh-CN': '玩具、积木、游戏机等。', en: 'Toys, building sets and game consoles.' },
  },
  cosmetics: {
    'zh-CN': '护肤品及其他化妆品',
    en: 'Skincare and other cosmetics',
    hint: { 'zh-CN': '护肤品等；单价达到每毫升（克）10元或每片15元时为高档化妆品，征15%消费税（2016年10月1日起）。', en: 'Skincare and the like; at 10 CNY per ml (g) or 15 CNY per piece they are high-end and bear 15 % consumption tax (since 2016-10-01).' },
  },
  'make-up': {
    'zh-CN': '彩妆及香水',
    en: 'Make-up and perfume',
    hint: { 'zh-CN': '口红、粉底、眼妆、香水等；2016年10月1日前征30%消费税，此后同高档化妆品标准。', en: 'Lipstick, foundation, eye make-up, perfume: 30 % consumption tax until 2016-09-30, then the high-end cosmetics threshold.' },
  },
  'precious-jewellery': {
    'zh-CN': '贵重首饰及珠宝玉石',
    en: 'Precious jewellery and gems',
    hint: { 'zh-CN': '翡翠、珍珠、宝石等，进口环节征10%消费税。', en: 'Jade, pearls and gemstones: 10 % consumption tax at import.' },
  },
  'gold-silver-jewellery': {
    'zh-CN': '金银铂钻首饰',
    en: 'Gold, silver, platinum and diamond jewellery',
    hint: { 'zh-CN': '消费税在零售环节征收，进口环节不征。', en: 'Consumption tax is levied at retail, not at import.' },
  },
  watch: {
    'zh-CN': '手表',
    en: 'Watches',
    hint: { 'zh-CN': '单价达到1万元的高档手表征20%消费税。', en: 'Watches priced at 10,000 CNY or more bear 20 % consumption tax.' },
  },
  wine: {
    'zh-CN': '葡萄酒及其他酒',
    en: 'Wine and other alcohol',
    hint: { 'zh-CN': '葡萄酒、起泡酒、清酒、果酒等，征10%消费税。', en: 'Wine, sparkling wine, sake and fruit wine: 10 % consumption tax.' },
  },
  spirits: {
    'zh-CN': '白酒及烈酒',
    en: 'Spirits',
    hint: { 'zh-CN': '威士忌、伏特加、白兰地、白酒等，从价20%加从量消费税。', en: 'Whisky, vodka, brandy, baijiu: 20 % plus a specific consumption tax.' },
  },
  beer: {
    'zh-CN': '啤酒',
    en: 'Beer',
    hint: { 'zh-CN': '按吨从量征收消费税。', en: 'Consumption tax per tonne.' },
  },
  'yellow-wine': {
    'zh-CN': '黄酒',
    en: 'Yellow wine (huangjiu)',
    hint: { 'zh-CN': '绍兴酒等黄酒，按吨从量征收消费税。', en: 'Shaoxing and other huangjiu: consumption tax per tonne.' },
  },
  golf: {
    'zh-CN': '高尔夫球及球具',
    en: 'Golf balls and equipment',
    hint: { 'zh-CN': '球、球杆、球包征10%消费税；高尔夫服装鞋帽不属此类。', en: 'Balls, clubs and bags: 10 % consumption tax; golf clothing and shoes are not in this class.' },
  },
  battery: {
    'zh-CN': '电池',
    en: 'Batteries',
    hint: { 'zh-CN': '铅蓄电池、镍镉电池等征4%消费税。', en: 'Lead-acid, nickel-cadmium and other batteries: 4 % consumption tax.' },
  },
  'battery-exempt': {
    'zh-CN': '免征消费税的电池',
    en: 'Batteries exempt from consumption tax',
    hint: { 'zh-CN': '无汞原电池、镍氢电池、锂原电池、锂离子电池、太阳能电池、燃料电池免征消费税。', en: 'Mercury-free primary, Ni-MH, lithium primary, lithium-ion, solar and fuel cells: exempt.' },
  },
  coating: {
    'zh-CN': '涂料',
    en: 'Paints and coatings',
    hint: { 'zh-CN': '涂料征4%消费税（施工状态下挥发性有机物含量低于420克/升的免征）。', en: 'Paints and coatings: 4 % consumption tax (under 420 g/l VOC as applied: exempt).' },
  },
  'coating-low-voc': {
    'zh-CN': '低挥发性有机物涂料',
    en: 'Low-VOC coatings',
    hint: { 'zh-CN': '施工状态下挥发性有机物含量低于420克/升（含）的涂料，免征消费税。', en: 'Coatings with at most 420 g/l VOC as applied: exempt from consumption tax.' },
  },
} as const satisfies Record<TaxClassId, TaxClassLabel>;

export function taxClassLabel(id: TaxClassId, locale: Locale): string {
  return TAX_CLASS_LABELS[id][locale];
}
