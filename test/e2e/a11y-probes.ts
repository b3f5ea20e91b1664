/* oxlint-disable no-underscore-dangle -- __liveLog, __liveId: globals the probe sets on purpose */
// What the accessibility tests measure in a real page: axe-core (from node_modules, evaluated
// through DevTools so the page's CSP does not apply, no CDN), a recorder of every text each live
// region holds, which element has focus and whether it shows it, and sideways scroll.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core's violations on the page as it is now (WCAG 2.2 A/AA rules and best practices). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[]; failureSummary: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`) }));
  });
}

/** The violations that fail a test: axe's serious and critical ones. */
export const blocking = (findings: AxeFinding[]) => findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

export interface LiveEntry {
  /** One number per element, for the page's life: the same number is the same element. */
  id: number;
  text: string;
}

/**
 * Before any page script runs: record every text each live region (aria-live, role=status/alert)
 * holds, in order, with a number per element — a region replaced by a new one gets a new number.
 */
export async function recordLiveRegions(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __liveLog: LiveEntry[]; __liveId: (el: Element) => number };
    const ids = new WeakMap<Element, number>();
    let next = 0;
    const last = new Map<number, string>();
    w.__liveLog = [];
    w.__liveId = (el) => {
      if (!ids.has(el)) ids.set(el, ++next);
      return ids.get(el)!;
    };
    const record = () => {
      for (const el of document.querySelectorAll('[aria-live], [role="status"], [role="alert"]')) {
        const id = w.__liveId(el);
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (last.get(id) !== text) {
          last.set(id, text);
          w.__liveLog.push({ id, text });
        }
      }
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** The texts the element matched by `selector` held, in order, since the page loaded. */
export async function liveTextsOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((q) => {
    const w = window as unknown as { __liveLog: LiveEntry[]; __liveId: (el: Element) => number };
    const el = document.querySelector(q);
    if (!el) return [];
    const id = w.__liveId(el);
    return w.__liveLog.filter((e) => e.id === id).map((e) => e.text);
  }, selector);
}

/** What has focus: its tag, id, the data attributes the tests select by, and its text. */
export async function focused(page: Page): Promise<{ tag: string; id: string; text: string; data: Record<string, string> }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', id: '', text: '', data: {} };
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim(), data: { ...el.dataset } as Record<string, string> };
  });
}

/**
 * Tabs through the page from the top and returns each control that got focus without a visible
 * indicator (an outline of at least 2 px, or — for an input hidden under its label — the label's).
 */
export async function controlsWithoutVisibleFocus(page: Page, maxStops = 120): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator('body').focus().catch(() => {});
  const missing: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as (HTMLElement & { tabbedTo?: boolean }) | null;
      if (!el || el === document.body) return undefined;
      // Back at a control already seen: the whole page has been tabbed through.
      if (el.tabbedTo) return { key: '', visible: true, rect: true, again: true };
      el.tabbedTo = true;
      const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
      const shows = (e: Element) => {
        const s = getComputedStyle(e);
        return s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2;
      };
      // An input drawn as its label (the photo and file pickers): the label must show the focus.
      // Hidden means clipped away or at most one pixel wide or high (its own outline cannot be seen).
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const hidden = style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath !== 'none' || box.width <= 1 || box.height <= 1;
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
      const indicator = hidden && label ? label : el;
      return { key: describe(el), visible: shows(indicator), rect: indicator.getBoundingClientRect().width > 1, again: false };
    });
    if (!stop) continue;
    if (stop.again) break;
    if (!stop.visible || !stop.rect) missing.push(stop.key);
  }
  return missing;
}

/** How far the page scrolls sideways (0 when it reflows), and the widest element that sticks out. */
export async function sidewaysScroll(page: Page): Promise<{ overflowPx: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflowPx = root.scrollWidth - root.clientWidth;
    let widest = '';
    let right = root.clientWidth;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > right + 0.5 && r.width > 0) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').trim().slice(0, 30)}" → ${Math.round(r.right)} px`;
      }
    }
    return { overflowPx, widest };
  });
}
