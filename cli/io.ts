// What a command may touch: its arguments and three streams. Tests run commands in-process
// with in-memory streams; main.ts wires the real process streams.
export interface CliIo {
  /** Reads all of standard input as bytes. */
  readStdin(): Promise<Uint8Array>;
  /** Standard input as a stream, for commands whose memory must not grow with the input. */
  stdinStream?(): AsyncIterable<Uint8Array>;
  stdout(text: string): void;
  /** Binary output (a PNG, a zip) on standard output. */
  stdoutBytes(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** Working directory that relative paths resolve against. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** A usage or input error: printed as one line, exit code 2 unless given. Never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliCommand {
  /** One line for `crosscheck help`. */
  summary: string;
  /** Longer usage text for `crosscheck help NAME`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` (names listed in `booleans`).
 * Unknown flags are an error so that a typo never silently changes behaviour.
 */
export function parseArgs(args: string[], known: { values?: string[]; booleans?: string[] }): ParsedArgs {
  const values = new Set(known.values ?? []);
  const booleans = new Set(known.booleans ?? []);
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (booleans.has(name)) {
        if (eq !== -1) throw new CliError(`--${name} takes no value`);
        flags.set(name, true);
      } else if (values.has(name)) {
        const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        flags.set(name, value);
      } else {
        throw new CliError(`unknown option --${name}`);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { flags, positionals };
}

/** Reads FILE, or standard input when the argument is `-` or absent. */
export async function readInput(io: CliIo, file: string | undefined): Promise<Uint8Array> {
  if (file === undefined || file === '-') return io.readStdin();
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  try {
    return new Uint8Array(await readFile(resolve(io.cwd, file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'read error')}`);
  }
}

export async function readTextInput(io: CliIo, file: string | undefined): Promise<string> {
  const bytes = await readInput(io, file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file ?? 'stdin'}: not valid UTF-8 text`);
  }
}
