import fs from 'node:fs';
import path from 'node:path';
import { readInside, type Root } from '../trust/paths.js';
import { isDirectory } from '../fs-tree.js';

/** What build-method detection (SPEC §3) needs to know about the app root, read once. */
export interface AppLayout {
  hasGoMod: boolean;
  hasGoWork: boolean;
  /** `GNUmakefile`, `makefile` or `Makefile`: the names GNU make reads without `-f` */
  hasMakefile: boolean;
  hasMainGo: boolean;
  hasClevercloudGoJson: boolean;
  /** text of Godeps/Godeps.json, validated later by parseGodeps */
  godepsJson?: string;
  /** text of vendor/vendor.json, validated later by parseVendorJson */
  vendorJson?: string;
  /** text of Gopkg.toml (dep), validated later by parseGopkgToml */
  gopkgToml?: string;
  /** glide.yaml: a manager the action does not support */
  hasGlideYaml: boolean;
  /** A `bin` that is not a directory: the slug's bin/ cannot be made (Heroku fails too). */
  binIsNotDir: boolean;
  /** A `bin` that is a symlink: the binaries would be written wherever it points. */
  binIsLink: boolean;
  /** A `.profile.d` that is a symlink: the slug's profile scripts would be written through it. */
  profileDIsLink: boolean;
  /** src/ holding a .go file at depth >= 2, like Heroku's `find src -mindepth 2 -name '*.go'` */
  hasGbSrc: boolean;
  /** gb: the directories directly under src/, each built as `<name>/...` */
  gbDirs: string[];
  hasVendorDir: boolean;
}

// The shell's `-f` / `-d` tests the platforms use follow symlinks; so does statSync.
function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Anything there, even a dangling symlink. */
function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * `find src -mindepth 2 -name '*.go'`: any entry (find has no -type there) whose name ends in
 * `.go`, at least two levels below src/. find's default -P mode does not descend into symlinked
 * directories, and it skips unreadable ones with a message; we skip them silently. Only whether
 * there is a hit matters, so the walk stops at the first one.
 */
function hasGoFileBelow(dir: string, entryDepth: number): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (entryDepth >= 2 && e.name.endsWith('.go')) return true;
  }
  for (const e of entries) {
    if (e.isDirectory() && hasGoFileBelow(path.join(dir, e.name), entryDepth + 1)) return true;
  }
  return false;
}

function hasGbSrcTree(appDir: string): boolean {
  const src = path.join(appDir, 'src');
  // lstat: a symlinked src/ is a starting point find does not follow under -P.
  let st: fs.Stats;
  try {
    st = fs.lstatSync(src);
  } catch {
    return false;
  }
  // Entries directly in src/ are at depth 1.
  return st.isDirectory() && hasGoFileBelow(src, 1);
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Look at the app root once; the only I/O of detection. The metadata files are read through
 * the path gate (a symlink out of the app is refused).
 */
export function scanApp(app: Root): AppLayout {
  const appDir = app.dir;
  const at = (...parts: string[]): string => path.join(appDir, ...parts);
  const layout: AppLayout = {
    hasGoMod: isFile(at('go.mod')),
    hasGoWork: isFile(at('go.work')),
    hasMakefile: ['GNUmakefile', 'makefile', 'Makefile'].some((name) => isFile(at(name))),
    hasMainGo: isFile(at('main.go')),
    hasClevercloudGoJson: isFile(at('clevercloud', 'go.json')),
    hasGbSrc: hasGbSrcTree(appDir),
    gbDirs: [],
    hasVendorDir: isDirectory(at('vendor')),
    hasGlideYaml: isFile(at('glide.yaml')),
    binIsNotDir: exists(at('bin')) && !isDirectory(at('bin')),
    binIsLink: fs.lstatSync(at('bin'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false,
    profileDIsLink:
      fs.lstatSync(at('.profile.d'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false,
  };
  if (layout.hasGbSrc) layout.gbDirs = subdirs(at('src'));
  const godeps = readInside(app, 'Godeps/Godeps.json');
  if (godeps !== undefined) layout.godepsJson = godeps;
  const gopkg = readInside(app, 'Gopkg.toml');
  if (gopkg !== undefined) layout.gopkgToml = gopkg;
  const vendorJson = readInside(app, 'vendor/vendor.json');
  if (vendorJson !== undefined) layout.vendorJson = vendorJson;
  return layout;
}
