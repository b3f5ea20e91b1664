// crosscheck inspect / qr, run in-process with in-memory streams.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, kidFor, sealCredential, toVerifyUrl } from '../../../shared/credential/index.ts';
import { runCliCaptured } from '../../harness/memory-io.ts';

const vectorsDir = new URL('../../vectors/container/', import.meta.url);
const vector = async (id: string) => JSON.parse(await readFile(new URL(`${id}.json`, vectorsDir), 'utf8')) as {
  stages: { text: string };
  key: { jwk?: Record<string, string>; certificate?: string };
};

let dir: string;
let payload: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crosscheck-credential-'));
  const pair = await generateSigningKey();
  payload = await sealCredential(new Map<number, unknown>([[1, 'demo'], [-3, new Uint8Array([1, 2, 3])]]), { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey });
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  await writeFile(join(dir, 'key.jwk'), JSON.stringify(jwk));
  await writeFile(join(dir, 'key.pub.json'), JSON.stringify({ kid: 'x', alg: 'ES256', role: 'importer', publicKeyJwk: jwk }));
  await writeFile(join(dir, 'key.spki'), new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
  const spkiB64 = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  await writeFile(join(dir, 'key.pem'), `-----BEGIN PUBLIC KEY-----\n${spkiB64.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`);
  await writeFile(join(dir, 'payload.txt'), `${payload}\n`);
  const co1 = await vector('dcc-CO1');
  await writeFile(join(dir, 'co1.der'), Buffer.from(co1.key.certificate!, 'base64'));
  await writeFile(join(dir, 'co1.txt'), co1.stages.text);
});

const run = (args: string[], stdin = '') => runCliCaptured(args, { stdin, cwd: dir });

describe('crosscheck inspect', () => {
  it('reports every stage, and no-key for the signature without a key', async () => {
    const { code, out } = await run(['inspect', payload]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['from', 'input', 'prefix', 'base45', 'zlib', 'cose', 'signature', 'claims']);
    expect(r.prefix).toEqual({ ok: true, prefix: 'CC1:' });
    expect(r.cose.alg).toBe('ES256');
    expect(r.cose.kid).toMatch(/^[0-9a-f]{16}$/);
    expect(r.cose.protectedHeader['1']).toBe(-7);
    expect(r.claims).toEqual({ ok: true, claims: { '1': 'demo', '-3': { $hex: '010203' } } });
    expect(r.signature).toMatchObject({ ok: false, code: 'no-key' });
  });

  it.each(['key.jwk', 'key.pub.json', 'key.spki', 'key.pem'])('verifies with --key %s', async (file) => {
    const r = JSON.parse((await run(['inspect', '--key', file, 'payload.txt'])).out);
    expect(r.signature).toEqual({ ok: true, verified: true, alg: 'ES256' });
  });

  it('reads standard input and the URL form', async () => {
    const r = JSON.parse((await run(['inspect', '--key', 'key.jwk', '-'], toVerifyUrl(payload))).out);
    expect(r.from).toBe('url');
    expect(r.signature.ok).toBe(true);
  });

  it('opens a genuine EU DCC with its certificate (PS256)', async () => {
    const r = JSON.parse((await run(['inspect', '--prefix', 'HC1:', '--cert', 'co1.der', 'co1.txt'])).out);
    expect(r.cose.alg).toBe('PS256');
    expect(r.signature).toEqual({ ok: true, verified: true, alg: 'PS256' });
    expect(r.claims.claims['-260']['1'].nam.gn).toBe('Gabriele');
  });

  it('takes a bare Base45 text whose prefix was lost as the payload and reports the prefix stage', async () => {
    const bare = payload.slice('CC1:'.length);
    const { code, out } = await run(['inspect', bare]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.input.ok).toBe(true);
    expect(r.prefix).toMatchObject({ ok: false, code: 'prefix-missing' });
    expect(r.base45).toMatchObject({ ok: false, code: 'not-reached' });
    // A file of that name is still read as a file.
    await writeFile(join(dir, 'LABEL0001'), `${payload}\n`);
    expect(JSON.parse((await run(['inspect', 'LABEL0001'])).out).prefix).toEqual({ ok: true, prefix: 'CC1:' });
  });

  it('shows where a damaged payload fails, exit 0', async () => {
    const { code, out } = await run(['inspect', `${payload.slice(0, -3)}AAA`]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.zlib.ok).toBe(false);
    expect(r.zlib.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(r.cose).toMatchObject({ ok: false, code: 'not-reached' });
  });

  it.each([
    [['inspect', '--cert', 'a', '--key', 'b', 'payload.txt'], /not both/],
    [['inspect', '--key', 'missing.jwk', 'payload.txt'], /no such file/],
    [['inspect', '--prefix', 'hc1', 'payload.txt'], /--prefix/],
    [['inspect', 'missing.txt'], /no such file/],
  ])('input errors exit 2 with one line: %j', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });
});

describe('crosscheck qr', () => {
  it('prints the verify URL', async () => {
    const { code, out } = await run(['qr', '--format', 'url', '--base', 'https://cc.example/v', payload]);
    expect(code).toBe(0);
    expect(out.trim()).toBe(toVerifyUrl(payload, 'https://cc.example/v'));
  });

  it('prints an SVG and reports the QR version', async () => {
    const { code, out, err } = await run(['qr', '--format', 'svg', 'payload.txt']);
    expect(code).toBe(0);
    expect(out).toMatch(/^<svg/);
    expect(err).toMatch(/QR version \d+ at level M \(url form/);
  });

  it('writes a PNG', async () => {
    const { code } = await run(['qr', '--format', 'png', '--form', 'bare', '--out', 'q.png', payload]);
    expect(code).toBe(0);
    const png = await readFile(join(dir, 'q.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    [['qr', 'payload.txt'], /--format/],
    [['qr', '--format', 'url', 'javascript:alert(1)'], /never opens/],
    [['qr', '--format', 'url', '--base', 'ftp://x', 'payload.txt'], /--base/],
    [['qr', '--format', 'svg', '--level', 'X', 'payload.txt'], /--level/],
  ])('input errors exit 2: %j', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
