import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { UserError, errorMessage } from '../errors.js';
import { quote } from '../trust/log-text.js';

/**
 * Unpacks a Go module zip. Every member is `<module>@<version>/<file>` (for golang.org/toolchain
 * the Go tree itself is at that prefix: `bin/go`, `VERSION`, `src/…`, `pkg/tool/…`, no `go/`
 * directory); `<file>` is written under `dest`. While it writes, it hashes each member, so the
 * zip's `h1:` (Go's dirhash Hash1) comes out of the same single read: sha256 of the lines
 * `<sha256 hex of member>  <member name>\n`, members in byte order of their names, base64,
 * prefixed `h1:`.
 *
 * What a hostile zip could try is refused (final, never retried): a member outside the prefix,
 * a `..` or absolute name, a symlink or other special file, the same name twice. Only regular
 * files and directories are made, in a directory nobody else writes to, so nothing is written
 * outside `dest`. Execute bits recorded in the zip are kept.
 */
export class ZipError extends UserError {}

/** What the go command allows a module zip to hold at most (golang.org/x/mod/zip). */
export const MAX_ZIP_BYTES = 500 * 1024 * 1024;
const MAX_UNZIPPED_BYTES = 500 * 1024 * 1024;

const EMPTY_SHA256 = createHash('sha256').digest('hex');
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** Hash1 of (name, sha256 hex) pairs. Names must not hold a line break. */
export function hash1(files: ReadonlyArray<{ name: string; sha256: string }>): string {
  const sorted = [...files].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );
  const summary = createHash('sha256');
  for (const f of sorted) summary.update(`${f.sha256}  ${f.name}\n`);
  return `h1:${summary.digest('base64')}`;
}

export interface Unzipped {
  h1: string;
  files: number;
  bytes: number;
}

export function unzipModule(zipPath: string, prefix: string, dest: string): Unzipped {
  const refuse = (why: string): ZipError =>
    new ZipError(`The zip of ${prefix.replace(/\/$/, '')} ${why}; nothing was installed`);
  const sums: Array<{ name: string; sha256: string }> = [];
  // Read whole (at most MAX_ZIP_BYTES): one read instead of two per member.
  const zip = fs.readFileSync(zipPath);
  const entries = centralDirectory(zip, refuse);
  fs.mkdirSync(dest, { recursive: true });
  const made = new Set<string>([dest]);
  let bytes = 0;
  let failed: unknown;
  const mkdirs = (dir: string): void => {
    if (made.has(dir)) return;
    mkdirs(path.dirname(dir));
    try {
      fs.mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.lstatSync(dir).isDirectory()) {
        throw err;
      }
    }
    made.add(dir);
  };
  try {
    for (const entry of entries) {
      const name = entry.fileName;
      if (/[\n\\]/.test(name)) throw refuse(`holds ${quote(name)}, a name with \\ or a line break`);
      if (!name.startsWith(prefix)) {
        throw refuse(`holds ${quote(name)}, outside ${quote(prefix)}`);
      }
      const rel = name.slice(prefix.length);
      const isDir = name.endsWith('/');
      const parts = (isDir ? rel.slice(0, -1) : rel).split('/');
      if (rel !== '' && parts.some((p) => p === '' || p === '.' || p === '..')) {
        throw refuse(`holds ${quote(name)}, not a plain relative name`);
      }
      const mode = entry.externalFileAttributes >>> 16;
      const unix = entry.versionMadeBy >> 8 === 3 && mode !== 0;
      const type = unix ? mode & S_IFMT : isDir ? S_IFDIR : S_IFREG;
      if ((isDir && type !== S_IFDIR) || (!isDir && type !== S_IFREG)) {
        throw refuse(
          `holds ${quote(name)}, which is not a regular file (a symlink or special file)`,
        );
      }
      bytes += entry.uncompressedSize;
      if (bytes > MAX_UNZIPPED_BYTES) throw refuse(`unpacks to more than 500 MiB`);
      const target = path.join(dest, ...parts.filter((p) => p !== ''));
      if (isDir) {
        mkdirs(target);
        sums.push({ name, sha256: EMPTY_SHA256 });
        continue;
      }
      mkdirs(path.dirname(target));
      const data = readMember(zip, entry, refuse);
      try {
        fs.writeFileSync(target, data, { flag: 'wx', mode: unix && mode & 0o111 ? 0o755 : 0o644 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST')
          throw refuse(`holds ${quote(name)} twice`);
        throw err;
      }
      sums.push({ name, sha256: createHash('sha256').update(data).digest('hex') });
    }
  } catch (err) {
    failed = err;
  }
  if (failed) {
    if (failed instanceof UserError) throw failed;
    throw refuse(`cannot be unpacked: ${quote(errorMessage(failed))}`);
  }
  return { h1: hash1(sums), files: sums.length, bytes };
}

/** A member as the zip's central directory describes it. */
interface Entry {
  fileName: string;
  versionMadeBy: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  externalFileAttributes: number;
  relativeOffsetOfLocalHeader: number;
}

const END_RECORD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;

/**
 * The members, from the central directory read in one piece (end record: last 22 bytes plus at
 * most a 64 KiB comment). Zip64 is refused: a Go toolchain has far fewer than 65,535 files and
 * far fewer than 4 GiB.
 */
function centralDirectory(zip: Buffer, refuse: (why: string) => ZipError): Entry[] {
  const size = zip.length;
  const tailStart = Math.max(0, size - (22 + 0xffff));
  const tail = readAt(zip, size - tailStart, tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_RECORD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw refuse('is not a zip (no end of central directory record)');
  const count = tail.readUInt16LE(end + 10);
  const dirSize = tail.readUInt32LE(end + 12);
  const dirStart = tail.readUInt32LE(end + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirStart === 0xffffffff) {
    throw refuse('is a zip64 zip, which a Go toolchain never needs');
  }
  if (dirStart + dirSize > tailStart + end)
    throw refuse('is not a zip (its directory overlaps its end)');
  const dir = readAt(zip, dirSize, dirStart);
  const entries: Entry[] = [];
  for (let at = 0; entries.length < count;) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw refuse(
        `is not a zip (entry ${entries.length + 1} of ${count} is not in its directory)`,
      );
    }
    const flags = dir.readUInt16LE(at + 8);
    const nameLength = dir.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    if (next > dir.length) throw refuse('is not a zip (its directory is cut short)');
    const raw = dir.subarray(at + 46, at + 46 + nameLength);
    const fileName = raw.toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (!(flags & 0x800) && raw.some((b) => b > 0x7f)) {
      throw refuse(`holds ${quote(fileName)}, a name neither ASCII nor marked UTF-8`);
    }
    const entry: Entry = {
      fileName,
      versionMadeBy: dir.readUInt16LE(at + 4),
      generalPurposeBitFlag: flags,
      compressionMethod: dir.readUInt16LE(at + 10),
      compressedSize: dir.readUInt32LE(at + 20),
      uncompressedSize: dir.readUInt32LE(at + 24),
      externalFileAttributes: dir.readUInt32LE(at + 38),
      relativeOffsetOfLocalHeader: dir.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw refuse('is a zip64 zip, which a Go toolchain never needs');
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

const LOCAL_HEADER = 0x04034b50;

/**
 * A member's bytes, inflated in one synchronous step (a Go tree is some 15,000 mostly small
 * files: per-file streams would cost more than the inflating). Its data starts after its
 * local header, whose name and extra field lengths may differ from the central directory's.
 */
function readMember(zip: Buffer, entry: Entry, refuse: (why: string) => ZipError): Buffer {
  const name = quote(entry.fileName);
  if (entry.generalPurposeBitFlag & 0x1) throw refuse(`holds ${name} encrypted`);
  const header = readAt(zip, 30, entry.relativeOffsetOfLocalHeader);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
    throw refuse(`has no local header for ${name}`);
  }
  const start =
    entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = readAt(zip, entry.compressedSize, start);
  if (raw.length !== entry.compressedSize) throw refuse(`ends inside ${name}`);
  let data: Buffer;
  if (entry.compressionMethod === 0) data = raw;
  else if (entry.compressionMethod === 8) {
    try {
      // One output chunk of the announced size: no copying of chunks together.
      data = inflateRawSync(raw, {
        maxOutputLength: entry.uncompressedSize + 1,
        chunkSize: Math.max(64, entry.uncompressedSize + 1),
      });
    } catch (err) {
      throw refuse(`cannot be unpacked: ${name} is corrupt (${errorMessage(err)})`);
    }
  } else
    throw refuse(`holds ${name} compressed with method ${entry.compressionMethod}, not deflate`);
  if (data.length !== entry.uncompressedSize) {
    throw refuse(
      `holds ${name} of ${data.length} bytes where its entry says ${entry.uncompressedSize}`,
    );
  }
  return data;
}

/** `length` bytes at `position`, fewer where the zip ends (a view, not a copy). */
function readAt(zip: Buffer, length: number, position: number): Buffer {
  return zip.subarray(Math.min(position, zip.length), Math.min(position + length, zip.length));
}

/**
 * The go command's own fix-up after unpacking a toolchain (module zips need not record modes):
 * files under `bin/` and `pkg/tool/` are made executable.
 */
export function allowExec(goroot: string): void {
  for (const dir of ['bin', path.join('pkg', 'tool')]) {
    const walk = (d: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) fs.chmodSync(p, fs.statSync(p).mode | 0o111);
      }
    };
    walk(path.join(goroot, dir));
  }
}
