import fsSync, { type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Visits every entry under `dir`, siblings concurrently; a directory is visited before its
 * contents, and entered only when `descend` (default: always) says so. Missing or unreadable
 * directories are skipped.
 */
export async function walkTree(
  dir: string,
  visit: (file: string, entry: Dirent) => Promise<void> | void,
  descend: (entry: Dirent) => boolean = () => true,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (e) => {
      const p = path.join(dir, e.name);
      await visit(p, e);
      if (e.isDirectory() && descend(e)) await walkTree(p, visit, descend);
    }),
  );
}

/** `512 B`, `1.5 KiB`, `12.3 MiB`: the one way sizes are written in logs and the summary. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * rm -rf that also works as a non-root user on a tree holding read-only directories (an
 * extracted archive, Go's module cache): on EACCES/EPERM every directory is made writable and
 * searchable by its owner, without following symlinks, and the removal is tried again.
 */
export function removeTree(dir: string): void {
  try {
    fsSync.rmSync(dir, { recursive: true, force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY') throw err;
  }
  openDirs(dir);
  fsSync.rmSync(dir, { recursive: true, force: true });
}

function openDirs(dir: string): void {
  let st: fsSync.Stats;
  try {
    st = fsSync.lstatSync(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  if ((st.mode & 0o700) !== 0o700) fsSync.chmodSync(dir, st.mode | 0o700);
  for (const e of fsSync.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) openDirs(path.join(dir, e.name));
  }
}
