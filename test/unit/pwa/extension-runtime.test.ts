// Which extension ids the app asks for the shared ledger (SYNC.md). The demo id is derived from a
// public key, so a build that took it by default must not ask it from a deployed origin: an
// attacker's unpacked extension with the demo key, listing that origin, would receive the ledger.
import { describe, expect, it } from 'vitest';
import { extensionIds } from '../../../pwa/build.config.ts';
import { askableExtensionIds } from '../../../pwa/src/extension-runtime.ts';
import { DEMO_EXTENSION_ID } from '../../../extension/demo-key.ts';

const STORE_ID = 'abcdefghijklmnopabcdefghijklmnop';

describe('extension ids the app asks', () => {
  it('a build without $CROSSCHECK_EXTENSION_IDS takes the demo id, for loopback pages only', () => {
    expect(extensionIds(undefined)).toEqual({ ids: [DEMO_EXTENSION_ID], loopbackOnly: true });
    const { ids, loopbackOnly } = extensionIds(undefined);
    for (const host of ['localhost', '127.0.0.1', '[::1]']) expect(askableExtensionIds(host, ids, loopbackOnly)).toEqual([DEMO_EXTENSION_ID]);
    for (const host of ['crosscheck.example', 'app.crosscheck.example', 'localhost.attacker.example', '127.0.0.1.nip.io', '']) {
      expect(askableExtensionIds(host, ids, loopbackOnly)).toEqual([]);
    }
  });

  it('ids set for a release are asked from any origin, malformed ones dropped', () => {
    const { ids, loopbackOnly } = extensionIds(` ${STORE_ID}, not-an-id ,${'q'.repeat(32)}`);
    expect({ ids, loopbackOnly }).toEqual({ ids: [STORE_ID], loopbackOnly: false });
    expect(askableExtensionIds('crosscheck.example', ids, loopbackOnly)).toEqual([STORE_ID]);
    expect(extensionIds('')).toEqual({ ids: [], loopbackOnly: false });
  });

  it('a unit-test build (no ids) asks no one', () => {
    expect(askableExtensionIds('localhost')).toEqual([]);
  });
});
