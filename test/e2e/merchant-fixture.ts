// The merchant side in a real browser: the app (a private copy of dist/pwa with badge.js, served by
// test/harness/store/serve-pwa.ts), the demo store and its look-alike on the origins the demo listings name, and
// optionally the extension built for the demo (loopback matches on). Used by the merchant tests
// and by test/e2e/screenshots.ts.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../harness/memory-io.ts';
import { servePwa, type PwaServer } from '../harness/store/serve-pwa.ts';
import { startDemoStore, type DemoStore } from '../harness/store/server.ts';
import { productionBuild } from '../harness/store/apps.ts';
import { launchChromium, type LaunchedBrowser, type LaunchOptions } from './browser.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_DIR = process.env.CROSSCHECK_DEMO_DIR ?? join(ROOT, 'dist/demo');

/** Runs a crosscheck command in-process (from the repository root); returns stdout. */
export function crosscheck(args: string[]): Promise<string> {
  return runCli(args, { cwd: ROOT });
}

/**
 * dist/pwa with badge.js. The e2e global setup builds both; they are built here when missing (a
 * test file run on its own with CROSSCHECK_SKIP_BUILD).
 */
export async function ensureBuiltApp(options: { rebuildBadge?: boolean } = {}): Promise<string> {
  const dist = join(ROOT, 'dist/pwa');
  const env = { CROSSCHECK_DEMO_DIR: DEMO_DIR };
  if (!existsSync(join(dist, 'index.html'))) await productionBuild('pwa', env);
  if (options.rebuildBadge || !existsSync(join(dist, 'badge.js'))) await productionBuild('badge', env);
  return dist;
}

export async function buildDemoExtension(outDir: string, appUrl: string): Promise<void> {
  await productionBuild('extension', { CROSSCHECK_DEMO_DIR: DEMO_DIR, CROSSCHECK_EXTENSION_LOOPBACK: '1', CROSSCHECK_TRUST_URL: `${appUrl}/trust/bundle.txt` }, { outDir });
}

export interface TestListings {
  /** Signed by the platform, valid on the store origin, expired yesterday. */
  expired: string;
  /** Valid on the store origin, but listed as revoked in the app's (test) trust bundle. */
  revoked: string;
}

/**
 * Issues two extra listings with the CLI (`crosscheck issue listing`) and re-signs the demo's
 * trust bundle with the revoked one's id added (`crosscheck trust build`, serial + 1), written
 * into `appRoot/trust/bundle.txt` so the badge fetches it.
 */
async function issueTestListings(scratch: string, appRoot: string, storeOrigin: string): Promise<TestListings> {
  const index = JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as {
    keys: Record<string, string>;
    credentials: { name: string; claims: Record<string, unknown> }[];
  };
  const serum = index.credentials.find((c) => c.name === 'listing-serum')!.claims;
  const day = 86_400_000;
  const iso = (offset: number) => new Date(Date.now() + offset).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const issue = async (id: string, issuedAt: string, expiresAt: string) => {
    const file = join(scratch, `${id}.json`);
    writeFileSync(file, JSON.stringify({ ...serum, id, issuedAt, expiresAt, origins: [storeOrigin] }));
    return (await crosscheck(['issue', 'listing', '--key', join(DEMO_DIR, index.keys.kjmall!), '--in', file])).trim();
  };
  const expired = await issue('listing-expired-test', iso(-60 * day), iso(-day));
  const revoked = await issue('listing-revoked-test', iso(-2 * day), iso(300 * day));

  const description = JSON.parse(readFileSync(join(DEMO_DIR, 'trust/description.json'), 'utf8')) as {
    serial: number;
    issuedAt: string;
    id: string;
    revoked: { issuer: string; id: string }[];
  };
  description.serial += 1;
  description.issuedAt = iso(0);
  description.id = `${description.id}-merchant-test`;
  description.revoked = [...description.revoked, { issuer: 'kjmall', id: 'listing-revoked-test' }];
  const descFile = join(scratch, 'description.json');
  writeFileSync(descFile, JSON.stringify(description));
  await crosscheck(['trust', 'build', '--root', join(DEMO_DIR, index.keys.root!), '--in', descFile, '--out', join(appRoot, 'trust/bundle.txt')]);
  return { expired, revoked };
}

/**
 * A genuine bundle signed by the demo root, one serial below the one the app was built with (the
 * badge's rollback floor): what a stale cache or a proxy replaying an old bundle would serve.
 */
async function buildOlderBundle(scratch: string): Promise<string> {
  const index = JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as { keys: Record<string, string> };
  const description = JSON.parse(readFileSync(join(DEMO_DIR, 'trust/description.json'), 'utf8')) as { serial: number; id: string };
  if (description.serial < 1) throw new Error('the demo bundle has serial 0: nothing is older');
  description.serial -= 1;
  description.id = `${description.id}-older`;
  const descFile = join(scratch, 'older-description.json');
  const out = join(scratch, 'older-bundle.txt');
  writeFileSync(descFile, JSON.stringify(description));
  await crosscheck(['trust', 'build', '--root', join(DEMO_DIR, index.keys.root!), '--in', descFile, '--out', out]);
  return readFileSync(out, 'utf8').trim();
}

/** A bare page with one badge (the test listings are served at /test/expired and /test/revoked). */
export function badgePage(appUrl: string, credential: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>badge</title><script type="module" src="${appUrl}/badge.js"></script></head><body><crosscheck-badge credential="${credential.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"></crosscheck-badge></body></html>`;
}

export interface MerchantWorld {
  appRoot: string;
  app: PwaServer;
  /** The app's origin, e.g. http://127.0.0.1:41234 (where badge.js comes from). */
  appUrl: string;
  store: DemoStore;
  browser: LaunchedBrowser;
  extensionDir: string | undefined;
  listings: TestListings | undefined;
  /** With testListings: a genuine bundle older than the one the app was built with (rollback). */
  olderBundle: string | undefined;
  /** Every request the app server saw, in order. */
  appRequests: string[];
  close(): Promise<void>;
}

export async function startMerchantWorld(
  options: { extension?: boolean; testListings?: boolean; port?: number; launch?: LaunchOptions; rebuildBadge?: boolean } = {},
): Promise<MerchantWorld> {
  const dist = await ensureBuiltApp({ rebuildBadge: options.rebuildBadge ?? false });
  const scratch = mkdtempSync(join(tmpdir(), 'crosscheck-merchant-'));
  // A private copy: other builds of dist/pwa during the run cannot change what is served.
  const appRoot = join(scratch, 'pwa');
  cpSync(dist, appRoot, { recursive: true });
  const appRequests: string[] = [];
  const app = await servePwa({ port: options.port ?? 0, root: appRoot, onRequest: (_method, path) => appRequests.push(path) });
  const appUrl = app.url;
  const storeOrigin = (JSON.parse(readFileSync(join(DEMO_DIR, 'index.json'), 'utf8')) as { origins: { store: string } }).origins.store;
  const listings = options.testListings ? await issueTestListings(scratch, appRoot, storeOrigin) : undefined;
  const olderBundle = options.testListings ? await buildOlderBundle(scratch) : undefined;
  const extraPages = new Map<string, string>();
  for (const [name, credential] of Object.entries(listings ?? {})) extraPages.set(`/test/${name}`, badgePage(appUrl, credential));
  const store = await startDemoStore({ demoDir: DEMO_DIR, appUrl, extraPages }).catch(async (e: unknown) => {
    await app.close();
    throw e;
  });
  let extensionDir: string | undefined;
  if (options.extension) {
    extensionDir = join(scratch, 'extension');
    await buildDemoExtension(extensionDir, appUrl);
  }
  const browser = await launchChromium({ viewport: { width: 1280, height: 900 }, ...options.launch, ...(extensionDir && { extensionDir }) });
  return {
    appRoot,
    app,
    appUrl,
    store,
    browser,
    extensionDir,
    listings,
    olderBundle,
    appRequests,
    async close() {
      await browser.close();
      await Promise.all([store.close(), app.close()]);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
