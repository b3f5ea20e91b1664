// @vitest-environment happy-dom
// "Chinese complete" on the PWA's verdict screen as a zh-CN user meets it: every demo parcel's real
// verdict rendered (banner, warnings, evidence, custody timeline, filing, the checks and their
// marks' spoken names), and its whole text — and every aria-label — checked for English words with
// the issue-13 rule (./english-words.ts). What the parcel itself carries in Latin letters (its GTIN
// digits, waybill, declaration and order numbers, batch, filing references, party ids the trust
// data does not name) is data, taken out before the check.
import 'fake-indexeddb/auto';
import { cleanup, render } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrustBundle } from '../../../shared/trust/bundle.ts';
import { verifyCredential, type Verdict } from '../../../shared/verdict/index.ts';
import { VerdictView } from '../../../pwa/src/components/verdict-view.tsx';
import { GoodsCheck } from '../../../pwa/src/components/goods-check.tsx';
import { ReceiptPanel } from '../../../pwa/src/routes/receipt-import.tsx';
import { setLocaleChoice } from '../../../pwa/src/i18n.ts';
import { demoParcelVerdicts, unitDemo, type UnitDemo } from '../pwa/demo-world.ts';
import { englishWords } from './english-words.ts';

let demo: UnitDemo;
let bundle: TrustBundle;
let verdicts: Map<string, Verdict>;
const receiptVerdicts = new Map<string, { payload: string; verdict: Verdict }>();

beforeAll(async () => {
  demo = await unitDemo();
  ({ bundle, verdicts } = await demoParcelVerdicts(demo));
  for (const r of demo.credentials.filter((c) => c.type === 'receipt')) {
    const payload = demo.payload(r.file);
    receiptVerdicts.set(r.name, { payload, verdict: await verifyCredential(payload, { bundle, receipts: [], owner: demo.owner, now: new Date() }) });
  }
  setLocaleChoice('zh-CN');
}, 120_000);
afterEach(cleanup);
afterAll(() => setLocaleChoice('system'));

/** Every string value in the signed claims and the verdict's reason details: the parcel's own data. */
function dataOf(verdict: Verdict): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(verdict.claims);
  for (const r of verdict.reasons) walk(r.detail);
  // Filing references the trust data gives the parties.
  for (const issuer of bundle.issuers.values()) if (issuer.filing?.reference) out.push(issuer.filing.reference);
  return out;
}

describe('the verdict screen in zh-CN', () => {
  it('every demo parcel: no English word in its text or in what a screen reader hears', () => {
    expect(verdicts.size).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const [name, verdict] of verdicts) {
      const { container, unmount } = render(<VerdictView verdict={verdict} bundle={bundle} />);
      const data = dataOf(verdict);
      const spoken = [...container.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') ?? '');
      for (const text of [container.textContent ?? '', ...spoken]) {
        const words = englishWords(text, data);
        if (words.length > 0) problems.push(`${name}: ${[...new Set(words)].join(', ')}`);
      }
      unmount();
    }
    expect(problems).toEqual([]);
  });

  it('every demo receipt on the receipt screen, and the second scan’s panel under a parcel', async () => {
    expect(receiptVerdicts.size).toBeGreaterThan(1);
    const problems: string[] = [];
    const check = (name: string, container: Element, data: string[]) => {
      expect(container.textContent, name).toMatch(/[\u4e00-\u9fff]{4}/);
      const spoken = [...container.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) => [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title')]);
      for (const text of [container.textContent ?? '', ...spoken]) {
        const words = englishWords(text ?? '', data);
        if (words.length > 0) problems.push(`${name}: ${[...new Set(words)].join(', ')}`);
      }
    };
    for (const [name, { payload, verdict }] of receiptVerdicts) {
      const { container, unmount } = render(<ReceiptPanel payload={payload} outcome={{ kind: 'verdict', verdict, payload, bundle }} />);
      await new Promise((r) => setTimeout(r, 100)); // the ledger and owner look-ups
      check(name, container, dataOf(verdict));
      unmount();
    }
    const parcel = [...verdicts.values()].find((v) => v.claims?.type === 'parcel')!;
    const { container } = render(<GoodsCheck parcel={parcel.claims as Parameters<typeof GoodsCheck>[0]['parcel']} />);
    check('goods check', container, dataOf(parcel));
    expect(problems).toEqual([]);
  });

  it('names the check marks in Chinese for screen readers (not ok/bad/none)', () => {
    const verdict = [...verdicts.values()].find((v) => v.status === 'genuine-yours') ?? [...verdicts.values()][0]!;
    const { container } = render(<VerdictView verdict={verdict} bundle={bundle} />);
    const marks = [...container.querySelectorAll('.checks .mark')];
    expect(marks.length).toBeGreaterThan(2);
    for (const mark of marks) {
      expect(mark.getAttribute('role')).toBe('img');
      expect(['通过', '需注意', '未通过', '未核对']).toContain(mark.getAttribute('aria-label'));
    }
  });
});
