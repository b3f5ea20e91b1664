// The boxes the badge and the receipt button reserve, in CSS pixels. Merchants repeat them in their
// own CSS so the space is held before badge.js loads (README snippet); the demo store does the same
// (test/harness/store/layout-sizes.ts, checked equal by the merchant e2e test).
export const BADGE_SIZE = { width: 240, height: 52 } as const;
export const RECEIPT_SIZE = { width: 300, height: 52 } as const;
