// Build-cache layers on disk: the base's entry list, and the layer dir packed beside GOCACHE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryFiles } from '../../src/cache/gocache.js';
import {
  baseNamesFile,
  entryName,
  layerDir,
  readBaseNames,
  stageLayer,
  writeBaseNames,
} from '../../src/cache/layers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hex = (n: number) => n.toString(16).padStart(64, '0');

/** A GOCACHE with `n` entries (an -a and a -d file each) in a few subdirs, and Go's own files. */
function gocache(name: string, n: number): string {
  const dir = path.join(tmp, name);
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, (i % 4).toString(16).padStart(2, '0'));
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${hex(i)}-a`), `action ${i}`);
    fs.writeFileSync(path.join(sub, `${hex(i)}-d`), `output ${i}`.repeat(i + 1));
  }
  fs.writeFileSync(path.join(dir, 'README'), 'Go build cache');
  fs.writeFileSync(path.join(dir, 'trim.txt'), '1700000000');
  return dir;
}

describe('the base list', () => {
  it('names every entry of the base, and nothing else, in a new file', async () => {
    const dir = gocache('list', 6);
    fs.mkdirSync(path.join(dir, 'ff'));
    fs.symlinkSync(path.join(tmp, 'elsewhere'), path.join(dir, 'ff', `${hex(99)}-d`));
    const file = baseNamesFile(tmp);
    expect(await writeBaseNames(file, dir)).toBe(12);
    const names = await readBaseNames(file);
    expect([...names!].sort()).toEqual(
      (await entryFiles(dir)).map((f) => entryName(dir, f.path)).sort(),
    );
    // A second write to the same name is refused: the file is the main step's own.
    await expect(writeBaseNames(file, dir)).rejects.toThrow(/EEXIST/);
  });

  it('is unknown when it cannot be read, and keeps only entry names', async () => {
    expect(await readBaseNames(path.join(tmp, 'missing.txt'))).toBeUndefined();
    const file = path.join(tmp, 'odd.txt');
    fs.writeFileSync(file, `00/${hex(1)}-a\n../../etc/passwd\n00/${hex(2)}-x\n`);
    expect([...(await readBaseNames(file))!]).toEqual([`00/${hex(1)}-a`]);
  });
});

describe('the layer dir', () => {
  it('holds copies of the layer entries, dated back, beside GOCACHE', async () => {
    const dir = gocache('stage', 8);
    const files = (await entryFiles(dir)).slice(0, 5);
    // Whole seconds: utimes takes seconds as a double, so a time with milliseconds can land 1 ns short.
    const old = new Date(Math.floor(Date.now() / 1000 - 2 * 3600) * 1000);
    const staged = await stageLayer(dir, files, old);
    expect(staged).toBe(layerDir(dir));
    expect(path.dirname(staged)).toBe(path.dirname(dir));
    for (const f of files) {
      const copy = path.join(staged, entryName(dir, f.path));
      expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(f.path));
      expect(fs.statSync(copy).mtimeMs).toBe(old.getTime());
      // A copy, not a second name: GOCACHE's entry keeps one link.
      expect(fs.statSync(f.path).nlink).toBe(1);
    }
    expect((await entryFiles(staged)).length).toBe(5);
  });

  it('is made anew: a symlink at its place is replaced, never written through', async () => {
    const dir = gocache('stage-link', 2);
    const victim = path.join(tmp, 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, 'keep'), 'keep');
    fs.symlinkSync(victim, layerDir(dir));
    const staged = await stageLayer(dir, await entryFiles(dir), new Date());
    expect(fs.lstatSync(staged).isDirectory()).toBe(true);
    expect(fs.readdirSync(victim)).toEqual(['keep']);
  });
});
