// Runs the container vector corpus (test/vectors/container/*.json): each stage on its own,
// comparing the bytes it produces with the bytes stored for the next stage and its result with
// the expectation, then the whole pipeline end to end.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../../shared/credential/codec/base45.ts';
import { decodeStrictCbor } from '../../../shared/credential/codec/cbor-strict.ts';
import { CC1_PREFIX, openCredential, stripPrefix, verifyOpened } from '../../../shared/credential/codec/container.ts';
import { parseCoseSign1 } from '../../../shared/credential/codec/cose.ts';
import { CONTAINER_MESSAGES, type StageName } from '../../../shared/credential/codec/errors.ts';
import { dccKidForCertificate, importVerifyKeyCertificate, importVerifyKeyJwk } from '../../../shared/credential/codec/keys.ts';
import { resolveLimits, type Limits } from '../../../shared/credential/codec/limits.ts';
import { toJsonView } from '../../../shared/credential/json-view.ts';
import { inflateZlib } from '../../../shared/credential/codec/zlib.ts';

const dir = fileURLToPath(new URL('../../vectors/container/', import.meta.url));
const STAGES: StageName[] = ['input', 'prefix', 'base45', 'zlib', 'cose', 'cbor', 'signature'];

interface Vector {
  id: string;
  description: string;
  provenance: string;
  open: { prefix: string; profile?: 'cc1' | 'dcc'; limits?: Partial<Limits> };
  stages: { text: unknown; base45?: string; zlib?: string; cose?: string; claims?: string };
  key: { alg: 'ES256' | 'PS256' | 'EdDSA'; jwk?: Record<string, string>; certificate?: string };
  expect: Record<StageName, string>;
  kid?: string;
  kidSource?: string;
  claimsJson?: unknown;
}

const vectors: Vector[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .toSorted()
  .map((f) => JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as Vector);

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Runs the stages one by one; returns the result per stage. */
async function runStages(v: Vector): Promise<Record<StageName, string>> {
  const result = Object.fromEntries(STAGES.map((s) => [s, 'not-reached'])) as Record<StageName, string>;
  const limits = resolveLimits(v.open.limits);
  const profile = v.open.profile ?? (v.open.prefix === CC1_PREFIX ? 'cc1' : 'dcc');
  const failAt = (stage: StageName, code: string) => {
    result[stage] = code;
    return result;
  };

  const body = stripPrefix(v.stages.text, v.open.prefix, limits);
  if (!body.ok) {
    if (body.error.stage === 'prefix') result.input = 'ok';
    return failAt(body.error.stage, body.error.code);
  }
  result.input = 'ok';
  result.prefix = 'ok';
  if (v.stages.base45 !== undefined) expect(body.value).toBe(v.stages.base45);

  const compressed = decodeBase45(body.value);
  if (!compressed.ok) return failAt('base45', compressed.error.code);
  result.base45 = 'ok';
  if (v.stages.zlib !== undefined) expect(hex(compressed.value)).toBe(v.stages.zlib);

  if (compressed.value.length > limits.maxCompressedBytes) return failAt('zlib', 'zlib-input-too-large');
  const cose = await inflateZlib(compressed.value, limits.maxDecompressedBytes);
  if (!cose.ok) return failAt('zlib', cose.error.code);
  result.zlib = 'ok';
  if (v.stages.cose !== undefined) expect(hex(cose.value)).toBe(v.stages.cose);

  const parts = parseCoseSign1(cose.value, limits, profile);
  if (!parts.ok) return failAt('cose', parts.error.code);
  result.cose = 'ok';
  if (v.stages.claims !== undefined) expect(hex(parts.value.payload)).toBe(v.stages.claims);
  if (v.kid !== undefined) expect(hex(parts.value.kid!)).toBe(v.kid);

  const claims = decodeStrictCbor(parts.value.payload, limits, 'cbor');
  if (!claims.ok) return failAt('cbor', claims.error.code);
  result.cbor = 'ok';
  if (v.claimsJson !== undefined) expect(toJsonView(claims.value)).toEqual(v.claimsJson);

  const opened = await openCredential(v.stages.text as string, { prefix: v.open.prefix, limits, profile });
  if (!opened.ok) throw new Error(`stages passed but openCredential failed: ${opened.error.code}`);
  const key = v.key.certificate
    ? await importVerifyKeyCertificate(new Uint8Array(Buffer.from(v.key.certificate, 'base64')), v.key.alg)
    : await importVerifyKeyJwk(v.key.jwk!, v.key.alg);
  if (!key.ok) return failAt('signature', key.error.code);
  const verified = await verifyOpened(opened.value, key.value);
  result.signature = verified.ok ? 'ok' : verified.error.code;
  return result;
}

describe('container vector corpus', () => {
  it('has vectors', () => {
    expect(vectors.length).toBeGreaterThan(50);
  });

  it.each(vectors)('$id: every stage gives its expected result', async (v) => {
    expect(await runStages(v)).toEqual(v.expect);
  });

  it.each(vectors)('$id: the whole pipeline fails (or succeeds) where the stages say', async (v) => {
    const firstFailure = STAGES.find((s) => v.expect[s] !== 'ok');
    const opened = await openCredential(v.stages.text as string, {
      prefix: v.open.prefix,
      ...(v.open.limits && { limits: v.open.limits }),
      ...(v.open.profile && { profile: v.open.profile }),
    });
    if (firstFailure && firstFailure !== 'signature') {
      expect(opened.ok).toBe(false);
      if (!opened.ok) expect([opened.error.stage, opened.error.code]).toEqual([firstFailure, v.expect[firstFailure]]);
    } else {
      expect(opened.ok).toBe(true);
    }
  });

  it.each(vectors.filter((v) => v.stages.zlib !== undefined && v.stages.base45 !== undefined))('$id: stored stages encode into each other', (v) => {
    expect(encodeBase45(new Uint8Array(Buffer.from(v.stages.zlib!, 'hex')))).toBe(v.stages.base45);
    expect(v.stages.text).toBe(v.open.prefix + v.stages.base45);
  });

  it('names every reachable container error code at least once', () => {
    // Defensive codes no input can reach: `internal-error` (a bug in a stage), `zlib-corrupt` (the
    // platform inflater disagreeing with our stream walker, which checks the same rules first).
    const unreachable = new Set(['internal-error', 'zlib-corrupt']);
    const covered = new Set(vectors.flatMap((v) => Object.values(v.expect)));
    const missing = Object.keys(CONTAINER_MESSAGES).filter((code) => !unreachable.has(code) && !covered.has(code));
    expect(missing).toEqual([]);
  });

  it('opens and verifies genuine EU DCC payloads, including PS256, the CWT tag and an empty protected header (CO20)', () => {
    const genuine = vectors.filter((v) => v.id.startsWith('dcc-CO') && STAGES.every((s) => v.expect[s] === 'ok'));
    expect(genuine.map((v) => v.id)).toEqual(['dcc-CO1', 'dcc-CO20', 'dcc-CO28', 'dcc-CO3']);
    expect(genuine.map((v) => v.key.alg).toSorted()).toEqual(['ES256', 'ES256', 'ES256', 'PS256']);
  });

  it.each(vectors.filter((v) => v.id.startsWith('dcc-CO') && v.kid !== undefined))('$id: kid is the first 8 bytes of SHA-256 of the signer certificate', async (v) => {
    const kid = await dccKidForCertificate(new Uint8Array(Buffer.from(v.key.certificate!, 'base64')));
    expect(hex(kid)).toBe(v.kid);
  });
});
