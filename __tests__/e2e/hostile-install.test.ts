// The hostile network (SPEC §9): archives and release indexes a compromised or broken mirror could
// serve, with a right or a wrong digest, and installs that die half-way. Nothing may be written
// outside the tool cache's temporary tree, nothing half-installed may stay, a checksum mismatch is
// final and is the error shown. `.ci/run` runs this file again as a non-root user
// (GO_PAAS_BUILD_TEST_USER), where read-only directories make cleanup fail if it is naive.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  giveToTestUser,
  makeTempDir,
  runAction,
} from '../../test/support/action-harness.js';
import { goFixture, makeFixture, type GoFixture } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { goTreeEntries, tarGz, type TarEntry } from '../../test/support/tar-writer.js';
import { runEnv } from './helpers.js';
import {
  SECRET,
  expectNoForgedCommands,
  filesUnder,
  sandbox,
  snapshot,
  type Sandbox,
} from './hostile-support.js';

const servers: ReleaseServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await cleanupTempDirs();
});

const VERSION = 'go1.90.0';
const FILE = `${VERSION}.linux-amd64.tar.gz`;
const WRONG_SHA = 'f'.repeat(64);

/** An archive made of these entries, served as Go 1.90.0; its digest right or wrong in the index. */
async function craft(
  entries: (s: Sandbox) => TarEntry[],
  opts: { digest?: 'right' | 'wrong'; filename?: string; version?: string } = {},
): Promise<{ s: Sandbox; server: ReleaseServer; fixture: GoFixture; actual: string }> {
  const s = await sandbox();
  const dir = await makeTempDir('crafted-');
  const file = path.join(dir, FILE);
  writeFileSync(file, tarGz(entries(s)));
  const real = await makeFixture(file, opts.version ?? VERSION);
  const fixture: GoFixture = {
    ...real,
    sha256: opts.digest === 'wrong' ? WRONG_SHA : real.sha256,
    filename: opts.filename ?? real.filename,
  };
  const server = await startReleaseServer({ fixtures: [fixture] });
  servers.push(server);
  return { s, server, fixture, actual: real.sha256 };
}

async function install(s: Sandbox, server: ReleaseServer, toolCache?: string) {
  return runAction({
    entry: 'main',
    workspace: s.ws,
    toolCache: toolCache ?? (await makeTempDir('tc-crafted-')),
    inputs: { 'go-download-base-url': server.url, 'go-version': '1.90.0' },
    env: await runEnv({ HOME: s.home }),
  });
}

const archiveRequests = (server: ReleaseServer) =>
  server.requests.filter((r) => r.path.endsWith('.tar.gz'));

/** Hostile members, each aimed at the victim folder beside the workspace. */
const HOSTILE: Record<string, (s: Sandbox) => TarEntry[]> = {
  'a ../ member': () => [{ name: 'go/../../../victim/pwned', content: 'pwned' }],
  'an absolute member': (s) => [{ name: path.join(s.victim, 'pwned'), content: 'pwned' }],
  'a symlink, then a file through it': (s) => [
    { name: 'go/escape', type: 'symlink', target: s.victim },
    { name: 'go/escape/pwned', content: 'pwned' },
  ],
  'a relative symlink up, then a file through it': () => [
    { name: 'go/up', type: 'symlink', target: '../../../../../../victim' },
    { name: 'go/up/pwned', content: 'pwned' },
  ],
  'a hard link to a file outside, then a write to it': (s) => [
    { name: 'go/hard', type: 'hardlink', target: path.join(s.victim, 'secret.txt') },
    { name: 'go/hard', content: 'overwritten' },
  ],
};

const CHECKSUM = (f: GoFixture, got = '[0-9a-f]{64}') =>
  new RegExp(
    `^Checksum mismatch for ${f.filename.replace(/\./g, '\\.')}: sha256 expected ${WRONG_SHA}, got ${got}; nothing was installed$`,
  );

describe('crafted archives with a wrong digest', () => {
  // Read-only directories: a non-root rm -rf of the tree fails, and must neither warn nor hide why.
  const cases: Record<string, (s: Sandbox) => TarEntry[]> = {
    ...HOSTILE,
    'read-only directories': () => [
      { name: 'go/ro/', type: 'dir', mode: 0o555 },
      { name: 'go/ro/sub/', type: 'dir', mode: 0o500 },
      { name: 'go/ro/sub/file', content: 'x', mode: 0o444 },
    ],
  };
  for (const [name, members] of Object.entries(cases)) {
    it(`${name}: the checksum error, once, nothing outside touched, nothing left`, async () => {
      const { s, server, fixture, actual } = await craft(
        (sb) => [...goTreeEntries(VERSION), ...members(sb)],
        { digest: 'wrong' },
      );
      const before = snapshot(s.victim);
      const toolCache = await makeTempDir('tc-crafted-');
      const run = await install(s, server, toolCache);
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(CHECKSUM(fixture, actual));
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
      expect(archiveRequests(server)).toHaveLength(1); // final: never retried
      expect(snapshot(s.victim)).toBe(before);
      expect(filesUnder(toolCache)).toEqual([]);
    });
  }
});

describe('crafted archives with a right digest (a compromised mirror signs what it serves)', () => {
  // GNU tar skips `..` members and defers symlinks that point up or out, so a write through them
  // fails; a leading `/` is stripped, so that member lands inside the tree.
  const refusedByTar = Object.keys(HOSTILE).filter((n) => n !== 'an absolute member');
  it.each(refusedByTar)(
    '%s: tar refuses it, the install fails and leaves nothing',
    async (name) => {
      const { s, server } = await craft((sb) => [...goTreeEntries(VERSION), ...HOSTILE[name]!(sb)]);
      const before = snapshot(s.victim);
      const toolCache = await makeTempDir('tc-crafted-');
      const run = await install(s, server, toolCache);
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^Could not extract go1\.90\.0\.linux-amd64\.tar\.gz \(tar exited 2\): "tar: .+"$/,
      );
      expect(archiveRequests(server)).toHaveLength(1);
      expect(snapshot(s.victim)).toBe(before);
      expect(filesUnder(toolCache)).toEqual([]);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    },
  );

  it('an absolute member: tar strips the leading / and it stays inside the tree', async () => {
    const { s, server } = await craft((sb) => [
      ...goTreeEntries(VERSION),
      ...HOSTILE['an absolute member']!(sb),
    ]);
    const before = snapshot(s.victim);
    const toolCache = await makeTempDir('tc-crafted-');
    await install(s, server, toolCache);
    expect(snapshot(s.victim)).toBe(before);
    // `/<root>/victim/pwned` with its first component stripped, below the installed GOROOT.
    const inside = path.join(
      toolCache,
      'go',
      '1.90.0',
      'x64',
      ...s.victim.split('/').slice(2),
      'pwned',
    );
    expect(existsSync(inside), inside).toBe(true);
  });

  it.each([
    [
      'without go/bin/go',
      () => [
        { name: 'go/', type: 'dir' },
        { name: 'go/VERSION', content: `${VERSION}\n` },
      ],
      `${FILE} does not hold go/bin/go; it is not a Go release archive`,
    ],
    [
      'holding another VERSION',
      () => goTreeEntries('go1.89.3'),
      `${FILE} holds Go 1.89.3, not 1.90.0 as the release index says; nothing was installed`,
    ],
    [
      'with go/bin/go a symlink out of the tree',
      () => [
        { name: 'go/', type: 'dir' },
        { name: 'go/VERSION', content: `${VERSION}\n` },
        { name: 'go/bin/go', type: 'symlink', target: '/bin/sh' },
      ],
      /^go1\.90\.0\.linux-amd64\.tar\.gz: go\/bin\/go: "bin\/go" leads outside the extracted go1\.90\.0\.linux-amd64\.tar\.gz \(.*\) through a symlink, to ".*"; not a Go release archive$/,
    ],
    [
      'with VERSION a symlink to a secret outside',
      (s: Sandbox) => [
        { name: 'go/', type: 'dir' },
        { name: 'go/VERSION', type: 'symlink', target: path.join(s.victim, 'secret.txt') },
        { name: 'go/bin/', type: 'dir' },
        { name: 'go/bin/go', content: '#!/bin/sh\n', mode: 0o755 },
      ],
      /^go1\.90\.0\.linux-amd64\.tar\.gz: go\/VERSION: "VERSION" leads outside the extracted .* through a symlink, to ".*secret\.txt"; not a Go release archive$/,
    ],
    [
      'read-only directories and another VERSION (cleanup as a non-root user)',
      () => [
        ...goTreeEntries('go1.89.3'),
        { name: 'go/pkg/', type: 'dir', mode: 0o555 },
        { name: 'go/pkg/x', content: 'x', mode: 0o444 },
      ],
      `${FILE} holds Go 1.89.3, not 1.90.0 as the release index says; nothing was installed`,
    ],
  ] as [string, (s: Sandbox) => TarEntry[], string | RegExp][])(
    'an archive %s is refused and leaves nothing',
    async (_name, entries, message) => {
      const { s, server } = await craft(entries);
      const before = snapshot(s.victim);
      const toolCache = await makeTempDir('tc-crafted-');
      const run = await install(s, server, toolCache);
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      expect(errors).toHaveLength(1);
      if (typeof message === 'string') expect(errors[0]).toBe(message);
      else expect(errors[0]).toMatch(message);
      expect(archiveRequests(server)).toHaveLength(1);
      expect(filesUnder(toolCache)).toEqual([]);
      expect(snapshot(s.victim)).toBe(before);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    },
  );
});

describe('a hostile release index', () => {
  it.each([
    ['a path that climbs out', '../../../victim/go1.90.0.linux-amd64.tar.gz'],
    ['an absolute URL', 'http://evil.invalid/go1.90.0.linux-amd64.tar.gz'],
    ['a name holding a newline and ::error::', 'go1.90.0\n::error::forged.tar.gz'],
  ])('an archive name with %s is refused before it is requested', async (_name, filename) => {
    const { s, server } = await craft(() => goTreeEntries(VERSION), { filename });
    const run = await install(s, server);
    expect(run.code).toBe(1);
    const shown = JSON.stringify(filename).replace(/::/g, ':\\u003a');
    expectNoForgedCommands(run, [
      `The release index names ${shown} as the archive of Go 1.90.0; an archive name is one plain file name such as go1.24.4.linux-amd64.tar.gz`,
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/?mode=json&include=all']);
  });
});

describe('installs that die half-way', () => {
  it('a run killed mid-download leaves its tree; the next install of that version removes it', async () => {
    const real = await goFixture('1.22');
    const server = await startReleaseServer({ fixtures: [real] });
    servers.push(server);
    server.faults.throttleBytesPerSec = 2_000_000;
    const s = await sandbox();
    const toolCache = await makeTempDir('tc-killed-');
    const versionDir = path.join(toolCache, 'go', real.semver);
    const tmpTrees = () => readdirSync(versionDir).filter((e) => e.includes('.tmp-'));
    const killed = await runAction({
      entry: 'main',
      workspace: s.ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': real.semver },
      env: await runEnv({ HOME: s.home }),
      // Killed once tar has written part of the tree.
      killWhen: () =>
        existsSync(versionDir) &&
        tmpTrees().some((t) => readdirSync(path.join(versionDir, t)).length > 0),
    });
    expect(killed.killed, killed.stdout).toBe(true);
    const left = tmpTrees();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(
      new RegExp(
        `^x64\\.tmp-${hostname()
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 32)}-\\d+-[0-9a-f]{8}$`,
      ),
    );

    server.faults.throttleBytesPerSec = undefined;
    const again = await runAction({
      entry: 'main',
      workspace: s.ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': real.semver },
      env: await runEnv({ HOME: s.home }),
    });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `Removed ${left[0]}, left in the tool cache by an install that did not finish`,
    );
    expect(readdirSync(versionDir).sort()).toEqual(['x64', 'x64.complete']);
  });

  it('trees of dead or hour-old installs go, a live install’s tree stays', async () => {
    const { s, server } = await craft(() => goTreeEntries(VERSION));
    const toolCache = await makeTempDir('tc-stale-');
    const versionDir = path.join(toolCache, 'go', '1.90.0');
    const host = hostname()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 32);
    // A pid that existed and is gone now.
    const gone = await new Promise<number>((resolve) => {
      const p = spawn('true');
      p.on('exit', () => resolve(p.pid!));
    });
    const trees = {
      deadHere: `x64.tmp-${host}-${gone}-0badc0de`,
      oldElsewhere: 'x64.tmp-otherhost-4242-deadbeef',
      freshElsewhere: 'x64.tmp-otherhost-4243-cafebabe',
      liveHere: `x64.tmp-${host}-${process.pid}-feedface`,
      setAside: 'x64.stale-77-12345678',
    };
    for (const t of Object.values(trees)) {
      mkdirSync(path.join(versionDir, t, 'ro'), { recursive: true });
      writeFileSync(path.join(versionDir, t, 'ro', 'f'), 'x');
    }
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(path.join(versionDir, trees.oldElsewhere), hourAgo, hourAgo);
    await giveToTestUser(toolCache, true);
    const run = await install(s, server, toolCache);
    expect(run.code, run.stdout + run.stderr).toBe(1); // the synthetic go cannot build; installed it is
    expect(readdirSync(versionDir).sort()).toEqual(
      ['x64', 'x64.complete', trees.freshElsewhere, trees.liveHere].sort(),
    );
    for (const t of [trees.deadHere, trees.oldElsewhere, trees.setAside]) {
      expect(run.stdout).toContain(`Removed ${t}, left in the tool cache`);
    }
  });
});
