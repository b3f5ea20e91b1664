// An in-memory CliIo: commands run in-process in tests and in test fixtures (the extension tests'
// trust world, the merchant e2e fixture) without spawning a Node process. `runCli` runs the
// merchant CLI (`crosscheck`); `runHarness` the tooling commands (demo, start, bench, …).
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';
import { runHarness as harnessMain } from './run.ts';

export interface MemoryIo extends CliIo {
  out: string;
  err: string;
  /** Binary output written through stdoutBytes, in order. */
  bytes: Uint8Array[];
}

export function memoryIo(options: { stdin?: string | Uint8Array; cwd?: string; env?: Record<string, string | undefined> } = {}): MemoryIo {
  const stdin = typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array());
  const io: MemoryIo = {
    out: '',
    err: '',
    bytes: [],
    readStdin: async () => stdin,
    stdout: (t) => void (io.out += t),
    stdoutBytes: (b) => void io.bytes.push(b),
    stderr: (t) => void (io.err += t),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  return io;
}

type Entry = (argv: string[], io: CliIo) => Promise<number>;

async function captured(entry: Entry, args: string[], options: Parameters<typeof memoryIo>[0]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(options);
  const code = await entry(args, io);
  return { code, out: io.out, err: io.err };
}

async function succeeded(entry: Entry, label: string, args: string[], options: Parameters<typeof memoryIo>[0]): Promise<string> {
  const { code, out, err } = await captured(entry, args, options);
  if (code !== 0) throw new Error(`${label} ${args.join(' ')} exited ${code}: ${err.trim()}`);
  return out;
}

/** Runs `crosscheck ARGS…` in-process; returns the exit code and what it wrote, whatever the code. */
export function runCliCaptured(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<{ code: number; out: string; err: string }> {
  return captured(main, args, options);
}

/** Runs `crosscheck ARGS…` in-process; throws with stderr when it exits non-zero. */
export function runCli(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<string> {
  return succeeded(main, 'crosscheck', args, options);
}

/** Runs a tooling command (test/harness/run.ts ARGS…) in-process; returns the exit code and output. */
export function runHarnessCaptured(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<{ code: number; out: string; err: string }> {
  return captured(harnessMain, args, options);
}

/** Runs a tooling command in-process; throws with stderr when it exits non-zero. */
export function runHarness(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<string> {
  return succeeded(harnessMain, 'harness', args, options);
}
