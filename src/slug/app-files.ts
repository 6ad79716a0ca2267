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
        fs.mkdirSync(fsPath(dest), { recursive: true });
        walk(src, dest, r);
        // After its contents: a read-only directory of the app stays read-only in the slug.
        fs.chmodSync(fsPath(dest), fs.statSync(fsPath(src)).mode & 0o7777);
      } else if (e.isSymbolicLink()) {
        fs.symlinkSync(fs.readlinkSync(fsPath(src), { encoding: 'buffer' }), fsPath(dest));
        out.links += 1;
      } else if (e.isFile()) {
        // copyFile keeps the permission bits.
        fs.copyFileSync(fsPath(src), fsPath(dest));
        out.files += 1;
      }
    }
  };
  fs.mkdirSync(to, { recursive: true });
  walk(from, to, '');
  return out;
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
