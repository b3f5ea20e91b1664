// The browser's UI language (chrome.i18n), for the "auto" language setting.
export function uiLanguage(): string {
  return chrome.i18n.getUILanguage();
}
