import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  utimesSync,
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
import {
  extractedGoroot,
  goFixture,
  goFixtures,
  makeFixture,
  type GoFixture,
} from '../../test/support/fixtures.js';
import {
  MODDEPS_OUTPUT,
  serveGoProxy,
  writeTestProxy,
  type GoProxyServer,
} from '../../test/support/goproxy.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { workspaceWith } from './helpers.js';

/**
 * Caches end to end: each "job" is the bundled main step and then the bundled post step (with
 * the state main saved), on a fresh runner (new HOME, so empty GOCACHE and GOMODCACHE), against
 * the loopback cache service. Modules come from a loopback proxy that logs every request.
 */
let releases: ReleaseServer;
let results: ResultsServer;
let proxy: GoProxyServer;
let toolCache: string;
let runNumber = 100;
let runnerRoot: string;

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: await goFixtures() });
  results = await startResultsServer();
  const dir = await makeTempDir('goproxy-');
  await writeTestProxy(dir);
  proxy = await serveGoProxy(dir);
  toolCache = await makeTempDir('tc-cache-');
  runnerRoot = await makeTempDir('runner-');
});
afterAll(async () => {
  await Promise.all([releases.close(), results.close(), proxy.close()]);
  await cleanupTempDirs();
});

interface Job {
  main: RunResult;
  post?: RunResult;
  home: string;
}

/** One job on a fresh runner: main, then post with main's state (as `post-if: always()`). */
async function job(
  ws: string,
  opts: {
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    resultsUrl?: string;
    /** A runner that kept its HOME (self-hosted): the caches are already on disk. */
    keepHome?: boolean;
    /** Another tool cache (an empty one: Go is downloaded). */
    toolCache?: string;
    /** Another release server (another Go). */
    releasesUrl?: string;
  } = {},
): Promise<Job> {
  // A fresh runner: the same HOME path (cache entries are tied to their paths), emptied.
  const home = path.join(runnerRoot, 'home');
  if (!opts.keepHome) rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  runNumber += 1;
  const env = {
    HOME: home,
    GOPROXY: proxy.url,
    GOSUMDB: 'off',
    // Each job is its own workflow run, so its slug artifact never clashes with an earlier one.
    ...resultsEnv(opts.resultsUrl ?? results.url, { runId: `run${runNumber}` }),
    GITHUB_RUN_ID: String(runNumber),
    GITHUB_RUN_NUMBER: String(runNumber),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW_REF: 'owner/app/.github/workflows/ci.yml@refs/heads/main',
    ...opts.env,
  };
  // Both main packages of moddeps, as a Clever Cloud app would ask for them (CC_GO_PKG).
  const inputs = {
    'go-download-base-url': opts.releasesUrl ?? releases.url,
    'go-version': '1.24',
    package: './...',
    ...opts.inputs,
  };
  const tools = opts.toolCache ?? toolCache;
  const main = await runAction({ entry: 'main', workspace: ws, toolCache: tools, inputs, env });
  if (main.code !== 0) return { main, home };
  const post = await runAction({
    entry: 'post',
    workspace: ws,
    toolCache: tools,
    inputs,
    env,
    state: main.state,
  });
  return { main, post, home };
}

/** The Go 1.24 fixture repacked with `lines` added to its $GOROOT/go.env. */
async function goWithEnv(lines: string): Promise<GoFixture> {
  const stage = await makeTempDir('go-with-env-');
  execFileSync('cp', ['-a', await extractedGoroot('1.24'), path.join(stage, 'go')]);
  appendFileSync(path.join(stage, 'go', 'go.env'), lines);
  const { version } = await goFixture('1.24');
  const out = path.join(stage, `${version}.linux-amd64.tar.gz`);
  execFileSync('tar', ['-C', stage, '-I', 'gzip -1', '-cf', out, 'go']);
  return makeFixture(out, version);
}

const ok = (r: RunResult | undefined) => {
  expect(r, 'the step ran').toBeDefined();
  expect(r!.code, r!.stdout + r!.stderr).toBe(0);
};
const warnings = (r: RunResult) => r.annotations.filter((a) => a.level !== 'notice');
const keys = () =>
  results
    .cacheEntries()
    .filter((e) => e.ready)
    .map((e) => e.key);
const modKeys = () => keys().filter((k) => k.startsWith('go-paas-build-mod-'));
const buildKeys = () => keys().filter((k) => k.startsWith('go-paas-build-build-'));
/** `Restore caches: 1.2 s`: the phase's own duration line. */
function phaseSeconds(r: RunResult, phase: string): number {
  const m = new RegExp(`^${phase}: ([\\d.]+) s$`, 'm').exec(r.stdout);
  expect(m, `${phase} duration in the log`).not.toBeNull();
  return Number(m![1]);
}
/**
 * Changes a file of the app and dates it an hour back. The go command does not cache what it
 * derives from a file modified in the last few seconds, so with a fresh mtime whether a job adds a
 * build-cache entry would depend on how soon after the edit it starts (under load it started
 * later, added one, and saved a build cache the next test did not expect).
 */
function dateBack(file: string, write: (file: string, text: string) => void, text: string): void {
  write(file, text);
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
  utimesSync(file, hourAgo, hourAgo);
}
function modCacheFiles(home: string): number {
  const dir = path.join(home, 'go_home', 'pkg', 'mod', 'cache', 'download');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true }).length;
}

describe('module and build caches against the cache service', () => {
  let ws: string;

  it('a cold job downloads modules, builds, and saves both caches', async () => {
    ws = await workspaceWith('moddeps');
    proxy.requests.length = 0;
    const j = await job(ws);
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['cache-hit']).toBe('false');
    expect(j.main.outputs['build-cache-hit']).toBe('false');
    expect(proxy.requests.filter((r) => r.path.endsWith('.zip')).length).toBeGreaterThanOrEqual(4);
    expect(execFileSync(path.join(j.main.outputs['slug-dir']!, 'bin', 'moddeps')).toString()).toBe(
      MODDEPS_OUTPUT,
    );
    expect(j.post!.stdout).toMatch(
      /Saved the module cache as go-paas-build-mod-linux-x64-[0-9a-f]{64}: /,
    );
    expect(j.post!.stdout).toMatch(
      /Saved the build cache as go-paas-build-build-linux-x64-go1\.24\.4-[0-9a-f]{16}-101-1: /,
    );
    expect(modKeys()).toHaveLength(1);
    expect(buildKeys()).toHaveLength(1);
    expect(warnings(j.main).concat(warnings(j.post!))).toEqual([]);
  });

  it('the next job restores both, downloads no module, compiles nothing and saves nothing', async () => {
    proxy.requests.length = 0;
    const before = keys().length;
    const j = await job(ws);
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['cache-hit'], j.main.stdout).toBe('true');
    expect(j.main.outputs['build-cache-hit']).toBe('true');
    expect(j.main.stdout).toMatch(/Restored the module cache from exact key go-paas-build-mod-/);
    expect(j.main.stdout).toMatch(
      /Restored the build cache from restore key match go-paas-build-build-.*-101-1 \(/,
    );
    expect(proxy.requests).toEqual([]);
    expect(execFileSync(path.join(j.main.outputs['slug-dir']!, 'bin', 'moddeps')).toString()).toBe(
      MODDEPS_OUTPUT,
    );
    expect(j.post!.stdout).toContain(
      'Module cache: restored with its exact key, nothing new to save',
    );
    expect(j.post!.stdout).toContain(
      'Build cache: this job added no entry to the restored cache, nothing to save',
    );
    expect(keys()).toHaveLength(before);
  });

  it('on a runner without this Go, the caches are restored while Go downloads', async () => {
    const fresh = await makeTempDir('tool-cache-');
    const j = await job(ws, { toolCache: fresh });
    ok(j.main);
    ok(j.post);
    expect(j.main.stdout).toContain(`Downloading ${releases.url}/go1.24.4.linux-amd64.tar.gz`);
    expect(j.main.outputs['cache-hit']).toBe('true');
    expect(j.main.outputs['build-cache-hit']).toBe('true');
    expect(j.main.stdout).toMatch(
      /^Restored while Go was installed: [\d.]+ s of the restore's [\d.]+ s ran beside the download$/m,
    );
    // Its log is held back and printed in its own group, after the install's.
    const groups = j.main.stdout.split(/^::group::/m);
    const install = groups.find((g) => g.startsWith('Install Go'))!;
    const restore = groups.find((g) => g.startsWith('Restore caches'))!;
    expect(install).not.toMatch(/Restored the|Cache Size|cache key/);
    expect(restore).toMatch(
      /^Restored the build cache from exact key|^Restored the build cache from restore key/m,
    );
    expect(restore).toMatch(/^Module cache key /m);
    // Nothing downloaded. (Go in another tool-cache path compiles a little again: its std
    // packages' cache keys include GOROOT's path.)
    expect(j.post!.stdout).toContain(
      'Module cache: restored with its exact key, nothing new to save',
    );
    expect(proxy.requests).toEqual([]);
  });

  it('restores over caches already on disk (a runner that kept its HOME)', async () => {
    proxy.requests.length = 0;
    const j = await job(ws, { keepHome: true });
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['cache-hit']).toBe('true');
    expect(j.main.stdout).toMatch(/The module cache already holds files: restoring over them/);
    expect(warnings(j.main)).toEqual([]);
    expect(proxy.requests).toEqual([]);
  });

  it('a changed go.sum misses the exact module key, restores by prefix and saves the new key', async () => {
    // An extra go.sum line (a module version the build does not need) changes the key, not the build.
    dateBack(
      path.join(ws, 'go.sum'),
      appendFileSync,
      'example.com/unused v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    );
    proxy.requests.length = 0;
    const j = await job(ws);
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['cache-hit']).toBe('false');
    expect(j.main.stdout).toMatch(
      /Restored the module cache from restore key match go-paas-build-mod-/,
    );
    expect(proxy.requests).toEqual([]);
    expect(modKeys()).toHaveLength(2);
    expect(j.post!.stdout).toMatch(/Saved the module cache as /);
    // What go derives from the new go.sum is one small build-cache entry: not worth a layer.
    expect(j.post!.stdout).toMatch(
      /^Build cache: not saved: 1 new entry file \(\d+ B\) are 0\.0% of the [\d.]+ MiB the build used \(under 2\.0%: not worth a layer\); the next job builds them again$/m,
    );
  });

  it('a changed source file restores the previous build cache; a few small new entries are not saved', async () => {
    dateBack(
      path.join(ws, 'cmd', 'tool', 'extra.go'),
      writeFileSync,
      'package main\n\nvar extra = "changed"\n',
    );
    const before = buildKeys();
    const j = await job(ws);
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['build-cache-hit']).toBe('true');
    expect(j.post!.stdout).toMatch(
      /^Build cache: not saved: \d+ new entry files \([\d.]+ KiB\) are [\d.]+% of the [\d.]+ MiB the build used \(under 2\.0%: not worth a layer\); the next job builds them again$/m,
    );
    expect(buildKeys()).toEqual(before);
  });

  it('ten runs after the last save, a job saves its cache, trimmed of what no build used', async () => {
    // The restored cache was saved by run 101 (the cold job): run 111 is ten runs later.
    const before = buildKeys();
    const j = await job(ws, { env: { GITHUB_RUN_NUMBER: '111' } });
    ok(j.main);
    ok(j.post);
    const saved =
      /Saved the build cache as \S+: (\d+) entry files \([^)]*\) used or written by this job, (\d+) of them new; (\d+) unused \([^)]*\) trimmed; a new base: the restored cache was saved 10 runs ago \(a save at least every 10 runs\)/.exec(
        j.post!.stdout,
      );
    expect(saved, j.post!.stdout).not.toBeNull();
    expect(Number(saved![2])).toBeGreaterThan(0);
    // The cold job's cmd/tool entries were not used since extra.go changed: trimmed away.
    expect(Number(saved![3])).toBeGreaterThan(0);
    expect(buildKeys()).toEqual([...before, expect.stringMatching(/-107-1$/)]);
    // The next job restores it, and counts its age from run 111.
    const next = await job(ws, { env: { GITHUB_RUN_NUMBER: '112' } });
    ok(next.post);
    expect(next.post!.stdout).toContain(
      'Build cache: this job added no entry to the restored cache, nothing to save',
    );
  });

  it('a change worth it is saved as a layer over the base, and the next job restores both and compiles nothing', async () => {
    // A package whose compiled form is big (a table of 150,000 words): a few % of the build.
    const table = Array.from({ length: 150_000 }, (_, i) => `${(i * 2654435761) % 4294967296},`);
    dateBack(
      path.join(ws, 'cmd', 'tool', 'table.go'),
      writeFileSync,
      `package main\n\nvar table = [...]uint64{\n${table.join('\n')}\n}\n\nvar _ = table[7]\n`,
    );
    const bases = buildKeys();
    const j = await job(ws, { env: { GITHUB_RUN_NUMBER: '113' } });
    ok(j.main);
    ok(j.post);
    const saved =
      /^Saved the build cache layer as (go-paas-build-layer-[0-9a-f]{24}-\d+-1): a layer over the base: the (\d+) entry files \([\d.]+ [KM]iB\) the base lacks are [\d.]+% of the [\d.]+ MiB the build used \(/m.exec(
        j.post!.stdout,
      );
    expect(saved, j.post!.stdout).not.toBeNull();
    expect(buildKeys()).toEqual(bases);
    expect(keys()).toContain(saved![1]);
    // The next job: the base, then its layer over it; the build finds every entry it needs.
    const next = await job(ws, { env: { GITHUB_RUN_NUMBER: '114' } });
    ok(next.main);
    ok(next.post);
    expect(next.main.stdout).toMatch(
      new RegExp(`^Restored the build cache layer from restore key match ${saved![1]} \\(`, 'm'),
    );
    expect(next.post!.stdout).toContain(
      'Build cache: this job added no entry to the restored cache, nothing to save',
    );
    expect(warnings(next.main).concat(warnings(next.post!))).toEqual([]);
  });

  it("layers are cumulative: the next layer holds what the base lacks, the restored layer's entries too", async () => {
    const table = Array.from({ length: 300_000 }, (_, i) => `${(i * 40503) % 65536},`);
    dateBack(
      path.join(ws, 'cmd', 'tool', 'table2.go'),
      writeFileSync,
      `package main\n\nvar table2 = [...]uint32{\n${table.join('\n')}\n}\n\nvar _ = table2[3]\n`,
    );
    const layersBefore = keys().filter((k) => k.startsWith('go-paas-build-layer-'));
    const j = await job(ws, { env: { GITHUB_RUN_NUMBER: '115' } });
    ok(j.post);
    const saved =
      /^Saved the build cache layer as (go-paas-build-layer-\S+): a layer over the base: the (\d+) entry files/m.exec(
        j.post!.stdout,
      );
    expect(saved, j.post!.stdout).not.toBeNull();
    const layers = keys().filter((k) => k.startsWith('go-paas-build-layer-'));
    expect(layers).toEqual([...layersBefore, saved![1]]);
    // Same base, so the same prefix: the newest is the one restored next.
    expect(saved![1]!.replace(/-\d+-1$/, '')).toBe(layersBefore[0]!.replace(/-\d+-1$/, ''));
    const next = await job(ws, { env: { GITHUB_RUN_NUMBER: '116' } });
    ok(next.post);
    expect(next.main.stdout).toContain(
      `Restored the build cache layer from restore key match ${saved![1]} (`,
    );
    expect(next.post!.stdout).toContain(
      'Build cache: this job added no entry to the restored cache, nothing to save',
    );
  });

  it('cache: read-only restores and never saves; cache: false touches nothing', async () => {
    dateBack(
      path.join(ws, 'cmd', 'tool', 'extra.go'),
      writeFileSync,
      'package main\n\nvar extra = "again"\n',
    );
    const before = keys().length;
    results.resetLog();
    const ro = await job(ws, { inputs: { cache: 'read-only' } });
    ok(ro.main);
    ok(ro.post);
    expect(ro.main.outputs['build-cache-hit']).toBe('true');
    expect(ro.post!.stdout).toContain('cache: read-only: nothing is saved');
    expect(results.requests.filter((r) => r.method === 'CreateCacheEntry')).toEqual([]);
    results.resetLog();
    const off = await job(ws, { inputs: { cache: 'false' } });
    ok(off.main);
    expect(off.main.outputs['cache-hit']).toBe('false');
    expect(results.requests.filter((r) => r.service === 'cache')).toEqual([]);
    expect(keys()).toHaveLength(before);
  });

  it('a suffix keys caches apart', async () => {
    const j = await job(ws, { inputs: { 'cache-key-suffix': 'race-tests' } });
    ok(j.main);
    ok(j.post);
    expect(j.main.outputs['build-cache-hit']).toBe('false');
    expect(buildKeys().filter((k) => k.includes('-race-tests-'))).toHaveLength(1);
    expect(modKeys().filter((k) => k.endsWith('-race-tests'))).toHaveLength(1);
  });

  it('a vendored app uses no module cache', async () => {
    const vws = await workspaceWith('vendored');
    const j = await job(vws, { env: { GOPROXY: 'off' } });
    ok(j.main);
    expect(j.main.stdout).toContain('Module cache: not used (vendor/modules.txt');
    expect(modCacheFiles(j.home)).toBe(0);
  });

  it('when go env names other cache dirs than predicted, the caches are restored again there', async () => {
    // A Go whose $GOROOT/go.env moves both caches: the action predicts the usual dirs while Go
    // downloads (go.env is inside the archive), and go env, once Go is there, says otherwise.
    const home = path.join(runnerRoot, 'home');
    const moved = path.join(home, 'elsewhere');
    const relocating = await goWithEnv(`GOCACHE=${moved}/go-build\nGOMODCACHE=${moved}/mod\n`);
    const server = await startReleaseServer({ fixtures: [relocating] });
    const service = await startResultsServer();
    // An app of its own, with services of its own, last: the other tests count keys and runs.
    const app = await workspaceWith('moddeps');
    const again = new RegExp(
      `^The caches were restored into ${home}/\\.cache/go-build and ${home}/go_home/pkg/mod, but go uses ${moved}/go-build and ${moved}/mod: restoring them again$`,
      'm',
    );
    try {
      // First: nothing to restore, the build downloads, and the post step saves from the dirs
      // go used.
      proxy.requests.length = 0;
      const run = async () =>
        job(app, {
          toolCache: await makeTempDir('tool-cache-'),
          releasesUrl: server.url,
          resultsUrl: service.url,
        });
      let j = await run();
      ok(j.main);
      ok(j.post);
      expect(j.main.stdout).toMatch(again);
      expect(j.main.outputs['cache-hit']).toBe('false');
      expect(proxy.requests.filter((r) => r.path.endsWith('.zip')).length).toBeGreaterThan(0);
      expect(readdirSync(path.join(moved, 'mod', 'cache', 'download')).length).toBeGreaterThan(0);
      expect(existsSync(path.join(home, 'go_home', 'pkg', 'mod', 'cache'))).toBe(false);
      expect(j.post!.stdout).toMatch(/^Saved the module cache as go-paas-build-mod-/m);
      expect(j.post!.stdout).toMatch(/^Saved the build cache as go-paas-build-build-/m);
      // Then: the entries are for those dirs (the cache service keys an entry by its paths too),
      // so the restore beside the download misses, and the one into go's dirs hits.
      proxy.requests.length = 0;
      j = await run();
      ok(j.main);
      ok(j.post);
      expect(j.main.stdout).toMatch(again);
      expect(j.main.outputs['cache-hit']).toBe('true');
      expect(j.main.outputs['build-cache-hit']).toBe('true');
      expect(proxy.requests).toEqual([]);
      expect(
        execFileSync(path.join(j.main.outputs['slug-dir']!, 'bin', 'moddeps')).toString(),
      ).toBe(MODDEPS_OUTPUT);
      expect(warnings(j.main).concat(warnings(j.post!))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('cache service faults never fail the build and cost seconds at most', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await workspaceWith('moddeps');
    const seed = await job(ws);
    ok(seed.main);
  });

  async function faulty(setup: () => void, resultsUrl?: string): Promise<Job> {
    setup();
    try {
      // The artifact service shares the results URL: a dead one would rightly fail the upload.
      const j = await job(ws, { resultsUrl, inputs: { upload: 'false' } });
      ok(j.main);
      ok(j.post);
      expect(
        execFileSync(path.join(j.main.outputs['slug-dir']!, 'bin', 'moddeps')).toString(),
      ).toBe(MODDEPS_OUTPUT);
      expect(phaseSeconds(j.main, 'Restore caches')).toBeLessThan(6);
      expect(j.post!.durationMs).toBeLessThan(8_000);
      expect(j.main.annotations.filter((a) => a.level === 'error')).toEqual([]);
      return j;
    } finally {
      for (const k of Object.keys(results.faults))
        delete results.faults[k as keyof typeof results.faults];
    }
  }

  it('service down (connection refused): one warning, cold build', async () => {
    const j = await faulty(() => undefined, results.downUrl);
    expect(warnings(j.main)).toHaveLength(1);
    expect(warnings(j.main)[0]!.message).toMatch(/Failed to restore: .*ECONNREFUSED/);
    expect(j.main.outputs['build-cache-hit']).toBe('false');
    expect(j.post!.stdout).toContain(
      'Caches are not saved: the cache service failed in the main step',
    );
  });

  it('4xx with a message: a warning naming it', async () => {
    const j = await faulty(() => {
      results.faults.twirpStatus = { status: 403, msg: 'token scope denied' };
    });
    expect(
      warnings(j.main)
        .map((w) => w.message)
        .join('\n'),
    ).toContain('token scope denied');
  });

  it('5xx: given up after the lookup deadline instead of half a minute of retries', async () => {
    const j = await faulty(() => {
      results.faults.twirpStatus = { status: 503, msg: 'unavailable' };
    });
    expect(
      warnings(j.main)
        .map((w) => w.message)
        .join('\n'),
    ).toMatch(/did not finish the lookup within 3 s/);
  });

  it('slow service: the lookup deadline bounds it', async () => {
    const j = await faulty(() => {
      results.faults.delayMs = 6_000;
    });
    expect(warnings(j.main)).not.toEqual([]);
  });

  it('truncated download: a warning, nothing half-restored, cold build', async () => {
    const j = await faulty(() => {
      results.faults.truncateGet = 1000;
    });
    expect(
      warnings(j.main)
        .map((w) => w.message)
        .join('\n'),
    ).toMatch(/Failed to restore/);
    expect(j.main.outputs['cache-hit']).toBe('false');
  });

  it('a key taken by a parallel job is a notice, not a warning', async () => {
    await results.clearCaches();
    const j = await faulty(() => {
      results.faults.reservationConflict = true;
    });
    expect(warnings(j.post!)).toEqual([]);
    expect(
      j
        .post!.annotations.filter((a) => a.level === 'notice')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/Cache not saved: the key is already taken/);
  });
});
