// `npm run screenshots`: the README's pictures from the real UI in headless Chromium
// (test/e2e/screenshots.ts). Needs the demo world and the built app (npm start makes both).
import { CliError, parseArgs, type CliCommand } from '../../../cli/io.ts';

export const command: CliCommand = {
  summary: 'write the README screenshots (test/screenshots/*.png) from the real UI',
  usage: `usage: npm run screenshots

Starts the demo store, the built app and the extension in headless Chromium and writes
test/screenshots/*.png. Needs the demo world and the built app (npm start makes both).`,
  async run(args, io) {
    const { positionals } = parseArgs(args, {});
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`);
    const { takeScreenshots } = await import('../../e2e/screenshots.ts');
    await takeScreenshots((line) => io.stdout(`${line}\n`));
    return 0;
  },
};
