// Where a scanned or pasted text leads inside the app — never outside it. A QR code's URL is data:
// shared/credential's parser (parseScanned) takes the credential from its fragment, and the app
// verifies it on its check route; we never navigate to the URL. A URL on another host keeps the
// whole text in the fragment, so the check route can name that host (hostOfScan: a look-alike of
// ours or another site) beside the verdict.
import { DEFAULT_VERIFY_BASE, hostOfScan, parseScanned, type ScannedHost } from '../../../shared/credential/index.ts';

export const MAX_SCANNED_TEXT = 16_384;

/** The verify hosts that are CrossCheck's: this app's own and the configured ones. */
export const CONFIGURED_VERIFY_HOSTS: readonly string[] = ['crosscheck.example', new URL(DEFAULT_VERIFY_BASE).hostname];

export function ownVerifyHosts(): string[] {
  return [...(typeof location !== 'undefined' ? [location.hostname] : []), ...CONFIGURED_VERIFY_HOSTS];
}

/** Whose host a scanned URL names (undefined for a bare payload or anything not a web URL). */
export function scannedHostOf(text: string): ScannedHost | undefined {
  return hostOfScan(text, ownVerifyHosts());
}

/** A route target: the check route's path and, apart, its fragment (what the check reads). */
export type ScanTarget = { kind: 'route'; path: string; fragment: string } | { kind: 'foreign'; text: string };

export function inAppTarget(input: string): ScanTarget {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_SCANNED_TEXT) return { kind: 'foreign', text: text.slice(0, 200) };
  const parsed = parseScanned(text);
  if (!parsed.ok) return { kind: 'foreign', text };
  if (parsed.value.from === 'url' && scannedHostOf(text)?.kind !== 'own') return checkRoute(encodeURIComponent(text));
  // The URL form's fragment (prefix + digits) is URL-safe as printed; a bare payload is encoded.
  const fragment = parsed.value.from === 'url' ? text.slice(text.indexOf('#') + 1) : encodeURIComponent(parsed.value.payload);
  return checkRoute(fragment);
}

const checkRoute = (fragment: string): ScanTarget => ({ kind: 'route', path: `/verify#${fragment}`, fragment });
