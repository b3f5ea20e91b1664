// @vitest-environment happy-dom
// The PWA's verification layer with the real core: trust bundle from a (stubbed) network into
// IndexedDB (fake-indexeddb), receipts verified before they enter the ledger, every demo parcel
// verifying to its intended status, the clock never going back.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { unitDemo, type UnitDemo } from './demo-world.ts';

vi.mock('../../../pwa/src/build-info.ts', async () => {
  const { unitDemo: demo } = await import('./demo-world.ts');
  return { pinnedRoots: (await demo()).roots, bundleShipped: true, buildLabel: 'unit' };
});

let demo: UnitDemo;
let served: string;
const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
  const url = String(input);
  if (url.endsWith('/trust/bundle.txt')) return new Response(served, { status: 200 });
  return new Response('not found', { status: 404 });
});

beforeAll(async () => {
  demo = await unitDemo();
  served = demo.bundleText;
  vi.stubGlobal('fetch', fetchMock);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const load = async () => ({
  verification: await import('../../../pwa/src/verification.ts'),
  trust: await import('../../../pwa/src/trust-store.ts'),
  db: await import('../../../pwa/db/index.ts'),
});

describe('the trust bundle on the device', () => {
  it('downloads, verifies and caches the bundle, with its age', async () => {
    const { trust, db } = await load();
    const state = await trust.trustReady();
    expect(state.status).toBe('ready');
    expect(fetchMock).toHaveBeenCalledWith('/trust/bundle.txt', expect.objectContaining({ cache: 'no-store', credentials: 'omit' }));
    const cached = await db.getMeta<{ text: string; serial: number }>(db.appDatabase(), 'trustBundle');
    expect(cached?.text).toBe(demo.bundleText);
    if (state.status === 'ready') {
      expect(trust.isStale(state.bundle, state.bundle.issuedAt.getTime() + 1000)).toBe(false);
      expect(trust.isStale(state.bundle, state.bundle.issuedAt.getTime() + state.bundle.maxAgeSeconds * 1000 + 1)).toBe(true);
    }
  });

  it.each([
    ['a damaged bundle', (t: string) => t.slice(0, -6) + 'AAAAAA'],
    ['not a bundle at all', () => '<html>captive portal</html>'],
  ])('keeps the good copy when the network serves %s', async (_name, mangle) => {
    const { trust } = await load();
    served = mangle(demo.bundleText);
    try {
      const problem = await trust.refreshTrust();
      expect(problem?.code).toMatch(/bundle\./);
      // Said to the user in words, in both languages (not the code).
      expect(problem?.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(problem?.message.en).not.toMatch(/^bundle\./);
      const state = trust.trustState();
      expect(state.status).toBe('ready');
      expect(state.status === 'ready' && state.bundle.payload).toBe(demo.bundleText);
    } finally {
      served = demo.bundleText;
    }
  });

  it.each([
    [0, 'now'],
    [5 * 60_000, 'minutes'],
    [3 * 3600_000, 'hours'],
    [3 * 86_400_000, 'days'],
  ])('describes an age of %i ms in %s', async (ms, unit) => {
    const { trust } = await load();
    expect(trust.ageParts(new Date(0), ms).unit).toBe(unit);
  });
});

describe('fragments', () => {
  it.each([
    ['%', false, 'scan-not-credential'],
    ['', false, 'scan-empty'],
    ['javascript%3Aalert(1)', false, 'scan-unsupported-scheme'],
    ['CC1:1234', false, 'scan-fragment-invalid'],
  ])('%j → ok=%s %s', async (fragment, ok, code) => {
    const { verification } = await load();
    const parsed = verification.payloadFromFragment(fragment);
    expect(parsed.ok).toBe(ok);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('reads both the URL form (digits) and a percent-encoded bare payload to the same credential', async () => {
    const { verification } = await load();
    const { toVerifyUrl } = await import('../../../shared/credential/index.ts');
    const payload = demo.payload(demo.credentials.find((c) => c.type === 'parcel')!.file);
    const digits = new URL(toVerifyUrl(payload, 'http://localhost/verify')).hash.slice(1);
    expect(verification.payloadFromFragment(digits)).toMatchObject({ ok: true, payload });
    expect(verification.payloadFromFragment(encodeURIComponent(payload))).toMatchObject({ ok: true, payload });
  });
});

describe('receipts and parcels with the real verifier', () => {
  it('refuses a tampered receipt and a parcel offered as a receipt', async () => {
    const { verification, db } = await load();
    const receipt = demo.payload(demo.credentials.find((c) => c.type === 'receipt')!.file);
    const i = 40;
    const tampered = receipt.slice(0, i) + (receipt[i] === 'A' ? 'B' : 'A') + receipt.slice(i + 1);
    const parcel = demo.payload(demo.credentials.find((c) => c.type === 'parcel')!.file);
    for (const bad of [tampered, parcel, 'CC1:', 'javascript:alert(1)']) {
      const result = await db.addReceipt(db.appDatabase(), bad, verification.checkReceipt);
      expect(result.ok, bad.slice(0, 20)).toBe(false);
    }
    expect(await db.appDatabase().orders.count()).toBe(0);
  });

  it('adds the demo consumer’s receipts with their signed figures', async () => {
    const { verification, db } = await load();
    const mine = demo.credentials.filter((c) => c.type === 'receipt' && c.file.startsWith(`${demo.receiptsFolder}/`));
    for (const r of mine) {
      const result = await db.addReceipt(db.appDatabase(), demo.payload(r.file), verification.checkReceipt);
      expect(result.ok).toBe(true);
      const claims = r.claims as { orderId: string; dutiableValueFen: number; taxFen: number };
      const stored = await db.appDatabase().orders.get(claims.orderId);
      expect([stored?.dutiableValueFen, stored?.taxFen, stored?.source]).toEqual([claims.dutiableValueFen, claims.taxFen, 'receipt']);
    }
  });

  /** The demo consumer's owner profile: the ID ending their own receipts were ordered under. */
  const ownerProfile = async () => {
    const { verification, db } = await load();
    await db.setMeta(db.appDatabase(), verification.OWNER_PROFILE_KEY, demo.owner);
  };

  it('verifies every demo parcel to its intended status', async () => {
    const { verification } = await load();
    await ownerProfile();
    const parcels = demo.credentials.filter((c) => c.type === 'parcel');
    expect(parcels.length).toBeGreaterThan(8);
    for (const p of parcels) {
      const outcome = await verification.verifyHere(demo.payload(p.file));
      expect(outcome.kind).toBe('verdict');
      if (outcome.kind !== 'verdict') continue;
      expect(outcome.verdict.status, p.name).toBe(p.expect);
      for (const code of p.expectReasons ?? []) expect(outcome.verdict.reasons.map((r) => r.code), p.name).toContain(code);
    }
  });

  it('remembers the last verification time, so a clock turned back is noticed', async () => {
    const { verification, db } = await load();
    await ownerProfile();
    const parcel = demo.credentials.find((c) => c.expect === 'genuine-yours')!;
    await verification.verifyHere(demo.payload(parcel.file));
    // Written after the verdict is answered, not before.
    await verification.remembered();
    const last = await db.getMeta<string>(db.appDatabase(), 'lastVerifiedAt');
    expect(Date.parse(last!)).toBeGreaterThan(Date.now() - 60_000);
    await db.setMeta(db.appDatabase(), 'lastVerifiedAt', new Date(Date.now() + 10 * 86_400_000).toISOString());
    const outcome = await verification.verifyHere(demo.payload(parcel.file));
    expect(outcome.kind === 'verdict' && outcome.verdict.freshness.clock).toBe('turned-back');
    expect(outcome.kind === 'verdict' && outcome.verdict.status).toBe('check-clock');
  });
});

describe('a check the scanner begins', () => {
  it('is taken by the check route for the same payload, once, and for nothing else', async () => {
    const { verification } = await load();
    const [yours, other] = demo.credentials.filter((c) => c.type === 'parcel');
    const payload = demo.payload(yours!.file);
    const begun = verification.beginVerification(payload);
    expect(verification.verificationFor(payload)).toBe(begun);
    // Taken once: the next visit verifies afresh (the ledger may have changed meanwhile).
    const again = verification.verificationFor(payload);
    expect(again).not.toBe(begun);
    // Another payload, or a label waybill to compare, is a check of its own.
    const otherBegun = verification.beginVerification(payload);
    expect(verification.verificationFor(demo.payload(other!.file))).not.toBe(otherBegun);
    const withLabel = verification.beginVerification(payload);
    expect(verification.verificationFor(payload, { labelWaybill: 'SF0000000000' })).not.toBe(withLabel);
    for (const outcome of await Promise.all([begun, again, otherBegun, withLabel])) expect(outcome.kind).toBe('verdict');
  });

  it('is not used once it has waited too long for its screen', async () => {
    const { verification } = await load();
    const payload = demo.payload(demo.credentials.find((c) => c.type === 'parcel')!.file);
    const begun = verification.beginVerification(payload);
    const now = performance.now();
    const later = vi.spyOn(performance, 'now').mockReturnValue(now + 60_000);
    try {
      expect(verification.verificationFor(payload)).not.toBe(begun);
    } finally {
      later.mockRestore();
    }
    await begun;
  });

  it('sees the clock floors of the verification before it', async () => {
    const { verification, db } = await load();
    const parcel = demo.credentials.find((c) => c.expect === 'genuine-yours')!;
    const first = await verification.verifyHere(demo.payload(parcel.file));
    // No wait here: the next verification's clock reads wait for the first one's writes.
    const second = await verification.verifyHere(demo.payload(parcel.file));
    if (first.kind !== 'verdict' || second.kind !== 'verdict') throw new Error('no verdict');
    expect(Date.parse(second.verdict.freshness.effectiveNow)).toBeGreaterThanOrEqual(Date.parse(first.verdict.freshness.effectiveNow));
    await verification.remembered();
    expect(await db.getMeta<string>(db.appDatabase(), 'lastVerifiedAt')).toBe(second.verdict.freshness.effectiveNow);
  });
});
