import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyFiles, findSumFiles } from '../../src/cache/dependency-files.js';
import { realRoot } from '../../src/trust/paths.js';
import {
  BACKDATE_MS,
  backdateEntries,
  dirBytes,
  entryFiles,
  makeDirsWritable,
  partitionEntries,
  trimEntries,
} from '../../src/cache/gocache.js';
import {
  buildCacheKey,
  layerCacheKey,
  flavorHash,
  hashFiles,
  modCacheKey,
  type BuildFlavor,
} from '../../src/cache/keys.js';
import { sha256Hex } from '../../src/hash.js';

const host = { os: 'linux', arch: 'x64' };
const flavor: BuildFlavor = {
  platform: 'clever-cloud/gomod',
  goos: 'linux',
  goarch: 'amd64',
  tags: [],
  buildFlags: [],
  troubleshoot: false,
  env: {},
};
// Made before the tests run, not at import.
const tmp = path.join(fs.realpathSync(os.tmpdir()), `cache-keys-${process.pid}`);
beforeAll(() => fs.mkdirSync(tmp, { recursive: true }));
const root = (dir: string) => realRoot(dir, 'the app directory');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('module cache key', () => {
  const files = [
    { rel: 'go.sum', sha256: sha256Hex('a') },
    { rel: 'tools/go.sum', sha256: sha256Hex('b') },
  ];

  it('is the documented prefix plus the dependency hash, restored by the prefix', () => {
    const k = modCacheKey(host, hashFiles(files));
    expect(k.key).toMatch(/^go-paas-build-mod-linux-x64-[0-9a-f]{64}$/);
    expect(k.restoreKeys).toEqual(['go-paas-build-mod-linux-x64-']);
    expect(k.key.startsWith(k.restoreKeys[0]!)).toBe(true);
  });

  it('does not depend on the order files were found in', () => {
    expect(hashFiles(files)).toBe(hashFiles([...files].reverse()));
  });

  it('changes with a file content and with a file path', () => {
    const base = hashFiles(files);
    expect(hashFiles([files[0]!, { ...files[1]!, sha256: sha256Hex('c') }])).not.toBe(base);
    expect(hashFiles([files[0]!, { ...files[1]!, rel: 'other/go.sum' }])).not.toBe(base);
  });

  it('ends with the suffix, and the restore key still matches it', () => {
    const k = modCacheKey(host, 'h', 'race');
    expect(k.key).toBe('go-paas-build-mod-linux-x64-h-race');
    expect(k.key.startsWith(k.restoreKeys[0]!)).toBe(true);
  });
});

describe('build cache key', () => {
  const run = { id: '77', attempt: '2' };

  it('is version, flavor, suffix, run and attempt; the restore key stops before the run', () => {
    const k = buildCacheKey(host, '1.24.4', 'f00d', run, 'sfx');
    expect(k.key).toBe('go-paas-build-build-linux-x64-go1.24.4-f00d-sfx-77-2');
    expect(k.restoreKeys).toEqual(['go-paas-build-build-linux-x64-go1.24.4-f00d-sfx-']);
  });

  it('a later run of the same flavor matches the restore key, another Go version does not', () => {
    const now = buildCacheKey(host, '1.24.4', 'f00d', run);
    const later = buildCacheKey(host, '1.24.4', 'f00d', { id: '78', attempt: '1' });
    const other = buildCacheKey(host, '1.23.5', 'f00d', run);
    expect(later.key.startsWith(now.restoreKeys[0]!)).toBe(true);
    expect(other.key.startsWith(now.restoreKeys[0]!)).toBe(false);
  });

  it('a key with a suffix is not matched by the prefix of another suffix', () => {
    const a = buildCacheKey(host, '1.24.4', 'f00d', run, 'a');
    const ab = buildCacheKey(host, '1.24.4', 'f00d', run, 'ab');
    expect(ab.key.startsWith(a.restoreKeys[0]!)).toBe(false);
  });
});

describe('build flavor hash', () => {
  const h = flavorHash(flavor);

  it.each<[string, Partial<BuildFlavor>]>([
    ['tags', { tags: ['heroku'] }],
    ['platform', { platform: 'heroku/gomod' }],
    ['GOOS', { goos: 'darwin' }],
    ['GOARCH', { goarch: 'arm64' }],
    ['build flags', { buildFlags: ['-trimpath'] }],
    ['troubleshoot (-race)', { troubleshoot: true }],
    ['CGO_ENABLED', { env: { CGO_ENABLED: '0' } }],
    ['GOFLAGS', { env: { GOFLAGS: '-mod=mod' } }],
  ])('changes with %s', (_name, change) => {
    expect(flavorHash({ ...flavor, ...change })).not.toBe(h);
  });

  it('ignores the order of tags and of env entries', () => {
    expect(flavorHash({ ...flavor, tags: ['a', 'b'], env: { X: '1', Y: '2' } })).toBe(
      flavorHash({ ...flavor, tags: ['b', 'a'], env: { Y: '2', X: '1' } }),
    );
  });

  it('is 16 hex digits', () => {
    expect(h).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('dependency files', () => {
  function app(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'app-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }

  it('finds go.sum and go.work.sum files, nested modules too, but not in vendor, testdata or dot dirs', async () => {
    const dir = app({
      'go.sum': 'x',
      'go.work.sum': 'y',
      'tools/go.sum': 'z',
      'vendor/m/go.sum': 'v',
      'testdata/go.sum': 't',
      '.git/go.sum': 'g',
      '_old/go.sum': 'o',
    });
    expect((await findSumFiles(dir)).map((f) => path.relative(dir, f))).toEqual([
      'go.sum',
      'go.work.sum',
      'tools/go.sum',
    ]);
  });

  it('falls back to go.mod when there is no go.sum, and to nothing without go.mod', async () => {
    const withMod = await dependencyFiles(root(app({ 'go.mod': 'module m\n' })), tmp, []);
    expect(withMod?.files.map((f) => f.rel)).toEqual(['go.mod']);
    expect(
      await dependencyFiles(root(app({ 'main.go': 'package main' })), tmp, []),
    ).toBeUndefined();
  });

  it('uses cache-dependency-path globs relative to the workspace, and says when they match nothing', async () => {
    const ws = app({ 'svc/go.sum': 'a', 'svc/go.mod': 'm', 'lib/go.sum': 'b' });
    const globbed = await dependencyFiles(root(path.join(ws, 'svc')), ws, ['**/go.sum']);
    expect(globbed?.files.map((f) => f.rel)).toEqual(['lib/go.sum', 'svc/go.sum']);
    const none = await dependencyFiles(root(path.join(ws, 'svc')), ws, ['nothing/*.lock']);
    expect(none?.unmatched).toBe('nothing/*.lock');
    expect(none?.files.map((f) => f.rel)).toEqual(['go.sum']);
  });
});

describe('build cache trimming', () => {
  it('keeps entries Go touched or wrote after the mark, drops the rest', () => {
    const mark = 1_700_000_000_000;
    const files = [
      { path: 'old', size: 1, mtimeMs: mark - BACKDATE_MS },
      { path: 'used', size: 1, mtimeMs: mark + 5_000 },
      { path: 'new', size: 1, mtimeMs: mark + 1 },
    ];
    const { keep, drop } = partitionEntries(files, mark);
    expect(keep.map((f) => f.path)).toEqual(['used', 'new']);
    expect(drop.map((f) => f.path)).toEqual(['old']);
  });

  it('backdates only entry files of a real GOCACHE layout', async () => {
    const gocache = fs.mkdtempSync(path.join(tmp, 'gocache-'));
    const hex = 'ab'.repeat(32);
    fs.mkdirSync(path.join(gocache, 'ab'));
    fs.writeFileSync(path.join(gocache, 'ab', `${hex}-a`), 'a');
    fs.writeFileSync(path.join(gocache, 'ab', `${hex}-d`), 'dd');
    fs.writeFileSync(path.join(gocache, 'README'), 'r');
    fs.writeFileSync(path.join(gocache, 'trim.txt'), 't');
    const now = Date.now();
    // An entry a save dated back already (three hours ago) is left as it is.
    const older = path.join(gocache, 'cd', `${'cd'.repeat(32)}-d`);
    fs.mkdirSync(path.dirname(older));
    fs.writeFileSync(older, 'ddd');
    // Whole seconds: a time in ms goes through a float of seconds and may come back off by µs.
    const threeHours = new Date(Math.floor((now - 3 * 60 * 60 * 1000) / 1000) * 1000);
    fs.utimesSync(older, threeHours, threeHours);
    expect(await backdateEntries(gocache, now)).toEqual({ entries: 3, bytes: 6, redated: 2 });
    const entries = await entryFiles(gocache);
    const byName = new Map(entries.map((e) => [path.basename(e.path), e.mtimeMs]));
    expect([...byName.keys()].sort()).toEqual([`${hex}-a`, `${hex}-d`, `${'cd'.repeat(32)}-d`]);
    for (const n of [`${hex}-a`, `${hex}-d`])
      expect(Math.abs(byName.get(n)! - (now - BACKDATE_MS))).toBeLessThan(2000);
    expect(byName.get(`${'cd'.repeat(32)}-d`)).toBe(threeHours.getTime());
    expect(fs.statSync(path.join(gocache, 'README')).mtimeMs).toBeGreaterThan(now - 60_000);
  });
  it('never follows a link: a symlinked <xx>, a symlink or hard link entry are not re-dated or trimmed', async () => {
    const gocache = fs.mkdtempSync(path.join(tmp, 'gocache-'));
    const victim = fs.mkdtempSync(path.join(tmp, 'victim-'));
    const hex = (c: string) => c.repeat(64);
    // Outside files named like entries, written now (so a re-dating would move them back).
    for (const n of [`${hex('e')}-d`, `${hex('f')}-d`, 'secret'])
      fs.writeFileSync(path.join(victim, n), n);
    const times = () =>
      fs.readdirSync(victim).map((n) => fs.lstatSync(path.join(victim, n)).mtimeMs);
    const before = times();
    fs.symlinkSync(victim, path.join(gocache, 'ee'));
    fs.mkdirSync(path.join(gocache, 'ab'));
    fs.symlinkSync(path.join(victim, 'secret'), path.join(gocache, 'ab', `${hex('a')}-d`));
    fs.linkSync(path.join(victim, `${hex('f')}-d`), path.join(gocache, 'ab', `${hex('b')}-d`));
    fs.writeFileSync(path.join(gocache, 'ab', `${hex('c')}-d`), 'real');
    const now = Date.now();
    expect(await backdateEntries(gocache, now)).toEqual({ entries: 1, bytes: 4, redated: 1 });
    const { drop } = partitionEntries(await entryFiles(gocache), now + 60 * 60 * 1000);
    expect(drop.map((f) => path.basename(f.path))).toEqual([`${hex('c')}-d`]);
    await trimEntries(drop);
    expect(times()).toEqual(before);
    expect(fs.readdirSync(victim).sort()).toEqual(
      [`${hex('e')}-d`, `${hex('f')}-d`, 'secret'].sort(),
    );
  });
});

describe('dirBytes', () => {
  it('adds up every file of a tree, however many are read at once', async () => {
    const root = fs.mkdtempSync(path.join(tmp, 'tree-'));
    let expected = 0;
    for (let d = 0; d < 5; d++) {
      fs.mkdirSync(path.join(root, `d${d}`, 'sub'), { recursive: true });
      for (let f = 0; f < 20; f++) {
        const size = 100 + d * 20 + f;
        fs.writeFileSync(path.join(root, `d${d}`, f % 2 ? 'sub' : '', `f${f}`), Buffer.alloc(size));
        expected += size;
      }
    }
    expect(await dirBytes(root)).toBe(expected);
    expect(await dirBytes(path.join(root, 'missing'))).toBe(0);
  });
});

describe('makeDirsWritable', () => {
  it('gives the owner write access to read-only module dirs, files untouched', async () => {
    const root = fs.mkdtempSync(path.join(tmp, 'modcache-'));
    const mod = path.join(root, 'example.com', 'greet@v1.0.0');
    fs.mkdirSync(path.join(mod, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/greet\n', { mode: 0o444 });
    fs.chmodSync(path.join(mod, 'sub'), 0o555);
    fs.chmodSync(mod, 0o555);
    expect(await makeDirsWritable(root)).toBe(2);
    expect(fs.statSync(mod).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(mod, 'sub')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(mod, 'go.mod')).mode & 0o777).toBe(0o444);
    expect(await makeDirsWritable(root)).toBe(0);
  });
});

describe('layerCacheKey', () => {
  const base = 'go-paas-build-build-linux-x64-go1.24.4-0123456789abcdef-suffix-101-1';
  it('ties a layer to its base, newest first by the prefix', () => {
    const k = layerCacheKey(base, { id: '107', attempt: '2' });
    expect(k.key).toMatch(/^go-paas-build-layer-[0-9a-f]{24}-107-2$/);
    expect(k.restoreKeys).toEqual([k.key.replace(/107-2$/, '')]);
    expect(k.key.length).toBeLessThan(base.length);
  });

  it('gives another base (another run, flavor or suffix) other layers', () => {
    const run = { id: '107', attempt: '1' };
    const prefixes = [
      base,
      base.replace('-101-1', '-102-1'),
      base.replace('0123456789abcdef', 'fedcba9876543210'),
      base.replace('-suffix', ''),
    ].map((b) => layerCacheKey(b, run).restoreKeys[0]!);
    expect(new Set(prefixes).size).toBe(4);
    // No layer prefix is a prefix of another's keys.
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });
});
