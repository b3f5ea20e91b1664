// The pieces the sealing path was rewritten with for speed (issue 14), each against the plain
// version it replaced: low-s by byte arithmetic against BigInt, Base45 character codes against
// string building, canonical times against Date.parse, packing and hex by character codes, the
// two halves of sealing against sealPayloadBytes, and the Sig_structure arena.
import { describe, expect, it } from 'vitest';
import { packText, PACKED_ALPHABET } from '../../../../shared/credential/claims/packed-text.ts';
import { canonicalEpochDays, canonicalEpochSeconds, epochSecondsFromIso, isoFromEpochSeconds, MAX_EPOCH_SECONDS } from '../../../../shared/credential/claims/time.ts';
import { base45Codes, BASE45_ALPHABET, encodeBase45 } from '../../../../shared/credential/codec/base45.ts';
import { finishSeal, finishSealBytes, openCredential, prepareSeal, SealArena, sealPayloadBytes, verifyOpened } from '../../../../shared/credential/codec/container.ts';
import { encodeDeterministicCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { sigStructure } from '../../../../shared/credential/codec/cose.ts';
import { bytesOfHex } from '../../../../shared/credential/codec/hex.ts';
import { generateSigningKey, kidFor, lowS, P256_N, signWith, type SigningKey } from '../../../../shared/credential/codec/keys.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';

const random = seededRandom(1414);
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
const bigOf = (bytes: Uint8Array) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const bytes32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * (31 - i))) & 0xffn));

describe('low-s by bytes', () => {
  it('gives n − s exactly when s > n/2, on random and edge values', () => {
    const values = [1n, P256_N >> 1n, (P256_N >> 1n) + 1n, P256_N - 1n, P256_N - 2n];
    for (let i = 0; i < 2000; i++) values.push(bigOf(randomBytes(32)) % P256_N);
    for (const s of values) {
      const signature = Uint8Array.of(...randomBytes(32), ...bytes32(s));
      const low = lowS(signature);
      const expected = s > P256_N >> 1n ? P256_N - s : s;
      expect(bigOf(low.subarray(32))).toBe(expected);
      expect(low.subarray(0, 32)).toEqual(signature.subarray(0, 32));
      if (expected !== s) expect(bigOf(signature.subarray(32))).toBe(s); // the input is left alone
    }
    // node:crypto gives a Buffer, whose slice() is a view: it is left alone too.
    const high = Buffer.from([...randomBytes(32), ...bytes32(P256_N - 1n)]);
    expect(bigOf(lowS(high).subarray(32))).toBe(1n);
    expect(bigOf(high.subarray(32))).toBe(P256_N - 1n);
  });
});

describe('Base45 by character codes', () => {
  const reference = (bytes: Uint8Array) => {
    let out = '';
    let i = 0;
    for (; i + 1 < bytes.length; i += 2) {
      const n = bytes[i]! * 256 + bytes[i + 1]!;
      out += BASE45_ALPHABET[n % 2025 % 45]! + BASE45_ALPHABET[Math.floor((n % 2025) / 45)]! + BASE45_ALPHABET[Math.floor(n / 2025)]!;
    }
    if (i < bytes.length) out += BASE45_ALPHABET[bytes[i]! % 45]! + BASE45_ALPHABET[Math.floor(bytes[i]! / 45)]!;
    return out;
  };

  it('writes what string building wrote, with and without a prefix', () => {
    for (const n of [0, 1, 2, 3, 100, 177, 2000]) {
      const bytes = randomBytes(n);
      expect(encodeBase45(bytes)).toBe(reference(bytes));
      expect(encodeBase45(bytes, 'CC1:')).toBe(`CC1:${reference(bytes)}`);
      expect(new TextDecoder().decode(base45Codes(bytes, 'HC1:'))).toBe(`HC1:${reference(bytes)}`);
    }
    expect(encodeBase45(Uint8Array.of(1, 2), 'Ü:')).toBe(`Ü:${reference(Uint8Array.of(1, 2))}`);
    // Every pair and every last byte (the divisions are multiply-and-shift).
    const pairs = Uint8Array.from({ length: 2 * 65_536 + 1 }, (_, i) => (i === 2 * 65_536 ? 255 : i % 2 === 0 ? i >> 9 : (i >> 1) & 0xff));
    expect(encodeBase45(pairs)).toBe(reference(pairs));
    for (let b = 0; b < 256; b++) expect(encodeBase45(Uint8Array.of(b))).toBe(reference(Uint8Array.of(b)));
  });
});

describe('canonical times by character codes', () => {
  it('read what Date.parse reads, and refuse any other form', () => {
    for (let i = 0; i < 5000; i++) {
      const iso = isoFromEpochSeconds(Math.floor(random() * (MAX_EPOCH_SECONDS + 1)));
      expect(canonicalEpochSeconds(iso)).toBe(Date.parse(iso) / 1000);
    }
    for (const odd of ['2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '1969-12-31T23:59:59Z', '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00.000Z', '2026-1-01T00:00:00Z', '２026-01-01T00:00:00Z', '']) {
      expect(canonicalEpochSeconds(odd), odd).toBeNaN();
      const viaDate = Math.floor(Date.parse(odd) / 1000);
      expect(Object.is(epochSecondsFromIso(odd), viaDate), odd).toBe(true);
    }
  });
});

describe('canonical dates by character codes', () => {
  it('read what Date.parse reads, for real dates 1970–9999 only', () => {
    for (let i = 0; i < 3000; i++) {
      const date = isoFromEpochSeconds(Math.floor(random() * (MAX_EPOCH_SECONDS + 1))).slice(0, 10);
      expect(canonicalEpochDays(date)).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    }
    for (const odd of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '1969-12-31', '2026-1-01', '2026-01-01T00:00:00Z', '']) expect(canonicalEpochDays(odd), odd).toBeNaN();
  });
});

describe('packing and hex by character codes', () => {
  it('pack what the alphabet packs (RADIX-50 groups), and nothing else', () => {
    const reference = (text: string) => {
      const d = Array.from(text, (c) => PACKED_ALPHABET.indexOf(c));
      if (d.some((x) => x < 0)) return undefined;
      const out: number[] = [];
      let i = 0;
      for (; i + 3 <= d.length; i += 3) out.push(((d[i]! * 38 + d[i + 1]!) * 38 + d[i + 2]!) >> 8, ((d[i]! * 38 + d[i + 1]!) * 38 + d[i + 2]!) & 0xff);
      if (d.length - i === 2) out.push((54_872 + d[i]! * 38 + d[i + 1]!) >> 8, (54_872 + d[i]! * 38 + d[i + 1]!) & 0xff);
      if (d.length - i === 1) out.push(d[i]!);
      return Uint8Array.from(out);
    };
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(random() * 31) }, () => (random() < 0.02 ? 'a' : PACKED_ALPHABET[Math.floor(random() * 38)]!)).join('');
      expect(packText(text)).toEqual(reference(text));
    }
    expect(packText('SF\u0100')).toBeUndefined();
  });

  it('read hex of either case', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(Math.floor(random() * 40));
      const hex = Buffer.from(bytes).toString('hex');
      expect(bytesOfHex(hex)).toEqual(bytes);
      expect(bytesOfHex(hex.toUpperCase())).toEqual(bytes);
    }
  });
});

describe('sealing in two halves', () => {
  it('prepare, sign, finish: the text sealPayloadBytes makes, in strings or bytes, with an arena or without', async () => {
    const pair = await generateSigningKey();
    const key: SigningKey = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
    const arena = new SealArena(256);
    const payloads = Array.from({ length: 12 }, (_, i) => encodeDeterministicCbor(randomBytes(40 + i * 30)));
    // All prepared before any is signed (the batch's order); the arena outgrows its 256 bytes.
    const prepared = payloads.map((p) => prepareSeal(p, key.kid, { arena }));
    for (const [i, p] of prepared.entries()) {
      expect(p.toBeSigned).toEqual(sigStructure(p.protectedBytes, payloads[i]!));
      expect(p.payload).toEqual(payloads[i]);
    }
    const signatures = await Promise.all(prepared.map((p) => signWith(key, p.toBeSigned)));
    const verifier = { alg: 'ES256' as const, publicKey: pair.publicKey };
    for (const [i, p] of prepared.entries()) {
      const text = finishSeal(p, signatures[i]!);
      expect(new TextDecoder().decode(finishSealBytes(p, signatures[i]!))).toBe(text);
      const opened = await openCredential(text);
      if (!opened.ok) throw new Error(opened.error.code);
      expect(opened.value.payload).toEqual(payloads[i]);
      expect((await verifyOpened(opened.value, verifier)).ok).toBe(true);
      // The same signature through sealPayloadBytes' path gives the same text.
      const viaKey: SigningKey = { kid: key.kid, alg: 'ES256', sign: async () => signatures[i]! };
      expect((await sealPayloadBytes(payloads[i]!, viaKey)).text).toBe(text);
    }
  });
});
