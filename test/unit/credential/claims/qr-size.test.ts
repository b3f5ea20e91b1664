// The parcel size budget (issue 3: version 12 or lower at level M for the bare form; this test
// holds the URL forms to it too). These are the measurements QR.md and FORMAT.md §11 quote: the
// test prints one line per parcel and fails when a parcel crosses its bound.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeClaims, parseClaims, type PartyCodes } from '../../../../shared/credential/claims/index.ts';
import { encodeDeterministicCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { decodeBase45, generateSigningKey, kidFor, sealCredential, toVerifyUrl, type SigningKey } from '../../../../shared/credential/index.ts';
import { qrSegments, qrVersion } from '../../../../cli/qr-image.ts';
// Realistic lengths; the parcel id is the waybill.
import {
  SAMPLE_CUSTODY_4 as HOPS_4,
  SAMPLE_CUSTODY_5 as HOPS_5,
  SAMPLE_GOODS_LINE as LINE,
  SAMPLE_PARCEL_FIELDS as BASE,
} from '../../../harness/samples/parcels.ts';

/** The registry codes of the issuer's trust bundle: the busiest parties get the smallest. */
const CODES: PartyCodes = new Map([
  ['qhwh-bonded', 3],
  ['sf-express', 5],
  ['harbour-trade', 12],
  ['zto-local', 21],
  ['lumi-store', 140],
]);

interface Case {
  input: Record<string, unknown>;
  codes: boolean;
  /** Highest version at level M: bare form, URL with a short https origin, URL of the dev server. */
  max: { bare: number; url: number; localUrl: number };
}

const CASES: Record<string, Case> = {
  'typical: one line (GTIN, short name, batch, expiry), 5 hops': { input: { ...BASE, goods: [LINE], custody: HOPS_5 }, codes: true, max: { bare: 11, url: 12, localUrl: 12 } },
  'typical with 4 hops': { input: { ...BASE, goods: [LINE], custody: HOPS_4 }, codes: true, max: { bare: 11, url: 12, localUrl: 12 } },
  'typical, issued without registry codes': { input: { ...BASE, goods: [LINE], custody: HOPS_5 }, codes: false, max: { bare: 12, url: 13, localUrl: 13 } },
  'two lines (both named), 5 hops, credential expiry': {
    input: {
      ...BASE,
      expiresAt: '2027-03-02T08:00:00+08:00',
      goods: [LINE, { gtin: '0012345678905', name: '面霜 30ml', batch: 'B7', expiry: '2027-12-31', quantity: 2 }],
      custody: HOPS_5,
    },
    codes: true,
    max: { bare: 12, url: 13, localUrl: 13 },
  },
  'minimal: one line (GTIN, quantity), no hops': { input: { ...BASE, goods: [{ gtin: '4006381333931', quantity: 1 }] }, codes: true, max: { bare: 10, url: 10, localUrl: 11 } },
};

let key: SigningKey;
beforeAll(async () => {
  const pair = await generateSigningKey();
  key = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
});

describe('parcel QR size (level M)', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name]!;
    const parsed = parseClaims('parcel', c.input);
    if (!parsed.ok) throw new Error(parsed.error.detail);
    const claims = encodeClaims(parsed.value, c.codes ? { partyCodes: CODES } : {});
    const claimBytes = encodeDeterministicCbor(claims).length;
    const text = await sealCredential(claims, key);
    const zlibBytes = (decodeBase45(text.slice(4)) as { ok: true; value: Uint8Array }).value.length;
    const url = toVerifyUrl(text, 'https://cc.example/v');
    const localUrl = toVerifyUrl(text, 'http://localhost:4173/verify');
    const v = { L: qrVersion(text, 'L'), M: qrVersion(text, 'M'), Q: qrVersion(text, 'Q'), url: qrVersion(url), localUrl: qrVersion(localUrl) };
    console.info(
      `${name}: claims ${claimBytes} B, zlib ${zlibBytes} B, bare ${text.length} chars L/M/Q v${v.L}/${v.M}/${v.Q}; URL https://cc.example/v ${url.length} chars v${v.url}; http://localhost:4173/verify v${v.localUrl}`,
    );
    expect(qrSegments(text)?.map((s) => s.mode)).toEqual(['alphanumeric']);
    expect(v.M).toBeLessThanOrEqual(c.max.bare);
    expect(v.url).toBeLessThanOrEqual(c.max.url);
    expect(v.localUrl).toBeLessThanOrEqual(c.max.localUrl);
  });
});
