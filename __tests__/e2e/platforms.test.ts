// The rules the platforms themselves apply (SPEC §2, §3), run through the bundled action: Heroku's
// default Go and its refusals, Clever Cloud's gomod rule, the order of detection and hooks, and the
// legacy dependency managers.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixture, goFixtures } from '../../test/support/fixtures.js';
import { serveGoProxy, writeTestProxy, type GoProxyServer } from '../../test/support/goproxy.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { runEnv, workspaceWith } from './helpers.js';

let server: ReleaseServer;
let proxy: GoProxyServer;
let toolCache: string;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  const dir = await makeTempDir('goproxy-');
  await writeTestProxy(dir);
  proxy = await serveGoProxy(dir);
  toolCache = await makeTempDir('tc-platforms-');
});
afterAll(async () => {
  await Promise.all([server.close(), proxy.close()]);
  await cleanupTempDirs();
});

async function build(
  ws: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  opts: { freshToolCache?: boolean } = {},
): Promise<RunResult> {
  server.resetLog();
  return runAction({
    entry: 'main',
    workspace: ws,
    toolCache: opts.freshToolCache ? await makeTempDir('tc-fresh-') : toolCache,
    inputs: { 'go-download-base-url': server.url, ...inputs },
    env: await runEnv(env),
  });
}

const errors = (r: RunResult) =>
  r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warnings = (r: RunResult) =>
  r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const notices = (r: RunResult) =>
  r.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
const ok = (r: RunResult) => expect(r.code, r.stdout + r.stderr).toBe(0);

/** An app whose go.mod names no Go version. */
async function unversioned(): Promise<string> {
  const ws = await workspaceWith('tiny');
  writeFileSync(path.join(ws, 'go.mod'), 'module example.com/tiny\n');
  return ws;
}

describe('Go version defaults and refusals', () => {
  it("heroku: an app naming no Go gets Heroku's default, the newest 1.25, with Heroku's warning", async () => {
    const want = await goFixture('1.25');
    const run = await build(await unversioned(), { platform: 'heroku' });
    ok(run);
    expect(run.outputs['go-version']).toBe(want.semver);
    expect(run.outputs['go-version-source']).toBe('default');
    expect(warnings(run)).toContain(
      "The go.mod file for this project does not specify a Go version. Defaulting to go1.25 (Heroku's default); name one in go.mod (go 1.25) or with go-version",
    );
  });

  it('clever-cloud: an app naming no Go gets the newest stable, with a notice', async () => {
    const newest = (await goFixtures())[0]!;
    const run = await build(await unversioned());
    ok(run);
    expect(run.outputs['go-version']).toBe(newest.semver);
    expect(notices(run)).toContain(
      'No Go version is specified (go-version, GOVERSION, go.mod, …): using the newest stable release',
    );
    expect(warnings(run)).toEqual([]);
  });

  it.each([
    ['go.mod go', { file: 'module example.com/tiny\n\ngo 1.10\n' }, {}, '"1.10"'],
    ['GOVERSION', { file: 'module example.com/tiny\n' }, { GOVERSION: '1.10.8' }, '"1.10.8"'],
    [
      'go.mod heroku-directive',
      { file: 'module example.com/tiny\n// +heroku goVersion go1.9\ngo 1.22\n' },
      {},
      '"go1.9"',
    ],
  ])(
    'heroku: a go.mod app asking for Go < 1.11 (%s) fails before any download',
    async (source, app, env, shown) => {
      const ws = await workspaceWith('tiny');
      writeFileSync(path.join(ws, 'go.mod'), app.file);
      const run = await build(ws, { platform: 'heroku' }, env, { freshToolCache: true });
      expect(run.code).toBe(1);
      expect(errors(run)).toEqual([
        `${source}: Go ${shown} does not support Go modules, and on Heroku a go.mod app needs Go 1.11 or newer; name a newer one (go 1.25, or // +heroku goVersion go1.25)`,
      ]);
      expect(server.requests).toEqual([]);
    },
  );

  it('heroku: GOVERSION and GO_INSTALL_PACKAGE_SPEC overrides are warnings, as there', async () => {
    const ws = await workspaceWith('heroku-install');
    const run = await build(
      ws,
      { platform: 'heroku' },
      { GOVERSION: '1.24', GO_INSTALL_PACKAGE_SPEC: './cmd/two' },
    );
    ok(run);
    expect(warnings(run)).toEqual([
      `Using the GOVERSION override ("1.24") over the version the app names; on Heroku, 'heroku config:unset GOVERSION' removes it`,
      'Using the install-package-spec (GO_INSTALL_PACKAGE_SPEC) override: ./cmd/two, not the detected main packages',
      expect.stringMatching(
        /^Procfile: the one process runs bin\/one, which this build does not produce/,
      ),
    ]);
  });
});

describe("Clever Cloud's gomod rule", () => {
  it('a module whose root is not a main package fails before the build and before the hooks', async () => {
    const ws = await workspaceWith('two-binaries');
    const marker = path.join(await makeTempDir('hook-'), 'ran');
    const run = await build(ws, { 'go-version': '1.24', 'pre-build-hook': `touch ${marker}` });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      'go.mod: the module path example.com/twobin is not a main package, so Clever Cloud would deploy no binary (its main packages are example.com/twobin/cmd/api, example.com/twobin/cmd/worker); set package (CC_GO_PKG) to the one to deploy',
    ]);
    expect(run.stdout).not.toMatch(/Running: \S+ install /);
    expect(existsSync(marker)).toBe(false);
  });

  it('installs the module path, and // +heroku install is not read (a notice says so)', async () => {
    const ws = await workspaceWith('tiny');
    writeFileSync(
      path.join(ws, 'go.mod'),
      'module example.com/tiny\n\ngo 1.22\n\n// +heroku install ./does/not/exist\n',
    );
    const run = await build(ws);
    ok(run);
    expect(JSON.parse(run.outputs.packages!)).toEqual(['example.com/tiny']);
    expect(run.stdout).toMatch(/Running: \S+ install example\.com\/tiny\n/);
    expect(notices(run)).toContain(
      '// +heroku install in go.mod is read on Heroku only; on clever-cloud the module path is installed unless package (CC_GO_PKG) says otherwise',
    );
  });
});

describe('order and checks', () => {
  it('the Makefile warning is kept when a later check fails (go.work, no CC_GO_BINARY nor CC_GO_PKG)', async () => {
    const run = await build(await workspaceWith('workspace'), { 'go-version': '1.24' });
    expect(run.code).toBe(1);
    expect(warnings(run)).toEqual(['Makefile found but CC_GO_BINARY is not set; ignoring it']);
    expect(errors(run)[0]).toMatch(/^go\.work found in .* without a root go\.mod/);
    expect(server.requests).toEqual([]);
  });

  it('what to build is found before the pre-build hooks run', async () => {
    const ws = await workspaceWith('two-binaries');
    // The hook generates a third main package: it is compiled only if asked for, not discovered.
    const hook = 'mkdir -p cmd/gen && printf "package main\\nfunc main() {}\\n" > cmd/gen/main.go';
    const run = await build(ws, {
      'go-version': '1.24',
      platform: 'heroku',
      'pre-build-hook': hook,
    });
    ok(run);
    expect(existsSync(path.join(ws, 'cmd', 'gen', 'main.go'))).toBe(true);
    expect(JSON.parse(run.outputs.packages!)).toEqual([
      'example.com/twobin/cmd/api',
      'example.com/twobin/cmd/worker',
    ]);
    expect(run.outputs.procfile).toBe('api: bin/api\nworker: bin/worker\n');
  });

  it("an app holding a file named bin fails before any download, in Heroku's words", async () => {
    const ws = await workspaceWith('tiny');
    writeFileSync(path.join(ws, 'bin'), 'not a directory\n');
    const run = await build(ws, { 'go-version': '1.24' }, {}, { freshToolCache: true });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      "bin: File bin exists and is not a directory. The slug's bin/ holds the binaries: rename or remove the file",
    ]);
    expect(server.requests).toEqual([]);
  });

  it('module downloads show in the log (go list no longer swallows them)', async () => {
    const run = await build(
      await workspaceWith('moddeps'),
      { 'go-version': '1.24', package: './...' },
      { GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod' },
    );
    ok(run);
    expect(run.stderr).toMatch(/^go: downloading example\.com\/\S+ v\d/m);
  });

  it.each([
    ['goflags', { goflags: '-mod=mod -n' }, {}, 'goflags: "-n"'],
    ['GOFLAGS', {}, { GOFLAGS: '-n=true' }, 'goflags (from GOFLAGS): "-n=true"'],
    ['build-flags', { 'build-flags': '-trimpath -n' }, {}, 'build-flags: "-n"'],
  ])('-n (dry run) in %s is refused before any download', async (_n, inputs, env, shown) => {
    const run = await build(await workspaceWith('tiny'), { 'go-version': '1.24', ...inputs }, env, {
      freshToolCache: true,
    });
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      `${shown} is not usable: -n prints the build commands without running them, so there would be no binary to ship; remove it`,
    ]);
    expect(server.requests).toEqual([]);
  });
});

describe('legacy dependency managers', () => {
  it('dep: GOPATH mode from vendor/, with [metadata.heroku] root-package, go-version and install', async () => {
    const go119 = await goFixture('1.19');
    const run = await build(await workspaceWith('dep'), { platform: 'heroku' });
    ok(run);
    expect(run.outputs['build-tool']).toBe('dep');
    expect(run.outputs['go-version']).toBe(go119.semver);
    expect(run.outputs['go-version-source']).toBe('Gopkg.toml');
    expect(run.stdout).toMatch(/Placed the app at \S+\/go\/src\/github\.com\/example\/depapp\n/);
    expect(JSON.parse(run.outputs.packages!)).toEqual(['./cmd/...']);
    expect(execFileSync(run.outputs.binary!).toString()).toBe('depapp app, greet from vendor/\n');
    expect(warnings(run)).toContainEqual(
      expect.stringMatching(/^This app uses dep \(Gopkg\.toml\), which is deprecated/),
    );
  });

  it('glide: one line saying it is not supported, before any download', async () => {
    const run = await build(
      await workspaceWith('glide'),
      { 'go-version': '1.24' },
      {},
      { freshToolCache: true },
    );
    expect(run.code).toBe(1);
    expect(errors(run)).toEqual([
      "glide.yaml found: glide is not supported (Heroku removed it, and Clever Cloud never had it); a go.mod is needed: run 'go mod init <module>' and 'go mod tidy' in the app root",
    ]);
    expect(server.requests).toEqual([]);
  });
});
