// Where a scanned or pasted text leads inside the app — never outside it. A QR code's URL is data:
// we take the credential from its fragment and verify it here; we never navigate to the URL.

export const MAX_SCANNED_TEXT = 16_384;

export type ScanTarget = { kind: 'route'; path: string } | { kind: 'foreign'; text: string };

export function inAppTarget(input: string): ScanTarget {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_SCANNED_TEXT) return { kind: 'foreign', text: text.slice(0, 200) };
  if (text.startsWith('CC1:')) return { kind: 'route', path: `/verify#${encodeURIComponent(text)}` };
  const m = /^https?:\/\/[^\s#]+?(\/receipts\/import|\/verify)\/?#(CC1:[0-9]+)$/i.exec(text);
  if (m) return { kind: 'route', path: `${m[1]!.toLowerCase() === '/verify' ? '/verify' : '/receipts/import'}#${m[2]}` };
  return { kind: 'foreign', text };
}
