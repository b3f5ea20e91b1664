import { beforeAll, describe, expect, it } from 'vitest';
import { encodeDeterministicCbor } from '../../../shared/credential/codec/cbor-strict.ts';
import { protectedHeaderFor, sealCredential, sealPayloadBytes } from '../../../shared/credential/codec/container.ts';
import { epochSecondsFromIso, sealClaims, type BundleKey } from '../../../shared/credential/claims/index.ts';
import { PolicyError } from '../../../shared/policy/index.ts';
import { keyStateAt, loadTrustBundle, openTrustBundle, TRUST_ERROR_MESSAGES, type RootKey, type TrustErrorCode } from '../../../shared/trust/index.ts';
import { verifyListing } from '../../../shared/verdict/index.ts';
import { at, DAY, makeWorld, SERUM, STORE, T, type World } from '../verdict/scenarios.ts';

let w: World;
const pub = (name: string) => {
  const { kid, alg, publicKeyJwk } = w.keys.get(name)!.publicFile;
  return { kid, alg, publicKeyJwk };
};

beforeAll(async () => {
  w = await makeWorld();
});

function base(): Record<string, unknown> {
  return {
    issuer: 'root',
    id: 'b',
    issuedAt: at(0),
    serial: 5,
    maxAgeSeconds: DAY,
    issuers: [
      { id: 'lumiere', roles: ['brand'], name: { en: 'L', 'zh-CN': 'L' }, gtinPrefixes: ['3760123', '376012345'], keys: [{ ...pub('lumiere'), notBefore: at(-400 * DAY), revokedSince: at(-50 * DAY) }] },
      { id: 'other-brand', roles: ['brand'], name: { en: 'O', 'zh-CN': 'O' }, gtinPrefixes: ['400000'], keys: [{ ...pub('other-brand'), notBefore: at(-400 * DAY) }] },
      { id: 'kjmall', roles: ['platform'], name: { en: 'K', 'zh-CN': 'K' }, keys: [{ ...pub('kjmall'), notBefore: at(-400 * DAY) }] },
    ],
  };
}

async function bundleWith(patch: Record<string, unknown>, keyName = 'root'): Promise<string> {
  const sealed = await sealClaims('trust-bundle', { ...base(), ...patch }, w.key(keyName));
  if (!sealed.ok) throw new Error(sealed.error.detail);
  return sealed.value.payload;
}

async function authorization(claims: Record<string, unknown>, keyName: string): Promise<string> {
  const sealed = await sealClaims('brand-authorization', { issuer: 'lumiere', id: 'a', issuedAt: at(-100 * DAY), seller: 's', gtins: [SERUM], ...claims }, w.key(keyName));
  if (!sealed.ok) throw new Error(sealed.error.detail);
  return sealed.value.payload;
}

describe('loadTrustBundle', () => {
  it('loads the scenario bundle and indexes it', async () => {
    const loaded = await loadTrustBundle(w.bundle, w.roots);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const b = loaded.value;
    expect(b.serial).toBe(7);
    expect(b.issuedAt.toISOString()).toBe('2026-05-31T00:00:00.000Z');
    expect(b.keysByKid.get(pub('qhwh').kid)?.[0]?.issuer.id).toBe('qhwh');
    expect(b.brandAuthorizations.map((a) => a.claims.id)).toEqual(['auth-1', 'auth-2', 'auth-3']);
    expect(b.rejectedAuthorizations).toEqual([]);
    expect(b.isRevoked('qhwh', 'REVOKED-1')).toBe(true);
    expect(b.isRevoked('kjmall', 'REVOKED-1')).toBe(false);
    expect(b.brandsForGtin(`0${SERUM}`).map((i) => i.id)).toEqual(['lumiere']);
    expect(b.authorizationsFor('lumi-store', `0${SERUM}`).map((a) => a.claims.id)).toEqual(['auth-1']);
  });

  it.each([
    ['personal-use override (longest prefix wins)', `0${SERUM}`, 3],
    ['personal-use default', '00000096385074', 6],
  ])('%s', async (_name, gtin, limit) => {
    const loaded = await loadTrustBundle(w.bundle, w.roots);
    if (!loaded.ok) throw new Error(loaded.error.code);
    expect(loaded.value.personalUseLimit(gtin)).toBe(limit);
  });

  const failures: [string, () => Promise<[string, RootKey[], { previousSerial?: number }?]>, TrustErrorCode][] = [
    ['no roots', async () => [w.bundle, []], 'roots.invalid'],
    ['a root with a broken key', async () => [w.bundle, [{ kid: 'aa', alg: 'ES256', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } }]], 'roots.invalid'],
    // roots.json read from a file: `"publicKeyJwk": null` passes a typeof-object check.
    ['a root whose key is null', async () => [w.bundle, [{ kid: 'aa', alg: 'ES256', publicKeyJwk: null as unknown as Record<string, unknown> }]], 'roots.invalid'],
    ['signed by a key that is not a pinned root', async () => [w.bundle, [pub('kjmall') as RootKey]], 'bundle.unknown-root'],
    ['not a credential', async () => ['hello', w.roots], 'bundle.unreadable'],
    ['one character changed', async () => [`${w.bundle.slice(0, 200)}${w.bundle[200] === 'A' ? 'B' : 'A'}${w.bundle.slice(201)}`, w.roots], 'bundle.unreadable'],
    [
      'names the root kid, signed by another key',
      async () => {
        const forged = await sealPayloadBytes(encodeDeterministicCbor(new Map([[1, 'root']])), w.key('rogue'), { protectedBytes: protectedHeaderFor(w.key('root').kid) });
        return [forged.text, w.roots];
      },
      'bundle.signature-invalid',
    ],
    ['a receipt signed by the root', async () => [(await w.receipt({ issuer: 'root' }, 'root')).payload, w.roots], 'bundle.not-a-bundle'],
    ['claims that are not a bundle format', async () => [await sealCredential(new Map([[1, 'root']]), w.key('root')), w.roots], 'bundle.claims-invalid'],
    ['an older serial than the one in use', async () => [w.bundle, w.roots, { previousSerial: 8 }], 'bundle.rollback'],
    ['the same issuer twice', async () => [await bundleWith({ issuers: [...(base().issuers as unknown[]), (base().issuers as unknown[])[0]] }), w.roots], 'bundle.duplicate-issuer'],
    [
      'a key that does not import',
      async () => [await bundleWith({ issuers: [{ id: 'x', roles: ['brand'], name: { en: 'x', 'zh-CN': 'x' }, keys: [{ kid: '00', alg: 'ES256', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, notBefore: at(0) }] }] }), w.roots],
      'bundle.key-unusable',
    ],
    ['a malformed policy row', async () => [await bundleWith({ policy: [{ kind: 'quota', id: 'q' }] }), w.roots], 'bundle.policy-invalid'],
  ];

  it.each(failures)('refuses %s', async (_name, make, code) => {
    const [text, roots, opts] = await make();
    const loaded = await loadTrustBundle(text, roots, opts);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error.code).toBe(code);
      expect(loaded.error.message).toEqual(TRUST_ERROR_MESSAGES[code]);
    }
  });

  // openTrustBundle (the badge's loader) checks everything loadTrustBundle checks but the rules.
  it.each(failures.filter(([, , code]) => code !== 'bundle.policy-invalid'))('openTrustBundle refuses %s too', async (_name, make, code) => {
    const [text, roots, opts] = await make();
    const opened = await openTrustBundle(text, roots, opts);
    expect(!opened.ok && opened.error.code).toBe(code);
  });

  it('accepts the same serial again (a re-download is not a rollback)', async () => {
    expect((await loadTrustBundle(w.bundle, w.roots, { previousSerial: 7 })).ok).toBe(true);
  });

  it('adds policy rows from the bundle to the built-in ones', async () => {
    const row = {
      kind: 'quota',
      id: 'quota-2027-test',
      validFrom: '2027-01-01',
      perOrderLimitFen: 600_000,
      annualLimitFen: 3_000_000,
      source: { instrument: 'test update', url: 'https://example.test/2027', grade: 'SEC' },
      confidence: 'medium',
    };
    const loaded = await loadTrustBundle(await bundleWith({ policy: [row] }), w.roots);
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.error)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.policy.at('2027-06-01').quota().perOrderLimitFen).toBe(600_000);
  });

  it('lists brand authorizations that fail their own check, with the reason, and keeps the rest', async () => {
    const good = await authorization({ id: 'good' }, 'lumiere');
    const entries = [
      good,
      await authorization({ id: 'by-platform', issuer: 'kjmall' }, 'kjmall'),
      await authorization({ id: 'claims-other-brand', issuer: 'other-brand' }, 'lumiere'),
      await authorization({ id: 'withdrawn' }, 'lumiere'),
      await authorization({ id: 'after-key-revoked', issuedAt: at(-10 * DAY) }, 'lumiere'),
      'CC1:NOT-A-PAYLOAD',
      (await w.receipt({ issuer: 'lumiere' }, 'lumiere')).payload,
    ];
    const loaded = await loadTrustBundle(await bundleWith({ brandAuthorizations: entries, revoked: [{ issuer: 'lumiere', id: 'withdrawn' }] }), w.roots);
    if (!loaded.ok) throw new Error(loaded.error.code);
    expect(loaded.value.brandAuthorizations.map((a) => a.claims.id)).toEqual(['good']);
    expect(loaded.value.rejectedAuthorizations.map((r) => [r.index, r.code])).toEqual([
      [1, 'authorization.unknown-key'],
      [2, 'authorization.issuer-mismatch'],
      [3, 'authorization.revoked'],
      [4, 'authorization.revoked'],
      [5, 'authorization.unreadable'],
      [6, 'authorization.wrong-type'],
    ]);
    for (const r of loaded.value.rejectedAuthorizations) expect(r.message['zh-CN']).toMatch(/授权/);
  });

  it('has an en and zh-CN sentence for every error code', () => {
    for (const [code, m] of Object.entries(TRUST_ERROR_MESSAGES)) {
      expect(m.en.length, code).toBeGreaterThan(10);
      expect(m['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('openTrustBundle: the bundle without its rules', () => {
  it('indexes the same issuers, keys, authorizations and revocations as loadTrustBundle', async () => {
    const [opened, loaded] = await Promise.all([openTrustBundle(w.bundle, w.roots), loadTrustBundle(w.bundle, w.roots)]);
    if (!opened.ok || !loaded.ok) throw new Error('scenario bundle refused');
    const view = (b: typeof opened.value) => ({
      serial: b.serial,
      issuedAt: b.issuedAt,
      root: b.root.kid,
      issuers: [...b.issuers.keys()],
      kids: [...b.keysByKid.keys()],
      authorizations: b.brandAuthorizations.map((a) => a.claims.id),
      rejected: b.rejectedAuthorizations,
      revoked: b.isRevoked('qhwh', 'REVOKED-1'),
      personalUse: b.personalUseLimit(`0${SERUM}`),
    });
    expect(view(opened.value)).toEqual(view(loaded.value));
  });

  it('has a policy that knows no rules: every question is a typed no-policy error', async () => {
    const opened = await openTrustBundle(w.bundle, w.roots);
    if (!opened.ok) throw new Error(opened.error.code);
    expect(opened.value.policy.rows).toEqual([]);
    let error: unknown;
    try {
      opened.value.policy.at('2026-06-01').quota();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe('no-policy');
  });

  it('leaves the policy rows unread: a malformed row opens, and loadTrustBundle still refuses it', async () => {
    const text = await bundleWith({ policy: [{ kind: 'quota', id: 'q' }] });
    expect((await openTrustBundle(text, w.roots)).ok).toBe(true);
    const loaded = await loadTrustBundle(text, w.roots);
    expect(!loaded.ok && loaded.error.code).toBe('bundle.policy-invalid');
  });

  it.each([
    ['on its own site', STORE, 'genuine'],
    ['on a look-alike', 'https://shop-example.test', 'not-authorized'],
  ])('gives a listing the same verdict as the full bundle (%s)', async (_name, origin, status) => {
    const listing = await w.listing();
    const now = new Date(T * 1000);
    const [opened, loaded] = await Promise.all([openTrustBundle(w.bundle, w.roots), loadTrustBundle(w.bundle, w.roots)]);
    if (!opened.ok || !loaded.ok) throw new Error('scenario bundle refused');
    const a = await verifyListing(listing, { bundle: opened.value, now, origin });
    const b = await verifyListing(listing, { bundle: loaded.value, now, origin });
    expect(a.status).toBe(status);
    expect({ ...a, reasons: a.reasons.map((r) => r.code) }).toEqual({ ...b, reasons: b.reasons.map((r) => r.code) });
  });
});

describe('keyStateAt (validity judged at signing time)', () => {
  const key: BundleKey = {
    kid: '00',
    alg: 'ES256',
    publicKeyJwk: {},
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-12-31T00:00:00Z',
    revokedSince: '2026-06-01T00:00:00Z',
  };
  it.each([
    ['one second before notBefore', '2025-12-31T23:59:59Z', 'not-yet-valid'],
    ['at notBefore', '2026-01-01T00:00:00Z', 'valid'],
    ['one second before revokedSince', '2026-05-31T23:59:59Z', 'valid'],
    ['at revokedSince', '2026-06-01T00:00:00Z', 'revoked'],
    ['after notAfter and revokedSince', '2027-01-01T00:00:00Z', 'revoked'],
  ])('%s → %s', (_name, iso, state) => {
    expect(keyStateAt(key, epochSecondsFromIso(iso))).toBe(state);
  });
  it.each([
    ['at notAfter', '2026-12-31T00:00:00Z', 'valid'],
    ['one second after notAfter', '2026-12-31T00:00:01Z', 'expired'],
  ])('without revocation, %s → %s', (_name, iso, state) => {
    const { revokedSince: _r, ...unrevoked } = key;
    expect(keyStateAt(unrevoked, epochSecondsFromIso(iso))).toBe(state);
  });
});
