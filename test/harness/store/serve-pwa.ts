// A small static server for the built PWA (`npm run preview`, `npm start`, the browser tests).
// node:http only: correct MIME types (wasm must be application/wasm for streaming compilation,
// the manifest application/manifest+json), SPA fallback to index.html for app routes, no caching
// of sw.js / index.html / the trust bundle (so updates are seen), long caching for hashed assets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
};

export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only; a secure context, so the camera works). */
  host?: string;
  /** The built app (dist/pwa). Can be changed while running with `setRoot` (update tests). */
  root: string;
  /** Called for every request (tests record what the app asked for). */
  onRequest?: (method: string, path: string) => void;
}

export interface PwaServer {
  url: string;
  port: number;
  /** Serve another build from now on (simulates a deploy). */
  setRoot(root: string): void;
  close(): Promise<void>;
}

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const target = normalize(join(root, decoded));
  if (target !== root && !target.startsWith(root + sep)) return undefined; // no ../ escapes
  try {
    const s = await stat(target);
    if (s.isFile()) return target;
    if (s.isDirectory()) {
      const index = join(target, 'index.html');
      if ((await stat(index).catch(() => undefined))?.isFile()) return index;
    }
  } catch {
    /* not found */
  }
  return undefined;
}

function headersFor(file: string, urlPath: string): Record<string, string> {
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const immutable = urlPath.startsWith('/assets/');
  return {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Camera only for ourselves; nothing else the app does not use.
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), interest-cohort=()',
    // Public static files, no cookies: merchant pages load /badge.js (a module), its lazy chunks
    // and /trust/bundle.txt from this origin, which needs CORS for module scripts and fetch().
    'access-control-allow-origin': '*',
  };
}

export async function servePwa(options: ServeOptions): Promise<PwaServer> {
  let root = resolve(options.root);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const urlPath = (req.url ?? '/').split(/[?#]/)[0] || '/';
    options.onRequest?.(method, urlPath);
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = await fileAt(root, urlPath);
    let status = 200;
    if (!file) {
      // SPA fallback: app routes (no file extension) get the shell; missing files are 404.
      if (extname(urlPath) === '' && !urlPath.startsWith('/trust/')) file = await fileAt(root, '/index.html');
      if (!file) {
        status = 404;
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
    }
    const headers = headersFor(file, urlPath);
    const size = (await stat(file)).size;
    res.writeHead(status, { ...headers, 'content-length': String(size) });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    setRoot(next) {
      root = resolve(next);
    },
    close() {
      return new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
