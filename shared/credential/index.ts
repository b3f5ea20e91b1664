// Public API of the credential container (prefix, Base45, zlib, COSE, keys, scanned text: codec/).
// The layers above it are modules of their own that other parts import directly: the claims
// (claims/index.ts) and the buyer commitment (buyer-commitment.ts). QR images are Node-only and
// live with the CLI (cli/qr-image.ts).
export type { Alg, CoseProfile } from './codec/cose.ts';
export type { Es256Signer, SigningKey, VerifyKey } from './codec/keys.ts';
export type { Limits } from './codec/limits.ts';
export type { StageName, ContainerError, ContainerErrorCode } from './codec/errors.ts';
export type { OpenedCredential, OpenOptions } from './codec/container.ts';

export { DEFAULT_LIMITS } from './codec/limits.ts';
export { CONTAINER_MESSAGES } from './codec/errors.ts';
export { CC1_PREFIX, openCredential, verifyOpened, sealCredential, prepareSeal, finishSeal, finishSealBytes, SealArena, SealError } from './codec/container.ts';
export type { PreparedSeal, PrepareOptions } from './codec/container.ts';
export {
  generateSigningKey,
  kidFor,
  lowS,
  isLowS,
  kidForSpki,
  dccKidForCertificate,
  spkiFromCertificate,
  algForSpki,
  importVerifyKeySpki,
  importVerifyKeyCertificate,
  importVerifyKeyJwk,
} from './codec/keys.ts';
export { encodeBase45, decodeBase45 } from './codec/base45.ts';
export { hexOf } from './codec/hex.ts';
export { toVerifyUrl, parseScanned, parseFragment, encodeDigits, decodeDigits, SCAN_MESSAGES, DEFAULT_VERIFY_BASE, hostOfScan, hostSkeleton, unicodeHost, decodePunycodeLabel } from './codec/url.ts';
export type { ScannedHost, LookalikeWhy } from './codec/url.ts';
export type { ScanError, ScannedPayload } from './codec/url.ts';
export { toJsonView } from './json-view.ts';
export { inspectCredential, INSPECT_MESSAGES } from './inspect.ts';
export type { InspectReport, InspectOptions, StageReport } from './inspect.ts';
export type { JsonValue } from './json-view.ts';
