import { encode } from 'cbor2';
import { describe, expect, it } from 'vitest';
import {
  custodyActor,
  decodeClaims,
  packText,
  encodeClaims,
  parseClaims,
  BODY_CODECS,
  CREDENTIAL_TYPES,
  SCHEMAS,
} from '../../../../shared/credential/claims/index.ts';
import { bodyOf, P, parcelBodyOf, SAMPLES, SERUM, throughCbor } from './samples.ts';

describe('claims round trip', () => {
  it.each(CREDENTIAL_TYPES.map((t) => [t]))('%s: readable → CBOR → readable is stable', (type) => {
    const parsed = parseClaims(type, SAMPLES[type]);
    expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.error)).toBe(true);
    if (!parsed.ok) return;
    const decoded = decodeClaims(throughCbor(encodeClaims(parsed.value)));
    expect(decoded).toEqual({ ok: true, value: parsed.value });
  });

  it('normalises on the way in: GTIN-14, UTC seconds, lowercase hex, whole-minute custody, implied actors dropped', () => {
    const parsed = parseClaims('parcel', SAMPLES.parcel);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const p = parsed.value;
    expect(p.goods[0]!.gtin).toBe(`0${SERUM}`);
    expect(p.issuedAt).toBe('2026-05-27T00:00:00Z');
    expect(p.buyerCommitment).toBe('00112233445566778899aabbccddeeff');
    expect(p.custody[1]).toEqual({ step: 'declaration', at: '2026-05-27T04:00:00Z' });
    expect(custodyActor(p, p.custody[1]!)).toBe('harbour');
    expect(custodyActor(p, p.custody[2]!)).toBe('qhwh');
    expect(custodyActor(p, p.custody[3]!)).toBe('sf');
    expect(p.version).toBe(1);
  });

  it.each(CREDENTIAL_TYPES.map((t) => [t]))('%s: every schema field has a CBOR key and every CBOR key a schema field', (type) => {
    // The parcel schema is a pipe (object → normalising transform); zod/mini keeps its object in `def.in`.
    const schema = SCHEMAS[type] as unknown as { shape?: Record<string, unknown>; def: { in?: { shape: Record<string, unknown> } } };
    const shape = schema.shape ?? schema.def.in?.shape;
    expect(shape).toBeDefined();
    const envelope = ['type', 'issuer', 'id', 'issuedAt', 'expiresAt', 'version'];
    const body = BODY_CODECS[type];
    const fields = 'map' in body ? Object.keys(body.map) : body.tuple.map(([name]) => name);
    expect(Object.keys(shape!).filter((k) => !envelope.includes(k)).toSorted()).toEqual(fields.toSorted());
  });
});

describe('claims decoding rejects', () => {
  it.each([
    ['unknown integer key in a body map', bodyOf('listing', (b) => b.set(40, 1)), 'claims.unknown-critical-field'],
    ['a 14th element in the parcel body', parcelBodyOf((b) => b.push(...Array(13 - b.length).fill(null), 'must-understand')), 'claims.unknown-critical-field'],
    ['the parcel body as a map', parcelBodyOf((b, e) => e.set(-3, new Map(b.map((v, i) => [i + 1, v])))), 'claims.wrong-kind'],
    ['unknown integer key in the envelope (CWT nbf)', parcelBodyOf((_b, e) => e.set(5, 1)), 'claims.unknown-critical-field'],
    ['a sixth element in a goods line', parcelBodyOf((b) => (b[P.goods] as unknown[][])[0]!.push('x', 'y')), 'claims.unknown-critical-field'],
    ['a goods line as a map', parcelBodyOf((b) => (b[P.goods] = [new Map([[1, 3760123450010]])])), 'claims.wrong-kind'],
    ['GTIN as text', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![0] = SERUM)), 'claims.wrong-kind'],
    ['a goods line without its quantity (null)', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![1] = null)), 'claims.schema'],
    ['a required field left null', parcelBodyOf((b) => (b[P.seller] = null)), 'claims.schema'],
    ['expiry as YYYYMMDD text', parcelBodyOf((b) => ((b[P.goods] as unknown[][])[0]![2] = '2029-09-30')), 'claims.wrong-kind'],
    ['negative issuedAt', parcelBodyOf((_b, e) => e.set(6, -1)), 'claims.wrong-kind'],
    ['release a float number of minutes after signing', parcelBodyOf((b) => (b[P.releasedAt] = 1.5)), 'claims.wrong-kind'],
    ['release 200 years before signing', parcelBodyOf((b) => (b[P.releasedAt] = -200 * 366 * 1440)), 'claims.wrong-kind'],
    ['waybill as text (it is packed)', parcelBodyOf((b) => (b[P.waybill] = 'SF1400000000001')), 'claims.wrong-kind'],
    ['a packed waybill with a triple out of range', parcelBodyOf((b) => (b[P.waybill] = Uint8Array.of(0xff, 0xff, 0x00, 0x01))), 'claims.wrong-kind'],
    ['a packed pair that is not last', parcelBodyOf((b) => (b[P.waybill] = Uint8Array.of(0xd6, 0x58, 0x00, 0x01))), 'claims.wrong-kind'],
    ['a packed waybill with "." (outside its alphabet)', parcelBodyOf((b) => (b[P.waybill] = packText('SF.1400000')!)), 'claims.schema'],
    ['an importer as text (party ids are packed)', parcelBodyOf((b) => (b[P.importer] = 'harbour')), 'claims.wrong-kind'],
    ['a registry code above the range', parcelBodyOf((b) => (b[P.importer] = 100_000)), 'claims.wrong-kind'],
    ['an unknown custody step', parcelBodyOf((b) => (b[P.custody] = [6, 0])), 'claims.wrong-kind'],
    ['a custody hop without its minutes', parcelBodyOf((b) => (b[P.custody] = [2])), 'claims.wrong-kind'],
    ['a custody hop whose actor is missing', parcelBodyOf((b) => (b[P.custody] = [5 + 8, 10])), 'claims.wrong-kind'],
    ['custody as tuples (an older layout)', parcelBodyOf((b) => (b[P.custody] = [[3, -120]])), 'claims.wrong-kind'],
    ['commitment as text', parcelBodyOf((b) => (b[P.buyerCommitment] = 'abc')), 'claims.wrong-kind'],
    ['customs mode code 3', parcelBodyOf((b) => (b[P.mode] = 3)), 'claims.wrong-kind'],
    ['commitment of 8 bytes', parcelBodyOf((b) => (b[P.buyerCommitment] = new Uint8Array(8))), 'claims.schema'],
    ['no port and a declaration not starting with 4 digits', parcelBodyOf((b) => (b.splice(P.port), (b[P.declaration] = packText('I53162026000000001')!))), 'claims.schema'],
    ['bad GTIN check digit', bodyOf('receipt', (b) => ((b.get(4) as Map<number, unknown>[])[0]!).set(1, 3760123450011)), 'claims.schema'],
    ['float money', bodyOf('receipt', (b) => b.set(5, 680.5)), 'claims.wrong-kind'],
    ['taxes that do not add up', bodyOf('receipt', (b) => b.set(7, 1)), 'claims.schema'],
    ['missing body', bodyOf('listing', (_b, e) => e.delete(-3)), 'claims.schema'],
    ['unknown type', bodyOf('listing', (_b, e) => e.set(-1, 9)), 'claims.unknown-type'],
    ['version 2', bodyOf('listing', (_b, e) => e.set(-2, 2)), 'claims.unsupported-version'],
    ['a JSON key that is not text', bodyOf('trust-bundle', (b) => b.set(6, [new Map([[1, 2]])])), 'claims.bad-key'],
    ['a float key', bodyOf('listing', (b) => b.set(1.5 as unknown as number, 1)), 'claims.bad-key'],
  ])('%s', (_name, value, code) => {
    const decoded = decodeClaims(value);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.code).toBe(code);
  });

  // decodeClaims takes `unknown`: values no CBOR decoder makes are refused too, and named in the
  // error detail without String(), which throws on the first and recurses without end on the second.
  it.each([
    ['a type without a prototype', -1, () => Object.create(null) as object, 'claims.unknown-type'],
    ['a type nested 100,000 arrays deep', -1, () => Array.from({ length: 100_000 }).reduce<unknown[]>((inner) => [inner], []), 'claims.unknown-type'],
    ['a version without a prototype', -2, () => Object.create(null) as object, 'claims.unsupported-version'],
  ])('%s', (_name, key, value, code) => {
    const claims = bodyOf('listing', () => {}) as Map<number, unknown>;
    claims.set(key, value());
    const decoded = decodeClaims(claims);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.code).toBe(code);
  });

  it.each([[null], [42], ['text'], [[1, 2]], [new Uint8Array(3)]])('not a map: %j', (value) => {
    const decoded = decodeClaims(value);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message['zh-CN']).toMatch(/凭证/);
  });

  it('ignores text-string keys (non-critical extensions)', () => {
    const decoded = decodeClaims(bodyOf('listing', (b, e) => (b.set('x-note' as unknown as number, 'hi'), e.set('x-env' as unknown as number, 1))));
    expect(decoded.ok).toBe(true);
  });
});
describe('CBOR form is compact', () => {
  it('uses small integer keys, integers for GTINs and times, packed identifiers', () => {
    const parsed = parseClaims('parcel', SAMPLES.parcel);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const bytes = encode(encodeClaims(parsed.value));
    // 212 bytes with text identifiers, maps for the body and goods lines, and an explicit id.
    expect(bytes.length).toBeLessThanOrEqual(150);
    expect(new TextDecoder().decode(bytes)).not.toMatch(/gtin|waybill|issuer|SF14|harbour/);
  });
});
