// What the hostile cases run against: the verdict tests' world (fresh keys, a signed trust bundle,
// genuine credentials), the readable and CBOR claims of each credential type, valid samples of
// every structured input, and a folder of files for the CLI commands.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeClaims, type Claims, type CredentialType } from '../../../shared/credential/claims/index.ts';
import { openCredential } from '../../../shared/credential/index.ts';
import { serializeLedger, type LedgerContents } from '../../../shared/ledger/index.ts';
import { builtInRows } from '../../../shared/policy/data.ts';
import type { TrustBundle } from '../../../shared/trust/index.ts';
import { makeLoadedWorld, STORE, T, type World } from '../verdict/scenarios.ts';

export interface HostileWorld {
  world: World;
  bundle: TrustBundle;
  now: Date;
  payloads: { parcel: string; receipt: string; listing: string; brandAuthorization: string };
  /** Readable claims of each type (what parseClaims takes). */
  readable: Record<CredentialType, Record<string, unknown>>;
  /** The decoded CBOR claims of each type (what decodeClaims takes: maps with integer keys). */
  cbor: Record<CredentialType, unknown>;
  samples: {
    taxOrder: Record<string, unknown>;
    quotaLedger: unknown[];
    ledgerDocument: unknown;
    screenOrder: Record<string, unknown>;
    screenConfig: Record<string, unknown>;
    policyRow: Record<string, unknown>;
    trustDescription: Record<string, unknown>;
    roots: unknown[];
  };
  /** Folder with roots.json, bundle.txt, parcel.txt, keys (root.json, kjmall.json, qhwh.json, …). */
  dir: string;
}

async function opened(payload: string): Promise<{ cbor: unknown; readable: Claims }> {
  const open = await openCredential(payload, { limits: { maxInputChars: 8_000_000, maxCompressedBytes: 5_400_000, maxDecompressedBytes: 1 << 25 } });
  if (!open.ok) throw new Error(`fixture does not open: ${open.error.code}`);
  const decoded = decodeClaims(open.value.claims);
  if (!decoded.ok) throw new Error(`fixture claims do not decode: ${decoded.error.detail}`);
  return { cbor: open.value.claims, readable: decoded.value };
}

/** Readable claims as JSON would carry them (no undefined members). */
const plainJson = (claims: Claims) => JSON.parse(JSON.stringify(claims)) as Record<string, unknown>;

/** `dir`: the folder for the CLI files (the test removes it); a fresh temporary one when omitted. */
export async function buildWorld(dir?: string): Promise<HostileWorld> {
  const { world, bundle } = await makeLoadedWorld();
  const payloads = {
    parcel: await world.parcel(),
    receipt: (await world.receipt()).payload,
    listing: await world.listing(),
    brandAuthorization: bundle.brandAuthorizations[0]!.payload,
  };
  const parcel = await opened(payloads.parcel);
  const receipt = await opened(payloads.receipt);
  const listing = await opened(payloads.listing);
  const auth = await opened(payloads.brandAuthorization);
  const trust = await opened(world.bundle);

  const kjmall = world.keys.get('kjmall')!.publicFile;
  const ledger: LedgerContents = {
    orders: [
      {
        orderId: 'ORDER-1',
        source: 'receipt',
        receipt: payloads.receipt,
        merchant: 'lumi-store',
        orderedAt: '2026-05-23T00:00:00Z',
        dutiableValueFen: 68_000,
        taxFen: 15_680,
        paidFen: 83_680,
        items: [{ name: '焕活精华液 50ml', quantity: 1, priceFen: 68_000 }],
        addedAt: '2026-05-24T00:00:00.000Z',
      },
      {
        orderId: 'M-1',
        source: 'manual',
        merchant: 'Corner shop',
        orderedAt: '2026-01-10T00:00:00Z',
        dutiableValueFen: 30_000,
        taxFen: 2_730,
        items: [{ name: 'Tea', quantity: 2, priceFen: 15_000 }],
        releasedAt: '2026-01-12T00:00:00Z',
        returnedOn: '2026-01-20',
        addedAt: '2026-01-11T00:00:00.000Z',
      },
    ],
    parcels: [{ parcelId: 'SF1400000000001', orderId: 'ORDER-1', payload: payloads.parcel, status: 'genuine-yours', scannedAt: '2026-05-30T00:00:00.000Z' }],
    officialFigures: [{ year: 2026, usedFen: 98_000, enteredAt: '2026-05-31T00:00:00.000Z' }],
  };

  // A built-in row under a new id and a later start: valid, and no conflict.
  const quota = JSON.parse(JSON.stringify(builtInRows().find((r) => r.kind === 'quota'))) as Record<string, unknown>;
  const policyRow: Record<string, unknown> = { ...quota, id: 'hostile-quota', validFrom: '2031-01-01' };
  delete policyRow.validTo;

  dir ??= await mkdtemp(join(tmpdir(), 'crosscheck-hostile-'));
  const write = (name: string, content: string) => writeFile(join(dir, name), content);
  await write('roots.json', `${JSON.stringify(world.roots)}\n`);
  await write('bundle.txt', `${world.bundle}\n`);
  await write('parcel.txt', `${payloads.parcel}\n`);
  await write('listing.json', JSON.stringify(plainJson(listing.readable)));
  for (const name of ['root', 'kjmall', 'qhwh', 'lumiere']) {
    const pair = world.keys.get(name)!;
    await write(`${name}.json`, `${JSON.stringify(pair.privateJwk)}\n`);
    await write(`${name}.pub.json`, `${JSON.stringify(pair.publicFile)}\n`);
  }

  return {
    world,
    bundle,
    now: new Date(T * 1000),
    payloads,
    readable: {
      parcel: plainJson(parcel.readable),
      receipt: plainJson(receipt.readable),
      listing: plainJson(listing.readable),
      'brand-authorization': plainJson(auth.readable),
      'trust-bundle': plainJson(trust.readable),
    },
    cbor: { parcel: parcel.cbor, receipt: receipt.cbor, listing: listing.cbor, 'brand-authorization': auth.cbor, 'trust-bundle': trust.cbor },
    samples: {
      taxOrder: {
        date: '2026-03-01',
        items: [{ name: '精华面霜 50ml', priceFen: 42_500, quantity: 2, taxClass: 'cosmetics', netContent: { value: 50, unit: 'ml' }, hsCode: '33049900' }],
        freightFen: 1_000,
        insuranceFen: 0,
        postalOrigin: 'other',
      },
      quotaLedger: [
        { kind: 'order', id: 'O-1', orderDate: '2026-01-05', releaseDate: '2026-01-07', status: 'released', dutiableValueFen: 10_000, itemCount: 1, indivisible: false, taxFen: 910, platform: 'tmall' },
        { kind: 'return', id: 'RET-1', orderId: 'O-1', date: '2026-01-10', amountFen: 10_000 },
      ],
      ledgerDocument: JSON.parse(serializeLedger(ledger, new Date('2026-06-01T00:00:00Z'))) as unknown,
      screenOrder: {
        orderId: 'T1',
        time: '2026-03-01T10:00:00+08:00',
        platform: 'tmall-global',
        orderer: { idHash: 'id-alice', nameHash: 'name-alice' },
        payer: { idHash: 'id-alice' },
        recipient: { phoneHash: 'phone-alice', address: '上海市浦东新区世纪大道100号1栋101室' },
        items: [{ sku: 'CF-1', name: 'illy 咖啡豆 250g', hsCode: '09012100', priceFen: 8_900, quantity: 1, netWeightGrams: 250 }],
        freightFen: 1_000,
        paidFen: 9_900,
        declaredValueFen: 9_900,
      },
      screenConfig: {
        rules: { 'under-declared-value': { severity: 'review', thresholds: { minDeclaredPercent: 85 } }, 'orderer-payer-mismatch': { enabled: false } },
        watchlist: ['上海市浦东新区世纪大道100号1栋101室'],
      },
      policyRow,
      trustDescription: {
        issuer: 'root',
        id: 'hostile-bundle',
        issuedAt: '2026-05-01T00:00:00Z',
        serial: 1,
        maxAgeSeconds: 2_592_000,
        issuers: [
          {
            id: 'kjmall',
            code: 3,
            roles: ['platform'],
            name: { en: 'KJ Mall', 'zh-CN': '跨境优选' },
            filing: { status: 'filed', reference: 'F-9' },
            keys: [{ kid: kjmall.kid, alg: 'ES256', publicKeyJwk: kjmall.publicKeyJwk, notBefore: '2025-01-01T00:00:00Z' }],
          },
        ],
        revoked: [{ issuer: 'kjmall', id: 'R-0' }],
        personalUse: { maxUnitsPerLine: 6, overrides: [{ gtinPrefix: '376', maxUnits: 3 }], source: 'test' },
        policy: [policyRow],
        exchangeRates: [],
      },
      roots: JSON.parse(JSON.stringify(world.roots)) as unknown[],
    },
    dir,
  };
}

export { STORE };
