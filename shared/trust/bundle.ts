// The trust bundle: the one file that says whom to believe. It is a `trust-bundle` credential
// signed by a root key that the apps pin (roots.json, embedded at build time), so a bundle can be
// served by any CDN or copied by hand: nobody but the root can change it.
//
// Lessons taken from the anchors (docs/provenance-anchors.md):
// - DCC: the algorithm is pinned per key here, never read from a message; a kid may collide, so
//   every key with that kid is tried.
// - SMART Health Cards `rid.timestamp` / VC Barcodes T19: a compromised key gets `revokedSince`;
//   credentials issued before it keep verifying, later ones are rejected.
// - AT `TRUST_LIST_EXPIRED`, hcert-kotlin #71: an old bundle degrades the verdict (stale) instead
//   of bricking the app; `serial` stops a rollback to an older bundle.
// - dgca-verifier-service #55 (85 keys downloaded, 38 trusted, nobody knew why): an entry that
//   fails its own check is listed in `rejectedAuthorizations` with its reason, never dropped silently.
import {
  hexOf,
  importVerifyKeyJwk,
  openCredential,
  verifyOpened,
  type Alg,
  type ContainerError,
  type Limits,
  type OpenedCredential,
  type VerifyKey,
} from '../credential/index.ts';
import type { Localized } from '../text/localized.ts';
import { err, ok, type Result } from '../result.ts';
import {
  decodeClaims,
  epochSecondsFromIso,
  ALGS,
  type BrandAuthorizationClaims,
  type BundleIssuer,
  type BundleKey,
  type ClaimsError,
  type Role,
  type TrustBundleClaims,
} from '../credential/claims/index.ts';
import { emptyPolicy } from '../policy/empty.ts';
import { createPolicy, PolicyError, type Policy } from '../policy/index.ts';

type Jwk = Parameters<typeof importVerifyKeyJwk>[0];

/** A pinned root: what roots.json holds, one entry per root key. */
export interface RootKey {
  kid: string;
  alg: Alg;
  publicKeyJwk: Record<string, unknown>;
}

export type TrustErrorCode =
  | 'roots.invalid'
  | 'bundle.unreadable'
  | 'bundle.unknown-root'
  | 'bundle.signature-invalid'
  | 'bundle.not-a-bundle'
  | 'bundle.claims-invalid'
  | 'bundle.rollback'
  | 'bundle.duplicate-issuer'
  | 'bundle.key-unusable'
  | 'bundle.policy-invalid';

export const TRUST_ERROR_MESSAGES: Record<TrustErrorCode, Localized> = {
  'roots.invalid': {
    en: 'The app’s pinned root keys are unusable; no trust data can be checked.',
    'zh-CN': '应用内置的根密钥无法使用，无法核验任何信任数据。',
  },
  'bundle.unreadable': {
    en: 'The trust data file is damaged or is not a trust bundle.',
    'zh-CN': '信任数据文件已损坏，或不是信任数据包。',
  },
  'bundle.unknown-root': {
    en: 'The trust data was not signed by a root key this app trusts.',
    'zh-CN': '该信任数据并非由本应用信任的根密钥签署。',
  },
  'bundle.signature-invalid': {
    en: 'The trust data’s signature does not verify; it was altered or forged.',
    'zh-CN': '信任数据的签名验证失败，已被改动或系伪造。',
  },
  'bundle.not-a-bundle': {
    en: 'The file is a signed credential, but not trust data.',
    'zh-CN': '该文件是已签名的凭证，但不是信任数据。',
  },
  'bundle.claims-invalid': {
    en: 'The trust data does not meet the format rules.',
    'zh-CN': '信任数据不符合格式规则。',
  },
  'bundle.rollback': {
    en: 'This trust data is older than the trust data already in use; it was not installed.',
    'zh-CN': '该信任数据比正在使用的版本更旧，未予安装。',
  },
  'bundle.duplicate-issuer': {
    en: 'The trust data lists the same issuer twice.',
    'zh-CN': '信任数据中同一签发方出现了两次。',
  },
  'bundle.key-unusable': {
    en: 'The trust data contains a public key that cannot be used.',
    'zh-CN': '信任数据中含有无法使用的公钥。',
  },
  'bundle.policy-invalid': {
    en: 'The trust data contains a malformed policy update.',
    'zh-CN': '信任数据中的政策更新格式错误。',
  },
};

export interface TrustError {
  code: TrustErrorCode;
  message: Localized;
  detail?: string;
  /** The container's error when the bundle could not be opened. */
  cause?: ContainerError | ClaimsError;
}

function trustError(code: TrustErrorCode, detail?: string, cause?: ContainerError | ClaimsError): { ok: false; error: TrustError } {
  const error: TrustError = { code, message: TRUST_ERROR_MESSAGES[code] };
  if (detail !== undefined) error.detail = detail;
  if (cause !== undefined) error.cause = cause;
  return err(error);
}

/** A bundle is fetched from a known place, not scanned: it may be far larger than a QR code. */
export const BUNDLE_LIMITS: Partial<Limits> = {
  maxInputChars: 8_000_000,
  maxCompressedBytes: 5_400_000,
  maxDecompressedBytes: 32 * 1024 * 1024,
  maxCborDepth: 16,
  maxCborItems: 2_000_000,
};

/** One signing key of one issuer, imported and ready. */
export interface TrustedKey {
  issuer: BundleIssuer;
  key: BundleKey;
  verifyKey: VerifyKey;
}

export type KeyState = 'valid' | 'not-yet-valid' | 'expired' | 'revoked';

/**
 * Whether a key could sign a credential issued at `issuedAt` (epoch seconds). Validity is judged
 * at signing time, as C2PA does with timestamps: a credential signed while its key was good stays
 * good after the key is retired. revokedSince is the exception that cuts it off.
 */
export function keyStateAt(key: BundleKey, issuedAt: number): KeyState {
  if (key.revokedSince !== undefined && issuedAt >= epochSecondsFromIso(key.revokedSince)) return 'revoked';
  if (issuedAt < epochSecondsFromIso(key.notBefore)) return 'not-yet-valid';
  if (key.notAfter !== undefined && issuedAt > epochSecondsFromIso(key.notAfter)) return 'expired';
  return 'valid';
}

export interface BrandAuthorization {
  claims: BrandAuthorizationClaims;
  brand: BundleIssuer;
  payload: string;
  /** The signed window in epoch seconds, read once at load: issuedAt, and expiresAt (Infinity when open). */
  from: number;
  until: number;
}

export interface RejectedAuthorization {
  index: number;
  code: string;
  message: Localized;
  detail?: string;
}

export interface TrustBundle {
  claims: TrustBundleClaims;
  /** The signed text this bundle was loaded from (what apps cache). */
  payload: string;
  root: RootKey;
  serial: number;
  issuedAt: Date;
  maxAgeSeconds: number;
  issuers: ReadonlyMap<string, BundleIssuer>;
  /** Keys by lowercase hex kid; several when 8-byte kids collide. */
  keysByKid: ReadonlyMap<string, readonly TrustedKey[]>;
  brandAuthorizations: readonly BrandAuthorization[];
  /** Brand authorizations in the bundle that failed their own check (never silently dropped). */
  rejectedAuthorizations: readonly RejectedAuthorization[];
  /** The built-in rules plus the bundle's policy rows (loadTrustBundle); no rules (openTrustBundle). */
  policy: Policy;
  isRevoked(issuer: string, id: string): boolean;
  /** Brands (issuers with role brand) whose GS1 company prefixes cover this GTIN-14. */
  brandsForGtin(gtin: string): BundleIssuer[];
  /** Verified brand authorizations naming this seller and GTIN (any validity window). */
  authorizationsFor(seller: string, gtin: string): BrandAuthorization[];
  /** The personal-use ceiling in units for one line of this GTIN, if the bundle sets one. */
  personalUseLimit(gtin: string): number | undefined;
}

export interface LoadOptions {
  /** Serial of the bundle already in use; a lower one is refused (rollback). */
  previousSerial?: number;
}

async function importRoots(roots: readonly RootKey[]): Promise<Result<{ root: RootKey; verifyKey: VerifyKey }[], TrustError>> {
  if (!Array.isArray(roots) || roots.length === 0) return trustError('roots.invalid', 'no root keys');
  const out: { root: RootKey; verifyKey: VerifyKey }[] = [];
  for (const root of roots) {
    if (!root || typeof root.kid !== 'string' || !/^([0-9a-f]{2})+$/.test(root.kid) || !ALGS.includes(root.alg)) {
      return trustError('roots.invalid', 'root entry needs kid (hex), alg and publicKeyJwk');
    }
    const imported = await importVerifyKeyJwk(root.publicKeyJwk as Jwk, root.alg);
    if (!imported.ok) return trustError('roots.invalid', `root ${root.kid}: ${imported.error.detail ?? imported.error.code}`);
    out.push({ root, verifyKey: imported.value });
  }
  return ok(out);
}

/**
 * Finds the keys for an opened credential's kid and returns the first that verifies it, or why
 * none did. Shared by the bundle (brand authorizations) and the verdict.
 */
export async function verifyWithCandidates<K extends { verifyKey: VerifyKey }>(
  opened: OpenedCredential,
  candidates: readonly K[],
): Promise<Result<K, ContainerError>> {
  let last: ContainerError | undefined;
  for (const candidate of candidates) {
    const result = await verifyOpened(opened, candidate.verifyKey);
    if (result.ok) return ok(candidate);
    last = result.error;
  }
  return err(last!);
}

/**
 * Opens, verifies and indexes a trust bundle and builds its rules: the built-in policy plus the
 * bundle's signed policy rows (a malformed row refuses the bundle: 'bundle.policy-invalid').
 * `roots` are the pinned root keys (roots.json). Age is not judged here (a bundle is loaded once
 * and used for days): verifyCredential reports freshness against its clock.
 */
export async function loadTrustBundle(text: string, roots: readonly RootKey[], opts: LoadOptions = {}): Promise<Result<TrustBundle, TrustError>> {
  const opened = await openTrustBundle(text, roots, opts);
  if (!opened.ok) return opened;
  try {
    opened.value.policy = createPolicy(opened.value.claims.policy ?? []);
  } catch (e) {
    if (e instanceof PolicyError) return trustError('bundle.policy-invalid', e.detail);
    throw e;
  }
  return opened;
}

/**
 * As loadTrustBundle, without the rules: `policy` knows none (emptyPolicy: every question is
 * PolicyError('no-policy')) and the bundle's own policy rows are not checked. For code that judges
 * credentials but never asks a tax or quota question — the merchant badge — so that its build
 * need not carry shared/policy (the built-in rows and their schemas, a fifth of the verifier)
 * nor spend the time to validate them. Everything else is checked exactly as by loadTrustBundle.
 */
export async function openTrustBundle(text: string, roots: readonly RootKey[], opts: LoadOptions = {}): Promise<Result<TrustBundle, TrustError>> {
  const rootKeys = await importRoots(roots);
  if (!rootKeys.ok) return rootKeys;
  const opened = await openCredential(typeof text === 'string' ? text.trim() : text, { limits: BUNDLE_LIMITS });
  if (!opened.ok) return trustError('bundle.unreadable', opened.error.detail ?? opened.error.code, opened.error);
  const kid = opened.value.kid ? hexOf(opened.value.kid) : undefined;
  const candidates = rootKeys.value.filter((r) => r.root.kid === kid);
  if (candidates.length === 0) return trustError('bundle.unknown-root', `kid ${kid ?? '(none)'}`);
  const verified = await verifyWithCandidates(opened.value, candidates);
  if (!verified.ok) return trustError('bundle.signature-invalid', verified.error.code, verified.error);
  const decoded = decodeClaims(opened.value.claims);
  if (!decoded.ok) return trustError('bundle.claims-invalid', decoded.error.detail, decoded.error);
  if (decoded.value.type !== 'trust-bundle') return trustError('bundle.not-a-bundle', `type ${decoded.value.type}`);
  const claims = decoded.value;
  if (opts.previousSerial !== undefined && claims.serial < opts.previousSerial) {
    return trustError('bundle.rollback', `serial ${claims.serial} < ${opts.previousSerial}`);
  }

  const issuers = new Map<string, BundleIssuer>();
  const keysByKid = new Map<string, TrustedKey[]>();
  for (const issuer of claims.issuers) {
    if (issuers.has(issuer.id)) return trustError('bundle.duplicate-issuer', issuer.id);
    issuers.set(issuer.id, issuer);
    for (const key of issuer.keys) {
      const imported = await importVerifyKeyJwk(key.publicKeyJwk as Jwk, key.alg);
      if (!imported.ok) return trustError('bundle.key-unusable', `${issuer.id} ${key.kid}: ${imported.error.detail ?? imported.error.code}`);
      const list = keysByKid.get(key.kid) ?? [];
      list.push({ issuer, key, verifyKey: imported.value });
      keysByKid.set(key.kid, list);
    }
  }

  // Revoked ids by issuer: a verdict asks once per credential and per stored receipt.
  const revoked = new Map<string, Set<string>>();
  for (const r of claims.revoked) {
    let ids = revoked.get(r.issuer);
    if (!ids) revoked.set(r.issuer, (ids = new Set()));
    ids.add(r.id);
  }
  const isRevoked = (issuer: string, id: string) => revoked.get(issuer)?.has(id) === true;

  const brandAuthorizations: BrandAuthorization[] = [];
  const rejectedAuthorizations: RejectedAuthorization[] = [];
  for (const [index, payload] of claims.brandAuthorizations.entries()) {
    const checked = await checkBrandAuthorization(payload, keysByKid, isRevoked);
    if (checked.ok) brandAuthorizations.push(checked.value);
    else rejectedAuthorizations.push({ index, ...checked.error });
  }

  const brands = [...issuers.values()].filter((i) => i.roles.includes('brand') && i.gtinPrefixes?.length);
  const personalUse = claims.personalUse;

  const bundle: TrustBundle = {
    claims,
    payload: text.trim(),
    root: verified.value.root,
    serial: claims.serial,
    issuedAt: new Date(epochSecondsFromIso(claims.issuedAt) * 1000),
    maxAgeSeconds: claims.maxAgeSeconds,
    issuers,
    keysByKid,
    brandAuthorizations,
    rejectedAuthorizations,
    policy: emptyPolicy('this trust bundle was opened without its rules (openTrustBundle): load it with loadTrustBundle'),
    isRevoked,
    // GS1 company prefixes apply to the GTIN-13 part of a GTIN-14 (after the indicator digit).
    brandsForGtin: (gtin) => brands.filter((b) => b.gtinPrefixes!.some((p) => gtin.slice(1).startsWith(p))),
    authorizationsFor: (seller, gtin) => brandAuthorizations.filter((a) => a.claims.seller === seller && a.claims.gtins.includes(gtin)),
    personalUseLimit: (gtin) => {
      if (!personalUse) return undefined;
      // The longest matching prefix wins, so a product can be more specific than its category.
      // Prefixes, like brands' GS1 company prefixes, are matched against the GTIN-13 part.
      const override = personalUse.overrides
        .filter((o) => gtin.slice(1).startsWith(o.gtinPrefix))
        .toSorted((a, b) => b.gtinPrefix.length - a.gtinPrefix.length)[0];
      return override?.maxUnits ?? personalUse.maxUnitsPerLine;
    },
  };
  return ok(bundle);
}

const AUTH_MESSAGES = {
  unreadable: { en: 'A brand authorization in the trust data is damaged.', 'zh-CN': '信任数据中的某项品牌授权已损坏。' },
  'unknown-key': { en: 'A brand authorization was signed by a key that is not a brand’s key.', 'zh-CN': '某项品牌授权的签名密钥不属于任何品牌。' },
  'signature-invalid': { en: 'A brand authorization’s signature does not verify.', 'zh-CN': '某项品牌授权的签名验证失败。' },
  'wrong-type': { en: 'An entry among the brand authorizations is not a brand authorization.', 'zh-CN': '品牌授权列表中有一项不是品牌授权。' },
  'issuer-mismatch': { en: 'A brand authorization names a different brand than the one whose key signed it.', 'zh-CN': '某项品牌授权所列品牌与签名密钥的所有者不符。' },
  'key-not-valid': { en: 'A brand authorization was signed when the brand’s key was not valid.', 'zh-CN': '某项品牌授权签署时该品牌的密钥并不有效。' },
  revoked: { en: 'A brand authorization has been withdrawn.', 'zh-CN': '某项品牌授权已被撤回。' },
} satisfies Record<string, Localized>;

function bad(code: keyof typeof AUTH_MESSAGES, detail?: string) {
  return err({ code: `authorization.${code}`, message: AUTH_MESSAGES[code], ...(detail !== undefined && { detail }) });
}

async function checkBrandAuthorization(
  payload: string,
  keysByKid: ReadonlyMap<string, readonly TrustedKey[]>,
  isRevoked: (issuer: string, id: string) => boolean,
): Promise<Result<BrandAuthorization, { code: string; message: Localized; detail?: string }>> {
  const opened = await openCredential(payload);
  if (!opened.ok) return bad('unreadable', opened.error.code);
  const kid = opened.value.kid ? hexOf(opened.value.kid) : '';
  const candidates = (keysByKid.get(kid) ?? []).filter((k) => k.issuer.roles.includes('brand'));
  if (candidates.length === 0) return bad('unknown-key', kid);
  const verified = await verifyWithCandidates(opened.value, candidates);
  if (!verified.ok) return bad('signature-invalid', verified.error.code);
  const decoded = decodeClaims(opened.value.claims);
  if (!decoded.ok) return bad('unreadable', decoded.error.detail);
  if (decoded.value.type !== 'brand-authorization') return bad('wrong-type', decoded.value.type);
  const claims = decoded.value;
  if (claims.issuer !== verified.value.issuer.id) return bad('issuer-mismatch', `${claims.issuer} ≠ ${verified.value.issuer.id}`);
  const state = keyStateAt(verified.value.key, epochSecondsFromIso(claims.issuedAt));
  if (state !== 'valid') return bad(state === 'revoked' ? 'revoked' : 'key-not-valid', state);
  if (isRevoked(claims.issuer, claims.id)) return bad('revoked', claims.id);
  const until = claims.expiresAt === undefined ? Number.POSITIVE_INFINITY : epochSecondsFromIso(claims.expiresAt);
  return ok({ claims, brand: verified.value.issuer, payload, from: epochSecondsFromIso(claims.issuedAt), until });
}

/** Role check used by the verdict: may this issuer sign this type of credential? */
export function issuerHasRole(issuer: BundleIssuer, roles: readonly Role[]): boolean {
  return issuer.roles.some((r) => roles.includes(r));
}
