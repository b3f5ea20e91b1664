// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../pwa/src/router.ts';
import { inAppTarget, MAX_SCANNED_TEXT } from '../../../pwa/src/scan/target.ts';
import { messages } from '../../../pwa/src/messages.ts';
import { systemLocale, translate } from '../../../pwa/src/i18n.ts';

describe('routes', () => {
  it.each([
    ['/', '', 'home', ''],
    ['/verify', '#CC1:123', 'verify', 'CC1:123'],
    ['/verify/', '#CC1:1', 'verify', 'CC1:1'],
    ['/scan', '', 'scan', ''],
    ['/ledger', '', 'ledger', ''],
    ['/receipts/import', '#CC1:9', 'receipt-import', 'CC1:9'],
    ['/settings', '', 'settings', ''],
    ['/__proto__', '', 'not-found', ''],
    ['/constructor', '', 'not-found', ''],
    ['/verify/extra', '', 'not-found', ''],
  ])('%s%s → %s', (path, hash, name, fragment) => {
    expect(routeOf(path, hash)).toEqual({ name, fragment });
  });
});

describe('where a scanned text leads (never outside the app)', () => {
  it.each([
    ['CC1:NCFOXN', { kind: 'route', path: '/verify#CC1%3ANCFOXN', fragment: 'CC1%3ANCFOXN' }],
    ['  CC1:ABC \n', { kind: 'route', path: '/verify#CC1%3AABC', fragment: 'CC1%3AABC' }],
    ['https://crosscheck.example/verify#CC1:0123456789', { kind: 'route', path: '/verify#CC1:0123456789', fragment: 'CC1:0123456789' }],
    ['http://localhost:4173/verify#CC1:00042', { kind: 'route', path: '/verify#CC1:00042', fragment: 'CC1:00042' }],
    // A receipt link goes to the one check route too; it shows the receipt panel at /receipts/import.
    // Another site: the whole URL goes along (encoded) so the verify screen names the host; never opened.
    ['https://shop.example/receipts/import#CC1:00077', { kind: 'route', path: `/verify#${encodeURIComponent('https://shop.example/receipts/import#CC1:00077')}`, fragment: encodeURIComponent('https://shop.example/receipts/import#CC1:00077') }],
    ['https://crоsscheck.example/verify#CC1:00077', { kind: 'route', path: `/verify#${encodeURIComponent('https://crоsscheck.example/verify#CC1:00077')}`, fragment: encodeURIComponent('https://crоsscheck.example/verify#CC1:00077') }],
    // Digits that encode nothing (a length no byte count gives) are refused at the scanner.
    ['http://localhost:4173/verify#CC1:42', { kind: 'foreign', text: 'http://localhost:4173/verify#CC1:42' }],
    ['javascript:alert(1)', { kind: 'foreign', text: 'javascript:alert(1)' }],
    ['https://evil.example/login', { kind: 'foreign', text: 'https://evil.example/login' }],
    ['https://evil.example/verify#CC1:12a', { kind: 'foreign', text: 'https://evil.example/verify#CC1:12a' }],
    ['https://evil.example/verify?x#CC1:12', { kind: 'foreign', text: 'https://evil.example/verify?x#CC1:12' }],
    ['HC1:6BFOXN', { kind: 'foreign', text: 'HC1:6BFOXN' }],
    ['', { kind: 'foreign', text: '' }],
  ])('%j', (text, target) => {
    expect(inAppTarget(text)).toEqual(target);
  });

  it('does not carry an oversized text anywhere', () => {
    const target = inAppTarget(`CC1:${'A'.repeat(MAX_SCANNED_TEXT)}`);
    expect(target.kind).toBe('foreign');
    expect(target.kind === 'foreign' && target.text.length).toBe(200);
  });
});

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).toSorted();

describe('languages', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['de-DE', 'zh'], 'zh-CN'],
    [['fr'], 'en'],
    [[], 'en'],
  ])('browser languages %j → %s', (languages, locale) => {
    expect(systemLocale(languages)).toBe(locale);
  });

  it('every message has both languages with the same placeholders', () => {
    for (const key of Object.keys(messages.en) as Array<keyof typeof messages.en>) {
      expect(messages['zh-CN'][key], key).toBeTruthy();
      expect(placeholders(messages['zh-CN'][key]), key).toEqual(placeholders(messages.en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'ledger.noOrders', { year: 2026 })).toBe('No orders in 2026.');
    expect(translate('zh-CN', 'ledger.noOrders', { year: 2026 })).toBe('2026 年没有订单。');
    expect(translate('en', 'ledger.noOrders')).toBe('No orders in {year}.');
  });
});
