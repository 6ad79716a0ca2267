import path from 'node:path';
import { bad } from '../trust/refusal.js';
import { isUtf8Name, readNames } from '../fs-tree.js';
import { run } from '../runtime/exec.js';
import { quote } from '../trust/log-text.js';
import { packTree, type Packed as PackedTree } from './tar.js';

export interface Packed extends PackedTree {
  path: string;
}

/** zlib level of the slug archive: chosen by measurement (docs/performance.md). */
export const SLUG_GZIP_LEVEL = 1;
/** 1980-01-01T00:00:00Z: the members' mtime when neither SOURCE_DATE_EPOCH nor a commit gives one. */
export const FALLBACK_MTIME = 315_532_800;

/**
 * SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds since 1970-01-01 UTC.
 * A malformed value is an error, not something to guess around.
 */
export function sourceDateEpoch(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) {
    throw bad('SOURCE_DATE_EPOCH', raw, 'not valid; use whole seconds since 1970-01-01 UTC');
  }
  return Number(raw);
}

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
export async function packSlug(
  slugDir: string,
  name: string,
  mtime: number,
  /** `./app/`: Heroku's slug format, every file under it. */
  prefix?: string,
): Promise<Packed> {
  const target = path.join(path.dirname(slugDir), `${name}.tar.gz`);
  const packed = await packTree(slugDir, target, { mtime, level: SLUG_GZIP_LEVEL, prefix });
  return { ...packed, path: target };
}

/**
 * The regular files under `dir` (what a zip artifact holds), sorted, and the symlinks, left out:
 * the artifact client would follow them, pulling in content from wherever they point. Names are
 * byte-exact (readNames), so that zipRefusal sees the ones a zip cannot hold.
 */
export function listFiles(dir: string): { files: string[]; links: string[] } {
  const files: string[] = [];
  const links: string[] = [];
  const visit = (at: string): void => {
    for (const { name, entry } of readNames(at)) {
      const p = path.join(at, name);
      if (entry.isSymbolicLink()) links.push(p);
      else if (entry.isFile()) files.push(p);
      else if (entry.isDirectory()) visit(p);
    }
  };
  visit(dir);
  return { files: files.sort(), links: links.sort() };
}

/** What @actions/artifact refuses in an uploaded file's path (its validateFilePath). */
const REFUSED_BY_SERVICE = /[":<>|*?\r\n]/;

/**
 * Why a zip artifact cannot hold these files of the slug, in one line, or undefined when it can.
 * The artifact client takes paths as strings and zips names as UTF-8: a name that is not UTF-8
 * would be read as another file or none (Node writes U+FFFD for the byte), so it cannot be
 * uploaded as it is; and the client refuses `"` `:` `<` `>` `|` `*` `?` and line breaks in a path
 * with a message of several lines, after the build. Both are refused here, before any upload,
 * naming the first such file (in sorted order) and the two ways out.
 */
export function zipRefusal(slugDir: string, files: readonly string[]): string | undefined {
  const bad = files
    .map((f) => path.relative(slugDir, f))
    .filter((rel) => !isUtf8Name(rel) || REFUSED_BY_SERVICE.test(rel));
  const first = bad[0];
  if (first === undefined) return undefined;
  const why = isUtf8Name(first)
    ? 'the artifact service refuses " : < > | * ? and line breaks in file names'
    : 'its name is not UTF-8, and a zip artifact holds UTF-8 names only';
  const others = bad.length - 1;
  const more = others ? ` (and ${others} other file${others > 1 ? 's' : ''})` : '';
  return `artifact-format: zip cannot hold the slug's file ${quote(first)}${more}: ${why}; use artifact-format: tgz, which keeps every name byte for byte, or leave ${others ? 'them' : 'it'} out with .slugignore`;
}
