// Every stage of a credential, decoded and explained, for developers and support staff
// (`crosscheck inspect`, and a "details" view in the apps). Unlike openCredential it keeps going
// where it can: a validly signed credential with malformed claims still shows its signature result.
import { decodeBase45 } from './codec/base45.ts';
import { decodeStrictCbor } from './codec/cbor-strict.ts';
import { CC1_PREFIX, stripPrefix, verifyOpened, type OpenedCredential } from './codec/container.ts';
import { parseCoseSign1, sigStructure, type CoseProfile } from './codec/cose.ts';
import { containerError, type ContainerError } from './codec/errors.ts';
import type { Localized } from '../text/localized.ts';
import { hexOf } from './codec/hex.ts';
import { toJsonView, type JsonValue } from './json-view.ts';
import type { VerifyKey } from './codec/keys.ts';
import { resolveLimits, type Limits } from './codec/limits.ts';
import { inflateZlib, walkZlib } from './codec/zlib.ts';

export const INSPECT_MESSAGES = {
  'no-key': { en: 'No key was given, so the signature was not checked.', 'zh-CN': '未提供密钥，未校验签名。' },
  'not-reached': { en: 'Not examined: an earlier stage failed.', 'zh-CN': '未检查：前面的步骤已失败。' },
} as const satisfies Record<string, Localized>;

export type StageReport = { ok: true; [detail: string]: JsonValue } | { ok: false; code: string; message: Localized; detail?: string };

export interface InspectReport {
  input: StageReport;
  prefix: StageReport;
  base45: StageReport;
  zlib: StageReport;
  cose: StageReport;
  signature: StageReport;
  claims: StageReport;
}

export interface InspectOptions {
  prefix?: string;
  profile?: CoseProfile;
  limits?: Partial<Limits>;
  key?: VerifyKey;
}


function failed(e: ContainerError): StageReport {
  return e.detail === undefined ? { ok: false, code: e.code, message: e.message } : { ok: false, code: e.code, message: e.message, detail: e.detail };
}
function notReached(): StageReport {
  return { ok: false, code: 'not-reached', message: INSPECT_MESSAGES['not-reached'] };
}

const BLOCK_TYPES = ['stored', 'fixed Huffman', 'dynamic Huffman', 'reserved'];

export async function inspectCredential(text: string, opts: InspectOptions = {}): Promise<InspectReport> {
  const report: InspectReport = {
    input: notReached(),
    prefix: notReached(),
    base45: notReached(),
    zlib: notReached(),
    cose: notReached(),
    signature: notReached(),
    claims: notReached(),
  };
  const prefix = opts.prefix ?? CC1_PREFIX;
  const limits = resolveLimits(opts.limits);
  const profile = opts.profile ?? (prefix === CC1_PREFIX ? 'cc1' : 'dcc');

  const body = stripPrefix(text, prefix, limits);
  if (!body.ok) {
    if (body.error.stage === 'prefix') report.input = { ok: true, characters: text.length };
    report[body.error.stage === 'input' ? 'input' : 'prefix'] = failed(body.error);
    return report;
  }
  report.input = { ok: true, characters: text.length };
  report.prefix = { ok: true, prefix };

  const compressed = decodeBase45(body.value);
  if (!compressed.ok) {
    report.base45 = failed(compressed.error);
    return report;
  }
  report.base45 = { ok: true, characters: body.value.length, bytes: compressed.value.length };

  const c = compressed.value;
  if (c.length > limits.maxCompressedBytes) {
    report.zlib = failed(containerError('zlib', 'zlib-input-too-large', `${c.length} > ${limits.maxCompressedBytes} bytes`));
    return report;
  }
  const cose = await inflateZlib(c, limits.maxDecompressedBytes);
  if (!cose.ok) {
    report.zlib = failed(cose.error);
    return report;
  }
  const layout = walkZlib(c, limits.maxDecompressedBytes);
  report.zlib = {
    ok: true,
    header: hexOf(c.subarray(0, 2)),
    firstBlock: BLOCK_TYPES[(c[2]! >> 1) & 3]!,
    compressedBytes: c.length,
    decompressedBytes: cose.value.length,
    adler32: layout.ok ? layout.value.adler32.toString(16).padStart(8, '0') : '',
  };

  const parts = parseCoseSign1(cose.value, limits, profile);
  if (!parts.ok) {
    report.cose = failed(parts.error);
    return report;
  }
  const p = parts.value;
  report.cose = {
    ok: true,
    profile,
    tags: p.tags,
    protectedHeader: toJsonView(p.protectedHeader),
    unprotectedHeader: toJsonView(p.unprotectedHeader),
    alg: typeof p.headerAlg === 'string' ? p.headerAlg : p.headerAlg === undefined ? null : `unsupported (${p.headerAlg})`,
    kid: p.kid ? hexOf(p.kid) : null,
    kidSource: p.kidSource ?? null,
    payloadBytes: p.payload.length,
    signature: hexOf(p.signature),
  };

  const claims = decodeStrictCbor(p.payload, limits, 'cbor');
  report.claims = claims.ok ? { ok: true, claims: toJsonView(claims.value) } : failed(claims.error);

  if (!opts.key) {
    report.signature = { ok: false, code: 'no-key', message: INSPECT_MESSAGES['no-key'] };
    return report;
  }
  // Signature checking needs only the signed bytes, so it runs even when the claims are malformed.
  const opened: OpenedCredential = {
    prefix,
    compressed: c,
    cose: cose.value,
    protectedHeader: p.protectedHeader,
    unprotectedHeader: p.unprotectedHeader,
    payload: p.payload,
    claims: claims.ok ? claims.value : undefined,
    signature: p.signature,
    toBeSigned: sigStructure(p.protectedBytes, p.payload),
    tags: p.tags,
    profile,
  };
  if (p.headerAlg !== undefined) opened.headerAlg = p.headerAlg;
  const verified = await verifyOpened(opened, opts.key);
  report.signature = verified.ok ? { ok: true, verified: true, alg: opts.key.alg } : failed(verified.error);
  return report;
}
