// The loopback results service is what the cache and artifact e2e tests stand on, so it is driven
// here by the REAL @actions/cache (v2) and @actions/artifact clients, in-process, and each fault
// switch is observed from the client side: a warning and a miss for cache, a rejection for artifact.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import * as cache from '@actions/cache';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../test/support/action-harness.js';
import {
  resultsEnv,
  runtimeToken,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';

const CACHE = '/twirp/github.actions.results.api.v1.CacheService';
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let server: ResultsServer;
let ws: string; // GITHUB_WORKSPACE
let deps: string; // the cached directory, an absolute path inside the workspace
const savedEnv: Record<string, string | undefined> = {};
const ENV_KEYS = [
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_MODE',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
  'GITHUB_RETENTION_DAYS',
  'RUNNER_TEMP',
  'RUNNER_DEBUG',
  'NO_PROXY',
];

/** Runs `fn` with stdout captured (where @actions/core writes `::warning::` and info lines). */
async function captured<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; ms: number }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write;
  const started = performance.now();
  try {
    const value = await fn();
    return { value, out: chunks.join(''), ms: performance.now() - started };
  } finally {
    process.stdout.write = original;
  }
}
const warnings = (out: string): string[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('::warning::'))
    .map((l) => l.slice('::warning::'.length).replace(/%0A/g, '\n'));

async function writeDeps(content: string): Promise<void> {
  await rm(deps, { recursive: true, force: true });
  await mkdir(join(deps, 'sub'), { recursive: true });
  await writeFile(join(deps, 'a.txt'), content);
  await writeFile(join(deps, 'sub', 'b.txt'), `${content}-b`);
}
const readDeps = (): Promise<string> => readFile(join(deps, 'a.txt'), 'utf8');

const save = (key: string) => captured(() => cache.saveCache([deps], key));
const restore = async (key: string, restoreKeys?: string[]) => {
  await rm(deps, { recursive: true, force: true });
  return captured(() => cache.restoreCache([deps], key, restoreKeys));
};

/** A Twirp call the way the clients make it. */
async function twirp(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${process.env['ACTIONS_RUNTIME_TOKEN']}`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
  server = await startResultsServer();
  ws = await makeTempDir('results-server-ws');
  deps = join(ws, 'deps');
  const runnerTemp = await makeTempDir('results-server-tmp');
  for (const k of ENV_KEYS) delete process.env[k];
  Object.assign(process.env, resultsEnv(server), {
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: runnerTemp,
  });
});

afterAll(async () => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  await server?.close();
  await cleanupTempDirs();
});

beforeEach(async () => {
  for (const key of Object.keys(server.faults))
    delete server.faults[key as keyof typeof server.faults];
  server.resetLog();
  await server.clearCaches();
  await server.clearArtifacts();
  process.env['ACTIONS_RESULTS_URL'] = `${server.url}/`;
});

afterEach(async () => {
  await server.start(); // in case a test stopped it
});

describe('helpers', () => {
  it('runtimeToken is an unsigned JWT whose scp names the run and job', () => {
    const [header, payload, signature] = runtimeToken('r-9', 'j-7').split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'none' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { scp: string };
    expect(claims.scp.split(' ')).toContain('Actions.Results:r-9:j-7');
    expect(signature).toBe('');
    expect(() => runtimeToken('a:b')).toThrow();
  });

  it('resultsEnv points both clients at the server, v2, github.com, no proxy', () => {
    expect(resultsEnv(server)).toMatchObject({
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${server.url}/`,
      GITHUB_SERVER_URL: 'https://github.com',
      NO_PROXY: '127.0.0.1,localhost',
    });
    expect(resultsEnv(`${server.downUrl}/`).ACTIONS_RESULTS_URL).toBe(`${server.downUrl}/`);
  });

  it('always answers JSON: unknown methods, bad JSON, a missing token', async () => {
    expect(await twirp(`${CACHE}/Nope`, {})).toEqual({
      status: 404,
      json: { code: 'bad_route', msg: expect.stringContaining('Nope') },
    });
    const bad = await fetch(`${server.url}${CACHE}/CreateCacheEntry`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' },
      body: '{not json',
    });
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { code: 'malformed', msg: expect.any(String) },
    ]);
    const anon = await fetch(`${server.url}${CACHE}/CreateCacheEntry`, {
      method: 'POST',
      body: JSON.stringify({ key: 'k', version: 'v' }),
    });
    expect([anon.status, await anon.json()]).toEqual([
      401,
      { code: 'unauthenticated', msg: expect.any(String) },
    ]);
    expect(server.cacheEntries()).toEqual([]);
  });

  it('blob errors answer in the Azure shape, HEAD answers like GET, other paths a JSON 404', async () => {
    const created = await twirp(`${CACHE}/CreateCacheEntry`, { key: 'k', version: 'v' });
    const url = (created.json as { signed_upload_url: string }).signed_upload_url;
    const azure = async (res: Response): Promise<[number, string | null, string]> => [
      res.status,
      res.headers.get('x-ms-error-code'),
      /<Code>(\w+)<\/Code>/.exec(await res.text())?.[1] ?? '',
    ];
    const blobPath = `${server.url}/devstoreaccount1`;
    expect(await azure(await fetch(url))).toEqual([404, 'BlobNotFound', 'BlobNotFound']);
    expect(await azure(await fetch(url, { method: 'PUT', body: 'x' }))).toEqual([
      400,
      'MissingRequiredHeader',
      'MissingRequiredHeader',
    ]);
    expect(await azure(await fetch(url, { method: 'DELETE' }))).toEqual([
      405,
      'UnsupportedHttpVerb',
      'UnsupportedHttpVerb',
    ]);
    expect(await azure(await fetch(`${blobPath}/%FF?sig=x`))).toEqual([
      400,
      'InvalidUri',
      'InvalidUri',
    ]);
    expect(await azure(await fetch(`${blobPath}/actions-cache/999?sig=x`))).toEqual([
      403,
      'AuthenticationFailed',
      'AuthenticationFailed',
    ]);

    const put = await fetch(url, {
      method: 'PUT',
      body: 'hello',
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    });
    expect(put.status).toBe(201);
    const head = await fetch(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([
      200,
      '5',
      '',
    ]);
    expect(head.headers.get('content-type')).toBe('application/octet-stream');

    const other = await fetch(`${server.url}/elsewhere?x=1`);
    expect([other.status, await other.json()]).toEqual([
      404,
      { code: 'bad_route', msg: 'no handler for path "/elsewhere"' },
    ]);
    expect(server.requests.map((r) => [r.service, r.method, r.status])).toEqual([
      ['cache', 'CreateCacheEntry', 200],
      ['blob', 'GET', 404],
      ['blob', 'PUT', 400],
      ['blob', 'DELETE', 405],
      ['blob', 'GET', 400],
      ['blob', 'GET', 403],
      ['blob', 'PUT', 201],
      ['blob', 'HEAD', 200],
      ['other', 'GET', 404],
    ]);
  });
});

describe('cache (real @actions/cache v2 client)', () => {
  it('saves with one PUT and restores by exact key, logging the wire calls', async () => {
    await writeDeps('one');
    const saved = await save('go-linux-abc');
    expect(warnings(saved.out)).toEqual([]);
    const [entry] = server.cacheEntries();
    expect(entry).toMatchObject({ id: saved.value, key: 'go-linux-abc', ready: true });
    expect(entry!.version).toMatch(/^[0-9a-f]{64}$/);
    expect(entry!.size).toBeGreaterThan(0);
    expect(entry!.size).toBe(entry!.blobSize);
    expect((await server.cacheBlob('go-linux-abc'))!.length).toBe(entry!.size);

    expect(server.requests.map((r) => [r.service, r.method, r.status])).toEqual([
      ['cache', 'CreateCacheEntry', 200],
      ['blob', 'PUT', 201],
      ['cache', 'FinalizeCacheEntryUpload', 200],
    ]);
    expect(server.requests[0]!.body).toEqual({ key: 'go-linux-abc', version: entry!.version });
    expect(server.requests[2]!.body).toEqual({
      key: 'go-linux-abc',
      version: entry!.version,
      size_bytes: String(entry!.size),
    });

    server.resetLog();
    const restored = await restore('go-linux-abc', ['go-linux-']);
    expect(restored.value).toBe('go-linux-abc');
    expect(restored.out).toContain('Cache hit for: go-linux-abc');
    expect(await readDeps()).toBe('one');
    expect(await readFile(join(deps, 'sub', 'b.txt'), 'utf8')).toBe('one-b');
    expect(server.requests.map((r) => [r.service, r.method, r.status])).toEqual([
      ['cache', 'GetCacheEntryDownloadURL', 200],
      ['blob', 'GET', 200],
    ]);
    expect(server.requests[0]!.body).toMatchObject({ restore_keys: ['go-linux-'] });
  });

  it('matches restore keys as prefixes, newest first, in restore-key order, exact key first', async () => {
    await writeDeps('older');
    const first = (await save('go-linux-1')).value;
    await writeDeps('newer');
    expect((await save('go-linux-2')).value).toBe(first + 1);
    await writeDeps('other');
    expect((await save('tools-x')).value).toBe(first + 2);

    const prefix = await restore('go-linux-miss', ['go-linux-']);
    expect(prefix.value).toBe('go-linux-2');
    expect(prefix.out).toContain('Cache hit for restore-key: go-linux-2');
    expect(await readDeps()).toBe('newer');

    expect((await restore('go-linux-1', ['go-linux-'])).value).toBe('go-linux-1');
    expect(await readDeps()).toBe('older');

    expect((await restore('nope', ['none-', 'tools-', 'go-linux-'])).value).toBe('tools-x');
    expect(await readDeps()).toBe('other');

    const miss = await restore('nope', ['none-']);
    expect(miss.value).toBeUndefined();
    expect(warnings(miss.out)).toEqual([]);

    // Same key, other paths → other version → a miss.
    const otherPaths = await captured(() =>
      cache.restoreCache([join(ws, 'elsewhere')], 'go-linux-1'),
    );
    expect(otherPaths.value).toBeUndefined();
  });

  it('a taken key answers 409 like github.com: save returns -1 with an info line, no warning', async () => {
    await writeDeps('first');
    await save('go-linux-dup');
    await writeDeps('second');
    const again = await save('go-linux-dup');
    expect(again.value).toBe(-1);
    expect(warnings(again.out)).toEqual([]);
    expect(again.out).toContain(
      'Failed to save: Unable to reserve cache with key go-linux-dup, another job may be creating this cache.',
    );
    expect(server.requests.at(-1)).toMatchObject({ method: 'CreateCacheEntry', status: 409 });
    expect(server.cacheEntries()).toHaveLength(1);
    expect((await restore('go-linux-dup')).value).toBe('go-linux-dup');
    expect(await readDeps()).toBe('first');
  });

  it('assembles a block upload in block-list order (Latest, Committed, Uncommitted) and the client restores it', async () => {
    // Let the real client make a real archive, then re-upload its bytes as 3 blocks, out of order.
    await writeDeps('blocks');
    await save('go-linux-blocks');
    const archive = (await server.cacheBlob('go-linux-blocks'))!;
    const version = server.cacheEntries()[0]!.version;
    await server.clearCaches();

    const created = await twirp(`${CACHE}/CreateCacheEntry`, { key: 'go-linux-blocks', version });
    const { ok, signed_upload_url: uploadUrl } = created.json as {
      ok: boolean;
      signed_upload_url: string;
    };
    expect(ok).toBe(true);
    const third = Math.ceil(archive.length / 3);
    const parts = [0, 1, 2].map((i) => archive.subarray(i * third, (i + 1) * third));
    const ids = ['YmxvY2stMA==', 'YmxvY2stMQ==', 'YmxvY2stMg=='];
    const put = (query: string, body: Uint8Array, headers: Record<string, string> = {}) =>
      fetch(`${uploadUrl}&${query}`, { method: 'PUT', body, headers });
    for (const i of [2, 0, 1]) {
      const res = await put(`comp=block&blockid=${encodeURIComponent(ids[i]!)}`, parts[i]!);
      expect(res.status).toBe(201);
    }
    const list = (tags: string) =>
      put(
        'comp=blocklist',
        Buffer.from(`<?xml version="1.0" encoding="utf-8"?><BlockList>${tags}</BlockList>`),
        {
          'Content-Type': 'application/xml',
        },
      );
    // An unknown block fails the whole list.
    expect((await list(`<Latest>${ids[0]}</Latest><Latest>bm9wZQ==</Latest>`)).status).toBe(400);
    // First commit only the blocks 0 and 2, then re-commit with 1 staged late, 0/2 by reference.
    expect(
      (await list(`<Latest>${ids[0]}</Latest><Uncommitted>${ids[2]}</Uncommitted>`)).status,
    ).toBe(201);
    expect(await (await fetch(uploadUrl)).arrayBuffer()).toEqual(
      Buffer.concat([parts[0]!, parts[2]!]).buffer.slice(0),
    );
    expect((await put(`comp=block&blockid=${encodeURIComponent(ids[1]!)}`, parts[1]!)).status).toBe(
      201,
    );
    const committed = await list(
      `<Committed>${ids[0]}</Committed><Latest>${ids[1]}</Latest><Committed>${ids[2]}</Committed>`,
    );
    expect(committed.status).toBe(201);
    // <Committed> must not resolve a block that is only staged; a failed list changes nothing.
    expect((await put('comp=block&blockid=bGF0ZQ==', Buffer.from('late'))).status).toBe(201);
    expect((await list(`<Committed>bGF0ZQ==</Committed>`)).status).toBe(400);

    const get = await fetch(uploadUrl);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-length')).toBe(String(archive.length));
    expect(Buffer.from(await get.arrayBuffer()).equals(archive)).toBe(true);

    const fin = await twirp(`${CACHE}/FinalizeCacheEntryUpload`, {
      key: 'go-linux-blocks',
      version,
      size_bytes: String(archive.length),
    });
    expect(fin).toEqual({ status: 200, json: { ok: true, entry_id: expect.any(String) } });
    const restored = await restore('go-linux-blocks');
    expect(warnings(restored.out)).toEqual([]);
    expect(restored.value).toBe('go-linux-blocks');
    expect(await readDeps()).toBe('blocks');

    // A wrong signature is refused like a SAS mismatch.
    expect((await fetch(uploadUrl.replace(/sig=\w+/, 'sig=forged'))).status).toBe(403);
  });

  it('finalize without an upload and download-URL misses answer like the service', async () => {
    const version = 'v'.repeat(64);
    await twirp(`${CACHE}/CreateCacheEntry`, { key: 'k', version });
    const fin = await twirp(`${CACHE}/FinalizeCacheEntryUpload`, {
      key: 'k',
      version,
      size_bytes: '1',
    });
    expect(fin).toEqual({
      status: 412,
      json: { code: 'failed_precondition', msg: expect.any(String) },
    });
    expect(await twirp(`${CACHE}/GetCacheEntryDownloadURL`, { key: 'k', version })).toEqual({
      status: 200,
      json: { ok: false },
    });
  });
});

describe('cache fault switches, seen by the real client', () => {
  beforeEach(async () => {
    await writeDeps('faulty');
    expect((await save('go-linux-f')).value).toBeGreaterThan(0);
    server.resetLog();
  });

  it('twirpStatus (4xx) on the lookup: restore warns and misses, no retry', async () => {
    server.faults.twirpStatus = { status: 400, msg: 'boom', methods: ['GetCacheEntryDownloadURL'] };
    const r = await restore('go-linux-f');
    expect(r.value).toBeUndefined();
    expect(warnings(r.out)).toEqual([
      'Failed to restore: Failed to GetCacheEntryDownloadURL: Received non-retryable error: Failed request: (400) Bad Request: boom',
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('twirpStatus on CreateCacheEntry: save returns -1 with an info line only', async () => {
    server.faults.twirpStatus = { status: 403, msg: 'nope', methods: ['CreateCacheEntry'] };
    const s = await save('go-linux-g');
    expect(s.value).toBe(-1);
    expect(warnings(s.out)).toEqual([]);
    expect(s.out).toContain('Failed to save: Unable to reserve cache with key go-linux-g');
    // Other methods are untouched.
    expect((await restore('go-linux-f')).value).toBe('go-linux-f');
  });

  it('twirpStatus on FinalizeCacheEntryUpload: save warns and returns -1', async () => {
    server.faults.twirpStatus = {
      status: 400,
      msg: 'bad size',
      methods: ['FinalizeCacheEntryUpload'],
    };
    const s = await save('go-linux-h');
    expect(s.value).toBe(-1);
    expect(warnings(s.out)).toEqual([
      'Failed to save: Failed to FinalizeCacheEntryUpload: Received non-retryable error: Failed request: (400) Bad Request: bad size',
    ]);
    expect(server.cacheEntries().find((e) => e.key === 'go-linux-h')).toMatchObject({
      ready: false,
    });
  });

  it('twirpStatus 429 is not retried by the cache client', async () => {
    server.faults.twirpStatus = { status: 429, msg: 'slow down' };
    const r = await restore('go-linux-f');
    expect(r.value).toBeUndefined();
    expect(warnings(r.out)).toEqual([
      'Failed to restore: Failed to GetCacheEntryDownloadURL: Rate limited: Failed request: (429) Too Many Requests: slow down',
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('reservationConflict: save warns "Cache reservation failed" and returns -1', async () => {
    server.faults.reservationConflict = true;
    const s = await save('go-linux-i');
    expect(s.value).toBe(-1);
    expect(warnings(s.out)).toEqual([
      'Cache reservation failed: cache entry with the same key, version, and scope already exists',
    ]);
    expect(s.out).toContain('Failed to save: Unable to reserve cache with key go-linux-i');
    expect(server.requests.map((r) => r.method)).toEqual(['CreateCacheEntry']);
  });

  it('truncateGet: restore warns about the short body and restores nothing', async () => {
    server.faults.truncateGet = 10;
    const r = await restore('go-linux-f');
    expect(r.value).toBeUndefined();
    expect(warnings(r.out)).toEqual(['Failed to restore: aborted']);
    await expect(readDeps()).rejects.toThrow(/ENOENT/);
    expect(server.requests.at(-1)).toMatchObject({ service: 'blob', method: 'GET', status: 200 });
  });

  it('delayMs: every call is held back but the restore still succeeds', async () => {
    server.faults.delayMs = 300;
    const r = await restore('go-linux-f');
    expect(r.value).toBe('go-linux-f');
    expect(r.ms).toBeGreaterThanOrEqual(2 * 300 - 20); // lookup + blob GET
    expect(await readDeps()).toBe('faulty');
  });

  it('down via stop()/start(): ECONNREFUSED is a warning, then service resumes', async () => {
    await server.stop();
    const r = await restore('go-linux-f');
    expect(r.value).toBeUndefined();
    expect(warnings(r.out)[0]).toMatch(
      /^Failed to restore: Failed to GetCacheEntryDownloadURL: Unable to make request: ECONNREFUSED\n/,
    );
    expect(r.ms).toBeLessThan(2000);
    await writeDeps('x');
    const s = await save('go-linux-j');
    expect(s.value).toBe(-1);
    expect(s.out).toContain('Failed to save: Unable to reserve cache with key go-linux-j');
    await server.start();
    expect((await restore('go-linux-f')).value).toBe('go-linux-f');
  });

  it('down via downUrl: the clients read ACTIONS_RESULTS_URL at call time', async () => {
    process.env['ACTIONS_RESULTS_URL'] = `${server.downUrl}/`;
    const r = await restore('go-linux-f');
    expect(warnings(r.out)[0]).toMatch(/ECONNREFUSED/);
    expect(server.requests).toEqual([]);
    process.env['ACTIONS_RESULTS_URL'] = `${server.url}/`;
    expect((await restore('go-linux-f')).value).toBe('go-linux-f');
  });

  it('faults.down: connections are reset (ECONNRESET), still only a warning', async () => {
    server.faults.down = true;
    const r = await restore('go-linux-f');
    expect(r.value).toBeUndefined();
    expect(warnings(r.out)[0]).toMatch(
      /^Failed to restore: Failed to GetCacheEntryDownloadURL: Unable to make request: ECONNRESET\n/,
    );
    expect(server.requests).toMatchObject([{ method: 'GetCacheEntryDownloadURL', status: 0 }]);
  });

  it('clearCaches() forgets every entry', async () => {
    await server.clearCaches();
    expect(server.cacheEntries()).toEqual([]);
    expect((await restore('go-linux-f')).value).toBeUndefined();
    await writeDeps('again');
    expect((await save('go-linux-f')).value).toBeGreaterThan(0);
  });
});

describe('artifacts (real @actions/artifact client)', () => {
  const client = new DefaultArtifactClient();
  let src: string;

  beforeAll(async () => {
    src = join(ws, 'art');
    await mkdir(join(src, 'nested'), { recursive: true });
    await writeFile(join(src, 'slug.txt'), 'slug contents\n');
    await writeFile(join(src, 'nested', 'meta.json'), '{"ok":true}\n');
    await writeFile(join(src, 'app.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]));
  });
  const zipFiles = () => [join(src, 'slug.txt'), join(src, 'nested', 'meta.json')];

  it('uploads a zip (block + blocklist), stores its metadata, lists and downloads it', async () => {
    const up = await captured(() =>
      client.uploadArtifact('slug', zipFiles(), src, { retentionDays: 3 }),
    );
    expect(warnings(up.out)).toEqual([]);
    const { id, size, digest } = up.value;
    expect(id).toBe(server.artifacts()[0]!.id);

    const [art] = server.artifacts();
    const blob = (await server.artifactBlob('slug'))!;
    expect(art).toMatchObject({
      id,
      name: 'slug',
      runId: 'run-1',
      jobId: 'job-1',
      mimeType: 'application/zip',
      version: 7,
      finalized: true,
      fileName: 'slug.zip',
      size,
      blobSize: blob.length,
      blobContentType: 'application/zip',
      hash: `sha256:${sha256(blob)}`,
    });
    expect(digest).toBe(sha256(blob));
    expect(blob.subarray(0, 2).toString()).toBe('PK');
    const days = (Date.parse(art!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    expect(server.requests.map((r) => [r.service, r.method])).toEqual([
      ['artifact', 'CreateArtifact'],
      ['blob', 'PUT'],
      ['blob', 'PUT'],
      ['artifact', 'FinalizeArtifact'],
    ]);
    expect(server.requests[1]!.path).toMatch(/comp=block&blockid=/);
    expect(server.requests[2]!.path).toMatch(/comp=blocklist/);
    expect(server.requests[0]!.body).toMatchObject({
      workflow_run_backend_id: 'run-1',
      workflow_job_run_backend_id: 'job-1',
      name: 'slug',
      version: 7,
      mime_type: 'application/zip',
    });

    const listed = await captured(() => client.listArtifacts());
    expect(listed.value.artifacts).toEqual([
      { name: 'slug', id, size, createdAt: expect.any(Date), digest: `sha256:${digest}` },
    ]);
    expect((await client.getArtifact('slug')).artifact.id).toBe(id);
    await expect(client.getArtifact('other')).rejects.toThrow(/Artifact not found for name: other/);

    const out = join(ws, 'dl-zip');
    const down = await captured(() => client.downloadArtifact(id!, { path: out }));
    expect(down.value.downloadPath).toBe(out);
    expect(await readFile(join(out, 'slug.txt'), 'utf8')).toBe('slug contents\n');
    expect(await readFile(join(out, 'nested', 'meta.json'), 'utf8')).toBe('{"ok":true}\n');
    const list = server.requests.filter((r) => r.method === 'ListArtifacts').at(-1)!;
    expect(list.body).toMatchObject({ id_filter: String(id) });
  });

  it('skipArchive: a raw file round-trips under its own name and is not unzipped', async () => {
    const file = join(src, 'app.tar.gz');
    const up = await captured(() =>
      client.uploadArtifact('ignored', [file], src, { skipArchive: true }),
    );
    const [art] = server.artifacts();
    expect(art).toMatchObject({
      name: 'app.tar.gz',
      mimeType: 'application/gzip',
      fileName: 'app.tar.gz',
      blobContentType: 'application/gzip',
    });
    expect((await server.artifactBlob('app.tar.gz'))!.equals(await readFile(file))).toBe(true);

    // What the download sees: octet-stream plus the name in Content-Disposition, no .zip path.
    const signed = await twirp(
      '/twirp/github.actions.results.api.v1.ArtifactService/GetSignedArtifactURL',
      {
        workflow_run_backend_id: 'run-1',
        workflow_job_run_backend_id: 'job-1',
        name: 'app.tar.gz',
      },
    );
    const url = (signed.json as { signed_url: string }).signed_url;
    expect(new URL(url).pathname).toMatch(/\/app\.tar\.gz$/);
    const head = await fetch(url);
    expect(head.headers.get('content-type')).toBe('application/octet-stream');
    expect(head.headers.get('content-disposition')).toContain(`filename*=UTF-8''app.tar.gz`);
    await head.arrayBuffer();

    const out = join(ws, 'dl-raw');
    await captured(() => client.downloadArtifact(up.value.id!, { path: out }));
    expect(await readdir(out)).toEqual(['app.tar.gz']);
    expect((await readFile(join(out, 'app.tar.gz'))).equals(await readFile(file))).toBe(true);
  });

  it('a taken name is refused (409), deleteArtifact removes it', async () => {
    const first = await captured(() => client.uploadArtifact('dup', zipFiles(), src));
    await expect(captured(() => client.uploadArtifact('dup', zipFiles(), src))).rejects.toThrow(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
    );
    const del = await captured(() => client.deleteArtifact('dup'));
    expect(del.value.id).toBe(first.value.id);
    expect(server.artifacts()).toEqual([]);
    expect((await captured(() => client.listArtifacts())).value.artifacts).toEqual([]);
  });

  it('artifactStatus: the client throws (4xx, no retry); cache calls are unaffected', async () => {
    server.faults.artifactStatus = { status: 403, msg: 'not allowed' };
    await expect(captured(() => client.uploadArtifact('x', zipFiles(), src))).rejects.toThrow(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (403) Forbidden: not allowed',
    );
    expect(server.requests.map((r) => r.method)).toEqual(['CreateArtifact']);
    await writeDeps('still');
    expect((await save('unaffected')).value).toBeGreaterThan(0);
  });

  it('twirpStatus does not touch artifacts; artifactStatus.methods narrows it', async () => {
    server.faults.twirpStatus = { status: 400, msg: 'cache only' };
    server.faults.artifactStatus = { status: 404, msg: 'gone', methods: ['ListArtifacts'] };
    const up = await captured(() => client.uploadArtifact('narrow', zipFiles(), src));
    expect(up.value.id).toBeGreaterThan(0);
    await expect(client.listArtifacts()).rejects.toThrow(/\(404\) Not Found: gone/);
  });

  it('artifactCreateNotOk: the client throws "response from backend was not ok"', async () => {
    server.faults.artifactCreateNotOk = true;
    await expect(captured(() => client.uploadArtifact('x', zipFiles(), src))).rejects.toThrow(
      'CreateArtifact: response from backend was not ok',
    );
    expect(server.artifacts()).toEqual([]);
  });

  it('down: the artifact client throws a NetworkError at once (no retry)', async () => {
    await server.stop();
    const started = performance.now();
    await expect(captured(() => client.uploadArtifact('x', zipFiles(), src))).rejects.toThrow(
      /Unable to make request: ECONNREFUSED/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    await server.start();
    server.faults.down = true;
    await expect(captured(() => client.listArtifacts())).rejects.toThrow(/ECONNRESET/);
  });

  it('delayMs slows artifact calls and blob PUTs without breaking them', async () => {
    server.faults.delayMs = 150;
    const up = await captured(() => client.uploadArtifact('slow', zipFiles(), src));
    expect(up.value.id).toBeGreaterThan(0);
    expect(up.ms).toBeGreaterThanOrEqual(4 * 150 - 20); // create, block, blocklist, finalize
  });
});
