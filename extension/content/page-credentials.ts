// Finds what a page offers as CrossCheck evidence: merchant badges carrying a listing credential
// (`<crosscheck-badge credential="CC1:…">`, issue 6) and receipt elements on order pages
// (`<crosscheck-receipt credential="CC1:…">`). The content script only collects the text; the
// background verifies it against the trust bundle. A page can draw anything it likes, so an element
// that *looks* like our badge but carries no credential is reported too: that is the fake-badge case.

/** Longest payload we pass on; real ones are a few hundred characters (QR version ≤ 12). */
export const MAX_CREDENTIAL_CHARS = 8192;
/** Badges per page we look at; more is itself suspicious and not worth the work. */
export const MAX_BADGES = 8;

export interface PageCredentials {
  /** Elements presenting themselves as a CrossCheck badge (genuine or not). */
  badgeCount: number;
  /** Listing payloads carried by those elements, each trimmed and capped. */
  listings: string[];
}

const PAYLOAD_ATTRIBUTES = ['credential', 'data-credential', 'listing', 'receipt', 'payload', 'data-payload'];
const OUR_OWN = /^crosscheck-(annotation|chip|receipt-offer)$/i;

function payloadOf(el: Element): string | null {
  for (const name of PAYLOAD_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && value.trim()) return value.trim().slice(0, MAX_CREDENTIAL_CHARS);
  }
  // Any attribute that holds a prefixed payload (`CC1:`, or another DCC-style prefix).
  for (const attr of Array.from(el.attributes)) {
    if (/^[A-Z][A-Z0-9]{1,3}:[0-9A-Z $%*+\-./:]{16,}$/.test(attr.value.trim())) {
      return attr.value.trim().slice(0, MAX_CREDENTIAL_CHARS);
    }
  }
  return null;
}

/** Badge-like elements: our element name, or ids/classes that borrow our name. */
function badgeElements(root: ParentNode): Element[] {
  const found = root.querySelectorAll(
    'crosscheck-badge, [data-crosscheck-badge], [id*="crosscheck" i], [class*="crosscheck" i]',
  );
  const out: Element[] = [];
  for (const el of Array.from(found)) {
    if (OUR_OWN.test(el.localName)) continue;
    if (el.closest('crosscheck-annotation, crosscheck-chip')) continue;
    out.push(el);
    if (out.length >= MAX_BADGES) break;
  }
  return out;
}

export function readPageCredentials(root: ParentNode): PageCredentials {
  const badges = badgeElements(root);
  const listings: string[] = [];
  for (const el of badges) {
    const payload = payloadOf(el);
    if (payload && !listings.includes(payload)) listings.push(payload);
  }
  return { badgeCount: badges.length, listings };
}

/** Receipt payloads offered on an order confirmation page. */
export function readPageReceipts(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll('crosscheck-receipt, [data-crosscheck-receipt]'))) {
    const payload = payloadOf(el);
    if (payload && !out.includes(payload)) out.push(payload);
    if (out.length >= MAX_BADGES) break;
  }
  return out;
}
