// The owner profile: who the consumer on this device is, as little of it as a receipt can be
// compared with. A receipt carries the last four characters of the orderer's ID number
// (`ordererIdLast4`, FORMAT.md §4.2); the profile holds the same four characters of the device
// owner's number and, for display only, a masked name. It is entered once (the full number is
// checked with the GB 11643 check character so a typo is caught, then dropped), kept only on the
// device, and never sent anywhere or put in a credential. Nothing is added to receipts: a receipt
// reveals no more of its orderer than before.
//
// Four characters are not an identity proof — 1 in ~11,000 strangers share them — but they turn
// "whoever holds the receipt" into "whoever holds the receipt AND has that ID ending", which is
// what separates a copied or resold receipt (the second buyer's profile differs) from the buyer's
// own (FORMAT.md §8, "Someone else's parcel is yours").
import { validateResidentId, type ResidentIdErrorCode, type ResidentIdOptions } from '../identity/index.ts';
import type { Localized } from '../text/localized.ts';
import type { ReceiptClaims } from '../credential/claims/index.ts';
import { err, ok, type Result } from '../result.ts';

export interface OwnerProfile {
  /** The last four characters of the owner's resident ID number: three digits, then a digit or X. */
  idLast4: string;
  /** For display only (e.g. "张*"); never compared with anything. */
  maskedName?: string;
}

export type OwnerProfileErrorCode = ResidentIdErrorCode;

export interface OwnerProfileError {
  code: OwnerProfileErrorCode;
  message: Localized;
}

const LAST4 = /^\d{3}[\dX]$/;

/** A name masked for display: its first character, then one `*` per further character (at most 3). */
export function maskName(name: string): string | undefined {
  const chars = [...name.trim().replace(/\s+/g, ' ')];
  if (chars.length === 0) return undefined;
  return chars[0]! + '*'.repeat(Math.min(3, Math.max(1, chars.length - 1)));
}

/**
 * The owner profile from a full ID number (and optionally a name), as the PWA and the extension
 * take it once: the number must pass the GB 11643 checks (length, region, birth date, MOD 11-2
 * check character); only its last four characters are kept, and the name only masked. The full
 * number is not returned and must not be stored.
 */
export function ownerProfileFromIdNumber(
  idNumber: string,
  name?: string,
  options: ResidentIdOptions = {},
): Result<OwnerProfile, OwnerProfileError> {
  const checked = validateResidentId(idNumber, options);
  if (!checked.ok) return err({ code: checked.error.code, message: checked.error.message });
  const masked = name === undefined ? undefined : maskName(name);
  return ok({ idLast4: checked.value.normalised.slice(-4), ...(masked !== undefined && { maskedName: masked }) });
}

/**
 * A stored owner profile read back (from the PWA's IndexedDB or the extension's local storage area): the profile, or undefined
 * for anything that is not one. `idLast4` is upper-cased (x → X).
 */
export function parseOwnerProfile(value: unknown): OwnerProfile | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { idLast4, maskedName } = value as Record<string, unknown>;
  if (typeof idLast4 !== 'string') return undefined;
  const last4 = idLast4.trim().toUpperCase();
  if (!LAST4.test(last4)) return undefined;
  return { idLast4: last4, ...(typeof maskedName === 'string' && maskedName.length > 0 && maskedName.length <= 16 && { maskedName }) };
}

/**
 * Whose order a receipt is, for this device: `owner` when the orderer's ID ending is the
 * profile's, `other-identity` when it differs (an order placed under another identity: a resold or
 * handed-on receipt, or a borrowed ID), `unconfirmed` when the device has no profile.
 */
export type ReceiptOwnership = 'owner' | 'other-identity' | 'unconfirmed';

export function receiptOwnership(receipt: Pick<ReceiptClaims, 'ordererIdLast4'>, owner: OwnerProfile | undefined): ReceiptOwnership {
  if (!owner) return 'unconfirmed';
  return receipt.ordererIdLast4.toUpperCase() === owner.idLast4.toUpperCase() ? 'owner' : 'other-identity';
}
