// @vitest-environment happy-dom
// The settings screen's two choices (language, appearance): each is a group of radio buttons that
// shows the current choice and applies a new one at once.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsRoute } from '../../../pwa/src/routes/settings.tsx';
import { setLocaleChoice } from '../../../pwa/src/i18n.ts';
import { setThemeChoice } from '../../../pwa/src/theme.ts';

beforeEach(() => {
  setLocaleChoice('en');
  setThemeChoice('system');
});
afterEach(() => {
  cleanup();
  setLocaleChoice('en');
  setThemeChoice('system');
});

const radios = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name=${name}]`)];

describe('settings', () => {
  it.each([
    ['language', ['system', 'zh-CN', 'en'], 'en'],
    ['theme', ['system', 'light', 'dark'], 'system'],
  ])('%s: one radio per choice, the current one checked', (name, values, checked) => {
    render(<SettingsRoute />);
    expect(radios(name).map((r) => r.value)).toEqual(values);
    expect(radios(name).filter((r) => r.checked).map((r) => r.value)).toEqual([checked]);
  });

  it('a theme choice sets html[data-theme] and becomes the checked one', async () => {
    render(<SettingsRoute />);
    fireEvent.change(radios('theme').find((r) => r.value === 'dark')!);
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(radios('theme').filter((r) => r.checked).map((r) => r.value)).toEqual(['dark']));
  });

  it('a language choice re-renders the screen in that language', async () => {
    render(<SettingsRoute />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings');
    fireEvent.change(radios('language').find((r) => r.value === 'zh-CN')!);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('设置'));
    expect(radios('language').filter((r) => r.checked).map((r) => r.value)).toEqual(['zh-CN']);
  });
});
