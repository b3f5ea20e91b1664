// GS1 element strings (General Specifications §7.8): AI + data, concatenated; a field of variable
// length ends with FNC1, transmitted as the GS character (ASCII 29, §7.8.5 and GSCN 16-477), unless
// it is the last; fields of predefined length (Figure 7.8.5-2) never need one. Also the
// human-readable form with the AIs in brackets, "(01)09520123456788(10)ABC1" (§4.15).
import { gtinCheckDigitOk } from '../credential/claims/gtin.ts';
import { aiAt, AI_TABLE, inCharset, type AiFormat } from './ai-table.ts';
import { readGs1Date } from './dates.ts';
import { gs1Error, type Gs1Result } from './errors.ts';

export const GS = '\x1d';

export interface Gs1Element {
  ai: string;
  value: string;
}

/** Checks one value against its AI's format (length, characters, check digit, date). */
export function checkValue(f: AiFormat, value: string, currentYear: number, at?: number): Gs1Result<Gs1Element> {
  const where = { ai: f.ai, ...(at !== undefined && { at }) };
  if (value.length < f.min || value.length > f.max || !inCharset(value, f.charset)) return gs1Error('gs1.bad-value', where);
  if (f.checkDigit !== undefined) {
    const key = value.slice(0, f.checkDigit);
    if (!/^\d+$/.test(key) || key.length !== f.checkDigit) return gs1Error('gs1.bad-value', where);
    if (!gtinCheckDigitOk(key)) return gs1Error('gs1.check-digit', where);
  }
  if (f.date && !readGs1Date(value.slice(0, 6), currentYear, f.date === 'yymmd0')) return gs1Error('gs1.bad-date', where);
  return { ok: true, value: { ai: f.ai, value } };
}

/** Adds an element, refusing the same AI twice with another value (a repeat with the same value is harmless). */
export function addElement(list: Gs1Element[], e: Gs1Element, at?: number, allowSameRepeat = true): Gs1Result<void> {
  const earlier = list.find((x) => x.ai === e.ai);
  if (earlier) {
    if (allowSameRepeat && earlier.value === e.value) return { ok: true, value: undefined };
    return gs1Error('gs1.duplicate-ai', { ai: e.ai, ...(at !== undefined && { at }) });
  }
  list.push(e);
  return { ok: true, value: undefined };
}

/** Reads the unbracketed element string (the symbology identifier already removed). */
export function parseElementString(data: string, currentYear: number): Gs1Result<Gs1Element[]> {
  const out: Gs1Element[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === GS) {
      i++;
      continue;
    }
    const f = aiAt(data, i);
    if (!f) return gs1Error(/^\d{2}/.test(data.slice(i, i + 2)) ? 'gs1.unknown-ai' : 'gs1.not-product-code', { at: i });
    const start = i + f.ai.length;
    let end: number;
    if (f.predefined) {
      end = start + f.max;
      if (end > data.length) return gs1Error('gs1.bad-value', { ai: f.ai, at: start });
    } else {
      const gs = data.indexOf(GS, start);
      end = gs === -1 ? data.length : gs;
    }
    const checked = checkValue(f, data.slice(start, end), currentYear, start);
    if (!checked.ok) return checked;
    const added = addElement(out, checked.value, i);
    if (!added.ok) return added;
    i = end;
  }
  if (out.length === 0) return gs1Error('gs1.empty');
  return { ok: true, value: out };
}

/** Reads "(01)09520123456788(17)201225(10)ABC1". A "(" inside a value must not be followed by digits and ")". */
export function parseBracketed(text: string, currentYear: number): Gs1Result<Gs1Element[]> {
  const out: Gs1Element[] = [];
  const head = /\((\d{2,4})\)/y;
  let i = 0;
  while (i < text.length) {
    head.lastIndex = i;
    const m = head.exec(text);
    if (!m) return gs1Error('gs1.not-product-code', { at: i });
    const f = AI_TABLE.get(m[1]!);
    if (!f) return gs1Error('gs1.unknown-ai', { at: i });
    const start = i + m[0].length;
    const next = /\(\d{2,4}\)/g;
    next.lastIndex = start;
    const n = next.exec(text);
    const end = n ? n.index : text.length;
    const checked = checkValue(f, text.slice(start, end), currentYear, start);
    if (!checked.ok) return checked;
    const added = addElement(out, checked.value, i);
    if (!added.ok) return added;
    i = end;
  }
  if (out.length === 0) return gs1Error('gs1.empty');
  return { ok: true, value: out };
}
