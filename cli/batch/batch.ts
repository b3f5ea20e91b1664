/* oxlint-disable unicorn/require-post-message-target-origin -- worker_threads ports have no target origin (that is window.postMessage) */
// `crosscheck issue TYPE --batch [FILE|-]`: claims as NDJSON in, one payload per line out, in input
// order. Signing runs on worker threads (one per core by default) for a key file; an HSM key signs
// in this thread, one operation at a time on its session (the token is the limit there).
//
// Output line N is input line N: a line that fails leaves an empty output line and `line N: …` on
// standard error, and the batch goes on. Lines are written whole, in order, as soon as every line
// before them is done, each in one synchronous write (process.stdout is synchronous for files and
// pipes on Linux), so a batch that is interrupted leaves only complete lines behind it.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PartyCodes } from '../../shared/credential/claims/index.ts';
import type { CliIo } from '../io.ts';
import type { KeySource } from '../keys/key-source.ts';
import { issueLine, type IssuableType, type LineResult } from './issue-line.ts';
import type { WorkerSetup } from './worker.ts';

/** Lines per message to a worker: enough to make messaging cheap beside signing. */
const CHUNK_LINES = 64;
/** Chunks in flight per worker: one being signed, one queued behind it. */
const IN_FLIGHT_PER_WORKER = 2;

export interface BatchOptions {
  type: IssuableType;
  key: KeySource;
  partyCodes?: PartyCodes;
  /** Worker threads for a key file; default one per core. */
  workers?: number;
  input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  io: CliIo;
}

export interface BatchSummary {
  lines: number;
  issued: number;
  failed: number;
  workers: number;
}

interface Chunk {
  first: number; // line number of lines[0], from 1
  lines: string[];
}

/** Splits a byte stream into lines (LF or CRLF), grouped per read so a slow writer is not kept waiting. */
async function* chunksOf(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Chunk> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let next = 1;
  for await (const bytes of input) {
    const text = rest + decoder.decode(bytes, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (let i = 0; i < lines.length; i += CHUNK_LINES) {
      const group = lines.slice(i, i + CHUNK_LINES).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      yield { first: next, lines: group };
      next += group.length;
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield { first: next, lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest] };
}

interface Signer {
  run(chunk: Chunk): Promise<LineResult[]>;
  capacity: number;
  close(): Promise<void>;
}

function inThread(opts: BatchOptions): Signer {
  return {
    capacity: 4,
    run: (chunk) => Promise.all(chunk.lines.map((line) => issueLine(opts.type, line, opts.key.key, opts.partyCodes))),
    close: async () => undefined,
  };
}

async function workerPool(opts: BatchOptions, count: number): Promise<Signer> {
  const setup: WorkerSetup = {
    type: opts.type,
    privateJwk: opts.key.privateJwk!,
    kid: opts.key.key.kid,
    ...(opts.partyCodes && { partyCodes: opts.partyCodes }),
  };
  const entry = new URL('./worker.mjs', import.meta.url);
  const pending = new Map<number, { resolve: (r: LineResult[]) => void; reject: (e: Error) => void; worker: number }>();
  const load = Array.from({ length: count }, () => 0);
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const workers = await Promise.all(
    Array.from(
      { length: count },
      (_, index) =>
        new Promise<Worker>((resolveReady, rejectReady) => {
          const worker = new Worker(entry, { workerData: setup });
          worker.on('message', (message: { ready?: true; id?: number; results?: LineResult[] }) => {
            if (message.ready) return resolveReady(worker);
            const p = pending.get(message.id!);
            if (!p) return;
            pending.delete(message.id!);
            load[index]!--;
            p.resolve(message.results!);
          });
          worker.on('error', (e) => {
            rejectReady(e);
            fail(e);
          });
          worker.on('exit', (code) => {
            if (code !== 0) fail(new Error(`a signing worker stopped (exit ${code})`));
          });
        }),
    ),
  );
  let nextId = 0;
  return {
    capacity: count * IN_FLIGHT_PER_WORKER,
    run(chunk) {
      if (failure) return Promise.reject(failure);
      const index = load.indexOf(Math.min(...load));
      load[index]!++;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, worker: index });
        workers[index]!.postMessage({ id, lines: chunk.lines });
      });
    },
    close: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function issueBatch(opts: BatchOptions): Promise<BatchSummary> {
  const { io } = opts;
  const count = opts.key.kind === 'file' ? (opts.workers ?? defaultWorkers()) : 0;
  const signer = count > 0 ? await workerPool(opts, count) : inThread(opts);
  const summary: BatchSummary = { lines: 0, issued: 0, failed: 0, workers: count };
  const write = (chunk: Chunk, results: LineResult[]) => {
    results.forEach((result, i) => {
      summary.lines++;
      if ('payload' in result) {
        summary.issued++;
        io.stdout(`${result.payload}\n`);
      } else {
        io.stdout('\n');
        if ('error' in result) {
          summary.failed++;
          io.stderr(`line ${chunk.first + i}: ${result.error}\n`);
        }
      }
    });
  };
  // Chunks are handed out as they are read; results are written strictly in input order, each
  // as soon as all earlier chunks are written. At most `capacity` chunks wait at any time.
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let writing: Promise<void> = Promise.resolve();
  let broken: { error: unknown } | undefined;
  // `inFlight` and `broken` change in the writing chain while the reader waits.
  const full = () => inFlight >= signer.capacity && broken === undefined;
  try {
    for await (const chunk of chunksOf(opts.input)) {
      while (full()) await new Promise<void>((r) => (wake = r));
      if (broken) break;
      inFlight++;
      const signed = signer.run(chunk);
      signed.catch(() => undefined); // awaited in order below
      writing = writing.then(async () => {
        try {
          if (!broken) write(chunk, await signed);
        } catch (error) {
          broken ??= { error };
        } finally {
          inFlight--;
          wake?.();
          wake = undefined;
        }
      });
    }
    await writing;
  } finally {
    await signer.close();
  }
  if (broken) throw broken.error;
  return summary;
}
