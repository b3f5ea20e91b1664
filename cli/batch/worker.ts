/* oxlint-disable unicorn/require-post-message-target-origin -- worker_threads ports have no target origin (that is window.postMessage) */
// A signing worker for `crosscheck issue --batch`: imports the key once, then turns chunks of
// NDJSON bytes into payload lines. Messages: in { id, bytes } (whole lines, batch.ts cuts them),
// out { id, result: ChunkResult } (one output line per input line as bytes, errors by line index).
// The key signs through node:crypto (OpenSSL, synchronously in this thread): WebCrypto would hand
// each signature to libuv's thread pool and back, which costs more than the signature on a busy
// machine. Same curve, same r‖s; the core normalises s as always. Being synchronous, a line is
// sealed with no promise at all (issueChunkSync).
import { createPrivateKey, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { PartyCodes } from '../../shared/credential/claims/index.ts';
import type { PrivateJwkP256 } from '../keys/key-source.ts';
import { issueChunkSync, type IssuableType } from './issue-line.ts';

export interface WorkerSetup {
  type: IssuableType;
  privateJwk: PrivateJwkP256;
  kid: Uint8Array;
  partyCodes?: PartyCodes;
}

const setup = workerData as WorkerSetup;
const signOptions = { key: createPrivateKey({ key: setup.privateJwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' } as const;
const signSync = (data: Uint8Array): Uint8Array => sign('sha256', data, signOptions);

parentPort!.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  const result = issueChunkSync(setup.type, bytes, setup.kid, signSync, setup.partyCodes);
  // The output bytes are handed over, not copied.
  parentPort!.postMessage({ id, result }, [result.output.buffer]);
});
parentPort!.postMessage({ ready: true });
