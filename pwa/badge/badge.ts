// badge.js — the custom elements merchants embed, served from the CrossCheck app's own origin:
//
//   <script type="module" src="https://<crosscheck-app>/badge.js"></script>
//   <crosscheck-badge credential="CC1:…listing…"></crosscheck-badge>
//   <crosscheck-receipt credential="CC1:…receipt…"></crosscheck-receipt>
//
// Rules it keeps (issue 6, pwa/badge/README.md):
// - It talks to its own origin only (the one badge.js came from): the trust bundle and its own
//   verifier chunk. No cookies (`credentials: 'omit'`), no storage on the merchant's origin, no
//   analytics. The credential travels to the app only in a URL fragment, which browsers never send
//   to a server (RFC 3986 §3.5).
// - Its box is reserved before anything is verified (fixed width and height on :host, and the same
//   size in the merchant's own CSS before the script loads), so the page never jumps.
// - This file is the small part: elements, styles, texts. The verifier (shared/trust + shared/verdict,
//   the same code every other part runs) is a separate chunk, fetched from the same origin only when a
//   badge is on the page, in parallel with the trust bundle.
// - Styles are a constructed stylesheet (adoptedStyleSheets), which a merchant's CSP `style-src`
//   does not block, unlike a <style> element or a style attribute.
import type { ListingResult, TrustOutcome } from './listing-check.ts';
import { BADGE_SIZE, RECEIPT_SIZE } from './sizes.ts';
import { BADGE_TEXT, DETAILS_LABEL, RECEIPT_TEXT, localeOf, type BadgeState } from './strings.ts';
import type { Locale } from '../../shared/text/localized.ts';


/** Real credentials are a few hundred characters; anything past this is not looked at. */
const MAX_PAYLOAD_CHARS = 8192;
const PAYLOAD_SHAPE = /^CC1:[0-9A-Z $%*+\-./:]+$/;

const appBase = new URL(/* @vite-ignore */ "./", import.meta.url);
const appOrigin = appBase.origin;

function payloadOf(el: Element): string | undefined {
  const value = el.getAttribute('credential')?.trim();
  return value && value.length <= MAX_PAYLOAD_CHARS && PAYLOAD_SHAPE.test(value) ? value : undefined;
}

/** The app page for a credential; the payload rides in the fragment (never sent to a server). */
function appLink(path: '/verify' | '/receipts/import', payload: string): string {
  return `${appOrigin}${path}#${encodeURIComponent(payload)}`;
}

function pageLocale(el: Element): Locale {
  return localeOf(el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
}

/**
 * Whether this page is shown inside a frame of another origin — a look-alike cropping an honest
 * shop's page into its own. A verified listing is then not called verified: the badge can vouch
 * for the page it is on, not for the site around it. Chrome and Safari list the ancestors'
 * origins; elsewhere a top window we may not read is another origin.
 */
function framedByAnotherOrigin(): boolean {
  if (window.top === window.self) return false;
  const ancestors = location.ancestorOrigins as DOMStringList | undefined;
  if (ancestors) {
    for (let i = 0; i < ancestors.length; i++) if (ancestors.item(i) !== location.origin) return true;
    return false;
  }
  try {
    return window.top?.location.origin !== location.origin;
  } catch {
    return true;
  }
}

// ---- the trust bundle and the verifier: one fetch per page, shared by every badge on it.
let trust: Promise<(TrustOutcome & { ok: true }) | { ok: false; code: string }> | undefined;
let verifier: Promise<typeof import('./listing-check.ts')> | undefined;

function loadVerifier() {
  return (verifier ??= import('./listing-check.ts'));
}

function loadTrust() {
  trust ??= (async () => {
    const text = fetch(new URL('/trust/bundle.txt', appBase), { credentials: 'omit', cache: 'no-cache', referrerPolicy: 'no-referrer' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))));
    try {
      const [mod, body] = await Promise.all([loadVerifier(), text]);
      return await mod.openTrust(body);
    } catch {
      return { ok: false as const, code: 'trust.unreachable' };
    }
  })();
  return trust;
}

// ---- styles
type IconName = BadgeState | 'add';

const ICONS: Record<IconName, string> = {
  add: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M12 7v10M7 12h10" stroke="#0b6e4f" stroke-width="2.4" stroke-linecap="round"/>',
  checking: '<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 3"/>',
  verified: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>',
  'wrong-site': '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
  invalid: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/>',
  revoked: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M6.5 12h11" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>',
  expired: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M12 6.5V12l3.5 2.5" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>',
  clock: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M12 6.5V12l3.5 2.5" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>',
  framed: '<circle cx="12" cy="12" r="10" fill="currentColor"/><rect x="7" y="7" width="10" height="10" rx="1.5" fill="none" stroke="#fff" stroke-width="2"/>',
  unavailable: '<circle cx="12" cy="12" r="10" fill="currentColor"/><path d="M12 7v6" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><circle cx="12" cy="16.8" r="1.4" fill="#fff"/>',
};

const BASE_CSS = `
:host{display:inline-block;box-sizing:border-box;contain:strict;overflow:hidden;vertical-align:middle;
font:13px/1.25 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
--cc-tone:#5b6470;--cc-bg:#fff;--cc-ink:#1c2127}
:host([hidden]){display:none}
a,span.box{box-sizing:border-box;display:flex;align-items:center;gap:10px;width:100%;height:100%;padding:0 12px;
border:1.5px solid var(--cc-tone);border-radius:10px;background:var(--cc-bg);color:var(--cc-ink);text-decoration:none}
a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
svg{flex:none;width:26px;height:26px;color:var(--cc-tone)}
.text{display:flex;flex-direction:column;min-width:0}
.title{font-weight:700;color:var(--cc-tone);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sub{font-size:12px;color:#4b5563;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}

`;

const BADGE_CSS = `${BASE_CSS}
:host{width:${BADGE_SIZE.width}px;height:${BADGE_SIZE.height}px}
:host([data-state=verified]){--cc-tone:#0b6e4f;--cc-bg:#f0faf5}
:host([data-state=wrong-site]),:host([data-state=invalid]),:host([data-state=revoked]){--cc-tone:#b42318;--cc-bg:#fef3f2}
:host([data-state=expired]),:host([data-state=clock]),:host([data-state=framed]){--cc-tone:#8a5a00;--cc-bg:#fffaeb}
`;

const RECEIPT_CSS = `${BASE_CSS}
:host{width:${RECEIPT_SIZE.width}px;height:${RECEIPT_SIZE.height}px;--cc-tone:#0b6e4f}
a{background:#0b6e4f;border-color:#0b6e4f;color:#fff;justify-content:center}
a .title{color:#fff}a .sub{color:#d1fae5}a svg{color:#fff}
`;

function sheetFor(css: string): (root: ShadowRoot) => void {
  let sheet: CSSStyleSheet | undefined;
  return (root) => {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
  };
}
const adoptBadgeCss = sheetFor(BADGE_CSS);
const adoptReceiptCss = sheetFor(RECEIPT_CSS);

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The icon, title and sub-title of either element; all text goes in as text, never as HTML. */
function face(root: ShadowRoot, parts: { icon: IconName; title: string; sub: string; href?: string; label: string }): void {
  const box = document.createElement(parts.href ? 'a' : 'span');
  if (box instanceof HTMLAnchorElement && parts.href) {
    box.href = parts.href;
    box.target = '_blank';
    box.rel = 'noopener noreferrer';
    box.referrerPolicy = 'no-referrer';
  } else {
    box.className = 'box';
  }
  box.setAttribute('aria-label', parts.label);
  box.setAttribute('part', 'box');
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  // Fixed markup from ICONS above: no page or credential text ever reaches innerHTML.
  svg.innerHTML = ICONS[parts.icon];
  const text = document.createElement('span');
  text.className = 'text';
  text.setAttribute('aria-live', 'polite');
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = parts.title;
  const sub = document.createElement('span');
  sub.className = 'sub';
  sub.textContent = parts.sub;
  // A space between the lines (not drawn in the flex column): read as words, "Verified listing Sold
  // by …", the visible text is then part of the link's accessible name (WCAG 2.5.3 Label in Name).
  text.append(title, ' ', sub);
  box.append(svg, text);
  root.replaceChildren(box);
}

// ---- <crosscheck-badge credential="CC1:…">
export class CrossCheckBadge extends HTMLElement {
  static observedAttributes = ['credential', 'lang'];
  readonly #root: ShadowRoot;
  #run = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptBadgeCss(this.#root);
  }

  connectedCallback(): void {
    void this.#check();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) void this.#check();
  }

  #show(state: BadgeState, locale: Locale, payload: string | undefined, extra: { seller?: string; product?: string; sentence?: string; status?: string } = {}): void {
    const text = BADGE_TEXT[locale][state];
    const sub = text.sub.replace('{product}', extra.product ?? '').replace('{seller}', extra.seller ?? '');
    this.dataset.state = state;
    if (extra.status) this.dataset.status = extra.status;
    else delete this.dataset.status;
    face(this.#root, {
      icon: state,
      title: text.title,
      sub,
      label: [`CrossCheck: ${text.title}`, sub, extra.sentence, payload ? DETAILS_LABEL[locale] : undefined].filter(Boolean).join('. '),
      ...(payload && { href: appLink('/verify', payload) }),
    });
    // The box is small: a verified badge's whole second line (product · seller) is its tooltip.
    const tooltip = extra.sentence ?? (state === 'verified' ? sub : undefined);
    if (tooltip) this.title = tooltip;
    else this.removeAttribute('title');
  }

  async #check(): Promise<void> {
    const run = ++this.#run;
    const locale = pageLocale(this);
    const payload = payloadOf(this);
    this.#show('checking', locale, payload);
    if (!payload) {
      this.#show('invalid', locale, undefined);
      return;
    }
    const loaded = await loadTrust();
    if (run !== this.#run) return;
    if (!loaded.ok) {
      this.#show('unavailable', locale, payload);
      return;
    }
    let result: ListingResult;
    try {
      const mod = await loadVerifier();
      result = await mod.checkListing(loaded.bundle, payload, location.origin, locale);
    } catch {
      result = { state: 'invalid', status: 'invalid' };
    }
    if (run !== this.#run) return;
    if (result.state === 'verified' && framedByAnotherOrigin()) result = { state: 'framed', status: result.status };
    this.#show(result.state, locale, payload, result);
    this.dispatchEvent(new CustomEvent('crosscheck-verdict', { detail: { state: result.state, status: result.status } }));
  }
}

// ---- <crosscheck-receipt credential="CC1:…">
export class CrossCheckReceipt extends HTMLElement {
  static observedAttributes = ['credential', 'lang'];
  readonly #root: ShadowRoot;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptReceiptCss(this.#root);
  }

  connectedCallback(): void {
    this.#render();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#render();
  }

  // No verification here: the app verifies the receipt when it opens, and adds it only when the
  // consumer confirms (pwa/src/routes/receipt-import.tsx). The element never loads the verifier.
  #render(): void {
    const locale = pageLocale(this);
    const payload = payloadOf(this);
    const t = RECEIPT_TEXT[locale];
    this.dataset.state = payload ? 'ready' : 'invalid';
    face(this.#root, {
      icon: payload ? 'add' : 'unavailable',
      title: payload ? t.add : t.missing,
      sub: payload ? t.hint : '',
      label: payload ? `${t.add}. ${t.hint}` : t.missing,
      ...(payload && { href: appLink('/receipts/import', payload) }),
    });
  }
}

// A page may load badge.js twice (two widgets, a tag manager): define once, never throw.
for (const [name, element] of [
  ['crosscheck-badge', CrossCheckBadge],
  ['crosscheck-receipt', CrossCheckReceipt],
] as const) {
  if (!customElements.get(name)) customElements.define(name, element);
}
