// The JavaScript HMAC-SHA-256 of the buyer commitment against RFC 4231's vectors and, on seeded
// random keys and messages of every length around the block boundaries, against node:crypto and
// WebCrypto.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSha256Key, sha256 } from '../../../shared/credential/hmac-sha256.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const text = (s: string) => new TextEncoder().encode(s);

describe('HMAC-SHA-256 in JavaScript', () => {
  // RFC 4231 §4.2–4.7 (test case 5, truncated output, is covered by the random comparison).
  it.each([
    ['0b'.repeat(20), hex(text('Hi There')), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [hex(text('Jefe')), hex(text('what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['aa'.repeat(20), 'dd'.repeat(50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['0102030405060708090a0b0c0d0e0f10111213141516171819', 'cd'.repeat(50), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    ['aa'.repeat(131), hex(text('Test Using Larger Than Block-Size Key - Hash Key First')), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    [
      'aa'.repeat(131),
      hex(text('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.')),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('RFC 4231 vector %#', (key, message, mac) => {
    expect(hex(hmacSha256(hmacSha256Key(bytes(key)), bytes(message)))).toBe(mac);
  });

  it('agrees with node:crypto and WebCrypto on seeded random keys and messages', async () => {
    const random = seededRandom(4231);
    const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
    for (let length = 0; length <= 200; length++) {
      const key = randomBytes([0, 1, 16, 32, 63, 64, 65, 100][length % 8]!);
      const message = randomBytes(length);
      const expected = createHmac('sha256', key).update(message).digest('hex');
      expect(hex(hmacSha256(hmacSha256Key(key), message)), `length ${length}`).toBe(expected);
      expect(hex(sha256(message)), `sha256 length ${length}`).toBe(createHash('sha256').update(message).digest('hex'));
      if (length % 10 === 0 && key.length > 0) {
        const webKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        expect(hex(new Uint8Array(await crypto.subtle.sign('HMAC', webKey, message)))).toBe(expected);
      }
    }
  });
});
