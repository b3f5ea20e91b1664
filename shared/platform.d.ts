// The standard globals the core uses, and only those. shared/tsconfig.json compiles the core with
// `types: []` and lib ES2023 (no DOM, no Node), so a core module that reaches for anything else
// (document, process, Buffer, fetch, setTimeout …) fails to compile. Every name here is a web
// standard that Node 20 and every browser provide with the same meaning; the declarations are
// the subset of lib.dom.d.ts the core calls. Apps and tools compile against the full DOM or Node
// types instead (the root tsconfig excludes this file).

// ---- WebCrypto (credential/codec/keys.ts, codec/container.ts, buyer-commitment.ts): ES256/RS256/EdDSA, HMAC, SHA-256.
type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;
type KeyUsage = 'sign' | 'verify' | 'encrypt' | 'decrypt' | 'deriveKey' | 'deriveBits' | 'wrapKey' | 'unwrapKey';
type KeyFormat = 'jwk' | 'pkcs8' | 'raw' | 'spki';
type KeyType = 'private' | 'public' | 'secret';

interface Algorithm {
  name: string;
}
type AlgorithmIdentifier = Algorithm | string;
type HashAlgorithmIdentifier = AlgorithmIdentifier;
interface EcKeyGenParams extends Algorithm {
  namedCurve: string;
}
interface EcKeyImportParams extends Algorithm {
  namedCurve: string;
}
interface EcdsaParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
}
interface HmacImportParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
  length?: number;
}
interface RsaHashedImportParams extends Algorithm {
  hash: HashAlgorithmIdentifier;
}
interface RsaPssParams extends Algorithm {
  saltLength: number;
}
type ImportAlgorithm = AlgorithmIdentifier | EcKeyImportParams | HmacImportParams | RsaHashedImportParams;
type SignAlgorithm = AlgorithmIdentifier | EcdsaParams | RsaPssParams;

interface KeyAlgorithm {
  name: string;
}

interface JsonWebKey {
  alg?: string;
  crv?: string;
  d?: string;
  e?: string;
  ext?: boolean;
  k?: string;
  key_ops?: string[];
  kty?: string;
  n?: string;
  x?: string;
  y?: string;
}

interface CryptoKey {
  readonly algorithm: KeyAlgorithm;
  readonly extractable: boolean;
  readonly type: KeyType;
  readonly usages: KeyUsage[];
}

interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

interface SubtleCrypto {
  digest(algorithm: AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer>;
  exportKey(format: 'jwk', key: CryptoKey): Promise<JsonWebKey>;
  exportKey(format: Exclude<KeyFormat, 'jwk'>, key: CryptoKey): Promise<ArrayBuffer>;
  generateKey(algorithm: AlgorithmIdentifier | EcKeyGenParams, extractable: boolean, keyUsages: readonly KeyUsage[]): Promise<CryptoKeyPair | CryptoKey>;
  importKey(format: 'jwk', keyData: JsonWebKey, algorithm: ImportAlgorithm, extractable: boolean, keyUsages: readonly KeyUsage[]): Promise<CryptoKey>;
  importKey(format: Exclude<KeyFormat, 'jwk'>, keyData: BufferSource, algorithm: ImportAlgorithm, extractable: boolean, keyUsages: KeyUsage[]): Promise<CryptoKey>;
  sign(algorithm: SignAlgorithm, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: SignAlgorithm, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
}

interface Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
}
declare var crypto: Crypto;

// ---- Encoding (cbor-strict.ts, cose.ts, ledger/format.ts, screen/stream.ts …).
interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string;
}
type AllowSharedBufferSource = ArrayBufferLike | ArrayBufferView;
declare var TextDecoder: { prototype: TextDecoder; new (label?: string, options?: TextDecoderOptions): TextDecoder };

// ---- URL (credential/codec/url.ts, credential/claims/, verdict/page.ts): parsing scanned links,
// origins, and marketplace item ids from a page's query.
interface URLSearchParams {
  get(name: string): string | null;
}
interface URL {
  readonly searchParams: URLSearchParams;
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
}
declare var URL: { prototype: URL; new (url: string | URL, base?: string | URL): URL };

// ---- Streams and (De)CompressionStream (credential/codec/zlib.ts: the platform's deflate).
interface ReadableStreamReadDoneResult<T> {
  done: true;
  value: T | undefined;
}
interface ReadableStreamReadValueResult<T> {
  done: false;
  value: T;
}
interface ReadableStreamDefaultReader<R> {
  read(): Promise<ReadableStreamReadDoneResult<R> | ReadableStreamReadValueResult<R>>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}
interface ReadableStreamDefaultController<R> {
  close(): void;
  enqueue(chunk: R): void;
  error(e?: unknown): void;
}
interface UnderlyingDefaultSource<R> {
  start?(controller: ReadableStreamDefaultController<R>): void | PromiseLike<void>;
  pull?(controller: ReadableStreamDefaultController<R>): void | PromiseLike<void>;
  cancel?(reason?: unknown): void | PromiseLike<void>;
}
interface ReadableWritablePair<T, W> {
  readable: ReadableStream<T>;
  writable: WritableStream<W>;
}
interface ReadableStream<R = unknown> {
  getReader(): ReadableStreamDefaultReader<R>;
  pipeThrough<T>(transform: ReadableWritablePair<T, R>): ReadableStream<T>;
  cancel(reason?: unknown): Promise<void>;
}
declare var ReadableStream: { prototype: ReadableStream; new <R = unknown>(source?: UnderlyingDefaultSource<R>): ReadableStream<R> };
interface WritableStream<W = unknown> {
  readonly locked: boolean;
  abort(reason?: unknown): Promise<void>;
  close(): Promise<void>;
}
interface TransformStream<I = unknown, O = unknown> {
  readonly readable: ReadableStream<O>;
  readonly writable: WritableStream<I>;
}
type CompressionFormat = 'deflate' | 'deflate-raw' | 'gzip';
interface CompressionStream extends TransformStream<BufferSource, Uint8Array<ArrayBuffer>> {}
declare var CompressionStream: { prototype: CompressionStream; new (format: CompressionFormat): CompressionStream };
interface DecompressionStream extends TransformStream<BufferSource, Uint8Array<ArrayBuffer>> {}
declare var DecompressionStream: { prototype: DecompressionStream; new (format: CompressionFormat): DecompressionStream };
