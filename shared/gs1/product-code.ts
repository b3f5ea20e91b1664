// One reader for whatever a product's own barcode carries, as a scanner hands it over:
//
// - EAN-13, UPC-A, EAN-8, UPC-E, ITF-14 digits: a GTIN with its check digit (§7.9.1);
// - GS1 element strings from GS1-128, GS1 DataMatrix, GS1 QR Code, GS1 DotCode, GS1 DataBar: with
//   their symbology identifier (]C1, ]d2, ]Q3, ]J1, ]e0; §5.1.2 / Figure 5.4.8-1 of the General
//   Specifications), with a leading FNC1 as GS, or bare; or in the bracketed human-readable form;
// - GS1 Digital Link URIs (from a GS1 Digital Link QR or DataMatrix).
//
// The result keeps every element and names the ones a consumer can compare with a signed parcel:
// GTIN (01), batch/lot (10), serial (21), expiry (17, else best-before 15). Never throws.
import { gtinCheckDigitOk, normalizeGtin } from '../credential/claims/gtin.ts';
import { readGs1Date, type Gs1Date } from './dates.ts';
import { isDigitalLinkCandidate, parseDigitalLink } from './digital-link.ts';
import { GS, parseBracketed, parseElementString, type Gs1Element } from './element-string.ts';
import { gs1Error, type Gs1Result } from './errors.ts';

/** Longer than any product code (a GS1 DataMatrix holds at most 3,116 digits). */
export const MAX_PRODUCT_CODE_LENGTH = 4096;

export type ProductCodeForm = 'gtin' | 'element-string' | 'digital-link';

export interface ProductCode {
  form: ProductCodeForm;
  /** GTIN-14 (GTIN-8/12/13 left-padded with zeros, the form the signed parcel uses). */
  gtin?: string;
  batch?: string;
  serial?: string;
  /** Expiry: AI 17 (use by / expiry), else AI 15 (best before). */
  expiry?: Gs1Date & { ai: '17' | '15' };
  /** Every element read, in order (a plain GTIN reads as one element (01)). */
  elements: Gs1Element[];
}

export interface ProductCodeOptions {
  /** The date GS1's century rule counts from (§7.12); defaults to the device clock. */
  now?: Date;
  /** The scanner's format name when it gives one (BarcodeDetector: 'upc_e', 'ean_8' …). */
  format?: string;
}

/** GS1 symbology identifiers whose data is a GS1 element string. */
const GS1_SYMBOLOGIES = new Set([']C1', ']e0', ']e1', ']e2', ']d2', ']Q3', ']Q4', ']J1']);
/** EAN/UPC (]E0 EAN-13/UPC-A/UPC-E, ]E4 EAN-8) and ITF-14 (]I0/]I1). */
const EAN_UPC = new Set([']E0', ']E3', ']E4', ']I0', ']I1']);

/** UPC-E (number system 0 or 1) expanded to its UPC-A (the zero-suppression rules of the GS1 General Specifications' EAN/UPC section). */
export function expandUpcE(upcE: string): string | undefined {
  if (!/^[01]\d{7}$/.test(upcE)) return undefined;
  const [ns, d1, d2, d3, d4, d5, d6, check] = upcE.split('') as [string, string, string, string, string, string, string, string];
  let body: string;
  if (d6 === '0' || d6 === '1' || d6 === '2') body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === '3') body = `${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === '4') body = `${d1}${d2}${d3}${d4}00000${d5}`;
  else body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  return `${ns}${body}${check}`;
}

function fromDigits(digits: string, format: string | undefined): Gs1Result<ProductCode> {
  let gtin: string | undefined;
  if (digits.length === 8 && (format === 'upc_e' || (format !== 'ean_8' && !gtinCheckDigitOk(digits)))) {
    const upcA = expandUpcE(digits);
    gtin = upcA ? normalizeGtin(upcA) : undefined;
  } else {
    gtin = normalizeGtin(digits);
  }
  if (!gtin) return gs1Error('gs1.check-digit', { ai: '01' });
  return { ok: true, value: { form: 'gtin', gtin, elements: [{ ai: '01', value: gtin }] } };
}

function withFields(form: ProductCodeForm, elements: Gs1Element[], currentYear: number): ProductCode {
  const get = (ai: string) => elements.find((e) => e.ai === ai)?.value;
  const out: ProductCode = { form, elements };
  const gtin = get('01');
  if (gtin) out.gtin = gtin;
  const batch = get('10');
  if (batch !== undefined) out.batch = batch;
  const serial = get('21');
  if (serial !== undefined) out.serial = serial;
  for (const ai of ['17', '15'] as const) {
    const v = get(ai);
    const date = v === undefined ? undefined : readGs1Date(v, currentYear, true);
    if (date) {
      out.expiry = { ...date, ai };
      break;
    }
  }
  return out;
}

function elementResult(parsed: Gs1Result<Gs1Element[]>, currentYear: number): Gs1Result<ProductCode> {
  return parsed.ok ? { ok: true, value: withFields('element-string', parsed.value, currentYear) } : parsed;
}

/** Reads a scanned or typed product code. */
export function parseProductCode(input: unknown, options: ProductCodeOptions = {}): Gs1Result<ProductCode> {
  if (typeof input !== 'string') return gs1Error('gs1.not-product-code');
  if (input.length > MAX_PRODUCT_CODE_LENGTH) return gs1Error('gs1.too-long');
  const now = options.now && Number.isFinite(options.now.getTime()) ? options.now : new Date();
  const currentYear = now.getUTCFullYear();
  // Spaces and line ends around a typed code are not data; GS is.
  let text = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (text === '') return gs1Error('gs1.empty');

  if (isDigitalLinkCandidate(text)) {
    const dl = parseDigitalLink(text, currentYear);
    return dl.ok ? { ok: true, value: withFields('digital-link', dl.value.elements, currentYear) } : dl;
  }
  const id = /^\][A-Za-z][0-9A-Za-z]/.exec(text)?.[0];
  if (id) {
    text = text.slice(3);
    if (GS1_SYMBOLOGIES.has(id)) return elementResult(parseElementString(text, currentYear), currentYear);
    if (EAN_UPC.has(id)) {
      // An EAN/UPC add-on (2 or 5 digits after the main code) is not part of the GTIN.
      const main = /^(\d{12,14}|\d{8})(?:\d{2}|\d{5})?$/.exec(text);
      return main ? fromDigits(main[1]!, options.format) : gs1Error('gs1.not-product-code');
    }
    if (isDigitalLinkCandidate(text)) return parseProductCode(text, options);
    return gs1Error('gs1.not-product-code');
  }
  if (text.startsWith(GS)) return elementResult(parseElementString(text.slice(1), currentYear), currentYear);
  if (text.startsWith('(')) return elementResult(parseBracketed(text, currentYear), currentYear);
  const compact = text.replace(/[ -]/g, '');
  if (/^(\d{8}|\d{12,14})$/.test(compact)) return fromDigits(compact, options.format);
  // A GS1 code handed over without its symbology identifier (many decoders drop it).
  if (/^(01|02|00)\d/.test(text) && text.length > 14) return elementResult(parseElementString(text, currentYear), currentYear);
  if (/^\d+$/.test(compact)) return gs1Error('gs1.bad-value');
  return gs1Error('gs1.not-product-code');
}
