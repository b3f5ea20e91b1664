// The demo shop's own words about the products of the demo world (test/harness/demo/world.ts): the
// credentials say what is signed (GTIN, name, seller, price paid); a shop also has descriptions,
// Chinese titles and pictures. Keyed by the listing's name in the demo index (listing-<slug>).
// Prices here are only a fallback: the store shows the unit price from the demo consumer's signed
// receipt whenever there is one, so the page, the receipt and the extension's estimate agree.

import type { Localized } from '../../../shared/text/localized.ts';

export type ProductArt = 'bottle' | 'tin' | 'wine' | 'watch' | 'box';

export interface ShopCopy {
  nameZh: string;
  priceFen: number;
  blurb: Localized;
  art: ProductArt;
  /** Specification rows shown on the page and in the JSON-LD (net content matters for tax). */
  specs: (Localized & { value: string })[];
}

// A specification row's label in both languages, written once for all products.
const SPEC_LABELS = {
  netContent: { en: 'Net content', 'zh-CN': '净含量' },
  volume: { en: 'Volume', 'zh-CN': '容量' },
  case: { en: 'Case', 'zh-CN': '表壳' },
  origin: { en: 'Origin', 'zh-CN': '原产地' },
};

function spec(label: keyof typeof SPEC_LABELS, value: string): ShopCopy['specs'][number] {
  return { ...SPEC_LABELS[label], value };
}

export const SHOP_COPY: Record<string, ShopCopy> = {
  serum: {
    nameZh: '露米埃 焕活精华液 50ml',
    priceFen: 68_000,
    blurb: {
      en: 'A light serum with niacinamide and peptides. Shipped from the Qianhai bonded warehouse.',
      'zh-CN': '含烟酰胺与多肽的轻盈精华。由前海保税仓发货。',
    },
    art: 'bottle',
    specs: [spec('netContent', '50ml'), spec('origin', 'France 法国')],
  },
  milk: {
    nameZh: '阿尔卑斯 3段幼儿配方奶粉 800g',
    priceFen: 25_800,
    blurb: {
      en: 'Stage 3 toddler formula for children from 12 months.',
      'zh-CN': '适合 12 个月以上幼儿的 3 段配方奶粉。',
    },
    art: 'tin',
    specs: [spec('netContent', '800g'), spec('origin', 'New Zealand 新西兰')],
  },
  wine: {
    nameZh: '博略酒庄 波尔多红葡萄酒 2019 750ml',
    priceFen: 16_800,
    blurb: {
      en: 'A Bordeaux red from the 2019 vintage, estate bottled.',
      'zh-CN': '2019 年份波尔多红葡萄酒，酒庄灌装。',
    },
    art: 'wine',
    specs: [spec('volume', '750ml'), spec('origin', 'France 法国')],
  },
  watch: {
    nameZh: '瓦莱 经典自动机械表',
    priceFen: 388_000,
    blurb: {
      en: 'An automatic watch with a sapphire crystal and a 40-hour power reserve.',
      'zh-CN': '自动上链机械表，蓝宝石镜面，40 小时动力储存。',
    },
    art: 'watch',
    specs: [spec('case', '40mm'), spec('origin', 'Switzerland 瑞士')],
  },
};
