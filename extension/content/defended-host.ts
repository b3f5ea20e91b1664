// An element of ours on someone else's page, in a CLOSED shadow root that page CSS cannot break:
// - closed: `host.shadowRoot` is null for page script, so it cannot read our text, adopt a
//   stylesheet into the root, or rewrite it; only our own reference from attachShadow reaches it
//   (content scripts run in an isolated world, so a page patching attachShadow does not see it);
// - `:host { all: initial !important }`: in the shadow cascade an !important rule of the shadow tree
//   beats the page's !important rules on the host (CSS Cascade 5 §6.4 "context"), so
//   `crosscheck-annotation { display: none !important }` on the page loses;
// - styles inline in the shadow root (a <style> element), nothing fetched;
// - removed from the page → put back (a page that keeps removing it wins after MAX_REINSERTS: we do
//   not fight a page in a loop);
// - shadow content replaced by page script → re-rendered from our own copy;
// - our data-* attributes changed by the page → restored.
// Closed does not make the text secret from the page — find-in-page and selection still see
// rendered text — so nothing personal is ever put here (see README "What the page can see"), and
// nothing positive: a page can hide this element and draw its own, so a positive word here would
// be worth nothing. Tests read the closed root through the DevTools protocol.

const MAX_REINSERTS = 20;

export interface DefendedHost {
  host: HTMLElement;
  /** Replaces the shadow content (built with DOM calls and textContent only). */
  render(build: (root: ShadowRoot) => void): void;
  setData(attributes: Record<string, string>): void;
  remove(): void;
}

export function mountDefendedHost(
  tag: string,
  css: string,
  place: (host: HTMLElement) => void,
  signal: AbortSignal,
): DefendedHost {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  let data: Record<string, string> = {};
  let lastBuild: ((root: ShadowRoot) => void) | undefined;
  let rendering = false;
  let reinserts = 0;

  const paint = () => {
    rendering = true;
    root.replaceChildren();
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
    lastBuild?.(root);
    // Mutation records for our own writes arrive asynchronously; drop them before re-arming.
    shadowObserver.takeRecords();
    rendering = false;
  };

  const shadowObserver = new MutationObserver(() => {
    if (!rendering && !signal.aborted) paint();
  });
  // Not `open` (a <details> toggling is the user's doing, not an attack).
  shadowObserver.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: ['style', 'class', 'hidden', 'data-s'],
  });

  const attributeObserver = new MutationObserver(() => {
    for (const [name, value] of Object.entries(data)) {
      if (host.getAttribute(name) !== value) host.setAttribute(name, value);
    }
    if (host.hasAttribute('style')) host.removeAttribute('style');
    attributeObserver.takeRecords();
  });
  attributeObserver.observe(host, { attributes: true });

  place(host);
  // Watch the document for our removal (cheap: childList only; the callback checks one flag).
  const removalObserver = new MutationObserver(() => {
    if (host.isConnected || signal.aborted) return;
    if (reinserts++ >= MAX_REINSERTS) return;
    place(host);
  });
  removalObserver.observe(document.documentElement, { childList: true, subtree: true });

  const remove = () => {
    shadowObserver.disconnect();
    attributeObserver.disconnect();
    removalObserver.disconnect();
    host.remove();
  };
  signal.addEventListener('abort', remove, { once: true });

  paint();
  return {
    host,
    render(build) {
      lastBuild = build;
      paint();
    },
    setData(attributes) {
      data = { ...data, ...attributes };
      for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
      attributeObserver.takeRecords();
    },
    remove,
  };
}

/** `<tag class=…>text</tag>`: text is always textContent, never parsed as HTML. */
export function textElement(tag: string, className: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = text;
  return el;
}
