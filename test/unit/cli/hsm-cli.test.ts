// `--key pkcs11:…` through the CLI against a real SoftHSM2 token: keygen in the token, a trust
// bundle signed by the HSM root, a parcel signed by an HSM warehouse key, verified as genuine.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../harness/memory-io.ts';
import { parcelClaims } from './parcel-claims.ts';
import { makeToken, softHsmMissing, type TestToken } from './softhsm.ts';

if (softHsmMissing) console.warn(`skipping the HSM CLI tests: ${softHsmMissing}`);

describe.skipIf(softHsmMissing !== undefined)('crosscheck with keys in SoftHSM2', () => {
  let token: TestToken;
  let dir: string;
  const run = (args: string[], stdin = '') => runCliCaptured(args, { stdin, cwd: dir, env: {} });

  beforeAll(async () => {
    token = await makeToken('merchant-hsm', '864200');
    process.env.SOFTHSM2_CONF = token.conf; // read by the module at C_Initialize (in-process CLI)
    dir = await mkdtemp(join(tmpdir(), 'cc-hsm-cli-'));
  });
  afterAll(async () => {
    delete process.env.SOFTHSM2_CONF;
    await token?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keygen makes the key in the token and writes only the public file', async () => {
    for (const [role, object] of [['root', 'root-key'], ['warehouse', 'wh-key']]) {
      const r = await run(['keygen', '--role', role!, '--key', token.uri(object!), '--out', `keys/${object}.pub.json`]);
      expect(r.code, r.err).toBe(0);
      const printed = JSON.parse(r.out);
      expect(printed).toMatchObject({ alg: 'ES256', role, public: join(dir, `keys/${object}.pub.json`) });
      expect(printed.key).toMatch(/^pkcs11:token=merchant-hsm;object=/);
      expect(r.out).not.toMatch(/864200/);
      const pub = JSON.parse(await readFile(join(dir, `keys/${object}.pub.json`), 'utf8'));
      expect(pub).toMatchObject({ kid: printed.kid, alg: 'ES256', role, publicKeyJwk: { kty: 'EC', crv: 'P-256' } });
      expect(pub.publicKeyJwk.d).toBeUndefined();
    }
  });

  it('trust build with the HSM root, issue with the HSM key, verify → genuine', async () => {
    const desc = {
      issuer: 'root',
      id: 'hsm-bundle',
      serial: 1,
      maxAgeSeconds: 86_400 * 30,
      issuers: [
        { id: 'wh', roles: ['warehouse'], name: { en: 'WH', 'zh-CN': '仓' }, keys: [{ file: 'keys/wh-key.pub.json', notBefore: '2025-01-01T00:00:00Z' }], speaksFor: ['imp', 'shop'] },
        { id: 'imp', roles: ['importer'], name: { en: 'Imp', 'zh-CN': '进口' }, filing: { status: 'filed' } },
      ],
    };
    await writeFile(join(dir, 'desc.json'), JSON.stringify(desc));
    const built = await run(['trust', 'build', '--root', token.uri('root-key'), '--in', 'desc.json', '--out', 'trust/bundle.txt']);
    expect(built.code, built.err).toBe(0);
    const rootPub = await readFile(join(dir, 'keys/root-key.pub.json'), 'utf8');
    expect(JSON.parse(built.out).root).toBe(JSON.parse(rootPub).kid);
    await writeFile(join(dir, 'trust/roots.json'), rootPub);

    const issued = await run(['issue', 'parcel', '--key', token.uri('wh-key'), '--in', '-'], JSON.stringify(parcelClaims(1)));
    expect(issued.code, issued.err).toBe(0);
    await writeFile(join(dir, 'p1.txt'), issued.out);
    const verdict = await run(['verify', '--trust', 'trust/bundle.txt', 'p1.txt']);
    expect(verdict.code, verdict.err).toBe(0);
    expect(JSON.parse(verdict.out).status).toMatch(/^genuine/);
  });

  it('the PIN may come from a file (pin-source)', async () => {
    await writeFile(join(dir, 'pin'), '864200\n');
    const r = await run(['issue', 'parcel', '--key', token.uri('wh-key', { pin: null, query: '&pin-source=pin' }), '--in', '-'], JSON.stringify(parcelClaims(2)));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^CC1:/);
  });

  it.each([
    ['a wrong PIN', () => token.uri('wh-key', { pin: '111111' }), /HSM: the PIN for token "merchant-hsm" is incorrect/],
    ['a missing object', () => token.uri('nope'), /HSM: no private key object "nope" on token "merchant-hsm"/],
    ['a wrong token', () => token.uri('wh-key', { token: 'elsewhere' }), /HSM: no token "elsewhere" \(tokens present: "merchant-hsm"\)/],
    ['a malformed URI', () => 'pkcs11:token=merchant-hsm;objet=wh-key', /PKCS#11 URI: unknown attribute objet/],
  ])('%s: one clear line, exit 2', async (_, uri, message) => {
    for (const args of [
      ['issue', 'parcel', '--key', uri(), '--in', '-'],
      ['trust', 'build', '--root', uri(), '--in', 'desc.json', '--out', 'trust/never.txt'],
    ]) {
      const r = await run(args, JSON.stringify(parcelClaims(3)));
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/864200|111111/);
    }
  });

  it('--batch signs with the HSM key in input order', async () => {
    const lines = [1, 2, 3, 4, 5].map((n) => JSON.stringify(parcelClaims(10 + n)));
    lines[2] = '{"issuer":"wh"}';
    const r = await run(['issue', 'parcel', '--key', token.uri('wh-key'), '--batch', '-'], `${lines.join('\n')}\n`);
    expect(r.code).toBe(1);
    const out = r.out.split('\n');
    expect(out).toHaveLength(6);
    expect(out[2]).toBe('');
    expect(out.filter((l) => l.startsWith('CC1:'))).toHaveLength(4);
    expect(r.err).toMatch(/^line 3: claims: /m);
  });
});
