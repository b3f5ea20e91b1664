import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTAINER_MESSAGES,
  DEFAULT_LIMITS,
  SealError,
  encodeBase45,
  generateSigningKey,
  kidFor,
  openCredential,
  sealCredential,
  verifyOpened,
  type SigningKey,
  type VerifyKey,
} from '../../../../shared/credential/index.ts';
import { protectedHeaderFor, sealPayloadBytes } from '../../../../shared/credential/codec/container.ts';
import { sigStructure, sigStructureBound, sigStructureLength } from '../../../../shared/credential/codec/cose.ts';
import { deflateZlib } from '../../../../shared/credential/codec/zlib.ts';

let signer: SigningKey;
let verifier: VerifyKey;
let other: VerifyKey;

beforeAll(async () => {
  const pair = await generateSigningKey();
  signer = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
  verifier = { alg: 'ES256', publicKey: pair.publicKey };
  other = { alg: 'ES256', publicKey: (await generateSigningKey()).publicKey };
});

const claims = new Map<number, unknown>([
  [1, 'importer-hz'],
  [6, 1767225600],
  [-3, new Map<number, unknown>([[2, 'SF1234567890123'], [10, new Uint8Array(16).fill(0xab)], [11, [[1, -4320]]]])],
]);

describe('seal → open → verify', () => {
  it('round-trips claims and verifies with the issuer key only', async () => {
    const text = await sealCredential(claims, signer);
    expect(text.startsWith('CC1:')).toBe(true);
    const opened = await openCredential(text);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const o = opened.value;
    expect(o.claims).toEqual(claims);
    expect(o.kid).toEqual(signer.kid);
    expect(o.kidSource).toBe('protected');
    expect(o.headerAlg).toBe('ES256');
    expect(o.tags).toEqual([18]);
    expect(o.protectedHeader).toEqual(new Map<number, unknown>([[1, -7], [4, signer.kid]]));
    expect(o.unprotectedHeader.size).toBe(0);
    expect(o.signature.length).toBe(64);
    expect(o.toBeSigned).toEqual(sigStructure(protectedHeaderFor(signer.kid), o.payload));
    expect(await verifyOpened(o, verifier)).toEqual({ ok: true, value: true });
    const wrong = await verifyOpened(o, other);
    expect(!wrong.ok && wrong.error.code).toBe('signature-invalid');
  });

  it('gives each opened credential bytes of its own (the buffers opening reuses never show through)', async () => {
    const otherClaims = new Map(claims);
    otherClaims.set(1, 'importer-sh');
    const [a, b] = [await sealCredential(claims, signer), await sealCredential(otherClaims, signer)];
    const first = await openCredential(a);
    if (!first.ok) throw new Error(first.error.code);
    const parts = (o: typeof first.value) => [o.compressed, o.cose, o.payload, o.signature, o.toBeSigned].map((x) => x.slice());
    const before = parts(first.value);
    const second = await openCredential(b);
    if (!second.ok) throw new Error(second.error.code);
    expect(parts(first.value)).toEqual(before);
    expect(first.value.cose.buffer).not.toBe(second.value.cose.buffer);
    expect(await verifyOpened(first.value, verifier)).toEqual({ ok: true, value: true });
    expect(await verifyOpened(second.value, verifier)).toEqual({ ok: true, value: true });
  });

  it('bounds the Sig_structure by the COSE size at every head-size boundary (the opening buffer holds it)', () => {
    for (const p of [0, 23, 24, 255, 256, 65_535, 65_536]) {
      for (const q of [0, 23, 24, 255, 256, 65_535, 65_536]) {
        // The smallest COSE_Sign1 that holds both: the two byte strings with their heads and more.
        const cose = p + q + 2;
        expect(sigStructureLength(new Uint8Array(p), new Uint8Array(q)), `${p} + ${q}`).toBeLessThanOrEqual(sigStructureBound(cose));
      }
    }
  });

  it('kid is the first 8 bytes of SHA-256 of the SPKI', async () => {
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', verifier.publicKey));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
    expect(signer.kid).toEqual(digest.slice(0, 8));
  });

  it('takes the algorithm from the key, never from the message', async () => {
    const opened = await openCredential(await sealCredential(claims, signer));
    if (!opened.ok) throw new Error('open failed');
    // The bundle says this key is EdDSA: the ES256 message is refused before any crypto runs.
    const mismatch = await verifyOpened(opened.value, { alg: 'EdDSA', publicKey: verifier.publicKey });
    expect(!mismatch.ok && mismatch.error.code).toBe('signature-alg-mismatch');
    // A message that claims EdDSA is refused by an ES256 key even if the bytes were right.
    const forged = { ...opened.value, headerAlg: 'EdDSA' as const };
    const r = await verifyOpened(forged, verifier);
    expect(!r.ok && r.error.code).toBe('signature-alg-mismatch');
  });

  it('refuses a key whose type does not fit the pinned algorithm', async () => {
    const opened = await openCredential(await sealCredential(claims, signer));
    if (!opened.ok) throw new Error('open failed');
    const ed = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const r = await verifyOpened(opened.value, { alg: 'ES256', publicKey: ed.publicKey });
    expect(!r.ok && r.error.code).toBe('signature-key-unusable');
    const priv = await verifyOpened(opened.value, { alg: 'ES256', publicKey: (await generateSigningKey()).privateKey });
    expect(!priv.ok && priv.error.code).toBe('signature-key-unusable');
  });

  it('opens another prefix only when asked, with the DCC profile by default', async () => {
    const text = await sealCredential(claims, signer, { prefix: 'HC1:' });
    const asCc1 = await openCredential(text);
    expect(!asCc1.ok && asCc1.error.code).toBe('prefix-unknown');
    const asHc1 = await openCredential(text, { prefix: 'HC1:' });
    expect(asHc1.ok && asHc1.value.profile).toBe('dcc');
  });

  it('refuses to seal claims no verifier could open', async () => {
    await expect(sealCredential({ a: undefined }, signer)).rejects.toBeInstanceOf(SealError);
    await expect(sealCredential({ big: 'x'.repeat(70_000) }, signer)).rejects.toThrow(/exceeds what verifiers accept/);
    await expect(sealCredential(1n << 70n, signer)).resolves.toMatch(/^CC1:/); // bignum tag: data, allowed
  });
});

describe('limits', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxInputChars: 4296, maxCompressedBytes: 2864, maxDecompressedBytes: 65536, maxCborDepth: 16, maxCborItems: 4096 });
  });

  it.each([
    [{ maxInputChars: 50 }, 'input', 'input-too-long'],
    [{ maxCompressedBytes: 20 }, 'zlib', 'zlib-input-too-large'],
    [{ maxDecompressedBytes: 40 }, 'zlib', 'zlib-too-large'],
    [{ maxCborItems: 5 }, 'cose', 'cbor-too-many-items'], // the envelope alone has 6 items
    [{ maxCborItems: 8 }, 'cbor', 'cbor-too-many-items'],
    [{ maxCborDepth: 2 }, 'cose', 'cbor-too-deep'], // tag 18 → array → unprotected map
    [{ maxCborDepth: 3 }, 'cbor', 'cbor-too-deep'], // map → map → array → array
  ])('honours %j', async (limits, stage, code) => {
    const text = await sealCredential(claims, signer);
    const r = await openCredential(text, { limits });
    expect(!r.ok && [r.error.stage, r.error.code]).toEqual([stage, code]);
  });

  it('ignores nonsense limit values instead of weakening a bound', async () => {
    const text = await sealCredential(claims, signer);
    const r = await openCredential(text, { limits: { maxInputChars: Number.NaN, maxCborItems: -1 } });
    expect(r.ok).toBe(true);
  });

  it('refuses a zip bomb that fits in a QR code', async () => {
    const bomb = await deflateZlib(new Uint8Array(1 << 20));
    const text = `CC1:${encodeBase45(bomb)}`;
    expect(text.length).toBeLessThan(DEFAULT_LIMITS.maxInputChars);
    const r = await openCredential(text);
    expect(!r.ok && r.error.code).toBe('zlib-too-large');
  });
});

describe('errors', () => {
  it('every code has an English and a Chinese sentence', () => {
    for (const [code, m] of Object.entries(CONTAINER_MESSAGES)) {
      expect(m.en.length, code).toBeGreaterThan(10);
      expect(m['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('never throws: random text, random bytes and non-strings give typed errors', async () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const inputs: unknown[] = [undefined, null, 5, {}, [], 'CC1', 'CC1:', '\u0000', 'CC1:\ud800'];
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(rnd() * 300);
      inputs.push(`CC1:${Array.from({ length: len }, () => String.fromCharCode(32 + Math.floor(rnd() * 60))).join('')}`);
      const bytes = Uint8Array.from({ length: len }, () => Math.floor(rnd() * 256));
      inputs.push(`CC1:${encodeBase45(bytes)}`);
      inputs.push(`CC1:${encodeBase45(await deflateZlib(bytes))}`);
    }
    for (const input of inputs) {
      const r = await openCredential(input as string);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(Object.keys(CONTAINER_MESSAGES)).toContain(r.error.code);
    }
  });

  it('verifyOpened never throws on a damaged opened credential', async () => {
    const opened = await openCredential(await sealCredential(claims, signer));
    if (!opened.ok) throw new Error('open failed');
    const broken = { ...opened.value, signature: undefined as unknown as Uint8Array };
    const r = await verifyOpened(broken, verifier);
    expect(r.ok).toBe(false);
  });

  it('a validly signed credential with an extra unprotected parameter is refused in CC1', async () => {
    const { text } = await sealPayloadBytes(Uint8Array.of(0xa0), signer, { unprotected: Uint8Array.of(0xa1, 0x05, 0x40) });
    const r = await openCredential(text);
    expect(!r.ok && r.error.code).toBe('cose-unprotected-not-empty');
  });
});
