// Light / dark: follows prefers-color-scheme unless the user picks one in Settings.
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'crosscheck.theme';

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
