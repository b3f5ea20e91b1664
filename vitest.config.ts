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
          // Real Chromium on a shared 2-core machine: one retry on CI absorbs a starved frame or
          // a slow launch; a test that fails twice is a failure.
          retry: process.env.CI ? 1 : 0,
        },
      },
    ],
  },
});
