import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { removeTree } from '../fs-tree.js';
import type { EntryFile } from './gocache.js';

/**
 * Build-cache layers (docs/caches.md). A saved build cache is a *base*: the entries one build
 * used, trimmed. Packing and uploading it again costs every job the whole cache, so a job whose
 * build adds a little saves a *layer* instead: the entries it used that its base lacks (what it
 * compiled, and what the layer it restored gave it that it used again), keyed to that base
 * (keys.ts `layerCacheKey`) and restored over it. Layers are cumulative, so a job restores one
 * base and the newest layer of that base; when the layer grows to a real share of the build, the
 * job saves a new base instead (save-rule.ts), which folds it in.
 *
 * A layer is packed from, and restored as, a directory beside GOCACHE (`<GOCACHE>.go-paas-build-
 * layer`): the cache service derives an entry's version from the paths saved, so the path must be
 * the same on every runner with that GOCACHE, and a restore places its members into GOCACHE.
 */
export function layerDir(gocache: string): string {
  return `${path.resolve(gocache)}.go-paas-build-layer`;
}

const ENTRY_NAME = /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/;

/** An entry file's name as the layer and the base list name it: `ab/<64 hex>-d`. */
export function entryName(gocache: string, file: string): string {
  return path.relative(gocache, file).split(path.sep).join('/');
}

/**
 * Writes the names of the entries GOCACHE holds (the base, just restored) to a new file: the post
 * step tells from it which entries the base lacks. Names only (no stat), in one write.
 */
export async function writeBaseNames(file: string, gocache: string): Promise<number> {
  const names: string[] = [];
  let subdirs: import('node:fs').Dirent[];
  try {
    subdirs = await fs.readdir(gocache, { withFileTypes: true });
  } catch {
    subdirs = [];
  }
  await Promise.all(
    subdirs
      .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
      .map(async (d) => {
        const entries = await fs
          .readdir(path.join(gocache, d.name), { withFileTypes: true })
          .catch(() => []);
        for (const e of entries) {
          const name = `${d.name}/${e.name}`;
          if (e.isFile() && ENTRY_NAME.test(name)) names.push(name);
        }
      }),
  );
  await fs.writeFile(file, names.join('\n'), { flag: 'wx', mode: 0o600 });
  return names.length;
}

/** The base's entry names, or undefined when the list cannot be read (then no layer is made). */
export async function readBaseNames(file: string): Promise<Set<string> | undefined> {
  try {
    const text = await fs.readFile(file, 'utf8');
    return new Set(text.split('\n').filter((n) => ENTRY_NAME.test(n)));
  } catch {
    return undefined;
  }
}

/** A new file name for the base list in `dir` (the runner's temp dir). */
export function baseNamesFile(dir: string): string {
  return path.join(dir, `go-paas-build-base-${randomBytes(6).toString('hex')}.txt`);
}

/**
 * Lays the layer's entry files out in {@link layerDir}, made anew (whatever stood there is
 * removed, a link included, never followed): each copied as a new file (cloned where the file
 * system can), not hard-linked: an entry with a second name is no entry to the trim and the
 * re-dating (gocache.ts), which a layer dir left behind would make of it. Returns the directory,
 * which the caller removes after the save.
 */
export async function stageLayer(
  gocache: string,
  files: readonly EntryFile[],
  /** The copies' mtime: dated back, as a saved base's entries are (gocache.ts `dateBack`). */
  mtime: Date,
): Promise<string> {
  const dir = layerDir(gocache);
  removeTree(dir);
  await fs.mkdir(dir, { mode: 0o700 });
  const made = new Set<string>();
  for (const f of files) {
    const name = entryName(gocache, f.path);
    if (!ENTRY_NAME.test(name)) continue;
    const sub = name.slice(0, 2);
    if (!made.has(sub)) {
      await fs.mkdir(path.join(dir, sub));
      made.add(sub);
    }
    const to = path.join(dir, name);
    await fs.copyFile(f.path, to, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
    await fs.utimes(to, mtime, mtime);
  }
  return dir;
}
