/**
 * The slug packer (src/publish/tar.ts) on names that are not UTF-8: GNU tar lists and extracts
 * the very bytes, in any locale and without a warning, because the archive holds them as GNU tar
 * itself writes them (raw in the ustar fields, raw in a pax record when too long, no `hdrcharset`);
 * and an all-UTF-8 tree still gives the bytes it gave before names were read as bytes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTree } from '../../src/publish/tar.js';
import {
  HOSTILE_NAMES,
  byteListing,
  bytes,
  makeByteTree,
  type ByteEntry,
} from '../../test/support/byte-names.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-names-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MTIME = 1_700_000_000;

function tree(name: string, entries: readonly ByteEntry[]): string {
  const root = path.join(tmp, name);
  fs.mkdirSync(root, { recursive: true });
  fs.chmodSync(root, 0o755);
  makeByteTree(root, entries);
  return root;
}

/** GNU tar, its output and warnings as bytes. */
function gnuTar(args: string[], locale = 'C.UTF-8'): { stdout: Buffer; stderr: string } {
  const res = spawnSync('tar', args, { env: { ...process.env, LC_ALL: locale } });
  expect(res.status, res.stderr.toString()).toBe(0);
  return { stdout: res.stdout, stderr: res.stderr.toString() };
}

/** One line of `tar -t` in the C locale, its escapes (`\n`, `\\`, `\377`) undone. */
function unescapeListing(line: string): Buffer {
  const out: number[] = [];
  const named: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92 };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
    } else if (/^[0-7]{3}$/.test(line.slice(i + 1, i + 4))) {
      out.push(parseInt(line.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      out.push(named[line[i + 1]!]!);
      i += 1;
    }
  }
  return Buffer.from(out);
}

/** The member names as their bytes, with directories' trailing `/`, in archive order. */
function members(entries: readonly ByteEntry[]): Buffer[] {
  return entries
    .map((e) => (e.type === 'dir' ? Buffer.concat([e.path, bytes('/')]) : e.path))
    .sort(Buffer.compare);
}

describe('packTree with names that are not UTF-8', () => {
  it('GNU tar lists and extracts every name and link target byte for byte, in any locale', async () => {
    const root = tree('hostile', HOSTILE_NAMES);
    const out = path.join(tmp, 'hostile.tar.gz');
    const packed = await packTree(root, out, { mtime: MTIME, level: 1 });
    expect(packed.members).toBe(HOSTILE_NAMES.length);
    expect(packed.skipped).toEqual([]);

    // C: every byte that is not ASCII is escaped, so the listing is the names' bytes exactly.
    const listed = gnuTar(['-tzf', out], 'C');
    expect(listed.stderr).toBe('');
    const names = listed.stdout.toString('latin1').replace(/\n$/, '').split('\n');
    expect(names.map((l) => unescapeListing(l).toString('hex'))).toEqual(
      members(HOSTILE_NAMES).map((b) => b.toString('hex')),
    );

    for (const locale of ['C.UTF-8', 'C']) {
      const x = path.join(tmp, `x-${locale}`);
      fs.mkdirSync(x);
      // No "Ignoring unknown extended header keyword" or conversion warning.
      expect(gnuTar(['-xzf', out, '-C', x], locale).stderr).toBe('');
      expect(byteListing(x)).toEqual(byteListing(root));
    }
  });

  it('holds the raw bytes where GNU tar puts them: the ustar fields, else a pax record, no hdrcharset', async () => {
    const root = tree('raw', HOSTILE_NAMES);
    const out = path.join(tmp, 'raw.tar.gz');
    await packTree(root, out, { mtime: MTIME, level: 1 });
    const raw = gunzipSync(fs.readFileSync(out));
    const at = (needle: Buffer) => raw.indexOf(needle);
    // A short name: in the name field of its header (offset 0 of a block), NUL-terminated.
    const short = at(bytes('caf', 0xff, '.txt', 0));
    expect(short % 512).toBe(0);
    // A link target: in the linkname field (offset 157) of the link's header.
    const target = raw.indexOf(bytes('caf', 0xff, '.txt', 0), short + 1);
    expect(target % 512).toBe(157);
    // Too long for ustar: pax `path` and `linkpath` records with the bytes as they are.
    expect(at(bytes(`161 path=${'L'.repeat(150)}`, 0xfe, '\n'))).toBeGreaterThan(0);
    expect(at(bytes(`135 linkpath=${'T'.repeat(120)}`, 0xff, '\n'))).toBeGreaterThan(0);
    expect(at(bytes('hdrcharset'))).toBe(-1);
    // GNU tar's own pax archive of the same tree holds the same records.
    const gnu = gunzipSync(
      gnuTar(['--format=posix', '-czf', '-', '-C', root, '.'], 'C.UTF-8').stdout,
    );
    expect(gnu.indexOf(bytes(`163 path=./${'L'.repeat(150)}`, 0xfe, '\n'))).toBeGreaterThan(0);
    expect(gnu.indexOf(bytes('hdrcharset'))).toBe(-1);
  });

  it('gives the same bytes for the same names wherever the tree lies and however it was made', async () => {
    const a = tree('same/a', HOSTILE_NAMES);
    const b = tree('same/elsewhere/b', [
      ...HOSTILE_NAMES.filter((e) => e.type === 'dir'),
      ...HOSTILE_NAMES.filter((e) => e.type !== 'dir').reverse(),
    ]);
    const [pa, pb] = await Promise.all([
      packTree(a, path.join(tmp, 'same-a.tar.gz'), { mtime: MTIME, level: 1 }),
      packTree(b, path.join(tmp, 'same-b.tar.gz'), { mtime: MTIME, level: 1 }),
    ]);
    expect(pb.sha256).toBe(pa.sha256);
    // One byte of one name changed: another archive.
    fs.renameSync(
      Buffer.concat([Buffer.from(`${b}/`), bytes('caf', 0xfe, '.txt')]),
      Buffer.concat([Buffer.from(`${b}/`), bytes('caf', 0xfd, '.txt')]),
    );
    const pc = await packTree(b, path.join(tmp, 'same-c.tar.gz'), { mtime: MTIME, level: 1 });
    expect(pc.sha256).not.toBe(pa.sha256);
  });
});

/** What a slug of UTF-8 names holds, with every case ustar cannot hold alone. */
const UTF8_TREE: readonly ByteEntry[] = [
  { path: bytes('bin'), type: 'dir' },
  { path: bytes('bin/web'), type: 'file', content: 'web', mode: 0o755 },
  { path: bytes('Procfile'), type: 'file', content: 'web: bin/web\n' },
  { path: bytes('empty'), type: 'file' },
  { path: bytes('héllo wörld'), type: 'file', content: 'utf-8\n' },
  { path: bytes('d'.repeat(90)), type: 'dir', mode: 0o700 },
  { path: bytes(`${'d'.repeat(90)}/${'e'.repeat(90)}`), type: 'dir' },
  { path: bytes(`${'d'.repeat(90)}/${'e'.repeat(90)}/inside`), type: 'file', content: 'deep\n' },
  { path: bytes(`${'f'.repeat(120)}.txt`), type: 'file', content: 'long\n', mode: 0o600 },
  { path: bytes('é'.repeat(60)), type: 'file', content: 'long é\n' },
  { path: bytes('link'), type: 'symlink', target: bytes('bin/web') },
  { path: bytes('longlink'), type: 'symlink', target: bytes(`../${'t'.repeat(150)}`) },
  { path: bytes('ünïcode-link'), type: 'symlink', target: bytes('ö'.repeat(70)) },
];

describe('packTree with UTF-8 names', () => {
  it('writes the tar it wrote before names were read as bytes (slug-sha256 of an app is unchanged)', async () => {
    const root = tree('utf8', UTF8_TREE);
    const out = path.join(tmp, 'utf8.tar.gz');
    await packTree(root, out, { mtime: MTIME, level: 1 });
    // The tar before gzip: zlib's output may differ between Node releases, the tar may not.
    const sha = createHash('sha256')
      .update(gunzipSync(fs.readFileSync(out)))
      .digest('hex');
    expect(sha).toBe('09c1678957981cb9f2fbba95caf8efe5408c4c7b66b8d0b20f74be19d4c85dfc');
  });
});
