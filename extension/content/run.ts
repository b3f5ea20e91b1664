// The content script's life on a page: pick the adapter and page kind, annotate, and start again on
// in-page navigation. Each visit gets an AbortSignal (refined-github's `init(signal)`), aborted when
// the address changes, which removes everything we added and stops every observer.
//
// No network requests here: the only channel out is chrome.runtime messaging to our own background.
import { CardChips, ProductAnnotation, ReceiptNotice, type CardFacts, type ContentToBackground } from '../messages.ts';
import { sendToBackground } from '../platform/runtime.ts';
import { mountAnnotation, renderAnnotation } from './annotation.ts';
import { contentCatalogue, contentLocale } from './catalogue.ts';
import { startListChips } from './list-chips.ts';
import { readPageCredentials, readPageReceipts } from './page-credentials.ts';
import { showReceiptNotice } from './receipt-offer.ts';
import type { ListingFacts, SiteAdapter } from './sites/site.ts';

/** How long we wait for a client-rendered product page to show its title and price. */
const PRODUCT_WAIT_MS = 15_000;

/** The page's declared language (`<html lang>`), sent with every message: what is said on a page follows it. */
function pageLanguage(): string | undefined {
  const lang = document.documentElement.lang.trim();
  return lang ? lang.slice(0, 35) : undefined;
}

function withLang(): { lang?: string } {
  const lang = pageLanguage();
  return lang ? { lang } : {};
}

async function ask<T>(message: ContentToBackground, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Promise<T | null> {
  try {
    const parsed = schema.safeParse(await sendToBackground(message));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null; // extension reloaded or background unavailable: leave the page alone
  }
}

function sameFacts(a: ListingFacts, b: ListingFacts): boolean {
  return a.title === b.title && a.priceFen === b.priceFen && a.quantity === b.quantity;
}

/** Waits until `read` returns something, re-trying on DOM changes (debounced), or gives up. */
function whenReady<T>(read: () => T | null, signal: AbortSignal): Promise<T | null> {
  const first = read();
  if (first) return Promise.resolve(first);
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (value: T | null) => {
      observer.disconnect();
      clearTimeout(giveUp);
      clearTimeout(timer);
      resolve(value);
    };
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const value = read();
        if (value) done(value);
      }, 100);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    const giveUp = setTimeout(() => done(null), PRODUCT_WAIT_MS);
    signal.addEventListener('abort', () => done(null), { once: true });
  });
}

async function annotateProduct(adapters: readonly SiteAdapter[], signal: AbortSignal): Promise<boolean> {
  const url = new URL(location.href);
  // Every adapter that calls this a product page is asked in order (the shop's own markup first,
  // then schema.org); while none can read the page yet, we wait for the DOM to fill in.
  const read = (): { adapter: SiteAdapter; facts: ListingFacts } | null => {
    for (const adapter of adapters) {
      if (adapter.pageKind(url) !== 'product') continue;
      const facts = adapter.readProduct?.(document, url) ?? null;
      if (facts) return { adapter, facts };
    }
    return null;
  };
  const found = await whenReady(read, signal);
  if (!found || signal.aborted) return false;
  const { adapter, facts } = found;
  const readFacts = () => adapter.readProduct?.(document, url) ?? null;

  const place = (host: HTMLElement) => {
    const anchor = adapter.priceAnchor?.(document);
    if (anchor?.parentNode) anchor.after(host);
    else (document.body ?? document.documentElement).prepend(host);
  };
  const pending = contentLocale(pageLanguage(), navigator.language);
  const mounted = mountAnnotation(place, signal, contentCatalogue[pending].pending, pending);
  let current = facts;

  const annotate = async (f: ListingFacts) => {
    const credentials = readPageCredentials(document);
    const answer = await ask(
      {
        type: 'cs-bg-annotate-product',
        origin: location.origin,
        ...withLang(),
        siteId: adapter.id,
        facts: f,
        badgeCount: credentials.badgeCount,
        listings: credentials.listings,
      },
      ProductAnnotation,
    );
    if (answer && !signal.aborted && f === current) renderAnnotation(mounted, answer);
  };
  await annotate(facts);

  // The price changes when the shopper picks another variant or quantity: follow it (debounced).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const follow = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = readFacts();
      if (next && !sameFacts(next, current)) {
        current = next;
        void annotate(next);
      }
    }, 300);
  });
  follow.observe(document.body ?? document.documentElement, { subtree: true, characterData: true, childList: true, attributes: true, attributeFilter: ['value'] });
  signal.addEventListener('abort', () => {
    follow.disconnect();
    clearTimeout(timer);
  }, { once: true });
  return true;
}

async function chipsFromBackground(cards: CardFacts[]) {
  const answer = await ask({ type: 'cs-bg-annotate-cards', origin: location.origin, ...withLang(), cards }, CardChips);
  return answer && answer.chips.length === cards.length ? answer.chips : null;
}

function chipsFor(adapter: SiteAdapter, signal: AbortSignal): void {
  startListChips(adapter, chipsFromBackground, signal);
}

async function offerReceipts(signal: AbortSignal): Promise<void> {
  const receipts = readPageReceipts(document);
  if (receipts.length === 0) return;
  // The background keeps them for this tab's side panel; the page gets one neutral notice.
  const notice = await ask({ type: 'cs-bg-offer-receipts', origin: location.origin, ...withLang(), receipts }, ReceiptNotice);
  if (!notice || signal.aborted) return;
  showReceiptNotice(document.querySelector('crosscheck-receipt, [data-crosscheck-receipt]'), notice, signal);
}

async function visit(adapters: readonly SiteAdapter[], signal: AbortSignal): Promise<void> {
  const url = new URL(location.href);
  void offerReceipts(signal);
  const lister = adapters.find((a) => a.pageKind(url) === 'list' && a.cardSelector);
  if (lister) {
    chipsFor(lister, signal);
    return;
  }
  if (adapters.some((a) => a.pageKind(url) === 'product')) await annotateProduct(adapters, signal);
}

/** Entry point of every content script: `startContentScript([shopAdapter, generic])`. */
export function startContentScript(adapters: readonly SiteAdapter[]): void {
  let controller = new AbortController();
  let href = location.href;
  void visit(adapters, controller.signal);

  const onNavigation = () => {
    if (location.href === href) return;
    href = location.href;
    controller.abort();
    controller = new AbortController();
    void visit(adapters, controller.signal);
  };
  // Single-page shops change the address with history.pushState, which content scripts cannot
  // hook (isolated world); the Navigation API reports it where Chrome has it (102+), popstate covers
  // back/forward, and a cheap address check on DOM changes covers the rest.
  addEventListener('popstate', onNavigation);
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  nav?.addEventListener('navigatesuccess', onNavigation);
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onNavigation();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
}
