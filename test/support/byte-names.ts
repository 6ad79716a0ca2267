// File names as bytes, for the tests of names that are not UTF-8 (Linux allows any byte but `/`
// and NUL, and git commits them): build a tree from byte names, and list a tree byte-exact, so
// that a copy or an archive that changed one byte of a name cannot compare equal.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** A name of bytes: strings are UTF-8, numbers are raw bytes. */
export function bytes(...parts: Array<string | number>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.of(p))));
}

/** `dir/name/…` as bytes. */
export function under(dir: string | Buffer, ...names: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from(dir), ...names.flatMap((n) => [Buffer.from('/'), n])]);
}

/** A byte string made readable and unambiguous: printable ASCII as is, other bytes `\xNN`. */
export function esc(b: Buffer): string {
  let out = '';
  for (const c of b) {
    out +=
      c >= 0x20 && c < 0x7f && c !== 0x5c
        ? String.fromCharCode(c)
        : `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export interface ByteEntry {
  /** Relative path, `/`-separated. */
  path: Buffer;
  type: 'file' | 'dir' | 'symlink';
  /** Default 0o644 for files, 0o755 for directories. */
  mode?: number;
  content?: string;
  target?: Buffer;
}

/** Creates the entries under `root`, parents first as given, with exactly the modes given. */
export function makeByteTree(root: string, entries: readonly ByteEntry[]): void {
  for (const e of entries) {
    const p = under(root, e.path);
    if (e.type === 'dir') {
      fs.mkdirSync(p);
      fs.chmodSync(p, e.mode ?? 0o755);
    } else if (e.type === 'symlink') {
      fs.symlinkSync(e.target!, p);
    } else {
      fs.writeFileSync(p, e.content ?? '');
      fs.chmodSync(p, e.mode ?? 0o644);
    }
  }
}

/**
 * Every entry under `dir`, in byte order, one line each: the escaped path, then the type and mode
 * with the content's digest or the link's escaped target. Symlinks are not followed.
 */
export function byteListing(dir: string | Buffer): string[] {
  const out: string[] = [];
  const walk = (abs: Buffer, rel: Buffer | undefined): void => {
    const names = fs.readdirSync(abs, { encoding: 'buffer' }).sort(Buffer.compare);
    for (const name of names) {
      const p = under(abs, name);
      const r = rel ? under(rel, name) : name;
      const st = fs.lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) {
        out.push(`${esc(r)} -> ${esc(fs.readlinkSync(p, { encoding: 'buffer' }))}`);
      } else if (st.isDirectory()) {
        out.push(`${esc(r)}/ ${mode}`);
        walk(p, r);
      } else {
        const sha = createHash('sha256').update(fs.readFileSync(p)).digest('hex').slice(0, 16);
        out.push(`${esc(r)} ${mode} ${st.size} ${sha}`);
      }
    }
  };
  walk(Buffer.from(dir), undefined);
  return out;
}

/**
 * The hostile names: bytes that are not UTF-8 in a file, a directory, a symlink and its target,
 * three names that one lossy decoding (U+FFFD for a bad byte) would merge, a long name only a pax
 * record holds, a long target, and names that hold a line break or workflow-command markers.
 */
export const HOSTILE_NAMES: readonly ByteEntry[] = [
  { path: bytes('caf', 0xff, '.txt'), type: 'file', content: 'ff\n' },
  { path: bytes('caf', 0xfe, '.txt'), type: 'file', content: 'fe\n' },
  { path: bytes('caf\ufffd.txt'), type: 'file', content: 'U+FFFD itself\n' },
  { path: bytes('d', 0xff), type: 'dir', mode: 0o750 },
  { path: bytes('d', 0xff, '/inner', 0xfe, '.txt'), type: 'file', content: 'inner\n', mode: 0o600 },
  { path: bytes('ln', 0xfd), type: 'symlink', target: bytes('caf', 0xff, '.txt') },
  { path: bytes('longlink', 0xfc), type: 'symlink', target: bytes('T'.repeat(120), 0xff) },
  { path: bytes('L'.repeat(150), 0xfe), type: 'file', content: 'long\n' },
  { path: bytes('\n::error::forged', 0xff), type: 'file', content: 'forged\n' },
  { path: bytes('##[error]legacy', 0xc3, 0x28), type: 'file', content: 'legacy\n' },
];
