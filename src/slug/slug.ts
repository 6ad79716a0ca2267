import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { BuiltBinary } from '../compile/targets.js';
import { removeTree } from '../fs-tree.js';
import { run } from '../runtime/exec.js';
import { show } from '../trust/log-text.js';
import { confine, realRoot } from '../trust/paths.js';
import { copyAppFiles, type Copied } from './app-files.js';

export interface Slug {
  dir: string;
  binaries: string[];
  procfile: string;
}

export interface SlugExtras {
  /** install-tools-in-image: this GOROOT is copied to `.heroku/go`. */
  goroot?: string;
  /** setup-gopath-in-image: the app's sources go to `src/<importPath>`. */
  gopathSources?: { appDir: string; importPath: string };
}

export interface SlugApp {
  /** Real path of the app directory. */
  dir: string;
  /** app-files: every file of the app; otherwise only its bin/ and .profile.d/. */
  files: boolean;
  /** `.slugignore` patterns. */
  slugignore: string[];
}

/** Heroku's `.profile.d/go.sh`: the binaries are on PATH, so `web: myapp` runs bin/myapp. */
export const PROFILE_GO_SH = 'PATH=$PATH:$HOME/bin\n';

async function copyTree(from: string, to: string): Promise<void> {
  fs.mkdirSync(to, { recursive: true });
  // cp -a keeps modes and symlinks, and is several times faster than a JS copy of a GOROOT.
  const res = await run('cp', ['-a', `${from}/.`, to], {
    cwd: from,
    env: process.env,
    quiet: true,
  });
  if (res.code !== 0) throw new Error(`cp -a ${from} ${to} failed: ${res.stderr.trim()}`);
}

/**
 * Writes the slug (SPEC §6): the app's files (or, without app-files, its bin/ and .profile.d/),
 * `bin/<name>` (0755) for each binary beside them, the Procfile, `.profile.d/go.sh`, and the
 * optional toolchain and GOPATH layout. Its root is the app's root, as on the platforms. It is
 * assembled in a temporary sibling and renamed into place, so a failure never leaves a
 * half-written slug.
 */
export async function writeSlug(
  dir: string,
  app: SlugApp,
  binaries: BuiltBinary[],
  procfile: string,
  extras: SlugExtras = {},
): Promise<Slug & { copied: Copied }> {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.tmp-`));
  // The slug and its temporary sibling may be inside the app (the CLI's <app>/slug).
  const skip = [dir, tmp];
  try {
    // The app's files first (what the app and its hooks put in bin/ included), then ours over them.
    const copied = copyAppFiles(app.dir, tmp, {
      skip,
      slugignore: app.slugignore,
      only: app.files ? undefined : ['bin', '.profile.d'],
    });
    const at = writer(tmp);
    const placed: string[] = [];
    for (const b of binaries) {
      if (!fs.existsSync(b.path)) {
        throw new UserError(
          `Go reported ${show(b.path)} for ${show(b.package)}, but no file is there`,
        );
      }
      const name = path.basename(b.path);
      const dest = at(`bin/${name}`);
      // A clone where the file system can (copy-on-write: a later write to either file leaves the
      // other as it is), else a copy; never a hard link, through which a later step writing to
      // the slug's file in place would change GOBIN's too.
      fs.copyFileSync(b.path, dest, fs.constants.COPYFILE_FICLONE);
      fs.chmodSync(dest, 0o755);
      placed.push(path.join(dir, 'bin', name));
    }
    fs.writeFileSync(at('Procfile'), procfile);
    fs.writeFileSync(at('.profile.d/go.sh'), PROFILE_GO_SH, { mode: 0o644 });
    if (extras.goroot) {
      await copyTree(extras.goroot, at('.heroku/go'));
      fs.writeFileSync(
        at('.profile.d/goroot.sh'),
        'export GOROOT=$HOME/.heroku/go\nPATH=$PATH:$GOROOT/bin\n',
        { mode: 0o644 },
      );
    }
    if (extras.gopathSources) {
      const { appDir, importPath } = extras.gopathSources;
      // The plan checked it is an import path; the gate keeps it inside the slug all the same.
      const src = at(`src/${importPath}`);
      // The sources as they are (no .slugignore: they are for building), links as links.
      copyAppFiles(appDir, src, { skip });
      // A folder name can be the import path: quoted, so that sourcing the script runs nothing.
      const word = /^[\w.~+/-]+$/.test(importPath)
        ? importPath
        : `'${importPath.replace(/'/g, `'\\''`)}'`;
      fs.writeFileSync(
        at('.profile.d/zzgopath.sh'),
        `export GOPATH=$HOME\ncd $GOPATH/src/${word}\n`,
        { mode: 0o644 },
      );
    }
    fs.chmodSync(tmp, 0o755);
    removeTree(dir);
    fs.renameSync(tmp, dir);
    return { dir, binaries: placed, procfile, copied };
  } catch (err) {
    removeTree(tmp);
    throw err;
  }
}

/**
 * Where the action writes `rel` in the slug being assembled: its directory, symlinks resolved,
 * must be inside the slug (an app's `.profile.d` or `src` that is a symlink cannot redirect the
 * write), and a file or symlink the app had there is removed first, so that the write replaces
 * it instead of going through it.
 */
function writer(tmp: string): (rel: string) => string {
  const root = realRoot(tmp, 'the slug');
  return (rel) => {
    const parent = confine(root, path.posix.dirname(rel), {
      label: `the slug's ${rel}`,
      allowRoot: true,
      accepted: "the app's symlinks cannot redirect what the action writes into the slug",
    });
    fs.mkdirSync(parent, { recursive: true });
    const target = path.join(parent, path.posix.basename(rel));
    const st = fs.lstatSync(target, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) fs.rmSync(target, { force: true });
    return target;
  };
}
