// `crosscheck` dispatcher. Each command is one file in ./commands/ whose name is the command's
// name; adding a file adds the command (refined-github's one-feature-one-file, applied to the CLI).
// The dispatch itself (help, errors, exit codes) is `runProgram`, which the tooling entry
// (test/harness/run.ts) shares with its own command table.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CliError, type CliCommand, type CliIo } from './io.ts';

/** A set of commands under one name: the merchant CLI, or the tooling harness. */
export interface Program {
  /** What errors and help print before the command name (`crosscheck`). */
  name: string;
  list(): Promise<string[]>;
  load(name: string): Promise<CliCommand | undefined>;
  /**
   * A command's one-line summary without loading its module, where the program knows it (the
   * built CLI does: cli/build.mjs); `help` falls back to loading the command.
   */
  summary?(name: string): Promise<string | undefined>;
}

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));

export async function listCommands(): Promise<string[]> {
  const files = await readdir(commandsDir);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .toSorted();
}

export async function loadCommand(name: string): Promise<CliCommand | undefined> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  if (!(await listCommands()).includes(name)) return undefined;
  const mod = (await import(`./commands/${name}.ts`)) as { command: CliCommand };
  return mod.command;
}

export const crosscheck: Program = { name: 'crosscheck', list: listCommands, load: loadCommand };

async function help(program: Program, io: CliIo, topic?: string): Promise<number> {
  if (topic) {
    const cmd = await program.load(topic);
    if (!cmd) throw new CliError(`unknown command "${topic}"; try: ${program.name} help`);
    io.stdout(`${cmd.usage.trim()}\n`);
    return 0;
  }
  const lines = [`usage: ${program.name} <command> [options]`, '', 'commands:'];
  const names = await program.list();
  const width = Math.max(10, ...names.map((n) => n.length + 1));
  for (const name of names) {
    const summary = (await program.summary?.(name)) ?? (await program.load(name))?.summary;
    lines.push(`  ${name.padEnd(width)} ${summary ?? ''}`);
  }
  lines.push('', `${program.name} help <command> shows its options.`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

export function processIo(): CliIo {
  return {
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    stdinStream: () => process.stdin,
    stdout: (text) => void process.stdout.write(text),
    stdoutBytes: (bytes) => void process.stdout.write(bytes),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

export async function runProgram(program: Program, argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') return await help(program, io, rest[0]);
    const cmd = await program.load(name);
    if (!cmd) throw new CliError(`unknown command "${name}"; try: ${program.name} help`);
    if (rest.includes('--help')) return await help(program, io, name);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`${program.name} ${name ?? ''}: ${e.message}\n`);
      return e.exitCode;
    }
    // Anything else is our bug; still one line, no stack trace unless asked for.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${program.name} ${name ?? ''}: internal error: ${message}\n`);
    if (io.env.CROSSCHECK_DEBUG) io.stderr(`${(e as Error)?.stack ?? ''}\n`);
    return 70;
  }
}

export function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(crosscheck, argv, io);
}
