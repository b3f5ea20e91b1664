// Credential container (issue 3 §9): verifications per second of a parcel credential — open
// (prefix, Base45, zlib, COSE, strict CBOR) plus the ES256 signature check — beside the raw
// WebCrypto ECDSA P-256 verify rate measured in the same run, which is the limit: the container
// can only approach it, never beat it. Issuance likewise beside raw ECDSA P-256 signing.
import { encodeClaims, parseClaims } from '../../../shared/credential/claims/index.ts';
import { generateSigningKey, kidFor, openCredential, sealCredential, verifyOpened, type SigningKey } from '../../../shared/credential/index.ts';
import { SAMPLE_CUSTODY_4, SAMPLE_PARCEL_FIELDS } from '../samples/parcels.ts';
import { opsPerSecond, type BenchContext, type BenchRow } from './_harness.ts';

/** The "one item, batch, 4 hops" parcel of test/unit/credential/codec/url-qr.test.ts (QR.md): a parcel id other than the waybill. */
const PARCEL = {
  ...SAMPLE_PARCEL_FIELDS,
  id: 'P-2026-0001234',
  goods: [{ gtin: '4006381333931', batch: 'L2291A', expiry: '2028-06-30', quantity: 2 }],
  custody: SAMPLE_CUSTODY_4,
};

const BATCH = 16;

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const ms = ctx.quick ? 300 : 2_000;
  const parsed = parseClaims('parcel', PARCEL);
  if (!parsed.ok) throw new Error(`bench parcel: ${parsed.error.code}`);
  const claims = encodeClaims(parsed.value);
  const pair = await generateSigningKey();
  const signer: SigningKey = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
  const key = { alg: 'ES256' as const, publicKey: pair.publicKey };
  const text = await sealCredential(claims, signer);
  const opened = await openCredential(text);
  if (!opened.ok) throw new Error(`bench parcel does not open: ${opened.error.code}`);
  const { signature, toBeSigned } = opened.value;
  ctx.log(`credential: parcel of ${text.length} characters, ${opened.value.cose.length} bytes of COSE`);

  const subtle = globalThis.crypto.subtle;
  const params = { name: 'ECDSA', hash: 'SHA-256' };
  const tbs = toBeSigned as Uint8Array<ArrayBuffer>;
  const sig = signature as Uint8Array<ArrayBuffer>;

  // Measured in alternating slices, so load from other processes on a shared machine falls on
  // the baseline and the measured operation alike and the ratios stay meaningful.
  const operations: Record<string, () => Promise<number>> = {
    rawVerify: async () => {
      const all = await Promise.all(Array.from({ length: BATCH }, () => subtle.verify(params, pair.publicKey, sig, tbs)));
      if (!all.every(Boolean)) throw new Error('raw verify failed');
      return BATCH;
    },
    openVerify: async () => {
      const all = await Promise.all(
        Array.from({ length: BATCH }, async () => {
          const o = await openCredential(text);
          return o.ok && (await verifyOpened(o.value, key)).ok;
        }),
      );
      if (!all.every(Boolean)) throw new Error('open + verify failed');
      return BATCH;
    },
    openOnly: async () => {
      await Promise.all(Array.from({ length: BATCH }, () => openCredential(text)));
      return BATCH;
    },
    rawSign: async () => {
      await Promise.all(Array.from({ length: BATCH }, () => subtle.sign(params, pair.privateKey, tbs)));
      return BATCH;
    },
    seal: async () => {
      await Promise.all(Array.from({ length: BATCH }, () => sealCredential(claims, signer)));
      return BATCH;
    },
  };
  const rates: Record<string, number[]> = {};
  const slices = 5;
  for (let round = 0; round < slices; round++) {
    for (const [name, fn] of Object.entries(operations)) (rates[name] ??= []).push(await opsPerSecond(fn, ms / slices));
  }
  const mean = (name: string): number => rates[name]!.reduce((a, b) => a + b, 0) / slices;
  const [rawVerify, openVerify, openOnly, rawSign, seal] = ['rawVerify', 'openVerify', 'openOnly', 'rawSign', 'seal'].map(mean) as [number, number, number, number, number];

  return [
    { label: 'raw WebCrypto ECDSA P-256 verify (the limit)', value: rawVerify, unit: 'ops/s' },
    { label: 'parcel credential: open + verify', value: openVerify, unit: 'ops/s', ratio: openVerify / rawVerify, baseline: 'raw P-256 verify' },
    { label: 'parcel credential: open only (no signature)', value: openOnly, unit: 'ops/s', ratio: openOnly / rawVerify, baseline: 'raw P-256 verify' },
    { label: 'raw WebCrypto ECDSA P-256 sign', value: rawSign, unit: 'ops/s' },
    { label: 'parcel credential: seal (issue)', value: seal, unit: 'ops/s', ratio: seal / rawSign, baseline: 'raw P-256 sign' },
  ];
}
