// The hostile inputs every public decoder and parser is crossed with (hostile-input.test.ts).
// Everything is built from fixed seeds, so the test process and the worker that runs the cases
// build the same corpus and a failure replays by its name.
import { deflateSync } from 'node:zlib';
import { encodeBase45 } from '../../../shared/credential/index.ts';
import { seededRandom } from '../../harness/samples/seeded-random.ts';

/** Text as a decoder receives it; `bytes` when the raw bytes are not the UTF-8 of `text` (CLI stdin). */
export interface HostileText {
  text: string;
  bytes?: Uint8Array;
}

/** Built on demand: the case list needs only the names, the worker builds one input at a time. */
export type NamedText = [name: string, make: () => HostileText];

export function randomBytes(seed: number, size: number): Uint8Array {
  const next = seededRandom(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(next() * 256);
  return out;
}

/** Every byte as one character (what a careless reader of a binary file gets). */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Random UTF-16 code units, lone surrogates included. */
function randomUnits(seed: number, size: number): string {
  const next = seededRandom(seed);
  let out = '';
  for (let i = 0; i < size; i++) out += String.fromCharCode(Math.floor(next() * 0x10000));
  return out;
}

const TEN_MB = 10 * 1024 * 1024;
export const NESTING = 100_000;

/** `[[[…]]]` nested NESTING levels, balanced: valid JSON that a recursive reader overflows on. */
export const deepJson = () => `${'['.repeat(NESTING)}${']'.repeat(NESTING)}`;

/** Deep arrays made by deepArray, so hostileJson can write them as text without recursing. */
export const DEEP_ARRAYS = new WeakSet<object>();

/** The same, as a value (built without recursion). */
export function deepArray(levels = NESTING): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < levels; i++) value = [value];
  DEEP_ARRAYS.add(value);
  return value;
}

export const PROTO_JSON = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"polluted":"no"}';
export const HTML = '<script>alert(1)</script><img src=x onerror=alert(1)>"\'&';
export const LONE_SURROGATES = '\uD800a\uDFFFb\uDBFF';
export const CONTROLS = '\u0000\u0007\b\u001b[2J\u007f\u0085\u2028\u2029\u202E\uFEFF';

/** A zlib stream that inflates to `size` zero bytes: compressed, about size / 1000. */
function zlibBomb(size: number): Uint8Array {
  return new Uint8Array(deflateSync(Buffer.alloc(size), { level: 9 }));
}

/** CBOR: `depth` one-element arrays inside each other, around a 0. */
const nestedCbor = (depth: number) => [...new Uint8Array(depth).fill(0x81), 0x00];

const deflated = (bytes: Iterable<number>) => new Uint8Array(deflateSync(Buffer.from([...bytes])));

/** A credential text whose zlib body is `bytes`. */
const credentialOf = (compressed: Uint8Array, prefix = 'CC1:') => prefix + encodeBase45(compressed);

/** The texts a decoder of outside text (a scan, a file, stdin, a shop page) is given. */
export function hostileTexts(): NamedText[] {
  const t = (name: string, make: () => string): NamedText => [name, () => ({ text: make() })];
  const texts: NamedText[] = [t('empty', () => ''), t('whitespace', () => ' \t\r\n ')];
  for (const size of [1, 16, 300, 4296, 65_536]) {
    for (const seed of [1, 2]) {
      texts.push([
        `random bytes ${size} (seed ${seed})`,
        () => {
          const bytes = randomBytes(seed * 1000 + size, size);
          return { text: latin1(bytes), bytes };
        },
      ]);
    }
  }
  texts.push(t('random UTF-16 units 4296', () => randomUnits(7, 4296)));
  texts.push(t('oversized 10 MB', () => 'A'.repeat(TEN_MB)));
  texts.push(t('oversized 10 MB after the prefix', () => `CC1:${'0'.repeat(TEN_MB)}`));
  texts.push(t('oversized 10 MB of JSON', () => `{"a":"${'x'.repeat(TEN_MB)}"}`));
  texts.push(t('nested [ 100k, unclosed', () => '['.repeat(NESTING)));
  texts.push(t('nested [ 100k, balanced', deepJson));
  texts.push(t('nested {"a": 100k', () => `${'{"a":'.repeat(NESTING)}0${'}'.repeat(NESTING)}`));
  texts.push(t('__proto__ and constructor keys', () => PROTO_JSON));
  for (const [name, text] of [
    ['JSON null', 'null'],
    ['JSON true', 'true'],
    ['JSON 1e308', '1e308'],
    ['JSON 1e400 (Infinity)', '1e400'],
    ['JSON -0', '-0'],
    ['JSON 2^53+1', '9007199254740993'],
    ['JSON "NaN"', '"NaN"'],
    ['JSON []', '[]'],
    ['JSON {}', '{}'],
    ['JSON [null]', '[null]'],
    ['JSON objects with wrong types', '[{"a":null},{"b":[1]},{"c":{"d":-0}}]'],
  ] as const) {
    texts.push(t(name, () => text));
  }
  texts.push(t('HTML and script', () => HTML));
  texts.push(t('lone surrogates', () => LONE_SURROGATES));
  texts.push(t('control characters', () => CONTROLS));
  texts.push(t('NaN-ish words', () => 'NaN -0 Infinity 1e308 undefined null'));
  texts.push(['invalid UTF-8 bytes', () => ({ text: '\uFFFD', bytes: new Uint8Array([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xff, 0xfe]) })]);
  // Credential-shaped texts: each gets past one more stage of the container.
  texts.push(t('prefix only', () => 'CC1:'));
  texts.push(t('foreign prefix', () => `HC1:${encodeBase45(randomBytes(11, 64))}`));
  texts.push(t('prefix + Base45 of random bytes', () => credentialOf(randomBytes(12, 200))));
  texts.push(t('prefix + Base45 of a random zlib stream', () => credentialOf(deflated(randomBytes(13, 300)))));
  texts.push(t('zlib bomb (2.8 KB → 2.8 MB)', () => credentialOf(zlibBomb(2_800_000))));
  texts.push(t('zlib bomb for a bundle (64 KB → 64 MB)', () => credentialOf(zlibBomb(64 * 1024 * 1024))));
  texts.push(t('CBOR nested 60k arrays', () => credentialOf(deflated(nestedCbor(60_000)))));
  // COSE_Sign1 (tag 18), an array of 4 whose first byte string claims 2^64-1 bytes.
  texts.push(t('CBOR byte string of 2^64-1 bytes', () => credentialOf(deflated([0xd2, 0x84, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]))));
  texts.push(t('CBOR map of 2^32-1 entries', () => credentialOf(deflated([0xd2, 0x84, 0x40, 0xba, 0xff, 0xff, 0xff, 0xff, 0x40, 0x40]))));
  texts.push(t('CBOR indefinite lengths', () => credentialOf(deflated([0xd2, 0x9f, 0x5f, 0x41, 0x00, 0xff, 0xbf, 0xff, 0x5f, 0xff, 0x40, 0xff]))));
  texts.push(t('javascript: URL', () => 'javascript:alert(document.cookie)//CC1:'));
  texts.push(t('data: URL', () => `data:text/html,${HTML}`));
  texts.push(t('foreign https URL with digits', () => `https://evil.example/verify#CC1:${'9'.repeat(400)}`));
  texts.push(t('URL with HTML in the fragment', () => `http://localhost:4173/verify#CC1:${HTML}`));
  // Product barcodes (GS1): a Digital Link with a broken escape, HTML and a 10k-pair path; element
  // strings that end inside a fixed field, repeat an AI 2,000 times, or hide HTML in a batch.
  texts.push(t('GS1 Digital Link with a broken escape and HTML', () => `https://id.example/01/09520123456788/10/%E0%A4%A?17=${encodeURIComponent(HTML)}`));
  texts.push(t('GS1 Digital Link 10k path pairs', () => `https://id.example${'/10/A'.repeat(10_000)}/01/09520123456788`));
  texts.push(t('GS1 element string cut in a fixed field', () => ']d20109520123'));
  texts.push(t('GS1 element string 2,000 batches', () => `]d20109520123456788${'\x1d10A'.repeat(2_000)}`));
  texts.push(t('GS1 bracketed batch with HTML', () => `(01)09520123456788(10)${HTML}`));
  return texts;
}

/** A JSON value built from JSON text (so `__proto__` is an own key, as from any parsed file). */
export const json = (text: string): unknown => JSON.parse(text);

/**
 * Values put in place of a whole input, or of one field of a valid input: wrong types everywhere,
 * numbers at and past the edges, markup, broken Unicode, prototype keys, depth and size.
 */
export function hostileValues(): [string, () => unknown][] {
  return [
    ['null', () => null],
    ['undefined', () => undefined],
    ['true', () => true],
    ['0', () => 0],
    ['-0', () => -0],
    ['-1', () => -1],
    ['0.5', () => 0.5],
    ['1e308', () => 1e308],
    ['-1e308', () => -1e308],
    ['1e-9', () => 1e-9],
    ['smallest positive number (5e-324)', () => Number.MIN_VALUE],
    ['NaN', () => NaN],
    ['Infinity', () => Infinity],
    ['2^53+1 fen', () => 2 ** 53 + 1],
    ['2^64 bigint', () => 2n ** 64n],
    ['empty string', () => ''],
    ['HTML string', () => HTML],
    ['lone surrogates', () => LONE_SURROGATES],
    ['control characters', () => CONTROLS],
    ['"NaN"', () => 'NaN'],
    ['"-0"', () => '-0'],
    ['"1e308"', () => '1e308'],
    ['"9007199254740993"', () => '9007199254740993'],
    ['1 MB string', () => 'x'.repeat(1 << 20)],
    ['empty array', () => []],
    ['array of nulls', () => [null, null]],
    ['empty object', () => ({})],
    ['object with __proto__ and constructor keys', () => json(PROTO_JSON)],
    ['null-prototype object', () => Object.create(null) as object],
    ['byte string', () => new Uint8Array([0, 255, 60, 62])],
    ['Map with odd keys', () => new Map<unknown, unknown>([[NaN, 1], ['__proto__', { polluted: 'yes' }], [-0, [null]]])],
    ['array nested 100k deep', () => deepArray()],
    ['array of 100k zeros', () => Array.from({ length: 100_000 }, () => 0)],
  ];
}

/** The hostile values JSON text can carry, as JSON text (for files and stdin). */
export function hostileJsonTexts(): [string, string][] {
  return [
    ['null', 'null'],
    ['true', 'true'],
    ['-0', '-0'],
    ['-1', '-1'],
    ['0.5', '0.5'],
    ['1e308', '1e308'],
    ['1e400', '1e400'],
    ['1e-400', '1e-400'],
    ['2^53+1 fen', '9007199254740993'],
    ['empty string', '""'],
    ['HTML string', JSON.stringify(HTML)],
    ['lone surrogates (escaped)', '"\\ud800a\\udfffb"'],
    ['control characters', JSON.stringify(CONTROLS)],
    ['"NaN"', '"NaN"'],
    ['"-0"', '"-0"'],
    ['"9007199254740993"', '"9007199254740993"'],
    ['1 MB string', JSON.stringify('x'.repeat(1 << 20))],
    ['empty array', '[]'],
    ['empty object', '{}'],
    ['object with __proto__ and constructor keys', PROTO_JSON],
    ['array nested 100k deep', deepJson()],
  ];
}
