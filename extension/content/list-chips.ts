// List and search pages: a compact chip per product card (the tax rate under the public rules, or
// "over limit" for one order over the per-order limit), without freezing the page. Nothing personal:
// the page can set any card's price and read the chip back, so no chip depends on the ledger, and
// no chip carries a title or an attribute beyond the public tax figure.
//
// What costs main-thread time here is not our script but the frames our DOM writes cause. Measured
// on the 500-card Tmall page (main-thread CPU time, 2 shared vCPUs): every frame in which chips
// appear re-runs layout, pre-paint, paint and compositing inputs of the whole list, ≈ 10–15 ms,
// almost whatever the number of chips (≈ 0.06 ms each); 500 chips spread 25 per frame over 20
// frames cost ≈ 215 ms, the same 500 in one frame ≈ 40 ms; one chip per card drawn as each card
// scrolls in costs ≈ 580 ms over a scroll through the page. So the rule is: few frames, not few
// chips.
// - Every card gets its `<crosscheck-chip data-tax-fen hidden>` at once: the figures
//   are on the card, but a display:none element gets no layout box, so the 500 cost style work
//   only (≈ 5 ms), no layout and no paint.
// - Chips are drawn (shadow root, text, shown) group by group: DRAW_GROUP cards in page order, drawn
//   together in one write — one frame — when any of the group's sentinels (every SENTINEL_EVERY-th
//   card and its last) comes within a viewport of the visible part (IntersectionObserver). The
//   first screen is one frame of work; a scroll through 500 cards adds 500 / DRAW_GROUP - 1 more.
//   Watching sentinels rather than every card also keeps the observer's per-frame geometry work
//   small while scrolling.
// - Cards are read in idle periods (requestIdleCallback, the deadline checked after each card, never
//   more than MAX_SLICE_MS in a row), with DOM reads that need no layout (textContent,
//   getAttribute, querySelector); we never read layout at all, so no write is followed by a forced
//   synchronous layout.
// - The background is asked once per distinct (title, price): list pages repeat products (ads,
//   "more from this shop"), and the same title and price give the same chip.
// - New cards (infinite scroll) are picked up by one MutationObserver whose callback only schedules
//   a scan at idle time (Dark Reader's lesson: do no work inside the observer callback,
//   darkreader/darkreader#2550; Bitwarden's: never rescan on every mutation, bitwarden/clients#20286).
// - The AbortSignal of the page visit stops everything and removes our chips.
import type { CardChip, CardFacts } from '../messages.ts';
import type { SiteAdapter } from './sites/site.ts';

export const CHIP_TAG = 'crosscheck-chip';
/** Distinct cards per background request (messages.ts caps a request at 200). */
export const BATCH_SIZE = 200;
/** A card counts as near when it is within one viewport height above or below the visible part. */
export const NEAR_MARGIN = '100% 0px';
/**
 * Cards drawn together (one frame of layout and paint for all of them): 100 are 20 rows of Tmall's
 * 5-column grid, ≈ 8 screens, ≈ 2 ms of our script. Measured over a scroll through 500 cards
 * (extra main-thread CPU time): one frame per card ≈ 580 ms, groups of 10 ≈ 430, of 40 ≈ 190,
 * of 60 ≈ 125 — each frame with new chips costs ≈ 12 ms whatever their number.
 */
export const DRAW_GROUP = 100;
/**
 * Every this-many-th card of a group is watched (plus its last): a card in view is then at most this
 * many cards from a watched one — within the one-viewport margin even in a one-column list.
 */
export const SENTINEL_EVERY = 8;
/** Our longest slice of reading or drawing: far below the 50 ms of a long task, even on a slow CPU. */
export const MAX_SLICE_MS = 6;
/**
 * Our shortest slice: idle periods while a page loads are often under a millisecond, and a slice
 * per card would spend more on scheduling callbacks than on the cards (measured: 500 idle
 * callbacks ≈ 12 ms for 500 cards read in ≈ 5 ms).
 */
export const MIN_SLICE_MS = 3;

// All !important on :host: in the shadow cascade an !important rule of the shadow tree beats the
// page's !important rules on the host (CSS Cascade 5 §6.4 "context"), so page CSS cannot hide,
// recolour or resize a drawn chip. The text is the shadow root's only node: nothing for page CSS to
// reach and one layout box per chip.
export const CHIP_CSS = `:host { all: initial !important; display: inline-block !important; visibility: visible !important;
  margin: 2px 4px !important; padding: 0 6px !important; border-radius: 999px !important; white-space: nowrap !important;
  font: 11px/1.5 system-ui, "PingFang SC", sans-serif !important;
  border: 1px solid #7f958b !important; color: #1c2421 !important; background: #f1f6f3 !important; }
:host([data-over-limit]) { border-color: #a4161a !important; color: #a4161a !important; }
@media (prefers-color-scheme: dark) { :host { color: #e4ece8 !important; background: #16201c !important; border-color: #3b4a44 !important; }
  :host([data-over-limit]) { border-color: #ff8a80 !important; color: #ff8a80 !important; } }`;

export type ChipBatchSender = (cards: CardFacts[]) => Promise<CardChip[] | null>;

/** Watches cards and reports those that come near the viewport. */
export interface NearWatcher {
  watch(card: Element): void;
  unwatch(card: Element): void;
  disconnect(): void;
}

/** The browser facilities the chips are scheduled with (replaced in unit tests). */
export interface ChipScheduling {
  /** Resolves in an idle period with a function telling how many ms of it are left (at once when aborted). */
  idle(signal: AbortSignal): Promise<() => number>;
  /** Null when the browser cannot tell what is near the viewport: then every chip is drawn. */
  watchNear(near: (cards: Element[]) => void): NearWatcher | null;
  /** The next animation frame (to spread drawing when very many cards come near at once). */
  nextFrame(): Promise<void>;
}

export function browserScheduling(): ChipScheduling {
  return {
    idle: (signal) =>
      new Promise((resolve) => {
        if (typeof requestIdleCallback !== 'function') {
          const start = performance.now();
          setTimeout(() => resolve(() => MIN_SLICE_MS - (performance.now() - start)), 16);
          return;
        }
        const id = requestIdleCallback(
          (deadline) => {
            // The slice is the idle time left, but at least MIN_SLICE_MS (a callback forced by the
            // timeout has none left) and at most MAX_SLICE_MS.
            const start = performance.now();
            const budget = Math.max(MIN_SLICE_MS, Math.min(MAX_SLICE_MS, deadline.didTimeout ? 0 : deadline.timeRemaining()));
            resolve(() => budget - (performance.now() - start));
          },
          { timeout: 200 },
        );
        signal.addEventListener(
          'abort',
          () => {
            cancelIdleCallback(id);
            resolve(() => 0);
          },
          { once: true },
        );
      }),
    watchNear(near) {
      if (typeof IntersectionObserver !== 'function') return null;
      const observer = new IntersectionObserver(
        (entries) => {
          const cards: Element[] = [];
          for (const e of entries) if (e.isIntersecting) cards.push(e.target);
          if (cards.length > 0) near(cards);
        },
        { rootMargin: NEAR_MARGIN },
      );
      return {
        watch: (card) => observer.observe(card),
        unwatch: (card) => observer.unobserve(card),
        disconnect: () => observer.disconnect(),
      };
    },
    nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => resolve())),
  };
}

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

/** The undrawn chip: the public figures as attributes, no box (hidden = display:none until drawn). */
function makeChip(chip: CardChip): HTMLElement {
  const host = document.createElement(CHIP_TAG);
  host.hidden = true;
  host.setAttribute('data-tax-fen', chip.taxFen === null ? '' : String(chip.taxFen));
  if (chip.overLimit) host.setAttribute('data-over-limit', '');
  return host;
}

/** Shows the chip, in a closed shadow root: page text (from the background, which got it from the page) only as text. */
function drawChip(host: HTMLElement, chip: CardChip): void {
  const root = host.attachShadow({ mode: 'closed' });
  adoptChipStyle(root);
  root.append(document.createTextNode(chip.text));
  host.hidden = false;
}

/** Same title and price, same chip: the key of the per-visit answer cache. */
const keyOf = (facts: CardFacts) => `${facts.priceFen ?? ''}\n${facts.title}`;

export interface ListChips {
  /** Resolves when the first scan has put a chip (drawn or not) on every card it found. */
  scanned: Promise<void>;
}

export function startListChips(
  adapter: SiteAdapter,
  send: ChipBatchSender,
  signal: AbortSignal,
  scheduling: ChipScheduling = browserScheduling(),
): ListChips {
  const selector = adapter.cardSelector;
  const readCard = adapter.readCard;
  if (!selector || !readCard) return { scanned: Promise.resolve() };
  const seen = new WeakSet<Element>();
  /** Every chip we put on the page (removed when the visit ends). */
  const chips: HTMLElement[] = [];
  /** Undrawn chips by card, with what to draw. */
  const undrawn = new WeakMap<Element, { host: HTMLElement; chip: CardChip }>();
  const answers = new Map<string, CardChip>();
  let scanning: Promise<void> | null = null;
  let again = false;

  // Drawing: the groups whose sentinels came near, in one task (one frame of layout and paint for
  // all of them), at most MAX_SLICE_MS per task; the rest, if any, in the following frames.
  const toDraw: Element[] = [];
  let drawing = false;
  const drawQueued = async () => {
    drawing = true;
    while (toDraw.length > 0 && !signal.aborted) {
      const started = performance.now();
      do {
        const card = toDraw.shift()!;
        const entry = undrawn.get(card);
        if (!entry) continue;
        undrawn.delete(card);
        if (entry.host.isConnected) drawChip(entry.host, entry.chip);
      } while (toDraw.length > 0 && performance.now() - started < MAX_SLICE_MS);
      if (toDraw.length > 0) await scheduling.nextFrame();
    }
    drawing = false;
  };
  const draw = (cards: Element[]) => {
    toDraw.push(...cards);
    if (!drawing) void drawQueued();
  };

  interface Group {
    cards: Element[];
    drawn: boolean;
  }
  const groupOf = new WeakMap<Element, Group>();
  let open: Group = { cards: [], drawn: false };
  let lastWatched: Element | null = null;

  const watcher = scheduling.watchNear((sentinels) => {
    const cards: Element[] = [];
    for (const sentinel of sentinels) {
      const group = groupOf.get(sentinel);
      if (!group || group.drawn) continue;
      group.drawn = true;
      for (const card of group.cards) {
        watcher?.unwatch(card);
        cards.push(card);
      }
    }
    if (cards.length > 0) draw(cards);
  });

  /** Puts the undrawn chip on the card and the card in the open group. */
  const place = (card: Element, chip: CardChip): boolean => {
    if (!card.isConnected) return false;
    const host = makeChip(chip);
    const anchor = adapter.cardAnchor?.(card) ?? null;
    if (anchor) anchor.after(host);
    else card.append(host);
    chips.push(host);
    undrawn.set(card, { host, chip });
    if (open.cards.length >= DRAW_GROUP) open = { cards: [], drawn: false };
    open.cards.push(card);
    groupOf.set(card, open);
    return true;
  };

  /**
   * After a batch is placed (so the observer only ever sees whole groups): its sentinels are
   * watched — every SENTINEL_EVERY-th card of a group and the last card placed. Cards that joined a
   * group already drawn (the last group, growing with infinite scroll) are drawn now, together;
   * without an IntersectionObserver every chip is.
   */
  const settle = (placed: Element[]) => {
    const now: Element[] = [];
    for (const card of placed) {
      const group = groupOf.get(card)!;
      if (!watcher || group.drawn) now.push(card);
      else if (group.cards.indexOf(card) % SENTINEL_EVERY === 0) {
        watcher.watch(card);
        lastWatched = card;
      }
    }
    const last = open.cards.at(-1);
    if (watcher && last && !open.drawn && last !== lastWatched) {
      watcher.watch(last);
      lastWatched = last;
    }
    if (now.length > 0) draw(now);
  };

  /** Reads `cards` from `from` on, in idle slices, until BATCH_SIZE new distinct facts are found. */
  const readSome = async (cards: Element[], from: number, read: { card: Element; key: string }[], ask: Map<string, CardFacts>) => {
    let i = from;
    while (i < cards.length && ask.size < BATCH_SIZE && !signal.aborted) {
      const timeLeft = await scheduling.idle(signal);
      do {
        const card = cards[i++]!;
        const facts = readCard(card);
        if (!facts) continue;
        const key = keyOf(facts);
        read.push({ card, key });
        if (!answers.has(key) && !ask.has(key)) ask.set(key, facts);
      } while (i < cards.length && ask.size < BATCH_SIZE && timeLeft() > 0);
    }
    return i;
  };

  const scan = async (): Promise<void> => {
    do {
      again = false;
      const fresh = Array.from(document.querySelectorAll(selector)).filter((c) => !seen.has(c));
      for (const card of fresh) seen.add(card);
      let i = 0;
      while (i < fresh.length && !signal.aborted) {
        const read: { card: Element; key: string }[] = [];
        const ask = new Map<string, CardFacts>();
        i = await readSome(fresh, i, read, ask);
        if (signal.aborted) return;
        if (ask.size > 0) {
          const got = await send([...ask.values()]);
          if (!got || signal.aborted) return;
          [...ask.keys()].forEach((key, j) => answers.set(key, got[j]!));
        }
        // Placing undrawn chips is style work only; still, no more than one slice per task.
        const placed: Element[] = [];
        let j = 0;
        while (j < read.length && !signal.aborted) {
          const timeLeft = await scheduling.idle(signal);
          do {
            const { card, key } = read[j++]!;
            if (place(card, answers.get(key)!)) placed.push(card);
          } while (j < read.length && timeLeft() > 0);
          // The records queued during this synchronous slice are our own insertions (page script
          // cannot run inside it): drop them rather than have the observer sift 500 of them.
          observer.takeRecords();
        }
        if (!signal.aborted) settle(placed);
      }
    } while (again && !signal.aborted);
  };

  const schedule = () => {
    if (scanning) {
      again = true;
      return;
    }
    // Even the query for new cards waits for an idle period: nothing runs inside the observer callback.
    scanning = scheduling
      .idle(signal)
      .then(scan)
      .finally(() => {
        scanning = null;
      });
  };

  const observer = new MutationObserver((records) => {
    // Our own chips entering the DOM are not news.
    for (const r of records) {
      const added = r.addedNodes;
      for (let k = 0; k < added.length; k++) {
        const node = added[k]!;
        if (node.nodeType === 1 && (node as Element).localName !== CHIP_TAG) return schedule();
      }
    }
  });
  observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      watcher?.disconnect();
      toDraw.length = 0;
      for (const chip of chips) chip.remove();
    },
    { once: true },
  );
  // One scan at a time: page mutations during a scan queue one rescan, never a parallel scan.
  schedule();
  return { scanned: scanning ?? Promise.resolve() };
}
