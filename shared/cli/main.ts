// `crosscheck` dispatcher. Each command is one file in ./commands/ whose name is the command's
// name; adding a file adds the command (refined-github's one-feature-one-file, applied to the CLI).
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CliError, type CliCommand, type CliIo } from './io.ts';

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

async function help(io: CliIo, topic?: string): Promise<number> {
  if (topic) {
    const cmd = await loadCommand(topic);
    if (!cmd) throw new CliError(`unknown command "${topic}"; try: crosscheck help`);
    io.stdout(`${cmd.usage.trim()}\n`);
    return 0;
  }
  const lines = ['usage: crosscheck <command> [options]', '', 'commands:'];
  for (const name of await listCommands()) {
    const cmd = await loadCommand(name);
    lines.push(`  ${name.padEnd(10)} ${cmd?.summary ?? ''}`);
  }
  lines.push('', 'crosscheck help <command> shows its options.');
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

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') return await help(io, rest[0]);
    const cmd = await loadCommand(name);
    if (!cmd) throw new CliError(`unknown command "${name}"; try: crosscheck help`);
    if (rest.includes('--help')) return await help(io, name);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`crosscheck ${name ?? ''}: ${e.message}\n`);
      return e.exitCode;
    }
    // Anything else is our bug; still one line, no stack trace unless asked for.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`crosscheck ${name ?? ''}: internal error: ${message}\n`);
    if (io.env.CROSSCHECK_DEBUG) io.stderr(`${(e as Error)?.stack ?? ''}\n`);
    return 70;
  }
}
