// Times in claims: ISO 8601 in the readable form, epoch seconds (or minutes relative to another
// time, for parcels) on the wire. One spelling of the conversions and bounds for the schemas, the
// wire codec and parcel compaction.

export const MAX_EPOCH_SECONDS = 253_402_300_799; // 9999-12-31T23:59:59Z
export const MAX_EPOCH_DAYS = Math.floor(MAX_EPOCH_SECONDS / 86_400);
/** Relative parcel times (release after signing, custody hops after release) lie within 100 years. */
export const MAX_OFFSET_MINUTES = 100 * 366 * 24 * 60;

/** ISO 8601 UTC, whole seconds: the only form decoded times take. */
export function isoFromEpochSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch seconds (floored) of an ISO date-time; NaN when unparsable. */
export function epochSecondsFromIso(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
