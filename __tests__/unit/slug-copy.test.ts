/**
 * The slug's copy of the app's files (src/slug/app-files.ts) as it writes: modes and links kept,
 * and an entry already at the destination (the GOPATH sources laid over the app's own src/)
 * replaced, never written through.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAppFiles } from '../../src/slug/app-files.js';
import { byteListing } from '../../test/support/byte-names.js';

let tmp: string;
let n = 0;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slug-copy-'));
});
afterAll(() => {
  // Read-only directories of the copies: opened first, so that they can be removed.
  for (const dir of fs.readdirSync(tmp, { recursive: true, withFileTypes: true }))
    if (dir.isDirectory()) fs.chmodSync(path.join(dir.parentPath, dir.name), 0o755);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const fresh = (name: string): string => path.join(tmp, `${name}-${++n}`);

/** `dirs` directories of `files` files each, plus a link and modes worth keeping. */
function bigApp(dirs: number, files: number): string {
  const app = fresh('app');
  for (let d = 0; d < dirs; d++) {
    const dir = path.join(app, `pkgs/p${d}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < files; f++) fs.writeFileSync(path.join(dir, `f${f}.go`), `${d}/${f}\n`);
  }
  fs.writeFileSync(path.join(app, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(app, 'secret.key'), 'k\n', { mode: 0o600 });
  fs.symlinkSync('pkgs/p0/f0.go', path.join(app, 'link'));
  fs.mkdirSync(path.join(app, 'frozen'));
  fs.writeFileSync(path.join(app, 'frozen', 'x'), 'x\n');
  fs.chmodSync(path.join(app, 'frozen'), 0o555);
  return app;
}

describe('copyAppFiles writes', () => {
  it('the whole tree, modes and links as they are, read-only directories read-only', () => {
    const app = bigApp(30, 12);
    const to = fresh('slug');
    const copied = copyAppFiles(app, to, { skip: [], slugignore: ['pkgs/p7/'] });
    expect(copied).toEqual({ files: 29 * 12 + 3, links: 1, ignored: ['pkgs/p7/'] });
    const want = byteListing(app).filter((l) => !l.startsWith('pkgs/p7'));
    expect(byteListing(to)).toEqual(want);
    expect(fs.statSync(path.join(to, 'frozen')).mode & 0o777).toBe(0o555);
    expect(fs.statSync(path.join(to, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(to, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(fs.readlinkSync(path.join(to, 'link'))).toBe('pkgs/p0/f0.go');
  });
});

describe('copyAppFiles over what is already there (the GOPATH sources over the app)', () => {
  /** The destination as the app copy left it: symlinks out, a file and a directory in the way. */
  function laidOver(): { app: string; to: string; outside: string } {
    const outside = fresh('outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'victim.txt'), 'victim\n');
    const app = fresh('app');
    fs.mkdirSync(path.join(app, 'static'), { recursive: true });
    fs.writeFileSync(path.join(app, 'static', 'app.css'), 'css\n');
    fs.writeFileSync(path.join(app, 'README'), 'readme\n');
    fs.writeFileSync(path.join(app, 'was-a-dir'), 'file now\n');
    fs.mkdirSync(path.join(app, 'was-a-file'));
    fs.writeFileSync(path.join(app, 'was-a-file', 'x'), 'x\n');
    fs.symlinkSync('README', path.join(app, 'link'));
    const to = fresh('slug');
    fs.mkdirSync(path.join(to, 'kept'), { recursive: true });
    fs.writeFileSync(path.join(to, 'kept', 'old'), 'old\n');
    fs.symlinkSync(outside, path.join(to, 'static'));
    fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(to, 'README'));
    fs.mkdirSync(path.join(to, 'was-a-dir'));
    fs.writeFileSync(path.join(to, 'was-a-dir', 'y'), 'y\n');
    fs.writeFileSync(path.join(to, 'was-a-file'), 'in the way\n');
    fs.symlinkSync(outside, path.join(to, 'link'));
    return { app, to, outside };
  }

  it('replaces a symlink, a file or a directory in the way, and never writes through a link', () => {
    const { app, to, outside } = laidOver();
    const before = byteListing(outside);
    copyAppFiles(app, to, { skip: [] });
    expect(byteListing(outside)).toEqual(before);
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('victim\n');
    expect(fs.lstatSync(path.join(to, 'static')).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(to, 'static', 'app.css'), 'utf8')).toBe('css\n');
    expect(fs.lstatSync(path.join(to, 'README')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(to, 'README'), 'utf8')).toBe('readme\n');
    expect(fs.readFileSync(path.join(to, 'was-a-dir'), 'utf8')).toBe('file now\n');
    expect(fs.readdirSync(path.join(to, 'was-a-file'))).toEqual(['x']);
    expect(fs.readlinkSync(path.join(to, 'link'))).toBe('README');
    // A directory of the destination that the app does not have is left as it is.
    expect(fs.readFileSync(path.join(to, 'kept', 'old'), 'utf8')).toBe('old\n');
  });
});
