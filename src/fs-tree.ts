import { isUtf8 } from 'node:buffer';
import fsSync, { type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Visits every entry under `dir`, siblings concurrently; a directory is visited before its
 * contents, and entered only when `descend` (default: always) says so. Missing or unreadable
 * directories are skipped.
 */
export async function walkTree(
  dir: string,
  visit: (file: string, entry: Dirent) => Promise<void> | void,
  descend: (entry: Dirent) => boolean = () => true,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.map(async (e) => {
      const p = path.join(dir, e.name);
      await visit(p, e);
      if (e.isDirectory() && descend(e)) await walkTree(p, visit, descend);
    }),
  );
}

/** `512 B`, `1.5 KiB`, `12.3 MiB`: the one way sizes are written in logs and the summary. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * File names are bytes on Linux and need not be UTF-8: a name holding the byte 0xff is valid, and
 * git commits it. Read the usual way, Node replaces such a byte with U+FFFD, and the string then
 * names another file or none. So the slug's copy and its archive read names with {@link readNames}:
 * each byte that is not part of well-formed UTF-8 becomes the lone surrogate U+DC80…U+DCFF
 * (byte 0x80…0xff, as Python's `surrogateescape`, PEP 383), every other character is itself.
 * The mapping is one to one (well-formed UTF-8 never decodes to a lone surrogate), so the string
 * names exactly one file, `path` and the `.slugignore` matcher work on it as on any name, and
 * {@link fsPath} gives the bytes back for fs calls. `quote`/`show` print such a byte as `\xNN`.
 */
export function decodeName(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return buf.toString('utf8');
  let out = '';
  let run = 0;
  for (let i = 0; i < buf.length;) {
    const n = utf8SequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += `${buf.toString('utf8', run, i)}${String.fromCharCode(0xdc00 + buf[i]!)}`;
    i += 1;
    run = i;
  }
  return out + buf.toString('utf8', run);
}

/** A byte that decodeName escaped: a low surrogate in U+DC80…U+DCFF not after a high one. */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = new RegExp(`(${ESCAPED_BYTE.source})`);

/** Whether the name is UTF-8 on disk (it holds no byte that decodeName escaped). */
export function isUtf8Name(name: string): boolean {
  return !ESCAPED_BYTE.test(name);
}

/** The bytes of a name from decodeName (for any other string: its UTF-8). */
export function encodeName(name: string): Buffer {
  if (isUtf8Name(name)) return Buffer.from(name, 'utf8');
  // split with a capturing group: the escaped bytes at the odd places.
  return Buffer.concat(
    name
      .split(ESCAPED_BYTES)
      .map((part, i) =>
        i % 2 === 1 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8'),
      ),
  );
}

/** The path for an fs call: the string itself when it is UTF-8 on disk, else its bytes. */
export function fsPath(p: string): string | Buffer {
  return isUtf8Name(p) ? p : encodeName(p);
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 when there is none. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  const cont = (at: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + at];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    // E0 A0…: no overlong form; ED …9F: no UTF-16 surrogate.
    const ok = cont(1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(2);
    return ok ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    // F0 90…: no overlong form; F4 …8F: nothing past U+10FFFF.
    const ok = cont(1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3);
    return ok ? 4 : 0;
  }
  return 0;
}

export interface NamedEntry {
  /** The name as decodeName gives it. */
  name: string;
  entry: Dirent<Buffer>;
}

/** A directory's entries, names byte-exact (decodeName), in byte order of the names. */
export function readNames(dir: string): NamedEntry[] {
  return fsSync
    .readdirSync(fsPath(dir), { encoding: 'buffer', withFileTypes: true })
    .sort((a, b) => Buffer.compare(a.name, b.name))
    .map((entry) => ({ name: decodeName(entry.name), entry }));
}

/** A directory, following links; false when nothing (reachable) is there. */
export function isDirectory(p: string): boolean {
  try {
    return fsSync.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * rm -rf that also works as a non-root user on a tree holding read-only directories (an
 * extracted archive, Go's module cache): on EACCES/EPERM every directory is made writable and
 * searchable by its owner, without following symlinks, and the removal is tried again.
 */
export function removeTree(dir: string): void {
  try {
    fsSync.rmSync(dir, { recursive: true, force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY') throw err;
  }
  openDirs(dir);
  fsSync.rmSync(dir, { recursive: true, force: true });
}

/** Byte-exact names (readNames): a directory whose name is not UTF-8 is opened too. */
function openDirs(dir: string): void {
  let st: fsSync.Stats;
  try {
    st = fsSync.lstatSync(fsPath(dir));
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  if ((st.mode & 0o700) !== 0o700) fsSync.chmodSync(fsPath(dir), st.mode | 0o700);
  for (const { name, entry } of readNames(dir)) {
    if (entry.isDirectory()) openDirs(path.join(dir, name));
  }
}
