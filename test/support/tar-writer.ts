// A minimal ustar writer (the headers are the slug packer's), so tests can craft the archives a hostile mirror would serve (member
// names with `..` or a leading `/`, symlinks and hard links that point outside, read-only
// directories), which a real tar refuses to create from a file tree.
import { gzipSync } from 'node:zlib';
import { ustarHeader } from '../../src/publish/tar.js';

export interface TarEntry {
  /** The member name exactly as stored. */
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  /** Default 0o644 for files, 0o755 for directories. */
  mode?: number;
  content?: string | Buffer;
  /** Link target of a symlink or hard link. */
  target?: string;
}

const TYPE_FLAG = { file: '0', hardlink: '1', symlink: '2', dir: '5' } as const;

function header(e: TarEntry, size: number): Buffer {
  let name = e.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    // ustar splits long names at a slash: prefix (155) + name (100).
    const cut = name.lastIndexOf('/', name.length - 1);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100) {
      throw new Error(`tar-writer: name too long for ustar: ${e.name}`);
    }
  }
  const type = e.type ?? 'file';
  return ustarHeader({
    name,
    prefix,
    mode: e.mode ?? (type === 'dir' ? 0o755 : 0o644),
    size,
    mtime: 1_700_000_000,
    type: TYPE_FLAG[type],
    linkname: e.target ?? '',
  });
}

/** The entries as a gzipped tar, in the order given. */
export function tarGz(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body =
      e.type === undefined || e.type === 'file' ? Buffer.from(e.content ?? '') : Buffer.alloc(0);
    parts.push(header(e, body.length), body);
    const pad = (512 - (body.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** What a go.dev archive of `version` minimally holds: `go/VERSION` and an executable `go/bin/go`. */
export function goTreeEntries(version: string): TarEntry[] {
  return [
    { name: 'go/', type: 'dir' },
    { name: 'go/VERSION', content: `${version}\ntime 2024-01-01T00:00:00Z\n` },
    { name: 'go/bin/', type: 'dir' },
    {
      name: 'go/bin/go',
      mode: 0o755,
      content: `#!/bin/sh\necho "synthetic ${version}: $*" >&2\nexit 2\n`,
    },
  ];
}
