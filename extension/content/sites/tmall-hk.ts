// Tmall Global (天猫国际): item pages on detail.tmall.hk, search/list pages, the order confirmation.
//
// Selector sources (saved page: test/fixtures/sites/tmall-hk-*.html):
// - title `.tb-detail-hd h1`: cleoliu/Chat_Robot fun/resource.py (class tmall, TITLE), and the
//   same key in a Taobao/Tmall helper extension in the code index that lists detail.tmall.hk
//   (`keyTitle: ".tb-detail-hd h1 "`, repository not identified).
// - price `.tm-promo-price .tm-price` then `.tm-price`: gainorloss/g-koa service/tmall.js
//   (`waitForSelector('.tm-price')`) and cleoliu/Chat_Robot (`tm-promo-price`/span).
// - the 2023+ React item page uses hashed CSS-module names (`mainTitle--O1XCl8e2`,
//   `text--Mdqy24Ex`, seen in a Selenium TaobaoTmallCrawler in the code index, repository not
//   identified); we match their stable prefixes `[class*="mainTitle--"]`, `[class*="priceText--"]`.
// - quantity `#J_Amount input, .tb-amount input`, parameters `#J_AttrUL li`, list cards
//   `#J_ItemList .product[data-id]` with `.productTitle a`, `.productPrice em`: [background] the
//   long-standing Tmall item and search_product.htm markup; re-check on a live page.
import { cleanHsCode, cleanText, firstOf, parsePriceFen, readQuantity, specRowsFrom, type SiteAdapter } from './site.ts';
import type { ShopPages } from '../../shops.ts';

// Where Tmall Global's content script runs (the manifest's match patterns and host permissions).
export const shop: ShopPages = {
  matches: ['https://detail.tmall.hk/*', 'https://list.tmall.hk/*', 'https://list.tmall.com/search_product.htm*', 'https://buy.tmall.hk/*'],
  exampleUrls: {
    product: ['https://detail.tmall.hk/hk/item.htm?id=609460372468'],
    list: ['https://list.tmall.hk/search_product.htm?q=%E9%9D%A2%E9%9C%9C', 'https://list.tmall.com/search_product.htm?q=%E5%A5%B6%E7%B2%89&tmhkmain=1'],
    order: ['https://buy.tmall.hk/order/confirm_order.htm'],
  },
};

const TITLE = ['.tb-detail-hd h1', '[class*="ItemHeader--mainTitle--"]', '[class*="mainTitle--"]'];
// Promotion price first: it is what the shopper pays; the struck-through list price comes after.
const PRICE = ['.tm-promo-price .tm-price', '#J_PromoPrice .tm-price', '.tm-price', '[class*="Price--priceText--"]', '[class*="priceText--"]'];

export const site: SiteAdapter = {
  id: 'tmall-hk',
  pageKind(url) {
    if (url.hostname === 'detail.tmall.hk') return url.pathname.endsWith('/item.htm') ? 'product' : null;
    if (url.hostname === 'list.tmall.hk' || url.hostname === 'list.tmall.com') return 'list';
    if (url.hostname === 'buy.tmall.hk') return 'order';
    return null;
  },
  readProduct(doc, url) {
    const title = cleanText(firstOf(doc, TITLE)?.textContent);
    if (!title) return null;
    const priceFen = parsePriceFen(firstOf(doc, PRICE)?.textContent);
    const specs = Array.from(doc.querySelectorAll('#J_AttrUL li, #J_AttrList li'), (li) => li.textContent ?? '');
    // A parameter row naming the tariff code (税号 / 海关编码 / HS), as on JD: it decides the tax class.
    const hsCode = cleanHsCode(specs.find((r) => /HS|海关编码|税号|商品编码/i.test(r))?.split(/[:：]/)[1]);
    const productId = url.searchParams.get('id') ?? undefined;
    return {
      title,
      priceFen,
      quantity: readQuantity(doc.querySelector('#J_Amount input, .tb-amount input, input.mui-amount-input')),
      specTexts: specRowsFrom(specs),
      ...(hsCode ? { hsCode } : {}),
      ...(productId && /^\d{1,20}$/.test(productId) ? { productId } : {}),
    };
  },
  priceAnchor(doc) {
    return firstOf(doc, ['#J_PromoPrice', '#J_StrPriceModBox', '[class*="Price--root--"]', ...PRICE]);
  },
  cardSelector: '#J_ItemList .product[data-id]',
  readCard(card) {
    const title = cleanText(card.querySelector('.productTitle a')?.getAttribute('title') ?? card.querySelector('.productTitle')?.textContent);
    if (!title) return null;
    const priceEl = card.querySelector('.productPrice em');
    const id = card.getAttribute('data-id') ?? undefined;
    return {
      title,
      priceFen: parsePriceFen(priceEl?.getAttribute('title') ?? priceEl?.textContent),
      ...(id && /^\d{1,20}$/.test(id) ? { productId: id } : {}),
    };
  },
  cardAnchor(card) {
    return card.querySelector('.productPrice');
  },
};
