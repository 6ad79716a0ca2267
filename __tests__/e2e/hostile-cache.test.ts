// Hostile cache entries (SPEC §9, SECURITY.md "Caches"): whoever can write one cache entry in the
// job's scope chooses the archive the main step restores. Each case crafts one — `..` and
// absolute members, links at entry paths, at the marker and at `GOCACHE/<xx>`, a hard link out, a
// truncated archive, a body that is not zstd — saves it in the loopback cache service under the
// key and version the action looks up, and runs the bundled main and post steps. Nothing outside
// the cache dirs may be written, re-dated or deleted (a `victim` folder beside HOME, compared by
// content and mtimes), the archive is discarded with one warning, nothing of it stays, the build
// succeeds cold and the post step saves a fresh build cache, and no log line forges a command.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixture } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { tarGz, type TarEntry } from '../../test/support/tar-writer.js';
import { gunzipSync } from 'node:zlib';
import { expectNoForgedCommands, sandbox, snapshot, type Sandbox } from './hostile-support.js';

let releases: ReleaseServer;
let results: ResultsServer;
let toolCache: string;
/** A GOCACHE the seed job warmed: copied into each sandbox, so that a cold build takes seconds. */
let warm: string;
/** Where the caches are, relative to HOME, and the keys the action looks up. */
let layout: { gocache: string; modcache: string; buildPrefix: string; modKey: string };
let runId = 9000;

const hex = (c: string) => c.repeat(64);
/** An entry Go would never write: present after the job only if the archive was (partly) used. */
const SENTINEL = `ab/${hex('5')}-d`;

/** What @actions/cache 6 calls the version of an entry for one path, zstd available. */
const version = (dir: string) =>
  createHash('sha256').update(`${dir}|zstd-without-long|1.0`).digest('hex');
const zstd = (tar: Buffer) => execFileSync('zstd', ['-q', '-c'], { input: tar });
const tarOf = (entries: TarEntry[]) => gunzipSync(tarGz(entries));

/**
 * The post step's output less the `::add-mask::` lines @actions/cache writes for the signature
 * of its upload URL (the loopback blob's `sig`, 24 hex digits): its own, not a forgery.
 */
function withoutUploadMasks(post: RunResult): RunResult {
  return { ...post, stdout: post.stdout.replace(/^::add-mask::[0-9a-f]{24}\n/gm, '') };
}

async function job(
  s: Sandbox,
  afterMain?: (main: RunResult) => void,
): Promise<{ main: RunResult; post?: RunResult }> {
  runId += 1;
  const env = {
    HOME: s.home,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    ...resultsEnv(results, { runId: `run${runId}` }),
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_NUMBER: String(runId),
    GITHUB_WORKFLOW_REF: 'owner/app/.github/workflows/ci.yml@refs/heads/main',
  };
  const inputs = { 'go-download-base-url': releases.url, 'go-version': '1.24', upload: 'false' };
  const main = await runAction({ entry: 'main', workspace: s.ws, toolCache, inputs, env });
  if (main.code !== 0) return { main };
  afterMain?.(main);
  const post = await runAction({
    entry: 'post',
    workspace: s.ws,
    toolCache,
    inputs,
    env,
    state: main.state,
  });
  return { main, post };
}

/** The victim folder: every entry's kind, mode, size, digest (hostile-support) and its mtime. */
function victimState(dir: string): string {
  const times = readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((rel) => `${rel} ${lstatSync(path.join(dir, rel)).mtimeMs}`);
  return `${snapshot(dir)}\n${times.join('\n')}`;
}

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: [await goFixture('1.24')] });
  results = await startResultsServer();
  toolCache = await makeTempDir('tc-hostile-cache-');
  // A seed job learns the keys and the cache dirs (and installs Go, warms a GOCACHE).
  const s = await sandbox();
  const { main } = await job(s);
  expect(main.code, main.stdout).toBe(0);
  const state = JSON.parse(main.state.cache!) as {
    mod: { path: string; key: string };
    build: { path: string; key: string };
  };
  layout = {
    gocache: path.relative(s.home, state.build.path),
    modcache: path.relative(s.home, state.mod.path),
    buildPrefix: state.build.key.replace(/\d+-1$/, ''),
    modKey: state.mod.key,
  };
  warm = await makeTempDir('warm-gocache-');
  cpSync(state.build.path, warm, { recursive: true });
  await results.clearCaches();
});
afterAll(async () => {
  await Promise.all([releases.close(), results.close()]);
  await cleanupTempDirs();
});

interface Case {
  /** The archive's members, named as @actions/cache names them (relative to the workspace). */
  members: (at: { rel: string; victim: string; s: Sandbox }) => TarEntry[];
  /** Which cache the entry is for (default: the build cache). */
  cache?: 'build' | 'mod';
  /** The archive's bytes from its tar (default: zstd). */
  pack?: (tar: Buffer) => Buffer;
  /** The reason in the warning. */
  reason: (at: { rel: string; victim: string; dir: string }) => RegExp;
  /** Before the job, in the sandbox. */
  before?: (s: Sandbox, gocache: string) => void;
}

/** Outside files named like cache entries, in victim/cachedir (recent: a re-dating would show). */
const ENTRY_LIKE = [`${hex('e')}-a`, `${hex('e')}-d`];
function entryLikeVictims(s: Sandbox): string {
  const dir = path.join(s.victim, 'cachedir');
  mkdirSync(dir);
  for (const n of ENTRY_LIKE) writeFileSync(path.join(dir, n), n);
  return dir;
}

const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const outside = (name: string, dir: string) =>
  new RegExp(
    `^member ${esc(JSON.stringify(name).replace(/::/g, ':\\u003a'))} is outside the cache dir ${esc(dir)}$`,
  );
const link = (kind: string) =>
  new RegExp(`^member ".*" is a ${kind} link \\(to ".*"\\); Go's caches hold none$`);

const CASES: Record<string, Case> = {
  'a member with .. (its name forging a command)': {
    members: ({ rel }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${rel}/../../../victim/pwned\n::error::forged`, content: 'pwned' },
    ],
    reason: ({ rel, dir }) => outside(`${rel}/../../../victim/pwned\n::error::forged`, dir),
  },
  'an absolute member': {
    members: ({ rel, victim }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${victim}/pwned`, content: 'pwned' },
    ],
    reason: ({ victim, dir }) => outside(`${victim}/pwned`, dir),
  },
  'a symlink at an entry path, to a file outside': {
    members: ({ rel, victim }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${rel}/ab/${hex('a')}-d`, type: 'symlink', target: `${victim}/secret.txt` },
    ],
    reason: () => link('symbolic'),
  },
  'a symlink at the save-rule marker': {
    members: ({ rel, victim }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${rel}/go-paas-build.json`, type: 'symlink', target: `${victim}/secret.txt` },
    ],
    reason: () => link('symbolic'),
  },
  'GOCACHE/<xx> a symlink to a folder outside, and entries through it': {
    members: ({ rel, victim }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${rel}/ee`, type: 'symlink', target: `${victim}/cachedir` },
      { name: `${rel}/ee/${hex('f')}-d`, content: 'pwned' },
    ],
    before: (s) => void entryLikeVictims(s),
    reason: () => link('symbolic'),
  },
  'a hard link to a file outside': {
    members: ({ rel, victim }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      { name: `${rel}/ab/${hex('a')}-d`, type: 'hardlink', target: `${victim}/secret.txt` },
    ],
    reason: () => link('hard'),
  },
  'a truncated archive': {
    members: ({ rel }) => [
      { name: `${rel}/${SENTINEL}`, content: 'x' },
      {
        name: `${rel}/ab/${hex('b')}-d`,
        content: Buffer.alloc(2 << 20, 'incompressible?'.repeat(9)),
      },
    ],
    pack: (tar) => {
      const z = zstd(tar);
      return z.subarray(0, Math.floor(z.length * 0.6));
    },
    reason: () => /^zstd could not decompress it \(".*premature end"\)$/,
  },
  'a body that is not zstd': {
    members: ({ rel }) => [{ name: `${rel}/${SENTINEL}`, content: 'x' }],
    pack: (tar) => tar,
    reason: () => /^zstd could not decompress it \(".*unsupported format"\)$/,
  },
  'a module cache member with ..': {
    cache: 'mod',
    members: ({ rel }) => [
      { name: `${rel}/example.com/m@v1.0.0/go.mod`, content: 'module example.com/m\n' },
      { name: `${rel}/../../../../victim/pwned`, content: 'pwned' },
    ],
    reason: ({ rel, dir }) => outside(`${rel}/../../../../victim/pwned`, dir),
  },
};

describe('hostile cache entries: discarded with one warning, nothing outside touched', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const s = await sandbox();
      const gocache = path.join(s.home, layout.gocache);
      mkdirSync(path.dirname(gocache), { recursive: true });
      cpSync(warm, gocache, { recursive: true });
      c.before?.(s, gocache);
      const mod = c.cache === 'mod';
      const dir = mod ? path.join(s.home, layout.modcache) : gocache;
      const rel = path.relative(s.ws, dir);
      const key = mod ? layout.modKey : `${layout.buildPrefix}${runId + 500}-1`;
      const tar = tarOf(c.members({ rel, victim: s.victim, s }));
      await results.putCacheEntry(key, version(dir), (c.pack ?? zstd)(tar));
      const before = victimState(s.victim);

      const { main, post } = await job(s);
      expect(main.code, main.stdout + main.stderr).toBe(0);
      expect(post?.code, post?.stdout).toBe(0);
      expect(victimState(s.victim)).toBe(before);
      const warnings = [...main.annotations, ...post!.annotations].filter(
        (a) => a.level === 'warning',
      );
      expect(warnings.map((w) => w.message)).toHaveLength(1);
      const what = mod ? 'module cache' : 'build cache';
      const m = new RegExp(
        `^The ${what} was not restored from ${esc(key)}: (.*); the archive was discarded and the build goes on without it$`,
      ).exec(warnings[0]!.message);
      expect(m, warnings[0]!.message).not.toBeNull();
      expect(m![1]).toMatch(c.reason({ rel, victim: s.victim, dir }));
      expect(main.outputs[mod ? 'cache-hit' : 'build-cache-hit']).toBe('false');
      // Nothing of the archive stays, no staging dir either.
      expect(existsSync(path.join(gocache, SENTINEL))).toBe(false);
      expect(existsSync(path.join(dir, 'example.com'))).toBe(false);
      expect(readdirSync(dir).filter((n) => n.startsWith('.go-paas-build-restore-'))).toEqual([]);
      // Not a fault of the service: the post step saves a build cache that supersedes the bad one.
      expect(post!.stdout).toMatch(/^Saved the build cache as go-paas-build-build-/m);
      expectNoForgedCommands(main, []);
      expectNoForgedCommands(withoutUploadMasks(post!), []);
    });
  }

  it('GOCACHE/<xx> symlinks already on disk: replaced by the archive or left alone, never followed', async () => {
    const s = await sandbox();
    const gocache = path.join(s.home, layout.gocache);
    mkdirSync(path.dirname(gocache), { recursive: true });
    cpSync(warm, gocache, { recursive: true });
    const outsideDir = entryLikeVictims(s);
    // `ab` is in the archive too, `ee` is not: both point at entry-named files outside.
    for (const sub of ['ab', 'ee']) {
      execFileSync('rm', ['-rf', path.join(gocache, sub)]);
      symlinkSync(outsideDir, path.join(gocache, sub));
    }
    const rel = path.relative(s.ws, gocache);
    const key = `${layout.buildPrefix}${runId + 500}-1`;
    await results.putCacheEntry(
      key,
      version(gocache),
      zstd(tarOf([{ name: `${rel}/${SENTINEL}`, content: 'x' }])),
    );
    const before = victimState(s.victim);

    const { main, post } = await job(s, () => {
      // As the build finds it: the archive's `ab`, the link `ee` left as it was.
      expect(lstatSync(path.join(gocache, 'ab')).isDirectory()).toBe(true);
      expect(existsSync(path.join(gocache, SENTINEL))).toBe(true);
      expect(lstatSync(path.join(gocache, 'ee')).isSymbolicLink()).toBe(true);
    });
    expect(main.code, main.stdout).toBe(0);
    expect(post?.code, post?.stdout).toBe(0);
    // The go command itself writes the entries it makes whose names start with `ee` through the
    // link, as it should with a GOCACHE the user laid out so: whether this build makes any depends
    // on its action IDs (the sandbox path). What must never happen is ours: an existing file
    // re-dated, rewritten or trimmed. So new Go entries are set aside, with the folder's own mtime.
    const added = readdirSync(outsideDir).filter((n) => !ENTRY_LIKE.includes(n));
    for (const n of added) expect(n).toMatch(/^ee[0-9a-f]{62}-[ad]$/);
    const unchanged = (state: string) =>
      state
        .split('\n')
        .filter((l) => !added.some((n) => l.startsWith(`cachedir/${n} `)))
        .filter((l) => added.length === 0 || !l.startsWith('cachedir '))
        .join('\n');
    expect(unchanged(victimState(s.victim))).toBe(unchanged(before));
    expect(main.outputs['build-cache-hit']).toBe('true');
    expect(
      [...main.annotations, ...post!.annotations].filter((a) => a.level === 'warning'),
    ).toEqual([]);
    expect(lstatSync(path.join(gocache, 'ee')).isSymbolicLink()).toBe(true);
    expectNoForgedCommands(main, []);
    expectNoForgedCommands(withoutUploadMasks(post!), []);
  });
});

describe('hostile layers over a good base: the layer is discarded, the base kept, nothing outside touched', () => {
  const LAYERS: Record<string, (at: { layer: string; rel: string; victim: string }) => TarEntry[]> =
    {
      'a layer member with .. out of the layer dir': ({ layer }) => [
        { name: `${layer}/cd/${hex('c')}-d`, content: 'x' },
        { name: `${layer}/../../../victim/pwned`, content: 'pwned' },
      ],
      "a layer member naming GOCACHE itself, not the layer's dir": ({ layer, rel }) => [
        { name: `${layer}/cd/${hex('c')}-d`, content: 'x' },
        { name: `${rel}/cd/${hex('d')}-d`, content: 'x' },
      ],
      'a layer symlink at an entry path': ({ layer, victim }) => [
        { name: `${layer}/cd/${hex('c')}-d`, type: 'symlink', target: `${victim}/secret.txt` },
      ],
    };

  for (const [name, members] of Object.entries(LAYERS)) {
    it(name, async () => {
      const s = await sandbox();
      const gocache = path.join(s.home, layout.gocache);
      mkdirSync(path.dirname(gocache), { recursive: true });
      cpSync(warm, gocache, { recursive: true });
      const rel = path.relative(s.ws, gocache);
      const layerDir = `${gocache}.go-paas-build-layer`;
      const base = `${layout.buildPrefix}${runId + 500}-1`;
      await results.putCacheEntry(
        base,
        version(gocache),
        zstd(tarOf([{ name: `${rel}/${SENTINEL}`, content: 'x' }])),
      );
      const layerKey = `go-paas-build-layer-${createHash('sha256').update(base).digest('hex').slice(0, 24)}-${runId + 501}-1`;
      const entries = members({ layer: path.relative(s.ws, layerDir), rel, victim: s.victim });
      await results.putCacheEntry(layerKey, version(layerDir), zstd(tarOf(entries)));
      const before = victimState(s.victim);

      // The base is what the build finds (the post step's trim may delete the sentinel: no build
      // used it).
      const { main, post } = await job(s, () => {
        expect(existsSync(path.join(gocache, SENTINEL))).toBe(true);
        expect(existsSync(layerDir)).toBe(false);
      });
      expect(main.code, main.stdout + main.stderr).toBe(0);
      expect(post?.code, post?.stdout).toBe(0);
      expect(victimState(s.victim)).toBe(before);
      expect(main.outputs['build-cache-hit']).toBe('true');
      const warnings = [...main.annotations, ...post!.annotations].filter(
        (a) => a.level === 'warning',
      );
      expect(warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^The build cache layer was not restored from ${esc(layerKey)}: .*; the archive was discarded and the build goes on without it$`,
          ),
        ),
      ]);
      expect(existsSync(path.join(gocache, 'cd', `${hex('c')}-d`))).toBe(false);
      expect(existsSync(path.join(gocache, 'cd', `${hex('d')}-d`))).toBe(false);
      expect(readdirSync(gocache).filter((n) => n.startsWith('.go-paas-build-restore-'))).toEqual(
        [],
      );
      expect(existsSync(layerDir)).toBe(false);
      expectNoForgedCommands(main, []);
      expectNoForgedCommands(withoutUploadMasks(post!), []);
    });
  }
});
