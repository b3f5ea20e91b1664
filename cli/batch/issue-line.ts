// One line of `crosscheck issue --batch`: readable claims JSON in, a payload or an error message
// out. Runs on the worker threads (file keys) and in the main thread (HSM keys) alike.
import { sealClaims, type CredentialType, type PartyCodes } from '../../shared/credential/claims/index.ts';
import { SealError, type SigningKey } from '../../shared/credential/index.ts';

export type IssuableType = Exclude<CredentialType, 'trust-bundle'>;

/** A line's outcome: the payload, an error message, or nothing (a blank line). */
export type LineResult = { payload: string } | { error: string } | { blank: true };

/** issuedAt defaults to now, as for a single `crosscheck issue`. */
export function withIssuedAt(input: unknown): unknown {
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && !('issuedAt' in input)) {
    return { ...input, issuedAt: new Date().toISOString() };
  }
  return input;
}

export async function issueLine(type: IssuableType, text: string, key: SigningKey, partyCodes: PartyCodes | undefined): Promise<LineResult> {
  if (text.trim() === '') return { blank: true };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { error: 'not valid JSON' };
  }
  try {
    const sealed = await sealClaims(type, withIssuedAt(input), key, partyCodes ? { partyCodes } : undefined);
    return sealed.ok ? { payload: sealed.value.payload } : { error: `claims: ${sealed.error.detail}` };
  } catch (e) {
    if (e instanceof SealError) return { error: `claims: ${e.message}` };
    return { error: `cannot sign: ${e instanceof Error ? e.message : String(e)}` };
  }
}
