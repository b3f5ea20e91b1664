// A demo world folder as the harness writes it (`npm run demo -- --out DIR`): DIR/index.json and the
// payload files it names. Read here for `crosscheck labels --demo DIR`, and by the demo store
// (test/harness/store/model.ts), so the folder's format is read in one place.
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { Localized } from '../../shared/text/localized.ts';

export interface DemoIndexCredential {
  name: string;
  type: string;
  file: string;
  claims: Record<string, unknown>;
  description?: Localized;
  expect?: string;
  expectByOrigin?: Record<string, string>;
  labelWaybill?: string;
}

export interface DemoParcel {
  /** File stem: serum-yours, watch-copied-label, … */
  name: string;
  payload: string;
  claims: {
    id: string;
    waybill: string;
    carrier: string;
    declaration: string;
    port: string;
    mode: number;
    importer: string;
    goods: { gtin: string; name?: string; batch?: string; expiry?: string; quantity: number }[];
  };
  /** The waybill printed on the label (differs from the signed one on a copied label). */
  labelWaybill: string;
  expect: string;
  description: Localized;
}

export interface DemoFolder {
  dir: string;
  origins: { store: string; lookalike: string };
  verifyBase: string;
  credentials: DemoIndexCredential[];
  /** The payload in FILE (relative to the folder; never outside it), trimmed. */
  payload(file: string): Promise<string>;
}

export class DemoFolderError extends Error {
  override name = 'DemoFolderError';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A path inside the demo folder; index.json never points outside it. */
function inside(dir: string, relative: string): string {
  const path = normalize(join(dir, relative));
  if (!path.startsWith(normalize(dir) + sep)) throw new DemoFolderError(`index.json names a file outside the demo folder: ${relative}`);
  return path;
}

export async function openDemoFolder(dir: string): Promise<DemoFolder> {
  let index: unknown;
  try {
    index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  } catch (e) {
    throw new DemoFolderError(`${join(dir, 'index.json')}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no demo world here (run npm run demo -- --out DIR)' : 'not valid JSON'}`);
  }
  if (!isRecord(index) || index.format !== 'crosscheck-demo' || !Array.isArray(index.credentials) || !isRecord(index.origins)) {
    throw new DemoFolderError('index.json: not a crosscheck demo index');
  }
  const origins = index.origins as { store?: unknown; lookalike?: unknown };
  if (typeof origins.store !== 'string' || typeof origins.lookalike !== 'string') throw new DemoFolderError('index.json: origins.store and origins.lookalike expected');
  const credentials = (index.credentials as unknown[]).filter(
    (c): c is DemoIndexCredential => isRecord(c) && typeof c.name === 'string' && typeof c.type === 'string' && typeof c.file === 'string' && isRecord(c.claims),
  );
  return {
    dir,
    origins: { store: origins.store, lookalike: origins.lookalike },
    verifyBase: typeof index.verifyBase === 'string' ? index.verifyBase : 'http://localhost:4173/verify',
    credentials,
    payload: async (file) => (await readFile(inside(dir, file), 'utf8')).trim(),
  };
}

export async function demoParcels(folder: DemoFolder): Promise<DemoParcel[]> {
  const parcels: DemoParcel[] = [];
  for (const p of folder.credentials.filter((x) => x.type === 'parcel')) {
    const claims = p.claims as unknown as DemoParcel['claims'];
    parcels.push({
      name: p.file.replace(/^parcels\//, '').replace(/\.txt$/, ''),
      payload: await folder.payload(p.file),
      claims,
      labelWaybill: p.labelWaybill ?? claims.waybill,
      expect: p.expect ?? '',
      description: p.description ?? { en: '', 'zh-CN': '' },
    });
  }
  return parcels;
}

/**
 * GTIN → product name from the folder's listings, leaving out the listing no trust data knows
 * (the look-alike's fake badge), as the demo store does.
 */
export function demoProductNames(folder: DemoFolder): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of folder.credentials.filter((x) => x.type === 'listing')) {
    if (c.expectByOrigin?.[folder.origins.store] === 'unknown-issuer') continue;
    const product = (c.claims as { product: { gtin: string; name: string } }).product;
    names.set(product.gtin, product.name);
  }
  return names;
}
