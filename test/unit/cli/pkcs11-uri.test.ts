import { describe, expect, it } from 'vitest';
import { CliError } from '../../../cli/io.ts';
import { isPkcs11Uri, parsePkcs11Uri, Pkcs11UriError, redactPkcs11Uri } from '../../../cli/keys/pkcs11-uri.ts';

describe('PKCS#11 URI (RFC 7512)', () => {
  it('reads path and query attributes, percent-decoding values', () => {
    const uri = parsePkcs11Uri('pkcs11:token=Shop%20HSM;object=parcel-key;id=%01%ff;type=private?pin-source=/run/pin&module-path=/usr/lib/softhsm/libsofthsm2.so');
    expect(uri).toEqual({
      token: 'Shop HSM',
      object: 'parcel-key',
      id: Uint8Array.of(1, 255),
      type: 'private',
      pinSource: '/run/pin',
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
    });
  });

  it('reads the RFC 7512 §3 examples', () => {
    expect(parsePkcs11Uri('pkcs11:')).toEqual({});
    expect(parsePkcs11Uri('pkcs11:object=my-pubkey;type=public')).toEqual({ object: 'my-pubkey', type: 'public' });
    expect(parsePkcs11Uri('pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=?pin-source=file:/etc/token_pin')).toMatchObject({
      token: 'The Software PKCS#11 Softtoken',
      manufacturer: 'Snake Oil, Inc.',
      id: Uint8Array.of(0x69, 0x95, 0x3e, 0x5c, 0xf4, 0xbd, 0xec, 0x91),
      serial: '',
      pinSource: 'file:/etc/token_pin',
    });
    expect(parsePkcs11Uri('pkcs11:token=A%20name%20with%20a%20substring%20%25%3B;object=my-certificate;type=cert')).toMatchObject({ token: 'A name with a substring %;' });
    expect(parsePkcs11Uri('pkcs11:token=Name%20with%20a%20small%20A%20with%20acute:%20%C3%A1;object=my-certificate;type=cert').token).toBe('Name with a small A with acute: á');
    expect(parsePkcs11Uri('pkcs11:slot-description=Sun%20Metaslot;x-vendor=yes').slotId).toBeUndefined();
  });

  it.each([
    ['file:k.json', 'not-pkcs11'],
    ['pkcs11:token', 'bad-attribute'],
    ['pkcs11:token=a;;object=b', 'bad-attribute'],
    ['pkcs11:=x', 'bad-attribute'],
    ['pkcs11:object=%zz', 'bad-percent'],
    ['pkcs11:object=ab%4', 'bad-percent'],
    ['pkcs11:object=%ff%fe', 'bad-value'],
    ['pkcs11:token=a;token=b', 'duplicate'],
    ['pkcs11:tokne=a', 'unknown-attribute'],
    ['pkcs11:token=a;pin-value=1', 'unknown-attribute'],
    ['pkcs11:token=a?object=b', 'unknown-attribute'],
    ['pkcs11:type=secret', 'bad-value'],
    ['pkcs11:slot-id=one', 'bad-value'],
    ['pkcs11:id=', 'bad-value'],
    ['pkcs11:object=', 'bad-value'],
    ['pkcs11:object=k?pin-value=1&pin-source=/p', 'bad-value'],
  ])('%s → %s, a CLI input error (exit 2)', (text, code) => {
    let error: unknown;
    try {
      parsePkcs11Uri(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Pkcs11UriError);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Pkcs11UriError).code).toBe(code);
    expect((error as Pkcs11UriError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/^PKCS#11 URI: /);
  });

  it('tells URIs from paths and never echoes a PIN', () => {
    expect(isPkcs11Uri('pkcs11:object=a')).toBe(true);
    expect(isPkcs11Uri('PKCS11:object=a')).toBe(true);
    expect(isPkcs11Uri('keys/pkcs11.json')).toBe(false);
    expect(redactPkcs11Uri('pkcs11:object=a?module-path=/m.so&pin-value=1234')).toBe('pkcs11:object=a?module-path=/m.so&pin-value=…');
    expect(redactPkcs11Uri('pkcs11:object=a?pin-value=1234&module-path=/m.so')).toBe('pkcs11:object=a?pin-value=…&module-path=/m.so');
  });
});
