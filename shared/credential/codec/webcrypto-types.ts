// WebCrypto types for code compiled both without the DOM lib (shared/tsconfig.json: types come
// from @types/node's global `crypto`) and with it (the apps). Deriving them from the global keeps
// one spelling that fits both; importing 'node:crypto' types would tie the core to Node.
type Subtle = typeof globalThis.crypto.subtle;

export type CryptoKeyT = Awaited<ReturnType<Subtle['generateKey']>> extends infer K
  ? K extends { privateKey: infer P } ? P : never
  : never;
export interface CryptoKeyPairT {
  privateKey: CryptoKeyT;
  publicKey: CryptoKeyT;
}
export type SignAlgorithmT = Parameters<Subtle['sign']>[0];
export type ImportAlgorithmT = Parameters<Subtle['importKey']>[2];

/** The public members of a JSON Web Key (RFC 7517) that we read. */
export interface PublicJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  [member: string]: unknown;
}

/**
 * WebCrypto's BufferSource excludes views on SharedArrayBuffer, so TypeScript wants
 * Uint8Array<ArrayBuffer>. Ours always are; copy defensively if one is not.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
