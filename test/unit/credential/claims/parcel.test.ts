import { describe, expect, it } from 'vitest';
import { decodeClaims, packText, encodeClaims, parseClaims } from '../../../../shared/credential/claims/index.ts';
import { P, SAMPLES, SERUM, throughCbor } from './samples.ts';
import { encodeDeterministicCbor } from '../../../../shared/credential/codec/cbor-strict.ts';

describe('parcel wire form: what the verifier can derive is left out', () => {
  const parcel = (patch: Record<string, unknown> = {}) => {
    const parsed = parseClaims('parcel', { ...SAMPLES.parcel, ...patch });
    if (!parsed.ok) throw new Error(parsed.error.detail);
    return parsed.value;
  };
  const wire = (claims: ReturnType<typeof parcel>, partyCodes?: ReadonlyMap<string, number>) => {
    const map = encodeClaims(claims, partyCodes ? { partyCodes } : {});
    const tuple = map.get(-3) as unknown[];
    return { envelope: map, tuple, body: new Map(Object.entries(P).map(([name, i]) => [name, tuple[i]])) };
  };

  it('leaves out the id when it is the waybill, and keeps it otherwise', () => {
    expect(wire(parcel()).envelope.has(-4)).toBe(false);
    const other = parcel({ id: 'P-2026-1' });
    expect(wire(other).envelope.get(-4)).toBe('P-2026-1');
    expect(decodeClaims(throughCbor(encodeClaims(other)))).toEqual({ ok: true, value: other });
  });

  it('leaves out the port when the declaration starts with it', () => {
    const p = parcel({ port: '5316' });
    expect(wire(p).tuple).toHaveLength(P.custody + 1);
    expect(wire(parcel()).body.get('port')).toBe(100); // '0100' is not the declaration's 5316
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('names the issuer as 0 wherever it appears as a party', () => {
    const p = parcel({ importer: 'qhwh', custody: [{ step: 'logistics', at: '2026-05-27T09:30:00Z', actor: 'qhwh' }] });
    const { body } = wire(p);
    expect([body.get('importer'), body.get('warehouse')]).toEqual([0, 0]);
    expect(body.get('custody')).toEqual([5 + 8, 210, 0]);
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('times: release in minutes after signing, custody in minutes after release, expiry in days', () => {
    const { body } = wire(parcel());
    // Issued 2026-05-27T00:00Z, released 06:00Z (+360); hops 511 days and 6 hours before, −2 h, +1 h, +3.5 h.
    expect(body.get('releasedAt')).toBe(360);
    expect(body.get('custody')).toEqual([1 + 8, -736_200, packText('LUMIERE'), 3, -120, 4, 60, 5 + 8, 210, packText('SF')]);
    expect((body.get('goods') as unknown[][])[0]).toEqual([3760123450010, 1, Date.UTC(2029, 8, 30) / 86_400_000, 'L1', '精华液 50ml']);
  });

  it('a goods line marks absent fields before a present one with null and drops trailing ones', () => {
    const p = parcel({ goods: [{ gtin: SERUM, quantity: 2, name: 'x' }, { gtin: SERUM, quantity: 1 }] });
    expect(wire(p).body.get('goods')).toEqual([[3760123450010, 2, null, null, 'x'], [3760123450010, 1]]);
    expect(decodeClaims(throughCbor(encodeClaims(p)))).toEqual({ ok: true, value: p });
  });

  it('registry codes: parties the bundle numbers travel as numbers and read back as their ids', () => {
    const codes = new Map([['qhwh', 2], ['harbour', 1], ['lumi-store', 300], ['sf', 3]]);
    const p = parcel();
    const { envelope, body } = wire(p, codes);
    expect(envelope.get(1)).toBe('#2');
    expect([body.get('importer'), body.get('warehouse'), body.get('seller')]).toEqual([1, 0, 300]);
    const byCode = new Map([...codes].map(([id, code]) => [code, id]));
    const cbor = throughCbor(encodeClaims(p, { partyCodes: codes }));
    expect(decodeClaims(cbor, { partyOfCode: (c) => byCode.get(c) })).toEqual({ ok: true, value: p });
    // Without the bundle (or with one that lacks the code) the party reads as its code.
    const unresolved = decodeClaims(cbor);
    expect(unresolved.ok && [unresolved.value.issuer, (unresolved.value as typeof p).importer, (unresolved.value as typeof p).warehouse]).toEqual(['#2', '#1', '#2']);
  });

  it('a registry code is smaller than the packed id, which is smaller than the text', () => {
    const long = parcel({ importer: 'harbour-trade', seller: 'lumi-store' });
    const size = (codes?: ReadonlyMap<string, number>) => encodeDeterministicCbor(encodeClaims(long, codes ? { partyCodes: codes } : {})).length;
    const packed = size();
    const coded = size(new Map([['harbour-trade', 12], ['lumi-store', 140], ['qhwh', 2]]));
    expect(packed - coded).toBeGreaterThanOrEqual(8 + 5 + 3);
  });
});
