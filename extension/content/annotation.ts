// The product-page annotation: `<crosscheck-annotation data-status data-tax-fen>` beside the price,
// in a closed shadow root. Public facts only (the tax estimate under the published rules, the
// channel comparison) and negative findings ("badge not genuine"): a positive verdict and every
// ledger figure are shown in the toolbar action and the side panel instead. The background
// computes every figure and sentence; this file only lays them out, as text.
import type { ProductAnnotation } from '../messages.ts';
import { mountDefendedHost, textElement, type DefendedHost } from './defended-host.ts';

export const ANNOTATION_TAG = 'crosscheck-annotation';

// Colours meet WCAG AA on both schemes; the status is also said in words (never colour alone).
export const ANNOTATION_CSS = `
:host { all: initial !important; display: block !important; visibility: visible !important;
  opacity: 1 !important; position: static !important; transform: none !important;
  clip-path: none !important; filter: none !important; pointer-events: auto !important;
  margin: 8px 0 !important; max-width: 520px !important; min-height: 24px !important;
  font: 13px/1.45 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif !important;
  color: #1c2421 !important; color-scheme: light dark; }
.card { border: 1px solid #b9c8c1; border-radius: 8px; padding: 8px 10px; background: #f6faf8; }
.status { display: inline-block; font-weight: 600; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; }
.status[data-s="not-genuine"] { color: #a4161a; }
.status[data-s="neutral"], .status[data-s="pending"] { color: #4a5450; border-style: dashed; font-weight: 400; }
.headline { font-size: 15px; font-weight: 600; margin: 6px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dt { color: #4a5450; } dd { margin: 0; font-variant-numeric: tabular-nums; }
details { margin-top: 4px; } summary { cursor: pointer; color: #0b6e4f; }
.note { color: #4a5450; font-size: 12px; margin: 6px 0 0; }
.brand { font-weight: 700; margin-right: 6px; }
@media (prefers-color-scheme: dark) {
  :host { color: #e4ece8 !important; }
  .card { background: #16201c; border-color: #3b4a44; }
  .status[data-s="not-genuine"] { color: #ff8a80; }
  .status[data-s="neutral"], .status[data-s="pending"], dt, .note { color: #aab8b2; }
  summary { color: #5fd3a5; }
}`;

function rowsList(rows: { label: string; value: string }[]): HTMLElement {
  const dl = document.createElement('dl');
  for (const row of rows) dl.append(textElement('dt', '', row.label), textElement('dd', '', row.value));
  return dl;
}

export function mountAnnotation(place: (host: HTMLElement) => void, signal: AbortSignal, pendingText: string, pendingLang: string): DefendedHost {
  const mounted = mountDefendedHost(ANNOTATION_TAG, ANNOTATION_CSS, place, signal);
  // `lang`: a screen reader speaks "checking…" in its own language even on a page declaring another.
  mounted.setData({ 'data-status': 'pending', lang: pendingLang });
  mounted.render((root) => {
    const card = textElement('div', 'card', '');
    card.append(textElement('span', 'brand', 'CrossCheck'), textElement('span', 'note', pendingText));
    root.append(card);
  });
  return mounted;
}

export function renderAnnotation(mounted: DefendedHost, a: ProductAnnotation): void {
  mounted.setData({
    'data-status': a.status,
    'data-tax-fen': a.taxFen === null ? '' : String(a.taxFen),
    lang: a.locale,
  });
  mounted.render((root) => {
    const card = textElement('div', 'card', '');
    card.setAttribute('role', 'note');
    card.setAttribute('aria-label', 'CrossCheck');
    const head = textElement('div', '', '');
    const status = textElement('span', 'status', a.statusText);
    status.dataset['s'] = a.status;
    head.append(textElement('span', 'brand', 'CrossCheck'), status);
    card.append(head, textElement('div', 'headline', a.headline), rowsList(a.rows));
    if (a.breakdown.length > 0) {
      const details = document.createElement('details');
      details.append(textElement('summary', '', a.breakdownLabel), rowsList(a.breakdown));
      card.append(details);
    }
    if (a.note) card.append(textElement('p', 'note', a.note));
    root.append(card);
  });
}
