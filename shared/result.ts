// The one result shape of the core: what a decoder or check returns when failing is an answer,
// not an accident (STYLE.md §6, §14). The error is a value with a code the caller can show or
// branch on; errors thrown at hard boundaries (PolicyError, SealError, TaxError) stay thrown.
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
