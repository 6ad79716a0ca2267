import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsPath, readNames, removeTree } from '../fs-tree.js';
import { hostTag, pidAlive, STALE_AFTER_MS } from '../toolchain/install.js';
import { quote, show } from '../trust/log-text.js';
import type { TarMember, TarSink } from './tar-reader.js';

/**
 * Where a cache archive's members may go, and how they are written (SECURITY.md, "Caches").
 *
 * @actions/cache names members relative to GITHUB_WORKSPACE (`../../.cache/go-build/ab/…-d`,
 * `tar -P` keeps the `..`), so each name is resolved against the workspace and must land inside
 * the cache dir being restored. Everything is written into a staging dir inside the cache dir,
 * which holds only what this extraction made: files are created new (O_EXCL, O_NOFOLLOW),
 * directories by mkdir, and no link is ever made, so nothing is written through a link. Only
 * once the whole archive has been read, decompressed and checked is the staging dir moved into
 * place (commit); a bad archive is removed with it (discard), leaving the cache dir as it was.
 *
 * Go's caches hold regular files and directories only: a symlink or hard link member means the
 * archive was not made from one, and the whole archive is refused. Device and FIFO members are
 * dropped. Modes lose setuid, setgid, sticky and group/other write; a file stays readable and a
 * directory searchable by its owner. Read-only directories (Go's extracted modules, 0555) get
 * their mode only after the commit, so that the extraction and the move can write into them.
 */

/** A member the archive must not hold: the message names it (quoted) and says why. */
export class MemberError extends Error {}

/** Prefix of the staging dirs inside a cache dir (`.go-paas-build-restore-<host>-<pid>-<hex>`). */
const STAGING = '.go-paas-build-restore-';

export interface ExtractStats {
  files: number;
  dirs: number;
  bytes: number;
  /** Device and FIFO members left out. */
  dropped: number;
}

const O_NEW =
  fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;
const O_DIR = fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW;
const DIR_MODE = 0o755;

/** A member's place relative to the cache dir ('' for the dir itself); throws when outside. */
export function memberPath(workspace: string, cacheDir: string, name: string): string {
  return new MemberPaths(workspace, cacheDir).of(name);
}

/** A name with nothing to resolve: no `.` or `..` component, no empty one, not absolute. */
const PLAIN = /^(?!\/)(?!.*(?:^|\/)\.{1,2}(?:\/|$))(?!.*\/\/)/s;

/**
 * memberPath for many members of one archive: the prefix every member of a well-made archive
 * starts with (the cache dir relative to the workspace) is worked out once, and a plain name
 * after it is its own place; anything else is resolved in full.
 */
class MemberPaths {
  private readonly prefix: string;
  constructor(
    private readonly workspace: string,
    private readonly cacheDir: string,
  ) {
    this.prefix = `${path.relative(workspace, cacheDir)}/`;
  }

  of(name: string): string {
    if (name.includes('\0')) throw new MemberError(`member ${quote(name)} holds a NUL byte`);
    if (name.startsWith(this.prefix) && !this.prefix.startsWith('/')) {
      const rest = name.slice(this.prefix.length).replace(/\/$/, '');
      if (PLAIN.test(rest)) return rest;
    }
    return resolveMember(this.workspace, this.cacheDir, name);
  }
}

function resolveMember(workspace: string, cacheDir: string, name: string): string {
  const rel = path.relative(path.resolve(cacheDir), path.resolve(workspace, name));
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
    throw new MemberError(`member ${quote(name)} is outside the cache dir ${show(cacheDir)}`);
  return rel;
}

/** Permission bits a restored file or directory gets from the archive's. */
export function safeMode(mode: number, type: 'file' | 'dir'): number {
  return (mode & 0o755) | (type === 'dir' ? 0o500 : 0o400);
}

/** Extracts members into a new staging dir of `cacheDir`; commit() or discard() it after. */
export class StagedExtraction implements TarSink {
  readonly staging: string;
  readonly stats: ExtractStats = { files: 0, dirs: 0, bytes: 0, dropped: 0 };
  private readonly made = new Set<string>(['']);
  private readonly paths: MemberPaths;
  /** Directories whose mode is not the one they were made with, applied after the commit. */
  private readonly modes = new Map<string, number>();
  private fd: number | undefined;
  private mtime = 0;

  constructor(
    private readonly cacheDir: string,
    private readonly workspace: string,
    /** The dir the archive was made of, when not the cache dir itself (a layer's, layers.ts). */
    archivedFrom: string = cacheDir,
  ) {
    this.paths = new MemberPaths(workspace, archivedFrom);
    fs.mkdirSync(cacheDir, { recursive: true });
    const name = `${STAGING}${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.staging = path.join(cacheDir, name);
    fs.mkdirSync(this.staging, { mode: 0o700 });
  }

  begin(m: TarMember): void {
    const rel = this.paths.of(m.name);
    if (m.type === 'symlink' || m.type === 'hardlink')
      throw new MemberError(
        `member ${quote(m.name)} is a ${m.type === 'symlink' ? 'symbolic' : 'hard'} link (to ${quote(m.linkname)}); Go's caches hold none`,
      );
    if (m.type !== 'file' && m.type !== 'dir') {
      this.stats.dropped += 1;
      return;
    }
    // Another restore's staging name: never part of a cache (a restore removes its own).
    if (rel.split(path.sep)[0]!.startsWith(STAGING)) {
      this.stats.dropped += 1;
      return;
    }
    if (rel === '') {
      // The cache dir itself: its mode is the machine's.
      if (m.type === 'file')
        throw new MemberError(`member ${quote(m.name)} is the cache dir itself`);
      return;
    }
    if (m.type === 'dir') {
      this.mkdirs(rel, m.name);
      const mode = safeMode(m.mode, 'dir');
      if (mode !== DIR_MODE) this.modes.set(rel, mode);
      else this.modes.delete(rel);
      return;
    }
    this.mkdirs(path.dirname(rel), m.name);
    const file = `${this.staging}/${rel}`;
    try {
      this.fd = fs.openSync(fsPath(file), O_NEW, safeMode(m.mode, 'file'));
    } catch (err) {
      throw this.conflict(err, m.name);
    }
    this.mtime = m.mtime;
    this.stats.files += 1;
    this.stats.bytes += m.size;
  }

  data(chunk: Buffer): void {
    if (this.fd === undefined) return;
    for (let at = 0; at < chunk.length;) at += fs.writeSync(this.fd, chunk, at);
  }

  end(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      // Go's build-cache trimming reads entries' mtimes (gocache.ts): keep the archive's.
      fs.futimesSync(fd, this.mtime, this.mtime);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Moves what was extracted into the cache dir: new names by one rename each, directories that
   * exist merged into, files and anything else at a name replaced (rename replaces the name, it
   * never writes through a link there). Then the directories get their modes.
   */
  commit(): void {
    this.closeOpen();
    merge(this.staging, this.cacheDir);
    removeTree(this.staging);
    for (const [rel, mode] of this.modes) {
      let fd: number | undefined;
      try {
        fd = fs.openSync(fsPath(path.join(this.cacheDir, rel)), O_DIR);
        fs.fchmodSync(fd, mode);
      } catch {
        // replaced meanwhile by something that is not a directory: nothing to set
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    }
  }

  /** Removes everything this extraction wrote; the cache dir is as it was. */
  discard(): void {
    this.closeOpen();
    removeTree(this.staging);
  }

  private closeOpen(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** Creates `rel` and its parents inside the staging dir (never through a link: none is made). */
  private mkdirs(rel: string, name: string): void {
    if (rel === '.' || this.made.has(rel)) return;
    this.mkdirs(path.dirname(rel), name);
    try {
      fs.mkdirSync(fsPath(path.join(this.staging, rel)), DIR_MODE);
    } catch (err) {
      const st = fs.lstatSync(fsPath(path.join(this.staging, rel)), { throwIfNoEntry: false });
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !st?.isDirectory())
        throw this.conflict(err, name);
    }
    this.made.add(rel);
    this.stats.dirs += 1;
  }

  private conflict(err: unknown, name: string): Error {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
      return new MemberError(`member ${quote(name)} names a file twice, or a file and a directory`);
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Moves every entry of `from` into `to` (see commit). Names are kept byte for byte. */
function merge(from: string, to: string): void {
  for (const { name, entry } of readNames(from)) {
    const src = path.join(from, name);
    const dest = path.join(to, name);
    const there = fs.lstatSync(fsPath(dest), { throwIfNoEntry: false });
    if (there?.isDirectory() && entry.isDirectory()) {
      merge(src, dest);
      continue;
    }
    // rename cannot put a directory over a file or a file over a directory: clear the name first.
    if (there && (there.isDirectory() || entry.isDirectory())) removeTree(dest);
    fs.renameSync(fsPath(src), fsPath(dest));
  }
}

/**
 * Removes staging dirs that restores which did not finish left in `cacheDir`: those of a process
 * gone on this host, or older than an hour (a live restore's is left alone).
 */
export function removeStaleStaging(cacheDir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(cacheDir).filter((n) => n.startsWith(STAGING));
  } catch {
    return;
  }
  for (const name of names) {
    const p = path.join(cacheDir, name);
    const m = /^([A-Za-z0-9]+)-(\d+)-[0-9a-f]+$/.exec(name.slice(STAGING.length));
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    const dead = !m || (m[1] === hostTag() && !pidAlive(Number(m[2])));
    if (dead || now - st.mtimeMs > STALE_AFTER_MS) {
      try {
        removeTree(p);
      } catch {
        // the next restore tries again
      }
    }
  }
}
