// @vitest-environment happy-dom
// "Chinese complete" on the PWA's other screens as a zh-CN user first meets them — home, scan,
// ledger, settings — rendered and their whole text and every label a screen reader hears checked
// for English words with the issue-13 rule (./english-words.ts). The verdict screen has its own
// test (./zh-cn-verdict-screen.test.tsx); the messages themselves ./zh-cn-complete.test.ts.
import 'fake-indexeddb/auto';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ComponentType } from 'preact';
import { Home } from '../../../pwa/src/routes/home.tsx';
import { LedgerRoute } from '../../../pwa/src/routes/ledger.tsx';
import { ScanRoute } from '../../../pwa/src/routes/scan.tsx';
import { SettingsRoute } from '../../../pwa/src/routes/settings.tsx';
import { setLocaleChoice } from '../../../pwa/src/i18n.ts';
import { addManualOrder, appDatabase, setReturned } from '../../../pwa/db/index.ts';
import { englishWords } from './english-words.ts';

vi.mock('workbox-window', () => ({
  Workbox: class {
    addEventListener() {}
    register() {
      return Promise.resolve();
    }
    update() {
      return Promise.resolve();
    }
    messageSkipWaiting() {}
  },
}));

beforeAll(() => setLocaleChoice('zh-CN'));
afterEach(cleanup);
afterAll(() => setLocaleChoice('system'));

/** The text a sighted user reads and the names a screen reader speaks. */
function heard(container: Element): string[] {
  const labels = [...container.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((el) =>
    ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a)).filter((v): v is string => !!v),
  );
  return [container.textContent ?? '', ...labels];
}

describe('the PWA’s screens in zh-CN', () => {
  it.each<[string, ComponentType]>([
    ['home', Home],
    ['scan', ScanRoute],
    ['ledger', LedgerRoute],
    ['settings', SettingsRoute],
  ])('%s: no English word', async (_name, Screen) => {
    const { container } = render(<Screen />);
    await waitFor(() => expect(container.textContent).toMatch(/[\u4e00-\u9fff]/));
    // Let the screen settle (IndexedDB reads, the trust state).
    await new Promise((r) => setTimeout(r, 200));
    expect(heard(container).flatMap((text) => englishWords(text, DATA))).toEqual([]);
  });

  it('ledger with orders: a typed-in order, a returned one, the quota meter and the what-if check', async () => {
    const db = appDatabase();
    const now = new Date();
    for (const [orderId, fen] of [['260601123456', 108_000], ['260601123457', 25_800]] as const) {
      const added = await addManualOrder(db, { orderId, orderedAt: now.toISOString(), dutiableValueFen: fen, taxFen: Math.round(fen * 0.091), merchant: '露米埃官方旗舰店' }, now);
      expect(added.ok).toBe(true);
    }
    await setReturned(db, '260601123457', now.toISOString().slice(0, 10));
    const { container } = render(<LedgerRoute />);
    await waitFor(() => expect(container.querySelector('[data-order-id="260601123457"]')).not.toBeNull());
    await new Promise((r) => setTimeout(r, 200));
    expect(heard(container).flatMap((text) => englishWords(text, DATA))).toEqual([]);
  });
});

/**
 * Not words of ours: the storage figure's unit (Chinese UIs write MB too), the build label a test
 * run has instead of a version ("dev"; a built app shows its version and commit), and each
 * language's name in its own language in the language picker (a reader of that language must be
 * able to find it: "English" stays English in the Chinese UI).
 */
const DATA = ['MB', 'kB', ': dev', 'English'];
