import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { decodeName, fsPath, readNames } from '../fs-tree.js';

export interface CopyOptions {
  /** Real paths never copied: the slug's own directory and its temporary sibling (the CLI writes
   *  them inside the app). */
  skip: readonly string[];
  /** `.slugignore` patterns (gitignore syntax, relative to the app root). */
  slugignore?: readonly string[];
  /** Copy only these top-level entries (app-files: false keeps bin/ and .profile.d/). */
  only?: readonly string[];
}

export interface Copied {
  files: number;
  links: number;
  /** Entries `.slugignore` left out (relative paths, names as decodeName gives them; directories
   *  end with `/`). */
  ignored: string[];
}

/**
 * Copies an app's files the way a platform's slug holds them: every regular file with its mode,
 * every directory, every symlink as a symlink (never followed, so nothing from outside the app is
 * pulled in); `.git` (the repository, or a submodule's link) and what `.slugignore` names are
 * left out; sockets and devices are skipped. It recurses by hand rather than with fs.cpSync, which
 * refuses a destination inside the source (the CLI's default output is `<app>/slug`). Names and
 * link targets are copied byte for byte, UTF-8 or not (fs-tree's readNames); `.slugignore`
 * patterns match those same names, so a byte that is not UTF-8 is matched by itself or a wildcard.
 *
 * Files are cloned where the file system can (a reflink: copy-on-write, so a later write to the
 * slug never reaches the app), else copied. An entry already where one is written (the GOPATH
 * sources laid over the app's own `src/`) is replaced, never written through: a symlink there is
 * removed, not followed.
 */
export function copyAppFiles(from: string, to: string, opts: CopyOptions): Copied {
  const matcher = ignore().add([...(opts.slugignore ?? [])]);
  const skip = new Set(opts.skip);
  const out: Copied = { files: 0, links: 0, ignored: [] };
  const walk = (srcDir: string, destDir: string, rel: string): void => {
    for (const { name, entry: e } of readNames(srcDir)) {
      const r = rel ? `${rel}/${name}` : name;
      const src = path.join(srcDir, name);
      const dest = path.join(destDir, name);
      if (name === '.git' || skip.has(src)) continue;
      if (!rel && opts.only && !opts.only.includes(name)) continue;
      const isDir = e.isDirectory();
      if (matcher.ignores(isDir ? `${r}/` : r)) {
        out.ignored.push(isDir ? `${r}/` : r);
        continue;
      }
      if (isDir) {
        makeDir(fsPath(dest));
        walk(src, dest, r);
        // After its contents: a read-only directory of the app stays read-only in the slug.
        fs.chmodSync(fsPath(dest), fs.statSync(fsPath(src)).mode & 0o7777);
      } else if (e.isSymbolicLink()) {
        const target = fs.readlinkSync(fsPath(src), { encoding: 'buffer' });
        replacing(fsPath(dest), (d) => fs.symlinkSync(target, d));
        out.links += 1;
      } else if (e.isFile()) {
        // copyFile keeps the permission bits; EXCL: it never opens what is already there.
        replacing(fsPath(dest), (d) => fs.copyFileSync(fsPath(src), d, COPY_FLAGS));
        out.files += 1;
      }
    }
  };
  fs.mkdirSync(fsPath(to), { recursive: true });
  walk(from, to, '');
  return out;
}

/** A clone where the file system can, else a copy; an existing destination is an error. */
const COPY_FLAGS = fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE;

/** `mkdir`; over anything but a directory already there (a file, a symlink), in its place. */
function makeDir(dest: string | Buffer): void {
  try {
    fs.mkdirSync(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (fs.lstatSync(dest).isDirectory()) return;
    fs.rmSync(dest, { force: true });
    fs.mkdirSync(dest);
  }
}

/** Creates `dest` with `create`, which fails on an existing entry; then again in its place. */
function replacing(dest: string | Buffer, create: (dest: string | Buffer) => void): void {
  try {
    create(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    fs.rmSync(dest, { recursive: true, force: true });
    create(dest);
  }
}

/**
 * The patterns of a `.slugignore` (blank lines and `#` comments dropped). Its bytes are decoded
 * as names are (decodeName), so a pattern naming a file that is not UTF-8 names that very file.
 */
export function slugignorePatterns(text: Buffer | string | undefined): string[] {
  return (typeof text === 'string' ? text : decodeName(text ?? Buffer.alloc(0)))
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
