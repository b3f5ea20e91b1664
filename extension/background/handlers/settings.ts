// Settings and site access: the language override, and whether CrossCheck runs on the popup's
// current site (a supported shop, a site the user switched on, or neither).
import type { ActionAnswer, Locale, LocaleSetting, SiteAccessAnswer } from '../../messages.ts';
import { matchesAny } from '../../shops.ts';
import { writeSettings } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import type { BackgroundDeps } from '../context.ts';

/** ui-bg-get-site-access */
export async function siteAccess(deps: BackgroundDeps, address: string): Promise<SiteAccessAnswer> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { kind: 'unsupported', origin: null };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'unsupported', origin: null };
  if (matchesAny(deps.siteAccess.shopMatches, url.href)) return { kind: 'built-in', origin: url.origin };
  const registered = await deps.siteAccess.registered();
  return { kind: registered.includes(url.origin) ? 'granted' : 'not-granted', origin: url.origin };
}

/** ui-bg-set-site-access: registers or removes the generic content script for one origin. */
export async function setSiteAccess(deps: BackgroundDeps, origin: string, enabled: boolean, lang: Locale): Promise<ActionAnswer> {
  if (enabled) await deps.siteAccess.register(origin);
  else await deps.siteAccess.unregister(origin);
  const t = backgroundText(lang);
  return { ok: true, message: enabled ? t.siteOn : t.siteOff };
}

/** ui-bg-set-settings' locale. */
export async function setLocale(deps: BackgroundDeps, locale: LocaleSetting): Promise<void> {
  await writeSettings(deps.store, { locale });
}
