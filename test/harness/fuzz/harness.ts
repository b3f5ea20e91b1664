// Fuzzing harness for anything that turns scanned text into a status: by default the container
// (open + verify against a trusted key); the verdict layer plugs in its full verdict through
// `VerifyToStatus`. Mutations work on every layer — the text, the zlib bytes, the COSE message,
// the claims — and re-encode the layers above, so deep stages are reached instead of every case
// dying in Base45. Random payloads, splices and known hostile shapes (zip bombs, deep nesting)
// are mixed in.
//
// Invariants checked per case:
//   1. the verifier never throws (it must return a status);
//   2. each case finishes within `perCaseMs`;
//   3. a mutated payload is never accepted — unless it opens to exactly the COSE_Sign1 bytes of a
//      genuine seed (then it is the same signed credential in another encoding, e.g. recompressed,
//      which is counted as `equivalent`, not as a failure).
// Deterministic for a given seed and case count (the clock only decides when to stop).
import { encode } from 'cbor2';
import { BASE45_ALPHABET, decodeBase45, encodeBase45 } from '../../../shared/credential/codec/base45.ts';
import { CC1_PREFIX, openCredential, sealCredential, sealPayloadBytes, verifyOpened } from '../../../shared/credential/codec/container.ts';
import { encodeCoseSign1, parseCoseSign1 } from '../../../shared/credential/codec/cose.ts';
import { generateSigningKey, kidFor, type SigningKey, type VerifyKey } from '../../../shared/credential/codec/keys.ts';
import { DEFAULT_LIMITS } from '../../../shared/credential/codec/limits.ts';
import { deflateZlib, inflateZlib } from '../../../shared/credential/codec/zlib.ts';
import { seededRandom } from '../samples/seeded-random.ts';

export interface FuzzVerdict {
  /** True when the payload was accepted as genuine (container: opened and verified). */
  accepted: boolean;
  /** A short machine-readable status, e.g. "valid", "zlib/zlib-checksum", "genuine-yours". */
  status: string;
}

/** The injectable system under test. */
export type VerifyToStatus = (text: string) => Promise<FuzzVerdict>;

export interface FuzzOptions {
  /** Genuine payloads the verifier accepts; mutations start from them. */
  seeds: string[];
  verify: VerifyToStatus;
  /** Stop after this many seconds (default 3) or `maxCases`, whichever first. */
  seconds?: number;
  maxCases?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Time bound per case in milliseconds (default 1000; generous for shared CI machines). */
  perCaseMs?: number;
  prefix?: string;
  /**
   * How the system under test normalises its input before decoding (the verdict layer trims
   * surrounding whitespace, as pasted and scanned text carries it); an accepted mutation is a
   * re-encoding, not a violation, when its normalised form opens to a seed's COSE bytes.
   */
  normalise?: (text: string) => string;
}

export interface FuzzViolation {
  kind: 'threw' | 'slow' | 'accepted-mutation' | 'seed-rejected';
  mutator: string;
  text: string;
  detail: string;
}

export interface FuzzReport {
  cases: number;
  seconds: number;
  /** Cases accepted because they are a genuine credential re-encoded (same COSE bytes). */
  equivalent: number;
  byMutator: Record<string, number>;
  byStatus: Record<string, number>;
  slowestMs: number;
  violations: FuzzViolation[];
}

interface SeedLayers {
  text: string;
  compressed: Uint8Array;
  cose: Uint8Array;
  protectedBytes: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

interface Ctx {
  rnd: () => number;
  seeds: SeedLayers[];
  prefix: string;
  /** A key nobody trusts: signatures by it must never be accepted. */
  rogue: SigningKey;
  bombs: Uint8Array[];
}

const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: () => number, items: readonly T[]): T => items[int(rnd, items.length)]!;

function mutateBytes(rnd: () => number, input: Uint8Array): Uint8Array {
  const b = [...input];
  const edits = 1 + int(rnd, 3);
  for (let e = 0; e < edits; e++) {
    const at = b.length === 0 ? 0 : int(rnd, b.length);
    switch (int(rnd, 7)) {
      case 0:
        if (b.length) b[at]! ^= 1 << int(rnd, 8);
        break;
      case 1:
        if (b.length) b[at] = int(rnd, 256);
        break;
      case 2:
        b.splice(at, 1 + int(rnd, 4));
        break;
      case 3:
        b.splice(at, 0, ...Array.from({ length: 1 + int(rnd, 4) }, () => int(rnd, 256)));
        break;
      case 4:
        b.length = int(rnd, b.length + 1);
        break;
      case 5: // interesting CBOR/zlib bytes
        if (b.length) b[at] = pick(rnd, [0x00, 0x18, 0x1b, 0x1f, 0x3f, 0x5f, 0x7f, 0x9f, 0xbf, 0xd2, 0xd8, 0xf6, 0xf7, 0xff, 0x80, 0xa0]);
        break;
      default: {
        const from = int(rnd, b.length + 1);
        b.splice(at, 0, ...b.slice(from, from + 1 + int(rnd, 8)));
      }
    }
  }
  return Uint8Array.from(b);
}

function mutateText(rnd: () => number, text: string): string {
  const chars = [...text];
  const at = int(rnd, chars.length + 1);
  switch (int(rnd, 6)) {
    case 0:
      for (let k = 1 + int(rnd, 3); k > 0; k--) chars[int(rnd, chars.length)] = pick(rnd, [...BASE45_ALPHABET]);
      break;
    case 1:
      chars.splice(at, 1 + int(rnd, 6));
      break;
    case 2:
      chars.splice(at, 0, ...Array.from({ length: 1 + int(rnd, 4) }, () => pick(rnd, [...BASE45_ALPHABET])));
      break;
    case 3:
      chars.length = int(rnd, chars.length);
      break;
    case 4:
      chars[int(rnd, chars.length)] = pick(rnd, ['a', '\u0000', '\n', '\u00e9', '\ud83d', '#', '\u3000']);
      break;
    default:
      return text + text.slice(int(rnd, text.length));
  }
  return chars.join('');
}

async function textOf(prefix: string, compressed: Uint8Array): Promise<string> {
  return prefix + encodeBase45(compressed);
}

type Mutator = (ctx: Ctx, seed: SeedLayers) => Promise<string>;

const MUTATORS: Record<string, Mutator> = {
  text: async (ctx, s) => mutateText(ctx.rnd, s.text),
  prefix: async (ctx, s) =>
    pick(ctx.rnd, ['cc1:', 'CC2:', 'HC1:', '', 'CC1', 'CC1::', ' CC1:']) + s.text.slice(ctx.prefix.length),
  zlib: async (ctx, s) => textOf(ctx.prefix, mutateBytes(ctx.rnd, s.compressed)),
  cose: async (ctx, s) => textOf(ctx.prefix, await deflateZlib(mutateBytes(ctx.rnd, s.cose))),
  'cose-structure': async (ctx, s) => {
    const variants = [
      () => encode([s.protectedBytes, new Map(), s.payload, s.signature]), // untagged
      () => Uint8Array.of(0xd8, 0x3d, ...s.cose), // CWT tag around it
      () => encodeCoseSign1(s.protectedBytes, s.payload, s.signature, Uint8Array.of(0xa1, 0x04, 0x41, 0x00)), // unprotected kid
      () => encodeCoseSign1(s.protectedBytes, s.payload, s.signature, Uint8Array.of(0xa1, 0x01, 0x26)), // unprotected alg
      () => encodeCoseSign1(encode(new Map<number, unknown>([[1, -8], [4, new Uint8Array(8)]])), s.payload, s.signature),
      () => encodeCoseSign1(new Uint8Array(0), s.payload, s.signature),
      () => encodeCoseSign1(s.protectedBytes, s.payload, s.signature.subarray(0, int(ctx.rnd, 64))),
      () => encodeCoseSign1(s.protectedBytes, s.payload, Uint8Array.from([...s.signature.subarray(32), ...s.signature.subarray(0, 32)])),
    ];
    return textOf(ctx.prefix, await deflateZlib(pick(ctx.rnd, variants)()));
  },
  // Claims changed under the original signature: must fail the signature.
  claims: async (ctx, s) => textOf(ctx.prefix, await deflateZlib(encodeCoseSign1(s.protectedBytes, mutateBytes(ctx.rnd, s.payload), s.signature))),
  // Claims changed and re-signed by a key nobody trusts, claiming the genuine kid.
  'claims-resigned': async (ctx, s) =>
    (await sealPayloadBytes(mutateBytes(ctx.rnd, s.payload), ctx.rogue, { prefix: ctx.prefix, protectedBytes: s.protectedBytes })).text,
  // Hostile claims, validly signed by the rogue key.
  'hostile-claims': async (ctx, s) => {
    const depth = 1 + int(ctx.rnd, 40);
    const shapes = [
      () => Uint8Array.of(...new Uint8Array(depth).fill(0x81), 0x00),
      () => Uint8Array.of(0x9f, 0x01, 0xff),
      () => Uint8Array.of(0xa2, 0x01, 0x01, 0x01, 0x02),
      () => Uint8Array.of(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      () => Uint8Array.of(0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      () => Uint8Array.from({ length: int(ctx.rnd, 64) }, () => int(ctx.rnd, 256)),
    ];
    return (await sealPayloadBytes(pick(ctx.rnd, shapes)(), ctx.rogue, { prefix: ctx.prefix, protectedBytes: s.protectedBytes })).text;
  },
  splice: async (ctx, s) => {
    const other = pick(ctx.rnd, ctx.seeds);
    const cut = int(ctx.rnd, Math.min(s.text.length, other.text.length));
    return s.text.slice(0, cut) + other.text.slice(cut);
  },
  'random-base45': async (ctx) => ctx.prefix + Array.from({ length: int(ctx.rnd, 600) }, () => pick(ctx.rnd, [...BASE45_ALPHABET])).join(''),
  'random-zlib': async (ctx) => textOf(ctx.prefix, await deflateZlib(Uint8Array.from({ length: int(ctx.rnd, 400) }, () => int(ctx.rnd, 256)))),
  bomb: async (ctx) => textOf(ctx.prefix, pick(ctx.rnd, ctx.bombs)),
  huge: async (_ctx, s) => s.text + 'A'.repeat(DEFAULT_LIMITS.maxInputChars),
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

async function layersOf(text: string, prefix: string): Promise<SeedLayers> {
  const compressed = decodeBase45(text.slice(prefix.length));
  if (!compressed.ok) throw new Error(`seed is not Base45: ${compressed.error.code}`);
  const cose = await inflateZlib(compressed.value, DEFAULT_LIMITS.maxDecompressedBytes);
  if (!cose.ok) throw new Error(`seed does not inflate: ${cose.error.code}`);
  const parts = parseCoseSign1(cose.value, DEFAULT_LIMITS, prefix === CC1_PREFIX ? 'cc1' : 'dcc');
  if (!parts.ok) throw new Error(`seed is not COSE_Sign1: ${parts.error.code}`);
  return { text, compressed: compressed.value, cose: cose.value, protectedBytes: parts.value.protectedBytes, payload: parts.value.payload, signature: parts.value.signature };
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const prefix = opts.prefix ?? CC1_PREFIX;
  const rnd = seededRandom(opts.seed ?? 1);
  const perCaseMs = opts.perCaseMs ?? 1000;
  const deadline = performance.now() + (opts.seconds ?? 3) * 1000;
  const maxCases = opts.maxCases ?? Number.POSITIVE_INFINITY;
  const rogue = await generateSigningKey();
  const ctx: Ctx = {
    rnd,
    prefix,
    seeds: await Promise.all(opts.seeds.map((t) => layersOf(t, prefix))),
    rogue: { kid: await kidFor(rogue.publicKey), alg: 'ES256', privateKey: rogue.privateKey },
    bombs: [await deflateZlib(new Uint8Array(1 << 20)), await deflateZlib(new Uint8Array(DEFAULT_LIMITS.maxDecompressedBytes + 1).fill(0x41))],
  };
  const report: FuzzReport = { cases: 0, seconds: 0, equivalent: 0, byMutator: {}, byStatus: {}, slowestMs: 0, violations: [] };
  const started = performance.now();

  const check = async (text: string, mutator: string, isSeed: boolean): Promise<void> => {
    const t0 = performance.now();
    let verdict: FuzzVerdict;
    try {
      verdict = await opts.verify(text);
    } catch (e) {
      report.violations.push({ kind: 'threw', mutator, text, detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    const ms = performance.now() - t0;
    report.slowestMs = Math.max(report.slowestMs, ms);
    if (ms > perCaseMs) report.violations.push({ kind: 'slow', mutator, text, detail: `${ms.toFixed(0)} ms > ${perCaseMs} ms` });
    report.byStatus[verdict.status] = (report.byStatus[verdict.status] ?? 0) + 1;
    if (isSeed) {
      if (!verdict.accepted) report.violations.push({ kind: 'seed-rejected', mutator, text, detail: verdict.status });
      return;
    }
    if (verdict.accepted) {
      const opened = await openCredential(opts.normalise ? opts.normalise(text) : text, { prefix });
      if (opened.ok && ctx.seeds.some((s) => sameBytes(s.cose, opened.value.cose))) report.equivalent++;
      else report.violations.push({ kind: 'accepted-mutation', mutator, text, detail: verdict.status });
    }
  };

  for (const s of ctx.seeds) await check(s.text, 'seed', true);
  const names = MUTATOR_NAMES;
  while (report.cases < maxCases && performance.now() < deadline) {
    const mutator = names[report.cases % names.length]!;
    const seed = pick(rnd, ctx.seeds);
    const text = await MUTATORS[mutator]!(ctx, seed);
    report.cases++;
    report.byMutator[mutator] = (report.byMutator[mutator] ?? 0) + 1;
    if (ctx.seeds.some((s) => s.text === text)) continue; // not a mutation
    await check(text, mutator, false);
    if (report.violations.length >= 20) break;
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** The container as the system under test: open with `prefix`, verify with the trusted key. */
export function containerVerifier(key: VerifyKey, prefix: string = CC1_PREFIX): VerifyToStatus {
  return async (text) => {
    const opened = await openCredential(text, { prefix });
    if (!opened.ok) return { accepted: false, status: `${opened.error.stage}/${opened.error.code}` };
    const verified = await verifyOpened(opened.value, key);
    return verified.ok ? { accepted: true, status: 'valid' } : { accepted: false, status: `signature/${verified.error.code}` };
  };
}

/** Seeds for the container: a fresh key and credentials of several sizes and shapes. */
export async function containerFuzzSetup(): Promise<{ seeds: string[]; verify: VerifyToStatus; key: VerifyKey }> {
  const pair = await generateSigningKey();
  const signer: SigningKey = { kid: await kidFor(pair.publicKey), alg: 'ES256', privateKey: pair.privateKey };
  const seeds = [
    await sealCredential(new Map<number, unknown>([[1, 'demo'], [-1, 1]]), signer),
    await sealCredential(
      new Map<number, unknown>([
        [1, 'importer-hz'],
        [6, 1767225600],
        [-1, 1],
        [-3, new Map<number, unknown>([[1, [new Map<number, unknown>([[1, 4006381333931], [5, 2]])]], [2, 'SF1400012345678'], [12, [[2, -13340], [5, 910, 'sf-express']]], [13, new Uint8Array(16).fill(0x5a)]])],
      ]),
      signer,
    ),
    await sealCredential({ text: '跨境电商 cross-border '.repeat(8), list: Array.from({ length: 40 }, (_, i) => i * 1000), f: 1.5 }, signer),
  ];
  const key: VerifyKey = { alg: 'ES256', publicKey: pair.publicKey };
  return { seeds, verify: containerVerifier(key), key };
}
