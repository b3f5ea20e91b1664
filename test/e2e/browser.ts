// Launching Debian's Chromium for the browser tests (recipes: ../shared/docs/ux-anchors.md §5 and
// toolchain.md §2). playwright-core never downloads a browser; we always pass executablePath.
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium from reaching for Google's hosts on this closed network. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
];

export interface LaunchOptions {
  /** Absolute path of an unpacked extension to load. */
  extensionDir?: string;
  args?: string[];
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * The browser's default text size in px (Settings → Appearance → Font size; 16 is "Medium"),
   * written to the profile's preferences before launch, as a user who needs larger text sets it.
   */
  defaultFontSize?: number;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'crosscheck-chromium-'));
  if (options.defaultFontSize !== undefined) {
    mkdirSync(join(userDataDir, 'Default'), { recursive: true });
    const webprefs = { default_font_size: options.defaultFontSize };
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs } }));
  }
  const args = [...QUIET_FLAGS, ...(options.args ?? [])];
  if (options.extensionDir) {
    args.push(`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 390, height: 844 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
