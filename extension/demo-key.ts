// The extension id of a build with a manifest `key` (Chrome: the first 128 bits of the SHA-256 of
// the public key's DER, written in the letters a–p), and the demo builds' key. The PWA's build
// asks these ids for the shared ledger (SYNC.md); build-time only (node:crypto).
import { createHash } from 'node:crypto';

/**
 * The public key of the demo and test builds (manifest `key`): it fixes their extension id to
 * DEMO_EXTENSION_ID, which the PWA's demo build asks for the shared ledger. Only a public key: an
 * unpacked extension needs no private key, and the store assigns its own id.
 */
export const DEMO_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsW9UYSp6LVNuX7suLzTNSDZurR35jqtQZBNZoB3fL+PpFGhmMznBOfNNdiuqQaz0H12ZN+e6gYD+Q0vLY8Lly7NH7x5SE0pTehcjhWDjth0hzXO68dkdkHvHyQkBpAATCg6/tWYc/j/aT5Ey1niy4Hrm3jcrmPVzbjAU+jyg5VFPjHK+7IkHap/z5raPIGj8rSFAnYvHhje1dxXwASsJzUmVexi1WFF+0gAI5mq5DdW+WJeF5BR9rB20Gg3Tmpj3p6gq4bLC6zuei7bKdj2brG8urV5MEj35dzaH7TB1T5jB1Qm/cDSZqksd3bMMTrZlFYrO13h7nTiwhHrZr7PrSQIDAQAB';

export function extensionIdOf(keyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export const DEMO_EXTENSION_ID = extensionIdOf(DEMO_EXTENSION_KEY);
