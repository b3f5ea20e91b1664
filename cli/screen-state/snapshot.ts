// `crosscheck screen --state FILE`: the in-memory engine's state kept in a local snapshot between
// runs (NDJSON, shared/screen/state.ts). Read before the run, replaced after it in one rename, so
// the file always holds the state after a whole run: a run that stops half-way (Ctrl-C, a crash)
// leaves the previous snapshot, and feeding that run's input again counts each order once.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { createScreenState, readSnapshot, snapshotLines, type ScreenState } from '../../shared/screen/index.ts';

export type SnapshotLoad = { ok: true; state: ScreenState; existed: boolean } | { ok: false; message: string };

export async function loadSnapshot(path: string): Promise<SnapshotLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, state: createScreenState(), existed: false };
    return { ok: false, message: `cannot read state ${path}: ${code ?? 'read error'}` };
  }
  const read = readSnapshot(text);
  if (!read.ok) return { ok: false, message: `state ${path} line ${read.error.line}: ${read.error.message}` };
  return { ok: true, state: read.value, existed: true };
}

/** Writes the snapshot next to `path` and renames it over `path` (atomic on one file system). */
export async function saveSnapshot(path: string, state: ScreenState): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  try {
    let chunk = '';
    for (const line of snapshotLines(state)) {
      chunk += `${line}\n`;
      if (chunk.length >= 1 << 20) {
        await handle.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await handle.write(chunk);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw e;
  }
  await handle.close();
  await rename(temp, path);
}
