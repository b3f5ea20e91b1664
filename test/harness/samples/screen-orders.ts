// A seeded, realistic order stream with planted risk patterns, for the benchmark and the tests.
// Honest traffic: consumers in households of one or two (sharing address and phone), a few
// orders a year each, baskets from a catalogue of typical CBEC goods, some with and some without
// tariff codes, and a little noise the rules are expected to see (gifts paid by a spouse). The
// generator keeps each honest consumer below every default threshold, so a rule firing on honest
// traffic is a false positive, and it labels every planted order with the rules that must fire on
// it under the default configuration (DEFAULT_CONFIG). Same seed, same stream.
//
// Beside the orders it writes the side records a merchant holds: a price filing for every SKU it
// sells (价格备案) and, per order, a payment record and a logistics record (三单), consistent for
// honest orders, with planted price-filing and three-record violations labelled the same way.
import { seededRandom } from './seeded-random.ts';
import { computeCheckCharacter } from '../../../shared/identity/index.ts';
import type { Order, OrderItem } from '../../../shared/screen/order.ts';
import type { FilingRow } from '../../../shared/screen/price-filing.ts';
import type { RuleId } from '../../../shared/screen/rules.ts';

export type PatternName =
  | 'honest'
  | 'gift'
  | 'borrowed-identity'
  | 'brushing-address'
  | 'under-declared'
  | 'resale'
  | 'annual-breach'
  | 'order-over-limit'
  | 'single-item-over-limit'
  | 'watchlist'
  | 'sugar-cap'
  | 'rice-cap'
  | 'formula-hoard'
  | 'price-below-filing'
  | 'price-dated-filing'
  | 'price-unfiled'
  | 'payment-amount'
  | 'payment-payer'
  | 'consignee'
  | 'shared-waybill'
  | 'early-payment'
  | 'no-payment'
  | 'no-waybill'
  | 'raw-id';

export interface GeneratedOrder {
  order: Order;
  /** Rules that must fire on this order under DEFAULT_CONFIG. */
  expected: readonly RuleId[];
  pattern: PatternName;
}

export interface GeneratorOptions {
  seed?: number;
  /** Approximate number of orders (planted cases add about 2 %). */
  orders: number;
  year?: number;
  /** Planted cases of each pattern per 10,000 honest orders. */
  casesPer10k?: number;
}

// ---- catalogue ------------------------------------------------------------------------------

interface CatalogueItem {
  sku: string;
  name: string;
  hsCode?: string;
  priceFen: number;
  netWeightGrams?: number;
  /** Watched class (see product-classes.ts), for keeping honest consumers under the caps. */
  watched?: 'sugar' | 'rice' | 'infant-formula' | 'cosmetics' | 'supplements' | 'wine';
}

const CATALOGUE: readonly CatalogueItem[] = [
  { sku: 'FM-A2-900', name: 'a2 婴儿配方奶粉 1段 900g', hsCode: '19011010', priceFen: 26_800, netWeightGrams: 900, watched: 'infant-formula' },
  { sku: 'FM-APT-800', name: 'Aptamil 爱他美 婴幼儿配方奶粉 2段 800g', hsCode: '19011010', priceFen: 23_900, netWeightGrams: 800, watched: 'infant-formula' },
  { sku: 'FM-FRI-800', name: 'Friso 美素佳儿 幼儿配方奶粉 3段', priceFen: 21_500, netWeightGrams: 800, watched: 'infant-formula' },
  { sku: 'CS-EL-SER50', name: 'Estée Lauder 小棕瓶精华 50ml', hsCode: '33049900', priceFen: 69_000, watched: 'cosmetics' },
  { sku: 'CS-LAN-CRM', name: 'Lancôme 菁纯面霜 60ml', hsCode: '33049900', priceFen: 128_000, watched: 'cosmetics' },
  { sku: 'CS-YSL-LIP', name: 'YSL 口红 #1966', priceFen: 32_000, watched: 'cosmetics' },
  { sku: 'CS-SK2-MASK', name: 'SK-II 前男友面膜 10片', hsCode: '33049900', priceFen: 99_000, watched: 'cosmetics' },
  { sku: 'SP-SWI-FISH', name: 'Swisse 深海鱼油 200粒', hsCode: '21069090', priceFen: 15_900, watched: 'supplements' },
  { sku: 'SP-BLK-VC', name: "Blackmores Vitamin C 500mg", priceFen: 9_800, watched: 'supplements' },
  { sku: 'SP-LIFE-PRO', name: 'Life Space 益生菌 60粒', hsCode: '21069090', priceFen: 18_800, watched: 'supplements' },
  { sku: 'WN-PEN-389', name: 'Penfolds Bin 389 红酒 750ml', hsCode: '22042100', priceFen: 68_000, watched: 'wine' },
  { sku: 'WN-CHL-SB', name: 'Cloudy Bay Sauvignon Blanc wine 750ml', priceFen: 29_800, watched: 'wine' },
  { sku: 'SG-CSR-1KG', name: 'CSR 白砂糖 1kg', hsCode: '17019910', priceFen: 2_800, netWeightGrams: 1000, watched: 'sugar' },
  { sku: 'RC-THAI-5KG', name: '泰国茉莉香米 5kg', hsCode: '10063020', priceFen: 12_900, watched: 'rice' },
  { sku: 'HN-MAN-250', name: 'Comvita Manuka honey UMF10+ 250g', hsCode: '04090000', priceFen: 19_800 },
  { sku: 'CF-ILLY-250', name: 'illy 咖啡豆 250g', hsCode: '09012100', priceFen: 8_900 },
  { sku: 'CH-LIN-85', name: 'Lindt 85% 黑巧克力 100g', hsCode: '18063200', priceFen: 3_500 },
  { sku: 'OL-BER-1L', name: 'Bertolli 特级初榨橄榄油 1L', hsCode: '15091000', priceFen: 11_900 },
  { sku: 'DP-MER-L', name: 'Merries 花王纸尿裤 L 54片', hsCode: '96190011', priceFen: 13_900 },
  { sku: 'DP-MOO-M', name: 'Moony 尤妮佳纸尿裤 M 64片', priceFen: 12_900 },
  { sku: 'EL-DYS-HD08', name: 'Dyson Supersonic 吹风机 HD08', hsCode: '85163100', priceFen: 299_000 },
  { sku: 'EL-SON-WH1000', name: 'Sony WH-1000XM5 降噪耳机', hsCode: '85183000', priceFen: 249_900 },
  { sku: 'EL-BRA-TB', name: 'Braun 电动牙刷', hsCode: '85098090', priceFen: 59_900 },
  { sku: 'BG-COA-TOTE', name: 'Coach 托特包', hsCode: '42022100', priceFen: 189_000 },
  { sku: 'SH-NIK-AF1', name: 'Nike Air Force 1 运动鞋', hsCode: '64041100', priceFen: 79_900 },
  { sku: 'TY-LEG-42115', name: 'LEGO Technic 42115', hsCode: '95030090', priceFen: 289_900 },
  { sku: 'KT-ZWI-KNIFE', name: 'Zwilling 刀具套装', hsCode: '82119100', priceFen: 99_900 },
  { sku: 'WT-TIS-PRX', name: 'Tissot PRX 机械表', hsCode: '91021100', priceFen: 469_000 },
];

const BY_SKU = new Map(CATALOGUE.map((c) => [c.sku, c]));
const sku = (id: string): CatalogueItem => BY_SKU.get(id)!;

const PLATFORMS = ['tmall-global', 'jd-worldwide', 'kaola', 'douyin-global', 'xiaohongshu', 'vip-intl'];
const PLACES = [
  ['上海市', '上海市', '浦东新区'],
  ['上海市', '上海市', '徐汇区'],
  ['北京市', '北京市', '朝阳区'],
  ['北京市', '北京市', '海淀区'],
  ['广东省', '广州市', '天河区'],
  ['广东省', '深圳市', '南山区'],
  ['浙江省', '杭州市', '西湖区'],
  ['江苏省', '南京市', '鼓楼区'],
  ['四川省', '成都市', '武侯区'],
  ['湖北省', '武汉市', '洪山区'],
  ['福建省', '厦门市', '思明区'],
  ['山东省', '青岛市', '市南区'],
] as const;
const STREETS = ['人民路', '中山路', '解放路', '建设路', '长江路', '和平路', '新华路', '文化路', '学府路', '滨江大道'];

// ---- people ---------------------------------------------------------------------------------

interface Person {
  idHash: string;
  nameHash: string;
  phoneHash: string;
  address: string;
}

interface HonestHistory {
  annualFen: number;
  units: Map<string, number>; // per watched class
  grams: Map<string, number>;
  /** Recent purchases per SKU: [time, units]. */
  skus: Map<string, [number, number][]>;
}

const DAY = 86_400_000;

function isoShanghai(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Shares of the default thresholds an honest consumer stays under (see module comment). */
const HONEST = {
  annualFen: 1_800_000, // 18,000 of 26,000 CNY
  perOrderFen: 450_000, // 4,500 of 5,000 CNY
  units: { 'infant-formula': 48, cosmetics: 30, supplements: 24, wine: 18 } as Record<string, number>,
  grams: { sugar: 1000, rice: 10_000 } as Record<string, number>,
  resaleWindowMs: 90 * DAY,
  resaleMaxOrders: 2, // default fires at 3 orders and 24 units
  resaleMaxUnits: 12,
};

/** A person on a payment or logistics record, hashed like the orders or with the raw number. */
export interface RecordParty {
  idHash?: string;
  nameHash?: string;
  idNumber?: string;
  name?: string;
}

export interface GeneratedPayment {
  orderId: string;
  paymentId: string;
  time: string;
  amountFen: number;
  payer: RecordParty;
}

export interface GeneratedLogistics {
  orderId: string;
  waybillNo: string;
  consignee: RecordParty;
}

export interface GeneratedStream {
  orders: GeneratedOrder[];
  /** Addresses to load as the watch list (as the merchant would write them). */
  watchlist: string[];
  /** The merchant's price filing: every SKU sold, in force all year (one SKU with two periods). */
  filings: FilingRow[];
  /** One payment record per order (fewer where planted), in order time. */
  payments: GeneratedPayment[];
  /** One logistics record per order (fewer where planted). */
  logistics: GeneratedLogistics[];
}

/** The SKU whose filed price rises on 1 July: an order in the second half at the old price is below. */
const DATED_SKU: CatalogueItem = { sku: 'PF-MAN-500', name: 'Comvita Manuka honey UMF5+ 500g', hsCode: '04090000', priceFen: 16_800 };
const DATED_SECOND_HALF_FEN = 18_800;
/** Prices the planted cases sell at below the catalogue (the annual breach's sale-priced tote): filed at that price. */
const FILED_OVERRIDES: Record<string, number> = { 'BG-COA-TOTE': 100_000 };

/**
 * Generates the whole stream in time order. Returned as an array because the bench and tests
 * replay it several times (about 1 KB of memory per order).
 */
export function generateOrders(options: GeneratorOptions): GeneratedStream {
  const rnd = seededRandom(options.seed ?? 1);
  const year = options.year ?? 2026;
  const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
  const yearEnd = Date.parse(`${year + 1}-01-01T00:00:00+08:00`);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
    return s;
  };
  // Unique per household: two households drawn to the same flat would look like brushing.
  const usedAddresses = new Set<string>();
  const newAddress = (): string => {
    for (;;) {
      const [p, c, d] = pick(PLACES);
      const a = `${p}${c}${d}${pick(STREETS)}${int(1, 999)}号${int(1, 30)}栋${int(1, 33)}0${int(1, 8)}室`;
      if (!usedAddresses.has(a)) {
        usedAddresses.add(a);
        return a;
      }
    }
  };
  const newPerson = (home?: Person): Person => ({
    idHash: hex(32),
    nameHash: hex(32),
    phoneHash: home?.phoneHash ?? hex(32),
    address: home?.address ?? newAddress(),
  });
  let orderSerial = 0;
  const orderId = (prefix: string) => `${prefix}${year}${String(++orderSerial).padStart(9, '0')}`;
  const makeOrder = (
    prefix: string,
    ms: number,
    orderer: Person,
    items: OrderItem[],
    extra: { payer?: Person; recipient?: Person; address?: string; declaredPercent?: number } = {},
  ): Order => {
    const goods = items.reduce((sum, i) => sum + i.priceFen * i.quantity, 0);
    const freightFen = goods >= 19_900 ? 0 : 1_000;
    const paidFen = goods + freightFen;
    const recipient = extra.recipient ?? orderer;
    return {
      orderId: orderId(prefix),
      time: isoShanghai(ms),
      platform: pick(PLATFORMS),
      orderer: { idHash: orderer.idHash, nameHash: orderer.nameHash },
      payer: { idHash: (extra.payer ?? orderer).idHash },
      recipient: { phoneHash: recipient.phoneHash, address: extra.address ?? recipient.address },
      items,
      freightFen,
      paidFen,
      declaredValueFen: extra.declaredPercent === undefined ? paidFen : Math.round((paidFen * extra.declaredPercent) / 100),
    };
  };

  // ---- planted cases, scheduled first so honest traffic can be merged around them ----
  const honestCount = Math.max(1, options.orders);
  const cases = Math.max(2, Math.round(((options.casesPer10k ?? 5) * honestCount) / 10_000));
  const planted: GeneratedOrder[] = [];
  const plant = (pattern: PatternName, order: Order, expected: RuleId[] = []) => planted.push({ order, expected, pattern });
  /** A start time leaving `spanDays` inside the calendar year. */
  const startFor = (spanDays: number) => yearStart + Math.floor(rnd() * (yearEnd - yearStart - (spanDays + 2) * DAY)) + DAY;
  const watchlist: string[] = [];
  /** Side records of the planted orders that differ from the honest ones, by order id. */
  const sideOf = new Map<string, { payment?: Partial<GeneratedPayment> | null; logistics?: Partial<GeneratedLogistics> | null }>();
  const firstHalfEnd = Date.parse(`${year}-07-01T00:00:00+08:00`);
  /** A valid resident ID number (GB 11643) drawn from the seeded stream. */
  const residentId = () => {
    const first17 = `110105${int(1960, 2000)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${String(int(0, 999)).padStart(3, '0')}`;
    return first17 + computeCheckCharacter(first17);
  };
  const small = () => [line(pick(CATALOGUE.slice(14, 20)), 1)];

  for (let k = 0; k < cases; k++) {
    // Borrowed identities: one payer pays for orders pushed under other people's identities.
    {
      const operator = newPerson();
      const t0 = startFor(10);
      for (let i = 0; i < 3; i++) {
        const victim = newPerson();
        plant('borrowed-identity', makeOrder('BI', t0 + i * 2 * DAY + int(0, 3_600_000), victim, [line(pick(CATALOGUE.slice(14, 20)), 1)], { payer: operator }), ['orderer-payer-mismatch', 'payment-payer-mismatch']);
      }
    }
    // Brushing: one address and phone receive orders under eight identities in eight days.
    {
      const drop = newPerson();
      const t0 = startFor(10);
      for (let i = 0; i < 8; i++) {
        const id = newPerson(drop);
        plant('brushing-address', makeOrder('BR', t0 + i * DAY + int(0, 3_600_000), id, [line(pick(CATALOGUE.slice(14, 20)), 1)]), i >= 3 ? ['recipient-many-identities'] : []);
      }
    }
    // Under-declaration: the price edited to 70 % before the order is pushed.
    {
      const p = newPerson();
      plant('under-declared', makeOrder('UD', startFor(1), p, [line(sku('FM-A2-900'), 4)], { declaredPercent: 70 }), ['under-declared-value']);
    }
    // Resale: the same SKU, ten at a time, four times in 45 days.
    {
      const p = newPerson();
      const t0 = startFor(50);
      for (let i = 0; i < 4; i++) {
        plant('resale', makeOrder('RS', t0 + i * 15 * DAY, p, [line(sku('HN-MAN-250'), 10)]), i >= 2 ? ['resale-repeat-sku'] : []);
      }
    }
    // Annual breach: five orders of 4,800 CNY fill the year; the sixth is refused and does not
    // count, so a seventh small one still fits; an eighth crosses again.
    {
      const p = newPerson();
      const t0 = startFor(170);
      const big = () => [line(sku('EL-DYS-HD08'), 1), { ...line(sku('KT-ZWI-KNIFE'), 1), priceFen: 179_000 }];
      for (let i = 0; i < 6; i++) {
        plant('annual-breach', makeOrder('AB', t0 + i * 20 * DAY, p, big()), i === 5 ? ['annual-limit-exceeded'] : []);
      }
      plant('annual-breach', makeOrder('AB', t0 + 125 * DAY, p, [{ ...line(sku('BG-COA-TOTE'), 1), priceFen: 100_000 }]));
      plant('annual-breach', makeOrder('AB', t0 + 150 * DAY, p, [{ ...line(sku('BG-COA-TOTE'), 1), priceFen: 150_000 }]), ['annual-limit-exceeded']);
    }
    // Per-order limit: two items worth 6,000 CNY together.
    {
      const p = newPerson();
      plant('order-over-limit', makeOrder('OL', startFor(1), p, [line(sku('EL-DYS-HD08'), 1), line(sku('TY-LEG-42115'), 1)]), ['order-limit-exceeded']);
    }
    // One indivisible item over the per-order limit: allowed at full tax, flagged for review.
    {
      const p = newPerson();
      plant('single-item-over-limit', makeOrder('SI', startFor(1), p, [{ ...line(sku('WT-TIS-PRX'), 1), priceFen: 700_000 }]), ['single-item-over-order-limit']);
    }
    // Watch list: the merchant lists the address in one spelling, the order uses another.
    {
      const p = newPerson();
      const listed = p.address;
      watchlist.push(listed);
      const variant = listed.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('号', '号 ');
      plant('watchlist', makeOrder('WL', startFor(1), p, [line(pick(CATALOGUE.slice(14, 20)), 1)], { address: variant }), ['watchlist-address']);
    }
    // Sugar: 1 kg three times; the third crosses the positive list's 2 kg.
    {
      const p = newPerson();
      const t0 = startFor(70);
      for (let i = 0; i < 3; i++) {
        plant('sugar-cap', makeOrder('SG', t0 + i * 30 * DAY, p, [line(sku('SG-CSR-1KG'), 1), line(sku('CF-ILLY-250'), 1)]), i === 2 ? ['positive-list-quantity-cap'] : []);
      }
    }
    // Rice: 5 kg bags, weight read from the title; the fifth crosses 20 kg.
    {
      const p = newPerson();
      const t0 = startFor(130);
      for (let i = 0; i < 5; i++) {
        plant('rice-cap', makeOrder('RC', t0 + i * 30 * DAY, p, [line(sku('RC-THAI-5KG'), 1)]), i === 4 ? ['positive-list-quantity-cap'] : []);
      }
    }
    // Formula beyond one infant's use: 12 cans every 25 days, brands rotating (so no single SKU
    // reaches resale frequency); the seventh order passes 72 cans.
    {
      const p = newPerson();
      const t0 = startFor(160);
      const brands = ['FM-A2-900', 'FM-APT-800', 'FM-FRI-800'];
      for (let i = 0; i < 7; i++) {
        plant('formula-hoard', makeOrder('FH', t0 + i * 25 * DAY, p, [line(sku(brands[i % 3]!), 12)]), i === 6 ? ['personal-use-quantity'] : []);
      }
    }
  }
  planted.sort((a, b) => Date.parse(a.order.time) - Date.parse(b.order.time));

  // ---- honest traffic ----
  const people: Person[] = [];
  const histories: HonestHistory[] = [];
  const peopleCount = Math.max(50, Math.ceil(honestCount / 6));
  for (let i = 0; i < peopleCount; i++) {
    // About a third live with a partner who also orders (same address and phone).
    const partner = i > 0 && rnd() < 0.35 && people[i - 1]!.address !== people[i - 2]?.address ? people[i - 1] : undefined;
    people.push(newPerson(partner));
    histories.push({ annualFen: 0, units: new Map(), grams: new Map(), skus: new Map() });
  }
  const out: GeneratedOrder[] = [];
  let p = 0;
  const step = (yearEnd - yearStart - DAY) / honestCount;
  for (let i = 0; i < honestCount; i++) {
    const ms = Math.floor(yearStart + i * step + rnd() * step * 0.9);
    while (p < planted.length && Date.parse(planted[p]!.order.time) <= ms) out.push(planted[p++]!);
    const who = int(0, peopleCount - 1);
    const person = people[who]!;
    const h = histories[who]!;
    const items: OrderItem[] = [];
    let goods = 0;
    const n = rnd() < 0.6 ? 1 : rnd() < 0.7 ? 2 : 3;
    for (let j = 0; j < n; j++) {
      const c = pick(CATALOGUE.slice(0, -1)); // the watch is bought only in planted cases
      if (items.some((x) => x.sku === c.sku)) continue;
      const quantity = c.watched === 'infant-formula' ? int(1, 4) : c.priceFen < 20_000 ? int(1, 3) : 1;
      if (!honestFits(h, c, quantity, ms, goods)) continue;
      items.push(line(c, quantity));
      goods += c.priceFen * quantity;
    }
    if (items.length === 0 || h.annualFen + goods > HONEST.annualFen) {
      items.length = 0;
      items.push(line(sku('CH-LIN-85'), 1)); // a bar of chocolate fits anyone
      goods = sku('CH-LIN-85').priceFen;
    }
    // Platforms mostly require payer = orderer; a spouse paying is rare but real.
    const gift = rnd() < 0.001;
    const payer = gift ? people[(who + 1) % peopleCount] : undefined;
    const order = makeOrder('HO', ms, person, items, { payer });
    for (const item of items) record(h, BY_SKU.get(item.sku)!, item.quantity, ms);
    h.annualFen += order.paidFen;
    out.push({ order, expected: [], pattern: gift ? 'gift' : 'honest' });
  }
  while (p < planted.length) out.push(planted[p++]!);

  // ---- planted price-filing and three-record cases, drawn after the honest traffic so that the
  // stream above stays what it was for the same seed; merged in by time ----
  const sidePlanted: GeneratedOrder[] = [];
  const plantSide = (pattern: PatternName, order: Order, expected: RuleId[] = []) => sidePlanted.push({ order, expected, pattern });
  for (let k = 0; k < cases; k++) {
    // ---- price filing (价格备案) ----
    // The price edited below the filing before pushing (declared as paid, so only the filing shows it).
    {
      const buyer = newPerson();
      const c = pick(CATALOGUE.slice(14, 20));
      plantSide('price-below-filing', makeOrder('PB', startFor(1), buyer, [{ ...line(c, 1), priceFen: Math.round(c.priceFen * 0.6) }]), ['price-below-filing']);
    }
    // A filing that changed on 1 July: the old price is fine before, below after.
    {
      const buyer = newPerson();
      const q = newPerson();
      plantSide('price-dated-filing', makeOrder('PD', yearStart + int(10, 150) * DAY, buyer, [line(DATED_SKU, 1)]));
      plantSide('price-dated-filing', makeOrder('PD', firstHalfEnd + int(10, 150) * DAY, q, [line(DATED_SKU, 1)]), ['price-below-filing']);
    }
    // A SKU nobody filed (a new product listed before its filing).
    {
      const buyer = newPerson();
      plantSide('price-unfiled', makeOrder('PU', startFor(1), buyer, [{ sku: `NEW-${hex(6).toUpperCase()}`, name: 'Sample pack 新品试用装', priceFen: 5_900, quantity: 1 }]), ['price-filing-missing']);
    }
    // ---- three-record match (三单对碰) ----
    {
      const buyer = newPerson();
      const o = makeOrder('PA', startFor(1), buyer, small());
      plantSide('payment-amount', o, ['payment-amount-mismatch']);
      sideOf.set(o.orderId, { payment: { amountFen: o.paidFen - int(100, 5_000) } });
    }
    // 推单: the order says the orderer paid; the payment provider's record names someone else.
    {
      const buyer = newPerson();
      const operator = newPerson();
      const o = makeOrder('PP', startFor(1), buyer, small());
      plantSide('payment-payer', o, ['payment-payer-mismatch']);
      sideOf.set(o.orderId, { payment: { payer: { idHash: operator.idHash, nameHash: operator.nameHash } } });
    }
    {
      const buyer = newPerson();
      const reseller = newPerson();
      const o = makeOrder('CN', startFor(1), buyer, small());
      plantSide('consignee', o, ['consignee-mismatch']);
      sideOf.set(o.orderId, { logistics: { consignee: { idHash: reseller.idHash, nameHash: reseller.nameHash } } });
    }
    // One waybill on two orders of two people: consolidated under one parcel.
    {
      const t0 = startFor(2);
      const waybillNo = `SF${hex(12).toUpperCase()}`;
      for (let i = 0; i < 2; i++) {
        const o = makeOrder('WB', t0 + i * 3_600_000, newPerson(), small());
        plantSide('shared-waybill', o, ['waybill-shared']);
        sideOf.set(o.orderId, { logistics: { waybillNo } });
      }
    }
    {
      const o = makeOrder('EP', startFor(3), newPerson(), small());
      plantSide('early-payment', o, ['payment-before-order']);
      sideOf.set(o.orderId, { payment: { time: isoShanghai(Date.parse(o.time) - int(3_600, 48 * 3_600) * 1000) } });
    }
    {
      const o = makeOrder('NP', startFor(1), newPerson(), small());
      plantSide('no-payment', o, ['payment-record-missing']);
      sideOf.set(o.orderId, { payment: null });
    }
    {
      const o = makeOrder('NL', startFor(1), newPerson(), small());
      plantSide('no-waybill', o, ['logistics-record-missing']);
      sideOf.set(o.orderId, { logistics: null });
    }
    // Raw ID numbers on all three records, typed differently (spaces, lower-case x, full width,
    // the 15-digit form): the same person, so nothing must fire. A second one differs in the
    // consignee's number only.
    {
      let id = residentId();
      while (!id.endsWith('X')) id = residentId();
      const buyer = newPerson();
      const o = makeOrder('RI', startFor(1), buyer, small());
      o.orderer.idNumber = id;
      o.orderer.name = '张 三';
      plantSide('raw-id', o);
      const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14, 17)}x`;
      const wide = id.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
      sideOf.set(o.orderId, { payment: { payer: { idNumber: spaced, name: '张三' } }, logistics: { consignee: { idNumber: wide, name: '张三' } } });
      const q = newPerson();
      const other = residentId();
      const o2 = makeOrder('RI', startFor(1), q, small());
      o2.orderer.idNumber = id;
      plantSide('raw-id', o2, ['consignee-mismatch']);
      // The payer's number in the first-generation 15-digit form (no century, no check character).
      sideOf.set(o2.orderId, { payment: { payer: { idNumber: `${id.slice(0, 6)}${id.slice(8, 17)}` } }, logistics: { consignee: { idNumber: other } } });
    }

  }
  sidePlanted.sort((a, b) => Date.parse(a.order.time) - Date.parse(b.order.time));
  const merged: GeneratedOrder[] = [];
  let q = 0;
  for (const g of out) {
    while (q < sidePlanted.length && Date.parse(sidePlanted[q]!.order.time) <= Date.parse(g.order.time)) merged.push(sidePlanted[q++]!);
    merged.push(g);
  }
  while (q < sidePlanted.length) merged.push(sidePlanted[q++]!);

  // ---- side records: the filing and one payment and one waybill per order ----
  const filings: FilingRow[] = [];
  for (const c of CATALOGUE) filings.push({ sku: c.sku, priceFen: FILED_OVERRIDES[c.sku] ?? c.priceFen, validFrom: `${year}-01-01` });
  filings.push({ sku: DATED_SKU.sku, priceFen: DATED_SKU.priceFen, validFrom: `${year}-01-01`, validTo: `${year}-06-30` });
  filings.push({ sku: DATED_SKU.sku, priceFen: DATED_SECOND_HALF_FEN, validFrom: `${year}-07-01` });
  const payments: GeneratedPayment[] = [];
  const logistics: GeneratedLogistics[] = [];
  let paymentSerial = 0;
  for (const g of merged) {
    const o = g.order;
    const side = sideOf.get(o.orderId);
    if (side?.payment !== null) {
      payments.push({
        orderId: o.orderId,
        paymentId: `PAY${String(++paymentSerial).padStart(10, '0')}`,
        // Paid one to twenty minutes after ordering, by whoever the order names as payer.
        time: isoShanghai(Date.parse(o.time) + int(60, 1_200) * 1000),
        amountFen: o.paidFen,
        payer: { idHash: o.payer.idHash, ...(o.payer.idHash === o.orderer.idHash ? { nameHash: o.orderer.nameHash } : {}) },
        ...side?.payment,
      });
    }
    if (side?.logistics !== null) {
      logistics.push({ orderId: o.orderId, waybillNo: `YT${o.orderId}`, consignee: { idHash: o.orderer.idHash, nameHash: o.orderer.nameHash }, ...side?.logistics });
    }
  }
  return { orders: merged, watchlist, filings, payments, logistics };
}

function line(c: CatalogueItem, quantity: number): OrderItem {
  const item: OrderItem = { sku: c.sku, name: c.name, priceFen: c.priceFen, quantity };
  if (c.hsCode !== undefined) item.hsCode = c.hsCode;
  if (c.netWeightGrams !== undefined) item.netWeightGrams = c.netWeightGrams;
  return item;
}

function honestFits(h: HonestHistory, c: CatalogueItem, quantity: number, ms: number, goodsSoFar: number): boolean {
  if (goodsSoFar + c.priceFen * quantity > HONEST.perOrderFen) return false;
  if (c.watched) {
    const unitCap = HONEST.units[c.watched];
    if (unitCap !== undefined && (h.units.get(c.watched) ?? 0) + quantity > unitCap) return false;
    const gramCap = HONEST.grams[c.watched];
    const grams = (c.netWeightGrams ?? (c.watched === 'rice' ? 5000 : 0)) * quantity;
    if (gramCap !== undefined && (h.grams.get(c.watched) ?? 0) + grams > gramCap) return false;
  }
  const recent = (h.skus.get(c.sku) ?? []).filter(([t]) => t >= ms - HONEST.resaleWindowMs);
  if (recent.length + 1 > HONEST.resaleMaxOrders) return false;
  if (recent.reduce((s, [, u]) => s + u, 0) + quantity > HONEST.resaleMaxUnits) return false;
  return true;
}

function record(h: HonestHistory, c: CatalogueItem, quantity: number, ms: number): void {
  if (c.watched) {
    h.units.set(c.watched, (h.units.get(c.watched) ?? 0) + quantity);
    const grams = (c.netWeightGrams ?? (c.watched === 'rice' ? 5000 : 0)) * quantity;
    h.grams.set(c.watched, (h.grams.get(c.watched) ?? 0) + grams);
  }
  const list = h.skus.get(c.sku) ?? [];
  list.push([ms, quantity]);
  h.skus.set(c.sku, list);
}

// ---- scoring --------------------------------------------------------------------------------

export interface RuleScore {
  rule: RuleId;
  /** Orders the rule was planted to catch. */
  planted: number;
  fired: number;
  truePositives: number;
  /** truePositives / fired; 1 when the rule never fired. */
  precision: number;
  /** truePositives / planted; 1 when nothing was planted for the rule. */
  recall: number;
  /** Orders not planted for the rule (clean for it), and how many of them it fired on. */
  clean: number;
  falsePositives: number;
  /** falsePositives / clean. */
  falsePositiveRate: number;
}

/** Scores each rule's decisions against the generator's labels (order by order). */
export function scoreRules(
  generated: readonly GeneratedOrder[],
  reasonsOf: (orderId: string) => readonly RuleId[] | undefined,
  rules: readonly RuleId[],
): RuleScore[] {
  const scores = new Map(rules.map((r) => [r, { rule: r, planted: 0, fired: 0, truePositives: 0, precision: 1, recall: 1, clean: 0, falsePositives: 0, falsePositiveRate: 0 }]));
  for (const g of generated) {
    const fired = reasonsOf(g.order.orderId) ?? [];
    for (const r of g.expected) {
      const s = scores.get(r);
      if (s) s.planted++;
    }
    for (const r of fired) {
      const s = scores.get(r);
      if (!s) continue;
      s.fired++;
      if (g.expected.includes(r)) s.truePositives++;
    }
  }
  for (const s of scores.values()) {
    s.precision = s.fired === 0 ? 1 : s.truePositives / s.fired;
    s.recall = s.planted === 0 ? 1 : s.truePositives / s.planted;
    s.clean = generated.length - s.planted;
    s.falsePositives = s.fired - s.truePositives;
    s.falsePositiveRate = s.clean === 0 ? 0 : s.falsePositives / s.clean;
  }
  return [...scores.values()];
}
