/**
 * The slug's copy of an app whose names are not UTF-8 (src/slug/app-files.ts): every name and
 * link target byte for byte, `.slugignore` matching those very bytes; and what the zip artifact,
 * which cannot hold such names, says instead (src/publish/archive.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeName } from '../../src/fs-tree.js';
import { listFiles, zipRefusal } from '../../src/publish/archive.js';
import { copyAppFiles, slugignorePatterns } from '../../src/slug/app-files.js';
import { show } from '../../src/trust/log-text.js';
import {
  HOSTILE_NAMES,
  byteListing,
  bytes,
  esc,
  makeByteTree,
} from '../../test/support/byte-names.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slug-names-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function app(name: string, extra: Parameters<typeof makeByteTree>[1] = []): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  makeByteTree(dir, [...HOSTILE_NAMES, ...extra]);
  return dir;
}

const ZIP_WAY_OUT =
  'use artifact-format: tgz, which keeps every name byte for byte, or leave them out with .slugignore';

describe('copyAppFiles', () => {
  it('copies names, directories and link targets that are not UTF-8 byte for byte', () => {
    const from = app('copy');
    const to = path.join(tmp, 'copy-slug');
    const copied = copyAppFiles(from, to, { skip: [] });
    expect(byteListing(to)).toEqual(byteListing(from));
    // The three names a lossy reading merges are three files, each with its own content.
    expect(byteListing(to).filter((l) => l.startsWith('caf'))).toEqual([
      expect.stringMatching(/^caf\\xef\\xbf\\xbd\.txt 644 14 /),
      expect.stringMatching(/^caf\\xfe\.txt 644 3 /),
      expect.stringMatching(/^caf\\xff\.txt 644 3 /),
    ]);
    expect(copied).toEqual({ files: 7, links: 2, ignored: [] });
  });

  it('.slugignore: a pattern with the raw byte leaves out that name only; wildcards match bytes', () => {
    const from = app('ignore', [
      { path: bytes('drop', 0xff, '.bin'), type: 'file', content: 'x' },
      { path: bytes('keep', 0xff, '.dat'), type: 'file', content: 'x' },
    ]);
    const to = path.join(tmp, 'ignore-slug');
    // As plan.ts reads it: the file's bytes. A line naming caf<ff>.txt, a wildcard, a directory.
    const text = Buffer.concat([
      bytes('# bytes that are not UTF-8\r\ncaf', 0xff, '.txt\r\n'),
      bytes('*.bin\n', 'd?/\n'),
    ]);
    const patterns = slugignorePatterns(text);
    expect(patterns.map((p) => esc(encodeName(p)))).toEqual(['caf\\xff.txt', '*.bin', 'd?/']);
    const copied = copyAppFiles(from, to, { skip: [], slugignore: patterns });
    expect(copied.ignored.map((r) => esc(encodeName(r)))).toEqual([
      'caf\\xff.txt',
      'drop\\xff.bin',
      'd\\xff/',
    ]);
    // In byte order of the walk; and how the log names them (pipeline.ts: show).
    expect(copied.ignored.map(show)).toEqual(['"caf\\xff.txt"', '"drop\\xff.bin"', '"d\\xff/"']);
    const left = byteListing(to).map((l) => l.split(' ')[0]);
    expect(left).toContain('caf\\xfe.txt');
    expect(left).toContain('caf\\xef\\xbf\\xbd.txt');
    expect(left).toContain('keep\\xff.dat');
    expect(left.filter((l) => /^(caf\\xff|d\\xff|drop)/.test(l!))).toEqual([]);
  });

  it('.slugignore: U+FFFD in a pattern is that character, not any byte that is not UTF-8', () => {
    const from = app('fffd');
    const to = path.join(tmp, 'fffd-slug');
    const copied = copyAppFiles(from, to, {
      skip: [],
      slugignore: slugignorePatterns(bytes('caf\ufffd.txt\n')),
    });
    expect(copied.ignored).toEqual(['caf\ufffd.txt']);
    expect(fs.existsSync(Buffer.from(path.join(to, 'caf\ufffd.txt')))).toBe(false);
    expect(
      fs.readFileSync(Buffer.concat([Buffer.from(`${to}/caf`), bytes(0xff, '.txt')]), 'utf8'),
    ).toBe('ff\n');
  });
  it('.slugignore: a bracket expression matches such a byte as one character', () => {
    const copied = copyAppFiles(app('brackets'), path.join(tmp, 'brackets-slug'), {
      skip: [],
      slugignore: ['d[!x]/', 'caf[a-z].txt'],
    });
    expect(copied.ignored.map(show)).toEqual(['"d\\xff/"']);
  });
});

describe('the zip artifact', () => {
  it('lists the files byte-exact and refuses the names it cannot hold, in one line', () => {
    const dir = app('zip');
    const { files, links } = listFiles(dir);
    expect(links.map((l) => esc(encodeName(path.relative(dir, l))))).toEqual([
      'ln\\xfd',
      'longlink\\xfc',
    ]);
    expect(files).toHaveLength(7);
    const line = zipRefusal(dir, files)!;
    // Sorted: `\n::error::…` comes first; it holds `:` and a line break, which the service refuses.
    expect(line).toBe(
      `artifact-format: zip cannot hold the slug's file "\\n:\\u003aerror:\\u003aforged\\xff" (and 5 other files): its name is not UTF-8, and a zip artifact holds UTF-8 names only; ${ZIP_WAY_OUT}`,
    );
    expect(line).not.toMatch(/[\r\n\ufffd]/);
  });

  it("names the service's forbidden characters for a UTF-8 name, and passes plain names", () => {
    const dir = path.join(tmp, 'colon');
    fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'bin', 'web'), '');
    fs.writeFileSync(path.join(dir, 'notes:1.txt'), '');
    const { files } = listFiles(dir);
    expect(zipRefusal(dir, files)).toBe(
      `artifact-format: zip cannot hold the slug's file "notes:1.txt": the artifact service refuses " : < > | * ? and line breaks in file names; use artifact-format: tgz, which keeps every name byte for byte, or leave it out with .slugignore`,
    );
    fs.rmSync(path.join(dir, 'notes:1.txt'));
    expect(zipRefusal(dir, listFiles(dir).files)).toBeUndefined();
  });
});
