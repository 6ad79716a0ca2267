// The action's own restore against entries the REAL @actions/cache saveCache made (as the post
// step does on the v1 service, and older versions of the action did), through the loopback cache service: the same `version`, so the lookup
// finds them; the same archive layout, so the restore unpacks them, byte for byte, with modes and
// mtimes Go's caches depend on; and a pre-existing symlink in the cache dir is replaced, not
// written through. Runs zstd and GNU tar (the library's), as CI has them.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as cache from '@actions/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersion, compressionMethod } from '../../src/cache/protocol.js';
import { actionsCacheStore } from '../../src/cache/service.js';
import { cleanupTempDirs, makeTempDir } from '../../test/support/action-harness.js';
import { recordingLog, withoutStdout } from '../../test/support/recording-log.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';

let server: ResultsServer;
let root: string;
let ws: string;
let gocache: string;
let modcache: string;
let victim: string;
const saved = { ...process.env };

const HEX = 'ab'.repeat(32);
const LONG = `${'x'.repeat(90)}/${'y'.repeat(90)}/deep.go`; // over ustar's 100: a pax path

/** Every entry under `dir`: type, mode, size, mtime (s) and content, links not followed. */
function tree(dir: string): string[] {
  const out: string[] = [];
  for (const rel of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const st = lstatSync(path.join(dir, rel));
    const kind = st.isDirectory() ? 'd' : st.isFile() ? 'f' : 'other';
    const body = st.isFile() ? readFileSync(path.join(dir, rel), 'utf8') : '';
    const mtime = st.isFile() ? Math.floor(st.mtimeMs / 1000) : 0;
    out.push(`${rel} ${kind} ${(st.mode & 0o7777).toString(8)} ${mtime} ${body}`);
  }
  return out;
}

beforeAll(async () => {
  server = await startResultsServer();
  root = await makeTempDir('restore-compat-');
  ws = path.join(root, 'work', 'app', 'app');
  gocache = path.join(root, 'home', '.cache', 'go-build');
  modcache = path.join(root, 'home', 'go', 'pkg', 'mod');
  victim = path.join(root, 'victim');
  for (const d of [ws, victim, path.join(root, 'tmp')]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(victim, 'keep.txt'), 'keep\n');
  Object.assign(process.env, resultsEnv(server), {
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: path.join(root, 'tmp'),
  });

  // A build cache as Go writes it, entries dated back as the post step dates them.
  mkdirSync(path.join(gocache, 'ab'), { recursive: true });
  writeFileSync(path.join(gocache, 'README'), 'This directory holds cached build artifacts.\n');
  writeFileSync(path.join(gocache, 'ab', `${HEX}-a`), 'action\n');
  writeFileSync(path.join(gocache, 'ab', `${HEX}-d`), 'output\n');
  writeFileSync(path.join(gocache, 'go-paas-build.json'), '{"workflow":"w","runNumber":1}');
  const old = new Date(Date.now() - 3 * 3600_000);
  utimesSync(path.join(gocache, 'ab', `${HEX}-d`), old, old);
  // A module cache: read-only module dirs and files, a name too long for ustar.
  const mod = path.join(modcache, 'example.com', 'm@v1.0.0');
  mkdirSync(path.join(mod, path.dirname(LONG)), { recursive: true });
  writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n');
  writeFileSync(path.join(mod, LONG), 'package deep\n');
  mkdirSync(path.join(modcache, 'cache', 'download'), { recursive: true });
  writeFileSync(path.join(modcache, 'cache', 'download', 'list'), 'v1.0.0\n');
  chmodSync(path.join(mod, 'go.mod'), 0o444);
  for (const d of [
    path.join(mod, path.dirname(LONG)),
    path.dirname(path.join(mod, path.dirname(LONG))),
    mod,
  ])
    chmodSync(d, 0o555);

  await withoutStdout(async () => {
    expect(await cache.saveCache([gocache], 'build-key-1')).toBeGreaterThan(0);
    expect(await cache.saveCache([modcache], 'mod-key-1')).toBeGreaterThan(0);
  });
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await server.close();
  await cleanupTempDirs();
});

describe('entries saved by @actions/cache, restored by the action', () => {
  it('computes the version the library saved them under', async () => {
    const versions = server.cacheEntries().map((e) => e.version);
    expect(await compressionMethod()).toBe('zstd-without-long');
    expect(versions).toEqual([
      cacheVersion([gocache], 'zstd-without-long'),
      cacheVersion([modcache], 'zstd-without-long'),
    ]);
  });

  it('finds them by exact key and by prefix, and nothing for other paths', async () => {
    const store = actionsCacheStore(process.env, recordingLog());
    const exact = await store.lookup([gocache], 'build-key-1', ['build-'], 3000);
    expect(exact.fault).toBeUndefined();
    expect(exact.value?.key).toBe('build-key-1');
    const prefix = await store.lookup([gocache], 'build-key-2', ['build-'], 3000);
    expect(prefix.value?.key).toBe('build-key-1');
    const other = await store.lookup(
      [path.join(root, 'elsewhere')],
      'build-key-1',
      ['build-'],
      3000,
    );
    expect(other).toMatchObject({ value: undefined, fault: undefined });
  });

  it('unpacks them as they were: names, contents, modes, entry mtimes', async () => {
    const store = actionsCacheStore(process.env, recordingLog());
    for (const [dir, key] of [
      [gocache, 'build-key-1'],
      [modcache, 'mod-key-1'],
    ] as const) {
      const before = tree(dir);
      chmodSync(dir, 0o755);
      for (const rel of readdirSync(dir, { recursive: true }).map(String))
        if (lstatSync(path.join(dir, rel)).isDirectory()) chmodSync(path.join(dir, rel), 0o755);
      rmSync(dir, { recursive: true });
      const found = (await store.lookup([dir], key, [], 3000)).value!;
      const r = await store.restore(dir, found, 60_000);
      expect([r.fault, r.value.rejected]).toEqual([undefined, undefined]);
      expect(r.value.archiveBytes).toBe(server.cacheEntries().find((e) => e.key === key)!.size);
      expect(tree(dir)).toEqual(before);
    }
  });

  it('replaces a symlinked <xx> dir already in GOCACHE instead of writing through it', async () => {
    rmSync(gocache, { recursive: true });
    mkdirSync(gocache, { recursive: true });
    symlinkSync(victim, path.join(gocache, 'ab'));
    const store = actionsCacheStore(process.env, recordingLog());
    const found = (await store.lookup([gocache], 'build-key-1', [], 3000)).value!;
    const r = await store.restore(gocache, found, 60_000);
    expect(r.value.rejected).toBeUndefined();
    expect(lstatSync(path.join(gocache, 'ab')).isDirectory()).toBe(true);
    expect(readdirSync(victim)).toEqual(['keep.txt']);
    expect(readdirSync(path.join(gocache, 'ab')).sort()).toEqual([`${HEX}-a`, `${HEX}-d`]);
  });
});

describe('the v1 service (GHES), and faults', () => {
  it('looks up through the v1 REST API where the runner offers only that', async () => {
    const seen: string[] = [];
    const blobUrl = async () => {
      const v2 = actionsCacheStore(process.env, recordingLog());
      return (await v2.lookup([gocache], 'build-key-1', [], 3000)).value!.location;
    };
    const location = await blobUrl();
    const v1 = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.accept} ${req.headers.authorization}`);
      const url = new URL(req.url!, 'http://x');
      if (url.searchParams.get('version') !== cacheVersion([gocache], 'zstd-without-long'))
        return void res.writeHead(204).end();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ cacheKey: 'build-key-1', archiveLocation: location }));
    });
    await new Promise<void>((r) => v1.listen(0, '127.0.0.1', r));
    try {
      const env = {
        ACTIONS_CACHE_URL: `http://127.0.0.1:${(v1.address() as AddressInfo).port}/`,
        ACTIONS_RUNTIME_TOKEN: 'tok',
        GITHUB_WORKSPACE: ws,
      };
      const store = actionsCacheStore(env, recordingLog());
      const found = await store.lookup([gocache], 'build-key-2', ['build-'], 3000);
      expect(found.value?.key).toBe('build-key-1');
      expect(seen).toEqual([
        `GET /_apis/artifactcache/cache?keys=build-key-2%2Cbuild-&version=${cacheVersion([gocache], 'zstd-without-long')} application/json;api-version=6.0-preview.1 Bearer tok`,
      ]);
      rmSync(gocache, { recursive: true });
      const r = await store.restore(gocache, found.value!, 60_000);
      expect(r.value.rejected).toBeUndefined();
      expect(readdirSync(path.join(gocache, 'ab'))).toHaveLength(2);
      expect((await store.lookup([modcache], 'x', [], 3000)).value).toBeUndefined();
    } finally {
      await new Promise((r) => v1.close(r));
    }
  });

  it('ACTIONS_CACHE_MODE none or write-only: no lookup at all', async () => {
    server.resetLog();
    for (const mode of ['none', 'write-only']) {
      const store = actionsCacheStore({ ...process.env, ACTIONS_CACHE_MODE: mode }, recordingLog());
      expect((await store.lookup([gocache], 'build-key-1', [], 3000)).value).toBeUndefined();
    }
    expect(server.requests).toEqual([]);
  });

  it('a 4xx is a warning at once; a 5xx is retried until the deadline; one warning per step', async () => {
    const log = recordingLog();
    const store = actionsCacheStore(process.env, log);
    try {
      server.faults.twirpStatus = { status: 403, msg: 'cache read denied: no scope' };
      const denied = await store.lookup([gocache], 'build-key-1', [], 3000);
      expect(denied.fault).toBe(
        'Failed to restore: the cache service answered HTTP 403: "cache read denied: no scope"',
      );
      server.faults.twirpStatus = { status: 503, msg: 'unavailable' };
      server.resetLog();
      const sick = await store.lookup([gocache], 'build-key-1', [], 1500);
      expect(sick.fault).toBe(
        'the cache service did not finish the lookup within 2 s (last: the cache service answered HTTP 503: "unavailable"): going on without it',
      );
      expect(sick.ms).toBeLessThan(2500);
      expect(server.requests.length).toBeGreaterThanOrEqual(3);
      expect(log.warnings).toEqual([denied.fault]);
    } finally {
      delete server.faults.twirpStatus;
    }
  });
});
