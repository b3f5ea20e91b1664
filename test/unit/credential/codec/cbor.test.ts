import { describe, expect, it } from 'vitest';
import { decode, encode } from 'cbor2';
import { CborTag } from '../../../../shared/credential/codec/cbor-tag.ts';
import { decodeStrictCbor, encodeDeterministicCbor, scanStrictCbor } from '../../../../shared/credential/codec/cbor-strict.ts';
import { DEFAULT_LIMITS } from '../../../../shared/credential/codec/limits.ts';

const bytes = (h: string) => new Uint8Array(Buffer.from(h.replaceAll(' ', ''), 'hex'));
const nested = (depth: number) => `${'81'.repeat(depth)}00`;
const wrap = (depth: number): unknown => (depth === 0 ? 0 : [wrap(depth - 1)]);

/** Random JSON-like, binary and tagged values for differential tests against cbor2. */
function randomValues(seedValue: number): () => unknown {
  let seed = seedValue;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const int = (n: number) => Math.floor(rnd() * n);
  const leaf = (): unknown =>
    [
      () => int(30),
      () => int(2 ** 31) * (rnd() < 0.5 ? -1 : 1),
      () => BigInt(2 ** 53) * BigInt(1 + int(1000)) * (rnd() < 0.5 ? -1n : 1n),
      () => [0.5, 1.5, -2.25, 65504, 1e-7, 0.1, 1e300, Number.POSITIVE_INFINITY, Number.NaN, -0][int(10)],
      () => ['', 'a', '跨境', '\u{1f4e6} parcel', 'x'.repeat(300)][int(5)],
      () => Uint8Array.from({ length: int(40) }, () => int(256)),
      () => [true, false, null][int(3)],
    ][int(7)]!();
  const value = (depth: number): unknown => {
    if (depth > 4 || rnd() < 0.4) return leaf();
    switch (int(4)) {
      case 0:
        return Array.from({ length: int(5) }, () => value(depth + 1));
      case 1:
        return new Map(Array.from({ length: int(5) }, (_, i) => [i * 7 - 10, value(depth + 1)]));
      case 2:
        return Object.fromEntries(Array.from({ length: int(5) }, (_, i) => [`k${i}`, value(depth + 1)]));
      default:
        return new CborTag(int(100) + 6, value(depth + 1));
    }
  };
  return () => value(0);
}

describe('strict CBOR', () => {
  it.each([
    ['integer 0', '00', 0],
    ['integer 23', '17', 23],
    ['integer 24', '1818', 24],
    ['integer 65536', '1a00010000', 65536],
    ['negative', '3903e7', -1000],
    ['text', '6161', 'a'],
    ['bytes', '420102', Uint8Array.of(1, 2)],
    ['float16 1.5', 'f93e00', 1.5],
    ['float32 100000.0', 'fa47c35000', 100000],
    ['float64 1.1', 'fb3ff199999999999a', 1.1],
    ['false/true/null', '83f4f5f6', [false, true, null]],
    ['text-keyed map', 'a1616101', { a: 1 }],
    ['16 nested arrays (the depth limit)', nested(16), wrap(16)],
  ])('accepts %s', (_name, hex, value) => {
    expect(decodeStrictCbor(bytes(hex), DEFAULT_LIMITS, 'cbor')).toEqual({ ok: true, value });
  });

  it.each([
    ['empty', '', 'cbor-truncated'],
    ['cut string', '6361', 'cbor-truncated'],
    ['array longer than the data', '8500', 'cbor-truncated'],
    ['array declaring 2^31 items', '9a7fffffff00', 'cbor-too-many-items'],
    ['trailing byte', '0000', 'cbor-trailing-bytes'],
    ['indefinite array', '9f01ff', 'cbor-indefinite-length'],
    ['indefinite text', '7f6161ff', 'cbor-indefinite-length'],
    ['indefinite map', 'bf0101ff', 'cbor-indefinite-length'],
    ['lone break', 'ff', 'cbor-malformed'],
    ['reserved info 28', '1c', 'cbor-malformed'],
    ['indefinite integer', '1f', 'cbor-malformed'],
    ['simple in two bytes below 32', 'f810', 'cbor-malformed'],
    ['1 in two bytes', '1801', 'cbor-non-minimal'],
    ['255 in three bytes', '1900ff', 'cbor-non-minimal'],
    ['65535 in five bytes', '1a0000ffff', 'cbor-non-minimal'],
    ['2^32-1 in nine bytes', '1b00000000ffffffff', 'cbor-non-minimal'],
    ['length 1 in two bytes', '580101', 'cbor-non-minimal'],
    ['1.5 as float32', 'fa3fc00000', 'cbor-non-minimal'],
    ['1.5 as float64', 'fb3ff8000000000000', 'cbor-non-minimal'],
    ['NaN as float64', 'fb7ff8000000000000', 'cbor-non-minimal'],
    ['duplicate integer key', 'a2010101 02', 'cbor-duplicate-key'],
    ['duplicate text key', 'a2616101616102', 'cbor-duplicate-key'],
    ['float key 1.0 (would read as key 1)', 'a1f93c0001', 'cbor-invalid-key'],
    ['float32 key 1.1', 'a1fa3f8ccccd01', 'cbor-invalid-key'],
    ['float64 key 0.1', 'a1fb3fb999999999999a01', 'cbor-invalid-key'],
    ['float key after an integer key', 'a20101f9400002', 'cbor-invalid-key'],
    ['byte string key', 'a1410101', 'cbor-invalid-key'],
    ['array key', 'a1800101', 'cbor-invalid-key'],
    ['map key', 'a1a001', 'cbor-invalid-key'],
    ['tagged key', 'a1c10101', 'cbor-invalid-key'],
    ['true as key', 'a1f501', 'cbor-invalid-key'],
    ['null as key', 'a1f601', 'cbor-invalid-key'],
    ['invalid UTF-8', '62fffe', 'cbor-invalid-utf8'],
    ['lone surrogate in UTF-8', '63eda080', 'cbor-invalid-utf8'],
    ['undefined', 'f7', 'cbor-unsupported-value'],
    ['simple value 0', 'e0', 'cbor-unsupported-value'],
    ['simple value 255', 'f8ff', 'cbor-unsupported-value'],
    ['17 nested arrays', nested(17), 'cbor-too-deep'],
    ['tags nested 17 deep', `${'c1'.repeat(17)}00`, 'cbor-too-deep'],
    ['5,000 items', `991388${'00'.repeat(5000)}`, 'cbor-too-many-items'],
    ['a map declaring 2^31 pairs', 'ba7fffffff', 'cbor-too-many-items'],
  ])('rejects %s with %s', (_name, hex, code) => {
    const r = decodeStrictCbor(bytes(hex), DEFAULT_LIMITS, 'cbor');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.stage, r.error.code]).toEqual(['cbor', code]);
  });

  it('counts items against a custom bound', () => {
    expect(scanStrictCbor(bytes('83010203'), { maxCborDepth: 4, maxCborItems: 4 }, 'cbor')).toEqual({ ok: true, value: 4 });
    const r = scanStrictCbor(bytes('8401020304'), { maxCborDepth: 4, maxCborItems: 4 }, 'cose');
    expect(!r.ok && [r.error.stage, r.error.code]).toEqual(['cose', 'cbor-too-many-items']);
  });

  it('keeps tags as data and "__proto__" as an ordinary key', () => {
    const r = decodeStrictCbor(bytes('a2 695f5f70726f746f5f5f 01 6161 c11a5f5e1000'), DEFAULT_LIMITS, 'cbor');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value.a).toBeInstanceOf(CborTag); // tag 1 (epoch date) is not turned into a Date
  });

  it('encodes deterministically: sorted keys, shortest forms', () => {
    const a = encodeDeterministicCbor(new Map<number, unknown>([[4, 'x'], [1, -7], [-1, 1.5]]));
    expect(Buffer.from(a).toString('hex')).toBe('a30126046178 20f93e00'.replaceAll(' ', ''));
    expect(scanStrictCbor(a, DEFAULT_LIMITS, 'cbor').ok).toBe(true);
  });

  it('agrees with cbor2 on 1,000 random valid documents (cbor2 as the oracle)', () => {
    const next = randomValues(99);
    for (let n = 0; n < 1000; n++) {
      const encoded = encode(next(), { cde: true });
      const ours = decodeStrictCbor(encoded, DEFAULT_LIMITS, 'cbor');
      expect(ours.ok).toBe(true);
      if (ours.ok) expect(ours.value).toEqual(decode(encoded, { ignoreGlobalTags: true }));
    }
  }, 30_000);

  it('encodes exactly like cbor2 in deterministic (cde) mode on 1,000 random values', () => {
    const next = randomValues(7);
    for (let n = 0; n < 1000; n++) {
      const v = next();
      expect(Buffer.from(encodeDeterministicCbor(v)).toString('hex')).toBe(Buffer.from(encode(v, { cde: true })).toString('hex'));
    }
    for (const v of [2 ** 53, -(2 ** 53), 1n << 70n, -(1n << 70n), -0, 5.960464477539063e-8, 65504, 65520, 1 / 3, new CborTag(1n << 40n, 0)]) {
      expect(Buffer.from(encodeDeterministicCbor(v)).toString('hex')).toBe(Buffer.from(encode(v, { cde: true })).toString('hex'));
    }
  }, 30_000);

  it('refuses values CBOR cannot hold', () => {
    expect(() => encodeDeterministicCbor(new Date())).toThrow(TypeError);
    expect(() => encodeDeterministicCbor(() => 1)).toThrow(TypeError);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => encodeDeterministicCbor(cyclic)).toThrow(TypeError);
  });
});
