// One sealing path for every kind of key: a WebCrypto private key or an async signer (a key kept in
// hardware), and ES256 signatures always in the low-s form whichever signer made them.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  isLowS,
  kidFor,
  lowS,
  openCredential,
  sealCredential,
  verifyOpened,
  type SigningKey,
  type VerifyKey,
} from '../../../../shared/credential/index.ts';

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const bigOf = (b: Uint8Array) => b.reduce((acc, x) => (acc << 8n) | BigInt(x), 0n);
const bytesOf = (v: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn));
/** The other valid signature of the same message: (r, n − s). */
const flip = (sig: Uint8Array) => Uint8Array.of(...sig.subarray(0, 32), ...bytesOf(N - bigOf(sig.subarray(32))));

let pair: CryptoKeyPair;
let verifier: VerifyKey;
let kid: Uint8Array;

beforeAll(async () => {
  pair = (await generateSigningKey()) as CryptoKeyPair;
  verifier = { alg: 'ES256', publicKey: pair.publicKey };
  kid = await kidFor(pair.publicKey);
});

const rawSign = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data as Uint8Array<ArrayBuffer>));

async function sealAndCheck(key: SigningKey) {
  const opened = await openCredential(await sealCredential(new Map([[1, 'x']]), key));
  if (!opened.ok) throw new Error(opened.error.code);
  return { signature: opened.value.signature, verified: await verifyOpened(opened.value, verifier) };
}

describe('low-s', () => {
  it('maps s to n − s only in the high half, and is idempotent', () => {
    const r = new Uint8Array(32).fill(7);
    const high = Uint8Array.of(...r, ...bytesOf(N - 1n));
    const low = lowS(high);
    expect(bigOf(low.subarray(32))).toBe(1n);
    expect(low.subarray(0, 32)).toEqual(r);
    expect(lowS(low)).toBe(low);
    expect(isLowS(low)).toBe(true);
    expect(isLowS(high)).toBe(false);
    const half = Uint8Array.of(...r, ...bytesOf(N >> 1n));
    expect(isLowS(half)).toBe(true);
    expect(isLowS(Uint8Array.of(...r, ...bytesOf((N >> 1n) + 1n)))).toBe(false);
  });

  it('WebCrypto keys seal low-s signatures that verify (WebCrypto alone gives either half)', async () => {
    const key: SigningKey = { kid, alg: 'ES256', privateKey: pair.privateKey };
    for (let i = 0; i < 40; i++) {
      const { signature, verified } = await sealAndCheck(key);
      expect(verified.ok).toBe(true);
      expect(isLowS(signature)).toBe(true);
    }
  });
});

describe('async signer', () => {
  it('seals through the same path: the signer gets the Sig_structure, its high-s answer is normalised', async () => {
    const seen: Uint8Array[] = [];
    const key: SigningKey = {
      kid,
      alg: 'ES256',
      sign: async (data) => {
        seen.push(data);
        const sig = await rawSign(data);
        return isLowS(sig) ? flip(sig) : sig; // always hand back the high-s form
      },
    };
    const { signature, verified } = await sealAndCheck(key);
    expect(seen).toHaveLength(1);
    expect(verified.ok).toBe(true);
    expect(isLowS(signature)).toBe(true);
  });

  it('a signer answering with anything but 64 bytes fails the seal', async () => {
    const key: SigningKey = { kid, alg: 'ES256', sign: async () => new Uint8Array(70) };
    await expect(sealCredential(new Map([[1, 'x']]), key)).rejects.toThrow(/70 bytes, not 64/);
  });
});
