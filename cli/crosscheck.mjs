#!/usr/bin/env node
// Entry point for `npx crosscheck …`. Runs the bundle in dist/cli/ (cli/build.mjs, made by
// `npm ci`/`npm install` and `npm run build:cli`) when it is at least as new as every source
// file that went into it, so `crosscheck help` starts in a fraction of the tsx loader's time;
// otherwise (no build, or a source edited since) the TypeScript sources run through tsx, so a
// change is never hidden by an old build. CROSSCHECK_TSX=1 forces the sources.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function freshBuild() {
  if (process.env.CROSSCHECK_TSX) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(new URL('dist/cli/build.json', root), 'utf8'));
    for (const input of manifest.inputs) {
      if (statSync(new URL(input, root)).mtimeMs > manifest.builtAt) return undefined;
    }
    return new URL('dist/cli/crosscheck.mjs', root);
  } catch {
    return undefined; // no build, or a source it was made from is gone
  }
}

const built = freshBuild();
let main;
if (built) {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
