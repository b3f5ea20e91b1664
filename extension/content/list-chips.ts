// List and search pages: a compact chip per product card (tax rate and whether the order fits the
// quota), without freezing the page:
// - cards are found by the adapter's selector and remembered in a WeakSet (the page's DOM is not
//   marked), read in slices, sent to the background in batches of BATCH_SIZE;
// - chips are inserted in chunks of CHIPS_PER_FRAME per animation frame, so no task runs long
//   (a long task is > 50 ms; a chip costs a few µs);
// - new cards (infinite scroll) are picked up by one MutationObserver whose callback only schedules
//   a scan at idle time (Dark Reader's lesson: do no work inside the observer callback,
//   darkreader/darkreader#2550; Bitwarden's: never rescan on every mutation, bitwarden/clients#20286);
// - the AbortSignal of the page visit stops everything and removes our chips.
import type { CardChip, CardFacts } from '../messages.ts';
import type { SiteAdapter } from './sites/site.ts';

export const CHIP_TAG = 'crosscheck-chip';
export const BATCH_SIZE = 100;
/**
 * At most this many chips per animation frame, and at most FRAME_BUDGET_MS of our script per frame:
 * measured on the 500-card page, 100 chips in one frame cost 56–85 ms with the style and layout they
 * trigger (a long task); 25 stay far below 50 ms.
 */
export const CHIPS_PER_FRAME = 25;
export const FRAME_BUDGET_MS = 4;

export const CHIP_CSS = `:host { all: initial !important; display: inline-block !important; visibility: visible !important;
  margin: 2px 4px !important; font: 11px/1.5 system-ui, "PingFang SC", sans-serif !important; }
span { display: inline-block; padding: 0 6px; border-radius: 999px; border: 1px solid #7f958b; color: #1c2421; background: #f1f6f3; white-space: nowrap; }
:host([data-admission="exceeds-single"]) span, :host([data-admission="exceeds-annual"]) span { border-color: #a4161a; color: #a4161a; }
@media (prefers-color-scheme: dark) { span { color: #e4ece8; background: #16201c; border-color: #3b4a44; } }`;

export type ChipBatchSender = (cards: CardFacts[]) => Promise<CardChip[] | null>;

let sharedSheet: CSSStyleSheet | null | undefined;
/** One constructed sheet shared by every chip; a <style> per chip where adopting is refused. */
function adoptChipStyle(root: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CHIP_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = document.createElement('style');
  style.textContent = CHIP_CSS;
  root.append(style);
}

function makeChip(chip: CardChip): HTMLElement {
  const host = document.createElement(CHIP_TAG);
  host.setAttribute('data-admission', chip.admission);
  host.setAttribute('data-tax-fen', chip.taxFen === null ? '' : String(chip.taxFen));
  const root = host.attachShadow({ mode: 'open' });
  adoptChipStyle(root);
  const span = document.createElement('span');
  span.textContent = chip.text;
  span.title = chip.title;
  root.append(span);
  return host;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const idle = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => resolve(), { timeout: 200 });
      signal.addEventListener('abort', () => cancelIdleCallback(id), { once: true });
    } else setTimeout(resolve, 16);
  });

export function startListChips(adapter: SiteAdapter, send: ChipBatchSender, signal: AbortSignal): { scanned: Promise<void> } {
  const selector = adapter.cardSelector;
  if (!selector || !adapter.readCard) return { scanned: Promise.resolve() };
  const seen = new WeakSet<Element>();
  const chips: HTMLElement[] = [];
  let scanning: Promise<void> | null = null;
  let again = false;

  const insertChips = async (cards: Element[], answers: CardChip[]) => {
    let j = 0;
    while (j < cards.length) {
      if (signal.aborted) return;
      const started = performance.now();
      const end = Math.min(cards.length, j + CHIPS_PER_FRAME);
      for (; j < end && performance.now() - started < FRAME_BUDGET_MS; j++) {
        const card = cards[j]!;
        const answer = answers[j];
        if (!answer || !card.isConnected) continue;
        const chip = makeChip(answer);
        const anchor = adapter.cardAnchor?.(card) ?? null;
        if (anchor) anchor.after(chip);
        else card.append(chip);
        chips.push(chip);
      }
      if (j < cards.length) await nextFrame();
    }
  };

  const scan = async (): Promise<void> => {
    do {
      again = false;
      const fresh = Array.from(document.querySelectorAll(selector)).filter((c) => !seen.has(c));
      for (let i = 0; i < fresh.length && !signal.aborted; i += BATCH_SIZE) {
        const slice = fresh.slice(i, i + BATCH_SIZE);
        const cards: Element[] = [];
        const facts: CardFacts[] = [];
        for (const card of slice) {
          seen.add(card);
          const f = adapter.readCard!(card);
          if (f) {
            cards.push(card);
            facts.push(f);
          }
        }
        if (facts.length === 0) continue;
        const answers = await send(facts);
        if (!answers || signal.aborted) return;
        await insertChips(cards, answers);
      }
    } while (again && !signal.aborted);
  };

  const schedule = () => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = idle(signal)
      .then(scan)
      .finally(() => {
        scanning = null;
      });
  };

  const observer = new MutationObserver((records) => {
    // Our own chips entering the DOM are not news.
    for (const r of records) {
      for (const node of Array.from(r.addedNodes)) {
        if (node.nodeType === 1 && (node as Element).localName !== CHIP_TAG) return schedule();
      }
    }
  });
  observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const chip of chips) chip.remove();
    },
    { once: true },
  );
  // The first scan counts as running, so page mutations meanwhile queue a rescan instead of a
  // second, parallel insertion loop (which would double the chips per frame).
  scanning = scan().finally(() => {
    scanning = null;
  });
  return { scanned: scanning };
}
