import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Separate from vite.config.ts: that file branches per app (pwa | extension) and would make
// vitest look for tests under pwa/.
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // A hang guard, not a budget: a test that never settles still fails, but a 2-core machine
          // shared by several runs can make a 1-second test take ten. How fast things are belongs in
          // `npm run bench`, never in a test's time limit.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll gives up after 1 s by default; a starved renderer on a loaded machine can
          // take 2–4 s to show a route after the load event. 15 s, as the harness's own waits:
          // a page that never shows what is asserted still fails.
          expect: { poll: { timeout: 15_000 } },
          // Real Chromium on a shared 2-core machine: one retry on CI absorbs a starved frame or
          // a slow launch; a test that fails twice is a failure.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
