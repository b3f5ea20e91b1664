import type { UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export function pwaConfig(): UserConfig {
  return {
    root: r('.'),
    build: { outDir: r('../dist/pwa'), emptyOutDir: true },
    preview: { port: Number(process.env.PORT ?? 4173), strictPort: true },
  };
}
