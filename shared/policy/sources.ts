// The legal instruments behind the policy rows, with the copies cbec-rules.md found and graded.
// A row cites one of these plus the article it relies on.
import type { PolicySource } from './rows.ts';

type Instrument = Omit<PolicySource, 'article'>;

export const INSTRUMENTS = {
  cbecTax2016: {
    instrument: '财关税〔2016〕18号 关于跨境电子商务零售进口税收政策的通知',
    url: 'https://ssfb86.com/index/News/detail/newsid/19430.html',
    grade: 'REPRINT',
  },
  cbecLimits2018: {
    instrument: '财关税〔2018〕49号 关于完善跨境电子商务零售进口税收政策的通知',
    url: 'http://puyuecs.com/guanshuifa/2018/12-03/16071.html',
    grade: 'REPRINT',
  },
  ningboCustoms2025: {
    instrument: '宁波海关答疑，人民日报海外版 2025-11-14（限值仍为 5000 / 26000）',
    url: 'https://www.cceeccic.org/1452613053.html',
    grade: 'REPRINT',
  },
  returns2020: {
    instrument: '海关总署公告2020年第45号 关于跨境电子商务零售进口商品退货有关监管事宜的公告',
    url: 'http://m.jntxh.com/articles/dsjkyw.html',
    grade: 'REPRINT',
  },
  consumptionTaxRegulation: {
    instrument: '中华人民共和国消费税暂行条例（国务院令第539号）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E8%A1%8C%E6%94%BF%E6%B3%95%E8%A7%84/%E6%B6%88%E8%B4%B9%E7%A8%8E%E6%9A%82%E8%A1%8C%E6%9D%A1%E4%BE%8B.md',
    grade: 'OFF',
  },
  consumptionTaxRates: {
    instrument: '消费税税目税率表（secondary summary; the official annex was not retrieved）',
    url: 'http://www.lla.cc/knowledge/what-are-the-taxable-items-and-tax-rates-of-ct/',
    grade: 'SEC',
  },
  cosmetics2016: {
    instrument: '财税〔2016〕103号 关于调整化妆品消费税政策的通知',
    url: 'http://shanghai.chinatax.gov.cn/gate/big5/shanghai.chinatax.gov.cn/zcfw/zcfgk/xfs/201610/t427459.html',
    grade: 'OFF',
  },
  cosmeticsImport2016: {
    instrument: '财关税〔2016〕48号 关于对化妆品进口环节消费税政策调整（import companion of 财税〔2016〕103号; number [MEM]）',
    url: 'http://caidao8.com/library/fsknowledge/2/24/wanxianglll/003008342002.htm',
    grade: 'REPRINT',
  },
  goldAtRetail: {
    instrument: '金银首饰、钻石及钻石饰品在零售环节征收消费税',
    url: 'https://wodezhubaowang.com/Jewelrybrand/dqimjcwauv.html',
    grade: 'SEC',
  },
  consumptionTax2006: {
    instrument: '财税〔2006〕33号 关于调整和完善消费税政策的通知',
    grade: 'MEM',
  },
  batteryCoating2015: {
    instrument: '财税〔2015〕16号 关于对电池、涂料征收消费税的通知（2015-02-01 起）',
    grade: 'MEM',
  },
  customsCtTable: {
    instrument: '海关 进口环节消费税税目税率表（税则 2208.20–2208.90 白酒：20 % + 1元/公斤，1升 = 0.912公斤；2203 啤酒：完税价格 ≥ 370美元/吨为甲类）',
    grade: 'MEM',
  },
  classification2020: {
    instrument: '海关总署公告2020年第108号 关于发布商品归类决定的公告（W2020-11/12：洁面产品归入 3401.30）',
    grade: 'MEM',
  },
  agriculturalProducts1995: {
    instrument: '财税字〔1995〕52号 农业产品征税范围注释（鲜奶、天然蜂蜜属农业产品，适用低税率）',
    grade: 'MEM',
  },
  customsLevy2024: {
    instrument: '海关总署令第272号 中华人民共和国海关进出口货物征税管理办法（2024-12-01 起）',
    grade: 'MEM',
  },
  tariffLaw2024: {
    instrument: '中华人民共和国关税法（2024-04-26，2024-12-01 起施行）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E7%BB%8F%E6%B5%8E%E6%B3%95/%E5%85%B3%E7%A8%8E%E6%B3%95(2024-04-26).md',
    grade: 'OFF',
  },
  cbecSupervision2016: {
    instrument: '海关总署公告2016年第26号 关于跨境电子商务零售进出口商品有关监管事宜的公告（(十五) 完税价格为实际交易价格）',
    url: 'http://www.e-to-china.com/tariff_changes/Policy_Focus/2016/0510/113047.html',
    grade: 'REPRINT',
  },
  customsValuation2013: {
    instrument: '海关总署令第213号 中华人民共和国海关审定进出口货物完税价格办法（第七条：实付、应付价格）',
    grade: 'MEM',
  },
  vatLaw2024: {
    instrument: '中华人民共和国增值税法（2024-12-25）',
    url: 'https://github.com/LawRefBook/Laws/blob/master/%E7%BB%8F%E6%B5%8E%E6%B3%95/%E5%A2%9E%E5%80%BC%E7%A8%8E%E6%B3%95(2024-12-25).md',
    grade: 'OFF',
  },
  vatRegulation1993: {
    instrument: '中华人民共和国增值税暂行条例（国务院令第538号修订；17 % / 13 % since 1994; CBEC 11.9 % = 17 % × 70 % corroborates）',
    url: 'https://hungrymonkyoga.com/WVpsLFZPgl/en/cosmetics/regulatory-summary-of-cosmetics-cross-border-e-commerce-in-china-2016',
    grade: 'SEC',
  },
  vatSimplification2017: {
    instrument: '财税〔2017〕37号 关于简并增值税税率有关政策的通知 (13 % → 11 %)',
    grade: 'MEM',
  },
  vatCut2018: {
    instrument: '财税〔2018〕32号 关于调整增值税税率的通知 (17 → 16 %, 11 → 10 %)',
    grade: 'MEM',
  },
  vatCut2019: {
    instrument: '财政部 税务总局 海关总署公告2019年第39号 (16 → 13 %, 10 → 9 %)',
    url: 'https://mymypanda.com/positive-list-the-first-step-of-selling-directly-to-china-in-2023',
    grade: 'MEM',
  },
  postalArticles2010: {
    instrument: '海关总署公告2010年第43号 关于调整进出境个人邮递物品管理措施有关事宜',
    url: 'http://m.jshrmy.com/show-1017.htm',
    grade: 'REPRINT',
  },
  postalRatesBefore2016: {
    instrument: '进境物品进口税税率表 (10/20/30/50 %, in force before 2016-04-08)',
    grade: 'MEM',
  },
  postalRates2016: {
    instrument: '税委会〔2016〕2号 进境物品进口税税率表 (15/30/60 %)',
    url: 'https://haerbin.baogaosu.com/xinwen/%E4%B8%87%E4%BB%A5%E5%86%85%E9%9B%B6%E5%85%B3%E7%A8%8E/45101656',
    grade: 'SEC',
  },
  postalRates2018: {
    instrument: '税委会 2018 进境物品进口税税率调整 (15/25/50 %)',
    grade: 'MEM',
  },
  postalRates2019: {
    instrument: '税委会〔2019〕17号 调整进境物品进口税 (13/20/50 %)',
    url: 'http://economists-pick-research.hktdc.com/business-news/article/Regulatory-Alert-China/China-Details-Reductions-to-Personal-Postal-Articles-Tax/bacn/en/1/1X000000/1X0AH0X3.htm',
    grade: 'SEC',
  },
  postalRates2024: {
    instrument: '税委会公告2024年第11号 进境物品关税、增值税、消费税征收办法',
    url: 'https://customslawyer.cn/index.php/portal/news/detail/id/65438.html',
    grade: 'REPRINT',
  },
  mfnTariffApproximation: {
    instrument: '中华人民共和国进出口税则 (MFN rate per HS line; a per-class approximation, not the tariff itself)',
    grade: 'MEM',
  },
} as const satisfies Record<string, Instrument>;

export type InstrumentName = keyof typeof INSTRUMENTS;

/** A row's source: an instrument plus the article relied on. */
export function cite(name: InstrumentName, article?: string): PolicySource {
  return article === undefined ? { ...INSTRUMENTS[name] } : { ...INSTRUMENTS[name], article };
}
