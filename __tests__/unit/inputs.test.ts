import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkerFlag } from '../../src/compile/flags.js';
import { readInputs } from '../../src/inputs.js';
import { splitWords } from '../../src/shell-words.js';
import type { Runtime } from '../../src/runtime/ports.js';

// A real workspace, made before the tests run: the app directory must exist, and paths are
// compared once symlinks are resolved.
const WS = path.join(fs.realpathSync(os.tmpdir()), `inputs-ws-${process.pid}`);
beforeAll(() => fs.mkdirSync(path.join(WS, 'app'), { recursive: true }));
afterAll(() => fs.rmSync(WS, { recursive: true, force: true }));
const GOARCHES =
  '386, amd64, arm, arm64, loong64, mips, mips64, mips64le, mipsle, ppc64, ppc64le, riscv64, s390x, wasm';

/** What the runtimes made by `rt` were asked to mask, in order. */
const masked: string[] = [];

/** A Runtime that only answers inputs and env (and masks): readInputs needs nothing else. */
function rt(inputs: Record<string, string>, env: Record<string, string> = {}): Runtime {
  return {
    kind: 'actions',
    env,
    input: (n: string) => (inputs[n] ?? '').trim(),
    workspace: WS,
    host: { platform: 'linux', arch: 'x64' },
    mask: (secret: string) => masked.push(secret),
  } as unknown as Runtime;
}

describe('inputs and their env fallbacks', () => {
  it('uses defaults when nothing is set', () => {
    const i = readInputs(rt({}));
    expect(i.appDir).toBe(WS);
    expect(i.platform).toBe('clever-cloud');
    expect(i.buildTool).toBe('auto');
    expect(i.buildTags).toEqual([]);
    expect(i.cache).toBe('true');
    expect(i.upload).toBe(true);
    expect(i.goDownload).toEqual({ url: 'https://go.dev/dl' });
    expect(i.secrets).toEqual([]);
  });

  it('falls back to the documented variables, and the input wins over them', () => {
    const env = {
      CC_GO_BUILD_TOOL: 'gomod',
      APP_FOLDER: 'app',
      GOVERSION: '1.22',
      CC_GO_PKG: './cmd/x',
      GOPROXY: 'off',
    };
    const i = readInputs(rt({}, env));
    expect(i.buildTool).toBe('gomod');
    expect(i.appDir).toBe(path.join(WS, 'app'));
    expect(i.goVersion).toEqual({ value: '1.22', from: 'GOVERSION' });
    expect(i.package).toBe('./cmd/x');
    expect(i.goEnv).toEqual({ GOPROXY: 'off' });
    const j = readInputs(
      rt({ 'build-tool': 'gobuild', 'go-version': '1.24', goproxy: 'direct' }, env),
    );
    expect(j.buildTool).toBe('gobuild');
    expect(j.goVersion).toEqual({ value: '1.24', from: 'input' });
    expect(j.goEnv).toEqual({ GOPROXY: 'direct' });
  });

  it('applies the platform defaults for build tags', () => {
    expect(readInputs(rt({ platform: 'heroku' })).buildTags).toEqual(['heroku']);
    expect(readInputs(rt({ platform: 'heroku', 'build-tags': 'a, b' })).buildTags).toEqual([
      'a',
      'b',
    ]);
  });

  it('takes the linker value from SOURCE_VERSION, then GITHUB_SHA', () => {
    expect(readInputs(rt({}, { SOURCE_VERSION: 'v1', GITHUB_SHA: 'abc' })).linkerValue).toBe('v1');
    expect(readInputs(rt({}, { GITHUB_SHA: 'abc' })).linkerValue).toBe('abc');
  });

  it('replaces ${build_dir} in cgo flags with the app directory', () => {
    const i = readInputs(
      rt({ 'cgo-cflags': '-I${build_dir}/include' }, { CGO_LDFLAGS: '-L${build_dir}/lib' }),
    );
    expect(i.cgoEnv).toEqual({ CGO_CFLAGS: `-I${WS}/include`, CGO_LDFLAGS: `-L${WS}/lib` });
  });

  it('accepts node, go and go.dev architecture names, and keeps GOARCH names for goarch', () => {
    expect(readInputs(rt({ architecture: 'x64' })).architecture).toBe('amd64');
    expect(readInputs(rt({ architecture: 'arm64' })).architecture).toBe('arm64');
    expect(readInputs(rt({ architecture: 'armv6l' })).architecture).toBe('arm');
    // 32-bit ARM is GOARCH=arm; go.dev's archive name armv6l is not a GOARCH.
    const arm = readInputs(rt({}, { GOARCH: 'arm', GOOS: 'linux' }));
    expect(arm.goarch).toBe('arm');
    expect(arm.goos).toBe('linux');
  });

  it('takes credentials out of go-download-base-url: sent as a header, masked, never in the URL', () => {
    const i = readInputs(rt({ 'go-download-base-url': 'https://ci:s3cr%40t@mirror.example/go/' }));
    expect(i.goDownload.url).toBe('https://mirror.example/go');
    expect(i.goDownload.authorization).toBe(`Basic ${Buffer.from('ci:s3cr@t').toString('base64')}`);
    expect(i.secrets).toEqual(
      expect.arrayContaining(['s3cr%40t', 's3cr@t', Buffer.from('ci:s3cr@t').toString('base64')]),
    );
    expect(i.secrets).not.toContain('ci');
    const token = readInputs(rt({}, { GO_DOWNLOAD_BASE_URL: 'https://tok3n@mirror.example' }));
    expect(token.secrets).toContain('tok3n');
    const proxy = readInputs(rt({ goproxy: 'https://u:pr0xy@proxy.example,direct' }));
    expect(proxy.secrets).toContain('pr0xy');
    expect(proxy.goEnv.GOPROXY).toBe('https://u:pr0xy@proxy.example,direct');
  });

  it.each([
    [
      { 'build-tool': 'gomodd' },
      {},
      'build-tool: "gomodd" is not valid; use auto, gomod, gobuild, makefile or goget',
    ],
    [
      {},
      { CC_GO_BUILD_TOOL: 'make' },
      'build-tool (from CC_GO_BUILD_TOOL): "make" is not valid; use auto, gomod, gobuild, makefile or goget',
    ],
    [{ platform: 'scalingo' }, {}, 'platform: "scalingo" is not valid; use clever-cloud or heroku'],
    [
      { troubleshoot: 'maybe' },
      {},
      'troubleshoot: "maybe" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [
      {},
      { CC_TROUBLESHOOT: 'on' },
      'troubleshoot (from CC_TROUBLESHOOT): "on" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [{ cache: 'yes' }, {}, 'cache: "yes" is not valid; use true, false or read-only'],
    [{ 'artifact-format': 'tar' }, {}, 'artifact-format: "tar" is not valid; use tgz or zip'],
    [
      { 'working-directory': '../other' },
      {},
      `working-directory: "../other" is outside the workspace (${WS}); use a path inside it`,
    ],
    [
      {},
      { APP_FOLDER: '/etc' },
      `working-directory (from APP_FOLDER): "/etc" is outside the workspace (${WS}); use a path inside it`,
    ],
    [
      { 'build-tool': 'makefile' },
      {},
      'binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds',
    ],
    [
      { 'run-command': 'a\nb' },
      {},
      'run-command: "a\\nb" is not valid; the run command must be one line',
    ],
    [
      { architecture: 'sparc' },
      {},
      'architecture: "sparc" is not an architecture go.dev publishes Go for; use amd64, arm64, 386, arm, loong64, mips, mips64, mips64le, mipsle, ppc64, ppc64le, riscv64, s390x (or x64)',
    ],
    [
      { 'retention-days': '0' },
      {},
      'retention-days: "0" is not valid; use a whole number of days from 1 to 90',
    ],
    [
      { 'go-download-base-url': 'ftp://x' },
      {},
      'go-download-base-url: "ftp://x" is not a URL; use https://host/path',
    ],
    [
      { 'build-flags': '-ldflags "-s' },
      {},
      'build-flags: "-ldflags \\"-s" has an unclosed " quote; close it or escape it with \\',
    ],
    [
      { 'linker-symbol': 'main.v', 'linker-value': `it's "x"` },
      {},
      `linker-value: "it's \\"x\\"" is not usable; a linker value cannot hold both quote kinds`,
    ],
    [
      { 'install-tools-in-image': 'y' },
      {},
      'install-tools-in-image: "y" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [
      {},
      { GO_INSTALL_TOOLS_IN_IMAGE: 'enabled' },
      'install-tools-in-image (from GO_INSTALL_TOOLS_IN_IMAGE): "enabled" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [
      { 'setup-gopath-in-image': 'y' },
      {},
      'setup-gopath-in-image: "y" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [
      {},
      { GO_SETUP_GOPATH_IN_IMAGE: 'enabled' },
      'setup-gopath-in-image (from GO_SETUP_GOPATH_IN_IMAGE): "enabled" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [
      { 'check-latest': 'TRUEish' },
      {},
      'check-latest: "TRUEish" is a boolean; use true, false, 1, 0, yes or no',
    ],
    [{ upload: 'TRUEish' }, {}, 'upload: "TRUEish" is a boolean; use true, false, 1, 0, yes or no'],
    [
      { 'build-tool': 'GOMOD' },
      {},
      'build-tool: "GOMOD" is not valid; use auto, gomod, gobuild, makefile or goget',
    ],
    [
      { 'build-tool': 'godep' },
      {},
      'build-tool: "godep" is not valid; use auto, gomod, gobuild, makefile or goget',
    ],
    [{ platform: 'Heroku' }, {}, 'platform: "Heroku" is not valid; use clever-cloud or heroku'],
    [{ cache: 'readonly' }, {}, 'cache: "readonly" is not valid; use true, false or read-only'],
    [{ 'artifact-format': 'tar.gz' }, {}, 'artifact-format: "tar.gz" is not valid; use tgz or zip'],
    [
      { 'retention-days': '91' },
      {},
      'retention-days: "91" is not valid; use a whole number of days from 1 to 90',
    ],
    [
      { 'retention-days': '1.5' },
      {},
      'retention-days: "1.5" is not valid; use a whole number of days from 1 to 90',
    ],
    [
      { 'retention-days': 'week' },
      {},
      'retention-days: "week" is not valid; use a whole number of days from 1 to 90',
    ],
    [
      { 'artifact-name': 'app/linux' },
      {},
      'artifact-name: "app/linux" is not a valid artifact name; it cannot contain \\ / " : < > | * ? or a control character',
    ],
    [
      { 'artifact-name': 'a:b' },
      {},
      'artifact-name: "a:b" is not a valid artifact name; it cannot contain \\ / " : < > | * ? or a control character',
    ],
    [{ goarch: 'x86_64' }, {}, `goarch: "x86_64" is not a GOARCH; use one of ${GOARCHES}`],
    [
      {},
      { GOARCH: 'sparc' },
      `goarch (from GOARCH): "sparc" is not a GOARCH; use one of ${GOARCHES}`,
    ],
    [
      { 'go-version-file': '../go.mod' },
      {},
      `go-version-file: "../go.mod" is outside the workspace (${WS}); use a path inside it`,
    ],
    [
      { binary: '../../bin/x' },
      { CC_GO_BUILD_TOOL: 'makefile' },
      `binary: "../../bin/x" is outside the app directory (${WS}); use a path inside it`,
    ],
    [
      {},
      { CC_GO_BUILD_TOOL: 'makefile' },
      'binary: is required with build-tool makefile; set it (or CC_GO_BINARY) to the path, relative to the app, of the binary that make builds',
    ],
    [
      {},
      { CC_RUN_COMMAND: './bin/a\r\n./bin/b' },
      'run-command (from CC_RUN_COMMAND): "./bin/a\\r\\n./bin/b" is not valid; the run command must be one line',
    ],
    [
      { 'go-download-base-url': 'go.dev/dl' },
      {},
      'go-download-base-url: "go.dev/dl" is not a URL; use https://host/path',
    ],
    [
      {},
      { GO_DOWNLOAD_BASE_URL: 'file:///srv/go' },
      'go-download-base-url (from GO_DOWNLOAD_BASE_URL): "file:///srv/go" is not a URL; use https://host/path',
    ],
    [
      { 'build-flags': "-ldflags '-s" },
      {},
      `build-flags: "-ldflags '-s" has an unclosed ' quote; close it or escape it with \\`,
    ],
    [
      { 'linker-symbol': 'main version', 'linker-value': 'v' },
      {},
      'linker-symbol: "main version" is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit',
    ],
    [
      { 'working-directory': '/' },
      {},
      `working-directory: "/" is outside the workspace (${WS}); use a path inside it`,
    ],
    [
      { 'go-download-base-url': 'https://ci:%zz@mirror.example/go' },
      {},
      'go-download-base-url: "https://***@mirror.example/go" is not a URL (bad %-escape in its credentials); use https://user:token@host/path',
    ],
    [
      { 'retention-days': '0x1E' },
      {},
      'retention-days: "0x1E" is not valid; use a whole number of days from 1 to 90',
    ],
    [
      { 'cache-key-suffix': 'a,b' },
      {},
      'cache-key-suffix: "a,b" is not usable in a cache key; it cannot hold a comma or a control character',
    ],
    [
      { goos: 'windows', goarch: 's390x' },
      {},
      `goos/goarch: "windows/s390x" is not a target Go builds for; use a pair that 'go tool dist list' prints`,
    ],
  ])('rejects %j %j with one line', (inputs, env, message) => {
    expect(() => readInputs(rt(inputs, env))).toThrow(message);
    try {
      readInputs(rt(inputs, env));
    } catch (err) {
      expect((err as Error).message).toBe(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});

describe('credentials are masked as they are read, before any refusal', () => {
  const refusedAfterMasking = (inputs: Record<string, string>, env: Record<string, string>) => {
    masked.length = 0;
    let message = '';
    try {
      readInputs(rt(inputs, env));
    } catch (err) {
      message = (err as Error).message;
    }
    return { message, masked: [...masked] };
  };

  it.each([
    ['a schemeless goproxy entry and a comma', { goproxy: 'user:s3cret@bad host,direct' }, {}],
    ['a goproxy URL and a comma', { goproxy: 'https://u:s3cret@bad host,direct' }, {}],
    ['a pipe', { goproxy: 'https://a.example|http://u:s3cret@[bad,off' }, {}],
    ['GOPROXY from the job', {}, { GOPROXY: 'ci:s3cret@bad host,direct' }],
    ['a GOSUMDB URL', {}, { GOSUMDB: 'sum.golang.org https://u:s3cret@bad host x' }],
    [
      'a broken go-download-base-url',
      { 'go-download-base-url': 'https://u:s3cret@bad host/go' },
      {},
    ],
  ])('%s: the secret is masked and the refusal does not hold it', (_what, inputs, env) => {
    const run = refusedAfterMasking(
      { 'go-toolchain-source': 'proxy', ...inputs },
      env as Record<string, string>,
    );
    expect(run.message).not.toBe('');
    expect(run.message).not.toContain('s3cret');
    expect(run.masked).toContain('s3cret');
  });

  it('masks credentials of the proxy variables and of a lone token, and not a user name', () => {
    const run = refusedAfterMasking(
      { 'build-tool': 'nope' },
      {
        https_proxy: 'http://me:pr0xy-pass@proxy.corp:3128',
        GOSUMDB: 'x https://t0ken@db.example',
      },
    );
    expect(run.message).toMatch(/^build-tool: "nope"/);
    expect(run.masked).toEqual(expect.arrayContaining(['pr0xy-pass', 't0ken']));
    expect(run.masked).not.toContain('me');
  });
});

describe('build-flags word splitting (quotes honoured, nothing expanded)', () => {
  it.each([
    ['-trimpath -v', ['-trimpath', '-v']],
    [`-ldflags '-s -w'`, ['-ldflags', '-s -w']],
    [`-ldflags="-X main.v=a b"`, ['-ldflags=-X main.v=a b']],
    ['-tags $HOME *', ['-tags', '$HOME', '*']],
    [`a\\ b "c\\"d" ''`, ['a b', 'c"d', '']],
    ['  ', []],
  ])('%j', (text, words) => {
    expect(splitWords(text, 'build-flags')).toEqual(words);
  });
});

describe('the -X linker flag is one argument that survives spaces', () => {
  it('quotes with single quotes, or double quotes when the value has a single quote', () => {
    expect(linkerFlag('main.version', 'v1 beta')).toBe(`-ldflags=-X 'main.version=v1 beta'`);
    expect(linkerFlag('main.who', "it's")).toBe(`-ldflags=-X "main.who=it's"`);
  });
  it('is absent without a symbol or a value', () => {
    expect(linkerFlag(undefined, 'v')).toBeUndefined();
    expect(linkerFlag('main.v', '')).toBeUndefined();
  });
});
