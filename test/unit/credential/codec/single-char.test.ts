// Issue 3, "done when": every single-character change of a genuine payload is rejected.
// Exhaustive: each position, each other Base45 character (and a few outside the alphabet), each
// deletion, each insertion. Rejection can happen at any stage; what matters is that nothing
// changed verifies. This only holds because decoding is canonical: strict Base45, zero deflate
// padding bits, nothing after the Adler-32 trailer, strict CBOR and (for CC1) no unsigned header.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BASE45_ALPHABET } from '../../../../shared/credential/codec/base45.ts';
import {
  generateSigningKey,
  importVerifyKeyCertificate,
  kidFor,
  openCredential,
  sealCredential,
  verifyOpened,
  type VerifyKey,
} from '../../../../shared/credential/index.ts';

async function accepted(text: string, key: VerifyKey, prefix: string): Promise<boolean> {
  const opened = await openCredential(text, { prefix });
  if (!opened.ok) return false;
  return (await verifyOpened(opened.value, key)).ok;
}

function* singleCharChanges(text: string): Generator<string> {
  const extra = ['a', 'z', '#', '\n', '\u00e9'];
  for (let i = 0; i < text.length; i++) {
    for (const c of [...BASE45_ALPHABET, ...extra]) if (c !== text[i]) yield text.slice(0, i) + c + text.slice(i + 1);
    yield text.slice(0, i) + text.slice(i + 1);
    yield `${text.slice(0, i)}0${text.slice(i)}`;
  }
  yield `${text}0`;
}

async function rejectedChanges(text: string, key: VerifyKey, prefix: string): Promise<{ tried: number; accepted: string[] }> {
  expect(await accepted(text, key, prefix)).toBe(true);
  const acceptedChanges: string[] = [];
  let tried = 0;
  for (const changed of singleCharChanges(text)) {
    tried++;
    if (await accepted(changed, key, prefix)) acceptedChanges.push(changed);
  }
  return { tried, accepted: acceptedChanges };
}

describe('every single-character change is rejected', () => {
  it('for a small CC1 credential', async () => {
    const pair = await generateSigningKey();
    const text = await sealCredential(new Map<number, unknown>([[1, 'importer-hz'], [-1, 1], [-4, 'P-1']]), {
      kid: await kidFor(pair.publicKey),
      alg: 'ES256',
      privateKey: pair.privateKey,
    });
    const { tried, accepted: ok } = await rejectedChanges(text, { alg: 'ES256', publicKey: pair.publicKey }, 'CC1:');
    expect(tried).toBeGreaterThan(text.length * 45);
    expect(ok).toEqual([]);
  }, 60_000);

  it('for Huffman-coded credentials, around the deflate padding bits (30 payloads, last 12 characters)', async () => {
    // Small credentials compress into a stored block (byte-aligned, no final padding); parcel-sized
    // ones with repetitive text use Huffman codes, whose last byte has unused bits that a lenient
    // inflater ignores. Changing one Base45 character there can flip only such a bit.
    const pair = await generateSigningKey();
    const key = { alg: 'ES256' as const, publicKey: pair.publicKey };
    const signer = { kid: await kidFor(pair.publicKey), alg: 'ES256' as const, privateKey: pair.privateKey };
    let huffman = 0;
    for (let n = 0; n < 30; n++) {
      const claims = new Map<number, unknown>([[1, 'importer-hangzhou'], [-4, `P-2026-${n}`], [-3, Array.from({ length: 1 + (n % 5) }, (_, i) => `SF-${i}-SF-${i}-SF-${n}`)]]);
      const text = await sealCredential(claims, signer);
      const opened = await openCredential(text);
      if (opened.ok && (opened.value.compressed[2]! & 0x06) !== 0) huffman++;
      for (let i = text.length - 12; i < text.length; i++) {
        for (const c of BASE45_ALPHABET) {
          if (c !== text[i]) expect(await accepted(text.slice(0, i) + c + text.slice(i + 1), key, 'CC1:')).toBe(false);
        }
      }
    }
    expect(huffman).toBeGreaterThan(20);
  }, 60_000);

  it('for a genuine EU DCC (dgc-testdata CO3, opened as HC1:)', async () => {
    const vector = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../../vectors/container/dcc-CO3.json', import.meta.url)), 'utf8'),
    ) as { stages: { text: string }; key: { certificate: string } };
    const key = await importVerifyKeyCertificate(new Uint8Array(Buffer.from(vector.key.certificate, 'base64')));
    if (!key.ok) throw new Error('certificate import failed');
    const { accepted: ok } = await rejectedChanges(vector.stages.text, key.value, 'HC1:');
    expect(ok).toEqual([]);
  }, 60_000);
});
