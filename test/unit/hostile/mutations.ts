// Field-by-field mutations of a valid input: every leaf and every inner node in turn is replaced
// by one hostile value, and every object (or map) gets prototype keys of its own. So "wrong types
// everywhere" and "HTML in every string field" are literal, not sampled.

type Key = string | number | unknown;
export type Path = Key[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !ArrayBuffer.isView(v);

/** Every path below the root: objects by key, arrays by index, maps by key. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  const children: [Key, unknown][] =
    value instanceof Map ? [...value.entries()] : Array.isArray(value) ? value.map((v, i) => [i, v]) : isPlainObject(value) ? Object.entries(value) : [];
  for (const [key, child] of children) {
    const path = [...prefix, key];
    out.push(path, ...pathsOf(child, path));
  }
  return out;
}

/** The nodes that hold keys (objects and maps), root included. */
export function keyedNodesOf(value: unknown): Path[] {
  const nodes: Path[] = value instanceof Map || isPlainObject(value) ? [[]] : [];
  for (const path of pathsOf(value)) {
    const node = getAt(value, path);
    if (node instanceof Map || isPlainObject(node)) nodes.push(path);
  }
  return nodes;
}

export function getAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (node instanceof Map) node = node.get(key);
    else node = (node as Record<string, unknown>)[key as string];
  }
  return node;
}

function setAt(root: unknown, path: Path, replacement: unknown): void {
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent instanceof Map) parent.set(key, replacement);
  else (parent as Record<string, unknown>)[key as string] = replacement;
}

export const showPath = (path: Path) => (path.length === 0 ? '(root)' : path.map(String).join('.'));

/** `sample` with the value at `path` replaced (a deep copy; the sample is untouched). */
export function replacedAt(sample: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(sample);
  setAt(copy, path, replacement);
  return copy;
}

/**
 * `sample` with own `__proto__` and `constructor` keys at `path` (as JSON.parse makes them), each
 * shaped to pollute Object.prototype if something merges it carelessly.
 */
export function withPrototypeKeys(sample: unknown, path: Path): unknown {
  const copy = structuredClone(sample);
  const node = getAt(copy, path);
  const payload = { polluted: 'yes' };
  if (node instanceof Map) {
    node.set('__proto__', payload);
    node.set('constructor', { prototype: payload });
  } else {
    Object.defineProperty(node, '__proto__', { value: payload, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(node, 'constructor', { value: { prototype: payload }, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * JSON text of a value that may hold what JSON.stringify cannot write the way a hostile file
 * would: nesting 100k deep (written as text), bigints (as their digits), -0, NaN and Infinity
 * (as the raw words, which makes the text invalid JSON — as a hand-edited file can be).
 */
export function hostileJson(value: unknown, deep: WeakSet<object>): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const original = (this as Record<string, unknown> | undefined)?.[key];
    if (typeof original === 'object' && original !== null && deep.has(original)) return `\u0002${marks.push(deepText(original)) - 1}`;
    if (typeof v === 'bigint') return `\u0002${marks.push(v.toString()) - 1}`;
    if (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v))) return `\u0002${marks.push(Object.is(v, -0) ? '-0' : String(v)) - 1}`;
    if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x]));
    if (ArrayBuffer.isView(v)) return [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];
    return v;
  });
  if (text === undefined) return '';
  return text.replace(/"\\u0002(\d+)"/g, (_, i: string) => marks[Number(i)]!);
}

function deepText(value: object): string {
  let depth = 0;
  let node: unknown = value;
  while (Array.isArray(node) && node.length === 1) {
    depth++;
    node = node[0];
  }
  return `${'['.repeat(depth)}[]${']'.repeat(depth)}`;
}
