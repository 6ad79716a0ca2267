import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../test/support/action-harness.js';
import { extractedGoroot, goFixtures } from '../../test/support/fixtures.js';
import {
  dependentsOf,
  packageImportPath,
  touchPackage,
  writeBigModule,
} from '../../test/support/big-module.js';
import {
  MODDEPS_OUTPUT,
  crc32,
  escapeModulePath,
  goModHash,
  goSumLines,
  listFiles,
  moddepsBuildList,
  moddepsGoModOnly,
  moduleZip,
  serveGoProxy,
  testModule,
  testModules,
  writeGoProxy,
  writeTestProxy,
  zipHash,
  type GoModule,
} from '../../test/support/goproxy.js';

const MODDEPS = fileURLToPath(new URL('../fixtures/apps/moddeps/', import.meta.url));
const COMMITTED_SUM = readFileSync(path.join(MODDEPS, 'go.sum'), 'utf8');

interface GoResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A private Go world: own HOME, GOPATH, empty GOMODCACHE, nothing from the dev machine. GOFLAGS is
 * unset, so `-mod=readonly` applies (Go's default): go.mod and go.sum must already be right.
 */
async function goEnv(goroot: string, proxy: string, gocache: string) {
  const root = await makeTempDir('goproxy-env-');
  return {
    modcache: path.join(root, 'modcache'),
    env: {
      PATH: `${goroot}/bin:/usr/bin:/bin`,
      HOME: path.join(root, 'home'),
      GOPATH: path.join(root, 'gopath'),
      GOMODCACHE: path.join(root, 'modcache'),
      GOCACHE: gocache,
      GOTOOLCHAIN: 'local',
      GOPROXY: proxy,
      GOSUMDB: 'off',
      GOENV: 'off',
      LANG: 'C',
    },
  };
}

function go(args: string[], cwd: string, env: Record<string, string>): Promise<GoResult> {
  return new Promise((resolve) => {
    execFile('go', args, { cwd, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function ok(r: GoResult): string {
  if (r.code !== 0) throw new Error(`go failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

async function appCopy(): Promise<string> {
  const dir = await makeTempDir('moddeps-');
  cpSync(MODDEPS, dir, { recursive: true });
  return dir;
}

/** Zips (and so extracted modules) in a module cache, as `path@version`, sorted. */
async function cachedZips(modcache: string): Promise<string[]> {
  const files = await listFiles(path.join(modcache, 'cache', 'download')).catch(() => []);
  return files
    .filter((f) => f.endsWith('.zip'))
    .map((f) => {
      const m = /^(.*)\/@v\/(.*)\.zip$/.exec(f)!;
      const unescape = (s: string) => s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
      return `${unescape(m[1]!)}@${unescape(m[2]!)}`;
    })
    .sort();
}

const buildList = () => moddepsBuildList.map(testModule);
const expectedSum = () =>
  goSumLines(buildList(), { goModOnly: moddepsGoModOnly.map(testModule) }).join('');

let gocache: string;
let go124: string;
let go119: string;

beforeAll(async () => {
  if ((await goFixtures()).length === 0) {
    throw new Error(
      'No Go fixture archives on this machine: build them once with `bash test/support/go-fixtures.sh` ' +
        '(this test needs real Go 1.19 and 1.24 and is never skipped).',
    );
  }
  [go124, go119] = await Promise.all([extractedGoroot('1.24'), extractedGoroot('1.19')]);
  gocache = await makeTempDir('goproxy-gocache-');
});

afterAll(cleanupTempDirs);

describe('goproxy generator (pure)', () => {
  it('case-escapes module paths and versions as Go does', () => {
    expect(escapeModulePath('example.com/Colors')).toBe('example.com/!colors');
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(escapeModulePath('example.com/greet/v2')).toBe('example.com/greet/v2');
    expect(escapeModulePath('v1.0.0-RC.1')).toBe('v1.0.0-!r!c.1');
    expect(() => escapeModulePath('example.com/!x')).toThrow(/unsupported/);
  });

  it('computes CRC-32 (IEEE) like zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff));
    if (typeof zlib.crc32 === 'function') expect(crc32(data)).toBe(zlib.crc32(data));
  });

  it('writes the same bytes twice, in the GOPROXY layout', async () => {
    const a = await makeTempDir('proxy-a-');
    const b = await makeTempDir('proxy-b-');
    const written = await writeGoProxy(a, testModules);
    await writeGoProxy(b, testModules);
    expect(await listFiles(a)).toEqual(written);
    expect(await listFiles(b)).toEqual(written);
    for (const f of written) {
      expect(await readFile(path.join(b, f)), f).toEqual(await readFile(path.join(a, f)));
    }
    expect(written).toContain('example.com/!colors/@v/v1.0.0.zip');
    expect(written).toContain('example.com/greet/v2/@v/v2.0.0.mod');
    expect(await readFile(path.join(a, 'example.com/greet/@v/list'), 'utf8')).toBe(
      'v1.0.0\nv1.1.0\n',
    );
    expect(
      JSON.parse(await readFile(path.join(a, 'example.com/!colors/@v/v1.0.0.info'), 'utf8')),
    ).toEqual({ Version: 'v1.0.0', Time: '2024-01-01T00:00:00Z' });
    const colors = testModule('example.com/Colors@v1.0.0');
    expect(await readFile(path.join(a, 'example.com/!colors/@v/v1.0.0.mod'), 'utf8')).toBe(
      colors.files['go.mod'],
    );
    // Stored entries: each file's bytes appear verbatim after its `<path>@<version>/` name.
    const zip = await readFile(path.join(a, 'example.com/!colors/@v/v1.0.0.zip'));
    expect(zip).toEqual(moduleZip(colors));
    const goMod = Buffer.from(`example.com/Colors@v1.0.0/go.mod${colors.files['go.mod']!}`);
    expect(zip.includes(goMod)).toBe(true);
    expect(moduleZip(colors, 'deflate')).toEqual(moduleZip(colors, 'deflate'));
  });

  it('rejects modules Go would reject', () => {
    const bad = (m: Partial<GoModule>) =>
      moduleZip({ path: 'example.com/x', version: 'v1.0.0', files: {}, ...m });
    expect(() => bad({})).toThrow(/no go.mod/);
    expect(() => bad({ files: { 'go.mod': 'module example.com/y\n' } })).toThrow(/declares/);
    expect(() => bad({ version: '1.0.0', files: { 'go.mod': 'module example.com/x\n' } })).toThrow(
      /semantic version/,
    );
    expect(() => bad({ files: { 'go.mod': 'module example.com/x\n', '../a.go': '' } })).toThrow(
      /bad file name/,
    );
  });

  it('orders go.sum lines as Go does (path bytes, semver, <v> before <v>/go.mod)', () => {
    const names = expectedSum()
      .trimEnd()
      .split('\n')
      .map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(names).toEqual([
      'example.com/Colors v1.0.0',
      'example.com/Colors v1.0.0/go.mod',
      'example.com/greet v1.0.0/go.mod',
      'example.com/greet v1.1.0',
      'example.com/greet v1.1.0/go.mod',
      'example.com/greet/v2 v2.0.0',
      'example.com/greet/v2 v2.0.0/go.mod',
      'example.com/strutil v0.1.0/go.mod',
      'example.com/strutil v0.2.0',
      'example.com/strutil v0.2.0/go.mod',
    ]);
    expect(expectedSum()).toBe(COMMITTED_SUM);
  });
});

describe('goproxy with real Go', () => {
  it('Go 1.24 downloads every catalogue module (deflated zips) with the sums goSumLines computes', async () => {
    const proxy = await makeTempDir('proxy-deflate-');
    await writeGoProxy(proxy, testModules, { method: 'deflate' });
    const { env } = await goEnv(go124, `file://${proxy}`, gocache);
    const outside = await makeTempDir('no-module-');
    const args = testModules.map((m) => `${m.path}@${m.version}`);
    const out = ok(await go(['mod', 'download', '-json', ...args], outside, env));
    const results = JSON.parse(`[${out.replace(/}\s*{/g, '},{')}]`) as Array<
      Record<string, string>
    >;
    expect(results).toHaveLength(testModules.length);
    for (const r of results) {
      const m = testModule(`${r.Path}@${r.Version}`);
      expect(r.Error).toBeUndefined();
      expect(r.Sum, r.Path).toBe(zipHash(m));
      expect(r.GoModSum, r.Path).toBe(goModHash(m));
      // What Go extracted is exactly the module's files.
      const extracted = await listFiles(r.Dir!);
      expect(extracted).toEqual(Object.keys(m.files).sort());
      for (const f of extracted) {
        expect(await readFile(path.join(r.Dir!, f), 'utf8')).toBe(m.files[f]);
      }
    }
  });

  it('go mod tidy (Go 1.24) writes the committed go.mod and go.sum, which goSumLines reproduces', async () => {
    const proxy = await writeTestProxy(await makeTempDir('proxy-'));
    const { env } = await goEnv(go124, proxy, gocache);
    const app = await appCopy();
    const committedMod = await readFile(path.join(app, 'go.mod'), 'utf8');
    await writeFile(path.join(app, 'go.mod'), 'module example.com/moddeps\n\ngo 1.19\n');
    await rm(path.join(app, 'go.sum'));
    ok(await go(['mod', 'tidy'], app, env));
    expect(await readFile(path.join(app, 'go.mod'), 'utf8')).toBe(committedMod);
    expect(await readFile(path.join(app, 'go.sum'), 'utf8')).toBe(COMMITTED_SUM);
    expect(COMMITTED_SUM).toBe(expectedSum());
  });

  it('Go 1.24: empty module cache, -mod=readonly, go.sum verified → downloads and builds; a removed proxy then is not missed', async () => {
    const proxyDir = await makeTempDir('proxy-');
    const proxy = await writeTestProxy(proxyDir);
    expect(proxy).toBe(`file://${proxyDir}`);
    const { env, modcache } = await goEnv(go124, proxy, gocache);
    const app = await appCopy();
    expect(await cachedZips(modcache)).toEqual([]);

    const cold = await go(['build', './...'], app, env);
    expect(ok(cold)).toBe('');
    expect(cold.stderr).toMatch(/go: downloading example.com\/Colors v1.0.0/);
    expect(await cachedZips(modcache)).toEqual([...moddepsBuildList].sort());
    expect(await readFile(path.join(app, 'go.sum'), 'utf8')).toBe(COMMITTED_SUM);
    expect(await readFile(path.join(app, 'go.mod'), 'utf8')).toBe(
      readFileSync(path.join(MODDEPS, 'go.mod'), 'utf8'),
    );

    // Warm: the proxy is gone (same GOPROXY value), so any fetch would fail the build.
    await rename(proxyDir, `${proxyDir}.gone`);
    const bin = path.join(app, 'moddeps-bin');
    const warm = await go(['build', '-o', bin, '.'], app, env);
    ok(warm);
    expect(warm.stderr).not.toMatch(/downloading/);
    expect(ok(await go(['run', '.'], app, env))).toBe(MODDEPS_OUTPUT);
    expect(ok(await go(['run', './cmd/tool'], app, env))).toBe(
      '*** Hello, Tool! ***\nred green blue\ncyan magenta\nyellow\n',
    );

    // But a cache filled by `go build` alone is not enough for commands that load the whole
    // module graph: Colors is a go 1.16 (unpruned) module, and the go.mod of the greet v1.0.0 it
    // requires was never needed to build, so never fetched.
    const graph = await go(['mod', 'download'], app, env);
    expect(graph.code).not.toBe(0);
    expect(graph.stderr).toMatch(/example.com\/greet@v1.0.0: reading file:.*v1.0.0.mod/);
    await rename(`${proxyDir}.gone`, proxyDir);
    expect(ok(await go(['mod', 'verify'], app, env))).toMatch(/all modules verified/);
    await rename(proxyDir, `${proxyDir}.gone`);

    // Control: with a cold module cache the missing proxy IS noticed.
    const fresh = await goEnv(go124, proxy, gocache);
    const r = await go(['build', './...'], app, fresh.env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/example.com\/(Colors|greet|strutil)/);
    await rename(`${proxyDir}.gone`, proxyDir); // back where cleanupTempDirs looks
  });

  it('Go 1.24 refuses a wrong or incomplete go.sum (so go.sum really is checked)', async () => {
    const proxy = await writeTestProxy(await makeTempDir('proxy-'));
    const app = await appCopy();
    const sum = path.join(app, 'go.sum');

    await writeFile(
      sum,
      COMMITTED_SUM.replace(/(greet v1\.1\.0 h1:)(.)/, (_, p: string, c: string) =>
        c === 'A' ? `${p}B` : `${p}A`,
      ),
    );
    const tampered = await go(
      ['list', '-deps', './...'],
      app,
      (await goEnv(go124, proxy, gocache)).env,
    );
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toMatch(/example.com\/greet@v1.1.0: checksum mismatch/);

    await writeFile(sum, COMMITTED_SUM.replace(/^example.com\/greet v1\.1\.0 h1:.*\n/m, ''));
    const missing = await go(
      ['list', '-deps', './...'],
      app,
      (await goEnv(go124, proxy, gocache)).env,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/missing go.sum entry/);
  });

  it('Go 1.19 builds from the proxy served over HTTP; the warm run requests nothing', async () => {
    const proxyDir = await makeTempDir('proxy-');
    const proxy = await writeTestProxy(proxyDir);
    const viaFile = await goEnv(go119, proxy, gocache);
    const first = await appCopy();
    ok(await go(['build', './...'], first, viaFile.env));
    expect(await cachedZips(viaFile.modcache)).toEqual([...moddepsBuildList].sort());
    expect(await readFile(path.join(first, 'go.sum'), 'utf8')).toBe(COMMITTED_SUM);

    const server = await serveGoProxy(proxyDir);
    try {
      const { env, modcache } = await goEnv(go119, server.url, gocache);
      const app = await appCopy();
      ok(await go(['build', './...'], app, env));
      expect(await cachedZips(modcache)).toEqual([...moddepsBuildList].sort());
      const fetched = server.requests.map((r) => `${r.status} ${r.path}`);
      expect(fetched).toContain('200 /example.com/!colors/@v/v1.0.0.zip');
      expect(fetched).toContain('200 /example.com/!colors/@v/v1.0.0.mod');
      expect(fetched).toContain('200 /example.com/!colors/@v/v1.0.0.info');
      // Lazy loading: versions MVS passed over are not even read to build.
      expect(fetched.filter((f) => /v1\.0\.0|v0\.1\.0/.test(f) && !/colors/.test(f))).toEqual([]);
      expect(fetched.every((f) => f.startsWith('200 '))).toBe(true);
      expect(await readFile(path.join(app, 'go.sum'), 'utf8')).toBe(COMMITTED_SUM);

      server.requests.length = 0;
      expect(ok(await go(['run', '.'], app, env))).toBe(MODDEPS_OUTPUT);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('big-module generator (a small instance)', () => {
  it('is deterministic, gofmt-clean, builds with Go 1.24 and 1.19, and touchPackage recompiles exactly the dependents', async () => {
    const a = await makeTempDir('big-a-');
    const b = await makeTempDir('big-b-');
    const mod = await writeBigModule(a, { packages: 24, blocks: 1, seed: 7 });
    await writeBigModule(b, { packages: 24, blocks: 1, seed: 7 });
    const files = await listFiles(a);
    expect(files).toEqual(await listFiles(b));
    for (const f of files)
      expect(await readFile(path.join(b, f)), f).toEqual(await readFile(path.join(a, f)));
    expect(files).toHaveLength(2 + 2 * 24);
    expect(mod.roots.length).toBeGreaterThan(0);

    const { env } = await goEnv(go124, 'off', gocache);
    expect(ok(await go(['vet', './...'], a, env))).toBe('');
    const gofmt = await new Promise<string>((resolve, reject) =>
      execFile(path.join(go124, 'bin', 'gofmt'), ['-l', '.'], { cwd: a }, (err, out) =>
        err ? reject(err) : resolve(out),
      ),
    );
    expect(gofmt).toBe('');

    const bin = path.join(a, 'big-bin');
    ok(await go(['build', '-o', bin, '.'], a, env));
    const out1 = await new Promise<string>((resolve) =>
      execFile(bin, (_e, stdout) => resolve(stdout)),
    );
    expect(out1).toMatch(/^big: 24 packages, checksum \d+\n$/);

    // Every generated package is compiled by building main (-v lists what was compiled).
    const noop = await go(['build', '-v', '-o', bin, '.'], a, env);
    expect(ok(noop)).toBe('');
    expect(noop.stderr).toBe('');

    const target = mod.imports.findIndex(
      (deps, i) => deps.length === 0 && dependentsOf(mod, i).length > 3,
    );
    await touchPackage(a, target, 1);
    const rebuilt = await go(['build', '-v', '-o', bin, '.'], a, env);
    ok(rebuilt);
    const compiled = rebuilt.stderr.split('\n').filter((l) => l.startsWith('example.com/big/'));
    const want = [target, ...dependentsOf(mod, target)].map(packageImportPath);
    expect(compiled.sort()).toEqual(want.sort());

    // Go 1.19 builds the same code to the same result.
    const old = await goEnv(go119, 'off', gocache);
    await touchPackage(a, target, 0);
    const bin119 = path.join(a, 'big-bin-119');
    ok(await go(['build', '-o', bin119, '.'], a, old.env));
    const out119 = await new Promise<string>((resolve) =>
      execFile(bin119, (_e, stdout) => resolve(stdout)),
    );
    expect(out119).toBe(out1);
  });
});
