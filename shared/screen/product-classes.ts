// Product classes whose yearly quantity per person the screen watches. A class is matched by HS
// code prefix first (the customs tariff line is the legal identity of the goods), then by title
// keywords for items exported without a code. Rows, not branches: a new class is a new row here
// plus a limit in rules.ts.
import type { OrderItem } from './order.ts';

export interface ProductClass {
  id: string;
  en: string;
  zh: string;
  /** Tariff-code prefixes (4 to 8 digits). */
  hsPrefixes: readonly string[];
  /** Lower-case title fragments (zh and en) that name the class unambiguously. */
  keywords: readonly string[];
  /** Fragments that veto a keyword match ("sugar-free" is not sugar, 糖果 is candy). */
  notKeywords?: readonly string[];
}

export const PRODUCT_CLASSES: readonly ProductClass[] = [
  {
    id: 'sugar',
    en: 'sugar',
    zh: '食糖',
    // 1701: cane or beet sugar — the lines the positive list caps at 2 kg per person per year.
    hsPrefixes: ['1701'],
    keywords: ['白砂糖', '砂糖', '冰糖', '方糖', '红糖', '黄糖', 'cane sugar', 'beet sugar', 'sugar cubes', 'brown sugar', 'white sugar'],
    notKeywords: ['无糖', 'sugar-free', 'sugar free', '糖果', 'candy'],
  },
  {
    id: 'rice',
    en: 'rice',
    zh: '大米',
    // 1006: rice — the positive list caps long-grain rice at 20 kg per person per year.
    hsPrefixes: ['1006'],
    keywords: ['大米', '长粒米', '香米', 'jasmine rice', 'basmati', 'long grain rice', 'long-grain rice'],
    notKeywords: ['米粉', '米饼', 'rice cake', 'rice cracker', 'rice noodle'],
  },
  {
    id: 'infant-formula',
    en: 'infant formula',
    zh: '婴幼儿配方奶粉',
    // 190110: preparations for infant use, put up for retail sale.
    hsPrefixes: ['190110'],
    keywords: ['婴儿配方', '婴幼儿配方', '幼儿配方', 'infant formula', 'baby formula', 'follow-on formula'],
  },
  {
    id: 'cosmetics',
    en: 'cosmetics and skincare',
    zh: '化妆品及护肤品',
    // 3303 perfumes, 3304 beauty/make-up/skincare, 3305 hair preparations, 3307 other toiletries.
    hsPrefixes: ['3303', '3304', '3305', '3307'],
    keywords: ['面霜', '精华', '口红', '唇膏', '乳液', '面膜', '眼霜', '粉底', '香水', 'lipstick', 'serum', 'face cream', 'perfume', 'foundation', 'sheet mask'],
  },
  {
    id: 'supplements',
    en: 'health supplements',
    zh: '保健食品',
    // 210690 other food preparations (most tablets and capsules), 2936 vitamins.
    hsPrefixes: ['210690', '2936'],
    keywords: ['维生素', '鱼油', '益生菌', '叶黄素', 'vitamin', 'fish oil', 'probiotic', 'omega-3'],
  },
  {
    id: 'wine',
    en: 'wine',
    zh: '葡萄酒',
    hsPrefixes: ['2204'],
    keywords: ['葡萄酒', '红酒', '起泡酒', 'wine', 'champagne', 'prosecco'],
  },
];

export type ProductClassId = string;

/** Index into PRODUCT_CLASSES, or -1 when the item belongs to no watched class. */
export function classifyItem(item: Pick<OrderItem, 'name' | 'hsCode'>): number {
  if (item.hsCode) {
    for (let i = 0; i < PRODUCT_CLASSES.length; i++) {
      if (PRODUCT_CLASSES[i]!.hsPrefixes.some((p) => item.hsCode!.startsWith(p))) return i;
    }
    // A tariff code that matches no class is authoritative: the title does not override it.
    return -1;
  }
  const title = item.name.toLowerCase();
  for (let i = 0; i < PRODUCT_CLASSES.length; i++) {
    const cls = PRODUCT_CLASSES[i]!;
    if (cls.keywords.some((k) => title.includes(k)) && !cls.notKeywords?.some((k) => title.includes(k))) return i;
  }
  return -1;
}

const WEIGHT_IN_TITLE = /(\d+(?:\.\d+)?)\s*(kg|千克|公斤|g|克|斤)(?![a-z])/i;
const GRAMS_PER_UNIT: Record<string, number> = { kg: 1000, 千克: 1000, 公斤: 1000, g: 1, 克: 1, 斤: 500 };

/**
 * Net weight of one unit in grams: the exported field, else the first weight written in the title
 * ("泰国茉莉香米 5kg"), else undefined (the weight caps then cannot count this item).
 */
export function unitGrams(item: Pick<OrderItem, 'name' | 'netWeightGrams'>): number | undefined {
  if (item.netWeightGrams !== undefined) return item.netWeightGrams;
  const m = WEIGHT_IN_TITLE.exec(item.name);
  if (!m) return undefined;
  return Number(m[1]) * GRAMS_PER_UNIT[m[2]!.toLowerCase()]!;
}
