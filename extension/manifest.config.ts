// The extension manifest, reviewed in one place. Permissions are scoped the way the liked anchors
// scope them (ux-anchors.md §1.1: Keepa lists only Amazon hosts; refined-github keeps everything
// else optional): host access only for the shops with an adapter (the shop files' own match
// patterns, passed in by build.config.ts); any other site only after the user switches it on in the
// popup (optional_host_permissions + a registered content script).
import { defineManifest } from '@crxjs/vite-plugin';
import { GENERIC_ID, type Shop } from './shops.ts';
import { ICON_SIZES } from './icons.ts';

/** Where build.config.ts emits the icon of each size. */
export const iconPath = (size: number) => `icons/icon-${size}.png`;

function iconPaths(): Record<string, string> {
  return Object.fromEntries(ICON_SIZES.map((size) => [String(size), iconPath(size)]));
}

/** Where a shop's content-script entry is (relative to extension/); build.config.ts generates it there. */
export const contentEntryPath = (id: string) => `content/entries/${id}.ts`;

export interface ManifestOptions {
  /**
   * The shops with hosts of their own, as read from content/sites/ (shop-folder.ts `readShops`):
   * each gets its content script on its patterns, and host access to them.
   */
  shops: readonly Shop[];
  /** Adds http://localhost and http://127.0.0.1 to the generic script (demo store, local tests). */
  loopback: boolean;
  /** Where the background refreshes the trust bundle; its origin gets host access (fetch only). */
  bundleUrl: string;
  /**
   * The PWA's origin: the only web page that may message the extension (externally_connectable),
   * to keep one ledger with it (SYNC.md). The background checks the sender's origin again.
   * Default: the trust bundle's origin (the PWA serves the bundle).
   */
  appOrigin?: string;
  /**
   * The manifest `key` (base64 SPKI public key) that fixes the extension id, so the PWA built for
   * the same place knows whom to ask. Demo and test builds only: the store assigns its own.
   */
  key?: string;
}

export const LOOPBACK_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

export function makeManifest(options: ManifestOptions) {
  const trustOrigin = `${new URL(options.bundleUrl).origin}/*`;
  const shopMatches = options.shops.flatMap((s) => s.matches);
  return defineManifest({
    manifest_version: 3,
    name: '__MSG_extensionName__',
    short_name: 'CrossCheck',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    version: '0.1.0',
    // Every size icons.ts draws (ICON_SIZES), declared: the store and chrome://extensions pick the
    // 128 and 48, the toolbar the 16 and 32 (a 2× screen).
    icons: iconPaths(),
    action: { default_popup: 'popup/index.html', default_title: '__MSG_actionTitle__', default_icon: iconPaths() },
    options_page: 'options/index.html',
    // The side panel: the full explanation of what CrossCheck found on the active tab, positive
    // verdicts and ledger figures included — extension UI, which no page can draw over or read.
    side_panel: { default_path: 'sidepanel/index.html' },
    background: { service_worker: 'background/index.ts', type: 'module' },
    // storage: all state; alarms: trust refresh; scripting: content scripts for user-granted sites;
    // activeTab: the popup reads the current tab's address for the per-site switch;
    // sidePanel: the trusted surface for findings (with the per-tab toolbar action, which needs none).
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'sidePanel'],
    host_permissions: [...new Set([...shopMatches, trustOrigin])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_scripts: [
      ...options.shops.map((s) => ({ matches: [...s.matches], js: [contentEntryPath(s.id)], run_at: 'document_idle' as const })),
      ...(options.loopback
        ? [{ matches: LOOPBACK_MATCHES, js: [contentEntryPath(GENERIC_ID)], run_at: 'document_idle' as const }]
        : []),
    ],
    // Only the PWA's origin may send messages (no other page, no other extension: `ids` omitted).
    externally_connectable: { matches: [`${options.appOrigin ?? new URL(options.bundleUrl).origin}/*`] },
    ...(options.key ? { key: options.key } : {}),
    // The worker instantiates no WebAssembly; nothing beyond the MV3 default is allowed.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
  });
}
