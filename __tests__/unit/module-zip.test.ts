/**
 * The module-zip unpacker (src/toolchain/module-zip.ts) on zips whose directory lies: sizes that
 * do not match what the data inflates to, offsets past the end, a cut-off file. Each is refused
 * with one line, and the h1: of an honest zip is the one Go computes (test/support/goproxy.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipModule } from '../../src/toolchain/module-zip.js';
import { hash1, zipBytes } from '../../test/support/goproxy.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'module-zip-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PREFIX = 'example.com/m@v1.0.0/';
const files = [
  { name: `${PREFIX}go.mod`, data: Buffer.from('module example.com/m\n') },
  { name: `${PREFIX}big.txt`, data: Buffer.from('x'.repeat(300_000)) },
  { name: `${PREFIX}bin/tool`, data: Buffer.from('#!/bin/sh\n'), mode: 0o100755 },
];

let n = 0;
function unzip(zip: Buffer) {
  n += 1;
  const file = path.join(tmp, `z${n}.zip`);
  fs.writeFileSync(file, zip);
  return unzipModule(file, PREFIX, path.join(tmp, `out${n}`));
}

/** Offset of the central directory entry of member `i` (all names here have no extra fields). */
function centralEntry(zip: Buffer, i: number): number {
  let at = zip.readUInt32LE(zip.length - 22 + 16);
  for (let k = 0; k < i; k++) at += 46 + zip.readUInt16LE(at + 28);
  return at;
}

describe('unzipModule', () => {
  it('unpacks a deflated zip, keeps execute bits, and gives the h1: Go computes', () => {
    const zip = zipBytes(files, 'deflate');
    const got = unzip(zip);
    expect(got.files).toBe(3);
    expect(got.h1).toBe(hash1(files.map((f) => ({ name: f.name, data: f.data }))));
    const out = path.join(tmp, `out${n}`);
    expect(fs.readFileSync(path.join(out, 'big.txt'))).toEqual(files[1]!.data);
    expect(fs.statSync(path.join(out, 'bin', 'tool')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(out, 'go.mod')).mode & 0o777).toBe(0o644);
  });

  it('refuses a member that inflates to more than its entry says', () => {
    const zip = zipBytes(files, 'deflate');
    zip.writeUInt32LE(1000, centralEntry(zip, 1) + 24);
    expect(() => unzip(zip)).toThrow(
      /^The zip of example\.com\/m@v1\.0\.0 cannot be unpacked: "example\.com\/m@v1\.0\.0\/big\.txt" is corrupt \(.*\); nothing was installed$/,
    );
  });

  it('refuses a member that inflates to less than its entry says', () => {
    const zip = zipBytes(files, 'deflate');
    zip.writeUInt32LE(300_001, centralEntry(zip, 1) + 24);
    expect(() => unzip(zip)).toThrow(
      'The zip of example.com/m@v1.0.0 holds "example.com/m@v1.0.0/big.txt" of 300000 bytes where its entry says 300001; nothing was installed',
    );
  });

  it('refuses a member whose data would run past the end of the zip', () => {
    const zip = zipBytes(files, 'store');
    zip.writeUInt32LE(10_000_000, centralEntry(zip, 1) + 20);
    expect(() => unzip(zip)).toThrow(
      'The zip of example.com/m@v1.0.0 ends inside "example.com/m@v1.0.0/big.txt"; nothing was installed',
    );
  });

  it('refuses a member whose local header is not where its entry says', () => {
    const zip = zipBytes(files, 'store');
    zip.writeUInt32LE(zip.length - 10, centralEntry(zip, 2) + 42);
    expect(() => unzip(zip)).toThrow(
      'The zip of example.com/m@v1.0.0 has no local header for "example.com/m@v1.0.0/bin/tool"; nothing was installed',
    );
  });

  it('refuses a zip cut short', () => {
    const zip = zipBytes(files, 'deflate');
    expect(() => unzip(zip.subarray(0, zip.length - 30))).toThrow(
      'The zip of example.com/m@v1.0.0 is not a zip (no end of central directory record); nothing was installed',
    );
  });
});
