/* oxlint-disable unicorn/require-post-message-target-origin -- worker_threads ports have no target origin (that is window.postMessage) */
// `crosscheck issue TYPE --batch [FILE|-]`: claims as NDJSON in, one payload per line out, in input
// order. Signing runs on worker threads (one per core by default) for a key file; an HSM key signs
// in this thread, one operation at a time on its session (the token is the limit there).
//
// Output line N is input line N: a line that fails leaves an empty output line and `line N: …` on
// standard error, and the batch goes on. Lines are written whole, in order, as soon as every line
// before them is done, in synchronous writes of whole lines (process.stdout is synchronous for
// files and pipes on Linux) of at most PIPE_BUF bytes, which a pipe takes atomically, so a batch
// that is interrupted leaves only complete lines behind it.
//
// This thread only cuts the input into chunks of whole lines, as bytes, and writes what comes
// back: a worker decodes and splits a chunk and hands back its output lines as bytes in one
// transferred buffer. Issue 14 asks the whole batch to cost ≤ 1.25 signatures of CPU per line;
// strings per line through this thread (split here, cloned to a worker, cloned back, written one
// by one) cost ~25 µs a line, a third of a signature.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PartyCodes } from '../../shared/credential/claims/index.ts';
import type { CliIo } from '../io.ts';
import type { KeySource } from '../keys/key-source.ts';
import type { ChunkResult, IssuableType } from './issue-line.ts';
import type { WorkerSetup } from './worker.ts';

/** Bytes per message to a worker (~60 parcel lines): enough to make messaging cheap beside signing. */
const CHUNK_BYTES = 24 * 1024;
/** Chunks in flight per worker: one being signed, one queued behind it. */
const IN_FLIGHT_PER_WORKER = 2;
/** The most bytes one write takes: POSIX PIPE_BUF on Linux, what a pipe writes atomically. */
const WRITE_MAX = 4096;

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

const NEWLINE = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Cuts a byte stream into chunks of whole lines of about CHUNK_BYTES (the last one may lack its
 * newline), each a copy of its own. A UTF-8 byte-order mark at the start is dropped, as a
 * TextDecoder reading the stream would.
 */
async function* chunksOf(input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let pending = new Uint8Array(0); // bytes after the last newline so far
  let atStart = true;
  for await (const read of input) {
    // A plain view, whatever the stream gives (a Buffer's slice() would be a view, not a copy).
    let data = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    if (pending.length > 0) {
      data = new Uint8Array(pending.length + read.length);
      data.set(pending);
      data.set(read, pending.length);
    }
    if (atStart) {
      // A mark split across reads is seen once its three bytes have arrived (they hold no newline).
      if (data.length < BOM.length && BOM.slice(0, data.length).every((b, i) => data[i] === b)) {
        pending = data.slice();
        continue;
      }
      atStart = false;
      if (BOM.every((b, i) => data[i] === b)) data = data.subarray(BOM.length);
    }
    const last = data.lastIndexOf(NEWLINE);
    let start = 0;
    while (start <= last) {
      const end = start + CHUNK_BYTES <= last ? data.indexOf(NEWLINE, start + CHUNK_BYTES - 1) + 1 : last + 1;
      yield data.slice(start, end);
      start = end;
    }
    pending = data.slice(last + 1);
  }
  if (pending.length > 0) yield pending;
}

interface Signer {
  run(chunk: Uint8Array<ArrayBuffer>): Promise<ChunkResult>;
  capacity: number;
  close(): Promise<void>;
}

async function inThread(opts: BatchOptions): Promise<Signer> {
  // Imported here only: with workers this thread validates and seals nothing (worker.ts does).
  const { chunkResult, issueLine, linesOf } = await import('./issue-line.ts');
  return {
    capacity: 4,
    run: async (chunk) => chunkResult(await Promise.all(linesOf(chunk).map((line) => issueLine(opts.type, line, opts.key.key, opts.partyCodes)))),
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
  const pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void; worker: number }>();
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
          worker.on('message', (message: { ready?: true; id?: number; result?: ChunkResult }) => {
            if (message.ready) return resolveReady(worker);
            const p = pending.get(message.id!);
            if (!p) return;
            pending.delete(message.id!);
            load[index]!--;
            p.resolve(message.result!);
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
        // The chunk is a copy of its own (chunksOf): handed over, not copied again.
        workers[index]!.postMessage({ id, bytes: chunk }, [chunk.buffer]);
      });
    },
    close: async () => void (await Promise.all(workers.map((w) => w.terminate()))),
  };
}

const ascii = new TextDecoder();

/** Writes text[from, to), whole lines, in writes of whole lines of at most WRITE_MAX bytes (a longer line alone). */
function writeLines(io: CliIo, text: string, from: number, to: number): void {
  while (from < to) {
    let end = to;
    if (end - from > WRITE_MAX) {
      end = text.lastIndexOf('\n', from + WRITE_MAX - 1) + 1;
      if (end <= from) end = text.indexOf('\n', from) + 1;
    }
    io.stdout(from === 0 && end === text.length ? text : text.slice(from, end));
    from = end;
  }
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function issueBatch(opts: BatchOptions): Promise<BatchSummary> {
  const { io } = opts;
  const count = opts.key.kind === 'file' ? (opts.workers ?? defaultWorkers()) : 0;
  const signer = count > 0 ? await workerPool(opts, count) : await inThread(opts);
  const summary: BatchSummary = { lines: 0, issued: 0, failed: 0, workers: count };
  // A chunk's output, after every earlier chunk's: its lines up to each failed one, then that
  // line's `line N:` on standard error, and so on.
  const write = (result: ChunkResult) => {
    const first = summary.lines + 1;
    const text = ascii.decode(result.output);
    let from = 0;
    let passed = 0; // output lines before `from`
    for (const [index, message] of result.errors) {
      let to = from;
      for (; passed <= index; passed++) to = text.indexOf('\n', to) + 1;
      writeLines(io, text, from, to);
      from = to;
      io.stderr(`line ${first + index}: ${message}\n`);
    }
    writeLines(io, text, from, text.length);
    summary.lines += result.lines;
    summary.issued += result.issued;
    summary.failed += result.errors.length;
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
          if (!broken) write(await signed);
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
