import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { quote, show } from './log-text.js';

/**
 * The one gate for paths (SPEC §9): a path built from an input, an app file or the network is
 * resolved with every symlink followed, then must stay inside the root it belongs to (the
 * workspace, the app, `$GOPATH/src`, the slug root). Callers use the real path it returns, so
 * the kernel never meets a `..` or a symlink that was not checked.
 */
export interface Root {
  /** Real path of the root (see realRoot). */
  dir: string;
  /** How errors name it: `the workspace`, `the app directory`, `$GOPATH/src`. */
  name: string;
}

/** A root for confine: its real path (created first when `create`). */
export function realRoot(dir: string, name: string, create = false): Root {
  if (create) fs.mkdirSync(dir, { recursive: true });
  return { dir: resolveReal(path.resolve(dir)), name };
}

const MAX_LINKS = 40;

class LinkLoop extends Error {}

/**
 * The real path of `abs`, following every symlink, also through parts that do not exist yet
 * (a dangling symlink is followed to where a write through it would land).
 */
export function resolveReal(abs: string, links = 0): string {
  try {
    return fs.realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new LinkLoop(abs);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
  }
  const parent = path.dirname(abs);
  if (parent === abs) return abs;
  const realParent = resolveReal(parent, links);
  const here = path.join(realParent, path.basename(abs));
  let st: fs.Stats;
  try {
    st = fs.lstatSync(here);
  } catch {
    return here; // does not exist: nothing more to follow
  }
  if (!st.isSymbolicLink()) return here;
  if (links >= MAX_LINKS) throw new LinkLoop(abs);
  return resolveReal(path.resolve(realParent, fs.readlinkSync(here)), links + 1);
}

/** Whether real path `p` is inside `root` (or is the root, when allowed). */
export function isInside(root: string, p: string, allowRoot = false): boolean {
  const rel = path.relative(root, p);
  if (rel === '') return allowRoot;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export interface ConfineOptions {
  /** Names the input, or the file and field, in errors. */
  label: string;
  /** The root itself is an acceptable answer (working-directory `.`). */
  allowRoot?: boolean;
  /** What to say instead of "use a path inside it". */
  accepted?: string;
}

/**
 * Resolves `value` (relative to the root, or absolute) and returns its real path, or fails with
 * one line naming the label, the value and the root. Symlinks count where they lead.
 */
export function confine(root: Root, value: string, opts: ConfineOptions): string {
  const accepted = opts.accepted ?? 'use a path inside it';
  const lexical = path.resolve(root.dir, value);
  const where = `${root.name} (${show(root.dir)})`;
  if (!isInside(root.dir, lexical, opts.allowRoot)) {
    const what = lexical === root.dir ? `is ${root.name} itself` : `is outside ${where}`;
    throw new UserError(`${opts.label}: ${quote(value)} ${what}; ${accepted}`);
  }
  let real: string;
  try {
    real = resolveReal(lexical);
  } catch (err) {
    if (err instanceof LinkLoop) {
      throw new UserError(`${opts.label}: ${quote(value)} is a symlink loop; ${accepted}`);
    }
    throw new UserError(
      `${opts.label}: ${quote(value)} cannot be resolved (${(err as NodeJS.ErrnoException).code ?? 'error'}); ${accepted}`,
    );
  }
  if (!isInside(root.dir, real, opts.allowRoot)) {
    throw new UserError(
      `${opts.label}: ${quote(value)} leads outside ${where} through a symlink, to ${quote(real)}; ${accepted}`,
    );
  }
  return real;
}

/**
 * An app file's text, read only when the file, symlinks followed, is inside the root; undefined
 * when it does not exist or is not a regular file. A symlink out of the root is refused.
 */
export function readInside(root: Root, rel: string, label = rel): string | undefined {
  return readBytesInside(root, rel, label)?.toString('utf8');
}

/** readInside's bytes, for a file whose text need not be UTF-8 (`.slugignore` names files). */
export function readBytesInside(root: Root, rel: string, label = rel): Buffer | undefined {
  try {
    fs.lstatSync(path.join(root.dir, rel));
  } catch {
    return undefined;
  }
  const real = confine(root, rel, {
    label,
    accepted: 'replace the symlink with the file itself',
  });
  try {
    return fs.statSync(real).isFile() ? fs.readFileSync(real) : undefined;
  } catch {
    return undefined;
  }
}
