import type { Dirent } from 'node:fs';
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
