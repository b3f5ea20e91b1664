// The legal instruments behind the policy rows, with the copies cbec-rules.md found and graded.
// A row cites one of these plus the article it relies on. `inForceFrom` is the day the instrument
// took effect; where that day was not retrieved, the comment says so and gives the earliest day the
// instrument surely applied, so a row never cites a text before it existed.
import type { PolicySource } from './rows.ts';

/** Every built-in instrument says when it took effect (policy.test checks each row against it). */
type Instrument = Omit<PolicySource, 'article' | 'inForceFrom'> & { inForceFrom: string };

export const INSTRUMENTS = {
  cbecTax2016: {
    instrument: '财关税〔2016〕18号 关于跨境电子商务零售进口税收政策的通知',
    url: 'https://ssfb86.com/index/News/detail/newsid/19430.html',
    grade: 'REPRINT',
    inForceFrom: '2016-04-08',
  },
  cbecLimits2018: {
    instrument: '财关税〔2018〕49号 关于完善跨境电子商务零售进口税收政策的通知',
    url: 'http://puyuecs.com/guanshuifa/2018/12-03/16071.html',
    grade: 'REPRINT',
    inForceFrom: '2019-01-01',
  },
  ningboCustoms2025: {
    instrument: '宁波海关答疑，人民日报海外版 2025-11-14（限值仍为 5000 / 26000）',
    url: 'https://www.cceeccic.org/1452613053.html',
    grade: 'REPRINT',
    inForceFrom: '2025-11-14',
  },
  returns2020: {
    instrument: '海关总署公告2020年第45号 关于跨境电子商务零售进口商品退货有关监管事宜的公告',
    url: 'http://m.jntxh.com/articles/dsjkyw.html',
    grade: 'REPRINT',
    // Effective day [MEM]: "March 2020"; the row assumes 2020-03-28.
    inForceFrom: '2020-03-28',
  },
  consumptionTaxRegulation: {
    instrument: '中华人民共和国消费税暂行条例（国务院令第539号）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E8%A1%8C%E6%94%BF%E6%B3%95%E8%A7%84/%E6%B6%88%E8%B4%B9%E7%A8%8E%E6%9A%82%E8%A1%8C%E6%9D%A1%E4%BE%8B.md',
    grade: 'OFF',
    inForceFrom: '2009-01-01',
  },
  consumptionTaxRates: {
    instrument: '消费税税目税率表（secondary summary; the official annex was not retrieved）',
    url: 'http://www.lla.cc/knowledge/what-are-the-taxable-items-and-tax-rates-of-ct/',
    grade: 'SEC',
    inForceFrom: '2009-01-01',
  },
  cosmetics2016: {
    instrument: '财税〔2016〕103号 关于调整化妆品消费税政策的通知',
    url: 'http://shanghai.chinatax.gov.cn/gate/big5/shanghai.chinatax.gov.cn/zcfw/zcfgk/xfs/201610/t427459.html',
    grade: 'OFF',
    inForceFrom: '2016-10-01',
  },
  cosmeticsImport2016: {
    instrument: '财关税〔2016〕48号 关于对化妆品进口环节消费税政策调整（import companion of 财税〔2016〕103号; number [MEM]）',
    url: 'http://caidao8.com/library/fsknowledge/2/24/wanxianglll/003008342002.htm',
    grade: 'REPRINT',
    inForceFrom: '2016-10-01',
  },
  goldAtRetail: {
    instrument: '金银首饰、钻石及钻石饰品在零售环节征收消费税',
    url: 'https://wodezhubaowang.com/Jewelrybrand/dqimjcwauv.html',
    grade: 'SEC',
    // Gold and silver at retail since 1995, diamonds since 2002, platinum since 2003-05-01 [MEM].
    inForceFrom: '2003-05-01',
  },
  consumptionTax2006: {
    instrument: '财税〔2006〕33号 关于调整和完善消费税政策的通知',
    grade: 'MEM',
    inForceFrom: '2006-04-01',
  },
  batteryCoating2015: {
    instrument: '财税〔2015〕16号 关于对电池、涂料征收消费税的通知（2015-02-01 起）',
    grade: 'MEM',
    inForceFrom: '2015-02-01',
  },
  customsCtTable: {
    instrument: '海关 进口环节消费税税目税率表（税则 2208.20–2208.90 白酒：20 % + 1元/公斤，1升 = 0.912公斤；2203 啤酒：完税价格 ≥ 370美元/吨为甲类）',
    grade: 'MEM',
    // 白酒 at 20 % since 财税〔2006〕33号 (2006-04-01); the specific duties (spirits, beer) date from
    // 财税〔2001〕84号 (2001-05-01) [MEM].
    inForceFrom: '2006-04-01',
  },
  classification2020: {
    instrument: '海关总署公告2020年第108号 关于发布商品归类决定的公告（W2020-11/12：洁面产品归入 3401.30）',
    grade: 'MEM',
    // Issued in 2020; the day was not retrieved, so rows rely on it from 2021-01-01, the first day it
    // surely applied. Before that the tariff heading itself (tariffNomenclature) is cited.
    inForceFrom: '2021-01-01',
  },
  agriculturalProducts1995: {
    instrument: '财税字〔1995〕52号 农业产品征税范围注释（鲜奶、天然蜂蜜属农业产品，适用低税率）',
    grade: 'MEM',
    // Issued June 1995 [MEM]; any day before the model start is enough for the rows citing it.
    inForceFrom: '1995-06-15',
  },
  customsLevy2024: {
    instrument: '海关总署令第272号 中华人民共和国海关进出口货物征税管理办法（2024-12-01 起）',
    grade: 'MEM',
    inForceFrom: '2024-12-01',
  },
  tariffLaw2024: {
    instrument: '中华人民共和国关税法（2024-04-26，2024-12-01 起施行）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E7%BB%8F%E6%B5%8E%E6%B3%95/%E5%85%B3%E7%A8%8E%E6%B3%95(2024-04-26).md',
    grade: 'OFF',
    inForceFrom: '2024-12-01',
  },
  cbecSupervision2016: {
    instrument: '海关总署公告2016年第26号 关于跨境电子商务零售进出口商品有关监管事宜的公告（(十五) 完税价格为实际交易价格）',
    url: 'http://www.e-to-china.com/tariff_changes/Policy_Focus/2016/0510/113047.html',
    grade: 'REPRINT',
    inForceFrom: '2016-04-08',
  },
  customsValuation2013: {
    instrument: '海关总署令第213号 中华人民共和国海关审定进出口货物完税价格办法（第七条：实付、应付价格）',
    grade: 'MEM',
    inForceFrom: '2014-02-01',
  },
  vatLaw2024: {
    instrument: '中华人民共和国增值税法（2024-12-25）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E7%BB%8F%E6%B5%8E%E6%B3%95/%E5%A2%9E%E5%80%BC%E7%A8%8E%E6%B3%95(2024-12-25).md',
    grade: 'OFF',
    inForceFrom: '2026-01-01',
  },
  vatRegulation1993: {
    instrument: '中华人民共和国增值税暂行条例（国务院令第538号修订；17 % / 13 % since 1994; CBEC 11.9 % = 17 % × 70 % corroborates）',
    url: 'https://hungrymonkyoga.com/WVpsLFZPgl/en/cosmetics/regulatory-summary-of-cosmetics-cross-border-e-commerce-in-china-2016',
    grade: 'SEC',
    inForceFrom: '2009-01-01',
  },
  vatSimplification2017: {
    instrument: '财税〔2017〕37号 关于简并增值税税率有关政策的通知 (13 % → 11 %)',
    grade: 'MEM',
    inForceFrom: '2017-07-01',
  },
  vatCut2018: {
    instrument: '财税〔2018〕32号 关于调整增值税税率的通知 (17 → 16 %, 11 → 10 %)',
    grade: 'MEM',
    inForceFrom: '2018-05-01',
  },
  vatCut2019: {
    instrument: '财政部 税务总局 海关总署公告2019年第39号 (16 → 13 %, 10 → 9 %)',
    url: 'https://mymypanda.com/positive-list-the-first-step-of-selling-directly-to-china-in-2023',
    grade: 'MEM',
    inForceFrom: '2019-04-01',
  },
  postalArticles2010: {
    instrument: '海关总署公告2010年第43号 关于调整进出境个人邮递物品管理措施有关事宜',
    url: 'http://m.jshrmy.com/show-1017.htm',
    grade: 'REPRINT',
    inForceFrom: '2010-09-01',
  },
  postalRatesBefore2016: {
    instrument: '进境物品进口税税率表 (10/20/30/50 %, in force before 2016-04-08)',
    grade: 'MEM',
    // The table's own date was not retrieved [MEM]; it was the table in force on 2010-09-01.
    inForceFrom: '2010-09-01',
  },
  postalRates2016: {
    instrument: '税委会〔2016〕2号 进境物品进口税税率表 (15/30/60 %)',
    url: 'https://haerbin.baogaosu.com/xinwen/%E4%B8%87%E4%BB%A5%E5%86%85%E9%9B%B6%E5%85%B3%E7%A8%8E/45101656',
    grade: 'SEC',
    inForceFrom: '2016-04-08',
  },
  postalRates2018: {
    instrument: '税委会 2018 进境物品进口税税率调整 (15/25/50 %)',
    grade: 'MEM',
    inForceFrom: '2018-11-01',
  },
  postalRates2019: {
    instrument: '税委会〔2019〕17号 调整进境物品进口税 (13/20/50 %)',
    url: 'http://economists-pick-research.hktdc.com/business-news/article/Regulatory-Alert-China/China-Details-Reductions-to-Personal-Postal-Articles-Tax/bacn/en/1/1X000000/1X0AH0X3.htm',
    grade: 'SEC',
    inForceFrom: '2019-04-09',
  },
  postalRates2024: {
    instrument: '税委会公告2024年第11号 进境物品关税、增值税、消费税征收办法',
    url: 'https://customslawyer.cn/index.php/portal/news/detail/id/65438.html',
    grade: 'REPRINT',
    inForceFrom: '2024-12-01',
  },
  mfnTariffApproximation: {
    instrument: '中华人民共和国进出口税则 (MFN rate per HS line; a per-class approximation, not the tariff itself)',
    grade: 'MEM',
    // The 2010 edition of the tariff, the first in the model (税则 is republished every 1 January).
    inForceFrom: '2010-01-01',
  },
  tariffNomenclature: {
    instrument: '中华人民共和国进出口税则 商品名称及编码（HS 2007 起的子目：3401.30 洁肤用有机表面活性产品，8507.50 镍氢蓄电池，8507.60 锂离子蓄电池）',
    grade: 'MEM',
    // HS 2007 created 3401.30, 8507.50 and 8507.60; China's tariff took them over on 2007-01-01.
    inForceFrom: '2007-01-01',
  },
} as const satisfies Record<string, Instrument>;

export type InstrumentName = keyof typeof INSTRUMENTS;

/** A row's source: an instrument plus the article relied on. */
export function cite(name: InstrumentName, article?: string): PolicySource {
  return article === undefined ? { ...INSTRUMENTS[name] } : { ...INSTRUMENTS[name], article };
}
