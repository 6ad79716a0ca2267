import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodeName, encodeName, fsPath, isUtf8Name, readNames } from '../fs-tree.js';
import { show } from '../trust/log-text.js';
import { gzipPieces } from './gzip-pieces.js';

/**
 * A deterministic `.tar.gz` of a directory tree, written in-process: the same tree gives the same
 * bytes on every machine and every run (for `slug-sha256`, release checksums and attestations),
 * whatever tar the runner has (GNU on Linux, BSD on macOS).
 *
 * - members in byte order of their names, directory by directory (GNU tar's `--sort=name`), each
 *   directory before its contents, names relative to the root (`bin/`, `bin/web`, `Procfile`);
 * - owner and group 0 with no names (`--numeric-owner`), permission bits as on disk, one mtime
 *   for every member;
 * - POSIX ustar, with a pax `x` header only where ustar cannot hold a value (a long name or link
 *   target, a file over 8 GiB), named `PaxHeaders/<member>` so that it too is the same every run;
 * - gzip with no file name and no time in its header, compressed in pieces on every core
 *   (gzip-pieces.ts), the bytes independent of the machine's cores.
 *
 * Symlinks are stored as symlinks. What is neither a file, a directory nor a symlink (a socket,
 * a FIFO) is left out and reported.
 *
 * Names and link targets are stored as the bytes they are on disk, UTF-8 or not (fs-tree's
 * readNames), as GNU tar stores them: in the ustar fields when they fit, else in the pax `path` or
 * `linkpath` record as they are. POSIX means those records for UTF-8; GNU tar writes a name it
 * cannot convert as is, without `hdrcharset=BINARY`, and reads it back as is (1.34 warns
 * "Ignoring unknown extended header keyword" at a `hdrcharset` record on every listing), so we
 * write what it writes. libarchive's bsdtar extracts such a long name byte for byte too, but says
 * it cannot convert it and exits 1, as it does on GNU tar's own archive. An all-UTF-8 tree gives
 * the bytes it always gave.
 */

export interface PackOptions {
  /** Seconds since the epoch, for every member. */
  mtime: number;
  /** zlib level (1 fastest … 9 smallest). */
  level: number;
  /** A directory every member goes under (`./app/`: Heroku's slug format), itself a member. */
  prefix?: string;
}

export interface Packed {
  bytes: number;
  /** sha256 of the `.tar.gz`, hex. */
  sha256: string;
  members: number;
  /** Members left out: not a file, directory or symlink (relative paths). */
  skipped: string[];
}

const BLOCK = 512;
const TYPE = { file: '0', symlink: '2', dir: '5', pax: 'x' } as const;
/** Largest value an 11-digit octal field holds (files of 8 GiB and more need pax `size`). */
const MAX_OCTAL_SIZE = 0o77777777777;
const CHUNK = 1 << 20;
/** About this many bytes go to gzip at once. */
const BATCH = 1 << 20;

interface Member {
  /** Relative, `/`-separated; directories end in `/`. A name as decodeName gives it. */
  name: string;
  abs: string;
  type: 'file' | 'symlink' | 'dir';
  mode: number;
  size: number;
  target?: string;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** Bytes of a name or target on disk (its UTF-8, unless it holds bytes that are not). */
const byteLength = (text: string): number => encodeName(text).length;

/** Splits a name into ustar's prefix (≤ 155 bytes) and name (≤ 100) at a slash, if it can. */
function ustarName(name: string): { prefix: string; name: string } | undefined {
  if (byteLength(name) <= 100) return { prefix: '', name };
  // A directory's trailing slash stays with the name part.
  for (
    let cut = name.indexOf('/');
    cut > 0 && cut < name.length - 1;
    cut = name.indexOf('/', cut + 1)
  ) {
    const prefix = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (byteLength(prefix) > 155) return undefined;
    if (byteLength(rest) <= 100) return { prefix, name: rest };
  }
  return undefined;
}

interface HeaderFields {
  name: string;
  prefix: string;
  mode: number;
  size: number;
  mtime: number;
  type: string;
  linkname: string;
}

/**
 * A name field: a UTF-8 name as Buffer.write puts it (whole characters only, as ever), the bytes
 * of any other one (clipped, only where a pax record holds the whole).
 */
function putName(h: Buffer, text: string, offset: number, length: number): void {
  if (isUtf8Name(text)) h.write(text, offset, length, 'utf8');
  else encodeName(text).copy(h, offset, 0, length);
}

/** One 512-byte ustar header. Fields too long for it must already be in a pax header. */
export function ustarHeader(f: HeaderFields): Buffer {
  const h = Buffer.alloc(BLOCK);
  putName(h, f.name, 0, 100);
  h.write(octal(f.mode & 0o7777, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii');
  h.write(octal(0, 8), 116, 8, 'ascii');
  h.write(octal(f.size, 12), 124, 12, 'ascii');
  h.write(octal(f.mtime, 12), 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii');
  h.write(f.type, 156, 1, 'ascii');
  putName(h, f.linkname, 157, 100);
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  putName(h, f.prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/**
 * A pax record: `<len> <key>=<value>\n`, where len counts the whole record, itself included; the
 * value's bytes as they are on disk (encodeName).
 */
function paxRecord(key: string, value: string): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`), encodeName(value), Buffer.from('\n')]);
  const bytes = body.length;
  let len = bytes + 1;
  while (bytes + String(len).length !== len) len = bytes + String(len).length;
  return Buffer.concat([Buffer.from(String(len)), body]);
}

const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The header blocks of one member: a pax header first when ustar cannot hold it. */
export function memberHeader(m: Omit<Member, 'abs'>, mtime: number): Buffer[] {
  const split = ustarName(m.name);
  const longLink = m.target !== undefined && byteLength(m.target) > 100;
  const bigSize = m.size > MAX_OCTAL_SIZE;
  const out: Buffer[] = [];
  if (!split || longLink || bigSize) {
    const body = Buffer.concat([
      ...(split ? [] : [paxRecord('path', m.name)]),
      ...(longLink ? [paxRecord('linkpath', m.target!)] : []),
      ...(bigSize ? [paxRecord('size', String(m.size))] : []),
    ]);
    const base = m.name.replace(/\/$/, '').split('/').pop()!;
    const paxName = `PaxHeaders/${base}`.slice(0, 100);
    out.push(
      ustarHeader({
        name: paxName,
        prefix: '',
        mode: 0o644,
        size: body.length,
        mtime,
        type: TYPE.pax,
        linkname: '',
      }),
      body,
      padding(body.length),
    );
  }
  const fallback = { prefix: '', name: m.name.slice(0, 100) };
  const { prefix, name } = split ?? fallback;
  out.push(
    ustarHeader({
      name,
      prefix,
      mode: m.mode,
      size: bigSize ? 0 : m.type === 'file' ? m.size : 0,
      mtime,
      type: TYPE[m.type],
      linkname: longLink ? '' : (m.target ?? ''),
    }),
  );
  return out;
}

/** The members under `root`, in archive order (byte order of names); special files go to `skipped`. */
async function members(root: string, skipped: string[], prefix = ''): Promise<Member[]> {
  const out: Member[] = [];
  if (prefix) out.push({ name: prefix, abs: root, type: 'dir', mode: 0o40755, size: 0 });
  const visit = async (dir: string, rel: string): Promise<void> => {
    for (const { name: n } of readNames(dir)) {
      const abs = path.join(dir, n);
      const name = rel + n;
      const st = fs.lstatSync(fsPath(abs));
      if (st.isDirectory()) {
        out.push({ name: `${name}/`, abs, type: 'dir', mode: st.mode, size: 0 });
        await visit(abs, `${name}/`);
      } else if (st.isSymbolicLink()) {
        const target = decodeName(await fsp.readlink(fsPath(abs), { encoding: 'buffer' }));
        out.push({ name, abs, type: 'symlink', mode: st.mode, size: 0, target });
      } else if (st.isFile()) {
        out.push({ name, abs, type: 'file', mode: st.mode, size: st.size });
      } else {
        skipped.push(name);
      }
    }
  };
  await visit(root, prefix);
  return out;
}

/**
 * The archive's bytes in batches of about {@link BATCH}: headers, padding and small files are
 * gathered into one buffer, so that gzip gets few large writes (each write to a zlib stream is a
 * job on the thread pool) instead of one or more per member. Files are read synchronously while
 * gzip works on the previous batch; a file must keep its size while it is packed.
 */
function* tarStream(list: Member[], mtime: number): Generator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  const add = (b: Buffer) => {
    parts.push(b);
    held += b.length;
  };
  const take = (): Buffer => {
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts, held);
    parts = [];
    held = 0;
    return out;
  };
  for (const m of list) {
    for (const h of memberHeader(m, mtime)) add(h);
    if (m.type === 'file' && m.size > 0) {
      const fd = fs.openSync(fsPath(m.abs), 'r');
      try {
        for (let left = m.size; left > 0;) {
          const buf = Buffer.allocUnsafe(Math.min(CHUNK, left));
          const got = fs.readSync(fd, buf, 0, buf.length, null);
          if (got === 0) throw new Error(`${show(m.name)} shrank while it was being packed`);
          left -= got;
          add(got === buf.length ? buf : buf.subarray(0, got));
          if (held >= BATCH) yield take();
        }
      } finally {
        fs.closeSync(fd);
      }
      const pad = padding(m.size);
      if (pad.length) add(pad);
    }
    if (held >= BATCH) yield take();
  }
  add(Buffer.alloc(2 * BLOCK));
  yield take();
}

/**
 * Packs `root` into `target` (`.tar.gz`). Written beside the target and renamed in, so a failure
 * leaves neither a half archive nor the temporary file.
 */
export async function packTree(root: string, target: string, opts: PackOptions): Promise<Packed> {
  const skipped: string[] = [];
  const list = await members(root, skipped, opts.prefix);
  const temp = `${target}.tmp-${process.pid}`;
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    // A file made new (a link or file left at that name is removed, not written through).
    await fsp.rm(temp, { force: true });
    await pipeline(
      Readable.from(gzipPieces(tarStream(list, opts.mtime), opts.level), { objectMode: false }),
      tap,
      fs.createWriteStream(temp, { flags: 'wx' }),
    );
    await fsp.rename(temp, target);
  } finally {
    await fsp.rm(temp, { force: true });
  }
  return { bytes, sha256: hash.digest('hex'), members: list.length, skipped };
}
