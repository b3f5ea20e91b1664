// What the Chrome Web Store checks in a built extension's manifest before it accepts the zip, read
// from the built folder (manifest.json, _locales/*/messages.json, the icon files) the way the store
// reads it: every `__MSG_key__` resolved in every locale, each icon file opened and its PNG header
// read. `npm run package` refuses to zip a folder with a problem (extension/package.ts).
//
// Limits (Chrome developer docs, manifest keys "name", "short_name", "description", "icons",
// checked 2026-12): name ≤ 75 characters, short_name ≤ 12, description ≤ 132; the store listing
// uses the 128 px icon, Chrome the 16/32/48 ones. Counted in characters (code points), per locale.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_SIZES } from './icons.ts';

export const STORE_TEXT_LIMITS = { name: 75, short_name: 12, description: 132 } as const;

export interface StoreLimitProblem {
  code:
    | 'manifest/missing'
    | 'manifest/version'
    | 'locale/missing-message'
    | 'text/too-long'
    | 'icon/undeclared'
    | 'icon/missing-file'
    | 'icon/not-png'
    | 'icon/wrong-size';
  message: string;
}

interface LocaleMessages {
  locale: string;
  messages: Record<string, { message?: unknown }>;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function readLocales(distDir: string): LocaleMessages[] {
  const root = join(distDir, '_locales');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ locale: d.name, messages: readJson(join(root, d.name, 'messages.json')) as LocaleMessages['messages'] }));
}

/** A manifest string in one locale: `__MSG_key__` placeholders replaced (Chrome matches keys case-insensitively). */
function resolveIn(text: string, messages: LocaleMessages['messages']): { text: string; missing: string[] } {
  const missing: string[] = [];
  const byLowerKey = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v.message]));
  const resolved = text.replace(/__MSG_(\w+)__/g, (_, key: string) => {
    const message = byLowerKey.get(key.toLowerCase());
    if (typeof message !== 'string') {
      missing.push(key);
      return '';
    }
    return message;
  });
  return { text: resolved, missing };
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The toolbar draws 16 px, and 32 px on a 2× screen (manifest key "action"). */
const TOOLBAR_SIZES = [16, 32] as const;

function iconProblems(distDir: string, where: string, declared: unknown, required: readonly number[]): StoreLimitProblem[] {
  const icons = (declared && typeof declared === 'object' ? declared : {}) as Record<string, unknown>;
  const problems: StoreLimitProblem[] = [];
  for (const size of required) {
    if (typeof icons[String(size)] !== 'string') {
      problems.push({ code: 'icon/undeclared', message: `${where}: no ${size} px icon declared` });
    }
  }
  for (const [key, path] of Object.entries(icons)) {
    if (typeof path !== 'string') continue;
    const file = join(distDir, path);
    if (!existsSync(file)) {
      problems.push({ code: 'icon/missing-file', message: `${where}["${key}"]: ${path} is not in the package` });
      continue;
    }
    const size = pngSize(readFileSync(file));
    if (!size) problems.push({ code: 'icon/not-png', message: `${where}["${key}"]: ${path} is not a PNG` });
    else if (size.width !== Number(key) || size.height !== Number(key)) {
      problems.push({ code: 'icon/wrong-size', message: `${where}["${key}"]: ${path} is ${size.width}×${size.height} px, not ${key}×${key}` });
    }
  }
  return problems;
}

/** Every reason the store would refuse the built extension in `distDir`; [] when it is within the limits. */
export function storeLimitProblems(distDir: string): StoreLimitProblem[] {
  const manifestFile = join(distDir, 'manifest.json');
  if (!existsSync(manifestFile)) return [{ code: 'manifest/missing', message: `${distDir} has no manifest.json` }];
  const manifest = readJson(manifestFile) as Record<string, unknown>;
  const problems: StoreLimitProblem[] = [];
  if (manifest.manifest_version !== 3) problems.push({ code: 'manifest/version', message: 'manifest_version must be 3' });

  // A manifest without _locales is read as it is: one "locale" with no messages.
  const locales = readLocales(distDir);
  const action = (manifest.action ?? {}) as Record<string, unknown>;
  const texts: Array<[string, unknown, number | undefined]> = [
    ['name', manifest.name, STORE_TEXT_LIMITS.name],
    ['short_name', manifest.short_name, STORE_TEXT_LIMITS.short_name],
    ['description', manifest.description, STORE_TEXT_LIMITS.description],
    ['action.default_title', action.default_title, undefined],
  ];
  for (const { locale, messages } of locales.length > 0 ? locales : [{ locale: '(none)', messages: {} }]) {
    for (const [field, value, limit] of texts) {
      if (typeof value !== 'string') continue;
      const { text, missing } = resolveIn(value, messages);
      for (const key of missing) {
        problems.push({ code: 'locale/missing-message', message: `${field} in ${locale}: no message "${key}"` });
      }
      const length = [...text].length;
      if (limit !== undefined && length > limit) {
        problems.push({ code: 'text/too-long', message: `${field} in ${locale} is ${length} characters (at most ${limit}): "${text}"` });
      }
    }
  }
  problems.push(...iconProblems(distDir, 'icons', manifest.icons, ICON_SIZES));
  problems.push(...iconProblems(distDir, 'action.default_icon', action.default_icon, TOOLBAR_SIZES));
  return problems;
}
