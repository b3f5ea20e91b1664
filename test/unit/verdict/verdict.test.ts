import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustBundle } from '../../../shared/trust/index.ts';
import {
  REASON_CODES,
  REASONS,
  STATUS_MESSAGES,
  STATUS_PRECEDENCE,
  verifyCredential,
  verifyReceipt,
  type VerdictStatus,
} from '../../../shared/verdict/index.ts';
import { at, makeLoadedWorld, OWNER, SCENARIOS, runCase, type World } from './scenarios.ts';

let world: World;
let bundle: TrustBundle;

beforeAll(async () => {
  ({ world, bundle } = await makeLoadedWorld());
});


describe('verdict scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const verdict = await runCase(await scenario.build(world), bundle);
    expect({ status: verdict.status, codes: [...new Set(verdict.reasons.map((r) => r.code))].toSorted() }).toEqual({
      status: scenario.status,
      codes: scenario.codes,
    });
    // The parts agree with the reasons, and warnings are exactly the warning-severity reasons.
    expect(verdict.warnings).toEqual(verdict.reasons.filter((r) => r.severity === 'warning'));
    if (verdict.status.startsWith('genuine')) expect(verdict.signature).toBe('valid');
    if (verdict.signature !== 'valid') expect(verdict.status).toMatch(/invalid|unknown-issuer/);
  });

  it('covers every reason code and every status at least once', () => {
    const codes = new Set(SCENARIOS.flatMap((s) => s.codes));
    expect(REASON_CODES.filter((c) => !codes.has(c))).toEqual([]);
    const statuses = new Set(SCENARIOS.map((s) => s.status));
    expect((Object.keys(STATUS_MESSAGES) as VerdictStatus[]).filter((s) => !statuses.has(s))).toEqual([]);
  });
});

describe('verdict details', () => {
  it('binds to the receipt that opens the commitment and reports its order', async () => {
    const v = await verifyCredential(await world.parcel(), { bundle, now: new Date(at(0)), receipts: [(await world.receipt({ orderId: 'MY-ORDER' })).payload], owner: OWNER });
    expect(v.binding).toEqual({ state: 'yours', orderId: 'MY-ORDER', paidFen: 68_000 });
    expect(v.issuer).toMatchObject({ state: 'trusted', id: 'qhwh', roles: ['warehouse'] });
    expect(v.brand).toMatchObject({ state: 'authorized', brands: ['lumiere'], authorizations: ['auth-1'] });
    expect(v.claims?.type).toBe('parcel');
  });

  it('accepts receipts as verified claims (from the ledger) as well as payloads', async () => {
    const r = await verifyReceipt((await world.receipt()).payload, { bundle, now: new Date(at(0)) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = await verifyCredential(await world.parcel(), { bundle, now: new Date(at(0)), receipts: [r.claims], owner: OWNER });
    expect(v.status).toBe('genuine-yours');
  });

  it('never lets the clock go below the bundle or the last verification', async () => {
    const v = await verifyCredential(await world.parcel(), { bundle, now: new Date(at(-50 * 86_400)), lastVerifiedAt: new Date(at(3600)) });
    expect(v.freshness).toMatchObject({ clock: 'turned-back', effectiveNow: at(3600) });
    expect(v.status).toBe('check-clock');
  });

  it('reports the bundle age it used', async () => {
    const v = await verifyCredential(await world.parcel(), { bundle, now: new Date(at(0)) });
    expect(v.freshness).toMatchObject({ state: 'fresh', clock: 'ok', bundleIssuedAt: at(-86_400), bundleAgeSeconds: 86_400, maxAgeSeconds: 30 * 86_400 });
  });

  it('has an en and a zh-CN sentence for every reason, with details filled in', () => {
    for (const code of REASON_CODES) {
      const spec = REASONS[code];
      const detail = { stage: 's', code: 'c', nameEn: 'N', nameZh: 'N', gtin: '1', seller: 's', declaredFen: 100, paidFen: 200, role: 'importer', party: 'p' };
      expect(spec.en(detail).length, code).toBeGreaterThan(10);
      expect(spec['zh-CN'](detail), code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(STATUS_PRECEDENCE[0]).toBe('invalid');
  });

  it.each([
    ['empty', ''],
    ['not a credential', 'hello'],
    ['other prefix', 'HC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE'],
    ['binary junk', '\u0000\u0001\uffff'],
    ['huge', `CC1:${'A'.repeat(100_000)}`],
  ])('hostile input (%s) is an invalid verdict, never a throw', async (_name, text) => {
    const v = await verifyCredential(text, { bundle, now: new Date(at(0)) });
    expect(v.status).toBe('invalid');
    expect(v.reasons.map((r) => r.code)).toContain('credential.unreadable');
  });
});

describe('no single-character change of a genuine parcel is genuine', () => {
  it('changes every position to another Base45 character: every verdict is invalid', async () => {
    const payload = await world.parcel();
    const receipts = [(await world.receipt()).payload];
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    const seen = new Set<string>();
    for (let i = 4; i < payload.length; i++) {
      // A different character each position, spread over the alphabet.
      const c = alphabet[(alphabet.indexOf(payload[i]!) + 1 + (i % 44)) % 45]!;
      const v = await verifyCredential(`${payload.slice(0, i)}${c}${payload.slice(i + 1)}`, { bundle, now: new Date(at(0)), receipts });
      seen.add(v.status);
    }
    expect([...seen]).toEqual(['invalid']);
  });
});
