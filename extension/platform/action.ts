// The toolbar action, per tab: the badge text, its colour and the tooltip. Chrome draws these in
// its own toolbar, outside any page, so they are a surface a page can neither draw nor read.
// Per-tab values (tabId) are dropped by Chrome when the tab closes.

export interface ActionLook {
  /** Badge text, at most 4 characters ('' hides the badge). */
  text: string;
  /** Badge background, #rrggbb. */
  color: string;
  title: string;
}

export async function showOnAction(tabId: number, look: ActionLook): Promise<void> {
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: look.text }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: look.color }),
    chrome.action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
    chrome.action.setTitle({ tabId, title: look.title }),
  ]).catch(() => {
    // The tab closed in between: nothing to show.
  });
}
