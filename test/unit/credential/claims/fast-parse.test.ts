// The fast path for parcel and receipt claims (fast-parse.ts) against zod, which it must mirror:
// whenever it answers, zod accepts the same input and returns the same claims, key order included;
// through decodeClaims and parseClaims every result (value or error: code, path, detail) is the
// one zod alone gives. Inputs: the samples, the demo world's credentials, every field of the
// samples replaced by every hostile value, own prototype keys, and seeded random claims with
// random mutations — readable (issuing) and on the wire (decoding).
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../../../shared/validation/issue-message.ts';
import { decodeClaims, encodeClaims, parseClaims, SCHEMAS, type Claims } from '../../../../shared/credential/claims/index.ts';
import { fastParse, fastPathEnabled, fnv1a, schemaShape, SCHEMA_FINGERPRINTS, withoutFastPath } from '../../../../shared/credential/claims/fast-parse.ts';
import { parcelClaimsSchema, receiptClaimsSchema } from '../../../../shared/credential/claims/schemas.ts';
import { openCredential } from '../../../../shared/credential/codec/container.ts';
import { buildDemoWorld } from '../../../harness/demo/world.ts';
import { seededRandom } from '../../../harness/samples/seeded-random.ts';
import { hostileValues } from '../../hostile/corpus.ts';
import { keyedNodesOf, pathsOf, replacedAt, showPath, withPrototypeKeys } from '../../hostile/mutations.ts';
import { SAMPLES } from './samples.ts';

type FastType = 'parcel' | 'receipt';
const TYPES: FastType[] = ['parcel', 'receipt'];
const counts = { fast: 0, zod: 0 };

/** fastParse's answer, when it gives one, is zod's, to the key order. */
function expectMirrors(type: FastType, input: unknown, where: string): void {
  const fast = fastParse(type, input);
  if (fast === undefined) {
    counts.zod++;
    return;
  }
  counts.fast++;
  const zod = SCHEMAS[type].safeParse(input, { error: issueMessage });
  expect(zod.success, `${where}: fast path accepted what zod refuses`).toBe(true);
  expect(JSON.stringify(fast), where).toBe(JSON.stringify(zod.data));
}

const outcome = (run: () => unknown) => JSON.stringify(run());

/** The whole decoder / parser with the fast path and without it give the same result. */
function expectSameDecode(value: unknown, where: string): void {
  expect(outcome(() => decodeClaims(value)), where).toBe(withoutFastPath(() => outcome(() => decodeClaims(value))));
}
function expectSameParse(type: FastType, input: unknown, where: string): void {
  expect(outcome(() => parseClaims(type, input)), where).toBe(withoutFastPath(() => outcome(() => parseClaims(type, input))));
}

/** The normal form of the sample (what decoding gives). */
function normalOf(type: FastType): Claims {
  const parsed = parseClaims(type, SAMPLES[type]);
  if (!parsed.ok) throw new Error(`${type} sample: ${parsed.error.detail}`);
  return parsed.value;
}

const readable = (type: FastType, input: unknown) => (input !== null && typeof input === 'object' && !Array.isArray(input) ? { type, ...input } : input);

/** A random variant of the sample: fields dropped, cased, shifted, retyped, extra keys. */
function randomVariant(type: FastType, random: () => number): unknown {
  // Mostly the normal form (which the fast path takes), sometimes the sample as an author wrote it.
  const base = random() < 0.8 ? normalOf(type) : SAMPLES[type];
  const copy = structuredClone(base) as Record<string, unknown>;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const edits = 1 + Math.floor(random() * 3);
  let value: unknown = copy;
  for (let e = 0; e < edits; e++) {
    const paths = pathsOf(value);
    if (paths.length === 0) break;
    const path = pick(paths);
    const replacements: unknown[] = [
      undefined,
      null,
      '',
      0,
      -1,
      1.5,
      2 ** 53,
      1210,
      9610,
      9999,
      10_000,
      'ABC',
      'abc',
      'a'.repeat(41),
      'A'.repeat(31),
      '#1',
      '#0',
      '#123456',
      '2026-02-29',
      '2028-02-29',
      '2026-13-01',
      '2026-05-27T08:00:00Z',
      '2026-05-27T08:00:00.500Z',
      '2026-05-27T08:00:59Z',
      '2026-05-27T08:00:00+08:00',
      '1969-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '4006381333931',
      '4006381333932',
      '96385074',
      '00112233445566778899AABBCCDDEEFF',
      '00112233445566778899aabbccddeef',
      'ab'.repeat(32),
      'AB'.repeat(32),
      '123X',
      '123x',
      [],
      {},
      'declaration',
      'logistics',
      'lumi-store',
      'harbour',
      'qhwh',
    ];
    const mode = random();
    if (mode < 0.3) continue; // some variants stay valid
    if (mode < 0.4 && path.length > 0) {
      // Drop the key (or element).
      const parent = path.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string, unknown>)[k as string], value);
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<string, unknown>)[path[path.length - 1] as string];
    } else if (mode < 0.45) {
      (value as Record<string, unknown>)[pick(['extra', 'Type', 'warehouse', 'expiresAt', 'vatFen', 'mode'])] = pick(replacements);
    } else {
      value = replacedAt(value, path, pick(replacements));
    }
  }
  return value;
}

describe('fast claims path', () => {
  it('is written for the schemas as they are (update fast-parse.ts and its fingerprints together)', () => {
    expect({ parcel: fnv1a(schemaShape(parcelClaimsSchema)), receipt: fnv1a(schemaShape(receiptClaimsSchema)) }).toEqual(SCHEMA_FINGERPRINTS);
    expect(fastPathEnabled()).toEqual({ parcel: true, receipt: true });
  });

  it('mirrors zod on the samples and the demo world', async () => {
    for (const type of TYPES) {
      expectMirrors(type, readable(type, SAMPLES[type]), `${type} sample`);
      // The normal form (what decoding produces and most issuers write) takes the fast path.
      const normal = normalOf(type);
      expect(fastParse(type, normal), `${type} normal form takes the fast path`).toBeDefined();
      expectMirrors(type, normal, `${type} normal form`);
      expectSameParse(type, SAMPLES[type], `${type} sample`);
    }
    const world = await buildDemoWorld();
    let decoded = 0;
    for (const file of world.files) {
      if (!file.content.trim().startsWith('CC1:')) continue;
      const opened = await openCredential(file.content.trim());
      if (!opened.ok) continue;
      expectSameDecode(opened.value.claims, file.path);
      decoded++;
    }
    expect(decoded).toBeGreaterThan(5);
  });

  it('mirrors zod with every hostile value in every field, and prototype keys in every object', () => {
    for (const type of TYPES) {
      const sample = readable(type, SAMPLES[type]);
      const wire = encodeClaims(normalOf(type));
      for (const [name, make] of hostileValues()) {
        if (name.includes('100k') || name.includes('1 MB')) continue; // huge inputs: the hostile table runs them
        for (const path of pathsOf(sample)) {
          const input = replacedAt(sample, path, make());
          expectMirrors(type, input, `${type} ${showPath(path)} = ${name}`);
          expectSameParse(type, input, `${type} ${showPath(path)} = ${name}`);
        }
        for (const path of pathsOf(wire)) expectSameDecode(replacedAt(wire, path, make()), `${type} wire ${showPath(path)} = ${name}`);
      }
      for (const path of keyedNodesOf(sample)) expectMirrors(type, withPrototypeKeys(sample, path), `${type} prototype keys at ${showPath(path)}`);
      for (const path of keyedNodesOf(wire)) expectSameDecode(withPrototypeKeys(wire, path), `${type} wire prototype keys at ${showPath(path)}`);
    }
  }, 120_000);

  it('mirrors zod on seeded random claims and mutations, readable and on the wire', () => {
    for (const type of TYPES) {
      const random = seededRandom(type === 'parcel' ? 12 : 14);
      for (let i = 0; i < 3000; i++) {
        const input = randomVariant(type, random);
        const where = `${type} #${i}: ${JSON.stringify(input)}`;
        expectMirrors(type, readable(type, input), where);
        expectSameParse(type, input, where);
        const parsed = withoutFastPath(() => parseClaims(type, input));
        if (parsed.ok) expectSameDecode(encodeClaims(parsed.value), `${where} (wire)`);
      }
    }
    // Both branches were exercised: the fast path answered often, and zod had the rest.
    expect(counts.fast).toBeGreaterThan(1000);
    expect(counts.zod).toBeGreaterThan(1000);
  }, 120_000);
});
