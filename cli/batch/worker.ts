/* oxlint-disable unicorn/require-post-message-target-origin -- worker_threads ports have no target origin (that is window.postMessage) */
// A signing worker for `crosscheck issue --batch`: imports the key once, then turns chunks of
// claim lines into payloads. Messages: in { id, lines: string[] }, out { id, results: LineResult[] }.
// The key signs through node:crypto (OpenSSL, synchronously in this thread) as the core's async
// signer: WebCrypto would hand each signature to libuv's thread pool and back, which costs more
// than the signature on a busy machine. Same curve, same r‖s, the core normalises s as always.
import { createPrivateKey, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { PartyCodes } from '../../shared/credential/claims/index.ts';
import type { SigningKey } from '../../shared/credential/index.ts';
import type { PrivateJwkP256 } from '../keys/key-source.ts';
import { issueLine, type IssuableType } from './issue-line.ts';

export interface WorkerSetup {
  type: IssuableType;
  privateJwk: PrivateJwkP256;
  kid: Uint8Array;
  partyCodes?: PartyCodes;
}

const setup = workerData as WorkerSetup;
const privateKey = createPrivateKey({ key: setup.privateJwk, format: 'jwk' });
const key: SigningKey = {
  kid: setup.kid,
  alg: 'ES256',
  sign: async (data) => new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
};

parentPort!.on('message', async ({ id, lines }: { id: number; lines: string[] }) => {
  const results = [];
  for (const line of lines) results.push(await issueLine(setup.type, line, key, setup.partyCodes));
  parentPort!.postMessage({ id, results });
});
parentPort!.postMessage({ ready: true });
