// JD Worldwide (京东国际): item pages on npcitem.jd.hk and item.jd.hk, search pages on
// search.jd.hk, the order confirmation on trade.jd.hk.
//
// Selector sources (saved page: test/fixtures/sites/jd-hk-*.html):
// - title `.sku-name`, price `.summary-price .p-price .price`: a jiguo.com price-comparison
//   extension script in the code index (`My$('.sku-name')`, `.summary-price.J-summary-price .dd
//   .p-price`, repository not identified) and a JD memory-price test in the code index
//   (`".summary-price .p-price .price": "¥1,899.00"`); older pages used `#name h1` and `#jd-price`
//   (duyhoan/add-on scripts/crawlers/jdcrawler.js), kept as fallbacks.
// - parameters `.p-parameter .parameter2 li`: a Ruby JD crawler in the code index
//   (`query_selector_all('.parameter2 li')`) and `#detail .p-parameter` in a Python crawler's
//   `_DETAIL_SCOPE_SELECTORS` (repositories not identified).
// - list cards `li.gl-item[data-sku]`, `.p-name a em`, `.p-price strong i` / `.J_price`:
//   Daniel-Shu/phone-price get-phone-price.py (`li.gl-item`, `data-sku`),
//   jay97lh/spiderman lxmlSpider.py (`div.p-name > a > em`, `<strong class="J_price"><em>¥</em><i>`),
//   iYuanzz/relwarcDJ myGAND.py (`li.gl-item`).
// - quantity `#buy-num`: [background] the JD item page's quantity box; re-check on a live page.
import { cleanHsCode, cleanText, firstOf, parsePriceFen, readQuantity, specRowsFrom, type SiteAdapter } from './site.ts';
import type { ShopPages } from '../../shops.ts';

// Where JD Worldwide's content script runs (the manifest's match patterns and host permissions).
export const shop: ShopPages = {
  matches: ['https://npcitem.jd.hk/*', 'https://item.jd.hk/*', 'https://search.jd.hk/*', 'https://trade.jd.hk/*'],
  exampleUrls: {
    product: ['https://npcitem.jd.hk/100012043978.html', 'https://item.jd.hk/5001208.html'],
    list: ['https://search.jd.hk/Search?keyword=%E5%A5%B6%E7%B2%89&enc=utf-8'],
    order: ['https://trade.jd.hk/shopping/order/getOrderInfo.action'],
  },
};

const ITEM_HOSTS = new Set(['npcitem.jd.hk', 'item.jd.hk']);

export const site: SiteAdapter = {
  id: 'jd-hk',
  pageKind(url) {
    if (ITEM_HOSTS.has(url.hostname)) return /^\/\d{1,20}\.html$/.test(url.pathname) ? 'product' : null;
    if (url.hostname === 'search.jd.hk') return 'list';
    if (url.hostname === 'trade.jd.hk') return 'order';
    return null;
  },
  readProduct(doc, url) {
    const title = cleanText(firstOf(doc, ['.sku-name', '#name h1'])?.textContent);
    if (!title) return null;
    const priceFen = parsePriceFen(
      firstOf(doc, ['.summary-price .p-price .price', '.p-price .price', '#jd-price'])?.textContent,
    );
    const rows = Array.from(doc.querySelectorAll('.p-parameter .parameter2 li, .p-parameter li'), (li) => li.textContent ?? '');
    const hsRow = rows.find((r) => /HS|海关编码|税号/i.test(r));
    const hsCode = cleanHsCode(hsRow?.split(/[:：]/)[1]);
    const productId = /^\/(\d{1,20})\.html$/.exec(url.pathname)?.[1];
    return {
      title,
      priceFen,
      quantity: readQuantity(doc.querySelector('#buy-num')),
      specTexts: specRowsFrom(rows),
      ...(hsCode ? { hsCode } : {}),
      ...(productId ? { productId } : {}),
    };
  },
  priceAnchor(doc) {
    return firstOf(doc, ['.summary-price .p-price', '.p-price', '#jd-price']);
  },
  cardSelector: 'li.gl-item[data-sku]',
  readCard(card) {
    const title = cleanText(firstOf(card, ['.p-name a em', '.p-name em'])?.textContent);
    if (!title) return null;
    const id = card.getAttribute('data-sku') ?? undefined;
    return {
      title,
      priceFen: parsePriceFen(firstOf(card, ['.p-price strong i', '.p-price .J_price'])?.textContent),
      ...(id && /^\d{1,20}$/.test(id) ? { productId: id } : {}),
    };
  },
  cardAnchor(card) {
    return card.querySelector('.p-price');
  },
};
