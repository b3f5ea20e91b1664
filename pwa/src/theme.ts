// Light / dark: follows prefers-color-scheme unless the user picks one in Settings.
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'crosscheck.theme';

/**
 * The browser's UI colour around the app (<meta name="theme-color">, the manifest's theme_color):
 * the brand green in light, the page background in dark. index.html states both with media queries.
 */
export const THEME_COLORS = { light: '#0b6e4f', dark: '#0f1512' } as const;

export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  // The browser bar follows the chosen theme: each theme-color meta keeps the colour of its own
  // media query under "system", and takes the chosen theme's colour otherwise.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own = meta.media.includes('dark') ? THEME_COLORS.dark : THEME_COLORS.light;
    meta.content = choice === 'system' ? own : THEME_COLORS[choice];
  }
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    /* private mode: lasts for this session */
  }
  applyTheme(choice);
}

export function initTheme(): void {
  applyTheme(themeChoice());
}
