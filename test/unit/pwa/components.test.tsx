// @vitest-environment happy-dom
// Components with @testing-library/preact: the result screen for real verdicts of every demo
// parcel, the quota meter, the home screen's paste box and the update prompt.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrustBundle } from '../../../shared/trust/bundle.ts';
import type { Verdict } from '../../../shared/verdict/index.ts';
import { VerdictView, toneOf } from '../../../pwa/src/components/verdict-view.tsx';
import { QuotaMeter } from '../../../pwa/src/components/quota-meter.tsx';
import { chinaYear } from '../../../shared/policy/index.ts';
import { yearSummary } from '../../../pwa/src/quota-view.ts';
import { setLocaleChoice } from '../../../pwa/src/i18n.ts';
import { demoParcelVerdicts, unitDemo, type UnitDemo } from './demo-world.ts';

// Capture the workbox-window listeners so the test can play the part of a waiting new worker.
const workbox = vi.hoisted(() => ({ listeners: new Map<string, (e: unknown) => void>(), skipWaiting: 0 }));
vi.mock('workbox-window', () => ({
  Workbox: class {
    addEventListener(type: string, fn: (e: unknown) => void) {
      workbox.listeners.set(type, fn);
    }
    register() {
      return Promise.resolve();
    }
    update() {
      return Promise.resolve();
    }
    messageSkipWaiting() {
      workbox.skipWaiting++;
    }
  },
}));

let demo: UnitDemo;
let bundle: TrustBundle;
let verdicts: Map<string, Verdict>;

beforeAll(async () => {
  demo = await unitDemo();
  ({ bundle, verdicts } = await demoParcelVerdicts(demo));
  setLocaleChoice('en');
});
afterEach(cleanup);

describe('the result screen', () => {
  it('renders every demo parcel verdict with its status, an icon and a sentence, announced', async () => {
    for (const p of demo.credentials.filter((c) => c.type === 'parcel')) {
      const verdict = verdicts.get(p.name)!;
      const { container, unmount } = render(<VerdictView verdict={verdict} bundle={bundle} />);
      const banner = container.querySelector('[data-verdict]')!;
      expect(banner.getAttribute('data-verdict'), p.name).toBe(p.expect);
      expect(banner.getAttribute('aria-live')).toBe('polite');
      expect(banner.getAttribute('role')).toBe('status');
      expect(banner.classList.contains(`tone-${toneOf(verdict.status)}`)).toBe(true);
      expect(banner.querySelector('svg')).not.toBeNull();
      expect(banner.querySelector('.sentence')!.textContent!.length).toBeGreaterThan(5);
      for (const code of p.expectReasons ?? []) {
        const shown = container.querySelector(`[data-warning="${code}"]`) ?? container.querySelector(`[data-reason="${code}"]`);
        expect(shown, `${p.name}: ${code}`).not.toBeNull();
      }
      // Evidence only for parcels whose signature holds; a tampered one shows none.
      const signed = verdict.signature === 'valid';
      expect(container.querySelector('[data-custody]') !== null, p.name).toBe(signed);
      expect(container.querySelectorAll('[data-checks] li').length).toBeGreaterThanOrEqual(3);
      unmount();
    }
  });

  it('shows declared value beside what was paid, and the custody steps in order', () => {
    const p = demo.credentials.find((c) => (c.expectReasons ?? []).includes('value.under-declared'))!;
    const verdict = verdicts.get(p.name)!;
    const { container } = render(<VerdictView verdict={{ ...verdict, binding: { ...verdict.binding, paidFen: 123_456 } }} bundle={bundle} />);
    const claims = p.claims as { declaredValueFen: number };
    expect(container.querySelector('[data-fact="declared"]')!.getAttribute('data-fen')).toBe(String(claims.declaredValueFen));
    expect(container.querySelector('[data-fact="paid"]')!.textContent).toBe('CN¥1,234.56');
    expect([...container.querySelectorAll('[data-custody] li')].map((li) => li.getAttribute('data-step'))).toEqual([
      'brand-authorization',
      'customs-filing',
      'declaration',
      'bonded-warehouse',
      'logistics',
    ]);
  });

  it('shows each party\'s customs filing with its reference, on the evidence and the custody timeline', () => {
    const p = demo.credentials.find((c) => c.expect === 'genuine-yours')!;
    const { container } = render(<VerdictView verdict={verdicts.get(p.name)!} bundle={bundle} />);
    const rows = [...container.querySelectorAll('[data-fact="filing"] li')].map((li) => [li.getAttribute('data-filing-role'), li.getAttribute('data-filing-status'), li.getAttribute('data-filing-reference')]);
    expect(rows).toEqual([
      ['importer', 'filed', '4403960HBR'],
      ['seller', 'filed', '3105966LUM'],
      ['warehouse', 'filed', '4403W60QHB'],
      ['logistics', 'filed', '4403980SFE'],
    ]);
    expect(container.querySelector('[data-fact="filing"]')!.textContent).toContain('Importer · Harbour Imports Ltd. · filed · reference 4403960HBR');
    // The timeline's filing step is no longer blank for a filed importer, and the warehouse and carrier show theirs.
    const step = (name: string) => container.querySelector(`[data-custody] li[data-step="${name}"]`)!;
    expect(step('customs-filing').getAttribute('data-stated')).toBe('yes');
    expect(step('customs-filing').querySelector('[data-filing]')!.getAttribute('data-filing-reference')).toBe('4403960HBR');
    expect(step('bonded-warehouse').querySelector('[data-filing]')!.getAttribute('data-filing')).toBe('filed');
    expect(step('logistics').querySelector('[data-filing]')!.textContent).toContain('4403980SFE');
  });

  it('shows an unfiled importer as not filed, in Chinese too', () => {
    const p = demo.credentials.find((c) => (c.expectReasons ?? []).includes('filing.unfiled'))!;
    setLocaleChoice('zh-CN');
    try {
      const { container } = render(<VerdictView verdict={verdicts.get(p.name)!} bundle={bundle} />);
      const importer = container.querySelector('[data-fact="filing"] li[data-filing-role="importer"]')!;
      expect(importer.getAttribute('data-filing-status')).toBe('unfiled');
      expect(importer.textContent).toContain('未备案');
      const step = container.querySelector('[data-custody] li[data-step="customs-filing"]')!;
      expect(step.getAttribute('data-stated')).toBe('no');
    } finally {
      setLocaleChoice('en');
    }
  });

  it('speaks Chinese when the language is switched', async () => {
    const p = demo.credentials.find((c) => c.expect === 'revoked')!;
    setLocaleChoice('zh-CN');
    try {
      render(<VerdictView verdict={verdicts.get(p.name)!} bundle={bundle} />);
      expect(screen.getByRole('status').textContent).toMatch(/吊销/);
      expect(document.documentElement.lang).toBe('zh-CN');
    } finally {
      setLocaleChoice('en');
    }
  });
});

describe('quota meter', () => {
  it.each([
    [0, '0'],
    [1_300_000, '50'],
    [3_000_000, '100'],
  ])('with %i fen used fills %s %%', (used, width) => {
    const orders = used
      ? [{ orderId: 'A', source: 'manual' as const, orderedAt: new Date().toISOString(), dutiableValueFen: used, taxFen: 0, items: [], addedAt: new Date().toISOString() }]
      : [];
    const summary = yearSummary(orders, chinaYear(Date.now()));
    const { container } = render(<QuotaMeter summary={summary} />);
    const meter = container.querySelector('[role="meter"]')!;
    expect(meter.getAttribute('aria-valuenow')).toBe(String(summary.usage.usedFen));
    expect((meter.querySelector('span') as HTMLElement).style.width).toBe(`${width}%`);
    expect(meter.classList.contains('over')).toBe(summary.usage.usedFen > summary.annualLimitFen);
  });
});

describe('home screen', () => {
  it.each([
    ['javascript:alert(1)', '/verify', '#javascript%3Aalert(1)'],
    // Another site's URL keeps the whole text in the fragment, so the check route can name its host.
    ['https://label.example/verify#CC1:00042', '/verify', `#${encodeURIComponent('https://label.example/verify#CC1:00042')}`],
    ['CC1:ABC', '/verify', '#CC1%3AABC'],
  ])('a pasted %j goes to the verify screen, in the app', async (text, path, hash) => {
    history.replaceState(null, '', '/');
    const { Home } = await import('../../../pwa/src/routes/home.tsx');
    render(<Home />);
    fireEvent.input(screen.getByLabelText('Paste a code or a verify link'), { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(location.pathname).toBe(path);
    expect(location.hash).toBe(hash);
  });

  it('asks for a code when the box is empty', async () => {
    history.replaceState(null, '', '/');
    const { Home } = await import('../../../pwa/src/routes/home.tsx');
    render(<Home />);
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByRole('alert').textContent).toBe('Paste a code first.');
    expect(location.pathname).toBe('/');
  });
});

describe('update prompt', () => {
  it('appears when a new version waits, and asks it to take over only when accepted', async () => {
    Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {} });
    vi.stubEnv('DEV', false); // registration is skipped on the dev server
    const sw = await import('../../../pwa/src/service-worker.ts');
    const { UpdatePrompt } = await import('../../../pwa/src/components/update-prompt.tsx');
    sw.registerServiceWorker();
    render(<UpdatePrompt />);
    expect(screen.queryByRole('alert')).toBeNull();
    workbox.listeners.get('waiting')!({});
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('A new version of CrossCheck is ready.'));
    expect(workbox.skipWaiting).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(workbox.skipWaiting).toBe(1);
    expect(workbox.listeners.has('controlling')).toBe(true);
  });
});
