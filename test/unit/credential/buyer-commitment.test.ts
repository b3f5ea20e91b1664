import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buyerCommitment,
  buyerCommitmentHex,
  commitmentMatches,
  commitmentMessage,
  constantTimeEqual,
  newOrderSecret,
} from '../../../shared/credential/buyer-commitment.ts';
import { computeCheckCharacter } from '../../../shared/identity/index.ts';

const SECRET = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

describe('buyer commitment', () => {
  it('is HMAC-SHA-256(secret, "CrossCheck parcel binding v1" ‖ 0x00 ‖ parcel id), first 16 bytes', async () => {
    const independent = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(Buffer.concat([Buffer.from('CrossCheck parcel binding v1'), Buffer.from([0]), Buffer.from('SF1400000000001')])).digest().subarray(0, 16).toString('hex');
    expect(await buyerCommitmentHex(SECRET, 'SF1400000000001')).toBe(independent);
    expect(await buyerCommitment(SECRET, 'SF1400000000001')).toHaveLength(16);
  });

  it('keeps each result: the buffers reused inside the MAC never show through', async () => {
    const first = await buyerCommitment(SECRET, 'P1');
    const copy = first.slice();
    await buyerCommitment('ff'.repeat(32), 'P2');
    expect(first).toEqual(copy);
    // Ids of every length around the message buffer's size, and non-ASCII ones, against node:crypto.
    for (const id of ['x'.repeat(56), '编'.repeat(56), 'y'.repeat(57), '编号'.repeat(40), 'z'.repeat(300)]) {
      const independent = createHmac('sha256', Buffer.from(SECRET, 'hex')).update(Buffer.from(`CrossCheck parcel binding v1\u0000${id}`)).digest().subarray(0, 16).toString('hex');
      expect(await buyerCommitmentHex(SECRET, id)).toBe(independent);
    }
  });

  it('separates domains: the message is the label, NUL, then the id', () => {
    const m = commitmentMessage('P1');
    expect(new TextDecoder().decode(m)).toBe('CrossCheck parcel binding v1\u0000P1');
  });

  it('differs per parcel and per order', async () => {
    const a = await buyerCommitmentHex(SECRET, 'P1');
    expect(await buyerCommitmentHex(SECRET, 'P2')).not.toBe(a);
    expect(await buyerCommitmentHex('ff'.repeat(32), 'P1')).not.toBe(a);
  });

  it.each([
    [SECRET, 'P1', true],
    ['ff'.repeat(32), 'P1', false],
    [SECRET, 'P2', false],
  ])('opens with the right secret and id only (%#)', async (secret, id, expected) => {
    const commitment = await buyerCommitment(SECRET, 'P1');
    expect(await commitmentMatches(secret, id, commitment)).toBe(expected);
  });

  it('refuses secrets that are not 32 bytes', async () => {
    await expect(buyerCommitment('00'.repeat(16), 'P1')).rejects.toThrow(RangeError);
    await expect(buyerCommitment('zz', 'P1')).rejects.toThrow(TypeError);
  });

  it.each([
    [[1, 2, 3], [1, 2, 3], true],
    [[1, 2, 3], [1, 2, 4], false],
    [[1, 2, 3], [1, 2], false],
    [[], [], true],
  ])('constantTimeEqual(%j, %j) = %s', (a, b, expected) => {
    expect(constantTimeEqual(Uint8Array.from(a), Uint8Array.from(b))).toBe(expected);
  });

  it('draws fresh 32-byte order secrets', () => {
    const a = newOrderSecret();
    expect(a).toHaveLength(32);
    expect(constantTimeEqual(a, newOrderSecret())).toBe(false);
  });
});

// FORMAT.md §6 claims a hash of the ID number would be unsafe. This is that attack: with the
// region (6 digits) and the birth date (8 digits) known, only the 3-digit sequence is unknown and
// the check digit (GB 11643-1999, ISO 7064 MOD 11-2; computeCheckCharacter) follows, so 1,000
// hashes find the number.

describe('why not a hash of the ID number', () => {
  it('a SHA-256 of an 18-digit ID falls to 1,000 guesses once region and birth date are known', () => {
    const region = '110105';
    const birth = '19491231';
    const secretId = `${region}${birth}002${computeCheckCharacter(`${region}${birth}002`)}`;
    const leakedHash = createHash('sha256').update(secretId).digest('hex');
    let found: string | undefined;
    let tries = 0;
    for (let seq = 0; seq < 1000 && !found; seq++) {
      const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
      const candidate = first17 + computeCheckCharacter(first17);
      tries++;
      if (createHash('sha256').update(candidate).digest('hex') === leakedHash) found = candidate;
    }
    expect(found).toBe(secretId);
    // The attack's cost, counted: at most 1,000 hashes (about a millisecond on a laptop).
    expect(tries).toBeLessThanOrEqual(1000);
  });

  it('the HMAC commitment gives the same attacker nothing to test guesses against', async () => {
    // Without the per-order secret (2^256 possibilities) a guessed ID cannot be checked: the
    // commitment is keyed, and it is not even computed over the ID.
    const c1 = await buyerCommitmentHex(newOrderSecret(), 'P1');
    const c2 = await buyerCommitmentHex(newOrderSecret(), 'P1');
    expect(c1).not.toBe(c2);
  });
});
