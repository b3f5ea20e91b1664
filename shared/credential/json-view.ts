// Decoded CBOR as JSON, for `crosscheck inspect`, vectors and developer views. Lossless for
// everything strict decoding can return: byte strings become {"$hex": "…"}, maps with non-text
// keys become objects keyed by the key's JSON text (or {"$map": [[k, v]…]} if two keys would
// collide), bigints {"$bigint": "…"}, tags {"$tag": n, "value": …}, non-finite floats {"$float": "NaN"}.
import { CborTag } from './codec/cbor-tag.ts';
import { hexOf } from './codec/hex.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(toJsonView(key));
}

export function toJsonView(value: unknown): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $float: String(value) };
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value === undefined) return { $undefined: true };
  if (value instanceof Uint8Array) return { $hex: hexOf(value) };
  if (Array.isArray(value)) return value.map(toJsonView);
  if (value instanceof CborTag) return { $tag: Number(value.tag), value: toJsonView(value.contents) };
  if (value instanceof Map) {
    const keys = [...value.keys()].map(keyText);
    if (new Set(keys).size !== keys.length) return { $map: [...value].map(([k, v]) => [toJsonView(k), toJsonView(v)]) };
    const out: { [key: string]: JsonValue } = {};
    let i = 0;
    for (const v of value.values()) Object.defineProperty(out, keys[i++]!, { value: toJsonView(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: toJsonView(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return { $unknown: String(value) };
}
