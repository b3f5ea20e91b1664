// The tooling entry: `npm start`, `npm run preview | package | demo | bench | fuzz | screenshots` run
// `node --import tsx test/harness/run.ts COMMAND …`. These commands build and serve the apps, make
// the demo world, benchmark and fuzz; they are not the merchant CLI (`crosscheck`, in cli/), which
// ships to merchants and may import the core only. Same dispatch, help and exit codes as the CLI.
import { pathToFileURL } from 'node:url';
import { processIo, runProgram, type Program } from '../../cli/main.ts';
import type { CliCommand, CliIo } from '../../cli/io.ts';
import { command as bench } from './commands/bench.ts';
import { command as demo } from './commands/demo.ts';
import { command as fuzz } from './commands/fuzz.ts';
import { command as packageCommand } from './commands/package.ts';
import { command as preview } from './commands/preview.ts';
import { command as screenshots } from './commands/screenshots.ts';
import { command as start } from './commands/start.ts';

const COMMANDS: Record<string, CliCommand> = { bench, demo, fuzz, package: packageCommand, preview, screenshots, start };

export const harness: Program = {
  name: 'harness',
  list: async () => Object.keys(COMMANDS).toSorted(),
  load: async (name) => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined),
};

export function runHarness(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(harness, argv, io);
}

// Not a top-level await: a command that loads a module importing this one (screenshots → the
// merchant fixture → memory-io.ts → here) would wait for this module to finish evaluating, which
// waits for the command: a deadlock Node ends with exit code 13 and no message.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runHarness(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
