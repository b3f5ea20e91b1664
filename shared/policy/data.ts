// The built-in policy: every rate and limit CrossCheck applies, as dated rows with sources.
// Values and grades come from shared/docs/cbec-rules.md; where that document marks a value
// [MEM] or open (OPEN-x), the row says so in `confidence` and `open`.
//
// MODEL START: the earliest instrument in cbec-rules §0 is 海关总署公告2010年第43号 (2010-09-01).
// Rules that were already in force then (VAT since 1994, most consumption-tax items since 2006)
// start at 2010-09-01 here, with the real start in `note`. `policyAt` refuses earlier dates.
import type { TaxClassId } from '../catalog/tax-classes.ts';
import type { PolicyRow } from './rows.ts';
import { cite } from './sources.ts';

const MODEL_START = '2010-09-01';
const CBEC_START = '2016-04-08';

// ---- Quotas and the CBEC preference ------------------------------------------------------------

const quotaRows = (): PolicyRow[] => [
  {
    kind: 'quota',
    id: 'quota.2016',
    validFrom: CBEC_START,
    validTo: '2018-12-31',
    perOrderLimitFen: 200_000,
    annualLimitFen: 2_000_000,
    singleArticleOverLimit: 'general-trade',
    source: cite('cbecTax2016', '§三: 完税价格超过2000元限值的单个不可分割商品，均按照一般贸易方式全额征税'),
    confidence: 'high',
    note: 'The single indivisible article over 2,000 CNY is general trade, taxed in full and not counted toward the annual total; counting it came with 财关税〔2018〕49号 §二 from 2019-01-01.',
  },
  {
    kind: 'quota',
    id: 'quota.2019',
    validFrom: '2019-01-01',
    perOrderLimitFen: 500_000,
    annualLimitFen: 2_600_000,
    singleArticleOverLimit: 'cbec-full-tax',
    source: cite('cbecLimits2018', '§一, §二'),
    confidence: 'high',
    note: 'Still current per Ningbo Customs, 2025-11 (https://www.cceeccic.org/1452613053.html).',
  },
  {
    kind: 'cbec-preference',
    id: 'cbec-preference.2016',
    validFrom: CBEC_START,
    factorBp: 7_000,
    tariffWithinLimitsBp: 0,
    source: cite('cbecTax2016', '§三: 关税税率暂设为0%；进口环节增值税、消费税取消免征税额，暂按法定应纳税额的70%征收'),
    confidence: 'high',
  },
  {
    kind: 'returns-window',
    id: 'returns-window.2016',
    validFrom: CBEC_START,
    validTo: '2020-03-27',
    applyWithinDays: 30,
    source: cite('cbecTax2016', '§四: 自海关放行之日起30日内退货的，可申请退税，并相应调整个人年度交易总额'),
    confidence: 'medium',
  },
  {
    kind: 'returns-window',
    id: 'returns-window.2020',
    validFrom: '2020-03-28',
    applyWithinDays: 30,
    goodsBackWithinDays: 45,
    source: cite('returns2020'),
    confidence: 'medium',
    note: 'Effective date [MEM]: "March 2020"; 2020-03-28 assumed. The window is the same 30 days as before, so the date matters little.',
  },
];

// ---- VAT: two bands with their history, and the band of each tax class ------------------------

const vatRateRows = (): PolicyRow[] => [
  {
    kind: 'vat-rate',
    id: 'vat.standard.17',
    validFrom: MODEL_START,
    validTo: '2018-04-30',
    band: 'standard',
    rateBp: 1_700,
    source: cite('vatRegulation1993', '第二条'),
    confidence: 'high',
    note: 'In force since 1994-01-01.',
  },
  {
    kind: 'vat-rate',
    id: 'vat.standard.16',
    validFrom: '2018-05-01',
    validTo: '2019-03-31',
    band: 'standard',
    rateBp: 1_600,
    source: cite('vatCut2018', '第一条'),
    confidence: 'medium',
  },
  {
    kind: 'vat-rate',
    id: 'vat.standard.13',
    validFrom: '2019-04-01',
    validTo: '2025-12-31',
    band: 'standard',
    rateBp: 1_300,
    source: cite('vatCut2019', '第一条'),
    confidence: 'medium',
    note: 'CBEC 9.1 % = 13 % × 70 % is quoted by many secondary sources.',
  },
  {
    kind: 'vat-rate',
    id: 'vat.standard.law',
    validFrom: '2026-01-01',
    band: 'standard',
    rateBp: 1_300,
    source: cite('vatLaw2024', '第十条'),
    confidence: 'high',
  },
  {
    kind: 'vat-rate',
    id: 'vat.reduced.13',
    validFrom: MODEL_START,
    validTo: '2017-06-30',
    band: 'reduced',
    rateBp: 1_300,
    source: cite('vatRegulation1993', '第二条'),
    confidence: 'medium',
    note: 'The low band was 13 % until 财税〔2017〕37号 made it 11 % from 2017-07-01 [MEM]; cbec-rules §2.2 lists only 11 → 10 → 9.',
  },
  {
    kind: 'vat-rate',
    id: 'vat.reduced.11',
    validFrom: '2017-07-01',
    validTo: '2018-04-30',
    band: 'reduced',
    rateBp: 1_100,
    source: cite('vatSimplification2017', '第一条'),
    confidence: 'medium',
  },
  {
    kind: 'vat-rate',
    id: 'vat.reduced.10',
    validFrom: '2018-05-01',
    validTo: '2019-03-31',
    band: 'reduced',
    rateBp: 1_000,
    source: cite('vatCut2018', '第一条'),
    confidence: 'medium',
  },
  {
    kind: 'vat-rate',
    id: 'vat.reduced.9',
    validFrom: '2019-04-01',
    validTo: '2025-12-31',
    band: 'reduced',
    rateBp: 900,
    source: cite('vatCut2019', '第一条'),
    confidence: 'medium',
    note: 'Olive oil at 9 % → 6.3 % CBEC (mymypanda, cbec-rules §2.2).',
  },
  {
    kind: 'vat-rate',
    id: 'vat.reduced.law',
    validFrom: '2026-01-01',
    band: 'reduced',
    rateBp: 900,
    source: cite('vatLaw2024', '第十条'),
    confidence: 'high',
  },
];

/** The VAT band of each class. The real rate is per HS line (OPEN-10); the class is the approximation. */
const VAT_BAND: Record<TaxClassId, 'standard' | 'reduced'> = {
  general: 'standard',
  food: 'standard',
  agricultural: 'reduced',
  books: 'reduced',
  electronics: 'standard',
  medicine: 'standard',
  toys: 'standard',
  cosmetics: 'standard',
  'make-up': 'standard',
  'precious-jewellery': 'standard',
  'gold-silver-jewellery': 'standard',
  watch: 'standard',
  wine: 'standard',
  spirits: 'standard',
  beer: 'standard',
  'yellow-wine': 'standard',
  golf: 'standard',
  battery: 'standard',
  'battery-exempt': 'standard',
  coating: 'standard',
  'coating-low-voc': 'standard',
};

/**
 * The band of each class, twice: under the regulations in force until 2025-12-31 (增值税暂行条例
 * 第二条 and the rate notices; the reduced band's goods named there) and under 增值税法 第十条 from
 * 2026-01-01, the day the law took effect. Same bands, each era citing its own instrument.
 */
const vatBandRows = (): PolicyRow[] =>
  Object.entries(VAT_BAND).flatMap(([taxClass, band]): PolicyRow[] => {
    const common = {
      kind: 'vat-band' as const,
      taxClass: taxClass as TaxClassId,
      band,
      confidence: band === 'reduced' || taxClass === 'general' ? ('medium' as const) : ('high' as const),
      open: ['OPEN-10'],
      note:
        taxClass === 'medicine'
          ? 'Some drugs carry 3 % import VAT; not modelled (the class has no HS line).'
          : 'The VAT rate is set per HS line; the class band is an approximation.',
    };
    return [
      {
        ...common,
        id: `vat-band.${taxClass}`,
        validFrom: MODEL_START,
        validTo: '2025-12-31',
        source: cite('vatRegulation1993', '第二条 (低税率: 粮食、食用植物油…图书、报纸、杂志…农产品; 财税字〔1995〕52号 农业产品征税范围注释)'),
      },
      {
        ...common,
        id: `vat-band.${taxClass}.law`,
        validFrom: '2026-01-01',
        source: cite('vatLaw2024', '第十条 (9 %: 农产品, 食用植物油, 图书报纸杂志音像制品…)'),
      },
    ];
  });

// ---- Consumption tax at import -------------------------------------------------------------------

const noConsumptionTax = (taxClass: TaxClassId, item: string): PolicyRow => ({
  kind: 'consumption-tax',
  id: `ct.${taxClass}.none`,
  validFrom: MODEL_START,
  taxClass,
  item,
  measure: 'flat',
  tiers: [{ name: 'none', adValoremBp: 0 }],
  source: cite('consumptionTaxRegulation', '第一条, 税目税率表 (not a taxable item)'),
  confidence: 'high',
});


/** Batteries and coatings (taxed or exempt) were no consumption-tax item before 财税〔2015〕16号. */
function notTaxableBefore2015(taxClass: 'battery' | 'battery-exempt' | 'coating' | 'coating-low-voc'): PolicyRow {
  return {
    kind: 'consumption-tax',
    id: `ct.${taxClass}.none`,
    validFrom: MODEL_START,
    validTo: '2015-01-31',
    taxClass,
    item: taxClass.startsWith('battery') ? '电池（2015-02-01 前不征）' : '涂料（2015-02-01 前不征）',
    measure: 'flat',
    tiers: [{ name: 'none', adValoremBp: 0 }],
    source: cite('consumptionTaxRegulation', '税目税率表: 电池、涂料 are not taxable items until 财税〔2015〕16号 adds them from 2015-02-01'),
    confidence: 'low',
    open: ['OPEN-7'],
  };
}

const consumptionTaxRows = (): PolicyRow[] => [
  noConsumptionTax('general', '非应税消费品'),
  noConsumptionTax('food', '非应税消费品（食品、饮料）'),
  noConsumptionTax('agricultural', '非应税消费品（农产品）'),
  noConsumptionTax('books', '非应税消费品（图书）'),
  noConsumptionTax('electronics', '非应税消费品（电子产品）'),
  noConsumptionTax('medicine', '非应税消费品（药品）'),
  noConsumptionTax('toys', '非应税消费品（玩具）'),
  {
    kind: 'consumption-tax',
    id: 'ct.cosmetics.2006.skin-care',
    validFrom: MODEL_START,
    validTo: '2016-09-30',
    taxClass: 'cosmetics',
    item: '护肤品及其他化妆品（非美容、修饰类，进口环节不征）',
    measure: 'flat',
    tiers: [{ name: 'none', adValoremBp: 0 }],
    source: cite('consumptionTax2006', '一(三): 化妆品税目 — 美容、修饰类化妆品（香水、唇膏、眼影…）; import table: 3303, 3304.10/.20/.30/.91'),
    confidence: 'medium',
    open: ['OPEN-7'],
    note: 'Correction: until 2016-09-30 only make-up and perfume (class make-up) bore the 30 %; skin care such as a sheet mask did not (its CBEC rate was 11.9 %). 33号 also names 高档护肤类化妆品 without a threshold; customs levied none on skin care.',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.make-up.2006',
    validFrom: MODEL_START,
    validTo: '2016-09-30',
    taxClass: 'make-up',
    item: '化妆品（美容、修饰类化妆品及香水）',
    measure: 'flat',
    tiers: [{ name: 'cosmetics', adValoremBp: 3_000 }],
    source: cite('consumptionTax2006', '一(三)'),
    confidence: 'medium',
    note: 'Make-up and perfume at 30 % until 2016-09-30 (the 2016 CBEC "47 %" cosmetics rate = (30 % + 17 %) / 70 % × 70 %). In force since 2006-04-01.',
  },
  ...(['cosmetics', 'make-up'] as const).map(
    (taxClass): PolicyRow => ({
      kind: 'consumption-tax',
      id: taxClass === 'cosmetics' ? 'ct.cosmetics.2016' : 'ct.make-up.2016',
      validFrom: '2016-10-01',
      taxClass,
      item: '高档化妆品',
      measure: 'price-per-net-content',
      tiers: [
        { name: 'ordinary', adValoremBp: 0 },
        { name: 'high-end', atLeastFenPer: { ml: 1_000, g: 1_000, piece: 1_500 }, adValoremBp: 1_500 },
      ],
      source: cite('cosmetics2016', '一、二: 10元/毫升(克)或15元/片(张)及以上; import: 财关税〔2016〕48号'),
      confidence: 'high',
      note: 'Threshold on the VAT-exclusive import 完税价格 per statutory unit; the net content must be the declared statutory quantity.',
    }),
  ),
  {
    kind: 'consumption-tax',
    id: 'ct.precious-jewellery',
    validFrom: MODEL_START,
    taxClass: 'precious-jewellery',
    item: '贵重首饰及珠宝玉石',
    measure: 'flat',
    tiers: [{ name: 'jewellery', adValoremBp: 1_000 }],
    source: cite('consumptionTaxRates', '贵重首饰及珠宝玉石'),
    confidence: 'medium',
    open: ['OPEN-7'],
  },
  {
    kind: 'consumption-tax',
    id: 'ct.gold-silver-jewellery',
    validFrom: MODEL_START,
    taxClass: 'gold-silver-jewellery',
    item: '金银首饰、铂金首饰、钻石及钻石饰品（零售环节征收）',
    measure: 'flat',
    tiers: [{ name: 'levied-at-retail', adValoremBp: 0 }],
    source: cite('goldAtRetail'),
    confidence: 'medium',
    open: ['OPEN-7'],
    note: '5 % is levied at the retail stage, so nothing at import.',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.watch',
    validFrom: MODEL_START,
    taxClass: 'watch',
    item: '高档手表',
    measure: 'unit-price',
    tiers: [
      { name: 'ordinary', adValoremBp: 0 },
      { name: 'high-end', atLeastFen: 1_000_000, adValoremBp: 2_000 },
    ],
    source: cite('consumptionTax2006', '一(五): 销售价格（不含增值税）每只在10000元（含）以上'),
    confidence: 'medium',
    open: ['OPEN-7'],
  },
  {
    kind: 'consumption-tax',
    id: 'ct.wine',
    validFrom: MODEL_START,
    taxClass: 'wine',
    item: '其他酒',
    measure: 'flat',
    tiers: [{ name: 'other-alcohol', adValoremBp: 1_000 }],
    source: cite('consumptionTaxRates', '酒—其他酒'),
    confidence: 'medium',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.spirits.2208',
    validFrom: MODEL_START,
    taxClass: 'spirits',
    item: '白酒（税则 2208 项下蒸馏酒：威士忌、白兰地、朗姆酒、金酒、伏特加、龙舌兰、利口酒…）',
    measure: 'flat',
    tiers: [
      { name: 'spirits', adValoremBp: 2_000, specific: { amountFen: 100, per: 1, unit: 'kg', kgPerLitre: 0.912 } },
    ],
    source: cite('customsCtTable', '2208.20–2208.90: 20 % + 1元/公斤, 1升 = 0.912公斤'),
    confidence: 'medium',
    open: ['OPEN-7'],
    note: 'Correction of a row that charged 0.5 CNY per 500 ml (the domestic wording, 0.5元/500克或500毫升): at import the duty is 1 CNY per kg and customs converts litres at 0.912 kg, so 0.912 CNY per litre. Composite: 组成计税价格 includes the specific duty (消费税暂行条例 第九条). Every spirit under 2208 (brandy, rum, tequila, gin, liqueurs, vodka) is in this item, not 其他酒.',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.beer.import',
    validFrom: MODEL_START,
    taxClass: 'beer',
    item: '啤酒（进口：完税价格 ≥ 370美元/吨 为甲类）',
    measure: 'price-per-tonne',
    tiers: [
      { name: 'class-b', adValoremBp: 0, specific: { amountFen: 22_000, per: 1, unit: 'tonne', litresPerTonne: 988 } },
      {
        name: 'class-a',
        atLeastUsdCents: 37_000,
        adValoremBp: 0,
        specific: { amountFen: 25_000, per: 1, unit: 'tonne', litresPerTonne: 988 },
      },
    ],
    source: cite('customsCtTable', '2203 啤酒: 进口完税价格 ≥ 370美元/吨 甲类 250元/吨; < 370美元/吨 乙类 220元/吨'),
    confidence: 'low',
    open: ['OPEN-7'],
    note:
      'Correction of a row (ct.beer) that split the classes at 3,000 CNY per tonne: that is the domestic test on the ex-factory price (财税〔2001〕84号), not the import one. ' +
      'At import the 完税价格 per tonne is compared with 370 USD, converted at the customs exchange rate the order gives (customsUsdRate; 关税法 第六十条); without it class A is assumed. ' +
      'The import rule predates the model start, so the correction applies from it. 1 t = 988 l (实施细则 第十条 [MEM]); the beer MFN tariff is 0, so the tariff changes nothing.',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.yellow-wine',
    validFrom: MODEL_START,
    taxClass: 'yellow-wine',
    item: '黄酒',
    measure: 'flat',
    tiers: [
      { name: 'yellow-wine', adValoremBp: 0, specific: { amountFen: 24_000, per: 1, unit: 'tonne', litresPerTonne: 962 } },
    ],
    source: cite('consumptionTaxRates', '酒—黄酒: 240元/吨'),
    confidence: 'medium',
    open: ['OPEN-7'],
    note: '1 t = 962 l [MEM].',
  },
  {
    kind: 'consumption-tax',
    id: 'ct.golf',
    validFrom: MODEL_START,
    taxClass: 'golf',
    item: '高尔夫球及球具',
    measure: 'flat',
    tiers: [{ name: 'golf', adValoremBp: 1_000 }],
    source: cite('consumptionTaxRates', '高尔夫球及球具'),
    confidence: 'medium',
    note: 'In force since 2006-04-01 (财税〔2006〕33号).',
  },
  ...(['battery-exempt', 'coating-low-voc'] as const).flatMap((taxClass): PolicyRow[] => [
    notTaxableBefore2015(taxClass),
    {
      kind: 'consumption-tax',
      id: `ct.${taxClass}.2015`,
      validFrom: '2015-02-01',
      taxClass,
      item:
        taxClass === 'battery-exempt'
          ? '电池（免征：无汞原电池、金属氢化物镍蓄电池、锂原电池、锂离子蓄电池、太阳能电池、燃料电池、全钒液流电池）'
          : '涂料（免征：施工状态下挥发性有机物含量低于420克/升（含））',
      measure: 'flat',
      tiers: [{ name: 'exempt', adValoremBp: 0 }],
      source: cite('batteryCoating2015', '二'),
      confidence: 'medium',
      open: ['OPEN-7'],
      note: 'Correction: a row taxed every battery and coating at 4 %; these are exempt (免征消费税).',
    },
  ]),
  ...(['battery', 'coating'] as const).flatMap((taxClass): PolicyRow[] => [
    notTaxableBefore2015(taxClass),
    {
      kind: 'consumption-tax',
      id: `ct.${taxClass}.2015`,
      validFrom: '2015-02-01',
      taxClass,
      item: taxClass === 'battery' ? '电池' : '涂料',
      measure: 'flat',
      tiers: [{ name: taxClass, adValoremBp: 400 }],
      source: cite('batteryCoating2015', '一'),
      confidence: 'low',
      open: ['OPEN-7'],
    },
  ]),
];

// ---- Tariff for full taxation (general trade, single item over the limit) ---------------------

/**
 * MFN tariff per class: an approximation. The real rate is per 8/10-digit HS line, with
 * provisional and FTA rates (OPEN-4); hsCode-level tariffs are out of scope. Values are the
 * researcher's memory of the post-2019 tariff schedule and are applied to every date.
 */
const MFN_APPROXIMATION: Record<TaxClassId, { bp: number; example: string }> = {
  general: { bp: 1_000, example: 'mixed consumer goods; 6–10 % typical' },
  food: { bp: 1_500, example: '1901.10 infant formula (provisional rates are lower)' },
  agricultural: { bp: 1_000, example: '1509 olive oil' },
  books: { bp: 0, example: '4901 printed books' },
  electronics: { bp: 0, example: 'ITA products' },
  medicine: { bp: 300, example: '3004 medicaments' },
  toys: { bp: 0, example: '9503 toys' },
  cosmetics: { bp: 100, example: '3304 beauty and skin-care preparations (cut 2018-07-01)' },
  'make-up': { bp: 100, example: '3303 perfumes, 3304 make-up preparations (cut 2018-07-01)' },
  'precious-jewellery': { bp: 1_000, example: '7113/7116 jewellery' },
  'gold-silver-jewellery': { bp: 1_000, example: '7113 jewellery of precious metal' },
  watch: { bp: 800, example: '9101/9102 wrist-watches' },
  wine: { bp: 1_400, example: '2204.21 wine in containers ≤ 2 l' },
  spirits: { bp: 500, example: '2208.30 whisky' },
  beer: { bp: 0, example: '2203 beer' },
  'yellow-wine': { bp: 4_000, example: '2206 other fermented beverages' },
  golf: { bp: 800, example: '9506.31–39 golf equipment' },
  battery: { bp: 1_000, example: '8507 accumulators' },
  'battery-exempt': { bp: 1_000, example: '8506.50 lithium cells, 8507.50/.60 Ni-MH and lithium-ion accumulators' },
  coating: { bp: 1_000, example: '3208/3209 paints and varnishes' },
  'coating-low-voc': { bp: 1_000, example: '3209 water-based paints' },
};

const tariffRows = (): PolicyRow[] => Object.entries(MFN_APPROXIMATION).map(([taxClass, { bp, example }]) => ({
  kind: 'tariff',
  id: `tariff.mfn.${taxClass}`,
  validFrom: MODEL_START,
  taxClass: taxClass as TaxClassId,
  rateBp: bp,
  source: cite('mfnTariffApproximation', example),
  confidence: 'low',
  open: ['OPEN-4'],
  note: 'Per-class approximation of the MFN rate; the tariff is set per HS line.',
}));

// ---- HS codes that decide the class ----------------------------------------------------------------

/**
 * An HS code on the page or the order decides the class before the title classifier does (the
 * declaration's code is what customs taxes). Longest prefix wins. Only lines whose class follows
 * from the tariff line are listed; a code not here falls back to the class given or classified.
 */
const hsClass = (
  hsPrefix: string,
  taxClass: TaxClassId,
  source: ReturnType<typeof cite>,
  confidence: 'high' | 'medium' | 'low',
  note?: string,
  era: { from: string; to?: string; suffix?: string } = { from: MODEL_START },
): PolicyRow => ({
  kind: 'hs-class',
  id: `hs.${hsPrefix}${era.suffix ?? ''}`,
  validFrom: era.from,
  ...(era.to ? { validTo: era.to } : {}),
  hsPrefix,
  taxClass,
  source,
  confidence,
  ...(note ? { note } : {}),
});

/** Goods in the reduced VAT band by their tariff line: cited under the regulations, then the law. */
const reducedBandByHs = (hsPrefix: string, what: string): PolicyRow[] => [
  hsClass(hsPrefix, 'agricultural', cite('agriculturalProducts1995', what), 'medium', 'Tariff VAT column: 9 % (10 % / 11 % / 13 % in earlier years, the reduced band).', {
    from: MODEL_START,
    to: '2025-12-31',
  }),
  hsClass(hsPrefix, 'agricultural', cite('vatLaw2024', `第十条 (农产品: ${what})`), 'high', 'Tariff VAT column: 9 %.', { from: '2026-01-01', suffix: '.law' }),
];

const LEAD_ACID_NOTE = 'Lead-acid: deferred until 2015-12-31 under 16号, 4 % from 2016-01-01; the deferral is not modelled.';

/**
 * A battery line: before 2015-02-01 the class follows from the tariff heading alone (no battery bore
 * consumption tax, so the class changes no figure); from then on 财税〔2015〕16号 says which are taxed.
 */
const batteryByHs = (
  hsPrefix: string,
  taxClass: 'battery' | 'battery-exempt',
  article: string,
  heading: string,
  note?: string,
  confidence: 'medium' | 'low' = 'medium',
): PolicyRow[] => [
  hsClass(hsPrefix, taxClass, cite('tariffNomenclature', heading), confidence, note, { from: MODEL_START, to: '2015-01-31', suffix: '.tariff' }),
  hsClass(hsPrefix, taxClass, cite('batteryCoating2015', article), confidence, note, { from: '2015-02-01' }),
];

const hsClassRows = (): PolicyRow[] => [
  hsClass('2208', 'spirits', cite('customsCtTable', '2208.20–2208.90 白酒'), 'medium', 'Every spirit under 2208: brandy, whisky, rum, gin, vodka, tequila, liqueurs.'),
  hsClass('2203', 'beer', cite('customsCtTable', '2203 啤酒'), 'medium'),
  hsClass('2204', 'wine', cite('consumptionTaxRates', '酒—其他酒 (2204 葡萄酒)'), 'medium'),
  hsClass('3303', 'make-up', cite('consumptionTax2006', '一(三) 香水'), 'medium'),
  hsClass('330410', 'make-up', cite('consumptionTax2006', '一(三) 唇用化妆品'), 'medium'),
  hsClass('330420', 'make-up', cite('consumptionTax2006', '一(三) 眼用化妆品'), 'medium'),
  hsClass('330430', 'make-up', cite('consumptionTax2006', '一(三) 指（趾）甲化妆品'), 'medium'),
  hsClass('330491', 'make-up', cite('consumptionTax2006', '一(三) 粉（不论是否压紧）'), 'medium'),
  hsClass('3304', 'cosmetics', cite('consumptionTax2006', '一(三): 护肤护发品 taken out of the 化妆品 item; 3304.99 skin care'), 'medium', '3304.99: skin care and other preparations.', {
    from: MODEL_START,
    to: '2016-09-30',
    suffix: '.2006',
  }),
  hsClass('3304', 'cosmetics', cite('cosmetics2016', '高档护肤类化妆品'), 'medium', '3304.99: skin care and other preparations.', { from: '2016-10-01' }),
  hsClass('340130', 'general', cite('tariffNomenclature', '3401.30 洁肤用有机表面活性产品及制品'), 'medium', 'Face cleanser: the subheading text itself, before the 2020 classification decision confirmed it.', {
    from: MODEL_START,
    to: '2020-12-31',
    suffix: '.tariff',
  }),
  hsClass('340130', 'general', cite('classification2020', 'W2020-11/12'), 'medium', 'Face cleanser: organic surface-active products for washing the skin; no consumption tax.', {
    from: '2021-01-01',
  }),
  ...reducedBandByHs('040110', '鲜奶（脂肪含量 ≤ 1 %）'),
  ...reducedBandByHs('040120', '鲜奶（1 % < 脂肪含量 ≤ 6 %）'),
  ...reducedBandByHs('0409', '天然蜂蜜'),
  ...batteryByHs('850650', 'battery-exempt', '二: 锂原电池', '8506.50 锂原电池'),
  ...batteryByHs('850750', 'battery-exempt', '二: 金属氢化物镍蓄电池', '8507.50 镍氢蓄电池'),
  ...batteryByHs('850760', 'battery-exempt', '二: 锂离子蓄电池', '8507.60 锂离子蓄电池'),
  ...batteryByHs('854140', 'battery-exempt', '二: 太阳能电池', '8541.40 光电池', 'Photovoltaic cells (HS 2007 to HS 2017); 8541.42/.43 from HS 2022.'),
  hsClass('854142', 'battery-exempt', cite('batteryCoating2015', '二: 太阳能电池'), 'medium', 'HS 2022 subheading (from 2022-01-01).', { from: '2022-01-01' }),
  hsClass('854143', 'battery-exempt', cite('batteryCoating2015', '二: 太阳能电池'), 'medium', 'HS 2022 subheading (from 2022-01-01).', { from: '2022-01-01' }),
  ...batteryByHs('850710', 'battery', '一: 铅蓄电池', '8507.10 铅酸蓄电池', LEAD_ACID_NOTE, 'low'),
  ...batteryByHs('850720', 'battery', '一: 铅蓄电池', '8507.20 其他铅酸蓄电池', LEAD_ACID_NOTE, 'low'),
  ...batteryByHs('850730', 'battery', '一: 镍镉蓄电池', '8507.30 镍镉蓄电池', undefined, 'low'),
  hsClass('9101', 'watch', cite('consumptionTax2006', '一(五) 高档手表'), 'medium'),
  hsClass('9102', 'watch', cite('consumptionTax2006', '一(五) 高档手表'), 'medium'),
];

// ---- Postal articles (行邮税) ---------------------------------------------------------------------

const postalRate = (
  id: string,
  category: number,
  rateBp: number,
  validFrom: string,
  validTo: string | undefined,
  source: ReturnType<typeof cite>,
  confidence: 'high' | 'medium' | 'low',
): PolicyRow => ({
  kind: 'postal-rate',
  id,
  validFrom,
  ...(validTo ? { validTo } : {}),
  category,
  rateBp,
  source,
  confidence,
});

const postalRateRows = (): PolicyRow[] => [
  postalRate('postal-rate.1.10', 1, 1_000, MODEL_START, '2016-04-07', cite('postalRatesBefore2016', '税号1'), 'low'),
  postalRate('postal-rate.2.20', 2, 2_000, MODEL_START, '2016-04-07', cite('postalRatesBefore2016', '税号2'), 'low'),
  postalRate('postal-rate.3.30', 3, 3_000, MODEL_START, '2016-04-07', cite('postalRatesBefore2016', '税号3'), 'low'),
  postalRate('postal-rate.4.50', 4, 5_000, MODEL_START, '2016-04-07', cite('postalRatesBefore2016', '税号4'), 'low'),
  postalRate('postal-rate.1.15', 1, 1_500, CBEC_START, '2019-04-08', cite('postalRates2016', '税目1'), 'medium'),
  postalRate('postal-rate.2.30', 2, 3_000, CBEC_START, '2018-10-31', cite('postalRates2016', '税目2'), 'medium'),
  postalRate('postal-rate.3.60', 3, 6_000, CBEC_START, '2018-10-31', cite('postalRates2016', '税目3'), 'medium'),
  postalRate('postal-rate.2.25', 2, 2_500, '2018-11-01', '2019-04-08', cite('postalRates2018', '税目2'), 'low'),
  postalRate('postal-rate.3.50.2018', 3, 5_000, '2018-11-01', undefined, cite('postalRates2018', '税目3'), 'low'),
  postalRate('postal-rate.1.13', 1, 1_300, '2019-04-09', undefined, cite('postalRates2019', '税目1'), 'medium'),
  postalRate('postal-rate.2.20.2019', 2, 2_000, '2019-04-09', undefined, cite('postalRates2019', '税目2'), 'medium'),
  postalRate('postal-rate.1.13.2024', 1, 1_300, '2024-12-01', undefined, cite('postalRates2024', '税率表 第1类'), 'medium'),
  postalRate('postal-rate.2.20.2024', 2, 2_000, '2024-12-01', undefined, cite('postalRates2024', '税率表 第2类'), 'medium'),
  postalRate('postal-rate.3.50.2024', 3, 5_000, '2024-12-01', undefined, cite('postalRates2024', '税率表 第3类'), 'medium'),
];

type PostalEra = { from: string; to?: string; source: ReturnType<typeof cite>; confidence: 'medium' | 'low' };

const postalCategory = (
  era: PostalEra,
  taxClass: TaxClassId,
  category: number,
  consumptionTaxedCategory?: number,
  note?: string,
): PolicyRow => ({
  kind: 'postal-category',
  id: `postal-category.${taxClass}.${era.from}`,
  validFrom: era.from,
  ...(era.to ? { validTo: era.to } : {}),
  taxClass,
  category,
  ...(consumptionTaxedCategory ? { consumptionTaxedCategory } : {}),
  source: era.source,
  confidence: era.confidence,
  ...(note ? { note } : {}),
});

const before2016 = (): PostalEra => ({ from: MODEL_START, to: '2016-04-07', source: cite('postalRatesBefore2016'), confidence: 'low' });
const since2016 = (): PostalEra => ({
  from: CBEC_START,
  source: cite('postalRates2016', '税目1: 食品饮料、金银、信息技术产品、玩具…；税目3: 烟酒、贵重首饰及珠宝玉石、高尔夫球及球具、高档手表、化妆品'),
  confidence: 'medium',
});
const since2024 = (): PostalEra => ({ from: '2024-12-01', source: cite('postalRates2024', '税率表 注2: 第3类范围同消费税征收范围'), confidence: 'medium' });

const postalCategoryRows = (): PolicyRow[] => [
  // Before 2016-04-08 [MEM]: 税号1 10 % also held everything not listed in 2–4.
  ...(['general', 'food', 'agricultural', 'books', 'electronics', 'medicine', 'toys', 'precious-jewellery', 'gold-silver-jewellery', 'battery', 'battery-exempt', 'coating', 'coating-low-voc'] as const).map(
    (c) => postalCategory(before2016(), c, 1),
  ),
  postalCategory(before2016(), 'watch', 2, 3, '手表 20 %, 高档手表 30 %'),
  postalCategory(before2016(), 'golf', 3),
  ...(['cosmetics', 'make-up', 'wine', 'spirits', 'beer', 'yellow-wine'] as const).map((c) => postalCategory(before2016(), c, 4)),
  // From 2016-04-08: category 2 holds the residue; category 3 the consumption-tax goods.
  ...(['food', 'agricultural', 'books', 'electronics', 'toys', 'gold-silver-jewellery'] as const).map((c) =>
    postalCategory(since2016(), c, 1),
  ),
  ...(['general', 'coating', 'coating-low-voc', 'battery', 'battery-exempt'] as const).map((c) => postalCategory(since2016(), c, 2)),
  postalCategory(since2016(), 'medicine', 2, undefined, 'Medicines not listed in 税目1 of the 2016 table [MEM]; in category 1 from 2019-04-09.'),
  postalCategory({ ...since2016(), to: '2016-09-30' }, 'cosmetics', 3, undefined, 'The 2016 table put every 化妆品 in 税目3 (60 %), skin care included, until 2016-09-30.'),
  postalCategory(
    { from: '2016-10-01', source: cite('postalRates2016', '税目3: 化妆品 → 高档化妆品 from 2016-10-01'), confidence: 'medium' },
    'cosmetics',
    2,
    3,
    'From 2016-10-01 only high-end cosmetics are in category 3 (财税〔2016〕103号).',
  ),
  postalCategory(since2016(), 'make-up', 2, 3, 'Make-up and perfume are consumption-taxed until 2016-09-30, then only high-end ones (财税〔2016〕103号).'),
  postalCategory(since2016(), 'watch', 2, 3),
  ...(['precious-jewellery', 'golf', 'wine', 'spirits', 'beer', 'yellow-wine'] as const).map((c) => postalCategory(since2016(), c, 3)),
  postalCategory(
    { from: '2019-04-09', source: cite('postalRates2019', '税目1 药品'), confidence: 'low' },
    'medicine',
    1,
    undefined,
    'Drugs with 3 % import VAT are taxed at goods rates (2024 table, note 1); not modelled.',
  ),
  postalCategory(since2024(), 'battery', 3, undefined, 'Batteries join category 3 in the 2024 table.'),
  postalCategory(since2024(), 'battery-exempt', 3, undefined, 'Batteries join category 3 in the 2024 table (category 3 = the consumption-tax scope; exempt batteries are in the scope).'),
];

const postalLimitRows = (): PolicyRow[] => [
  {
    kind: 'postal-exemption',
    id: 'postal-exemption.2010',
    validFrom: MODEL_START,
    exemptUpToFen: 5_000,
    source: cite('postalArticles2010', '一: 应征进口税税额在人民币50元（含50元）以下的，海关予以免征'),
    confidence: 'high',
    open: ['OPEN-6'],
    note: 'Not confirmed from primary text after 2024-12-01 (税委会公告2024年第11号).',
  },
  {
    kind: 'postal-parcel-limit',
    id: 'postal-parcel-limit.hk-mo-tw.2010',
    validFrom: MODEL_START,
    origin: 'hk-mo-tw',
    limitFen: 80_000,
    source: cite('postalArticles2010', '二: 寄自或寄往港、澳、台地区的物品，每次限值为800元'),
    confidence: 'high',
    open: ['OPEN-6'],
  },
  {
    kind: 'postal-parcel-limit',
    id: 'postal-parcel-limit.other.2010',
    validFrom: MODEL_START,
    origin: 'other',
    limitFen: 100_000,
    source: cite('postalArticles2010', '二: 寄自或寄往其它国家和地区的物品，每次限值为1000元'),
    confidence: 'high',
    open: ['OPEN-6'],
    note: 'A 2024 forwarder notice mentions 2,000 CNY after 2024-12-01; unconfirmed (OPEN-6).',
  },
];

/**
 * Every built-in row, built on each call (createPolicy validates them once and keeps the result).
 * The rows are built by functions rather than at module level so that this module has no side
 * effects: a bundler then leaves it out of a build that never creates a policy (the merchant
 * badge opens the trust bundle without its rules).
 */
export function builtInRows(): PolicyRow[] {
  return [
    ...quotaRows(),
    ...vatRateRows(),
    ...vatBandRows(),
    ...consumptionTaxRows(),
    ...tariffRows(),
    ...hsClassRows(),
    ...postalRateRows(),
    ...postalCategoryRows(),
    ...postalLimitRows(),
  ];
}
