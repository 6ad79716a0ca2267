import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { BuiltBinary } from '../build/targets.js';
import { removeTree } from '../fs-tree.js';
import { run } from '../runtime/exec.js';
import { show } from '../trust/log-text.js';
import { confine, realRoot } from '../trust/paths.js';

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
 * Writes the slug: `bin/<name>` (0755) for each binary, the Procfile, and the optional toolchain
 * and GOPATH layout (SPEC §6). It is assembled in a temporary sibling and renamed into place, so
 * a failure never leaves a half-written slug.
 */
export async function writeSlug(
  dir: string,
  binaries: BuiltBinary[],
  procfile: string,
  extras: SlugExtras = {},
): Promise<Slug> {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.tmp-`));
  try {
    fs.mkdirSync(path.join(tmp, 'bin'));
    const placed: string[] = [];
    for (const b of binaries) {
      const dest = path.join(tmp, 'bin', path.basename(b.path));
      if (!fs.existsSync(b.path)) {
        throw new UserError(
          `Go reported ${show(b.path)} for ${show(b.package)}, but no file is there`,
        );
      }
      fs.copyFileSync(b.path, dest);
      fs.chmodSync(dest, 0o755);
      placed.push(path.join(dir, 'bin', path.basename(b.path)));
    }
    fs.writeFileSync(path.join(tmp, 'Procfile'), procfile);
    if (extras.goroot) {
      await copyTree(extras.goroot, path.join(tmp, '.heroku', 'go'));
      writeProfile(tmp, 'goroot.sh', 'export GOROOT=$HOME/.heroku/go\nPATH=$PATH:$GOROOT/bin\n');
    }
    if (extras.gopathSources) {
      const { appDir, importPath } = extras.gopathSources;
      // The plan checked it is an import path; the gate keeps it inside the slug all the same.
      const src = confine(realRoot(path.join(tmp, 'src'), 'the slug', true), importPath, {
        label: 'setup-gopath-in-image import path',
        accepted: 'use an import path',
      });
      fs.cpSync(appDir, src, {
        recursive: true,
        verbatimSymlinks: true,
        // Neither the VCS data nor a slug written inside the app belong in the image.
        filter: (p) => path.basename(p) !== '.git' && path.resolve(p) !== path.resolve(dir),
      });
      // A folder name can be the import path: quoted, so that sourcing the script runs nothing.
      const word = /^[\w.~+/-]+$/.test(importPath)
        ? importPath
        : `'${importPath.replace(/'/g, `'\\''`)}'`;
      writeProfile(tmp, 'zzgopath.sh', `export GOPATH=$HOME\ncd $GOPATH/src/${word}\n`);
    }
    fs.chmodSync(tmp, 0o755);
    removeTree(dir);
    fs.renameSync(tmp, dir);
    return { dir, binaries: placed, procfile };
  } catch (err) {
    removeTree(tmp);
    throw err;
  }
}

function writeProfile(slug: string, name: string, text: string): void {
  fs.mkdirSync(path.join(slug, '.profile.d'), { recursive: true });
  fs.writeFileSync(path.join(slug, '.profile.d', name), text, { mode: 0o644 });
}
