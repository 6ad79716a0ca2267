import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, runAction } from '../../test/support/action-harness.js';
import { goFixtures, type GoFixture } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { runEnv, workspaceWith } from './helpers.js';

/** Every file under a dir (relative), to prove a failed install left nothing behind. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

function goVersionOf(goroot: string): string {
  return execFileSync(path.join(goroot, 'bin', 'go'), ['version'], {
    env: { ...process.env, GOTOOLCHAIN: 'local' },
  }).toString();
}

let server: ReleaseServer;
let fixtures: GoFixture[];

beforeAll(async () => {
  fixtures = await goFixtures();
  server = await startReleaseServer({ fixtures });
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

async function install(goVersion: string, toolCache?: string) {
  return runAction({
    entry: 'main',
    workspace: await workspaceWith('tiny'),
    toolCache,
    inputs: { 'go-version': goVersion, 'go-download-base-url': server.url },
    env: await runEnv(),
  });
}

describe('verified install from a go.dev-style release server', () => {
  const MINORS = ['1.19', '1.21', '1.22', '1.23', '1.24', '1.25', '1.26'];
  it('finds the seven Debian-built fixtures', () => {
    expect(fixtures.map((f) => f.minor).sort()).toEqual(MINORS);
  });

  for (const minor of MINORS) {
    it(`installs Go ${minor}, builds with it, and finds it in the tool cache the second time`, async () => {
      const fixture = fixtures.find((f) => f.minor === minor)!;
      const toolCache = await makeTempDir(`tc-${minor}-`);
      server.resetLog();
      const first = await install(minor, toolCache);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.outputs['go-version']).toBe(fixture.semver);
      expect(first.outputs['go-version-source']).toBe('input');
      expect(first.outputs['go-root']).toBe(path.join(toolCache, 'go', fixture.semver, 'x64'));
      expect(goVersionOf(first.outputs['go-root']!)).toContain(`go version ${fixture.version} `);
      expect(filesUnder(path.join(toolCache, 'go'))).toContain(`${fixture.semver}/x64.complete`);
      expect(first.stdout).toContain('sha256 verified');
      expect(server.requests.map((r) => r.path)).toEqual([
        '/?mode=json&include=all',
        `/${fixture.filename}`,
      ]);
      expect(first.exportedEnv.GOROOT).toBe(first.outputs['go-root']);
      expect(first.exportedEnv.GOTOOLCHAIN).toBe('local');
      expect(first.path).toContain(path.join(first.outputs['go-root']!, 'bin'));
      // The binary really was built by the installed Go.
      const bin = JSON.parse(first.outputs.binaries!)[0] as string;
      expect(execFileSync(bin).toString()).toBe(`tiny built with ${fixture.version}\n`);

      server.resetLog();
      const second = await install(minor, toolCache);
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.outputs['go-version']).toBe(fixture.semver);
      expect(second.stdout).toContain('in the tool cache');
      expect(server.requests).toEqual([]);
    });
  }

  it('fails on a tampered archive with both digests and leaves the tool cache empty', async () => {
    const toolCache = await makeTempDir('tc-tamper-');
    server.faults.tamperByte = true;
    try {
      const run = await install('1.22', toolCache);
      const fixture = fixtures.find((f) => f.minor === '1.22')!;
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        new RegExp(
          `Checksum mismatch for ${fixture.filename}: sha256 expected ${fixture.sha256}, got [0-9a-f]{64}`,
        ),
      );
      expect(filesUnder(toolCache)).toEqual([]);
      expect(run.outputs['binaries']).toBeUndefined();
    } finally {
      server.faults.tamperByte = false;
    }
  });

  it('fails on a truncated archive after retrying and leaves the tool cache empty', async () => {
    const toolCache = await makeTempDir('tc-trunc-');
    server.faults.truncateAt = 5_000_000;
    server.resetLog();
    try {
      const run = await install('1.21', toolCache);
      expect(run.code).toBe(1);
      // The client may drop bytes still buffered when the socket closes, so it counts at most what was sent.
      const cut =
        /was cut short \(received (\d+) of (\d+) bytes; sha256 expected [0-9a-f]{64}, got [0-9a-f]{64}\)/.exec(
          run.stdout,
        );
      expect(cut, run.stdout).not.toBeNull();
      expect(Number(cut![1])).toBeGreaterThan(0);
      expect(Number(cut![1])).toBeLessThanOrEqual(5_000_000);
      expect(Number(cut![2])).toBeGreaterThan(5_000_000);
      expect(server.requests.filter((r) => r.path.endsWith('.tar.gz'))).toHaveLength(3);
      expect(filesUnder(toolCache)).toEqual([]);
    } finally {
      server.faults.truncateAt = undefined;
    }
  });

  it('retries 503 twice and then succeeds', async () => {
    server.faults.failFirst = { count: 2, status: 503 };
    server.resetLog();
    const run = await install('1.23', await makeTempDir('tc-503-'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('attempt 3 of 3');
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200, 200]);
  });

  it('fails at once with a clear line on 404', async () => {
    const toolCache = await makeTempDir('tc-404-');
    server.faults.status404 = true;
    server.resetLog();
    try {
      const run = await install('1.24', toolCache);
      const fixture = fixtures.find((f) => f.minor === '1.24')!;
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `::error::Could not download Go ${fixture.semver}: ${server.url}/${fixture.filename} answered HTTP 404`,
      );
      expect(server.requests.filter((r) => r.path.endsWith('.tar.gz'))).toHaveLength(1);
      expect(run.durationMs).toBeLessThan(5000);
      expect(filesUnder(toolCache)).toEqual([]);
    } finally {
      server.faults.status404 = false;
    }
  });

  it('lets two concurrent installs of one version into one tool cache both succeed', async () => {
    const toolCache = await makeTempDir('tc-race-');
    const [a, b] = await Promise.all([install('1.22', toolCache), install('1.22', toolCache)]);
    expect(a.code, a.stdout).toBe(0);
    expect(b.code, b.stdout).toBe(0);
    expect(a.outputs['go-root']).toBe(b.outputs['go-root']);
    expect(goVersionOf(a.outputs['go-root']!)).toContain('go1.22');
    expect(readdirSync(path.join(toolCache, 'go', a.outputs['go-version']!)).sort()).toEqual([
      'x64',
      'x64.complete',
    ]);
  });

  it('rejects a malformed version before any request', async () => {
    server.resetLog();
    const run = await install('1.2x', await makeTempDir('tc-bad-'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::go-version: "1\.2x" is not a Go version/);
    expect(server.requests).toEqual([]);
  });
});
