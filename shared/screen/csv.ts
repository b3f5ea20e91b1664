// CSV input (RFC 4180: comma separated, fields with commas, quotes or newlines in double quotes,
// "" for a quote). The header row names the order fields with dotted paths for nested ones:
//   orderId,time,platform,orderer.idHash,orderer.nameHash,payer.idHash,recipient.phoneHash,
//   recipient.address,freightFen,paidFen,declaredValueFen,items
// Items come either as one `items` column holding the JSON array, or as indexed columns
// `items.0.sku,items.0.name,items.0.priceFen,items.0.quantity,items.1.sku,…` (empty cells of
// unused item slots are skipped). Numeric fields are converted from their digits; anything else
// stays text so that validation names the field.
import { err, ok, type Result } from '../result.ts';

const NUMERIC_FIELDS = new Set(['priceFen', 'quantity', 'netWeightGrams', 'freightFen', 'paidFen', 'declaredValueFen']);
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;
const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d{1,4})$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

export type CsvFields = Result<string[], string>;

/** True when `text` ends inside a quoted field, so the record continues on the next line. */
export function isOpenRecord(text: string): boolean {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 1;
}

/** Splits one complete record into its fields. */
export function parseCsvFields(text: string): CsvFields {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return err(`unterminated quoted field ${fields.length + 1}`);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return ok(fields);
      if (text.charCodeAt(i) !== 44 /* , */) {
        return err(`text after the closing quote of field ${fields.length}`);
      }
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) return err(`quote inside unquoted field ${fields.length + 1}`);
      fields.push(value);
      if (comma === -1) return ok(fields);
      i = comma + 1;
    }
  }
}

export interface Column {
  path: (string | number)[];
  numeric: boolean;
  json: boolean;
}

export type CsvHeader = Result<Column[], string>;

/** Which columns hold numbers and which one must be present (the order's by default). */
export interface CsvHeaderOptions {
  numeric?: ReadonlySet<string>;
  required?: string;
}

/** Reads the header row: dotted names, no duplicates, nothing that could reach a prototype. */
export function parseCsvHeader(text: string, options: CsvHeaderOptions = {}): CsvHeader {
  const numeric = options.numeric ?? NUMERIC_FIELDS;
  const required = options.required ?? 'orderId';
  const parsed = parseCsvFields(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) return parsed;
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const raw of parsed.value) {
    const name = raw.trim();
    if (seen.has(name)) return err(`duplicate column "${name}"`);
    seen.add(name);
    const segments = name.split('.');
    if (segments.some((s) => !SEGMENT.test(s) || FORBIDDEN_SEGMENTS.has(s))) {
      return err(`column "${name}" is not a dotted field path`);
    }
    const last = segments[segments.length - 1]!;
    columns.push({
      path: segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      numeric: numeric.has(last),
      json: name === 'items',
    });
  }
  if (!seen.has(required)) return err(`no ${required} column`);
  return ok(columns);
}

export type CsvRecord = Result<Record<string, unknown>, { message: string; orderId?: string | undefined }>;

/** Turns one row's fields into the nested order object the schema checks. */
export function csvRowToRecord(columns: readonly Column[], fields: readonly string[]): CsvRecord {
  if (fields.length !== columns.length) {
    return err({ message: `${fields.length} fields, header has ${columns.length}` });
  }
  const root: Record<string, unknown> = {};
  for (let c = 0; c < columns.length; c++) {
    const cell = fields[c]!;
    if (cell === '') continue; // an empty cell is an absent field
    const col = columns[c]!;
    let value: unknown = cell;
    if (col.json) {
      try {
        value = JSON.parse(cell);
      } catch {
        return err({ message: 'items: not a JSON array', orderId: typeof root.orderId === 'string' ? root.orderId : undefined });
      }
    } else if (col.numeric && NUMBER_TEXT.test(cell)) value = Number(cell);
    let node: Record<string | number, unknown> = root;
    for (let s = 0; s < col.path.length - 1; s++) {
      const key = col.path[s]!;
      let next = node[key];
      if (next === undefined) {
        next = typeof col.path[s + 1] === 'number' ? [] : {};
        node[key] = next;
      } else if (typeof next !== 'object' || next === null) {
        return err({ message: `column ${col.path.join('.')} conflicts with another column` });
      }
      node = next as Record<string | number, unknown>;
    }
    node[col.path[col.path.length - 1]!] = value;
  }
  // Indexed item columns with empty slots leave holes: `items.2.*` all empty is no third item.
  if (Array.isArray(root.items)) root.items = root.items.filter((x) => x !== undefined);
  return ok(root);
}
