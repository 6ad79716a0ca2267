import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { walkTree } from '../fs-tree.js';

/**
 * The build cache (GOCACHE) holds one file per entry part: `<2 hex>/<64 hex>-a` (the action's
 * record) and `-d` (its output). Go refreshes an entry's mtime when it uses it, but only when
 * the mtime is more than an hour old. So: right after the restore, every entry is dated two hours
 * back; after the job, the entries still dated back are the ones nobody used, and trimming them
 * leaves exactly what this job used or created.
 */
const ENTRY = /^[0-9a-f]{64}-[ad]$/;
const SUBDIR = /^[0-9a-f]{2}$/;
/** Older than Go's one-hour refresh interval, with margin. */
export const BACKDATE_MS = 2 * 60 * 60 * 1000;
/** An entry refreshed or created by the job is at least this recent relative to the mark. */
const SLACK_MS = 60 * 1000;

export interface EntryFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every entry file of a build cache; [] when the directory does not exist. Links are never
 * followed: a `<xx>` that is a symlink is not entered, and an entry that is not a regular file
 * with one name is not one (a restored archive holds no links, but a runner that kept its HOME
 * may).
 */
export async function entryFiles(gocache: string): Promise<EntryFile[]> {
  let subdirs: string[];
  try {
    subdirs = (await fs.readdir(gocache, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && SUBDIR.test(d.name))
      .map((d) => d.name);
  } catch {
    return [];
  }
  const out: EntryFile[] = [];
  await Promise.all(
    subdirs.map(async (sub) => {
      const dir = path.join(gocache, sub);
      let names: Dirent[];
      try {
        names = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of names) {
        if (!e.isFile() || !ENTRY.test(e.name)) continue;
        const p = path.join(dir, e.name);
        try {
          const st = await fs.lstat(p);
          // A second name of a file (a hard link) could be anyone's: re-dating it would re-date that.
          if (st.isFile() && st.nlink === 1)
            out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          // removed meanwhile (Go's own trim): not an entry any more
        }
      }
    }),
  );
  return out;
}

/**
 * Dates every entry back to BACKDATE_MS before `now` and returns their count and bytes.
 * Afterwards Go marks each entry it uses with the current time. Entries already that old (a
 * saved cache's entries are dated back before the save, see {@link dateBack}) are left as they
 * are: only entries from the last two hours (a cache saved without it, a runner that kept its
 * HOME) cost a system call.
 */
export async function backdateEntries(
  gocache: string,
  now: number,
): Promise<{ entries: number; bytes: number; redated: number }> {
  const files = await entryFiles(gocache);
  const recent = files.filter((f) => f.mtimeMs > now - BACKDATE_MS);
  await dateBack(recent, now);
  return {
    entries: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    redated: recent.length,
  };
}

/** Sets the entries' mtime (and atime) to BACKDATE_MS before `now`; a link's own, if one is there. */
export async function dateBack(files: readonly EntryFile[], now: number): Promise<void> {
  const old = new Date(now - BACKDATE_MS);
  await Promise.all(files.map((f) => fs.lutimes(f.path, old, old).catch(() => undefined)));
}

/** Which entries a trim would keep: those used or written since `mark`. Pure. */
export function partitionEntries(
  files: readonly EntryFile[],
  mark: number,
): { keep: EntryFile[]; drop: EntryFile[] } {
  const keep: EntryFile[] = [];
  const drop: EntryFile[] = [];
  for (const f of files) (f.mtimeMs >= mark - SLACK_MS ? keep : drop).push(f);
  return { keep, drop };
}

/** Removes the entries nobody used (partitionEntries' `drop`) and says how much went. */
export async function trimEntries(
  drop: readonly EntryFile[],
): Promise<{ removed: number; removedBytes: number }> {
  // unlink removes a name, never what a link there points to.
  await Promise.all(drop.map((f) => fs.unlink(f.path).catch(() => undefined)));
  return { removed: drop.length, removedBytes: drop.reduce((n, f) => n + f.size, 0) };
}

/** Total size of the regular files under `dir` (0 when it does not exist). */
export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  await walkTree(dir, async (p, e) => {
    if (!e.isFile()) return;
    const { size } = await fs.lstat(p).catch(() => ({ size: 0 }));
    total += size; // after the await: `total += await …` would read total too early
  });
  return total;
}

/**
 * Makes every directory under `dir` writable by its owner. Go leaves extracted modules read-only
 * (0555 dirs); unpacking a restored module cache over one that already holds the same modules
 * (a self-hosted runner, an earlier step) would fail to create files in them otherwise. Go does
 * not depend on those modes: it verifies modules by their hashes.
 */
export async function makeDirsWritable(dir: string): Promise<number> {
  let changed = 0;
  await walkTree(dir, async (p, e) => {
    if (!e.isDirectory()) return;
    const st = await fs.lstat(p);
    if (!st.isDirectory()) return;
    if ((st.mode & 0o200) === 0) {
      await fs.chmod(p, st.mode | 0o200);
      changed += 1;
    }
  });
  return changed;
}

/** True when the directory exists and holds at least one entry (file or directory). */
export async function nonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length > 0;
  } catch {
    return false;
  }
}
