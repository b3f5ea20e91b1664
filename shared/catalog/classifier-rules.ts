// The title classifier's knowledge, as data. Each row names a tax class, the Chinese and English
// terms that point to it, the terms that veto the row, and a weight. classify.ts has no branch
// per class: adding a product type is adding a row (or a term), never an `if`.
//
// Matching (see classify.ts): titles are NFKC-normalised and lower-cased. A Chinese term matches
// as a substring. An English term matches as a whole word (no Latin letter on either side, so
// "watch" does not match "watchful" or "smartwatch", "gin" does not match "ginger"), with an
// optional plural "s"/"es"; a space in a term matches any run of spaces or hyphens. A row fires at
// most once. If any of its `unless` terms occurs in the title, the row does not fire at all: keep
// rows narrow so a veto removes only what it should (that is why "cream" is its own row).
//
// Weights: 3 = a product-type noun that decides the class by itself ("精华", "lipstick");
// 2 = a product-type noun with common other meanings ("formula", "ruby", "mask");
// 1 = a material, brand or modifier that only tips the balance ("gold", "amber", "兰蔻").
// Yellow wine uses 4 so that "shaoxing wine" beats the "wine" row.
//
// Tax class choices with their reasons:
// - Consumption tax item 白酒 covers spirits distilled from grain or tubers, so whisky, vodka, gin
//   and baijiu are `spirits`; brandy (grapes), rum (cane), tequila (agave) and liqueurs fall under
//   其他酒 and are `wine` (消费税税目税率表 and its notes [MEM: verify, cbec-rules OPEN-7]).
// - Cooking wine (料酒) is a seasoning, not a taxable alcohol: `food`.
// - Game consoles are 游戏品 (HS 9504; the 2022 positive-list additions 95045020 etc.): `toys`.
// - Smart watches are IT products, not 高档手表: `electronics`.
// - Golf clothing and shoes are not 高尔夫球及球具 (balls, clubs, bags): the golf row is vetoed by
//   clothing words and an apparel row gives them `general`.
// - Shampoo, body wash, toothpaste and deodorant are not 美容修饰类 or 护肤类 cosmetics within the
//   2016 consumption-tax scope (财税〔2016〕103号): `general`.
// - Batteries "included" with a toy or device do not make the item a battery.

import type { TaxClassId } from './tax-classes.ts';

export interface ClassifierRule {
  /** Stable id, shown in evidence when the row is vetoed. */
  id: string;
  taxClass: TaxClassId;
  zh: readonly string[];
  en: readonly string[];
  unless?: { zh?: readonly string[]; en?: readonly string[] };
  weight: 1 | 2 | 3 | 4;
}

const CLOTHING_ZH = ['服', '衣', '裤', '裙', '鞋', '帽', '袜', '手套'];
const CLOTHING_EN = ['shirt', 'polo', 'shoe', 'cap', 'hat', 'visor', 'glove', 'sock', 'skirt', 'pants', 'trousers', 'jacket', 'apparel'];

export const CLASSIFIER_RULES: readonly ClassifierRule[] = [
  // ── cosmetics ────────────────────────────────────────────────────────────────────────────
  {
    id: 'cosmetics-products',
    taxClass: 'cosmetics',
    weight: 3,
    zh: [
      '面霜', '精华', '乳液', '眼霜', '爽肤水', '化妆水', '柔肤水', '隔离霜', '防晒', '卸妆', '护肤', '化妆品',
      '安瓶', '晚霜', '日霜', '身体乳', '护手霜', '面部精油', '素颜霜',
    ],
    en: [
      'serum', 'moisturizer', 'moisturiser', 'moisturizing', 'moisturising', 'lotion', 'toner', 'sunscreen',
      'sunblock', 'makeup remover', 'micellar water', 'skincare', 'skin care', 'ampoule', 'face oil', 'eye cream',
      'lip balm',
    ],
    unless: { zh: ['防晒衣', '防晒帽', '防晒袖', '防晒伞'], en: [] },
  },
  // Make-up and perfume (美容、修饰类化妆品 and 香水, HS 3303, 3304.10/.20/.30/.91): the only
  // cosmetics taxed at import before 2016-10-01 (财税〔2006〕33号; skin care was not).
  {
    id: 'make-up',
    taxClass: 'make-up',
    weight: 3,
    zh: [
      '口红', '唇膏', '唇釉', '唇彩', '唇蜜', '粉底', '气垫', '香水', '睫毛膏', '眼影', '眼线', '腮红', '眉笔', '遮瑕',
      '散粉', '粉饼', '定妆', '指甲油', '彩妆', '香氛',
    ],
    en: [
      'lipstick', 'lip gloss', 'lip tint', 'foundation', 'mascara', 'eyeshadow', 'eye shadow', 'eyeliner', 'concealer',
      'perfume', 'eau de parfum', 'eau de toilette', 'parfum', 'cologne', 'nail polish', 'bb cream', 'cc cream',
      'makeup', 'cushion compact', 'setting spray', 'blush',
    ],
    unless: { zh: ['卸妆', '香氛蜡烛', '香氛机'], en: ['makeup remover', 'candle', 'diffuser'] },
  },
  {
    id: 'cosmetics-essence',
    taxClass: 'cosmetics',
    weight: 3,
    zh: ['精粹水', '肌底液'],
    en: ['essence'],
    unless: { zh: ['鸡精'], en: ['chicken'] },
  },
  {
    id: 'cosmetics-cream',
    taxClass: 'cosmetics',
    weight: 2,
    zh: [],
    en: ['cream', 'creme', 'crème', 'balm'],
    unless: {
      zh: ['冰淇淋', '奶油'],
      en: ['ice cream', 'cream cheese', 'whipping cream', 'sour cream', 'creamer', 'heavy cream', 'cream liqueur', 'cream sherry'],
    },
  },
  {
    id: 'cosmetics-mask',
    taxClass: 'cosmetics',
    weight: 3,
    zh: ['面膜', '睡眠膜', '泥膜'],
    en: ['sheet mask', 'face mask', 'facial mask', 'mask'],
    unless: {
      zh: ['口罩', '眼罩', '潜水', '滑雪'],
      en: ['surgical', 'kn95', 'n95', 'ffp2', 'disposable', 'medical', 'ski', 'diving', 'snorkel', 'sleep mask', 'halloween', 'costume', 'gas'],
    },
  },
  {
    id: 'cosmetics-brands',
    taxClass: 'cosmetics',
    weight: 1,
    zh: ['兰蔻', '雅诗兰黛', '海蓝之谜', '资生堂', '倩碧', '娇韵诗', '科颜氏', '悦木之源', '赫莲娜', '修丽可'],
    en: ['lancome', 'lancôme', 'estee lauder', 'estée lauder', 'la mer', 'shiseido', 'clinique', 'clarins', "kiehl's", 'sk-ii', 'skinceuticals', 'helena rubinstein'],
  },

  // ── alcohol ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'wine',
    taxClass: 'wine',
    weight: 3,
    zh: ['葡萄酒', '红酒', '干红', '干白', '起泡酒', '气泡酒', '香槟', '清酒', '果酒', '梅酒', '冰酒', '贵腐', '雪莉酒', '波特酒', '苹果酒', '桃红酒'],
    en: ['wine', 'champagne', 'prosecco', 'cava', 'sake', 'cider', 'sherry', 'merlot', 'cabernet', 'sauvignon', 'chardonnay', 'pinot noir', 'shiraz', 'riesling', 'malbec'],
    unless: {
      zh: ['酒杯', '醒酒器', '开瓶器', '酒柜', '酒架', '酒具', '料酒', '醋', '面膜', '精华', '面霜', '沐浴', '洗发', '巧克力', '软糖', '香氛', '蜡烛'],
      en: ['glass', 'decanter', 'opener', 'corkscrew', 'rack', 'cooler', 'fridge', 'vinegar', 'cooking wine', 'wine gum', 'chocolate', 'aerator', 'stopper', 'mask', 'serum', 'shampoo', 'soap', 'candle'],
    },
  },
  // Brandy, rum, tequila, liqueurs: every spirit under HS 2208 bears the 白酒 rate at import (20 % +
  // 1 CNY/kg; customs' 进口环节消费税 table, 2208.20–2208.90), not "other alcohol".
  {
    id: 'spirits-2208',
    taxClass: 'spirits',
    weight: 3,
    zh: ['白兰地', '干邑', '朗姆酒', '龙舌兰', '利口酒', '力娇酒'],
    en: ['brandy', 'cognac', 'rum', 'tequila', 'liqueur', 'armagnac', 'calvados'],
    unless: { zh: ['酒杯', '巧克力', '酒心'], en: ['glass', 'chocolate', 'raisin', 'cake', 'extract', 'flavour', 'flavor'] },
  },
  {
    id: 'spirits',
    taxClass: 'spirits',
    weight: 3,
    zh: ['白酒', '威士忌', '伏特加', '金酒', '琴酒', '烈酒', '茅台', '五粮液', '二锅头', '烧酒', '高粱酒'],
    en: ['whisky', 'whiskey', 'vodka', 'gin', 'baijiu', 'scotch', 'bourbon', 'single malt', 'soju', 'shochu'],
    unless: {
      zh: ['酒杯', '杯', '冰球', '巧克力', '酒心'],
      en: ['glass', 'tumbler', 'stones', 'decanter', 'chocolate', 'barrel aged coffee', 'tape', 'egg'],
    },
  },
  {
    id: 'beer',
    taxClass: 'beer',
    weight: 3,
    zh: ['啤酒', '精酿', '黑啤', '白啤', '扎啤'],
    en: ['beer', 'lager', 'ale', 'ipa', 'stout', 'pilsner', 'weissbier', 'hefeweizen'],
    unless: {
      zh: ['啤酒杯', '啤酒花', '酵母', '面膜', '洗发'],
      en: ['glass', 'mug', 'stein', 'root beer', 'ginger beer', 'ginger ale', "brewer's yeast", 'yeast', 'shampoo'],
    },
  },
  {
    id: 'yellow-wine',
    taxClass: 'yellow-wine',
    weight: 4,
    zh: ['黄酒', '绍兴酒', '花雕', '女儿红', '加饭酒'],
    en: ['shaoxing wine', 'shaoxing', 'huangjiu', 'yellow wine'],
    unless: { zh: ['料酒'], en: ['cooking'] },
  },

  // ── food and farm produce ────────────────────────────────────────────────────────────────
  {
    id: 'food',
    taxClass: 'food',
    weight: 3,
    zh: [
      '奶粉', '配方奶', '婴儿配方', '保健品', '维生素', '鱼油', '益生菌', '蛋白粉', '钙片', '叶黄素', '胶原蛋白',
      '辅食', '麦片', '巧克力', '饼干', '咖啡', '零食', '糖果', '果汁', '酸奶', '奶酪',
      '料酒', '鸡精', '软糖', '燕窝', '葡萄籽', '番茄汁',
    ],
    en: [
      'milk powder', 'infant formula', 'baby formula', 'toddler milk', 'vitamin', 'multivitamin', 'fish oil',
      'omega-3', 'probiotic', 'supplement', 'protein powder', 'whey', 'collagen', 'chocolate', 'biscuit',
      'cookie', 'coffee', 'snack', 'candy', 'juice', 'cereal', 'oatmeal', 'granola',
      'cheese', 'cooking wine', 'mirin', 'essence of chicken', 'gummy', 'gummies', 'softgel',
    ],
  },
  {
    id: 'food-ambiguous',
    taxClass: 'food',
    weight: 2,
    zh: [],
    en: ['formula', 'milk'],
    unless: { en: ['cleansing', 'body milk', 'face', 'serum', 'toner'] },
  },
  // Liquid milk (HS 0401.10/.20, fat ≤ 6 %) and natural honey (0409) are farm products at the reduced
  // VAT rate (农业产品征税范围注释: 鲜奶, 天然蜂蜜; 增值税法 第十条 from 2026). Milk powder stays food.
  {
    id: 'milk-honey',
    taxClass: 'agricultural',
    weight: 3,
    zh: ['纯牛奶', '牛奶', '鲜奶', '灭菌乳', '全脂奶', '脱脂奶', '蜂蜜', '麦卢卡'],
    en: ['uht milk', 'whole milk', 'skim milk', 'skimmed milk', 'long life milk', 'honey', 'manuka'],
    unless: {
      zh: ['奶粉', '牛奶巧克力', '牛奶糖', '奶片', '身体乳', '沐浴', '面膜', '洗面奶', '蜂蜜柚子茶'],
      en: ['milk powder', 'formula', 'chocolate', 'body milk', 'cleansing', 'mask', 'honey citron'],
    },
  },
  {
    id: 'agricultural',
    taxClass: 'agricultural',
    weight: 3,
    zh: [
      '橄榄油', '食用油', '亚麻籽油', '牛油果油', '葵花籽油', '菜籽油', '山茶油', '坚果', '杏仁', '核桃', '夏威夷果',
      '腰果', '开心果', '榛子', '碧根果', '松子', '巴旦木', '大米', '糙米', '香米', '茶叶', '红茶', '绿茶', '乌龙茶',
      '普洱', '车厘子', '藜麦',
    ],
    en: [
      'olive oil', 'extra virgin', 'avocado oil', 'flaxseed oil', 'cooking oil', 'sunflower oil', 'canola oil',
      'nuts', 'almonds', 'walnut', 'macadamia', 'cashew', 'pistachio', 'hazelnut', 'pecan', 'pine nut',
      'basmati', 'jasmine rice', 'rice', 'quinoa', 'tea leaves', 'green tea', 'black tea', 'oolong',
    ],
    unless: {
      zh: ['电饭煲', '杏仁露', '米饼', '面膜', '精华', '洁面', '洗面奶', '沐浴'],
      en: ['cooker', 'cracker', 'rice milk', 'almond milk', 'rice paper', 'cleanser', 'serum', 'shampoo', 'mask', 'body wash'],
    },
  },

  // ── books, electronics, medicine, toys ───────────────────────────────────────────────────
  {
    id: 'books',
    taxClass: 'books',
    weight: 3,
    zh: ['图书', '书籍', '绘本', '杂志', '期刊', '画册', '教材', '原版书', '漫画书', '词典', '字典', '小说'],
    en: ['book', 'hardcover', 'paperback', 'magazine', 'dictionary', 'picture book', 'textbook', 'cookbook', 'audiobook', 'novel'],
    unless: { zh: ['阅读器', '书架', '书立', '书灯'], en: ['kindle', 'e-reader', 'book light', 'bookend', 'book stand', 'reader'] },
  },
  {
    id: 'electronics',
    taxClass: 'electronics',
    weight: 3,
    zh: [
      '相机', '单反', '微单', '笔记本电脑', '平板电脑', '电脑', '智能手表', '电话手表', '儿童手表', '智能手环',
      '阅读器', '显示器', '硬盘', '耳机', '手机', '充电宝', '移动电源', '路由器', '投影仪', '无人机',
    ],
    en: [
      'camera', 'dslr', 'mirrorless', 'laptop', 'notebook computer', 'ipad', 'macbook', 'chromebook', 'kindle',
      'e-reader', 'smartwatch', 'smart watch', 'apple watch', 'galaxy watch', 'fitness tracker', 'headphones',
      'earbuds', 'airpods', 'power bank', 'hard drive', 'ssd', 'gopro', 'drone', 'projector', 'router',
      'smartphone', 'iphone',
    ],
    unless: { zh: ['相机包', '相机带', '保护套', '手机壳', '表带', '贴膜'], en: ['camera bag', 'camera strap', 'phone case', 'band', 'strap', 'screen protector'] },
  },
  {
    id: 'medicine',
    taxClass: 'medicine',
    weight: 3,
    zh: ['药品', '药物', '感冒药', '退烧药', '止痛药', '布洛芬', '对乙酰氨基酚', '扑热息痛', '眼药水', '胃药', '非处方药', '处方药', '止咳', '中成药'],
    en: ['medicine', 'ibuprofen', 'paracetamol', 'acetaminophen', 'aspirin', 'antihistamine', 'pain relief', 'painkiller', 'cold and flu', 'cough syrup', 'eye drops', 'antacid', 'otc'],
    unless: { zh: ['药妆', '药箱'], en: ['medicine cabinet', 'pill organizer'] },
  },
  {
    id: 'toys',
    taxClass: 'toys',
    weight: 3,
    zh: ['玩具', '积木', '乐高', '拼图', '毛绒', '公仔', '手办', '玩偶', '芭比', '遥控车', '游戏机', '游戏主机', '掌机', '游戏手柄', '桌游', '魔方'],
    en: ['toy', 'lego', 'jigsaw', 'puzzle', 'plush', 'stuffed animal', 'action figure', 'doll', 'barbie', 'building blocks', 'board game', 'game console', 'playstation', 'ps5', 'xbox', 'nintendo', 'rc car'],
  },

  // ── jewellery, watches, golf ─────────────────────────────────────────────────────────────
  {
    id: 'gold-silver-platinum-diamond',
    taxClass: 'gold-silver-jewellery',
    weight: 3,
    zh: ['黄金', '足金', '千足金', '万足金', '钻石', '钻戒', '纯银', '925银', '银饰', 'k金', '18k金', '铂金首饰', 'pt950'],
    en: ['sterling silver', '925 silver', '18k gold', '14k gold', '24k gold', '9k gold', 'solid gold', 'white gold', 'diamond ring', 'diamond necklace', 'diamond earring'],
    unless: { zh: ['黄金比例', '黄金版'], en: [] },
  },
  {
    id: 'precious-metal-words',
    taxClass: 'gold-silver-jewellery',
    weight: 2,
    zh: ['铂金', '白金'],
    en: ['diamond', 'platinum'],
    unless: { zh: ['白金版', '白金卡', '会员'], en: ['card', 'edition', 'member', 'painting'] },
  },
  {
    id: 'gold-word',
    taxClass: 'gold-silver-jewellery',
    weight: 1,
    zh: [],
    en: ['gold', 'rose gold'],
    unless: { en: ['gold label', 'gold edition', 'gold standard', 'gold medal'] },
  },
  {
    id: 'precious-stones',
    taxClass: 'precious-jewellery',
    weight: 3,
    zh: ['翡翠', '和田玉', '玉石', '玉镯', '玉佩', '玉坠', '珍珠', '宝石', '红宝石', '蓝宝石', '祖母绿', '碧玺', '坦桑石', '欧泊', '猫眼石'],
    en: ['jade', 'gemstone', 'tourmaline', 'opal', 'tanzanite', 'pearl necklace', 'pearl earring'],
    unless: { zh: ['珍珠奶茶', '珍珠粉', '珍珠米', '宝石蓝', '宝石红'], en: [] },
  },
  {
    id: 'precious-stone-words',
    taxClass: 'precious-jewellery',
    weight: 2,
    zh: ['琥珀', '珊瑚', '水晶'],
    en: ['pearl', 'ruby', 'sapphire', 'emerald', 'amber'],
    unless: { zh: ['珊瑚钙', '水晶杯', '水晶玻璃', '琥珀色'], en: ['barley', 'glass', 'crystal glass'] },
  },
  {
    id: 'watch',
    taxClass: 'watch',
    weight: 3,
    zh: ['手表', '腕表', '机械表', '石英表', '怀表', '潜水表', '计时码表'],
    en: ['watch', 'wristwatch', 'chronograph', 'timepiece'],
    unless: {
      zh: ['智能手表', '儿童手表', '电话手表', '手环', '表带', '表盒', '表链', '摇表器'],
      en: ['smartwatch', 'smart watch', 'apple watch', 'galaxy watch', 'fitness tracker', 'watch strap', 'watch band', 'watch box', 'watch winder'],
    },
  },
  {
    id: 'watch-brands',
    taxClass: 'watch',
    weight: 2,
    zh: ['劳力士', '欧米茄', '浪琴', '天梭', '百达翡丽', '卡地亚腕表', '积家', '万国表'],
    en: ['rolex', 'patek philippe', 'longines', 'tissot', 'audemars piguet', 'tag heuer', 'seiko', 'iwc'],
    unless: { zh: ['表带', '表盒'], en: ['strap', 'band', 'box'] },
  },
  {
    id: 'golf',
    taxClass: 'golf',
    weight: 3,
    zh: ['高尔夫', '推杆', '一号木', '铁杆组'],
    en: ['golf', 'putter'],
    unless: { zh: [...CLOTHING_ZH, '大众', '汽车'], en: [...CLOTHING_EN, 'volkswagen', 'vw', 'gti', 'cart'] },
  },

  // ── batteries and coatings (4 % consumption tax, with the exemptions of 财税〔2015〕16号 §二) ──
  {
    id: 'battery',
    taxClass: 'battery',
    weight: 3,
    zh: ['电池', '蓄电池', '铅酸', '镍镉'],
    en: ['battery', 'batteries'],
    unless: {
      zh: ['含电池', '不含电池', '电池供电', '带电池', '电池盒', '充电宝'],
      en: ['battery included', 'batteries included', 'batteries not included', 'battery powered', 'battery operated', 'battery life', 'battery-powered'],
    },
  },
  {
    id: 'battery-exempt',
    taxClass: 'battery-exempt',
    weight: 4,
    zh: ['锂电池', '锂离子', '锂原电池', '镍氢', '碱性电池', '无汞', '太阳能电池', '燃料电池', '充电电池', '纽扣电池'],
    en: ['lithium', 'li-ion', 'nimh', 'ni-mh', 'alkaline', 'mercury-free', 'solar cell', 'fuel cell', 'rechargeable battery', 'rechargeable batteries'],
    unless: {
      zh: ['含电池', '不含电池', '电池供电', '带电池', '电池盒', '充电宝', '铅酸', '镍镉'],
      en: ['battery included', 'batteries included', 'batteries not included', 'battery powered', 'battery operated', 'battery life', 'battery-powered', 'lead-acid', 'nicd', 'ni-cd'],
    },
  },
  {
    id: 'coating',
    taxClass: 'coating',
    weight: 3,
    zh: ['涂料', '油漆', '乳胶漆', '木器漆', '清漆', '墙面漆'],
    en: ['wall paint', 'varnish', 'wood stain', 'emulsion paint', 'paint'],
    unless: { zh: ['指甲'], en: ['face', 'body', 'nail', 'finger', 'numbers', 'kids', 'brush', 'painting'] },
  },

  // ── general goods, named so that the class has evidence, not just a default ──────────────
  // Face cleanser (洗面奶, 洁面) is HS 3401.30, not a cosmetic: no consumption tax
  // (海关总署公告2020年第108号, 归类决定 W2020-11/12).
  {
    id: 'toiletries',
    taxClass: 'general',
    weight: 3,
    zh: ['洗面奶', '洁面', '洗发水', '洗发露', '护发素', '沐浴露', '沐浴液', '牙膏', '牙刷', '漱口水', '纸尿裤', '尿不湿', '拉拉裤', '湿巾', '纸巾', '卫生巾', '洗衣液', '剃须', '止汗'],
    en: ['cleanser', 'face wash', 'shampoo', 'conditioner', 'body wash', 'shower gel', 'toothpaste', 'toothbrush', 'mouthwash', 'diaper', 'nappy', 'nappies', 'wipes', 'tissue', 'sanitary pad', 'laundry detergent', 'razor', 'deodorant', 'hand soap', 'soap'],
  },
  {
    id: 'household',
    taxClass: 'general',
    weight: 3,
    zh: ['保温杯', '水杯', '酒杯', '醒酒器', '开瓶器', '炒锅', '汤锅', '不粘锅', '刀具', '收纳', '枕头', '毛巾', '洗碗机', '吸尘器', '吹风机', '电动牙刷', '表带', '表盒', '摇表器', '口罩', '眼罩', '首饰盒'],
    en: ['mug', 'tumbler', 'wine glass', 'decanter', 'corkscrew', 'bottle opener', 'frying pan', 'knife', 'pillow', 'towel', 'dishwasher', 'vacuum cleaner', 'hair dryer', 'electric toothbrush', 'watch strap', 'watch band', 'smartwatch band', 'smartwatch strap', 'watch box', 'watch winder', 'surgical mask', 'jewelry box', 'jewellery box'],
  },
  {
    id: 'apparel',
    taxClass: 'general',
    weight: 2,
    zh: ['T恤', '衬衫', '外套', '卫衣', '连衣裙', '裤', '鞋', '袜', '帽', '手套', '背包', '双肩包', '手提包', '钱包', '围巾'],
    en: [...CLOTHING_EN, 't-shirt', 'sneakers', 'hoodie', 'backpack', 'handbag', 'wallet', 'scarf'],
  },
  {
    id: 'jewellery-nouns',
    taxClass: 'general',
    weight: 1,
    zh: ['项链', '戒指', '手镯', '手链', '耳环', '耳钉', '吊坠', '胸针', '首饰', '饰品'],
    en: ['necklace', 'ring', 'bracelet', 'bangle', 'earring', 'pendant', 'brooch', 'jewelry', 'jewellery'],
  },
];
