// The demo store's pages, rendered from the store model (model.ts). Two shops share these
// templates: the genuine store on the origin its listings name, and a look-alike on another
// origin that copied the same pages, badges included, and added a "flash sale" page with a badge
// script of its own that always says "verified".
//
// Pages are zh-CN by default (a cross-border shop for Chinese consumers) and English with ?lang=en;
// the badge follows the page's lang attribute. All text goes through `html` (escaped).
import { fenToYuan, formatFen } from '../../../shared/money/index.ts';
import { productArt } from './assets.ts';
import { html, jsonLd, raw, type SafeHtml } from './html.ts';
import type { Locale, Localized } from '../../../shared/text/localized.ts';
import type { StoreModel, StoreOrder, StoreParcel, StoreProduct } from './model.ts';

export type StoreLang = Locale;
export type StoreSite = 'store' | 'lookalike';

export interface PageContext {
  site: StoreSite;
  lang: StoreLang;
  /** Base URL of the CrossCheck app that serves badge.js (e.g. http://localhost:4173). */
  appUrl: string;
  model: StoreModel;
}

const T = {
  en: {
    storeName: 'KJ Global Mall',
    lookalikeName: 'KJ GIobal Mall',
    demoNote: 'Demo store for CrossCheck: a fictional shop, nothing here is for sale.',
    home: 'Home',
    orders: 'My orders',
    labels: 'Parcel labels',
    language: '中文',
    products: 'Imported goods, shipped from bonded warehouses',
    taxNote: 'Price excludes cross-border composite tax, charged at checkout.',
    soldBy: 'Sold by',
    addToCart: 'Add to cart',
    marketplace: 'Marketplace sellers',
    flashSale: 'Flash sale',
    orderTitle: 'Thank you, your order is confirmed',
    orderNo: 'Order number',
    item: 'Item',
    qty: 'Qty',
    unitPrice: 'Unit price',
    goods: 'Goods (dutiable value)',
    tax: 'Cross-border composite tax',
    freight: 'Freight',
    paid: 'Paid',
    receiptWhy:
      'Keep your signed receipt: it records what you paid and the tax charged, counts against your annual quota in your own ledger, and lets CrossCheck recognise this order’s parcels as yours.',
    ordersTitle: 'My orders',
    labelsTitle: 'Parcel labels (100 × 150 mm)',
    labelsIntro:
      'Each label carries the parcel credential as a QR code that opens the CrossCheck verify page; the waybill is printed beside it. Print the PDF, or scan the code on screen with the CrossCheck app.',
    expect: 'Expected verdict',
    pdf: 'PDF',
    svg: 'SVG',
    notFound: 'Page not found',
  },
  'zh-CN': {
    storeName: '跨境优选商城',
    lookalikeName: '跨境优选商城',
    demoNote: 'CrossCheck 演示商店：虚构的店铺，所有商品均不出售。',
    home: '首页',
    orders: '我的订单',
    labels: '包裹面单',
    language: 'English',
    products: '进口好物，保税仓发货',
    taxNote: '价格不含跨境电商综合税，结算时收取。',
    soldBy: '商家',
    addToCart: '加入购物车',
    marketplace: '第三方商家',
    flashSale: '限时特卖',
    orderTitle: '感谢您的购买，订单已确认',
    orderNo: '订单号',
    item: '商品',
    qty: '数量',
    unitPrice: '单价',
    goods: '商品（完税价格）',
    tax: '跨境电商综合税',
    freight: '运费',
    paid: '实付',
    receiptWhy: '请保存您的签名收据：它记录您的实付金额和税款，计入您自己账本中的年度额度，并让 CrossCheck 识别此订单的包裹是您的。',
    ordersTitle: '我的订单',
    labelsTitle: '包裹面单（100 × 150 毫米）',
    labelsIntro: '每张面单以二维码承载包裹凭证，扫码即打开 CrossCheck 验证页；运单号印在旁边。可打印 PDF，或用 CrossCheck 应用扫描屏幕上的二维码。',
    expect: '预期结果',
    pdf: 'PDF',
    svg: 'SVG',
    notFound: '页面不存在',
  },
} as const;


function pick(b: Localized, lang: StoreLang): string {
  return b[lang] || b.en;
}

function money(fen: number, lang: StoreLang): string {
  return formatFen(fen, lang);
}

/** Keeps the language across links: ?lang=en only when English. */
function href(path: string, lang: StoreLang): string {
  return lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
}

function shopName(ctx: PageContext): string {
  return ctx.site === 'store' ? T[ctx.lang].storeName : T[ctx.lang].lookalikeName;
}

export function layout(ctx: PageContext, title: string, body: SafeHtml, opts: { head?: SafeHtml; path?: string; badgeScript?: boolean } = {}): string {
  const t = T[ctx.lang];
  const other: StoreLang = ctx.lang === 'en' ? 'zh-CN' : 'en';
  const path = opts.path ?? '/';
  const badgeScript = html`<script type="module" src="${`${ctx.appUrl}/badge.js`}"></script>`;
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${shopName(ctx)}</title>
<link rel="stylesheet" href="/assets/store.css">
${opts.head ?? ''}
${opts.badgeScript === false ? '' : badgeScript}
</head>
<body>
<header class="${ctx.site === 'store' ? 'shop' : 'shop lookalike'}"><div class="bar">
<a class="logo" href="${href('/', ctx.lang)}">${shopName(ctx)}</a>
<nav>
<a href="${href('/', ctx.lang)}">${t.home}</a>
${ctx.site === 'store' ? html`<a href="${href('/orders', ctx.lang)}">${t.orders}</a><a href="${href('/labels', ctx.lang)}">${t.labels}</a>` : ''}
<a href="${href(path, other)}" lang="${other}">${t.language}</a>
</nav></div></header>
${ctx.site === 'store' ? html`<div class="demo-note">${t.demoNote}</div>` : ''}
<main>
${body}
</main>
<footer>${shopName(ctx)} · ${ctx.site === 'store' ? ctx.model.origins.store : ctx.model.origins.lookalike}</footer>
</body>
</html>
`.value;
}

function productTitle(p: StoreProduct, lang: StoreLang): string {
  return lang === 'en' ? p.name : p.nameZh;
}

function card(p: StoreProduct, ctx: PageContext, path = `/products/${p.slug}`): SafeHtml {
  return html`<a class="card" href="${href(path, ctx.lang)}">
<div class="art">${raw(productArt(p.copy.art))}</div>
<div class="name">${productTitle(p, ctx.lang)}</div>
<div class="price">${money(p.priceFen, ctx.lang)}</div>
</a>`;
}

export function homePage(ctx: PageContext): string {
  const t = T[ctx.lang];
  const m = ctx.model;
  const sale = ctx.site === 'lookalike' ? m.products.find((p) => p.slug === 'serum') ?? m.products[0] : undefined;
  const body = html`<h1>${t.products}</h1>
<div class="grid">
${sale ? card({ ...sale, priceFen: Math.round(sale.priceFen / 200) * 100 }, ctx, '/products/flash-sale') : ''}
${m.products.map((p) => card(p, ctx))}
</div>
${ctx.site === 'store' && m.marketplaceOffers.length > 0 ? html`<h2>${t.marketplace}</h2><div class="grid">${m.marketplaceOffers.map((p) => card(p, ctx))}</div>` : ''}`;
  return layout(ctx, t.home, body, { path: '/' });
}

/** schema.org Product with a CNY Offer: what the extension's generic adapter reads. */
function productJsonLd(p: StoreProduct, priceFen: number, ctx: PageContext, path: string): SafeHtml {
  const origin = ctx.site === 'store' ? ctx.model.origins.store : ctx.model.origins.lookalike;
  return jsonLd({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: `${p.nameZh} ${p.name}`,
    gtin13: p.gtin.replace(/^0+(?=\d{13}$)/, ''),
    sku: p.slug,
    description: pick(p.copy.blurb, ctx.lang),
    additionalProperty: p.copy.specs.map((s) => ({ '@type': 'PropertyValue', name: pick(s, ctx.lang), value: s.value })),
    offers: {
      '@type': 'Offer',
      price: fenToYuan(priceFen),
      priceCurrency: 'CNY',
      availability: 'https://schema.org/InStock',
      url: `${origin}${path}`,
      seller: { '@type': 'Organization', name: pick(p.sellerName, ctx.lang) },
    },
  });
}

export interface ProductPageOptions {
  /** Override the price (the look-alike's "flash sale"). */
  priceFen?: number;
  /** The badge element's credential; default: the product's listing. */
  credential?: string;
  /** Use the page's own fake badge script instead of badge.js. */
  fakeBadge?: boolean;
  path?: string;
}

export function productPage(p: StoreProduct, ctx: PageContext, opts: ProductPageOptions = {}): string {
  const t = T[ctx.lang];
  const price = opts.priceFen ?? p.priceFen;
  const path = opts.path ?? `/products/${p.slug}`;
  const head = html`${productJsonLd(p, price, ctx, path)}
${opts.fakeBadge ? html`<script src="/assets/fake-badge.js" defer></script>` : ''}`;
  const body = html`<article class="product">
<div class="art">${raw(productArt(p.copy.art))}</div>
<div>
${opts.fakeBadge ? html`<span class="sale">${t.flashSale} −50%</span>` : ''}
<h1>${productTitle(p, ctx.lang)}</h1>
<p class="en">${ctx.lang === 'en' ? p.nameZh : p.name}</p>
<div class="price">${money(price, ctx.lang)}</div>
<p class="tax-note">${t.taxNote}</p>
<div class="badge-row"><crosscheck-badge credential="${opts.credential ?? p.listing}"></crosscheck-badge></div>
<p>${pick(p.copy.blurb, ctx.lang)}</p>
<table class="specs">${p.copy.specs.map((s) => html`<tr><th>${pick(s, ctx.lang)}</th><td>${s.value}</td></tr>`)}
<tr><th>GTIN</th><td>${p.gtin}</td></tr></table>
<p class="seller">${t.soldBy}: ${pick(p.sellerName, ctx.lang)}</p>
<button class="buy" type="button">${t.addToCart}</button>
</div>
</article>`;
  // The fake page brings its own badge script instead of badge.js.
  return layout(ctx, productTitle(p, ctx.lang), body, { head, path, badgeScript: !opts.fakeBadge });
}

export function orderPage(order: StoreOrder, ctx: PageContext): string {
  const t = T[ctx.lang];
  const body = html`<section class="panel">
<h1>${t.orderTitle}</h1>
<p>${t.orderNo}: <strong>${order.orderId}</strong> · ${order.orderedAt.replace('T', ' ').replace('Z', ' UTC')}</p>
<table class="order">
<thead><tr><th>${t.item}</th><th class="num">${t.qty}</th><th class="num">${t.unitPrice}</th></tr></thead>
<tbody>${order.items.map((i) => html`<tr><td>${i.name}</td><td class="num">${i.quantity}</td><td class="num">${money(i.unitPriceFen, ctx.lang)}</td></tr>`)}</tbody>
<tfoot>
<tr><td colspan="2">${t.goods}</td><td class="num">${money(order.dutiableValueFen, ctx.lang)}</td></tr>
<tr><td colspan="2">${t.tax}</td><td class="num">${money(order.taxFen, ctx.lang)}</td></tr>
<tr><td colspan="2">${t.freight}</td><td class="num">${money(order.freightFen, ctx.lang)}</td></tr>
<tr><th colspan="2">${t.paid}</th><th class="num">${money(order.paidFen, ctx.lang)}</th></tr>
</tfoot>
</table>
<p>${t.receiptWhy}</p>
<crosscheck-receipt credential="${order.receipt}"></crosscheck-receipt>
</section>`;
  return layout(ctx, `${t.orderNo} ${order.orderId}`, body, { path: `/orders/${order.orderId}` });
}

export function ordersPage(ctx: PageContext): string {
  const t = T[ctx.lang];
  const body = html`<section class="panel"><h1>${t.ordersTitle}</h1>
<table class="order"><tbody>${ctx.model.orders.map(
    (o) => html`<tr><td><a href="${href(`/orders/${o.orderId}`, ctx.lang)}">${o.orderId}</a></td><td>${o.items.map((i) => `${i.name} × ${i.quantity}`).join('; ')}</td><td class="num">${money(o.paidFen, ctx.lang)}</td></tr>`,
  )}</tbody></table></section>`;
  return layout(ctx, t.ordersTitle, body, { path: '/orders' });
}

export function labelsPage(ctx: PageContext): string {
  const t = T[ctx.lang];
  const body = html`<section class="panel"><h1>${t.labelsTitle}</h1><p>${t.labelsIntro}</p></section>
<div class="labels">${ctx.model.parcels.map(
    (p: StoreParcel) => html`<figure class="label-card" id="${p.name}">
<a href="/labels/${p.name}.pdf"><img src="/labels/${p.name}.svg" alt="${`${p.labelWaybill} ${p.claims.goods.map((g) => g.name ?? g.gtin).join(', ')}`}" loading="lazy"></a>
<figcaption><p>${pick(p.description, ctx.lang)}</p>
<p>${t.expect}: <span class="expect">${p.expect}</span></p>
<p><a href="/labels/${p.name}.pdf">${t.pdf}</a> · <a href="/labels/${p.name}.svg">${t.svg}</a></p></figcaption>
</figure>`,
  )}</div>`;
  return layout(ctx, t.labelsTitle, body, { path: '/labels' });
}

export function notFoundPage(ctx: PageContext): string {
  const t = T[ctx.lang];
  return layout(ctx, t.notFound, html`<section class="panel"><h1>${t.notFound}</h1><p><a href="${href('/', ctx.lang)}">${t.home}</a></p></section>`);
}

