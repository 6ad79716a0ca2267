import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { RUNDIR_DEPRECATED } from '../../src/pipeline.js';
import { runEnv, workspaceWith } from './helpers.js';

let server: ReleaseServer;
let toolCache: string;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  toolCache = await makeTempDir('tc-methods-');
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

async function build(
  app: string,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<RunResult & { ws: string }> {
  const ws = await workspaceWith(app);
  const run = await runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: { 'go-download-base-url': server.url, ...inputs },
    env: await runEnv(env),
  });
  return { ...run, ws };
}

function procfile(run: RunResult): string {
  return readFileSync(path.join(run.outputs['slug-dir']!, 'Procfile'), 'utf8');
}

function slugBin(run: RunResult, name: string): string {
  return path.join(run.outputs['slug-dir']!, 'bin', name);
}

function exec(file: string): string {
  return execFileSync(file).toString();
}

const ok = (run: RunResult) => expect(run.code, run.stdout + run.stderr).toBe(0);

describe.each(['1.19', '1.24', '1.26'])('build methods with Go %s', (go) => {
  it('workspace layout, gomod with CC_GO_PKG=cmd/main.go', async () => {
    const run = await build(
      'workspace',
      { 'go-version': go },
      { CC_GO_BUILD_TOOL: 'gomod', CC_GO_PKG: 'cmd/main.go' },
    );
    ok(run);
    expect(run.outputs['build-tool']).toBe('gomod');
    expect(run.stdout).toContain('Running: ');
    expect(run.stdout).toMatch(/go install cmd\/main\.go\n/);
    expect(procfile(run)).toBe('web: bin/main\n');
    expect(exec(slugBin(run, 'main'))).toBe('workspace app: hello from checker\n');
  });

  it('workspace layout, Makefile with CC_GO_BINARY=bin/myApp', async () => {
    const run = await build('workspace', { 'go-version': go }, { CC_GO_BINARY: 'bin/myApp' });
    ok(run);
    expect(run.outputs['build-tool']).toBe('makefile');
    expect(run.stdout).toContain(
      'Build tool: makefile (Makefile found, binary (CC_GO_BINARY) set and no go.mod)',
    );
    expect(procfile(run)).toBe('web: bin/myApp\n');
    expect(exec(slugBin(run, 'myApp'))).toBe('workspace app: hello from checker\n');
  });

  it('cmd/... multi-binary module (Heroku: every main package)', async () => {
    const run = await build('cmd-multi', { 'go-version': go, platform: 'heroku' });
    ok(run);
    expect(procfile(run)).toBe('clock: bin/clock\nmigrate: bin/migrate\nweb: bin/web\n');
    for (const n of ['clock', 'migrate', 'web']) expect(existsSync(slugBin(run, n))).toBe(true);
    expect(run.outputs.binary).toBe(slugBin(run, 'web'));
  });

  it('a /v2 module installs the binary under the name Go gives it', async () => {
    const run = await build('v2-module', { 'go-version': go });
    ok(run);
    expect(JSON.parse(run.outputs.binaries!)).toEqual([slugBin(run, 'tool')]);
    expect(procfile(run)).toBe('web: bin/tool\n');
  });

  it('a vendored module builds with -mod=vendor and no network', async () => {
    const run = await build('vendored', { 'go-version': go });
    ok(run);
    expect(run.stdout).toMatch(/go install -mod=vendor example\.com\/vendored/);
  });

  it('a main.go-only app builds with gobuild in GOPATH mode', async () => {
    const run = await build('main-go-only', { 'go-version': go });
    ok(run);
    expect(run.outputs['build-tool']).toBe('gobuild');
    expect(run.stdout).toContain('no go.mod: gobuild of main.go');
    expect(procfile(run)).toBe('web: bin/main\n');
    expect(existsSync(slugBin(run, 'main'))).toBe(true);
  });

  it('a linker symbol with spaces reaches the binary', async () => {
    const run = await build(
      'linker',
      { 'go-version': go, 'linker-symbol': 'main.version' },
      { GO_LINKER_VALUE: 'v1.2 beta' },
    );
    ok(run);
    // Logged shell-quoted, so that the line can be pasted into a shell.
    expect(run.stdout).toContain(`'-ldflags=-X '\\''main.version=v1.2 beta'\\'''`);
    expect(exec(slugBin(run, 'linker'))).toBe('version: v1.2 beta\n');
  });

  it('the linker value defaults to SOURCE_VERSION, then GITHUB_SHA', async () => {
    const a = await build(
      'linker',
      { 'go-version': go },
      { GO_LINKER_SYMBOL: 'main.version', SOURCE_VERSION: 'abc123' },
    );
    ok(a);
    expect(exec(slugBin(a, 'linker'))).toBe('version: abc123\n');
    const b = await build('linker', { 'go-version': go }, { GO_LINKER_SYMBOL: 'main.version' });
    ok(b);
    expect(exec(slugBin(b, 'linker'))).toBe('version: 0123456789abcdef0123456789abcdef01234567\n');
  });

  it('a cgo app finds its headers through ${build_dir}', async () => {
    const run = await build('cgo', { 'go-version': go }, { CGO_CFLAGS: '-I${build_dir}/include' });
    ok(run);
    expect(exec(slugBin(run, 'cgoapp'))).toMatch(/^cgo answer: \d+\n$/);
  });
});

describe('build methods (one Go version)', () => {
  it('troubleshoot adds -x -race', async () => {
    const run = await build('race', { 'go-version': '1.24' }, { CC_TROUBLESHOOT: 'true' });
    ok(run);
    expect(run.stdout).toMatch(/Running: \S+ install -x -race example\.com\/race/);
    expect(run.stderr).toContain('WORK=');
  });

  it('a Godeps.json app builds in GOPATH mode with its GoVersion', async () => {
    const run = await build('godeps');
    ok(run);
    expect(run.outputs['build-tool']).toBe('godep');
    expect(run.outputs['go-version-source']).toBe('Godeps.json');
    expect(run.outputs['go-version']).toMatch(/^1\.19\./);
    expect(run.stdout).toContain(
      '::warning::This app uses godep (Godeps/Godeps.json), which is deprecated',
    );
    expect(run.stdout).toMatch(
      /Placed the app at \S+\/go_home\/src\/github\.com\/example\/godepsapp\n/,
    );
    expect(procfile(run)).toBe('web: bin/godepsapp\n');
  });

  it('a broken Godeps.json fails before any download, with the position', async () => {
    server.resetLog();
    const run = await build('godeps-broken', { 'go-version': '1.24' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Bad Godeps\/Godeps\.json file: line 3, column \d+: /);
    expect(server.requests).toEqual([]);
  });

  it('a Godeps.json without ImportPath fails naming the field', async () => {
    const run = await build('godeps-no-importpath', { 'go-version': '1.24' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::The 'ImportPath' field is not specified in 'Godeps/Godeps.json'",
    );
  });

  it('a govendor app builds its heroku.install packages', async () => {
    const run = await build('govendor');
    ok(run);
    expect(run.outputs['build-tool']).toBe('govendor');
    expect(run.outputs['go-version-source']).toBe('vendor.json');
    expect(procfile(run)).toBe('web: bin/govendorapp\n');
  });

  it('a gb project builds its src/ tree', async () => {
    const run = await build('gb', { 'go-version': '1.19' });
    ok(run);
    expect(run.outputs['build-tool']).toBe('gb');
    expect(procfile(run)).toBe('web: bin/gbapp\n');
  });

  it('goget builds in GOPATH mode with a deprecation warning', async () => {
    const run = await build('goget', {
      'go-version': '1.19',
      'build-tool': 'goget',
      package: 'github.com/example/gogetapp',
    });
    ok(run);
    expect(run.stdout).toContain('::warning::goget is deprecated');
    expect(run.stdout).toMatch(/Running: \S+ get github\.com\/example\/gogetapp/);
    expect(procfile(run)).toBe('web: bin/gogetapp\n');
  });

  it('a Makefile that does not produce the binary fails naming it', async () => {
    const run = await build(
      'makefile-no-binary-output',
      { 'go-version': '1.24' },
      { CC_GO_BINARY: 'bin/server' },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error::binary: make succeeded but did not create "bin/server" (${path.join(run.ws, 'bin', 'server')})`,
    );
  });

  it('runs hooks in order, and a failing hook fails the build with its exit code', async () => {
    const log = path.join(await makeTempDir('hooklog-'), 'log');
    const run = await build(
      'hooks',
      {
        'go-version': '1.24',
        'pre-build-hook': 'scripts/pre.sh',
        'post-build-hook': 'echo post-build-hook >> "$HOOK_LOG"',
      },
      { HOOK_LOG: log },
    );
    ok(run);
    expect(readFileSync(log, 'utf8')).toBe(
      'pre-build-hook\npre-compile\npost-compile\npost-build-hook\n',
    );
    const bad = await build('hooks', { 'go-version': '1.24', 'pre-build-hook': 'exit 7' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::pre-build-hook failed with exit code 7');
  });

  it('// +heroku install builds one package; the Procfile lists every main package', async () => {
    const run = await build('heroku-install', { 'go-version': '1.24', platform: 'heroku' });
    ok(run);
    expect(JSON.parse(run.outputs.packages!)).toEqual(['./cmd/one']);
    expect(existsSync(slugBin(run, 'one'))).toBe(true);
    expect(existsSync(slugBin(run, 'two'))).toBe(false);
    expect(procfile(run)).toBe('one: bin/one\ntwo: bin/two\n');
  });

  it('two main packages with one binary name fail naming both', async () => {
    const run = await build('duplicate-names', { 'go-version': '1.24', platform: 'heroku' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Two main packages build a binary named "httpd": \S+\/a\/cmd\/httpd and \S+\/b\/cmd\/httpd/,
    );
  });

  it('platform heroku adds -v and -tags heroku and uses $HOME/go', async () => {
    const run = await build('cmd-multi', { 'go-version': '1.24', platform: 'heroku' });
    ok(run);
    expect(run.stdout).toMatch(
      /Running: \S+ install -v -tags heroku example\.com\/multi\/cmd\/clock /,
    );
    expect(run.exportedEnv.GOROOT).toBe(run.outputs['go-root']);
    // GOBIN of the heroku GOPATH ($HOME/go/bin) is put on PATH for later steps.
    expect(run.path.filter((p) => p.endsWith('/go/bin'))).toHaveLength(1);
    expect(run.path.some((p) => p.includes('go_home'))).toBe(false);
  });

  it('rundir places a gobuild app under $GOPATH/src/<rundir>', async () => {
    const run = await build(
      'main-go-only',
      { 'go-version': '1.24' },
      { CC_GO_RUNDIR: 'company/project' },
    );
    ok(run);
    expect(run.stdout).toMatch(/Placed the app at \S+\/go_home\/src\/company\/project\n/);
    expect(procfile(run)).toBe('web: bin/main\n');
    expect(run.annotations).toContainEqual({
      level: 'warning',
      properties: '',
      message: RUNDIR_DEPRECATED,
    });
  });

  it('run-command becomes the web process', async () => {
    const run = await build(
      'two-binaries',
      { 'go-version': '1.24' },
      { CC_RUN_COMMAND: './bin/api --port $PORT', CC_GO_PKG: './cmd/...' },
    );
    ok(run);
    expect(procfile(run)).toBe('web: ./bin/api --port $PORT\n');
  });

  it('warns about clevercloud/go.json', async () => {
    const run = await build('clevercloud-json', { 'go-version': '1.24' });
    ok(run);
    expect(run.stdout).toContain('::warning::clevercloud/go.json is deprecated');
  });

  it('cross-compiles and finds the binary where Go put it', async () => {
    const run = await build('two-binaries', {
      'go-version': '1.24',
      goarch: 'arm64',
      package: './cmd/...',
    });
    ok(run);
    const bins = JSON.parse(run.outputs.binaries!) as string[];
    expect(bins.map((b) => path.basename(b))).toEqual(['api', 'worker']);
    expect(readFileSync(bins[0]!).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    // e_machine 0xB7 = AArch64
    expect(readFileSync(bins[0]!)[18]).toBe(0xb7);
  });

  it("GOARCH=arm (Go's name, not go.dev's armv6l) builds a 32-bit ARM binary", async () => {
    const run = await build('tiny', { 'go-version': '1.24' }, { GOARCH: 'arm', GOOS: 'linux' });
    ok(run);
    const bin = readFileSync(JSON.parse(run.outputs.binaries!)[0] as string);
    expect(bin.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(bin[4]).toBe(1); // ELFCLASS32
    expect(bin[18]).toBe(0x28); // EM_ARM
  });

  it('install-tools-in-image ships a Go that runs, and setup-gopath-in-image the sources', async () => {
    const run = await build('tiny', {
      'go-version': '1.22',
      'install-tools-in-image': 'true',
      'setup-gopath-in-image': 'true',
    });
    ok(run);
    const slug = run.outputs['slug-dir']!;
    expect(readFileSync(path.join(slug, '.profile.d', 'goroot.sh'), 'utf8')).toBe(
      'export GOROOT=$HOME/.heroku/go\nPATH=$PATH:$GOROOT/bin\n',
    );
    const v = execFileSync(path.join(slug, '.heroku', 'go', 'bin', 'go'), ['version'], {
      env: { ...process.env, GOROOT: path.join(slug, '.heroku', 'go'), GOTOOLCHAIN: 'local' },
    }).toString();
    expect(v).toContain(`go${run.outputs['go-version']}`);
    expect(readFileSync(path.join(slug, '.profile.d', 'zzgopath.sh'), 'utf8')).toBe(
      'export GOPATH=$HOME\ncd $GOPATH/src/example.com/tiny\n',
    );
    expect(existsSync(path.join(slug, 'src', 'example.com', 'tiny', 'main.go'))).toBe(true);
  });
});
