// The boxes the store reserves for the badge and the receipt button before badge.js has loaded
// (the same numbers as BADGE_SIZE / RECEIPT_SIZE in pwa/badge/badge.ts; the merchant e2e test
// checks that the box does not change when the badge defines itself and verifies).
export const BADGE_BOX = { width: 240, height: 52 } as const;
export const RECEIPT_BOX = { width: 300, height: 52 } as const;
