// The parcel's wire form: what the verifier can derive is left out (the issuer as a party, the
// port, the id when it is the waybill, implied custody actors), the rest is made relative (times
// as minutes, parties as registry codes). FORMAT.md §4.1.
import { IMPLIED_CUSTODY_ACTOR, type CustodyStep, type ParcelClaims } from './schemas.ts';
import { epochSecondsFromIso, isoFromEpochSeconds, MAX_EPOCH_SECONDS } from './time.ts';

/** Who performed a custody step: the stated actor, or the one implied by the parcel. */
export function custodyActor(parcel: Pick<ParcelClaims, 'importer' | 'warehouse'>, hop: { step: CustodyStep; actor?: string }): string | undefined {
  if (hop.actor !== undefined) return hop.actor;
  const implied = IMPLIED_CUSTODY_ACTOR[hop.step];
  return implied === undefined ? undefined : parcel[implied];
}

/** Party id → registry code, as the issuer's trust bundle assigns them. */
export type PartyCodes = ReadonlyMap<string, number>;

/** The registry codes of a bundle's issuers (for encodeClaims / sealClaims). */
export function partyCodesOf(issuers: Iterable<{ id: string; code?: number | undefined }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of issuers) if (i.code !== undefined) out.set(i.id, i.code);
  return out;
}

/** On the wire, a party field holding this number means "the issuer" (envelope key 1). */
export const ISSUER_REF = 0;

/** Custody on the wire, before times and actors are resolved. */
export interface WireHop {
  step: CustodyStep;
  /** Minutes relative to releasedAt. */
  at: number;
  actor?: string | typeof ISSUER_REF;
}

/** releasedAt travels relative to issuedAt floored to its minute, so the offset is whole minutes. */
const minuteOf = (iso: string) => Math.floor(epochSecondsFromIso(iso) / 60) * 60;

/** Readable parcel → the record the parcel key table encodes (FORMAT.md §4.1). */
export function compactParcel(p: ParcelClaims, codes: PartyCodes | undefined): Record<string, unknown> {
  const party = (id: string | undefined) => {
    if (id === undefined) return undefined;
    if (id === p.issuer) return ISSUER_REF;
    const code = codes?.get(id);
    return code === undefined ? id : `#${code}`;
  };
  const released = epochSecondsFromIso(p.releasedAt);
  const hops: WireHop[] = p.custody.map((hop) => {
    const wire: WireHop = { step: hop.step, at: Math.round((epochSecondsFromIso(hop.at) - released) / 60) };
    const actor = party(hop.actor);
    if (actor !== undefined) wire.actor = actor;
    return wire;
  });
  return {
    ...p,
    port: p.declaration.startsWith(p.port) ? undefined : p.port,
    releasedAt: Math.round((released - minuteOf(p.issuedAt)) / 60),
    importer: party(p.importer),
    warehouse: party(p.warehouse),
    seller: party(p.seller),
    custody: hops.length > 0 ? hops : undefined,
  };
}

/** base + minutes as ISO time; out of range, the number stays and the schema rejects it as not a time. */
function isoAfter(base: number, minutes: unknown): unknown {
  const t = typeof minutes === 'number' ? base + minutes * 60 : NaN;
  return Number.isFinite(t) && t >= 0 && t <= MAX_EPOCH_SECONDS ? isoFromEpochSeconds(t) : minutes;
}

/** The inverse of compactParcel on decoded wire values, before the schema checks the result. */
export function resolveParcel(parcel: Record<string, unknown>, resolve: (ref: unknown) => unknown): void {
  const issuer = parcel.issuer;
  const party = (v: unknown) => (v === ISSUER_REF ? issuer : resolve(v));
  parcel.importer = party(parcel.importer);
  parcel.seller = party(parcel.seller);
  if (parcel.warehouse !== undefined) parcel.warehouse = party(parcel.warehouse);
  if (parcel.id === undefined) parcel.id = parcel.waybill;
  const declaration = parcel.declaration;
  if (parcel.port === undefined && typeof declaration === 'string' && /^\d{4}/.test(declaration)) parcel.port = declaration.slice(0, 4);
  if (typeof parcel.issuedAt === 'string') parcel.releasedAt = isoAfter(minuteOf(parcel.issuedAt), parcel.releasedAt);
  const released = typeof parcel.releasedAt === 'string' ? epochSecondsFromIso(parcel.releasedAt) : NaN;
  if (Array.isArray(parcel.custody)) {
    parcel.custody = (parcel.custody as WireHop[]).map((hop) => {
      const out: Record<string, unknown> = { step: hop.step, at: isoAfter(released, hop.at) };
      if (hop.actor !== undefined) out.actor = party(hop.actor);
      return out;
    });
  }
}
