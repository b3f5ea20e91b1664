import type { UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Placeholder until the badge lands: the badge helper replaces this file.
export function badgeConfig(): UserConfig {
  return { root: r('.'), build: { outDir: r('../../dist/pwa'), emptyOutDir: false } };
}
