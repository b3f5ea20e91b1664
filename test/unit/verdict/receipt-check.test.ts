// The one receipt check (verifyReceipt / ledgerReceiptCheck) with its explanation, the paid amount
// on the verdict, and receipts stored as verified claims — including the edits that must not make
// a parcel "yours".
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptClaims } from '../../../shared/credential/claims/index.ts';
import type { TrustBundle } from '../../../shared/trust/index.ts';
import { ledgerReceiptCheck, RECEIPT_NO_TRUST, verifyCredential, verifyReceipt } from '../../../shared/verdict/index.ts';
import { at, DAY, makeLoadedWorld, OWNER, SERUM, type World } from './scenarios.ts';

let world: World;
let bundle: TrustBundle;
let stored: ReceiptClaims;

beforeAll(async () => {
  ({ world, bundle } = await makeLoadedWorld());
  const r = await verifyReceipt((await world.receipt()).payload, { bundle, now: new Date(at(0)) });
  if (!r.ok) throw new Error(r.refusal.code);
  stored = r.claims;
});

const now = () => new Date(at(0));

describe('verifyReceipt: the verified claims, or a reason code with a sentence in each language', () => {
  it.each<[string, (w: World) => Promise<string>, { now?: Date; lastVerifiedAt?: Date }, string | undefined]>([
    ['a receipt signed by the platform', async (w) => (await w.receipt()).payload, {}, undefined],
    ['a parcel handed in as a receipt', (w) => w.parcel(), {}, 'credential.wrong-type'],
    ['text that is no credential', async () => 'CC1:NOT-A-RECEIPT', {}, 'credential.unreadable'],
    ['a receipt signed by a warehouse key', async (w) => (await w.receipt({}, 'qhwh')).payload, {}, 'issuer.name-mismatch'],
    ['a receipt that expired', async (w) => (await w.receipt({ expiresAt: at(-DAY) })).payload, {}, 'credential.expired'],
    [
      'a device clock turned back (no error, the warning explains)',
      async (w) => (await w.receipt()).payload,
      { now: new Date(at(-60 * DAY)), lastVerifiedAt: new Date(at(0)) },
      'clock.turned-back',
    ],
  ])('%s', async (_name, make, clock, refusedWith) => {
    const r = await verifyReceipt(await make(world), { bundle, now: clock.now ?? now(), ...(clock.lastVerifiedAt && { lastVerifiedAt: clock.lastVerifiedAt }) });
    if (refusedWith === undefined) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.claims).toMatchObject({ type: 'receipt', orderId: 'ORDER-1' });
      return;
    }
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.code).toBe(refusedWith);
    expect(r.refusal.message.en.length).toBeGreaterThan(10);
    expect(r.refusal.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('ledgerReceiptCheck: the ledger import and add-receipt check', () => {
  it.each<[string, boolean, string | undefined]>([
    ['no trust data yet', false, RECEIPT_NO_TRUST.code],
    ['trust data loaded', true, undefined],
  ])('%s', async (_name, withTrust, refusedWith) => {
    const seen: string[] = [];
    const check = ledgerReceiptCheck(async () => (withTrust ? { bundle, now: now() } : undefined), (claims) => seen.push(claims.orderId));
    const r = await check((await world.receipt()).payload);
    if (refusedWith) {
      expect(r).toEqual({ ok: false, reason: { code: refusedWith, en: RECEIPT_NO_TRUST.message.en, 'zh-CN': RECEIPT_NO_TRUST.message['zh-CN'] } });
      expect(seen).toEqual([]);
    } else {
      expect(r).toMatchObject({ ok: true, figures: { orderId: 'ORDER-1', dutiableValueFen: 68_000, taxFen: 15_680, paidFen: 83_680 } });
      expect(seen).toEqual(['ORDER-1']);
    }
  });
});

describe('the paid amount is on the verdict, once', () => {
  it.each<[string, Record<string, unknown>, number | undefined]>([
    ['one line on the receipt', {}, 68_000],
    ['more units than one: unit price × quantity in the parcel', { goods: [{ gtin: SERUM, quantity: 2 }] }, 136_000],
  ])('%s', async (_name, overrides, paidFen) => {
    const parcel = await world.parcel(overrides);
    const v = await verifyCredential(parcel, { bundle, now: now(), receipts: [stored], owner: OWNER });
    if (v.binding.state !== 'yours') throw new Error(`${v.status} ${v.reasons.map((r) => r.code).join()}`);
    expect(v.binding.paidFen).toBe(paidFen);
  });

  it('is absent when the parcel is not yours', async () => {
    const v = await verifyCredential(await world.parcel(), { bundle, now: now(), receipts: [] });
    expect(v.binding.paidFen).toBeUndefined();
  });
});

describe('receipts stored as verified claims', () => {
  it('make the same verdict as the payload they came from', async () => {
    const parcel = await world.parcel();
    const fromPayload = await verifyCredential(parcel, { bundle, now: now(), receipts: [(await world.receipt()).payload], owner: OWNER });
    const fromClaims = await verifyCredential(parcel, { bundle, now: now(), receipts: [stored], owner: OWNER });
    expect(fromClaims.status).toBe('genuine-yours');
    expect({ ...fromClaims, reasons: fromClaims.reasons.map((r) => r.code) }).toEqual({ ...fromPayload, reasons: fromPayload.reasons.map((r) => r.code) });
  });

  // The attack: someone edits the stored record (the device's own storage) to have a parcel they
  // did not order come out "yours". The order secret is the proof: only the genuine receipt of the
  // parcel's order opens its buyer commitment, so no edit of a record without it can.
  it.each<[string, (c: ReceiptClaims) => ReceiptClaims, string, string]>([
    ['another order secret', (c) => ({ ...c, orderSecret: 'c3'.repeat(32) }), 'not-yours', 'binding.not-yours'],
    ['the commitment itself pasted in as the secret', (c) => ({ ...c, orderSecret: 'ff'.repeat(32) }), 'not-yours', 'binding.not-yours'],
    ['an issuer that is not in the trust data', (c) => ({ ...c, issuer: 'forged-platform' }), 'genuine-unbound', 'receipt.ignored'],
    ['an issuer without the receipt role (the warehouse)', (c) => ({ ...c, issuer: 'qhwh' }), 'genuine-unbound', 'receipt.ignored'],
    ['a record that is not a receipt', (c) => ({ ...c, type: 'parcel' }) as unknown as ReceiptClaims, 'genuine-unbound', 'receipt.ignored'],
  ])('an edited record (%s) does not make the parcel yours', async (_name, edit, status, code) => {
    const v = await verifyCredential(await world.parcel({}, { secret: 'd4'.repeat(32) }), { bundle, now: now(), receipts: [edit(stored)], owner: OWNER });
    if (status !== 'not-yours') expect(v.binding.state).not.toBe('yours');
    expect(v.status).toBe(status === 'not-yours' ? 'not-yours' : 'genuine-unbound');
    expect(v.reasons.map((r) => r.code)).toContain(code);
  });

  it('a genuine stored receipt the platform revoked since no longer counts', async () => {
    const revoking: TrustBundle = { ...bundle, isRevoked: (issuer, id) => (issuer === stored.issuer && id === stored.id) || bundle.isRevoked(issuer, id) };
    const v = await verifyCredential(await world.parcel(), { bundle: revoking, now: now(), receipts: [stored], owner: OWNER });
    expect(v.status).toBe('genuine-unbound');
    expect(v.reasons.map((r) => r.code)).toContain('receipt.ignored');
  });
});
