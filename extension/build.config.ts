import type { UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export function extensionConfig(): UserConfig {
  return {
    root: r('.'),
    build: { outDir: r('../dist/extension'), emptyOutDir: true },
  };
}
