// The cache archives' tar reader, against what GNU tar writes (the archives @actions/cache makes
// are `tar --posix`), fed in every chunking, and against archives that are broken.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TarFormatError, TarReader, type TarMember } from '../../src/cache/tar-reader.js';
import { tarGz, type TarEntry } from '../../test/support/tar-writer.js';

let tmp: string;
let tree: string;
const LONG = `${'l'.repeat(120)}/${'m'.repeat(60)}.go`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-reader-'));
  tree = path.join(tmp, 'tree');
  fs.mkdirSync(path.join(tree, 'ab'), { recursive: true });
  fs.mkdirSync(path.join(tree, path.dirname(LONG)), { recursive: true });
  fs.writeFileSync(path.join(tree, 'ab', 'empty'), '');
  fs.writeFileSync(path.join(tree, 'ab', 'block'), 'b'.repeat(512));
  fs.writeFileSync(path.join(tree, LONG), 'package long\n');
  fs.writeFileSync(path.join(tree, 'ro'), 'read only\n');
  fs.chmodSync(path.join(tree, 'ro'), 0o444);
  for (const p of fs.readdirSync(tree, { recursive: true }).map(String))
    fs.utimesSync(path.join(tree, p), 1_700_000_123, 1_700_000_123);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Read {
  member: TarMember;
  body: string;
}

/** Reads `archive` pushed in pieces of `size` bytes. */
function read(archive: Buffer, size = archive.length): Read[] {
  const out: Read[] = [];
  let parts: Buffer[] = [];
  const reader = new TarReader({
    begin: (member) => {
      parts = [];
      out.push({ member, body: '' });
    },
    data: (chunk) => void parts.push(Buffer.from(chunk)),
    end: () => (out.at(-1)!.body = Buffer.concat(parts).toString()),
  });
  for (let at = 0; at < archive.length; at += size) reader.push(archive.subarray(at, at + size));
  reader.finish();
  return out;
}

function gnuTar(format: string): Buffer {
  return execFileSync('tar', [`--format=${format}`, '-cf', '-', '-C', tree, '--sort=name', '.']);
}

const files = (rs: Read[]) =>
  rs
    .filter((r) => r.member.type === 'file')
    .map((r) => [
      r.member.name.replace(/^\.\//, ''),
      r.member.mode.toString(8),
      r.member.mtime,
      r.body,
    ]);

describe('TarReader', () => {
  const expected = () => [
    ['ab/block', '644', 1_700_000_123, 'b'.repeat(512)],
    ['ab/empty', '644', 1_700_000_123, ''],
    [LONG, '644', 1_700_000_123, 'package long\n'],
    ['ro', '444', 1_700_000_123, 'read only\n'],
  ];

  it.each(['posix', 'gnu'])(
    'reads what GNU tar writes in %s format, long names included',
    (format) => {
      const rs = read(gnuTar(format));
      expect(files(rs)).toEqual(expected());
      expect(rs.filter((r) => r.member.type === 'dir').map((r) => r.member.name)).toContain(
        './ab/',
      );
    },
  );

  it('gives the same members whatever the chunks (1, 7, 511, 513 bytes)', () => {
    const archive = gnuTar('posix');
    const whole = read(archive);
    for (const size of [1, 7, 511, 513]) expect(read(archive, size)).toEqual(whole);
  });

  it('reports links, devices and modes as stored, and gives links and dirs no body', () => {
    const entries: TarEntry[] = [
      { name: 'a/', type: 'dir', mode: 0o555 },
      { name: 'a/s', type: 'symlink', target: '/etc/passwd' },
      { name: 'a/h', type: 'hardlink', target: '../../victim' },
      { name: 'a/x', content: 'x', mode: 0o4755 },
    ];
    const rs = read(gunzipSync(tarGz(entries)));
    expect(
      rs.map((r) => [r.member.name, r.member.type, r.member.mode.toString(8), r.member.linkname]),
    ).toEqual([
      ['a/', 'dir', '555', ''],
      ['a/s', 'symlink', '644', '/etc/passwd'],
      ['a/h', 'hardlink', '644', '../../victim'],
      ['a/x', 'file', '4755', ''],
    ]);
  });

  it('refuses a wrong checksum, a cut archive, a missing end marker, unknown types, non-tar bytes', () => {
    const good = gunzipSync(tarGz([{ name: 'f', content: 'hello' }]));
    const flipped = Buffer.from(good);
    flipped[10] = flipped[10]! ^ 1;
    expect(() => read(flipped)).toThrow(/the header at byte 0 has a wrong checksum/);
    expect(() => read(good.subarray(0, 600))).toThrow(
      /ends in the middle of a member \(at byte 600\)/,
    );
    expect(() => read(good.subarray(0, 1024))).toThrow(
      /has no end marker \(it stops at byte 1024\)/,
    );
    const sparse = Buffer.from(good);
    sparse[156] = 'S'.charCodeAt(0);
    // Recompute the checksum so that only the type is wrong.
    sparse.fill(0x20, 148, 156);
    const sum = sparse.subarray(0, 512).reduce((n, b) => n + b, 0);
    sparse.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(() => read(sparse)).toThrow(/member type "S" at byte 0 is not supported/);
    expect(() => read(Buffer.alloc(2048, 7))).toThrow(TarFormatError);
  });
});
