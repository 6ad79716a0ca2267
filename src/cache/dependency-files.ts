import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { walkTree } from '../fs-tree.js';
import { show } from '../trust/log-text.js';
import { confine, realRoot, type Root } from '../trust/paths.js';

/** One file that feeds the module-cache key: its path (for renames) and its content digest. */
export interface HashedFile {
  /** Path relative to the directory it was found from, with `/` separators. */
  rel: string;
  sha256: string;
}

/** Directories Go itself ignores (or that hold no module's own dependencies). */
const SKIPPED_DIR = /^(?:[._].*|vendor|testdata|node_modules)$/;
const SUM_FILE = /^go(?:\.work)?\.sum$/;

export interface DependencyFiles {
  files: HashedFile[];
  /** For the log: what the key was computed from. */
  description: string;
  /** Set when cache-dependency-path matched nothing (the key falls back to the defaults). */
  unmatched?: string;
}

function digest(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function toHashed(root: string, files: string[]): HashedFile[] {
  return files.map((f) => ({
    rel: path.relative(root, f).split(path.sep).join('/'),
    sha256: digest(f),
  }));
}

/**
 * go.sum and go.work.sum files of the app, nested modules included, sorted. `slug/` is where the
 * workstation CLI writes its output (with setup-gopath-in-image, a copy of the sources).
 */
export async function findSumFiles(appDir: string): Promise<string[]> {
  const found: string[] = [];
  await walkTree(
    appDir,
    (p, e) => {
      if (!e.isDirectory() && SUM_FILE.test(e.name)) found.push(p);
    },
    (e) => !SKIPPED_DIR.test(e.name) && e.name !== 'slug',
  );
  return found.sort();
}

/** Each file, symlinks followed, must stay inside the root it was found from (SPEC §9). */
function confined(root: Root, files: string[], label: (file: string) => string): string[] {
  return files.map((f) =>
    confine(root, path.relative(root.dir, f), {
      label: label(f),
      accepted: 'the files that key the module cache must be inside it',
    }),
  );
}

async function globFiles(workspace: string, patterns: string[]): Promise<string[]> {
  const { create } = await import('@actions/glob');
  const absolute = patterns.map((p) => {
    const negated = p.startsWith('!');
    const body = negated ? p.slice(1) : p;
    const abs = path.isAbsolute(body) ? body : path.join(workspace, body);
    return negated ? `!${abs}` : abs;
  });
  const globber = await create(absolute.join('\n'), { matchDirectories: false });
  const files = await globber.glob();
  return files.filter((f) => fs.statSync(f).isFile()).sort();
}

/**
 * The files whose contents key the module cache: `cache-dependency-path` globs (relative to the
 * workspace, like `hashFiles`), else the app's go.sum / go.work.sum files, else its go.mod and
 * go.work (an app without dependencies). Undefined when there is nothing to key on: the app does
 * not use modules.
 */
export async function dependencyFiles(
  app: Root,
  workspaceDir: string,
  patterns: readonly string[],
): Promise<DependencyFiles | undefined> {
  const appDir = app.dir;
  const ws = realRoot(workspaceDir, 'the workspace');
  const workspace = ws.dir;
  let unmatched: string | undefined;
  if (patterns.length > 0) {
    const matched = await globFiles(workspace, [...patterns]);
    if (matched.length > 0) {
      const files = confined(
        ws,
        matched,
        (f) => `cache-dependency-path match ${path.relative(workspace, f)}`,
      );
      return {
        files: toHashed(workspace, files),
        description: `${files.length} file(s) matching cache-dependency-path`,
      };
    }
    unmatched = patterns.join(', ');
  }
  const sums = confined(app, await findSumFiles(appDir), (f) => path.relative(appDir, f));
  if (sums.length > 0) {
    const rels = sums.map((f) => show(path.relative(appDir, f)));
    return {
      files: toHashed(appDir, sums),
      description: rels.length <= 3 ? rels.join(', ') : `${rels.length} go.sum files`,
      unmatched,
    };
  }
  const mods = confined(
    app,
    ['go.mod', 'go.work'].map((n) => path.join(appDir, n)).filter((f) => fs.existsSync(f)),
    (f) => path.basename(f),
  );
  if (mods.length > 0) {
    return {
      files: toHashed(appDir, mods),
      description: `${mods.map((f) => path.basename(f)).join(', ')} (no go.sum)`,
      unmatched,
    };
  }
  return undefined;
}
