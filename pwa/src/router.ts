// A tiny path router (History API). Routes are paths; credential payloads travel in the fragment,
// which browsers never send to a server (DESIGN.md §3).
import { useEffect, useState } from 'preact/hooks';

export type RouteName = 'home' | 'verify' | 'scan' | 'ledger' | 'receipt-import' | 'settings' | 'not-found';

export interface Route {
  name: RouteName;
  /** The fragment without '#', still percent-encoded as it came. */
  fragment: string;
}

const PATHS: Record<string, RouteName> = {
  '/': 'home',
  '/index.html': 'home',
  '/verify': 'verify',
  '/scan': 'scan',
  '/ledger': 'ledger',
  '/receipts/import': 'receipt-import',
  '/settings': 'settings',
};

export function routeOf(pathname: string, hash: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return { name: PATHS[path] ?? 'not-found', fragment: hash.startsWith('#') ? hash.slice(1) : hash };
}

const listeners = new Set<() => void>();
let navigated = false;

function notify(): void {
  navigated = true;
  for (const l of listeners) l();
}

/**
 * True once after each in-app navigation (not on the first load): the new screen's heading takes
 * focus (focus.tsx RouteHeading), so focus never stays on a link that is gone.
 */
export function takeRouteFocus(): boolean {
  const was = navigated;
  navigated = false;
  return was;
}

if (typeof window !== 'undefined') {
  addEventListener('popstate', notify);
  addEventListener('hashchange', notify);
}

export function currentRoute(): Route {
  return routeOf(location.pathname, location.hash);
}

/** In-app navigation to a path of this app (never to another origin). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.origin);
  if (url.origin !== location.origin) throw new Error('navigate: only same-origin paths');
  const target = url.pathname + url.search + url.hash;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  notify();
  scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const listener = () => setRoute(currentRoute());
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return route;
}

/**
 * Shows `path` in the address bar without routing: the check route names what it shows (a
 * receipt at /receipts/import, a parcel at /verify) with no second load or verification.
 */
export function showPath(path: string): void {
  if (location.pathname !== path) history.replaceState(history.state, '', path + location.search + location.hash);
}

/** Click handler for <a href="/…"> links so they navigate in-app. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const href = anchor.getAttribute('href');
  if (!href || !href.startsWith('/')) return;
  event.preventDefault();
  navigate(href);
}
