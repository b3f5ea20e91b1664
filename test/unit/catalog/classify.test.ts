import { describe, expect, it } from 'vitest';
import {
  CLASSIFIER_RULES,
  classifyTitle,
  MAX_TITLE_CODE_POINTS,
  normaliseTitle,
  TAX_CLASS_IDS,
  type TaxClassId,
} from '../../../shared/catalog/index.ts';

// Real-looking shop titles (Tmall Global / JD International / Kaola style, and English listings),
// each with the class a shopper's estimate should use. Titles are written for this test; brand
// names are there because real titles carry them.
const titles: Array<[string, TaxClassId]> = [
  // cosmetics
  ['雅诗兰黛小棕瓶精华液50ml 第七代 修护抗初老', 'cosmetics'],
  ['芙丽芳丝 氨基酸洗面奶 100g', 'general'], // face cleanser: HS 3401.30, no consumption tax (海关总署公告2020年第108号)
  ['CeraVe Hydrating Facial Cleanser 236ml', 'general'],
  ['兰蔻菁纯面霜60ml 滋润型', 'cosmetics'],
  ['YSL圣罗兰小金条口红 1966 哑光', 'make-up'],
  ['SK-II 神仙水 230ml 护肤精华露', 'cosmetics'],
  ['资生堂红腰子精华 红妍肌活精华露 75ml', 'cosmetics'],
  ['科颜氏高保湿面霜 125ml', 'cosmetics'],
  ['森田玻尿酸复合原液面膜 10片装', 'cosmetics'],
  ['红酒多酚面膜 5片装 提亮', 'cosmetics'],
  ['安耐晒金瓶防晒乳 SPF50+ PA++++ 60ml', 'cosmetics'],
  ['Estée Lauder Advanced Night Repair Serum 50ml', 'cosmetics'],
  ['MAC Retro Matte Lipstick Ruby Woo 3g', 'make-up'],
  ['La Mer Crème de la Mer Moisturizing Cream 60ml', 'cosmetics'],
  ['Clinique Dramatically Different Moisturizing Lotion+ 125ml', 'cosmetics'],
  ['Chanel N°5 Eau de Parfum 100ml', 'make-up'],
  ['Mediheal N.M.F Aquaring Ampoule Sheet Mask 10 pcs', 'cosmetics'],
  ['Maybelline Lash Sensational Mascara', 'make-up'],
  ['Vitamin C Serum 30ml with Hyaluronic Acid', 'cosmetics'],
  ['Ｌａｎｃｏｍｅ Ｇｅｎｉｆｉｑｕｅ Ｓｅｒｕｍ ５０ｍｌ', 'cosmetics'],
  // alcohol
  ['奔富Penfolds BIN389 赤霞珠干红葡萄酒 750ml', 'wine'],
  ['法国拉菲传奇波尔多红酒 750ml*6瓶 整箱', 'wine'],
  ['Moët & Chandon Impérial Brut Champagne 750ml', 'wine'],
  ['Cloudy Bay Sauvignon Blanc 2023 750ml', 'wine'],
  ['獭祭 纯米大吟酿 清酒 720ml', 'wine'],
  ['轩尼诗VSOP干邑白兰地 700ml', 'spirits'], // HS 2208.20: 白酒 item at import,
  ['Bacardi Carta Blanca Rum 1L', 'spirits'],
  ['Absolut Vodka 绝对伏特加 700ml', 'spirits'],
  ['Patrón Silver Tequila 750ml', 'spirits'],
  ['Baileys 百利甜 利口酒 700ml', 'spirits'],
  ['尊尼获加黑牌威士忌 Johnnie Walker Black Label 700ml', 'spirits'],
  ['Johnnie Walker Gold Label Reserve Blended Scotch Whisky 750ml', 'spirits'],
  ['Absolut Vodka 1L', 'spirits'],
  ["Hendrick's Gin 700ml", 'spirits'],
  ['贵州茅台 飞天 53度 500ml 白酒', 'spirits'],
  ['Guinness Draught Stout 440ml x 24 cans', 'beer'],
  ['教士啤酒 Paulaner 小麦白啤 500ml*24听', 'beer'],
  ['Lagunitas IPA 355ml 6 pack', 'beer'],
  ['古越龙山 绍兴黄酒 花雕 五年陈 500ml', 'yellow-wine'],
  ['Pagoda Shaoxing Wine 640ml', 'yellow-wine'],
  // food and farm produce
  ['爱他美 Aptamil 婴儿配方奶粉 1段 800g', 'food'],
  ['a2 Platinum 白金版 婴儿配方奶粉 900g*3罐', 'food'],
  ['Swisse 钙+维生素D 150片', 'food'],
  ['Blackmores 深海鱼油 1000mg 400粒', 'food'],
  ['Comvita 康维他 UMF10+ 麦卢卡蜂蜜 500g', 'agricultural'], // natural honey: 0409, reduced VAT band
  ['德亚 Weidendorf 全脂纯牛奶 200ml*12盒', 'agricultural'], // liquid milk 0401.20
  ['a2 Platinum 婴儿配方奶粉 900g', 'food'],
  ["Nature's Bounty Fish Oil 1200mg 200 Softgels", 'food'],
  ['Aptamil Infant Formula Stage 1 800g', 'food'],
  ['Lindt Excellence 70% Dark Chocolate 100g x 4', 'food'],
  ['太太乐 料酒 500ml', 'food'],
  ['西班牙进口 特级初榨橄榄油 1L', 'agricultural'],
  ['Filippo Berio Extra Virgin Olive Oil 500ml', 'agricultural'],
  ['每日坚果 混合坚果仁 750g 30袋装', 'agricultural'],
  ['泰国茉莉香米 大米 5kg', 'agricultural'],
  ['Blue Diamond Almonds Roasted Salted 454g', 'agricultural'],
  ['Kirkland Macadamia Nuts 1.13kg', 'agricultural'],
  // books, electronics, medicine, toys
  ['Harry Potter Paperback Box Set', 'books'],
  ['英文原版绘本 The Very Hungry Caterpillar 纸板书', 'books'],
  ['National Geographic Magazine 12 issues', 'books'],
  ['Sony Alpha 7 IV 全画幅微单相机 单机身', 'electronics'],
  ['Apple MacBook Air 13 M3 Laptop 256GB', 'electronics'],
  ['Kindle Paperwhite 16GB e-reader', 'electronics'],
  ['Apple Watch Series 9 GPS 45mm', 'electronics'],
  ['华为智能手表 GT4 心率监测', 'electronics'],
  ['Anker 20000mAh Power Bank', 'electronics'],
  ['Advil Ibuprofen 200mg 100 Tablets', 'medicine'],
  ['Tylenol Extra Strength Pain Relief 500mg', 'medicine'],
  ['乐高 LEGO 机械组 42115 兰博基尼 积木玩具', 'toys'],
  ['Nintendo Switch OLED 游戏机 日版', 'toys'],
  ['Jellycat Bashful Bunny Plush Toy 31cm', 'toys'],
  ['Ravensburger 1000 Piece Jigsaw Puzzle', 'toys'],
  // jewellery, watches, golf
  ['周大福 足金黄金项链 5g', 'gold-silver-jewellery'],
  ['Pandora Sterling Silver Charm Bracelet', 'gold-silver-jewellery'],
  ['Tiffany 18K Gold Diamond Ring', 'gold-silver-jewellery'],
  ['缅甸天然翡翠手镯 A货 冰种', 'precious-jewellery'],
  ['Mikimoto Akoya Pearl Necklace 7mm', 'precious-jewellery'],
  ['和田玉籽料 玉佩 吊坠', 'precious-jewellery'],
  ['劳力士 Rolex 潜航者型 机械手表 41mm', 'watch'],
  ['Omega Seamaster Diver 300M Automatic Watch', 'watch'],
  ['Tissot PRX Powermatic 80 Chronograph', 'watch'],
  ['Titleist Pro V1 Golf Balls 12 pack', 'golf'],
  ['TaylorMade Stealth 2 高尔夫球杆 一号木', 'golf'],
  ['Scotty Cameron Special Select Putter 34"', 'golf'],
  ['Nike Dri-FIT Golf Polo Shirt', 'general'],
  ['FootJoy 高尔夫球鞋 男款 防水', 'general'],
  // batteries, coatings, general
  ['Panasonic Eneloop 充电电池 5号 4节装', 'battery-exempt'], // Ni-MH: 财税〔2015〕16号 §二,
  ['Duracell AA Alkaline Batteries 20 pack', 'battery-exempt'],
  ['瓦尔塔 VARTA 汽车铅酸蓄电池 12V', 'battery'],
  ['Dulux 多乐士 乳胶漆 墙面漆 5L', 'coating'],
  ['RC Car with Batteries Included', 'toys'],
  ['Head & Shoulders Shampoo 400ml x2', 'general'],
  ['花王 妙而舒 纸尿裤 L54片', 'general'],
  ['Riedel Veritas Cabernet Wine Glass Set of 2', 'general'],
  ['Kleenex Tissue 3 pack', 'general'],
  ['Tiger 虎牌 保温杯 480ml', 'general'],
  ['3M KN95 Disposable Face Mask 50 pcs', 'general'],
  ['Watchful Eye Poster A2', 'general'],
];

describe('classifyTitle: real-looking titles', () => {
  it('has at least 60 titles', () => {
    expect(titles.length).toBeGreaterThanOrEqual(60);
  });

  it.each(titles)('%s → %s', (title, expected) => {
    const result = classifyTitle(title);
    expect(result.taxClass, result.evidence.join('\n')).toBe(expected);
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('names the matched term in the evidence', () => {
    expect(classifyTitle('雅诗兰黛小棕瓶精华液50ml').evidence[0]).toMatch(/^matched "精华" → cosmetics/);
  });

  it('is high-confidence on a clear title and low on a conflicting one', () => {
    expect(classifyTitle('兰蔻菁纯面霜60ml').confidence).toBe('high');
    // food ("vitamin") and cosmetics ("serum") score the same: the later noun wins, but only just.
    expect(classifyTitle('Vitamin C Serum 30ml')).toMatchObject({ taxClass: 'cosmetics', confidence: 'low' });
    expect(classifyTitle('untitled product 12345')).toMatchObject({ taxClass: 'general', confidence: 'low' });
  });
});

describe('classifyTitle: word boundaries and vetoes', () => {
  it.each([
    ['watchful', 'general'],
    ['Smartwatch band', 'general'],
    ['ginger biscuits', 'food'],
    ['Ginger Ale 330ml', 'general'],
    ['Ginger Beer 6 pack', 'general'],
    ['female hoodie', 'general'],
    ['Ice cream maker', 'general'],
    ['Bookshelf 5 tier', 'general'],
    ['Facebook Portal', 'general'],
    ['Rice cooker 3L', 'general'],
    ['Surgical Mask 50 pcs', 'general'],
    ['Golf GTI floor mats', 'general'],
    ['Rose Gold iPhone case', 'electronics'],
    ['Diamond Painting Kit', 'general'],
    ['珍珠奶茶 速溶 10袋', 'general'],
    ['Whisky Stones set of 9', 'general'],
    ['Tissues 3 pack', 'general'],
    ['Watches', 'watch'],
    ['Serums sampler', 'cosmetics'],
  ] as Array<[string, TaxClassId]>)('%s → %s', (title, expected) => {
    expect(classifyTitle(title).taxClass, classifyTitle(title).evidence.join('\n')).toBe(expected);
  });

  it('reports a veto in the evidence', () => {
    expect(classifyTitle('Apple Watch Series 9').evidence).toContain('"apple watch" vetoes rule watch (matched "watch" → watch)');
  });
});

describe('classifyTitle: hostile titles', () => {
  it('treats markup as plain text and never echoes it into evidence', () => {
    const result = classifyTitle('<img src=x onerror=alert(1)><script>fetch("//evil")</script> 面霜 50ml');
    expect(result.taxClass).toBe('cosmetics');
    for (const line of result.evidence) expect(line).not.toMatch(/<|script|onerror|evil/);
  });

  it.each([
    ['a 10 MB title', 'x'.repeat(10_000_000) + ' 面霜'],
    ['a long run of digits', '9'.repeat(1_000_000)],
    ['many multipliers', '2x'.repeat(500_000)],
    ['many units', '1ml '.repeat(250_000)],
    ['lone surrogates', '\uD800\uDC00'.repeat(2000) + '\uD800'],
    ['control characters', '\u0000\u0007面霜\u202E50ml'],
  ])('%s is bounded and answers', (_name, title) => {
    const started = performance.now();
    const result = classifyTitle(title);
    expect(TAX_CLASS_IDS).toContain(result.taxClass);
    // A runaway guard, not the budget (200 ms, in `npm run bench -- --only bounds`): reading past
    // the truncation point, or a backtracking pattern, over megabytes takes far longer than 10 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('does not see terms beyond the truncation point', () => {
    // "面霜" sits after the first MAX_TITLE_CODE_POINTS characters, so it is not read.
    expect(classifyTitle(`${'x '.repeat(MAX_TITLE_CODE_POINTS)}面霜`).taxClass).toBe('general');
  });

  it.each([undefined, null, 42, {}, []])('answers general for a non-string %s', (value) => {
    expect(classifyTitle(value as unknown as string)).toMatchObject({ taxClass: 'general', confidence: 'low' });
  });

  it('normalises full-width text and case', () => {
    expect(normaliseTitle('ＬＡＮＣＯＭＥ　５０ｍｌ')).toBe('lancome 50ml');
  });
});

describe('classifyTitle: net content and quantity', () => {
  it.each([
    ['兰蔻菁纯面霜 50ml', { value: 50, unit: 'ml' }, undefined],
    ['兰蔻菁纯面霜 50ml 2瓶装', { value: 100, unit: 'ml' }, 2],
    ['兰蔻菁纯面霜 50ml 两瓶装', { value: 100, unit: 'ml' }, 2],
    ['Kiehl’s Ultra Facial Cream 125ml x3', { value: 375, unit: 'ml' }, 3],
    ['Lagunitas IPA 355ml 6 pack', { value: 2130, unit: 'ml' }, 6],
    ['CeraVe Moisturising Cream 454g pack of 2', { value: 908, unit: 'g' }, 2],
    ['Lindt Dark Chocolate 2×100g', { value: 200, unit: 'g' }, 2],
    ['a2 白金版 婴儿配方奶粉 900g*3罐', { value: 2700, unit: 'g' }, 3],
    ['森田面膜 30片*3盒 3盒装', { value: 90, unit: 'piece' }, 3],
    ['Estée Lauder Night Repair 1.7 fl oz', { value: 50.275, unit: 'ml' }, undefined],
    ['Eye cream 0.5 oz', { value: 14.175, unit: 'g' }, undefined],
    ['Serum 50ml/1.7 fl oz', { value: 50, unit: 'ml' }, undefined],
  ] as const)('%s → %o, quantity %s', (title, netContent, quantity) => {
    const result = classifyTitle(title);
    expect(result.netContent).toEqual(netContent);
    expect(result.quantity).toBe(quantity);
  });

  it('gives the unit content and explains the multiplication', () => {
    const result = classifyTitle('兰蔻菁纯面霜 50ml 2瓶装');
    expect(result.unitNetContent).toEqual({ value: 50, unit: 'ml' });
    expect(result.evidence).toContain('quantity "2瓶装" → 2 units; the listing holds 100 ml');
  });

  it('reports a quantity without net content', () => {
    const result = classifyTitle('Kleenex Tissue 3 pack');
    expect(result.quantity).toBe(3);
    expect(result.netContent).toBeUndefined();
    expect(result.evidence).toContain('quantity "3 pack" → 3 units (no net content found)');
  });
});

describe('the rule table', () => {
  it.each(CLASSIFIER_RULES.map((rule) => [rule.id, rule] as const))('%s is well formed', (_id, rule) => {
    expect(TAX_CLASS_IDS).toContain(rule.taxClass);
    expect(rule.zh.length + rule.en.length).toBeGreaterThan(0);
    for (const term of [...rule.en, ...(rule.unless?.en ?? [])]) expect(term).toBe(term.toLowerCase().trim());
  });

  it('has unique ids', () => {
    const ids = CLASSIFIER_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every term of every rule classifies to its own class when it stands alone', () => {
    // A term that loses to another rule on its own is dead data.
    const dead: string[] = [];
    for (const rule of CLASSIFIER_RULES) {
      for (const term of [...rule.zh, ...rule.en]) {
        const got = classifyTitle(term).taxClass;
        if (got !== rule.taxClass) dead.push(`${rule.id}: "${term}" → ${got}`);
      }
    }
    expect(dead).toEqual([]);
  });
});
