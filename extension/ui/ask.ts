// Popup and options → background: send a PopupToBackground message, validate the answer.
import { ErrorAnswer, type PopupToBackground } from '../messages.ts';
import { sendToBackground } from '../platform/runtime.ts';

export type Asked<T> = { ok: true; value: T } | { ok: false; message: string };

export async function ask<T>(message: PopupToBackground, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Promise<Asked<T>> {
  let raw: unknown;
  try {
    raw = await sendToBackground(message);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as T };
  const error = ErrorAnswer.safeParse(raw);
  return { ok: false, message: error.success ? error.data.message : 'unexpected answer from the background' };
}
