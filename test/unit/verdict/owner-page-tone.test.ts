// The inputs the apps pass to the verifier besides the credential — the owner profile and the page
// context — and the one tone every surface draws a status in.
import { describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../../shared/identity/index.ts';
import {
  maskName,
  ownerProfileFromIdNumber,
  pageContextOf,
  parseOwnerProfile,
  placementMatches,
  receiptOwnership,
  STATUS_MESSAGES,
  toneOf,
  type VerdictStatus,
} from '../../../shared/verdict/index.ts';

const withCheck = (first17: string) => first17 + computeCheckCharacter(first17);
const ID = withCheck('11010519491231002');

describe('owner profile', () => {
  it('keeps only the last four characters of a valid ID number and a masked name', () => {
    const r = ownerProfileFromIdNumber(` ${ID.toLowerCase()} `, '张三丰');
    expect(r).toEqual({ ok: true, value: { idLast4: ID.slice(-4), maskedName: '张**' } });
    expect(JSON.stringify(r)).not.toContain(ID.slice(0, 14));
  });

  it.each([
    ['a typo (check character)', `${ID.slice(0, 17)}${ID[17] === '1' ? '2' : '1'}`, 'bad-check-digit'],
    ['too short', '1234', 'bad-length'],
    ['letters', 'ABCDEFGHIJKLMNOPQR', 'bad-character'],
  ])('refuses %s with the GB 11643 reason', (_name, id, code) => {
    const r = ownerProfileFromIdNumber(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it.each([
    [{ idLast4: '123x' }, { idLast4: '123X' }],
    [{ idLast4: '0042', maskedName: '李*' }, { idLast4: '0042', maskedName: '李*' }],
    [{ idLast4: '12345' }, undefined],
    [{ idLast4: 'X123' }, undefined],
    ['0042', undefined],
    [null, undefined],
  ])('reads a stored profile %j as %j', (stored, expected) => {
    expect(parseOwnerProfile(stored)).toEqual(expected);
  });

  it.each([
    ['123X', { idLast4: '123X' }, 'owner'],
    ['123x', { idLast4: '123X' }, 'owner'],
    ['5678', { idLast4: '123X' }, 'other-identity'],
    ['123X', undefined, 'unconfirmed'],
  ] as const)('a receipt ordered under %s is %3$s for profile %j', (last4, owner, expected) => {
    expect(receiptOwnership({ ordererIdLast4: last4 }, owner)).toBe(expected);
  });

  it('masks names whatever their length', () => {
    expect([maskName('王'), maskName('王五'), maskName('欧阳娜娜'), maskName('Li Wei'), maskName('  ')]).toEqual(['王*', '王*', '欧***', 'L***', undefined]);
  });
});

describe('page context from a page URL', () => {
  it.each([
    ['https://detail.tmall.hk/item.htm?id=612345678901&skuId=5', { origin: 'https://detail.tmall.hk', marketplace: { site: 'tmall', item: '612345678901' } }],
    ['https://detail.tmall.com/item.htm?spm=a.b&id=612345678901&shop_id=77', { origin: 'https://detail.tmall.com', marketplace: { site: 'tmall', item: '612345678901', shop: '77' } }],
    ['https://chaoshi.detail.tmall.com/item.htm?id=42', { origin: 'https://chaoshi.detail.tmall.com', marketplace: { site: 'tmall', item: '42' } }],
    ['https://npcitem.jd.hk/100012043978.html', { origin: 'https://npcitem.jd.hk', marketplace: { site: 'jd', item: '100012043978' } }],
    ['https://item.jd.com/100012043978.html#crumb', { origin: 'https://item.jd.com', marketplace: { site: 'jd', item: '100012043978' } }],
    ['https://item.m.jd.com/product/100012043978.html', { origin: 'https://item.m.jd.com', marketplace: { site: 'jd', item: '100012043978' } }],
    // A marketplace page that names no item: no placement can match there.
    ['https://list.tmall.hk/search_product.htm?q=serum', { origin: 'https://list.tmall.hk' }],
    ['https://search.jd.hk/Search?keyword=a2', { origin: 'https://search.jd.hk' }],
    // Look-alikes are not the marketplace: the origin rule applies to them.
    ['https://detail.tmall.hk.evil.test/item.htm?id=1', { origin: 'https://detail.tmall.hk.evil.test' }],
    ['https://nottmall.hk/item.htm?id=1', { origin: 'https://nottmall.hk' }],
    ['https://shop.example/p/serum', { origin: 'https://shop.example' }],
    ['ftp://item.jd.com/1.html', undefined],
    ['not a url', undefined],
  ])('%s', (url, expected) => {
    expect(pageContextOf(url)).toEqual(expected);
  });

  it('matches a placement by site and item, and by shop when both name one', () => {
    const placements = [{ site: 'tmall', item: '42', shop: '7' }];
    expect(placementMatches(placements, { site: 'tmall', item: '42' })).toBe(true);
    expect(placementMatches(placements, { site: 'tmall', item: '42', shop: '7' })).toBe(true);
    expect(placementMatches(placements, { site: 'tmall', item: '42', shop: '8' })).toBe(false);
    expect(placementMatches(placements, { site: 'tmall', item: '43' })).toBe(false);
    expect(placementMatches(placements, { site: 'jd', item: '42' })).toBe(false);
  });
});

describe('tone', () => {
  it('draws only genuine-yours green', () => {
    const statuses = Object.keys(STATUS_MESSAGES) as VerdictStatus[];
    expect(statuses.filter((s) => toneOf(s) === 'green')).toEqual(['genuine-yours']);
    expect([toneOf('genuine-unbound'), toneOf('genuine'), toneOf({ status: 'check-trust-data' }), toneOf('check-clock'), toneOf('not-yours')]).toEqual([
      'neutral',
      'neutral',
      'warning',
      'warning',
      'bad',
    ]);
  });
});
