// Strict CBOR (RFC 8949) for untrusted input: one hand-written pass that checks and builds the
// value, giving each violation its own code. (cbor2 decoded a 230-byte parcel in ~120–230 µs,
// its generator-based design; this pass takes ~15 µs. In the tests cbor2 is
// the oracle: both decoders must agree on every valid input.) Enforced:
//   - definite lengths only (§3.2.2 indefinite items are never produced by our encoders or DCC);
//   - preferred serialization (§4.1): integers, lengths and floats in their shortest form, so one
//     value has one encoding;
//   - no duplicate map keys (§5.6: a duplicate makes the meaning depend on the decoder);
//   - map keys are integers or text only (a float key 1.0 would read as the integer key 1);
//   - a depth bound and an item-count bound (cbor2 has the first but not the second);
//   - valid UTF-8 in text strings; only false/true/null among the simple values;
//   - nothing after the top-level item.
import { CborTag } from './cbor-tag.ts';
import { fail, type ContainerError, type ContainerErrorCode, type StageName } from './errors.ts';
import { ok, type Result } from '../../result.ts';
import { hexOf } from './hex.ts';
import type { Limits } from './limits.ts';

class ScanStop {
  constructor(
    readonly code: ContainerErrorCode,
    readonly detail: string,
  ) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface ScanState {
  data: Uint8Array;
  view: DataView;
  pos: number;
  items: number;
  limits: Pick<Limits, 'maxCborDepth' | 'maxCborItems'>;
  preferMap: boolean;
  /** Byte strings as views of `data` instead of copies (StrictDecodeOptions.byteStringViews). */
  views: boolean;
}

function need(s: ScanState, n: number): void {
  if (s.pos + n > s.data.length) throw new ScanStop('cbor-truncated', `needs ${n} bytes at offset ${s.pos}`);
}

/** Exact float16 representability (IEEE 754 binary16), used to demand the shortest float. */
function fitsHalf(v: number): boolean {
  if (Number.isNaN(v) || !Number.isFinite(v) || v === 0) return true;
  const a = Math.abs(v);
  if (a > 65504 || a < 2 ** -24) return false;
  const exponent = Math.floor(Math.log2(a));
  // Normal halves have 10 fraction bits; subnormals (exponent < -14) a fixed step of 2^-24.
  const step = exponent < -14 ? 2 ** -24 : 2 ** (exponent - 10);
  return Number.isInteger(a / step);
}

function scanItem(s: ScanState, depth: number): unknown {
  if (++s.items > s.limits.maxCborItems) {
    throw new ScanStop('cbor-too-many-items', `more than ${s.limits.maxCborItems} items`);
  }
  need(s, 1);
  const start = s.pos;
  const initial = s.data[s.pos++]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info >= 28 && info <= 30) throw new ScanStop('cbor-malformed', `reserved additional information ${info} at ${start}`);
  if (info === 31) {
    if (major === 7) throw new ScanStop('cbor-malformed', `unexpected break at ${start}`);
    if (major >= 2 && major <= 5) throw new ScanStop('cbor-indefinite-length', `indefinite-length item at ${start}`);
    throw new ScanStop('cbor-malformed', `invalid indefinite encoding at ${start}`);
  }
  if (major === 7) return scanSimpleOrFloat(s, info, start);
  let arg: number;
  let big: bigint | undefined; // 8-byte arguments beyond 2^53
  if (info < 24) {
    arg = info;
  } else {
    const size = 1 << (info - 24);
    need(s, size);
    if (size === 1) arg = s.data[s.pos]!;
    else if (size === 2) arg = s.view.getUint16(s.pos);
    else if (size === 4) arg = s.view.getUint32(s.pos);
    else {
      const value = s.view.getBigUint64(s.pos);
      if (value <= 0xffffffffn) throw new ScanStop('cbor-non-minimal', `8-byte argument ${value} at ${start}`);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
        big = value;
        arg = Number.POSITIVE_INFINITY;
      } else arg = Number(value);
    }
    s.pos += size;
    const smallest = size === 1 ? 24 : size === 2 ? 0x100 : size === 4 ? 0x10000 : 0;
    if (size < 8 && arg < smallest) throw new ScanStop('cbor-non-minimal', `argument ${arg} in ${size} bytes at ${start}`);
  }
  switch (major) {
    case 0:
      return big ?? arg;
    case 1:
      return big !== undefined ? -1n - big : -1 - arg;
    case 2:
    case 3: {
      if (arg > s.data.length - s.pos) throw new ScanStop('cbor-truncated', `string of ${arg} bytes at ${start} runs past the end`);
      const from = s.pos;
      s.pos += arg;
      if (major === 2) return s.views ? s.data.subarray(from, from + arg) : s.data.slice(from, from + arg);
      // Claims' texts are short and mostly ASCII: those become one string from their character
      // codes (TextDecoder's call costs more than the decoding for a few dozen bytes, and adding
      // the characters one by one made a string per character); anything else, the strict decoder.
      const bytes = s.data.subarray(from, from + arg);
      if (arg <= 64) {
        let ascii = true;
        for (let i = 0; i < arg; i++) {
          if (bytes[i]! >= 0x80) {
            ascii = false;
            break;
          }
        }
        if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
      }
      try {
        return utf8.decode(bytes);
      } catch {
        throw new ScanStop('cbor-invalid-utf8', `text string at ${start}`);
      }
    }
    case 4:
    case 5: {
      if (depth + 1 > s.limits.maxCborDepth) throw new ScanStop('cbor-too-deep', `deeper than ${s.limits.maxCborDepth} at ${start}`);
      const children = major === 4 ? arg : arg * 2;
      // Each child takes at least one byte and one item: check both bounds before looping.
      if (s.items + children > s.limits.maxCborItems) {
        throw new ScanStop('cbor-too-many-items', `a container at ${start} declares ${children} items`);
      }
      if (children > s.data.length - s.pos) throw new ScanStop('cbor-truncated', `container at ${start} declares more items than bytes remain`);
      if (major === 4) {
        const items: unknown[] = [];
        for (let i = 0; i < arg; i++) items.push(scanItem(s, depth + 1));
        return items;
      }
      const seen = new Set<unknown>();
      const entries: [unknown, unknown][] = [];
      let allText = true;
      for (let i = 0; i < arg; i++) {
        const keyStart = s.pos;
        const keyMajor = s.pos < s.data.length ? s.data[s.pos]! >> 5 : 0;
        // Keys are integers (majors 0 and 1) or text (major 3). A float key such as 1.0 would
        // otherwise read back as the integer key 1: two encodings of one map.
        if (keyMajor !== 0 && keyMajor !== 1 && keyMajor !== 3) {
          throw new ScanStop('cbor-invalid-key', `map key of major type ${keyMajor} at ${keyStart} (only integer and text keys)`);
        }
        const key = scanItem(s, depth + 1);
        // Keys are minimal integers or valid UTF-8 text, so equal values mean equal encodings:
        // the values themselves tell duplicates apart (a number, a bigint and a string never match).
        if (seen.has(key)) throw new ScanStop('cbor-duplicate-key', `key h'${hexOf(s.data.subarray(keyStart, s.pos))}' repeated in map at ${start}`);
        seen.add(key);
        if (typeof key !== 'string') allText = false;
        entries.push([key, scanItem(s, depth + 1)]);
      }
      // Object.fromEntries defines own properties, so a "__proto__" key stays data.
      return allText && !s.preferMap ? Object.fromEntries(entries) : new Map(entries);
    }
    default: // 6: tag
      if (depth + 1 > s.limits.maxCborDepth) throw new ScanStop('cbor-too-deep', `deeper than ${s.limits.maxCborDepth} at ${start}`);
      return new CborTag(big ?? arg, scanItem(s, depth + 1));
  }
}

function halfToNumber(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

function scanSimpleOrFloat(s: ScanState, info: number, start: number): unknown {
  if (info < 20) throw new ScanStop('cbor-unsupported-value', `simple value ${info} at ${start}`);
  if (info === 23) throw new ScanStop('cbor-unsupported-value', `undefined at ${start}`);
  if (info === 20) return false;
  if (info === 21) return true;
  if (info === 22) return null;
  if (info === 24) {
    need(s, 1);
    const v = s.data[s.pos++]!;
    throw new ScanStop(v < 32 ? 'cbor-malformed' : 'cbor-unsupported-value', `simple value ${v} at ${start}`);
  }
  const size = 1 << (info - 24);
  need(s, size);
  let v: number;
  if (size === 2) {
    v = halfToNumber(s.view.getUint16(s.pos));
  } else if (size === 4) {
    v = s.view.getFloat32(s.pos);
    if (fitsHalf(v)) throw new ScanStop('cbor-non-minimal', `float32 ${v} fits a float16 at ${start}`);
  } else {
    v = s.view.getFloat64(s.pos);
    if (Number.isNaN(v) || Math.fround(v) === v) throw new ScanStop('cbor-non-minimal', `float64 ${v} fits a shorter float at ${start}`);
  }
  s.pos += size;
  return v;
}

function run(
  data: Uint8Array,
  limits: Pick<Limits, 'maxCborDepth' | 'maxCborItems'>,
  stage: StageName,
  preferMap: boolean,
  views = false,
): Result<{ value: unknown; items: number }, ContainerError> {
  if (data.length === 0) return fail(stage, 'cbor-truncated', 'no data');
  const s: ScanState = { data, view: new DataView(data.buffer, data.byteOffset, data.byteLength), pos: 0, items: 0, limits, preferMap, views };
  let value: unknown;
  try {
    value = scanItem(s, 0);
  } catch (e) {
    if (e instanceof ScanStop) return fail(stage, e.code, e.detail);
    return fail(stage, 'cbor-malformed', e instanceof Error ? e.message : String(e));
  }
  if (s.pos !== data.length) return fail(stage, 'cbor-trailing-bytes', `${data.length - s.pos} bytes after the item`);
  return ok({ value, items: s.items });
}

/** Checks that `data` is exactly one strict CBOR item within the limits; returns the item count. */
export function scanStrictCbor(data: Uint8Array, limits: Pick<Limits, 'maxCborDepth' | 'maxCborItems'>, stage: StageName): Result<number, ContainerError> {
  const r = run(data, limits, stage, true);
  return r.ok ? ok(r.value.items) : r;
}

export interface StrictDecodeOptions {
  /** Decode every map as a Map (COSE headers have integer labels). Otherwise maps whose keys are
   *  all text become plain objects (built with Object.fromEntries, so "__proto__" stays data). */
  preferMap?: boolean;
  /**
   * Byte strings as views of `data` rather than copies: for a caller that owns `data` and never
   * changes it (the container's one buffer per credential). A copy of more than 64 bytes is a
   * separate allocation in V8.
   */
  byteStringViews?: boolean;
}

/**
 * Decodes one strict CBOR item. Integers beyond 2^53 become bigints; tags stay `CborTag`
 * objects — no tag is interpreted (no Date, RegExp, URL...), the claims schema decides.
 */
export function decodeStrictCbor(
  data: Uint8Array,
  limits: Pick<Limits, 'maxCborDepth' | 'maxCborItems'>,
  stage: StageName,
  options: StrictDecodeOptions = {},
): Result<unknown, ContainerError> {
  const r = run(data, limits, stage, options.preferMap ?? false, options.byteStringViews ?? false);
  return r.ok ? ok(r.value.value) : r;
}

// ---------------------------------------------------------------------------------------------
// Deterministic encoding (RFC 8949 §4.2.1 core deterministic: preferred serialization, map keys
// sorted by their encoded bytes). Hand-written for the same reason as the decoder: cbor2's encoder
// took ~1 ms for a parcel, the whole budget of an issuance. The tests check byte-for-byte
// agreement with cbor2's `cde` mode.
//
// Written into one growing byte buffer, reused from call to call: a typed array of more than 64
// bytes is a separate allocation in V8 (~1–2 µs each), so the earlier number[] and
// Uint8Array.from per call, and a buffer per map key, were most of an encoding's cost.

/** A growing CBOR output: heads in preferred serialization, byte and text strings. */
export class CborWriter {
  buf: Uint8Array;
  length = 0;

  constructor(size = 512) {
    this.buf = new Uint8Array(size);
  }

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** A head with its argument in the shortest form; numbers up to 2^53, bigints up to 2^64. */
  head(major: number, n: number | bigint): void {
    const m = major << 5;
    if (typeof n === 'bigint') {
      if (n < 0x100000000n) return this.head(major, Number(n));
      this.reserve(9);
      this.buf[this.length++] = m | 27;
      for (let shift = 56n; shift >= 0n; shift -= 8n) this.buf[this.length++] = Number((n >> shift) & 0xffn);
      return;
    }
    this.reserve(9);
    const b = this.buf;
    let o = this.length;
    if (n < 24) b[o++] = m | n;
    else if (n < 0x100) {
      b[o++] = m | 24;
      b[o++] = n;
    } else if (n < 0x10000) {
      b[o++] = m | 25;
      b[o++] = n >> 8;
      b[o++] = n & 0xff;
    } else if (n < 0x100000000) {
      b[o++] = m | 26;
      b[o++] = (n >>> 24) & 0xff;
      b[o++] = (n >> 16) & 0xff;
      b[o++] = (n >> 8) & 0xff;
      b[o++] = n & 0xff;
    } else {
      // 8 bytes, big-endian: the high and low 32 bits (exact for the safe integers).
      const high = Math.floor(n / 0x100000000);
      const low = n - high * 0x100000000;
      b[o++] = m | 27;
      for (let shift = 24; shift >= 0; shift -= 8) b[o++] = (high >>> shift) & 0xff;
      for (let shift = 24; shift >= 0; shift -= 8) b[o++] = (low >>> shift) & 0xff;
    }
    this.length = o;
  }

  /** A safe integer (major type 0 or 1). */
  int(n: number): void {
    if (n >= 0) this.head(0, n);
    else this.head(1, -1 - n);
  }

  raw(bytes: ArrayLike<number>): void {
    this.reserve(bytes.length);
    if (bytes instanceof Uint8Array) this.buf.set(bytes, this.length);
    else for (let i = 0; i < bytes.length; i++) this.buf[this.length + i] = bytes[i]!;
    this.length += bytes.length;
  }

  /** A byte string. */
  bytes(bytes: Uint8Array): void {
    this.head(2, bytes.length);
    this.raw(bytes);
  }

  /** A text string, UTF-8. */
  text(value: string): void {
    // ASCII (ids, codes, dates: nearly every string in a claim) is copied character by character;
    // anything else goes through TextEncoder.
    const n = value.length;
    let ascii = true;
    for (let i = 0; i < n && ascii; i++) ascii = value.charCodeAt(i) < 0x80;
    if (!ascii) {
      const bytes = utf8Encoder.encode(value);
      this.head(3, bytes.length);
      this.raw(bytes);
      return;
    }
    this.head(3, n);
    this.reserve(n);
    const b = this.buf;
    const o = this.length;
    for (let i = 0; i < n; i++) b[o + i] = value.charCodeAt(i);
    this.length = o + n;
  }
}

const utf8Encoder = new TextEncoder();

function halfBits(v: number): number {
  if (Number.isNaN(v)) return 0x7e00;
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = Math.abs(v);
  if (a === 0) return sign;
  if (a === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  if (e < -14) return sign | Math.round(a / 2 ** -24);
  return sign | ((e + 15) << 10) | Math.round(a / 2 ** (e - 10) - 1024);
}

function encodeFloat(sink: CborWriter, v: number): void {
  if (fitsHalf(v)) {
    const h = halfBits(v);
    sink.raw([0xf9, h >> 8, h & 0xff]);
    return;
  }
  const view = new DataView(new ArrayBuffer(8));
  if (Math.fround(v) === v) {
    view.setFloat32(0, v);
    sink.byte(0xfa);
    sink.raw(new Uint8Array(view.buffer, 0, 4));
  } else {
    view.setFloat64(0, v);
    sink.byte(0xfb);
    sink.raw(new Uint8Array(view.buffer));
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const isIntegerKey = (k: unknown): k is number => typeof k === 'number' && Number.isSafeInteger(k) && !Object.is(k, -0);

/**
 * The order of two integer keys' encodings, without encoding them: every unsigned integer (major
 * type 0) before every negative one (major 1); within a major type a shorter head is a smaller
 * argument, and equal lengths compare big-endian, so the order is the argument's (n for n ≥ 0,
 * −1 − n below zero).
 */
function compareIntegerKeys(a: number, b: number): number {
  if (a >= 0) return b >= 0 ? a - b : -1;
  return b >= 0 ? 1 : b - a;
}

function encodeEntries(sink: CborWriter, entries: [unknown, unknown][], depth: number): void {
  if (entries.every(([k]) => isIntegerKey(k))) {
    // Claims maps: integer keys only, ordered by value (compareIntegerKeys).
    entries.sort((x, y) => compareIntegerKeys(x[0] as number, y[0] as number));
    for (let i = 1; i < entries.length; i++) if (entries[i - 1]![0] === entries[i]![0]) throw new TypeError('duplicate map key');
    sink.head(5, entries.length);
    for (const [key, value] of entries) {
      encodeInto(sink, key, depth + 1);
      encodeInto(sink, value, depth + 1);
    }
    return;
  }
  const encoded: { key: Uint8Array; value: unknown }[] = [];
  for (const [k, value] of entries) {
    const keySink = new CborWriter(16);
    encodeInto(keySink, k, depth + 1);
    encoded.push({ key: keySink.buf.slice(0, keySink.length), value });
  }
  encoded.sort((a, b) => compareBytes(a.key, b.key));
  for (let i = 1; i < encoded.length; i++) {
    if (compareBytes(encoded[i - 1]!.key, encoded[i]!.key) === 0) throw new TypeError('duplicate map key');
  }
  sink.head(5, encoded.length);
  for (const { key, value } of encoded) {
    sink.raw(key);
    encodeInto(sink, value, depth + 1);
  }
}

function encodeInto(sink: CborWriter, value: unknown, depth: number): void {
  if (depth > 256) throw new TypeError('value nested too deeply (or cyclic)');
  switch (typeof value) {
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) sink.int(value);
      else encodeFloat(sink, value);
      return;
    case 'bigint':
      if (value >= 0n && value < 1n << 64n) return sink.head(0, value);
      if (value < 0n && value >= -(1n << 64n)) return sink.head(1, -1n - value);
      {
        // RFC 8949 §3.4.3 bignums: tag 2 (positive) or 3 (negative, -1 - n) around the magnitude.
        let n = value >= 0n ? value : -1n - value;
        const bytes: number[] = [];
        while (n > 0n) {
          bytes.unshift(Number(n & 0xffn));
          n >>= 8n;
        }
        sink.head(6, value >= 0n ? 2 : 3);
        sink.head(2, bytes.length);
        sink.raw(bytes);
      }
      return;
    case 'string':
      sink.text(value);
      return;
    case 'boolean':
      sink.byte(value ? 0xf5 : 0xf4);
      return;
    case 'undefined':
      sink.byte(0xf7);
      return;
    case 'object':
      if (value === null) sink.byte(0xf6);
      else if (value instanceof Uint8Array) sink.bytes(value); else if (Array.isArray(value)) {
        sink.head(4, value.length);
        for (const item of value) encodeInto(sink, item, depth + 1);
      } else if (value instanceof Map) encodeEntries(sink, [...value.entries()], depth);
      else if (value instanceof CborTag) {
        sink.head(6, typeof value.tag === 'bigint' ? value.tag : Number(value.tag));
        encodeInto(sink, value.contents, depth + 1);
      } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
        encodeEntries(sink, Object.entries(value), depth);
      } else throw new TypeError(`cannot encode ${(value as object).constructor?.name ?? 'object'} as CBOR`);
      return;
    default:
      throw new TypeError(`cannot encode a ${typeof value} as CBOR`);
  }
}

/** The sink encodings reuse; a nested call (a getter of the value encoding another) gets its own. */
let sharedSink: CborWriter | undefined = new CborWriter();

/** Deterministic encoding (RFC 8949 §4.2.1); throws TypeError for values CBOR cannot hold. */
export function encodeDeterministicCbor(value: unknown): Uint8Array {
  const sink = sharedSink ?? new CborWriter();
  sharedSink = undefined;
  sink.length = 0;
  try {
    encodeInto(sink, value, 0);
    return sink.buf.slice(0, sink.length);
  } finally {
    // A sink grown for a large value (a trust bundle) is not kept.
    sharedSink = sink.buf.length <= 1 << 16 ? sink : new CborWriter();
  }
}
