import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePwa, type PwaServer } from '../../../harness/store/serve-pwa.ts';

let server: PwaServer;
let root: string;
const seen: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'crosscheck-serve-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, 'trust'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'sw.js'), 'self.x=1');
  writeFileSync(join(root, 'manifest.webmanifest'), '{}');
  writeFileSync(join(root, 'assets', 'app-123.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'zxing_reader-1.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(root, 'trust', 'bundle.txt'), 'CC1:X');
  server = await servePwa({ root, onRequest: (_m, p) => seen.push(p) });
});
afterAll(() => server.close());

describe('static server for the built PWA', () => {
  it.each([
    ['/', 200, 'text/html; charset=utf-8', 'no-cache'],
    ['/verify', 200, 'text/html; charset=utf-8', 'no-cache'], // SPA fallback
    ['/receipts/import', 200, 'text/html; charset=utf-8', 'no-cache'],
    ['/sw.js', 200, 'text/javascript; charset=utf-8', 'no-cache'],
    ['/manifest.webmanifest', 200, 'application/manifest+json; charset=utf-8', 'no-cache'],
    ['/assets/app-123.js', 200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/zxing_reader-1.wasm', 200, 'application/wasm', 'public, max-age=31536000, immutable'],
    ['/trust/bundle.txt', 200, 'text/plain; charset=utf-8', 'no-cache'],
    ['/assets/missing.js', 404, 'text/plain; charset=utf-8', null],
    ['/trust/missing', 404, 'text/plain; charset=utf-8', null],
    ['/..%2f..%2fetc%2fpasswd.txt', 404, 'text/plain; charset=utf-8', null],
  ])('GET %s → %i %s', async (path, status, type, cache) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    if (status === 200) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it.each(['/../../etc/hostname', '/%2e%2e/%2e%2e/etc/hostname', '/assets/..%2f..%2f..%2fetc%2fhostname'])(
    'never serves a file outside the build: %s',
    async (rawPath) => {
      // A raw request: fetch() would normalise the dots away before sending.
      const { request } = await import('node:http');
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: rawPath }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        });
        req.on('error', reject);
        req.end();
      });
      expect(['404 Not found\n', '200 <!doctype html><title>app</title>']).toContain(body);
    },
  );

  it('refuses other methods and switches builds on setRoot', async () => {
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    const other = mkdtempSync(join(tmpdir(), 'crosscheck-serve-b-'));
    writeFileSync(join(other, 'index.html'), 'build B');
    server.setRoot(other);
    expect(await (await fetch(`${server.url}/ledger`)).text()).toBe('build B');
    server.setRoot(root);
    expect(seen).toContain('/ledger');
  });
});
