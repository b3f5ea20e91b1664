// Look-alike hosts in a scanned URL: named, never followed. Table of the usual tricks.
import { describe, expect, it } from 'vitest';
import { decodePunycodeLabel, hostOfScan, unicodeHost } from '../../../../shared/credential/codec/url.ts';

const OWN = ['crosscheck.example', 'localhost'];
const at = (host: string) => `https://${host}/verify#CC1:000`;

describe('look-alike hosts in a scanned URL', () => {
  it.each([
    ['crosscheck.example'],
    ['www.crosscheck.example'],
    ['CrossCheck.Example.'],
    ['localhost'],
  ])('%s is ours', (host) => {
    expect(hostOfScan(at(host), OWN)?.kind).toBe('own');
  });

  it.each([
    // [case, host as typed, why it is named]
    ['Cyrillic о in an IDN homograph', 'crоsscheck.example', ['confusable', 'punycode']],
    ['Cyrillic с and е', 'сrossсheсk.example', ['confusable', 'punycode']],
    ['the name as an extra subdomain', 'crosscheck.example.verify-parcel.com', ['subdomain']],
    ['the name inside another label', 'crosscheck-verify.example.net', ['subdomain']],
    ['a typo (one letter dropped)', 'croscheck.example', ['typo']],
    ['a typo (two letters swapped)', 'corsscheck.example', ['typo']],
    ['digit for letter', 'cr0sscheck.example', ['confusable']],
    ['rn for m style pairs and a hyphen', 'cross-check.example', ['confusable']],
    ['a look-alike TLD', 'crosscheck.com', ['tld']],
    ['a look-alike TLD (IDN)', 'crosscheck.xn--fiqs8s', ['tld', 'punycode']],
  ])('%s (%s) is named as a look-alike', (_name, host, why) => {
    const found = hostOfScan(at(host), OWN);
    expect(found?.kind).toBe('lookalike');
    if (found?.kind !== 'lookalike') return;
    expect(found.why.toSorted()).toEqual([...why].toSorted());
    expect(found.like).toBe('crosscheck.example');
    // The host is shown as the URL has it (xn--… for IDN) and decoded.
    expect(found.host).toBe(new URL(at(host)).hostname);
  });

  it.each([['shop.example'], ['example.com'], ['127.0.0.1'], ['tmall.hk']])('%s is another site, not a look-alike', (host) => {
    expect(hostOfScan(at(host), OWN)?.kind).toBe('foreign');
  });

  it('is not a URL: undefined', () => {
    expect(hostOfScan('CC1:ABC', OWN)).toBeUndefined();
    expect(hostOfScan('javascript:alert(1)', OWN)).toBeUndefined();
  });

  it('decodes punycode (RFC 3492 samples)', () => {
    expect(decodePunycodeLabel('fiqs8s')).toBe('中国');
    const label = new URL(at('crоsscheck.example')).hostname.split('.')[0]!;
    expect(label.startsWith('xn--')).toBe(true);
    expect(decodePunycodeLabel(label.slice(4))).toBe('crоsscheck');
    expect(unicodeHost(new URL(at('crоsscheck.example')).hostname)).toBe('crоsscheck.example');
    expect(decodePunycodeLabel('!!')).toBeUndefined();
  });
});
