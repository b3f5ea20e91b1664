import { defineConfig, type UserConfig } from 'vite';

// One config, one mode per app: `vite build --mode pwa` and `vite build --mode extension`.
// Each app keeps its own settings beside its code, so the two plugins (vite-plugin-pwa and
// @crxjs/vite-plugin) never see each other.
export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  if (mode === 'extension') {
    const { extensionConfig } = await import('./extension/build.config.ts');
    return extensionConfig();
  }
  const { pwaConfig } = await import('./pwa/build.config.ts');
  return pwaConfig();
});
