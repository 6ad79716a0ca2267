// The loopback release server is what every installer/e2e test stands on, so each fault switch
// is checked here against plain fetch, with small synthetic archives to stay fast.
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  parseFileCommands,
} from '../../test/support/action-harness.js';
import {
  extractedGoroot,
  goFixture,
  goFixtures,
  makeFixture,
  makeSyntheticGoArchive,
  type GoFixture,
} from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import type { GoRelease } from '../../src/toolchain/releases.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Reads a body to the end or to the failure, returning what arrived and the error, if any. */
async function readBody(res: Response): Promise<{ bytes: Buffer; error?: unknown }> {
  const parts: Uint8Array[] = [];
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(parts) };
      parts.push(value);
    }
  } catch (error) {
    return { bytes: Buffer.concat(parts), error };
  }
}

let dir: string;
let small: GoFixture; // a real tiny tar.gz
let older: GoFixture;
let big: GoFixture; // 10 MB of random bytes, for throttling and truncation
let server: ReleaseServer;
const archiveUrl = (f: GoFixture): string => `${server.url}/${f.filename}`;

beforeAll(async () => {
  dir = await makeTempDir('release-server-test');
  small = await makeSyntheticGoArchive(dir, 'go1.22.12');
  older = await makeSyntheticGoArchive(dir, 'go1.21.13');
  const bigPath = join(dir, 'random.bin');
  await writeFile(bigPath, randomBytes(10_000_000));
  big = await makeFixture(bigPath, 'go1.23.4');
  const extra: GoRelease[] = [{ version: 'go1.24rc1', stable: false, files: [] }];
  server = await startReleaseServer({ fixtures: [older, small, big], extraReleases: extra });
});

afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

beforeEach(() => {
  for (const key of Object.keys(server.faults))
    delete server.faults[key as keyof typeof server.faults];
  server.resetLog();
});

describe('release index', () => {
  it('lists the fixtures newest first with their real sha256 and size', async () => {
    const res = await fetch(`${server.url}/?mode=json&include=all`);
    expect(res.status).toBe(200);
    const index = (await res.json()) as GoRelease[];
    expect(index.map((r) => r.version)).toEqual([
      'go1.24rc1',
      'go1.23.4',
      'go1.22.12',
      'go1.21.13',
    ]);
    const file = index.find((r) => r.version === 'go1.22.12')!.files[0]!;
    expect(file).toEqual({
      filename: 'go1.22.12.linux-amd64.tar.gz',
      os: 'linux',
      arch: 'amd64',
      version: 'go1.22.12',
      sha256: sha256(await readFile(small.path)),
      size: (await stat(small.path)).size,
      kind: 'archive',
    });
    const stableOnly = (await (await fetch(`${server.url}/?mode=json`)).json()) as GoRelease[];
    expect(stableOnly.map((r) => r.version)).not.toContain('go1.24rc1');
    expect(server.requests[0]).toEqual({
      method: 'GET',
      path: '/?mode=json&include=all',
      status: 200,
    });
  });

  it('answers indexStatus for the index only', async () => {
    server.faults.indexStatus = 500;
    expect((await fetch(`${server.url}/?mode=json&include=all`)).status).toBe(500);
    expect((await fetch(archiveUrl(small))).status).toBe(200);
  });
});

describe('archives', () => {
  it('streams the archive with Content-Length', async () => {
    const res = await fetch(archiveUrl(small));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(small.size));
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(small.sha256);
  });

  it('answers 404 for unknown paths, and for archives with status404', async () => {
    expect((await fetch(`${server.url}/go9.9.9.linux-amd64.tar.gz`)).status).toBe(404);
    server.faults.status404 = true;
    expect((await fetch(archiveUrl(small))).status).toBe(404);
    expect(server.requests.map((r) => r.status)).toEqual([404, 404]);
  });

  it('tamperByte changes the digest but not the length', async () => {
    server.faults.tamperByte = true;
    const body = Buffer.from(await (await fetch(archiveUrl(big))).arrayBuffer());
    expect(body.length).toBe(big.size);
    expect(sha256(body)).not.toBe(big.sha256);
    const original = await readFile(big.path);
    const mid = Math.floor(big.size / 2);
    expect(body.subarray(0, mid).equals(original.subarray(0, mid))).toBe(true);
    expect(body[mid]).toBe(original[mid]! ^ 0xff);
    expect(body.subarray(mid + 1).equals(original.subarray(mid + 1))).toBe(true);
  });

  it('truncateAt announces the full length, then closes the connection early', async () => {
    server.faults.truncateAt = 1_000_000;
    const res = await fetch(archiveUrl(big));
    expect(res.headers.get('content-length')).toBe(String(big.size));
    const { bytes, error } = await readBody(res);
    expect(error).toBeDefined();
    expect(bytes.length).toBe(1_000_000); // flushed before the cut, so exactly N arrive
    // The server stays usable afterwards.
    delete server.faults.truncateAt;
    expect(sha256(Buffer.from(await (await fetch(archiveUrl(small))).arrayBuffer()))).toBe(
      small.sha256,
    );
  });

  it('failFirst fails the next N requests of any path and counts down', async () => {
    server.faults.failFirst = { count: 2, status: 503 };
    expect((await fetch(`${server.url}/?mode=json&include=all`)).status).toBe(503);
    expect((await fetch(archiveUrl(small))).status).toBe(503);
    expect(server.faults.failFirst.count).toBe(0);
    expect((await fetch(archiveUrl(small))).status).toBe(200);
    expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('throttleBytesPerSec paces the body', async () => {
    server.faults.throttleBytesPerSec = 25_000_000;
    const t0 = performance.now();
    const body = Buffer.from(await (await fetch(archiveUrl(big))).arrayBuffer());
    const seconds = (performance.now() - t0) / 1000;
    expect(body.length).toBe(big.size);
    expect(seconds).toBeGreaterThanOrEqual(0.35); // 10 MB at 25 MB/s = 0.4 s
    expect(seconds).toBeLessThan(3);
  });

  it('redirect sends archives through /mirror/, which fetch follows', async () => {
    server.faults.redirect = true;
    const res = await fetch(archiveUrl(small));
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(small.sha256);
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      [`/${small.filename}`, 302],
      [`/mirror/${small.filename}`, 200],
    ]);
  });
});

describe('fixtures directory', () => {
  it('memoises sha256 in a sidecar keyed by size and mtime, newest first', async () => {
    const fixtures = await makeTempDir('fixtures-dir');
    const saved = process.env.GO_FIXTURES_DIR;
    process.env.GO_FIXTURES_DIR = fixtures;
    try {
      const a = await makeSyntheticGoArchive(fixtures, 'go1.21.13');
      await makeSyntheticGoArchive(fixtures, 'go1.22.12');
      await writeFile(join(fixtures, 'go1.23.1.linux-amd64.tar.gz.tmp'), 'in progress');
      const listed = await goFixtures();
      expect(listed.map((f) => [f.version, f.semver, f.minor])).toEqual([
        ['go1.22.12', '1.22.12', '1.22'],
        ['go1.21.13', '1.21.13', '1.21'],
      ]);
      expect(listed[1]!.sha256).toBe(a.sha256);

      // A sidecar that matches size+mtime is trusted (proves no rehash)...
      const sidecar = `${a.path}.sha256`;
      const memo = JSON.parse(await readFile(sidecar, 'utf8')) as { sha256: string };
      await writeFile(sidecar, JSON.stringify({ ...memo, sha256: 'f'.repeat(64) }));
      expect((await goFixture('1.21')).sha256).toBe('f'.repeat(64));
      // ...and one whose mtime no longer matches is not.
      const later = new Date(Date.now() + 5000);
      await utimes(a.path, later, later);
      expect((await goFixture('go1.21.13')).sha256).toBe(a.sha256);

      await expect(goFixture('1.99')).rejects.toThrow(/bash test\/support\/go-fixtures\.sh 1\.99/);

      // Concurrent extraction (same process here; the rename guards other workers) yields one GOROOT.
      const [g1, g2] = await Promise.all([extractedGoroot('1.22'), extractedGoroot('1.22')]);
      expect(g1).toBe(join(fixtures, 'extracted', 'go1.22.12', 'go'));
      expect(g2).toBe(g1);
      const { stdout } = await promisify(execFile)(join(g1, 'bin', 'go'), ['version']);
      expect(stdout.trim()).toBe('go version go1.22.12 linux/amd64');
    } finally {
      if (saved === undefined) delete process.env.GO_FIXTURES_DIR;
      else process.env.GO_FIXTURES_DIR = saved;
    }
  });
});

describe('parseFileCommands', () => {
  it('reads heredoc and name=value forms', () => {
    const d = 'ghadelimiter_0f6c1f0e-3a8b-4d3e-9d5e-1b2c3d4e5f60';
    const text = `a<<${d}\nline 1\nline=2\n${d}\nb=x=y\nempty<<${d}\n\n${d}\n`;
    expect(parseFileCommands(text)).toEqual({ a: 'line 1\nline=2', b: 'x=y', empty: '' });
  });
});
