// An in-memory CliIo: commands run in-process in tests and in test fixtures (the extension tests'
// trust world, the merchant e2e fixture) without spawning a Node process.
import { main } from './main.ts';
import type { CliIo } from './io.ts';

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

/** Runs `crosscheck ARGS…` in-process; returns the exit code and what it wrote, whatever the code. */
export async function runCliCaptured(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(options);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** Runs `crosscheck ARGS…` in-process; throws with stderr when it exits non-zero. */
export async function runCli(args: string[], options: Parameters<typeof memoryIo>[0] = {}): Promise<string> {
  const { code, out, err } = await runCliCaptured(args, options);
  if (code !== 0) throw new Error(`crosscheck ${args.join(' ')} exited ${code}: ${err.trim()}`);
  return out;
}
