// The store zip, read back with an independent minimal reader (central directory → local data →
// inflateRaw → CRC), plus the system `unzip -t` when the machine has it; and the zip that
// `npm run package` makes from a real store build, its manifest read back and held to the Chrome
// Web Store's limits by this test's own reading (not extension/store-limits.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { packageExtension } from '../../../extension/package.ts';
import { iconPng } from '../../../extension/icons.ts';
import { memoryIo } from '../../harness/memory-io.ts';
import { runHarness } from '../../harness/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(crc32(data) >>> 0, name).toBe(crc);
    out.set(name, data);
    p += 46 + nameLength;
  }
  return out;
}

describe('packageExtension', () => {
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, '_locales/zh_CN'), { recursive: true });
  mkdirSync(join(dist, 'icons'), { recursive: true });
  const icons = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };
  const manifest = { manifest_version: 3, name: '__MSG_n__', version: '1', icons, action: { default_icon: icons } };
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from(JSON.stringify(manifest)),
    '_locales/zh_CN/messages.json': Buffer.from('{"n":{"message":"跨境核对"}}'),
    ...Object.fromEntries(Object.entries(icons).map(([size, path]) => [path, iconPng(Number(size))])),
    'big.js': Buffer.from('console.log(1);\n'.repeat(2000)),
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dist, name), data);

  it('holds every file, byte for byte, manifest at the root, and is reproducible', async () => {
    const a = join(dir, 'a.zip');
    const b = join(dir, 'b.zip');
    const result = await packageExtension(dist, a);
    await packageExtension(dist, b);
    expect(result.files).toBe(7);
    const entries = readZip(readFileSync(a));
    expect([...entries.keys()]).toEqual(Object.keys(files).toSorted());
    for (const [name, data] of Object.entries(files)) expect(entries.get(name)?.equals(data), name).toBe(true);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).length).toBeLessThan(files['big.js']!.length); // deflated
    let unzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      unzip = false;
    }
    if (unzip) expect(execFileSync('unzip', ['-t', a]).toString()).toMatch(/No errors detected/);
  });

  it('refuses a folder without a manifest', async () => {
    await expect(packageExtension(join(dir, 'nowhere'), join(dir, 'c.zip'))).rejects.toThrow(/npm run build:ext/);
  });

  it('refuses a folder the store would refuse, naming each problem', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'icons'), { recursive: true });
    writeFileSync(join(bad, 'manifest.json'), JSON.stringify({ ...manifest, description: 'x'.repeat(133), icons: { 16: icons[16] } }));
    writeFileSync(join(bad, icons[16]), iconPng(16));
    const zip = join(dir, 'bad.zip');
    const refused = packageExtension(bad, zip);
    await expect(refused).rejects.toThrow(/text\/too-long: description in \(none\) is 133 characters/);
    await expect(refused).rejects.toThrow(/icon\/undeclared: icons: no 128 px icon declared/);
    expect(existsSync(zip)).toBe(false);
  });
});

/** PNG width × height from the IHDR chunk (bytes 16–23). */
function pngPixels(png: Buffer): string {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`;
}

describe('npm run package: the store build', () => {
  it('zips a manifest within the store limits in every locale, with every icon at its pixel size', async () => {
    const built = join(dir, 'store-build');
    const zip = join(dir, 'store.zip');
    const io = memoryIo({ env: {} });
    const code = await runHarness(['package', '--dir', built, '--out', zip, '--trust-url', 'https://trust.crosscheck.example/bundle.txt'], io);
    expect(code, io.err).toBe(0);
    const entries = readZip(readFileSync(zip));
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as {
      name: string;
      short_name: string;
      description: string;
      default_locale: string;
      icons: Record<string, string>;
      action: { default_title: string; default_icon: Record<string, string> };
    };
    const locales = [...entries.keys()].filter((n) => /^_locales\/[^/]+\/messages\.json$/.test(n));
    expect(locales.toSorted()).toEqual(['_locales/en/messages.json', '_locales/zh_CN/messages.json']);
    expect(locales).toContain(`_locales/${manifest.default_locale}/messages.json`);
    const measured: Record<string, Record<string, number>> = {};
    for (const file of locales) {
      const messages = JSON.parse(entries.get(file)!.toString('utf8')) as Record<string, { message: string }>;
      const resolve = (text: string) => text.replace(/__MSG_(\w+)__/g, (_, key: string) => messages[key]?.message ?? `<missing ${key}>`);
      const [name, shortName, description, title] = [manifest.name, manifest.short_name, manifest.description, manifest.action.default_title].map(resolve);
      for (const text of [name, shortName, description, title]) expect(text, file).not.toMatch(/<missing|__MSG_/);
      measured[file] = { name: [...name!].length, short_name: [...shortName!].length, description: [...description!].length };
      expect(measured[file]!.name, `${file}: ${name}`).toBeLessThanOrEqual(75);
      expect(measured[file]!.short_name, `${file}: ${shortName}`).toBeLessThanOrEqual(12);
      expect(measured[file]!.description, `${file}: ${description}`).toBeLessThanOrEqual(132);
    }
    // The toolbar title is a message, so it is localized (not the same literal in every locale).
    expect(manifest.action.default_title).toMatch(/^__MSG_\w+__$/);
    for (const declared of [manifest.icons, manifest.action.default_icon]) {
      for (const size of ['16', '32']) expect(Object.keys(declared)).toContain(size);
      for (const [size, path] of Object.entries(declared)) expect(pngPixels(entries.get(path)!), path).toBe(`${size}×${size}`);
    }
    expect(Object.keys(manifest.icons).toSorted()).toEqual(['128', '16', '32', '48']);
  });
});
