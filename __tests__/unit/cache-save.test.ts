// The action's own save (save-archive.ts) through the loopback cache service, checked against the
// REAL @actions/cache: what the action saves the library restores, byte for byte, and the archive
// holds the members the library's own save of the same dir holds; one PUT up to the single-shot
// size, blocks and a block list above it; a signed URL sent no Authorization and a Content-Length;
// a taken key is a notice, the service's faults one warning, a pack that fails leaves nothing.
// Runs GNU tar and zstd, as the library does and CI has them.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import * as cache from '@actions/cache';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheVersion, compressionMethod, serviceConfig } from '../../src/cache/protocol.js';
import { saveArchive } from '../../src/cache/save-archive.js';
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
let tmp: string;
let gocache: string;
const saved = { ...process.env };
const HEX = 'cd'.repeat(32);

/** Every entry under `dir`: its kind; a file's mode, mtime (s) and content's digest. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((rel) => {
      const st = lstatSync(path.join(dir, rel));
      if (!st.isFile()) return `${rel} ${st.isDirectory() ? 'd' : 'other'}`;
      const body = createHash('sha256')
        .update(readFileSync(path.join(dir, rel)))
        .digest('hex');
      return `${rel} f ${(st.mode & 0o7777).toString(8)} ${Math.floor(st.mtimeMs / 1000)} ${body}`;
    });
}

/** The member names of a zstd tar archive, in order. */
function members(archive: Buffer): string[] {
  const file = path.join(tmp, `list-${Math.random().toString(16).slice(2)}.tzst`);
  writeFileSync(file, archive);
  const out = execFileSync('tar', ['-tf', file, '-P', '--use-compress-program', 'unzstd'], {
    encoding: 'utf8',
  });
  rmSync(file);
  return out.split('\n').filter(Boolean).sort();
}

/** What saves left in the temp dir (the library's restore leaves dirs of its own there). */
const leftovers = () => readdirSync(tmp).filter((n) => n.startsWith('go-paas-build-'));

const v2 = () => {
  const cfg = serviceConfig(process.env);
  if (!cfg.ok) throw new Error(cfg.reason);
  return cfg;
};

beforeAll(async () => {
  server = await startResultsServer();
  root = await makeTempDir('save-compat-');
  ws = path.join(root, 'work', 'app', 'app');
  tmp = path.join(root, 'tmp');
  gocache = path.join(root, 'home', '.cache', 'go-build');
  for (const d of [ws, tmp, path.join(gocache, 'cd'), path.join(gocache, '0f')])
    mkdirSync(d, { recursive: true });
  writeFileSync(path.join(gocache, 'README'), 'This directory holds cached build artifacts.\n');
  writeFileSync(path.join(gocache, 'cd', `${HEX}-a`), 'action\n');
  writeFileSync(path.join(gocache, 'cd', `${HEX}-d`), 'output\n');
  // Incompressible bytes, so that the archive is big enough to go up in several small blocks.
  writeFileSync(path.join(gocache, '0f', `${'0f'.repeat(32)}-d`), randomBytes(300_000));
  const old = new Date(Date.now() - 3 * 3600_000);
  utimesSync(path.join(gocache, 'cd', `${HEX}-d`), old, old);
  Object.assign(process.env, resultsEnv(server), { GITHUB_WORKSPACE: ws, RUNNER_TEMP: tmp });
});

afterEach(() => {
  delete server.faults.twirpStatus;
  delete server.faults.delayMs;
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await server.close();
  await cleanupTempDirs();
});

describe('what the action saves', () => {
  it('is what @actions/cache restores, with the members its own save writes', async () => {
    const before = tree(gocache);
    server.resetLog();
    const store = actionsCacheStore(process.env, recordingLog());
    const r = await store.save([gocache], 'ours-1', 60_000);
    expect([r.value, r.fault]).toEqual([{ saved: true, taken: false }, undefined]);
    expect(server.requests.map((q) => `${q.service} ${q.method} ${q.status}`)).toEqual([
      'cache CreateCacheEntry 200',
      'blob PUT 201',
      'cache FinalizeCacheEntryUpload 200',
    ]);
    const put = server.requests[1]!;
    expect(put.headers!.authorization).toBeUndefined();
    expect(put.headers!['x-ms-blob-type']).toBe('BlockBlob');
    expect(put.headers!['transfer-encoding']).toBeUndefined();
    const entry = server.cacheEntries().find((e) => e.key === 'ours-1')!;
    expect(entry.version).toBe(cacheVersion([gocache], await compressionMethod()));
    expect(Number(put.headers!['content-length'])).toBe(entry.blobSize);
    expect(entry.size).toBe(entry.blobSize);

    await withoutStdout(async () =>
      expect(await cache.saveCache([gocache], 'theirs-1')).toBeGreaterThan(0),
    );
    expect(members((await server.cacheBlob('ours-1'))!)).toEqual(
      members((await server.cacheBlob('theirs-1'))!),
    );

    rmSync(gocache, { recursive: true });
    expect(await withoutStdout(() => cache.restoreCache([gocache], 'ours-1'))).toBe('ours-1');
    expect(tree(gocache)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('goes up in blocks and a block list above the single-shot size', async () => {
    server.resetLog();
    const r = await saveArchive({
      cfg: v2(),
      paths: [gocache],
      key: 'blocks-1',
      workspace: ws,
      tempDir: tmp,
      compression: await compressionMethod(),
      signal: AbortSignal.timeout(60_000),
      singleShotMax: 50_000,
      blockSize: 64 * 1024,
    });
    expect(r).toHaveProperty('archiveBytes');
    const size = (r as { archiveBytes: number }).archiveBytes;
    const blocks = server.requests.filter((q) => q.path.includes('comp=block&'));
    expect(blocks).toHaveLength(Math.ceil(size / (64 * 1024)));
    expect(blocks.length).toBeGreaterThan(2);
    const last = server.requests.at(-2)!;
    expect(last.path).toContain('comp=blocklist');
    expect(last.headers!['content-type']).toBe('application/xml');
    expect(server.requests.at(-1)!.method).toBe('FinalizeCacheEntryUpload');
    expect(server.requests.every((q) => q.service !== 'blob' || !q.headers!.authorization)).toBe(
      true,
    );
    const before = tree(gocache);
    rmSync(gocache, { recursive: true });
    const store = actionsCacheStore(process.env, recordingLog());
    const found = (await store.lookup([gocache], 'blocks-1', [], 3000)).value!;
    expect((await store.restore(gocache, found, 60_000)).value.archiveBytes).toBe(size);
    expect(tree(gocache)).toEqual(before);
  });
});

describe('a save that does not happen', () => {
  it('a taken key is a notice, not a fault, and nothing is uploaded', async () => {
    const l = recordingLog();
    server.resetLog();
    const r = await actionsCacheStore(process.env, l).save([gocache], 'ours-1', 60_000);
    expect([r.value, r.fault]).toEqual([{ saved: false, taken: true }, undefined]);
    expect(l.notices).toEqual([
      'Cache not saved: the key is already taken ("cache entry with the same key, version, and scope already exists")',
    ]);
    expect(server.requests.map((q) => q.method)).toEqual(['CreateCacheEntry']);
    expect(leftovers()).toEqual([]);
  });

  it('a dir tar cannot read fails the save in one warning and leaves no entry to restore', async () => {
    const l = recordingLog();
    const r = await actionsCacheStore(process.env, l).save(
      [path.join(root, 'missing')],
      'missing-1',
      60_000,
    );
    expect(r.value.saved).toBe(false);
    expect(r.fault).toMatch(/^Failed to save: tar could not pack the cache \(".*missing/);
    expect(l.warnings).toEqual([r.fault]);
    expect(server.cacheEntries().find((e) => e.key === 'missing-1')?.ready).toBeFalsy();
    expect(leftovers()).toEqual([]);
  });

  it('a 5xx is retried, a 4xx is a fault at once, a slow service meets the deadline', async () => {
    const store = actionsCacheStore(process.env, recordingLog());
    server.faults.twirpStatus = { status: 503, msg: 'busy', methods: ['FinalizeCacheEntryUpload'] };
    server.resetLog();
    setTimeout(() => delete server.faults.twirpStatus, 600);
    const retried = await store.save([gocache], 'retried-1', 60_000);
    expect([retried.value.saved, retried.fault]).toEqual([true, undefined]);
    expect(
      server.requests.filter((q) => q.method === 'FinalizeCacheEntryUpload').length,
    ).toBeGreaterThan(1);

    server.faults.twirpStatus = {
      status: 403,
      msg: 'cache write denied',
      methods: ['CreateCacheEntry'],
    };
    server.resetLog();
    const denied = await store.save([gocache], 'denied-1', 60_000);
    expect(denied.fault).toBe(
      'Failed to save: the cache service answered HTTP 403: "cache write denied"',
    );
    expect(server.requests).toHaveLength(1);
    delete server.faults.twirpStatus;

    server.faults.delayMs = 3000;
    const slow = await store.save([gocache], 'slow-1', 1000);
    expect(slow.fault).toMatch(/did not finish the save within 1 s/);
    expect(slow.ms).toBeLessThan(2500);
    delete server.faults.delayMs;
    // The pack the deadline stopped leaves nothing behind once its process is gone.
    await new Promise((r) => setTimeout(r, 200));
    expect(leftovers()).toEqual([]);
  });
});
