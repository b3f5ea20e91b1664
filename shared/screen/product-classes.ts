// Product classes whose yearly quantity per person the screen watches, and where the quantities
// come from. Rows, not branches: a new class is a new row here plus a limit in rules.ts.
//
// An item is classified by its tariff code first (the code on the declaration is the legal
// identity of the goods); without one, by title keywords for the classes the catalogue's tax
// classes do not separate (sugar, rice, infant formula, supplements are all "food" or
// "agricultural" there), then by shared/catalog's classifyTitle for those it does (cosmetics,
// wine). The positive list's own quantity caps (sugar 2 kg, long-grain rice 20 kg) are read from
// shared/catalog's positive list, never copied here.
import { classifyTitle, lookupPositiveList, parseNetContent, type PositiveList, type TaxClassId } from '../catalog/index.ts';
import type { OrderItem } from './order.ts';
import type { Localized } from '../text/localized.ts';

export interface ProductClass extends Localized {
  id: string;
  /** Tariff-code prefixes (4 to 8 digits). */
  hsPrefixes: readonly string[];
  /** Lower-case title fragments (zh and en) that name the class unambiguously. */
  keywords?: readonly string[];
  /** Fragments that veto a keyword match ("sugar-free" is not sugar, 糖果 is candy). */
  notKeywords?: readonly string[];
  /** The catalogue tax classes that mean this class (high-confidence titles only). */
  catalogTaxClasses?: readonly TaxClassId[];
  /** The positive-list line whose remark caps this class, for items without a tariff code. */
  positiveListLine?: string;
}

export const PRODUCT_CLASSES: readonly ProductClass[] = [
  {
    id: 'sugar',
    en: 'sugar',
    'zh-CN': '食糖',
    hsPrefixes: ['1701'], // cane or beet sugar
    keywords: ['白砂糖', '砂糖', '绵白糖', '冰糖', '方糖', '红糖', '黄糖', 'cane sugar', 'beet sugar', 'sugar cubes', 'brown sugar', 'white sugar', 'granulated sugar'],
    notKeywords: ['无糖', 'sugar-free', 'sugar free', '糖果', 'candy'],
    positiveListLine: '17019910',
  },
  {
    id: 'rice',
    en: 'rice',
    'zh-CN': '大米',
    hsPrefixes: ['1006'],
    keywords: ['大米', '长粒米', '香米', 'jasmine rice', 'basmati', 'long grain rice', 'long-grain rice'],
    notKeywords: ['米粉', '米饼', 'rice cake', 'rice cracker', 'rice noodle'],
    positiveListLine: '10063020',
  },
  {
    id: 'infant-formula',
    en: 'infant formula',
    'zh-CN': '婴幼儿配方奶粉',
    hsPrefixes: ['190110'], // preparations for infant use, put up for retail sale
    keywords: ['婴儿配方', '婴幼儿配方', '幼儿配方', 'infant formula', 'baby formula', 'follow-on formula'],
  },
  {
    id: 'cosmetics',
    en: 'cosmetics and skincare',
    'zh-CN': '化妆品及护肤品',
    hsPrefixes: ['3303', '3304'], // perfumes; beauty, make-up and skincare
    catalogTaxClasses: ['cosmetics', 'make-up'],
  },
  {
    id: 'supplements',
    en: 'health supplements',
    'zh-CN': '保健食品',
    hsPrefixes: ['210690', '2936'], // other food preparations (tablets, capsules); vitamins
    keywords: ['维生素', '鱼油', '益生菌', '叶黄素', 'vitamin', 'fish oil', 'probiotic', 'omega-3'],
  },
  {
    id: 'wine',
    en: 'wine',
    'zh-CN': '葡萄酒',
    hsPrefixes: ['2204'],
    catalogTaxClasses: ['wine'],
  },
];

/** Index into PRODUCT_CLASSES, or -1 when the item belongs to no watched class. */
export function classifyItem(item: Pick<OrderItem, 'name' | 'hsCode'>): number {
  if (item.hsCode) {
    const hs = item.hsCode;
    // A tariff code is authoritative: the title does not override it.
    return PRODUCT_CLASSES.findIndex((pc) => pc.hsPrefixes.some((p) => hs.startsWith(p)));
  }
  const title = item.name.toLowerCase();
  const byKeyword = PRODUCT_CLASSES.findIndex(
    (pc) => pc.keywords?.some((k) => title.includes(k)) && !pc.notKeywords?.some((k) => title.includes(k)),
  );
  if (byKeyword >= 0) return byKeyword;
  const guess = classifyTitle(item.name);
  if (guess.confidence !== 'high') return -1;
  return PRODUCT_CLASSES.findIndex((pc) => pc.catalogTaxClasses?.includes(guess.taxClass) === true);
}

/** A yearly per-person cap from the positive list's remarks, as it applies to one item. */
export interface ListCap {
  /** Purchases are added up per HS heading: the remark names the goods (sugar), not one line. */
  group: string;
  hs8: string;
  limit: number;
  unit: 'g' | 'ml' | 'piece';
}

/**
 * The positive-list cap for an item: the line of its own 8- or 10-digit code, else the line its
 * class points to (items exported without a code, or with a code the loaded list lacks).
 */
export function listCapFor(item: Pick<OrderItem, 'hsCode'>, classIndex: number, list?: PositiveList): ListCap | undefined {
  const lines: string[] = [];
  if (item.hsCode && (item.hsCode.length === 8 || item.hsCode.length === 10)) lines.push(item.hsCode);
  const fallback = classIndex >= 0 ? PRODUCT_CLASSES[classIndex]!.positiveListLine : undefined;
  if (fallback) lines.push(fallback);
  for (const line of lines) {
    const found = lookupPositiveList(line, list);
    if (found.status === 'listed' && found.entry.quantityLimit) {
      const { value, unit } = found.entry.quantityLimit;
      return { group: `${found.hs8.slice(0, 4)}:${unit}`, hs8: found.hs8, limit: value, unit };
    }
  }
  return undefined;
}

/**
 * Net content of one unit of the item in g or ml: the exported net weight, else what the title
 * says ("泰国茉莉香米 5kg", "2×1kg") read by shared/catalog's parser; undefined when neither
 * names one (the weight caps then cannot count the item).
 */
export function unitContent(item: Pick<OrderItem, 'name' | 'netWeightGrams'>, unit: 'g' | 'ml'): number | undefined {
  if (unit === 'g' && item.netWeightGrams !== undefined) return item.netWeightGrams;
  const parsed = parseNetContent(item.name);
  return parsed?.unit === unit ? parsed.value : undefined;
}

/** Grams in one unit of the item (see unitContent). */
export function unitGrams(item: Pick<OrderItem, 'name' | 'netWeightGrams'>): number | undefined {
  return unitContent(item, 'g');
}
