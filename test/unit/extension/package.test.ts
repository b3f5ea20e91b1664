// The store zip, read back with an independent minimal reader (central directory → local data →
// inflateRaw → CRC), plus the system `unzip -t` when the machine has it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { packageExtension } from '../../../extension/package.ts';

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
  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from('{"manifest_version":3,"name":"x","version":"1"}'),
    '_locales/zh_CN/messages.json': Buffer.from('{"n":{"message":"跨境核对"}}'),
    'icons/icon-16.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), // incompressible: stored
    'big.js': Buffer.from('console.log(1);\n'.repeat(2000)),
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dist, name), data);

  it('holds every file, byte for byte, manifest at the root, and is reproducible', async () => {
    const a = join(dir, 'a.zip');
    const b = join(dir, 'b.zip');
    const result = await packageExtension(dist, a);
    await packageExtension(dist, b);
    expect(result.files).toBe(4);
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
});
