// The store zip: every file of the built extension (dist/extension), manifest.json at the root, as
// the Chrome Web Store expects. A small ZIP writer (APPNOTE.TXT 6.3.10: local headers, deflate via
// node:zlib deflateRaw, central directory, end record) instead of a dependency. Entries are sorted
// and dated 1980-01-01 so the same build always gives the same bytes.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { storeLimitProblems } from './store-limits.ts';

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UTF8_FLAG = 0x0800;

export interface PackageResult {
  files: number;
  bytes: number;
}

export async function packageExtension(distDir: string, outZip: string): Promise<PackageResult> {
  if (!(await stat(join(distDir, 'manifest.json')).catch(() => null))) {
    throw new Error(`${distDir} has no manifest.json: run \`npm run build:ext\` first`);
  }
  // A zip the store would refuse is not made at all.
  const problems = storeLimitProblems(distDir);
  if (problems.length > 0) {
    throw new Error(`${distDir} is not within the Chrome Web Store's limits:\n${problems.map((p) => `  ${p.code}: ${p.message}`).join('\n')}`);
  }
  const files = (await listFiles(distDir)).map((f) => relative(distDir, f).split(sep).join('/')).toSorted();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of files) {
    const data = await readFile(join(distDir, name));
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...locals, ...centrals, end]);
  await writeFile(outZip, zip);
  return { files: files.length, bytes: zip.length };
}

// `npx tsx extension/package.ts [DIST] [OUT.zip]` (what `npm run package` runs after the build).
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const [dist = 'dist/extension', out = 'dist/crosscheck-extension.zip'] = process.argv.slice(2);
  const result = await packageExtension(dist, out);
  process.stdout.write(`${out}: ${result.files} files, ${result.bytes} bytes\n`);
}
