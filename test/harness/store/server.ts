// The demo store on localhost: the genuine shop on the origin its listings name
// (index.json origins.store) and a look-alike on another origin (origins.lookalike) that copied
// its pages and badges. node:http only; every response is generated from the demo world.
//
// The Content-Security-Policy is the one a merchant embedding the badge needs: badge.js and its
// verifier from the CrossCheck app's origin (script-src), the trust bundle from the same origin
// (connect-src), nothing else.
import { createServer, type Server } from 'node:http';
import { STORE_CSS, FAKE_BADGE_SCRIPT } from './assets.ts';
import { loadStoreModel, type StoreModel } from './model.ts';
import { homePage, labelsPage, notFoundPage, orderPage, ordersPage, productPage, type PageContext, type StoreLang, type StoreSite } from './pages.ts';
import { parcelLabelPdf, parcelLabelSvg } from '../../../cli/labels/content.ts';

export interface StoreResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  text: 'text/plain; charset=utf-8',
} as const;

export function contentSecurityPolicy(appUrl: string): string {
  const app = new URL(appUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${app}`,
    `connect-src 'self' ${app}`,
    "img-src 'self' data:",
    // The extension draws its annotation with inline styles in a shadow root.
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function respond(status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): StoreResponse {
  return {
    status,
    headers: { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...extra },
    body,
  };
}

/** Product names by GTIN, for the second line of a label. */
function productNames(model: StoreModel): Map<string, string> {
  return new Map([...model.products, ...model.marketplaceOffers].map((p) => [p.gtin, p.name]));
}

/**
 * One request to one of the two shops, as a value (the server below only writes it out; the unit
 * tests call this directly).
 */
export async function storeResponse(site: StoreSite, model: StoreModel, appUrl: string, requestUrl: string): Promise<StoreResponse> {
  const url = new URL(requestUrl, 'http://store.invalid');
  const lang: StoreLang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  const ctx: PageContext = { site, lang, appUrl, model };
  const page = (body: string, status = 200) => respond(status, TYPES.html, body, { 'content-security-policy': contentSecurityPolicy(appUrl) });
  const path = url.pathname;

  if (path === '/assets/store.css') return respond(200, TYPES.css, STORE_CSS);
  if (path === '/') return page(homePage(ctx));

  const product = /^\/products\/([a-z0-9-]{1,64})$/.exec(path)?.[1];
  if (product !== undefined) {
    const offers = site === 'store' ? [...model.products, ...model.marketplaceOffers] : model.products;
    const found = offers.find((p) => p.slug === product);
    if (found) return page(productPage(found, ctx));
    // The look-alike's "flash sale": the serum at half price, with a badge script of its own.
    const original = model.products.find((p) => p.slug === 'serum') ?? model.products[0];
    if (site === 'lookalike' && product === 'flash-sale' && original) {
      return page(
        productPage(original, ctx, {
          priceFen: Math.round(original.priceFen / 200) * 100,
          fakeBadge: true,
          path,
          ...(model.fakeListing !== undefined && { credential: model.fakeListing }),
        }),
      );
    }
    return page(notFoundPage(ctx), 404);
  }
  if (site === 'lookalike' && path === '/assets/fake-badge.js') return respond(200, TYPES.js, FAKE_BADGE_SCRIPT);

  if (site === 'store') {
    if (path === '/orders') return page(ordersPage(ctx));
    const orderId = /^\/orders\/([A-Za-z0-9._-]{1,64})$/.exec(path)?.[1];
    if (orderId !== undefined) {
      const order = model.orders.find((o) => o.orderId === orderId);
      return order ? page(orderPage(order, ctx)) : page(notFoundPage(ctx), 404);
    }
    if (path === '/labels') return page(labelsPage(ctx));
    const label = /^\/labels\/([a-z0-9-]{1,64})\.(pdf|svg)$/.exec(path);
    if (label) {
      const parcel = model.parcels.find((p) => p.name === label[1]);
      if (!parcel) return respond(404, TYPES.text, 'Not found\n');
      if (label[2] === 'pdf') {
        return respond(200, TYPES.pdf, parcelLabelPdf(parcel, model.verifyBase, productNames(model)), {
          'content-disposition': `inline; filename="${parcel.name}.pdf"`,
        });
      }
      return respond(200, TYPES.svg, await parcelLabelSvg(parcel, model.verifyBase, productNames(model)));
    }
  }
  return page(notFoundPage(ctx), 404);
}

export interface DemoStoreOptions {
  /** The demo world (npm run demo -- --out DIR). */
  demoDir: string;
  /** Base URL of the CrossCheck app serving badge.js, e.g. http://localhost:4173. */
  appUrl: string;
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Called for every request (tests record what was asked). */
  onRequest?: (site: StoreSite, method: string, path: string) => void;
  /**
   * More pages on the store's origin, by path (tests put badges with credentials of their own
   * there). A real server is needed: Chromium's local-network-access rules treat a page that a
   * test harness fulfils as public, and a public page may not load badge.js from loopback.
   */
  extraPages?: ReadonlyMap<string, string>;
}

export interface DemoStore {
  model: StoreModel;
  /** The origins from the demo index, which the servers listen on. */
  storeUrl: string;
  lookalikeUrl: string;
  close(): Promise<void>;
}

export class StorePortError extends Error {
  override name = 'StorePortError';
}

function portOf(origin: string): number {
  const url = new URL(origin);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

async function listen(site: StoreSite, model: StoreModel, options: DemoStoreOptions, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    options.onRequest?.(site, method, (req.url ?? '/').split('?')[0]!);
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const extra = site === 'store' ? options.extraPages?.get((req.url ?? '/').split('?')[0]!) : undefined;
    const response =
      extra !== undefined
        ? Promise.resolve(respond(200, TYPES.html, extra, { 'content-security-policy': contentSecurityPolicy(options.appUrl) }))
        : storeResponse(site, model, options.appUrl, req.url ?? '/');
    response
      .then((r) => {
        const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
        res.writeHead(r.status, { ...r.headers, 'content-length': String(body.length) });
        res.end(method === 'HEAD' ? undefined : body);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': TYPES.text }).end('Internal error\n');
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new StorePortError(`port ${port} is in use: the demo ${site} must run on ${site === 'store' ? model.origins.store : model.origins.lookalike}, which its listings name`) : e),
    );
    server.listen(port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts both shops on the ports of the origins the demo world's listings name. */
export async function startDemoStore(options: DemoStoreOptions): Promise<DemoStore> {
  const model = await loadStoreModel(options.demoDir);
  const store = await listen('store', model, options, portOf(model.origins.store));
  let lookalike: Server;
  try {
    lookalike = await listen('lookalike', model, options, portOf(model.origins.lookalike));
  } catch (e) {
    await closeServer(store);
    throw e;
  }
  return {
    model,
    storeUrl: model.origins.store,
    lookalikeUrl: model.origins.lookalike,
    close: async () => {
      await Promise.all([closeServer(store), closeServer(lookalike)]);
    },
  };
}
