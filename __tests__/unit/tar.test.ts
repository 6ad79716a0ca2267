/**
 * The slug packer (src/publish/tar.ts), checked against a real tar: what GNU tar lists and
 * extracts must be the tree, byte for byte, with the modes, symlinks, owner and mtime promised,
 * and the same tree must give the same bytes wherever it lies.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTree } from '../../src/publish/tar.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MTIME = 1_700_000_000;
const longDir = `${'d'.repeat(90)}/${'e'.repeat(90)}`;
const longName = `${'f'.repeat(120)}.txt`;
const longTarget = `../${'t'.repeat(150)}`;

/** A tree with what a slug holds, and the cases ustar cannot hold alone. */
function makeTree(root: string, order: 'forward' | 'reverse' = 'forward'): void {
  const steps: Array<() => void> = [
    () => fs.mkdirSync(path.join(root, 'bin'), { recursive: true }),
    () => fs.writeFileSync(path.join(root, 'bin', 'web'), Buffer.alloc(70_000, 7), { mode: 0o755 }),
    () => fs.writeFileSync(path.join(root, 'Procfile'), 'web: bin/web\n'),
    () => fs.writeFileSync(path.join(root, 'empty'), ''),
    () => fs.writeFileSync(path.join(root, 'héllo wörld'), 'utf-8 name\n'),
    () => fs.mkdirSync(path.join(root, longDir), { recursive: true }),
    () => fs.writeFileSync(path.join(root, longDir, 'inside'), 'deep\n'),
    () => fs.writeFileSync(path.join(root, longName), 'long\n', { mode: 0o600 }),
    () => fs.symlinkSync('bin/web', path.join(root, 'link')),
    () => fs.symlinkSync(longTarget, path.join(root, 'longlink')),
  ];
  if (order === 'reverse') {
    // Another creation order. (libuv lists a directory sorted already; the packer sorts anyway.)
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, longDir), { recursive: true });
    steps.reverse();
  }
  for (const s of steps) s();
}

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('packTree', () => {
  it('GNU tar extracts the tree exactly, with modes, symlinks, owner 0:0 and one mtime', async () => {
    const root = path.join(tmp, 'a');
    makeTree(root);
    const out = path.join(tmp, 'a.tar.gz');
    const packed = await packTree(root, out, { mtime: MTIME, level: 1 });
    expect(packed.sha256).toBe(sha(out));
    expect(packed.bytes).toBe(fs.statSync(out).size);
    expect(packed.skipped).toEqual([]);

    const x = path.join(tmp, 'a-x');
    fs.mkdirSync(x);
    execFileSync('tar', ['-xzf', out, '-C', x]);
    expect(execFileSync('diff', ['-r', '--no-dereference', root, x]).toString()).toBe('');
    expect(fs.statSync(path.join(x, 'bin', 'web')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(x, longName)).mode & 0o777).toBe(0o600);
    expect(fs.readlinkSync(path.join(x, 'longlink'))).toBe(longTarget);
    expect(fs.lstatSync(path.join(x, 'Procfile')).mtimeMs).toBe(MTIME * 1000);

    // pax headers only where ustar cannot hold the value: the 124-byte name, the 153-byte target.
    const raw = gunzipSync(fs.readFileSync(out)).toString('latin1');
    expect(raw.match(/PaxHeaders\/[^\0]{0,89}/g)).toEqual([
      'PaxHeaders/' + longName.slice(0, 89),
      'PaxHeaders/longlink',
    ]);

    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvzf', out])
      .toString()
      .trim()
      .split('\n');
    expect(listing.every((l) => / 0\/0 /.test(l))).toBe(true);
    expect(listing.every((l) => l.includes('2023-11-14 22:13:20'))).toBe(true);
    const names = execFileSync('tar', ['-tzf', out]).toString().trim().split('\n');
    expect(names).toEqual([
      'Procfile',
      'bin/',
      'bin/web',
      `${'d'.repeat(90)}/`,
      `${longDir}/`,
      `${longDir}/inside`,
      'empty',
      `${longName}`,
      'héllo wörld',
      'link',
      'longlink',
    ]);
  });

  it('gives the same bytes for the same tree wherever it lies and however it was made', async () => {
    const [b, c] = [path.join(tmp, 'elsewhere', 'b'), path.join(tmp, 'c')];
    makeTree(b);
    makeTree(c, 'reverse');
    // Other mtimes and atimes on disk: only the given mtime is stored.
    fs.utimesSync(path.join(c, 'Procfile'), new Date(0), new Date(0));
    const [pb, pc] = await Promise.all([
      packTree(b, path.join(tmp, 'b.tar.gz'), { mtime: MTIME, level: 1 }),
      packTree(c, path.join(tmp, 'c.tar.gz'), { mtime: MTIME, level: 1 }),
    ]);
    expect(pc.sha256).toBe(pb.sha256);
    const other = await packTree(c, path.join(tmp, 'c2.tar.gz'), { mtime: MTIME + 1, level: 1 });
    expect(other.sha256).not.toBe(pb.sha256);
  });

  it('leaves out a socket, and says so', async () => {
    const root = path.join(tmp, 'sock');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'file'), 'x');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 's.sock'), resolve));
    try {
      const packed = await packTree(root, path.join(tmp, 'sock.tar.gz'), {
        mtime: MTIME,
        level: 1,
      });
      expect(packed.skipped).toEqual(['s.sock']);
      expect(execFileSync('tar', ['-tzf', path.join(tmp, 'sock.tar.gz')]).toString()).toBe(
        'file\n',
      );
    } finally {
      server.close();
    }
  });

  it('replaces a symlink left at its name or its temporary name, never writing through it', async () => {
    const root = path.join(tmp, 'linked');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'file'), 'x');
    const victim = path.join(tmp, 'victim');
    fs.writeFileSync(victim, 'keep');
    const out = path.join(tmp, 'linked.tar.gz');
    fs.symlinkSync(victim, out);
    fs.symlinkSync(victim, `${out}.tmp-${process.pid}`);
    await packTree(root, out, { mtime: MTIME, level: 1 });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep');
    expect(fs.lstatSync(out).isFile()).toBe(true);
    expect(execFileSync('tar', ['-tzf', out]).toString()).toBe('file\n');
    expect(fs.existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });

  it('leaves neither the archive nor a temporary file when the tree cannot be read', async () => {
    const out = path.join(tmp, 'missing.tar.gz');
    await expect(
      packTree(path.join(tmp, 'no-such-dir'), out, { mtime: MTIME, level: 1 }),
    ).rejects.toThrow(/ENOENT/);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('missing'))).toEqual([]);
  });
});
