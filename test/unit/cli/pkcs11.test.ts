// The PKCS#11 key layer against a real SoftHSM2 token: keygen in the token, signing through the
// core's sealing path, and the errors a merchant meets (wrong PIN, missing object, wrong token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importVerifyKeyJwk, isLowS, openCredential, sealCredential, verifyOpened } from '../../../shared/credential/index.ts';
import { generateHsmKey, HsmError, openHsmKey, type HsmKey } from '../../../cli/keys/pkcs11.ts';
import { makeToken, softHsmMissing, type TestToken } from './softhsm.ts';

if (softHsmMissing) console.warn(`skipping the PKCS#11 key tests: ${softHsmMissing}`);

describe.skipIf(softHsmMissing !== undefined)('PKCS#11 keys on SoftHSM2', () => {
  let token: TestToken;
  let opts: { env: Record<string, string>; cwd: string };
  const held: HsmKey[] = [];
  const open = async (uri: string) => {
    const key = await openHsmKey(uri, opts);
    held.push(key);
    return key;
  };

  beforeAll(async () => {
    token = await makeToken('lib-test', '246810');
    process.env.SOFTHSM2_CONF = token.conf; // the module reads it at C_Initialize
    opts = { env: {}, cwd: token.dir };
  });
  afterAll(async () => {
    for (const key of held) key.close();
    delete process.env.SOFTHSM2_CONF;
    await token?.cleanup();
  });

  async function error(promise: Promise<unknown>): Promise<HsmError> {
    try {
      await promise;
    } catch (e) {
      if (e instanceof HsmError) return e;
      throw e;
    }
    throw new Error('expected an HsmError');
  }

  it('generates a P-256 key in the token whose signatures verify with its public JWK, low-s', async () => {
    const made = await generateHsmKey(token.uri('parcel-key'), opts);
    made.close();
    expect(made.idHex).toBe(made.kidHex);
    const key = await open(token.uri('parcel-key'));
    expect(key.kidHex).toBe(made.kidHex);
    expect(key.publicJwk).toEqual(made.publicJwk);
    const verifier = await importVerifyKeyJwk(key.publicJwk);
    if (!verifier.ok) throw new Error(verifier.error.code);
    for (let i = 0; i < 12; i++) {
      const text = await sealCredential(new Map<number, unknown>([[1, `claims ${i}`]]), key.key);
      const opened = await openCredential(text);
      if (!opened.ok) throw new Error(opened.error.code);
      expect(opened.value.kid).toEqual(key.key.kid);
      expect((await verifyOpened(opened.value, verifier.value)).ok).toBe(true);
      expect(isLowS(opened.value.signature)).toBe(true);
    }
  });

  it('finds a key by id as well as by label, and signs concurrently without mixing operations', async () => {
    const byLabel = await open(token.uri('parcel-key'));
    const byId = await open(`pkcs11:token=lib-test;id=${byLabel.idHex.replace(/../g, '%$&')}?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=246810`);
    expect(byId.kidHex).toBe(byLabel.kidHex);
    const texts = await Promise.all(Array.from({ length: 8 }, (_, i) => sealCredential(new Map([[1, i]]), byId.key)));
    expect(new Set(texts).size).toBe(8);
  });

  it('reads the PIN from pin-source and from CROSSCHECK_PKCS11_PIN', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${token.dir}/pin.txt`, '246810\n');
    expect((await open(token.uri('parcel-key', { pin: null, query: '&pin-source=pin.txt' }))).kidHex).toMatch(/^[0-9a-f]{16}$/);
    const key = await openHsmKey(token.uri('parcel-key', { pin: null }), { ...opts, env: { CROSSCHECK_PKCS11_PIN: '246810' } });
    held.push(key);
    expect((await error(openHsmKey(token.uri('parcel-key', { pin: null }), opts))).code).toBe('pin-missing');
  });

  it.each([
    ['a wrong PIN', () => token.uri('parcel-key', { pin: '000000' }), 'pin-incorrect', /PIN for token "lib-test" is incorrect/],
    ['a missing object', () => token.uri('no-such-key'), 'object-not-found', /no private key object "no-such-key" on token "lib-test"/],
    ['a wrong token', () => token.uri('parcel-key', { token: 'other' }), 'token-not-found', /no token "other" \(tokens present: "lib-test"\)/],
    ['no module', () => 'pkcs11:token=lib-test;object=parcel-key?pin-value=246810', 'module-missing', /module-path/],
    ['a module that is not one', () => 'pkcs11:token=lib-test;object=parcel-key?module-path=/etc/hostname&pin-value=246810', 'module-load', /cannot load/],
    ['no object named', () => 'pkcs11:token=lib-test?module-path=/usr/lib/softhsm/libsofthsm2.so', 'object-missing', /object=/],
  ])('%s is a clear input error', async (_, uri, code, message) => {
    const e = await error(openHsmKey(uri(), opts));
    expect(e.code).toBe(code);
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/246810/);
  });

  it('refuses to generate over an existing label', async () => {
    expect((await error(generateHsmKey(token.uri('parcel-key'), opts))).code).toBe('object-exists');
  });
});
