import { describe, expect, it } from 'vitest';
import { encodeBase45 } from '../../../../shared/credential/codec/base45.ts';
import { encodeDigits, parseFragment, toVerifyUrl } from '../../../../shared/credential/index.ts';

const bytes = new Uint8Array([0x78, 0xda, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
const bare = `CC1:${encodeBase45(bytes)}`;

describe('parseFragment: the credential in a verify page fragment, one parser for every form', () => {
  it.each<[string, string, { payload: string; from: string } | string]>([
    ['the URL form as printed (prefix + digits)', `CC1:${encodeDigits(bytes)}`, { payload: bare, from: 'url' }],
    ['a bare payload the app put there', bare, { payload: bare, from: 'bare' }],
    ['a whole verify URL pasted in', toVerifyUrl(bare, 'https://label.example/verify'), { payload: bare, from: 'url' }],
    ['digits of a length no byte count gives', 'CC1:1234', 'scan-fragment-invalid'],
    ['nothing', '', 'scan-empty'],
    ['a javascript: link', 'javascript:alert(1)', 'scan-unsupported-scheme'],
    ['another prefix', 'HC1:6BFOXN', 'scan-not-credential'],
    ['far too many digits', `CC1:${'1'.repeat(300_000)}`, 'scan-too-long'],
  ])('%s', (_name, text, expected) => {
    const parsed = parseFragment(text);
    if (typeof expected === 'string') {
      expect(parsed.ok ? 'ok' : parsed.error.code).toBe(expected);
    } else {
      expect(parsed).toEqual({ ok: true, value: expected });
    }
  });
});
