import { defineConfig, type UserConfig } from 'vite';

// One config, one mode per build: `vite build --mode pwa`, `--mode badge` (the merchant badge,
// written into dist/pwa after the PWA build) and `--mode extension`. Each keeps its settings beside
// its code, so the plugins (vite-plugin-pwa, @crxjs/vite-plugin) never see each other.
export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  if (mode === 'extension') {
    const { extensionConfig } = await import('./extension/build.config.ts');
    return extensionConfig();
  }
  if (mode === 'badge') {
    const { badgeConfig } = await import('./pwa/badge/build.config.ts');
    return badgeConfig();
  }
  const { pwaConfig } = await import('./pwa/build.config.ts');
  return pwaConfig();
});
