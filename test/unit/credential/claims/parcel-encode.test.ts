// The hand-written parcel encoder (parcel-encode.ts) against the general encoding it stands in for,
// encodeDeterministicCbor(encodeClaims(parcel, { partyCodes })): whenever it answers, the bytes
// are the same. Inputs: the sample, the demo world's parcels (issued with registry codes), and
// seeded random parcels with and without party codes, including forms it must leave to the
// general path (times off the minute or outside the canonical form, unpackable ids).
import { describe, expect, it } from 'vitest';
import { encodeClaims, parseClaims, prepareClaims, type ParcelClaims, type PartyCodes } from '../../../../shared/credential/claims/index.ts';
import { fnv1a } from '../../../../shared/credential/claims/fast-parse.ts';
import { encodeParcelClaims, PARCEL_WIRE_FINGERPRINT, parcelEncoderEnabled, wireTables } from '../../../../shared/credential/claims/parcel-encode.ts';
import { isoFromEpochSeconds } from '../../../../shared/credential/claims/time.ts';
import { encodeDeterministicCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { buildDemoWorld } from '../../../harness/demo/world.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';
import { SAMPLES } from './samples.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const counts = { fast: 0, general: 0 };

/** The fast encoding, when there is one, is the general one's bytes. */
function expectSameBytes(parcel: ParcelClaims, codes: PartyCodes | undefined, where: string): void {
  const fast = encodeParcelClaims(parcel, codes);
  let general: string;
  try {
    general = hex(encodeDeterministicCbor(encodeClaims(parcel, codes ? { partyCodes: codes } : {})));
  } catch {
    expect(fast, `${where}: the general encoding throws, the fast one must not answer`).toBeUndefined();
    return;
  }
  if (fast === undefined) {
    counts.general++;
    return;
  }
  counts.fast++;
  expect(hex(fast), where).toBe(general);
}

function normal(input: unknown): ParcelClaims {
  const parsed = parseClaims('parcel', input);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

const CODES: PartyCodes = new Map([
  ['qhwh', 3],
  ['harbour', 12],
  ['lumi-store', 140],
  ['sf', 5],
  ['big', 99_999],
  // Codes no registry reference can carry: the general encoding refuses them, the fast one steps aside.
  ['zero', 0],
  ['huge', 100_000],
]);

/** A random parcel in the normal form, and now and then a field the fast path must leave alone. */
function randomParcel(random: () => number): ParcelClaims {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const minute = (t: number) => Math.floor(t / 60) * 60;
  const time = (t: number) => isoFromEpochSeconds(t);
  const parties = ['qhwh', 'harbour', 'lumi-store', 'sf', 'big', 'other-party', 'x', 'a.b-c', '#7', '#99999', '#10', ...(random() < 0.05 ? ['zero', 'huge'] : [])];
  const issued = 1_700_000_000 + int(200_000_000);
  const released = minute(issued - int(3_000_000));
  const waybill = `SF${String(int(1e12)).padStart(12, '0')}`.slice(0, 6 + int(25));
  const declaration = pick(['53162026I000000077', '0100ABCDEF12', 'A1B2C3D4E5']);
  const issuer = pick(parties.slice(0, 7));
  const goods = Array.from({ length: 1 + int(random() < 0.9 ? 2 : 20) }, () => {
    const line: Record<string, unknown> = { gtin: pick(['4006381333931', '96385074', '03760123450010', '012345678905']), quantity: 1 + int(9999) };
    if (random() < 0.6) line.expiry = time(int(2_900_000) * 86_400).slice(0, 10);
    if (random() < 0.6) line.batch = pick(['L1', 'L2291A', 'BATCH-0000000000001', '批次']);
    if (random() < 0.5) line.name = pick(['精华液 50ml', 'Serum', 'x'.repeat(40), 'é']);
    return line;
  });
  const custody = Array.from({ length: random() < 0.3 ? 0 : int(13) }, () => {
    const hop: Record<string, unknown> = {
      step: pick(['brand-authorization', 'customs-filing', 'declaration', 'bonded-warehouse', 'logistics']),
      at: time(Math.max(0, minute(released + (int(2_000_000) - 1_000_000)))),
    };
    if (random() < 0.5) hop.actor = pick(parties);
    return hop;
  });
  const input: Record<string, unknown> = {
    issuer,
    id: random() < 0.8 ? waybill : `ID-${int(1e6)}`,
    issuedAt: time(issued),
    goods,
    waybill,
    carrier: pick(['SF', 'EMS', 'JD1234']),
    declaration,
    port: random() < 0.7 ? declaration.slice(0, 4).replace(/\D/g, '0') : String(int(10_000)).padStart(4, '0'),
    mode: random() < 0.5 ? 1210 : 9610,
    releasedAt: time(released),
    declaredValueFen: int(2 ** 40),
    importer: pick(parties),
    seller: pick(parties),
    custody,
    buyerCommitment: Array.from({ length: 32 }, () => pick([...'0123456789abcdefABCDEF'])).join(''),
  };
  if (random() < 0.5 || input.mode === 1210) input.warehouse = pick(parties);
  if (random() < 0.3) input.expiresAt = time(issued + int(1e8));
  const parcel = normal(input) as Record<string, unknown>;
  // What the schema never gives but encodeClaims may be handed: the fast path must step aside.
  const odd = random();
  if (odd < 0.03) parcel.releasedAt = time(released + 1 + int(59));
  else if (odd < 0.06) parcel.issuedAt = '2026-05-27T08:00:00+08:00';
  else if (odd < 0.08) parcel.waybill = 'sf-lower';
  else if (odd < 0.1) parcel.declaredValueFen = 1.5;
  return parcel as unknown as ParcelClaims;
}

describe('parcel encoder (parcel-encode.ts)', () => {
  it('is written for the key tables in wire.ts (update PARCEL_WIRE_FINGERPRINT after checking it)', () => {
    expect(fnv1a(wireTables())).toBe(PARCEL_WIRE_FINGERPRINT);
    expect(parcelEncoderEnabled()).toBe(true);
  });

  it('writes the general encoding of the sample and of the demo world parcels', async () => {
    const sample = normal(SAMPLES.parcel);
    expect(encodeParcelClaims(sample, undefined)).toBeDefined();
    expectSameBytes(sample, undefined, 'sample');
    expectSameBytes(sample, CODES, 'sample with codes');
    const world = await buildDemoWorld();
    let parcels = 0;
    for (const credential of world.index.credentials) {
      if (credential.type !== 'parcel') continue;
      const parcel = normal(credential.claims);
      expectSameBytes(parcel, undefined, credential.name);
      expectSameBytes(parcel, CODES, `${credential.name} with codes`);
      parcels++;
    }
    expect(parcels).toBeGreaterThan(3);
  });

  it('writes the general encoding of 5,000 seeded random parcels, and steps aside when unsure', () => {
    const random = seededRandom(1414);
    counts.fast = 0;
    counts.general = 0;
    for (let n = 0; n < 5000; n++) {
      const parcel = randomParcel(random);
      expectSameBytes(parcel, random() < 0.5 ? CODES : undefined, `random parcel ${n}: ${JSON.stringify(parcel)}`);
    }
    // Most take the fast path; the odd ones (about one in ten) the general one.
    expect(counts.fast).toBeGreaterThan(4000);
    expect(counts.general).toBeGreaterThan(100);
  }, 60_000);

  it('seals through it: prepareClaims signs the general encoding', () => {
    const kid = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const prepared = prepareClaims('parcel', SAMPLES.parcel, kid, { partyCodes: CODES });
    if (!prepared.ok) throw new Error(prepared.error.detail);
    const general = encodeDeterministicCbor(encodeClaims(prepared.value.claims, { partyCodes: CODES }));
    expect(hex(prepared.value.prepared.payload)).toBe(hex(general));
    expect(hex(prepared.value.prepared.toBeSigned).endsWith(hex(general))).toBe(true);
  });
});
