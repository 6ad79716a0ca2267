// The release to Heroku (SPEC §12), as the runner runs the bundled main step, against a loopback
// stand-in of the Platform API (test/support/heroku-api.ts): the calls in order and their bodies,
// the slug in Heroku's format, checksum = slug-sha256 = the bytes uploaded, the key nowhere, and
// every fault: a refused key, an app that takes no slugs, retried 5xx, a refused upload, a failed
// release, a failed deploy check.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  FAKE_SHA,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { startHerokuStandIn, type HerokuStandIn } from '../../test/support/heroku-api.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { runEnv, workspaceWith } from './helpers.js';

const KEY = 'hrku-0123-secret-key-never-shown';
let releases: ReleaseServer;
let toolCache: string;

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: await goFixtures() });
  toolCache = await makeTempDir('tc-heroku-');
});
afterAll(async () => {
  await releases.close();
  await cleanupTempDirs();
});

async function withApi<T>(fn: (api: HerokuStandIn) => Promise<T>): Promise<T> {
  const api = await startHerokuStandIn({
    key: KEY,
    apps: [
      { name: 'go-app', stack: 'heroku-24' },
      { name: 'staging-app', stack: 'heroku-24' },
      { name: 'fir-app', stack: 'heroku-24', generation: 'fir' },
      { name: 'docker-app', stack: 'container' },
      { name: 'not-mine', stack: 'heroku-24', forbidden: true },
    ],
  });
  try {
    return await fn(api);
  } finally {
    await api.close();
  }
}

async function release(
  api: HerokuStandIn,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  app = 'deploy-check',
  prepare?: (ws: string) => void,
): Promise<RunResult> {
  const ws = await workspaceWith(app);
  prepare?.(ws);
  return runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: {
      'go-download-base-url': releases.url,
      'go-version': '1.24',
      platform: 'heroku',
      'heroku-api-url': api.url,
      upload: 'false',
      ...inputs,
    },
    env: await runEnv({ HEROKU_API_KEY: KEY, CGO_ENABLED: '0', ...env }),
  });
}

/** Every text of the run a key could leak into. */
function everything(r: RunResult): string {
  // The `::add-mask::` commands hand the runner what it must hide; the runner never prints them.
  const stdout = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return [
    stdout,
    r.stderr,
    JSON.stringify(r.outputs),
    JSON.stringify(r.exportedEnv),
    r.summary,
  ].join('\n');
}

const ok = (r: RunResult) => expect(r.code, r.stdout + r.stderr).toBe(0);
const failed = (r: RunResult) => expect(r.code, r.stdout + r.stderr).not.toBe(0);
const errorLine = (r: RunResult) =>
  r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const apiCalls = (api: HerokuStandIn) =>
  api.calls.map((c) => `${c.method} ${c.url.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, '')}`);

describe('release to Heroku', () => {
  it('releases the checked slug: the calls in order, the ./app/ format, checksum = slug-sha256 = the bytes uploaded', async () => {
    await withApi(async (api) => {
      api.script.output = ['Running release command...', 'migrated 3 tables'];
      const r = await release(api, { 'heroku-app': 'go-app' });
      ok(r);
      const calls = apiCalls(api);
      expect(calls.slice(0, 5)).toEqual([
        'GET /apps/go-app',
        'GET /apps/go-app/releases',
        'POST /apps/go-app/slugs',
        'PUT /blobs/:id',
        'POST /apps/go-app/releases',
      ]);
      // Then, side by side: the release phase's output, and the release until it is done.
      expect(new Set(calls.slice(5))).toEqual(
        new Set(['GET /streams/:id', 'GET /apps/go-app/releases/:id']),
      );
      const create = api.calls.find((c) => c.method === 'POST' && c.url.endsWith('/slugs'))!;
      const digest = r.outputs['slug-sha256']!;
      expect(create.json).toEqual({
        process_types: Object.fromEntries(
          fs
            .readFileSync(path.join(r.outputs['slug-dir']!, 'Procfile'), 'utf8')
            .trim()
            .split('\n')
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
        ),
        commit: FAKE_SHA,
        commit_description: null,
        buildpack_provided_description: 'Go',
        stack: 'heroku-24',
        checksum: `SHA256:${digest}`,
      });
      const put = api.calls.find((c) => c.method === 'PUT')!;
      expect(createHash('sha256').update(put.bytes!).digest('hex')).toBe(digest);
      const archive = fs.readFileSync(r.outputs['slug-archive']!);
      expect(createHash('sha256').update(archive).digest('hex')).toBe(digest);
      const members = execFileSync('tar', ['-tzf', r.outputs['slug-archive']!], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n');
      expect(members[0]).toBe('./app/');
      expect(members.every((m) => m.startsWith('./app/'))).toBe(true);
      expect(members).toEqual(expect.arrayContaining(['./app/Procfile', './app/bin/web']));
      const made = api.releases[0]!;
      expect(r.outputs).toMatchObject({
        'heroku-slug-id': made.slug,
        'heroku-release-id': made.id,
        'heroku-release-version': '1',
      });
      expect(made.status).toBe('succeeded');
      expect(r.stdout).toContain('migrated 3 tables');
      expect(r.summary).toMatch(/\| Heroku \| go-app: released as v1, slug /);
      expect(everything(r)).not.toContain(KEY);
      // The app's stack (heroku-24) is the deploy check's glibc, and the release comes after it.
      expect(r.stdout).toMatch(/web: statically linked/);
      expect(r.stdout.indexOf('::group::Deploy check')).toBeGreaterThan(0);
      expect(r.stdout.indexOf('::group::Deploy check')).toBeLessThan(
        r.stdout.indexOf('::group::Release'),
      );
    });
  });

  it('if-changed: the same slug again is "already released"; always releases it again; a second app gets the same bytes', async () => {
    await withApi(async (api) => {
      const first = await release(api, { 'heroku-app': 'go-app', reproducible: 'true' });
      ok(first);
      const again = await release(api, { 'heroku-app': 'go-app', reproducible: 'true' });
      ok(again);
      expect(again.outputs['slug-sha256']).toBe(first.outputs['slug-sha256']);
      expect(again.annotations.map((a) => a.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/already runs this slug \(v1, SHA256:/)]),
      );
      expect(api.slugs.size).toBe(1);
      expect(again.outputs['heroku-release-version']).toBe('1');
      const always = await release(api, {
        'heroku-app': 'go-app',
        reproducible: 'true',
        'heroku-release': 'always',
      });
      ok(always);
      expect(always.outputs['heroku-release-version']).toBe('2');
      // Promotion: the same slug bytes to a second app.
      const staging = await release(api, { 'heroku-app': 'staging-app', reproducible: 'true' });
      ok(staging);
      const blobs = [...api.slugs.values()].map((s) =>
        createHash('sha256').update(s.blob!).digest('hex'),
      );
      expect(new Set(blobs)).toEqual(new Set([first.outputs['slug-sha256']]));
    });
  });

  it.each([
    [
      'a refused key',
      {},
      { HEROKU_API_KEY: 'wrong-key-0000' },
      /^heroku-app: "go-app": the HEROKU_API_KEY was refused \(HTTP 401/,
    ],
    [
      'an app it cannot see',
      { 'heroku-app': 'nope-app' },
      {},
      /^heroku-app: "nope-app": not found \(HTTP 404 on the app/,
    ],
    [
      'an app it may not touch',
      { 'heroku-app': 'not-mine' },
      {},
      /^heroku-app: "not-mine": the HEROKU_API_KEY has no access to the app \(HTTP 403/,
    ],
    [
      'a Fir app',
      { 'heroku-app': 'fir-app' },
      {},
      /^heroku-app: "fir-app" is a Fir app, which releases OCI images, not slugs/,
    ],
    [
      'a container app',
      { 'heroku-app': 'docker-app' },
      {},
      /^heroku-app: "docker-app" runs the container stack/,
    ],
    [
      'no key',
      {},
      { HEROKU_API_KEY: '' },
      /^heroku-app: "go-app" needs the HEROKU_API_KEY variable/,
    ],
  ])(
    'refuses %s in Resolve, before any download, in one line',
    async (_what, inputs, given, line) => {
      const env: Record<string, string> = given;
      await withApi(async (api) => {
        const before = releases.requests.length;
        const r = await release(api, { 'heroku-app': 'go-app', ...inputs }, env);
        failed(r);
        expect(errorLine(r)).toEqual([expect.stringMatching(line)]);
        expect(releases.requests.length).toBe(before);
        expect(api.calls.filter((c) => c.method !== 'GET')).toEqual([]);
        expect(everything(r)).not.toContain(KEY);
        if (env.HEROKU_API_KEY) expect(everything(r)).not.toContain(env.HEROKU_API_KEY);
      });
    },
  );

  it('refuses, in Resolve, a Procfile process type Heroku would refuse', async () => {
    await withApi(async (api) => {
      const name = 'w'.repeat(129);
      const before = releases.requests.length;
      const r = await release(api, { 'heroku-app': 'go-app' }, {}, 'deploy-check', (ws) =>
        fs.writeFileSync(path.join(ws, 'Procfile'), `web: bin/web\n${name}: bin/worker\n`),
      );
      failed(r);
      expect(errorLine(r)).toEqual([
        `Procfile: the process type "${name}" is not one Heroku takes; use at most 128 letters, digits, _ and -`,
      ]);
      expect(releases.requests.length).toBe(before);
      expect(apiCalls(api)).toEqual(['GET /apps/go-app']);
    });
  });

  it('retries 429 and 5xx with backoff', async () => {
    await withApi(async (api) => {
      api.fault('GET', /^\/apps\/go-app$/, [429]);
      api.fault('POST', /\/slugs$/, [503, 502]);
      const r = await release(api, { 'heroku-app': 'go-app' });
      ok(r);
      expect(r.stdout).toMatch(/Heroku API: the app failed \(HTTP 429\); retrying in 500 ms/);
      expect(r.stdout).toMatch(/Heroku API: the new slug failed \(HTTP 502\); retrying in 1000 ms/);
      expect(api.releases.length).toBe(1);
    });
  });

  it('a refused upload creates no release', async () => {
    await withApi(async (api) => {
      api.fault('PUT', /^\/blobs\//, [500]);
      const r = await release(api, { 'heroku-app': 'go-app' });
      failed(r);
      expect(errorLine(r)).toEqual([
        'heroku-app: "go-app": the slug upload was refused (HTTP 500); no release was created',
      ]);
      expect(api.calls.some((c) => c.method === 'POST' && c.url.endsWith('/releases'))).toBe(false);
      expect(api.releases).toEqual([]);
    });
  });

  it('a failed release fails the step with the tail of its release phase', async () => {
    await withApi(async (api) => {
      api.script.output = ['Running release command...', 'ERROR: migration 42 failed'];
      api.script.outcome = 'failed';
      api.script.pendingPolls = 1;
      const r = await release(api, { 'heroku-app': 'go-app' });
      failed(r);
      const [line] = errorLine(r);
      expect(line).toMatch(
        /^heroku-app: "go-app": release v1 failed \(its release phase\); its output ended with:/,
      );
      expect(line).toContain('ERROR: migration 42 failed');
      expect(r.outputs['heroku-release-id']).toBeUndefined();
    });
  });

  it('releases nothing when the deploy check fails', async () => {
    await withApi(async (api) => {
      const r = await release(
        api,
        { 'heroku-app': 'go-app', 'target-glibc': '2.17' },
        { CGO_ENABLED: '1', CGO_CFLAGS: '-I${build_dir}/include' },
        'cgo',
      );
      failed(r);
      expect(errorLine(r)).toEqual([expect.stringMatching(/^target-glibc: bin\/cgoapp needs /)]);
      expect(apiCalls(api)).toEqual(['GET /apps/go-app']);
    });
  });
});
