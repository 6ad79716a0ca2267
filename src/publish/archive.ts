import path from 'node:path';
import { walkTree } from '../fs-tree.js';
import { run } from '../runtime/exec.js';
import { packTree, type Packed as PackedTree } from './tar.js';

export interface Packed extends PackedTree {
  path: string;
}

/** zlib level of the slug archive: chosen by measurement (README, Performance). */
export const SLUG_GZIP_LEVEL = 1;
/** 1980-01-01T00:00:00Z: the members' mtime when neither SOURCE_DATE_EPOCH nor a commit gives one. */
export const FALLBACK_MTIME = 315_532_800;

/**
 * The one mtime of every member: SOURCE_DATE_EPOCH, else the commit time of HEAD in the app's
 * repository, else {@link FALLBACK_MTIME}. The same sources give the same archive.
 */
export async function slugMtime(
  appDir: string,
  sourceDateEpoch: number | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  if (sourceDateEpoch !== undefined) return sourceDateEpoch;
  try {
    const res = await run('git', ['-C', appDir, 'log', '-1', '--format=%ct'], {
      cwd: appDir,
      env,
      quiet: true,
    });
    const t = res.stdout.trim();
    if (res.code === 0 && /^\d{1,12}$/.test(t)) return Number(t);
  } catch {
    // no git: the constant
  }
  return FALLBACK_MTIME;
}

/**
 * Packs a slug directory as `<dir's parent>/<name>.tar.gz` (src/publish/tar.ts: deterministic,
 * modes and symlinks kept, owned by 0:0, what a platform extracts as the app's user).
 */
export async function packSlug(slugDir: string, name: string, mtime: number): Promise<Packed> {
  const target = path.join(path.dirname(slugDir), `${name}.tar.gz`);
  const packed = await packTree(slugDir, target, { mtime, level: SLUG_GZIP_LEVEL });
  return { ...packed, path: target };
}

/**
 * The regular files under `dir` (what a zip artifact holds), sorted, and the symlinks, left out:
 * the artifact client would follow them, pulling in content from wherever they point.
 */
export async function listFiles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = [];
  const links: string[] = [];
  await walkTree(dir, (p, e) => {
    if (e.isSymbolicLink()) links.push(p);
    else if (e.isFile()) files.push(p);
  });
  return { files: files.sort(), links: links.sort() };
}
