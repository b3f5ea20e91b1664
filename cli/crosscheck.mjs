#!/usr/bin/env node
// Entry point for `npx crosscheck …`. The CLI is TypeScript run through tsx's loader, so the
// same sources serve the apps (bundled by Vite) and the command line, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
