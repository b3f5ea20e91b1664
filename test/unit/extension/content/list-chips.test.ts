// @vitest-environment happy-dom
// List-page chips (extension/content/list-chips.ts) in happy-dom with the Tmall adapter and a
// scheduler the test drives: which cards the "viewport" reaches is the test's decision, idle time is
// a number the test sets. The background is a recording function that answers from the facts it
// gets (the chip text carries the title, so a chip on the wrong card shows).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardChip, CardFacts } from '../../../../extension/messages.ts';
import {
  BATCH_SIZE,
  CHIP_TAG,
  DRAW_GROUP,
  SENTINEL_EVERY,
  startListChips,
  type ChipScheduling,
} from '../../../../extension/content/list-chips.ts';
import { site as tmallHk } from '../../../../extension/content/sites/tmall-hk.ts';

interface Sample {
  title: string;
  price: string;
}
const SAMPLES: Sample[] = [
  { title: '兰蔻 Lancome 小黑瓶 精华肌底液 50ml', price: '1080.00' },
  { title: 'a2 Platinum 白金版 婴幼儿配方奶粉 3段 900g', price: '258.00' },
  { title: 'SK-II 神仙水 护肤精华露 230ml 3瓶装', price: '5999.00' },
  { title: 'Comvita 康维他 麦卢卡蜂蜜 UMF5+ 250g', price: '89.90' },
];

/** A Tmall card (the markup of test/fixtures/sites/tmall-hk-list.html), built with DOM calls. */
function card(id: number, sample: Sample): HTMLElement {
  const product = document.createElement('div');
  product.className = 'product';
  product.setAttribute('data-id', String(id));
  const price = document.createElement('p');
  price.className = 'productPrice';
  const em = document.createElement('em');
  em.setAttribute('title', sample.price);
  em.textContent = `¥${sample.price}`;
  price.append(em);
  const title = document.createElement('p');
  title.className = 'productTitle';
  const a = document.createElement('a');
  a.setAttribute('title', sample.title);
  a.textContent = sample.title;
  title.append(a);
  product.append(price, title);
  return product;
}

let nextId = 700_000_000_000;
function addCards(n: number, samples: Sample[] = SAMPLES): HTMLElement[] {
  const list = document.getElementById('J_ItemList')!;
  const added = Array.from({ length: n }, (_, i) => card(nextId++, samples[i % samples.length]!));
  list.append(...added);
  return added;
}

/** The background: one chip per facts, in order, its text naming the title and price it was for. */
function recordingSender(answer: (f: CardFacts) => CardChip | null = (f) => ({
  text: `${f.priceFen}:${f.title}`,
  overLimit: (f.priceFen ?? 0) > 500_000,
  taxFen: f.priceFen === null ? null : Math.round(f.priceFen * 0.091),
})) {
  const calls: CardFacts[][] = [];
  const send = async (cards: CardFacts[]) => {
    calls.push(cards);
    const chips = cards.map(answer);
    return chips.every((c) => c !== null) ? (chips as CardChip[]) : null;
  };
  return { calls, send };
}

/**
 * Idle periods of `idleMs` each (counted), a viewport the test moves, frames that resolve at once
 * (drawing past its time slice continues in a microtask: tests await `settle()` after `reach`).
 */
function testScheduling(options: { idleMs?: number; intersection?: boolean } = {}) {
  let near: ((cards: Element[]) => void) | null = null;
  const watched = new Set<Element>();
  const state = { idleCalls: 0, idleMs: options.idleMs ?? 50 };
  const scheduling: ChipScheduling = {
    async idle() {
      state.idleCalls++;
      let left = state.idleMs;
      // Each call of timeLeft() "spends" a millisecond, so a slice ends after idleMs cards.
      return () => left--;
    },
    watchNear(cb) {
      if (options.intersection === false) return null;
      near = cb;
      return { watch: (c) => watched.add(c), unwatch: (c) => watched.delete(c), disconnect: () => watched.clear() };
    },
    nextFrame: () => Promise.resolve(),
  };
  /** The viewport reaches `cards`: the observer reports those of them it watches. */
  const reach = (cards: Element[]) => {
    const hit = cards.filter((c) => watched.has(c));
    if (hit.length > 0) near?.(hit);
  };
  return { scheduling, watched, state, reach };
}

const chipOf = (c: Element) => c.querySelector(CHIP_TAG) as HTMLElement | null;
/** Closed shadow roots as our code got them (the test patches attachShadow; the page cannot). */
const closedRoots = new WeakMap<Element, ShadowRoot>();
const attachShadow = HTMLElement.prototype.attachShadow;
HTMLElement.prototype.attachShadow = function (this: HTMLElement, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  closedRoots.set(this, root);
  return root;
};

const drawn = () => Array.from(document.querySelectorAll(CHIP_TAG)).filter((c) => !(c as HTMLElement).hidden);
const settle = () => new Promise((r) => setTimeout(r, 0));

let controller: AbortController;
beforeEach(() => {
  document.body.innerHTML = '<div id="J_ItemList"></div>';
  controller = new AbortController();
});
afterEach(() => controller.abort());

describe('every card gets its chip, drawn only when near the viewport', () => {
  it('500 cards: each carries its own figures at once, hidden; nothing is drawn before the viewport reaches it', async () => {
    const cards = addCards(500);
    const bg = recordingSender();
    const t = testScheduling();
    await startListChips(tmallHk, bg.send, controller.signal, t.scheduling).scanned;
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(500);
    cards.forEach((c, i) => {
      const s = SAMPLES[i % SAMPLES.length]!;
      const fen = Math.round(Number(s.price) * 100);
      const chip = chipOf(c)!;
      // Right card, right figures, right place (after the price, as the adapter's anchor says).
      expect(chip.previousElementSibling?.className).toBe('productPrice');
      expect(chip.getAttribute('data-tax-fen')).toBe(String(Math.round(fen * 0.091)));
      expect(chip.hasAttribute('data-over-limit')).toBe(fen > 500_000);
      expect(chip.hidden).toBe(true);
      expect(closedRoots.get(chip)).toBeUndefined();
    });
    expect(drawn()).toHaveLength(0);
  });

  it('only sentinels are watched: every SENTINEL_EVERY-th card of each group and the last card', async () => {
    const cards = addCards(500);
    const t = testScheduling();
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    const expected = cards.filter((_, i) => (i % DRAW_GROUP) % SENTINEL_EVERY === 0 || i === cards.length - 1);
    expect([...t.watched]).toEqual(expected);
    expect(t.watched.size).toBeLessThan(cards.length / 5);
  });

  it.each<[string, number, [number, number]]>([
    ['the first card of the first group', 0, [0, DRAW_GROUP]],
    ['a sentinel in the middle of the third group', 2 * DRAW_GROUP + SENTINEL_EVERY, [2 * DRAW_GROUP, 3 * DRAW_GROUP]],
    ['the last card of the page', 499, [Math.floor(499 / DRAW_GROUP) * DRAW_GROUP, 500]],
  ])('reaching %s draws its whole group in one go, and only that group', async (_, index, [from, to]) => {
    const cards = addCards(500);
    const t = testScheduling();
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    t.reach([cards[index]!]);
    await settle();
    const shown = drawn();
    expect(shown).toEqual(cards.slice(from, to).map(chipOf));
    // The group's sentinels are no longer watched; the other groups' still are.
    expect(cards.slice(from, to).some((c) => t.watched.has(c))).toBe(false);
    expect(t.watched.size).toBeGreaterThan(0);
    // Reaching it again draws nothing twice.
    t.reach(cards.slice(from, to));
    await settle();
    expect(drawn()).toHaveLength(to - from);
  });

  it('a drawn chip is the background text in a closed shadow root, as text only, with no tooltip', async () => {
    const hostile = { title: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>面霜 50ml', price: '199.00' };
    const [c] = addCards(1, [hostile]);
    const t = testScheduling();
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    t.reach([c!]);
    await settle();
    const chip = chipOf(c!)!;
    expect(chip.hidden).toBe(false);
    expect(chip.shadowRoot).toBeNull(); // closed: page script cannot reach it
    expect(closedRoots.get(chip)?.textContent).toBe(`19900:${hostile.title}`);
    expect(closedRoots.get(chip)?.querySelectorAll('*').length).toBe(0);
    expect(chip.hasAttribute('title')).toBe(false);
    expect(chip.getAttributeNames().toSorted()).toEqual(['data-tax-fen']);
  });

  it('without an IntersectionObserver every chip is drawn', async () => {
    addCards(30);
    const t = testScheduling({ intersection: false });
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    expect(drawn()).toHaveLength(30);
  });
});

describe('the background is asked little', () => {
  it('once per distinct title and price: 500 cards of 4 products are one request of 4', async () => {
    addCards(500);
    const bg = recordingSender();
    await startListChips(tmallHk, bg.send, controller.signal, testScheduling().scheduling).scanned;
    expect(bg.calls).toHaveLength(1);
    expect(bg.calls[0]!.map((f) => f.title)).toEqual(SAMPLES.map((s) => s.title));
  });

  it(`in requests of at most ${BATCH_SIZE} distinct cards`, async () => {
    const distinct = Array.from({ length: 450 }, (_, i) => ({ title: `商品 ${i}`, price: `${i + 1}.00` }));
    addCards(450, distinct);
    const bg = recordingSender();
    await startListChips(tmallHk, bg.send, controller.signal, testScheduling().scheduling).scanned;
    expect(bg.calls.map((c) => c.length)).toEqual([200, 200, 50]);
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(450);
  });

  it('the same product added later by infinite scroll is answered from the cache', async () => {
    addCards(8);
    const bg = recordingSender();
    const t = testScheduling();
    const chips = startListChips(tmallHk, bg.send, controller.signal, t.scheduling);
    await chips.scanned;
    addCards(100);
    await settle();
    await settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(108);
    expect(bg.calls).toHaveLength(1);
  });

  it('no answer (extension reloaded): no chips, no error', async () => {
    addCards(10);
    const bg = recordingSender(() => null);
    await startListChips(tmallHk, bg.send, controller.signal, testScheduling().scheduling).scanned;
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(0);
  });
});

describe('reading in idle slices', () => {
  it.each([
    ['plenty of idle time', 50, 1, 40],
    ['no idle time left (a busy page): still one card per slice', 0, 100, 400],
  ])('%s', async (_, idleMs, minCalls, maxCalls) => {
    addCards(100);
    const t = testScheduling({ idleMs });
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(100);
    expect(t.state.idleCalls).toBeGreaterThanOrEqual(minCalls);
    expect(t.state.idleCalls).toBeLessThanOrEqual(maxCalls);
  });
});

describe('infinite scroll and the end of the visit', () => {
  it('cards appended later get chips; those joining a drawn group are drawn with it', async () => {
    const first = addCards(10);
    const t = testScheduling();
    const chips = startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling);
    await chips.scanned;
    t.reach([first[0]!]);
    await settle();
    expect(drawn()).toHaveLength(10);
    const more = addCards(100);
    await new Promise((r) => setTimeout(r, 20));
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(110);
    // The first group (DRAW_GROUP cards) was already drawn: its newcomers are drawn too; the rest wait.
    expect(drawn()).toHaveLength(DRAW_GROUP);
    t.reach([more[more.length - 1]!]);
    await settle();
    expect(drawn()).toHaveLength(110);
  });

  it('aborting removes every chip, stops watching, and a late answer adds nothing', async () => {
    const cards = addCards(20);
    const t = testScheduling();
    await startListChips(tmallHk, recordingSender().send, controller.signal, t.scheduling).scanned;
    t.reach([cards[0]!]);
    await settle();
    controller.abort();
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(0);
    expect(t.watched.size).toBe(0);

    let release: (v: CardChip[]) => void = () => {};
    const late = new AbortController();
    addCards(5);
    const pending = startListChips(tmallHk, () => new Promise<CardChip[]>((r) => (release = r)), late.signal, testScheduling().scheduling);
    await settle();
    late.abort();
    release(Array.from({ length: 4 }, () => ({ text: 'x', overLimit: false, taxFen: 1 })));
    await pending.scanned;
    expect(document.querySelectorAll(CHIP_TAG)).toHaveLength(0);
  });
});
