// Where a scanned or pasted text leads inside the app — never outside it. A QR code's URL is data:
// shared/credential's parser (parseScanned) takes the credential from its fragment, and the app
// verifies it on its check route; we never navigate to the URL.
import { parseScanned } from '../../../shared/credential/index.ts';

export const MAX_SCANNED_TEXT = 16_384;

export type ScanTarget = { kind: 'route'; path: string } | { kind: 'foreign'; text: string };

export function inAppTarget(input: string): ScanTarget {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_SCANNED_TEXT) return { kind: 'foreign', text: text.slice(0, 200) };
  const parsed = parseScanned(text);
  if (!parsed.ok) return { kind: 'foreign', text };
  // The URL form's fragment (prefix + digits) is URL-safe as printed; a bare payload is encoded.
  const fragment = parsed.value.from === 'url' ? text.slice(text.indexOf('#') + 1) : encodeURIComponent(parsed.value.payload);
  return { kind: 'route', path: `/verify#${fragment}` };
}
