// The hostile-input suite (SPEC §9): inputs, env variables and app files as an attacker or a
// careless user would write them, run through the bundled action. A refusal must be one line
// naming the input (or the file and field), the value made inert and the accepted form, before any
// request to the release server; a case that runs to the end must leave the victim folder beside
// the workspace exactly as it was.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { extractedGoroot, goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { workflowCommands } from '../../test/support/workflow-commands.js';
import { runEnv } from './helpers.js';
import {
  SECRET,
  expectNoForgedCommands,
  filesUnder,
  sandbox,
  snapshot,
  type Sandbox,
  type SandboxSpec,
} from './hostile-support.js';

let server: ReleaseServer;
// A cache service, as on a real runner: with it the files that key the module cache are read
// in Resolve, so their hostile forms are refused there too.
let results: ResultsServer;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  results = await startResultsServer();
});
afterAll(async () => {
  await server.close();
  await results.close();
  await cleanupTempDirs();
});

const GOOS =
  'aix, android, darwin, dragonfly, freebsd, illumos, ios, js, linux, netbsd, openbsd, plan9, solaris, wasip1, windows';
const GOARCH =
  '386, amd64, arm, arm64, loong64, mips, mips64, mips64le, mipsle, ppc64, ppc64le, riscv64, s390x, wasm';
const IMPORT_PATH = 'use a path such as github.com/acme/app';
const PACKAGES = 'use import paths, ./relative packages or .go files (flags belong in build-flags)';
const GO_VERSION = 'use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable';
const HEALTH_PATH =
  'use a path such as /health (it starts with /, at most 2048 characters, no space or control character)';
const GLIBC =
  'use a stack (heroku-18, ubuntu-18.04, bionic, heroku-20, ubuntu-20.04, focal, heroku-22, ubuntu-22.04, jammy, heroku-24, ubuntu-24.04, noble, debian-10, buster, debian-11, bullseye, debian-12, bookworm, debian-13, trixie) or a glibc version such as 2.31';
const OUTSIDE_APP = (s: Sandbox) => `leads outside the app directory (${s.ws}) through a symlink`;

interface Refusal extends SandboxSpec {
  name: string;
  /** The case is about where the version comes from: no go-version input over it. */
  versionSource?: boolean;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** The one error line, exactly. */
  message: string | ((s: Sandbox) => string);
  /** Credentials the step masks (`::add-mask::`) before it refuses; none by default. */
  masks?: string[];
}

const HEROKU_APP =
  "not a Heroku app; use the app's name (3 to 30 lowercase letters, digits and dashes, starting with a letter) or its id";

const REFUSALS: Refusal[] = [
  // ---- Leaving its place: paths from inputs and app files stay inside their root.
  {
    name: 'rundir climbing out of $GOPATH/src onto the victim',
    app: 'main-go-only',
    inputs: { rundir: '../../../victim' },
    message: `rundir: "../../../victim" is not an import path (it has a ".." element); ${IMPORT_PATH}`,
  },
  {
    name: 'rundir as an absolute path',
    app: 'main-go-only',
    inputs: { rundir: '/tmp/victim' },
    message: `rundir: "/tmp/victim" is not an import path (it is absolute); ${IMPORT_PATH}`,
  },
  {
    name: 'CC_GO_RUNDIR ..',
    app: 'main-go-only',
    env: { CC_GO_RUNDIR: '..' },
    message: `rundir (from CC_GO_RUNDIR): ".." is not an import path (it has a ".." element); ${IMPORT_PATH}`,
  },
  {
    name: 'rundir with an empty element',
    app: 'main-go-only',
    inputs: { rundir: 'github.com//x' },
    message: `rundir: "github.com//x" is not an import path (it has an empty element); ${IMPORT_PATH}`,
  },
  {
    name: 'Godeps.json ImportPath climbing out (no input at all)',
    app: 'godeps',
    files: { 'Godeps/Godeps.json': '{"ImportPath": "../../../victim", "Packages": ["."]}' },
    message: `Godeps/Godeps.json ImportPath: "../../../victim" is not an import path (it has a ".." element); ${IMPORT_PATH}`,
  },
  {
    name: 'vendor.json rootPath absolute',
    app: 'govendor',
    files: { 'vendor/vendor.json': '{"rootPath": "/etc", "heroku": {"install": ["./cmd/..."]}}' },
    message: `vendor/vendor.json rootPath: "/etc" is not an import path (it is absolute); ${IMPORT_PATH}`,
  },
  {
    name: 'gobuild go.mod module line climbing out',
    app: 'main-go-only',
    files: { 'go.mod': 'module ../../../victim\n' },
    inputs: { 'build-tool': 'gobuild' },
    message: `go.mod module: "../../../victim" is not an import path (it has a ".." element); ${IMPORT_PATH}`,
  },
  {
    name: 'goget package climbing out',
    app: 'goget',
    inputs: { 'build-tool': 'goget', package: '../../../victim' },
    message: `package: "../../../victim" is not an import path (it has a ".." element); ${IMPORT_PATH}`,
  },
  {
    name: 'artifact-name ..',
    inputs: { 'artifact-name': '..' },
    message: 'artifact-name: ".." is not a valid artifact name; use letters, digits, dots, dashes',
  },
  {
    name: 'artifact-name .',
    inputs: { 'artifact-name': '.' },
    message: 'artifact-name: "." is not a valid artifact name; use letters, digits, dots, dashes',
  },
  {
    name: 'goos that would climb out through the default artifact name',
    inputs: { goos: '/../../x/y' },
    message: `goos: "/../../x/y" is not a GOOS; use one of ${GOOS}`,
  },
  {
    name: 'GOOS from env climbing out',
    env: { GOOS: '../..' },
    message: `goos (from GOOS): "../.." is not a GOOS; use one of ${GOOS}`,
  },
  {
    name: 'goarch with a path',
    inputs: { goarch: '../x' },
    message: `goarch: "../x" is not a GOARCH; use one of ${GOARCH}`,
  },
  {
    name: 'working-directory outside the workspace',
    inputs: { 'working-directory': '../victim' },
    message: (s) =>
      `working-directory: "../victim" is outside the workspace (${s.ws}); use a path inside it`,
  },
  {
    name: 'working-directory through a symlink to the victim',
    links: { app: '{victim}' },
    inputs: { 'working-directory': 'app' },
    message: (s) =>
      `working-directory: "app" leads outside the workspace (${s.ws}) through a symlink, to "${s.victim}"; use a path inside it`,
  },
  {
    name: 'APP_FOLDER /',
    env: { APP_FOLDER: '/' },
    message: (s) =>
      `working-directory (from APP_FOLDER): "/" is outside the workspace (${s.ws}); use a path inside it`,
  },
  {
    name: 'go-version-file outside the workspace',
    inputs: { 'go-version-file': '../victim/secret.txt' },
    message: (s) =>
      `go-version-file: "../victim/secret.txt" is outside the workspace (${s.ws}); use a path inside it`,
  },
  {
    name: 'go-version-file symlinked to a secret (its first line must not reach the log)',
    links: { '.go-version-ci': '{victim}/secret.txt' },
    inputs: { 'go-version-file': '.go-version-ci' },
    message: (s) =>
      `go-version-file: ".go-version-ci" leads outside the workspace (${s.ws}) through a symlink, to "${s.victim}/secret.txt"; use a path inside it`,
  },
  {
    name: 'go.mod symlinked to a secret',
    app: 'main-go-only',
    links: { 'go.mod': '{victim}/secret.txt' },
    message: (s) =>
      `go.mod: "go.mod" ${OUTSIDE_APP(s)}, to "${s.victim}/secret.txt"; replace the symlink with the file itself`,
  },
  {
    name: '.go-version symlinked to a secret',
    app: 'main-go-only',
    links: { '.go-version': '{victim}/secret.txt' },
    message: (s) =>
      `.go-version: ".go-version" ${OUTSIDE_APP(s)}, to "${s.victim}/secret.txt"; replace the symlink with the file itself`,
  },
  {
    name: 'Godeps.json symlinked to a secret',
    app: 'main-go-only',
    links: { 'Godeps/Godeps.json': '{victim}/secret.txt' },
    message: (s) =>
      `Godeps/Godeps.json: "Godeps/Godeps.json" ${OUTSIDE_APP(s)}, to "${s.victim}/secret.txt"; replace the symlink with the file itself`,
  },
  {
    name: 'Procfile symlinked to a secret',
    links: { Procfile: '{victim}/secret.txt' },
    message: (s) =>
      `Procfile: "Procfile" ${OUTSIDE_APP(s)}, to "${s.victim}/secret.txt"; replace the symlink with the file itself`,
  },
  {
    name: 'a dangling symlink that would write into the victim',
    links: { Procfile: '{victim}/new-file' },
    message: (s) =>
      `Procfile: "Procfile" ${OUTSIDE_APP(s)}, to "${s.victim}/new-file"; replace the symlink with the file itself`,
  },
  {
    name: 'makefile binary outside the app',
    app: 'makefile',
    inputs: { binary: '../../x' },
    message: (s) =>
      `binary: "../../x" is outside the app directory (${s.ws}); use a path inside it`,
  },
  {
    name: 'makefile binary absolute, on the victim',
    app: 'makefile',
    inputs: { binary: '/usr/bin/env' },
    message: (s) =>
      `binary: "/usr/bin/env" is outside the app directory (${s.ws}); use a path inside it`,
  },
  {
    name: 'makefile binary committed as a symlink to a file outside',
    app: 'makefile',
    links: { 'bin/server': '{victim}/script' },
    env: { CC_GO_BINARY: 'bin/server' },
    message: (s) =>
      `binary (from CC_GO_BINARY): "bin/server" ${OUTSIDE_APP(s)}, to "${s.victim}/script"; use a path inside it`,
  },
  {
    name: 'bin/go-pre-compile symlinked outside (chmod +x would hit the victim)',
    links: { 'bin/go-pre-compile': '{victim}/script' },
    message: (s) =>
      `bin/go-pre-compile: "bin/go-pre-compile" ${OUTSIDE_APP(s)}, to "${s.victim}/script"; make the hook a file of the app`,
  },
  {
    name: 'bin/go-post-compile symlinked outside',
    links: { 'bin/go-post-compile': '../../victim/script' },
    message: (s) =>
      `bin/go-post-compile: "bin/go-post-compile" ${OUTSIDE_APP(s)}, to "${s.victim}/script"; make the hook a file of the app`,
  },
  {
    name: 'cache-dependency-path outside the workspace',
    inputs: { 'cache-dependency-path': '../victim/*' },
    message: (s) =>
      `cache-dependency-path: "../victim/*" is outside the workspace (${s.ws}); use a glob relative to the workspace, inside it`,
  },
  {
    name: 'cache-dependency-path absolute',
    inputs: { 'cache-dependency-path': 'go.sum\n/etc/passwd' },
    message: (s) =>
      `cache-dependency-path: "/etc/passwd" is outside the workspace (${s.ws}); use a glob relative to the workspace, inside it`,
  },
  {
    name: 'cache-dependency-path negated pattern outside',
    inputs: { 'cache-dependency-path': 'go.sum\n!../x/go.sum' },
    message: (s) =>
      `cache-dependency-path: "../x/go.sum" is outside the workspace (${s.ws}); use a glob relative to the workspace, inside it`,
  },
  {
    name: 'go.sum symlinked to a secret',
    links: { 'go.sum': '{victim}/secret.txt' },
    message: (s) =>
      `go.sum: "go.sum" ${OUTSIDE_APP(s)}, to "${s.victim}/secret.txt"; the files that key the module cache must be inside it`,
  },
  {
    name: 'a cache-dependency-path match symlinked outside',
    links: { 'deps/a.sum': '{victim}/secret.txt' },
    inputs: { 'cache-dependency-path': 'deps/*.sum' },
    message: (s) =>
      `cache-dependency-path match deps/a.sum: "deps/a.sum" leads outside the workspace (${s.ws}) through a symlink, to "${s.victim}/secret.txt"; the files that key the module cache must be inside it`,
  },

  {
    name: 'a package file outside the app',
    app: 'main-go-only',
    inputs: { package: '../victim/x.go' },
    message: (s) =>
      `package: "../victim/x.go" is outside the app directory (${s.ws}); use a package inside the app`,
  },
  {
    name: 'install-package-spec climbing out',
    inputs: { 'install-package-spec': './... ../../victim' },
    message: (s) =>
      `install-package-spec: "../../victim" is outside the app directory (${s.ws}); use a package inside the app`,
  },
  {
    name: 'go.mod // +heroku install through a symlinked directory',
    app: 'heroku-install',
    links: { vendored: '{victim}' },
    files: { 'go.mod': 'module example.com/hi\n\ngo 1.22\n\n// +heroku install ./vendored/...\n' },
    inputs: { platform: 'heroku' },
    message: (s) =>
      `go.mod // +heroku install: "./vendored/..." leads outside the app directory (${s.ws}) through a symlink, to "${s.victim}/..."; use a package inside the app`,
  },
  {
    name: 'Godeps.json Packages absolute',
    app: 'godeps',
    files: {
      'Godeps/Godeps.json': '{"ImportPath": "github.com/example/godepsapp", "Packages": ["/etc"]}',
    },
    message: (s) =>
      `Godeps/Godeps.json Packages: "/etc" is outside the app directory (${s.ws}); use a package inside the app`,
  },
  {
    name: 'go-version-file naming a directory',
    versionSource: true,
    dirs: ['ci'],
    inputs: { 'go-version-file': 'ci' },
    message:
      'go-version-file: "ci" is not a file of the workspace; use the path of a go.mod, go.work, .go-version or .tool-versions',
  },

  {
    name: 'bin/ a symlink to the victim (the binaries would be written there)',
    links: { bin: '{victim}' },
    message:
      "bin: is a symlink; the slug's bin/ holds the binaries and must be a directory of the app",
  },
  {
    name: '.profile.d a symlink to the victim (the profile scripts would be written there)',
    links: { '.profile.d': '{victim}/sub' },
    message:
      ".profile.d: is a symlink; the slug's .profile.d/ holds the scripts a dyno sources and must be a directory of the app",
  },

  // ---- Becoming a flag: no word from an input or an app file reaches argv as a flag.
  {
    name: 'package -toolexec',
    inputs: { package: '-toolexec=/tmp/victim/script' },
    message: `package: "-toolexec=/tmp/victim/script" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'CC_GO_PKG with -o writing outside',
    app: 'main-go-only',
    env: { CC_GO_PKG: '-o=/tmp/x main.go' },
    message: `package (from CC_GO_PKG): "-o=/tmp/x" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'install-package-spec with a flag after a package',
    inputs: { 'install-package-spec': './cmd/... -toolexec=x' },
    message: `install-package-spec: "-toolexec=x" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'GO_INSTALL_PACKAGE_SPEC -a',
    env: { GO_INSTALL_PACKAGE_SPEC: '-a' },
    message: `install-package-spec (from GO_INSTALL_PACKAGE_SPEC): "-a" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'go.mod // +heroku install -toolexec (a pull request can add it)',
    app: 'heroku-install',
    files: {
      'go.mod':
        'module example.com/hi\n\ngo 1.22\n\n// +heroku install -toolexec={victim}/script\n',
    },
    inputs: { platform: 'heroku' },
    message: (s) =>
      `go.mod // +heroku install: "-toolexec=${s.victim}/script" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'Godeps.json Packages with a flag',
    app: 'godeps',
    files: {
      'Godeps/Godeps.json':
        '{"ImportPath": "github.com/example/godepsapp", "Packages": ["-toolexec=x"]}',
    },
    message: `Godeps/Godeps.json Packages: "-toolexec=x" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'vendor.json heroku.install with a flag',
    app: 'govendor',
    files: {
      'vendor/vendor.json':
        '{"rootPath": "github.com/example/govendorapp", "heroku": {"install": ["./cmd/...", "-x"]}}',
    },
    message: `vendor/vendor.json heroku.install: "-x" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'gb src/ directory named like a flag',
    app: 'gb',
    files: { 'src/-toolexec=x/main.go': 'package main\n\nfunc main() {}\n' },
    message:
      'src/-toolexec=x: "-toolexec=x" starts with "-", so it would be read as a flag; rename the directory',
  },
  {
    name: 'makefile binary shaped like a flag',
    app: 'makefile',
    inputs: { binary: '-x' },
    message:
      'binary: "-x" starts with "-", so it would be read as a flag; use the path, relative to the app, of the binary',
  },
  {
    name: 'linker symbol smuggling a quote and -o',
    inputs: { 'linker-symbol': "main.v='-o=/tmp/x" },
    message: `linker-symbol: "main.v='-o=/tmp/x" is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit`,
  },
  {
    name: 'linker symbol shaped like a flag',
    inputs: { 'linker-symbol': '-o=/tmp/x.y' },
    message: `linker-symbol: "-o=/tmp/x.y" is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit`,
  },
  {
    name: 'GO_LINKER_SYMBOL with a space',
    env: { GO_LINKER_SYMBOL: 'main.v -X' },
    message: `linker-symbol (from GO_LINKER_SYMBOL): "main.v -X" is not a Go symbol; use importpath.Name, such as main.version or github.com/acme/app/version.Commit`,
  },
  {
    name: 'build tag shaped like a flag',
    inputs: { 'build-tags': '-toolexec=x' },
    message:
      'build-tags: "-toolexec=x" is not a build tag; use comma-separated tags of letters, digits, _ and .',
  },
  {
    name: 'build tag with a space',
    inputs: { 'build-tags': 'a,b c' },
    message:
      'build-tags: "b c" is not a build tag; use comma-separated tags of letters, digits, _ and .',
  },
  {
    name: 'goget package shaped like a flag',
    app: 'goget',
    inputs: { 'build-tool': 'goget', package: '-toolexec=x' },
    message: `package: "-toolexec=x" starts with "-", so it would be read as a flag; ${PACKAGES}`,
  },
  {
    name: 'rundir shaped like a flag',
    app: 'main-go-only',
    inputs: { rundir: '-x' },
    message: `rundir: "-x" is not an import path (it starts with "-"); ${IMPORT_PATH}`,
  },

  // ---- Forging the log: a value with a line break or a command marker is refused, or inert.
  {
    name: 'linker-value with a newline and ::error::',
    inputs: { 'linker-symbol': 'main.v', 'linker-value': 'v1\n::error::forged' },
    message:
      'linker-value: "v1\\n:\\u003aerror:\\u003aforged" is not usable; a linker value must be one line',
  },
  {
    name: 'GO_LINKER_VALUE with \\r\\n and ##[',
    env: { GO_LINKER_SYMBOL: 'main.v', GO_LINKER_VALUE: '##[error]forged\r\nx' },
    message:
      'linker-value (from GO_LINKER_VALUE): "#\\u0023[error]forged\\r\\nx" is not usable; a linker value must be one line',
  },
  {
    name: 'build-tags with a newline and ::error::',
    inputs: { 'build-tags': 'a\n::error::forged' },
    message:
      'build-tags: "a\\n:\\u003aerror:\\u003aforged" is not a build tag; use comma-separated tags of letters, digits, _ and .',
  },
  {
    name: 'cache-key-suffix with a newline and ::error::',
    inputs: { 'cache-key-suffix': 'x\n::error::forged' },
    message:
      'cache-key-suffix: "x\\n:\\u003aerror:\\u003aforged" is not usable in a cache key; it cannot hold a comma or a control character',
  },
  {
    name: 'cache-key-suffix with a comma (caches would be silently off)',
    inputs: { 'cache-key-suffix': 'a,b' },
    message:
      'cache-key-suffix: "a,b" is not usable in a cache key; it cannot hold a comma or a control character',
  },
  {
    name: 'cache-key-suffix too long for a key',
    inputs: { 'cache-key-suffix': 'x'.repeat(600) },
    message: `cache-key-suffix: "${'x'.repeat(200)}…" (600 characters) is too long: the cache keys would exceed 512 characters; use at most 432 characters`,
  },
  {
    name: 'GOVERSION with a newline and ::error::',
    versionSource: true,
    env: { GOVERSION: '1.22\n::error::forged' },
    message: `GOVERSION: "1.22\\n:\\u003aerror:\\u003aforged" is not a Go version; ${GO_VERSION}`,
  },
  {
    name: 'go-version with a legacy ##[ command',
    inputs: { 'go-version': '##[error]forged' },
    message: `go-version: "#\\u0023[error]forged" is not a Go version; ${GO_VERSION}`,
  },
  {
    name: 'run-command with a newline and ::error::',
    inputs: { 'run-command': './app\n::error::forged' },
    message:
      'run-command: "./app\\n:\\u003aerror:\\u003aforged" is not valid; the run command must be one line',
  },
  {
    name: 'artifact-name with a newline',
    inputs: { 'artifact-name': 'a\n::warning::b' },
    message:
      'artifact-name: "a\\n:\\u003awarning:\\u003ab" is not a valid artifact name; it cannot contain \\ / " : < > | * ? or a control character',
  },
  {
    name: 'go.mod heroku goVersion with ##[',
    versionSource: true,
    files: { 'go.mod': 'module example.com/tiny\n\n// +heroku goVersion ##[error]forged\n' },
    inputs: { platform: 'heroku' },
    message: `go.mod heroku-directive: "#\\u0023[error]forged" is not a Go version; ${GO_VERSION}`,
  },
  {
    name: '.go-version holding ::error::',
    versionSource: true,
    app: 'main-go-only',
    files: { '.go-version': '::error::forged\n' },
    message: `.go-version: ":\\u003aerror:\\u003aforged" is not a Go version; ${GO_VERSION}`,
  },
  {
    name: 'go.mod go directive holding ::error::',
    versionSource: true,
    files: { 'go.mod': 'module example.com/tiny\n\ngo ::error::forged\n' },
    message:
      'go.mod go directive: ":\\u003aerror:\\u003aforged" is not a Go version; use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)',
  },
  {
    name: 'working-directory holding ::error::',
    inputs: { 'working-directory': '::error::x' },
    message:
      'working-directory: ":\\u003aerror:\\u003ax" is not a directory of the workspace; use the app folder',
  },
  {
    name: 'Procfile line holding ::error::',
    files: { Procfile: '::error::forged\n' },
    message:
      'Procfile:1: ":\\u003aerror:\\u003aforged" is not a process line; use "name: command" with a name of letters, digits, _ or -',
  },
  {
    name: 'Procfile line holding ##[add-mask]',
    files: { Procfile: 'web bin/x ##[add-mask]y\n' },
    message:
      'Procfile:1: "web bin/x #\\u0023[add-mask]y" is not a process line; use "name: command" with a name of letters, digits, _ or -',
  },
  {
    name: 'build-flags with an unclosed quote and ##[',
    inputs: { 'build-flags': "-x '##[error]" },
    message: `build-flags: "-x '#\\u0023[error]" has an unclosed ' quote; close it or escape it with \\`,
  },

  // ---- Leaking: credentials in the download URL never reach the log.
  {
    name: 'credentials in a bad go-download-base-url',
    inputs: { 'go-download-base-url': 'ftp://ci:s3cret-pass@mirror.example/go' },
    message:
      'go-download-base-url: "ftp://***@mirror.example/go" is not a URL; use https://host/path',
    masks: ['s3cret-pass'],
  },

  // ---- Checked before the download, not after it.
  {
    name: 'goos misspelt',
    inputs: { goos: 'linxu' },
    message: `goos: "linxu" is not a GOOS; use one of ${GOOS}`,
  },
  {
    name: 'goos/goarch pair Go does not build for',
    inputs: { goos: 'windows', goarch: 's390x' },
    message: `goos/goarch: "windows/s390x" is not a target Go builds for; use a pair that 'go tool dist list' prints`,
  },
  {
    name: "GOARCH in go.dev's vocabulary",
    env: { GOARCH: 'armv6l' },
    message: `goarch (from GOARCH): "armv6l" is not a GOARCH; use arm (GOARM=6), or one of ${GOARCH}`,
  },
  {
    name: 'retention-days in hex',
    inputs: { 'retention-days': '0x1E' },
    message: 'retention-days: "0x1E" is not valid; use a whole number of days from 1 to 90',
  },
  {
    name: 'retention-days in exponent form',
    inputs: { 'retention-days': '1e1' },
    message: 'retention-days: "1e1" is not valid; use a whole number of days from 1 to 90',
  },
  {
    name: 'sbom flag-shaped',
    inputs: { sbom: '--format=spdx-json' },
    message: 'sbom: "--format=spdx-json" is not valid; use spdx, cyclonedx or false',
  },
  {
    name: 'sbom with a line break and a forged command',
    inputs: { sbom: 'spdx\n::error::forged' },
    message:
      'sbom: "spdx\\n:\\u003aerror:\\u003aforged" is not valid; use spdx, cyclonedx or false',
  },
  {
    name: 'sbom as a path',
    inputs: { sbom: '../../victim/sbom.json' },
    message: 'sbom: "../../victim/sbom.json" is not valid; use spdx, cyclonedx or false',
  },
  {
    name: 'pack-slug with a forged workflow command',
    inputs: { 'pack-slug': 'true\n::error::forged' },
    message:
      'pack-slug: "true\\n:\\u003aerror:\\u003aforged" is a boolean; use true, false, 1, 0, yes or no',
  },
  {
    name: 'reproducible flag-shaped',
    inputs: { reproducible: '-trimpath' },
    message: 'reproducible: "-trimpath" is a boolean; use true, false, 1, 0, yes or no',
  },
  {
    name: 'SOURCE_DATE_EPOCH as a date',
    env: { SOURCE_DATE_EPOCH: '2024-01-01' },
    message: 'SOURCE_DATE_EPOCH: "2024-01-01" is not valid; use whole seconds since 1970-01-01 UTC',
  },
  {
    name: 'SOURCE_DATE_EPOCH flag-shaped, with a forged workflow command',
    env: { SOURCE_DATE_EPOCH: '-1\n::error::forged' },
    message:
      'SOURCE_DATE_EPOCH: "-1\\n:\\u003aerror:\\u003aforged" is not valid; use whole seconds since 1970-01-01 UTC',
  },
  {
    name: 'artifact-name of 300 characters',
    inputs: { 'artifact-name': 'a'.repeat(300) },
    message: `artifact-name: "${'a'.repeat(200)}…" (300 characters) is too long (300 bytes); use at most 200 bytes`,
  },
  {
    name: "a bad line in the app's Procfile",
    files: { Procfile: 'web: bin/tiny\nworker bin/tiny\n' },
    message:
      'Procfile:2: "worker bin/tiny" is not a process line; use "name: command" with a name of letters, digits, _ or -',
  },
  // ---- go-toolchain-source and the go command's variables it reads with `proxy`.
  {
    name: 'go-toolchain-source flag-shaped',
    inputs: { 'go-toolchain-source': '--proxy' },
    message: 'go-toolchain-source: "--proxy" is not valid; use dl or proxy',
  },
  {
    name: 'go-toolchain-source with a line break and a forged command',
    inputs: { 'go-toolchain-source': 'proxy\n::error::forged' },
    message:
      'go-toolchain-source: "proxy\\n:\\u003aerror:\\u003aforged" is not valid; use dl or proxy',
  },
  {
    name: 'go-toolchain-source proxy with GOPROXY reading local files',
    inputs: { 'go-toolchain-source': 'proxy' },
    env: { GOPROXY: 'file:///etc' },
    message:
      'GOPROXY (goproxy): "file:///etc" is not an http(s) URL; go-toolchain-source: proxy fetches Go from http(s) proxies only',
  },
  {
    name: 'go-toolchain-source proxy with a forged command in GOSUMDB',
    inputs: { 'go-toolchain-source': 'proxy' },
    env: { GOPROXY: 'https://proxy.invalid', GOSUMDB: 'x\n::warning::y' },
    message:
      'GOSUMDB: "x" is not a checksum database key (not name+hash+key); use name+hash+key, as in sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
  },
  {
    name: 'go-toolchain-source proxy, GOSUMDB off, credentials in GOPROXY',
    inputs: { 'go-toolchain-source': 'proxy', goproxy: 'http://me:s3cret-pass@127.0.0.1:9/go' },
    env: { GOSUMDB: 'off' },
    masks: ['s3cret-pass'],
    message:
      'GOSUMDB: "off" turns the checksum database off, and the go command never installs golang.org/toolchain unchecked ("checksum database disabled by GOSUMDB=off"); unset GOSUMDB, or set it to sum.golang.org or to your database (name+hash+key https://host/path)',
  },
  {
    name: 'architecture with a path',
    inputs: { architecture: '../x' },
    message:
      'architecture: "../x" is not an architecture go.dev publishes Go for; use amd64, arm64, 386, arm, loong64, mips, mips64, mips64le, mipsle, ppc64, ppc64le, riscv64, s390x (or x64)',
  },
  // ---- The deploy check (SPEC §10): health-check paths, target-glibc, smoke-test.
  {
    name: 'CC_HEALTH_CHECK_PATH with a newline and ::error::',
    env: { CC_HEALTH_CHECK_PATH: '/ok\n::error::forged' },
    message: `health-check-paths (from CC_HEALTH_CHECK_PATH): "/ok\\n:\\u003aerror:\\u003aforged" is not a health-check path; ${HEALTH_PATH}`,
  },
  {
    name: 'health-check-paths holding ::error:: with no leading slash',
    inputs: { 'health-check-paths': '/\n::error::forged' },
    message: `health-check-paths: ":\\u003aerror:\\u003aforged" is not a health-check path; ${HEALTH_PATH}`,
  },
  {
    name: 'health-check-paths with a carriage return and ##[',
    inputs: { 'health-check-paths': '/a\r##[add-mask]x' },
    message: `health-check-paths: "/a\\r#\\u0023[add-mask]x" is not a health-check path; ${HEALTH_PATH}`,
  },
  {
    name: 'CC_HEALTH_CHECK_PATH_0 as a URL to another host',
    env: { CC_HEALTH_CHECK_PATH_0: 'http://169.254.169.254/latest' },
    message: `health-check-paths (from CC_HEALTH_CHECK_PATH_0): "http://169.254.169.254/latest" is not a health-check path; ${HEALTH_PATH}`,
  },
  {
    name: 'health-check-paths of 3000 characters',
    inputs: { 'health-check-paths': `/${'a'.repeat(2999)}` },
    message: `health-check-paths: "/${'a'.repeat(199)}…" (3000 characters) is not a health-check path; ${HEALTH_PATH}`,
  },
  {
    name: 'target-glibc shaped like a flag',
    inputs: { 'target-glibc': '-2.31' },
    message: `target-glibc: "-2.31" is not a known stack or glibc version; ${GLIBC}`,
  },
  {
    name: 'target-glibc absurdly large',
    inputs: { 'target-glibc': '99999999999999999999.1' },
    message: `target-glibc: "99999999999999999999.1" is not a known stack or glibc version; ${GLIBC}`,
  },
  {
    name: 'target-glibc climbing out',
    inputs: { 'target-glibc': '../../victim' },
    message: `target-glibc: "../../victim" is not a known stack or glibc version; ${GLIBC}`,
  },
  {
    name: 'STACK with a newline and ::error::',
    env: { STACK: 'heroku-22\n::error::forged' },
    message: `target-glibc (from STACK): "heroku-22\\n:\\u003aerror:\\u003aforged" is not a known stack or glibc version; ${GLIBC}`,
  },
  {
    name: 'STACK holding shell syntax',
    env: { STACK: 'heroku-22; touch /tmp/pwned' },
    message: `target-glibc (from STACK): "heroku-22; touch /tmp/pwned" is not a known stack or glibc version; ${GLIBC}`,
  },
  // ---- The release to Heroku: the app and the API URL go into requests.
  {
    name: 'heroku-app with a newline and ::error::',
    inputs: { 'heroku-app': 'my-app\n::error::forged' },
    message: `heroku-app: "my-app\\n:\\u003aerror:\\u003aforged" is ${HEROKU_APP}`,
  },
  {
    name: 'heroku-app climbing out of /apps/',
    inputs: { 'heroku-app': '../account' },
    message: `heroku-app: "../account" is ${HEROKU_APP}`,
  },
  {
    name: 'HEROKU_APP holding a query',
    env: { HEROKU_APP: 'my-app?x=1' },
    message: `heroku-app (from HEROKU_APP): "my-app?x=1" is ${HEROKU_APP}`,
  },
  {
    name: 'heroku-api-url with credentials',
    inputs: { 'heroku-app': 'my-app', 'heroku-api-url': 'https://ci:s3cret-pass@api.example' },
    env: { HEROKU_API_KEY: 'k' },
    message:
      'heroku-api-url: "https://***@api.example" is a URL with credentials; the API key comes from the HEROKU_API_KEY variable only: take them out',
    masks: ['s3cret-pass'],
  },
  {
    name: 'heroku-api-url with a newline',
    inputs: { 'heroku-api-url': 'https://api.example/\n::error::x' },
    message:
      'heroku-api-url: "https://api.example/\\n:\\u003aerror:\\u003ax" is not a base URL; use https://host[/path] without ? or #',
  },
  {
    name: 'heroku-app without HEROKU_API_KEY',
    inputs: { 'heroku-app': 'my-app' },
    message:
      'heroku-app: "my-app" needs the HEROKU_API_KEY variable, set from a secret (never an input: inputs are echoed in debug logs); heroku authorizations:create makes a key',
  },
  {
    name: 'smoke-test that is not a boolean',
    inputs: { 'smoke-test': 'maybe' },
    message: 'smoke-test: "maybe" is a boolean; use true, false, 1, 0, yes or no',
  },
  {
    name: 'smoke-test of a slug built for another platform',
    inputs: { 'smoke-test': 'true', goos: 'windows' },
    message:
      'smoke-test: "true" starts the slug on this linux/amd64 machine, which cannot run binaries built for windows/amd64; smoke-test a build for the runner\'s own platform',
  },
];

describe('hostile inputs and app files are refused with one line, before any download', () => {
  it('has the cases the suite promises', () => {
    expect(REFUSALS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(REFUSALS.map((r) => r.name)).size).toBe(REFUSALS.length);
  });

  it.each(REFUSALS.map((r) => [r.name, r] as const))('%s', async (_name, c) => {
    const s = await sandbox(c);
    const before = snapshot(s.victim);
    const toolCache = await makeTempDir('tc-hostile-');
    server.resetLog();
    results.resetLog();
    const run = await runAction({
      entry: 'main',
      workspace: s.ws,
      toolCache,
      // The version is pinned so that, had the refusal not come first, a download would have.
      inputs: {
        'go-download-base-url': server.url,
        ...(c.versionSource ? {} : { 'go-version': '1.24' }),
        ...c.inputs,
      },
      env: await runEnv({ HOME: s.home, ...resultsEnv(results), ...c.env }),
    });
    const message = typeof c.message === 'function' ? c.message(s) : c.message;
    expect(run.code, run.stdout + run.stderr).toBe(1);
    // Credentials are masked before the refusal; the runner hides its add-mask lines.
    const masked = workflowCommands(run.stdout).filter((m) => m.name === 'add-mask');
    if (c.masks) expect(masked.map((m) => m.data)).toEqual(expect.arrayContaining(c.masks));
    else expect(masked).toEqual([]);
    run.stdout = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expectNoForgedCommands(run, [message]);
    expect(message).not.toMatch(/[\r\n]/);
    expect(server.requests).toEqual([]);
    expect(results.requests).toEqual([]);
    expect(filesUnder(toolCache)).toEqual([]);
    expect(snapshot(s.victim)).toBe(before);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain('s3cret-pass');
  });
});

describe('the workstation CLI refuses to replace what is not a slug', () => {
  const cli = async (s: Sandbox, output: string) => {
    const goroot = await extractedGoroot('1.24');
    server.resetLog();
    return runAction({
      entry: 'cli',
      workspace: s.ws,
      args: [s.ws, '--output', output, '--go-download-base-url', server.url],
      env: await runEnv({ HOME: s.home, PATH: `${path.join(goroot, 'bin')}:${process.env.PATH}` }),
    });
  };

  it.each([
    ['the app itself', (s: Sandbox) => s.ws, (s: Sandbox) => `holds ${s.ws}`],
    ['a folder holding the app', (s: Sandbox) => s.root, (s: Sandbox) => `holds ${s.ws}`],
    [
      'a folder that is not a slug',
      (s: Sandbox) => s.victim,
      () => 'is a directory that is not a slug',
    ],
  ])('--output pointing at %s', async (_name, out, why) => {
    const s = await sandbox();
    const before = snapshot(s.victim);
    const appBefore = snapshot(s.ws);
    const run = await cli(s, out(s));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: --output: "${out(s)}" ${why(s)}`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(server.requests).toEqual([]);
    expect(snapshot(s.victim)).toBe(before);
    expect(snapshot(s.ws)).toBe(appBefore);
  });
});

describe('hostile values that run to the end leave everything outside the workspace alone', () => {
  let toolCache: string;
  beforeAll(async () => {
    toolCache = await makeTempDir('tc-hostile-end-');
  });

  async function build(
    s: Sandbox,
    inputs: Record<string, string>,
    env: Record<string, string> = {},
  ): Promise<RunResult> {
    return runAction({
      entry: 'main',
      workspace: s.ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24', ...inputs },
      env: await runEnv({ HOME: s.home, ...env }),
    });
  }

  it('shell syntax in the linker value reaches the binary as text, and runs nothing', async () => {
    const s = await sandbox({ app: 'linker' });
    const before = snapshot(s.victim);
    const value = `$(touch ${s.victim}/pwned) \`rm -rf ${s.victim}\`; echo "$HOME" > x`;
    const run = await build(s, { 'linker-symbol': 'main.version', 'linker-value': value });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(execFileSync(run.outputs.binary!).toString()).toBe(`version: ${value}\n`);
    expect(snapshot(s.victim)).toBe(before);
    expectNoForgedCommands(run, []);
  });

  it('workflow commands in build settings land in the SBOM as text, never in the log', async () => {
    const s = await sandbox({ app: 'linker' });
    const before = snapshot(s.victim);
    const value = '::error::forged ##[error]forged %0A::warning::x';
    const run = await build(s, {
      'linker-symbol': 'main.version',
      'linker-value': value,
      sbom: 'spdx',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(run.outputs.sbom!, 'utf8')) as {
      packages: { annotations?: { comment: string }[] }[];
    };
    const settings = doc.packages.flatMap((p) => p.annotations ?? []).map((a) => a.comment);
    expect(settings.join('\n')).toContain('main.version=::error::forged');
    expect(snapshot(s.victim)).toBe(before);
    expectNoForgedCommands(run, []);
  });

  it('shell syntax in a package is a package name to go, not a command', async () => {
    const s = await sandbox();
    const before = snapshot(s.victim);
    const run = await build(s, { package: `$(touch${'${IFS}'}${s.victim}/pwned)` });
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      'go install failed with exit code 1',
    ]);
    expect(snapshot(s.victim)).toBe(before);
  });

  it('a compile error quoting a legacy ##[ command from the source is printed inert', async () => {
    const s = await sandbox({
      files: {
        'forged.go':
          'package main\n\nvar _ int = "##[stop-commands]tok"\n\nvar _ int = "##[error]forged"\n',
      },
    });
    const run = await build(s, {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('#\\u0023[stop-commands]tok');
    expectNoForgedCommands(run, ['go install failed with exit code 1']);
  });

  it("an app's bin/<name> symlinked outside is replaced by the binary, not written through", async () => {
    const s = await sandbox({ links: { 'bin/tiny': '{victim}/script' } });
    const before = snapshot(s.victim);
    const run = await build(s, {});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const shipped = path.join(run.outputs['slug-dir']!, 'bin', 'tiny');
    expect(lstatSync(shipped).isFile()).toBe(true);
    expect(execFileSync(shipped).toString()).toMatch(/^tiny built with go1\.24/);
    expect(snapshot(s.victim)).toBe(before);
  });

  it('a Makefile that leaves the binary as a symlink to a file outside ships nothing', async () => {
    const s = await sandbox({
      app: 'makefile',
      files: { Makefile: 'build:\n\tmkdir -p bin && ln -sf {victim}/script bin/server\n' },
    });
    const before = snapshot(s.victim);
    const run = await build(s, { binary: 'bin/server' });
    expect(run.code).toBe(1);
    expectNoForgedCommands(run, [
      `binary: "bin/server" leads outside the app directory (${s.ws}) through a symlink, to "${s.victim}/script"; the binary must be a file of the app`,
    ]);
    expect(run.outputs['slug-dir']).toBeUndefined();
    expect(filesUnder(path.join(run.dirs.runnerTemp, 'go-paas-build'))).toEqual([]);
    expect(snapshot(s.victim)).toBe(before);
  });

  it('setup-gopath-in-image keeps symlinks as symlinks and quotes a folder name in the profile script', async () => {
    const folder = 'x$(touch pwned)';
    const s = await sandbox({ app: 'main-go-only', dirs: [folder] });
    // The app lives in a folder whose name is shell: that name becomes the import path.
    const app = path.join(s.ws, folder);
    for (const f of readdirSync(s.ws)) {
      if (f !== folder) execFileSync('mv', [path.join(s.ws, f), app]);
    }
    execFileSync('ln', ['-s', path.join(s.victim, 'secret.txt'), path.join(app, 'secret')]);
    const before = snapshot(s.victim);
    const run = await build(s, {
      'working-directory': folder,
      'setup-gopath-in-image': 'true',
      'pack-slug': 'true',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const slug = run.outputs['slug-dir']!;
    const profile = readFileSync(path.join(slug, '.profile.d', 'zzgopath.sh'), 'utf8');
    expect(profile).toBe(`export GOPATH=$HOME\ncd $GOPATH/src/'${folder}'\n`);
    // Sourced the way a dyno sources it: nothing runs, and it lands in the sources.
    const cwd = await makeTempDir('profile-cwd-');
    const sourced = spawnSync('bash', ['-c', `. .profile.d/zzgopath.sh && pwd`], {
      cwd: slug,
      env: { PATH: process.env.PATH, HOME: slug },
    });
    expect(sourced.status, sourced.stderr.toString()).toBe(0);
    expect(sourced.stdout.toString().trim()).toBe(path.join(slug, 'src', folder));
    expect(existsSync(path.join(cwd, 'pwned'))).toBe(false);
    expect(existsSync(path.join(slug, 'pwned'))).toBe(false);
    // The symlink is a symlink in the slug and in the archive: the secret's bytes are in neither.
    const shipped = path.join(slug, 'src', folder, 'secret');
    expect(lstatSync(shipped).isSymbolicLink()).toBe(true);
    expect(readlinkSync(shipped)).toBe(path.join(s.victim, 'secret.txt'));
    const archive = run.outputs['slug-archive']!;
    expect(gunzipSync(readFileSync(archive)).includes(Buffer.from(SECRET))).toBe(false);
    expect(snapshot(s.victim)).toBe(before);
  });

  it("setup-gopath-in-image: the app's own src/<import path>/ symlinks are replaced by the sources, not written through", async () => {
    // The GOPATH sources go to src/example.com/tiny/ in the slug, where the app's copy already
    // put these links: README to a file outside, static to a directory outside.
    const s = await sandbox({
      files: { README: 'readme\n', 'static/app.css': 'css\n' },
      links: {
        'src/example.com/tiny/README': '{victim}/script',
        'src/example.com/tiny/static': '{victim}/sub',
      },
    });
    const before = snapshot(s.victim);
    const run = await build(s, { 'setup-gopath-in-image': 'true' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const src = path.join(run.outputs['slug-dir']!, 'src', 'example.com', 'tiny');
    expect(lstatSync(path.join(src, 'README')).isFile()).toBe(true);
    expect(readFileSync(path.join(src, 'README'), 'utf8')).toBe('readme\n');
    expect(lstatSync(path.join(src, 'static')).isDirectory()).toBe(true);
    expect(readdirSync(path.join(src, 'static'))).toEqual(['app.css']);
    expect(snapshot(s.victim)).toBe(before);
  });

  it('credentials in go-download-base-url are sent as a header and masked, never printed', async () => {
    const s = await sandbox();
    const fresh = await makeTempDir('tc-creds-');
    server.resetLog();
    const base = server.url.replace('http://', 'http://ci:s3cret-pass@');
    const run = await runAction({
      entry: 'main',
      workspace: s.ws,
      toolCache: fresh,
      inputs: {
        'go-download-base-url': base,
        'go-version': '1.24',
        goproxy: 'https://u:pr0xy-token@proxy.invalid,off',
      },
      env: await runEnv({ HOME: s.home }),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const basic = `Basic ${Buffer.from('ci:s3cret-pass').toString('base64')}`;
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.map((r) => r.authorization)).toEqual(server.requests.map(() => basic));
    const masks = workflowCommands(run.stdout)
      .filter((c) => c.name === 'add-mask')
      .map((c) => c.data);
    expect(masks).toEqual(expect.arrayContaining(['s3cret-pass', 'pr0xy-token']));
    const printed = outputLines(run).filter((l) => !l.startsWith('::add-mask::'));
    expect(printed.filter((l) => /s3cret-pass|pr0xy-token/.test(l))).toEqual([]);
    expect(run.stdout).toContain(`Downloading ${server.url}/go1.24.4.linux-amd64.tar.gz`);
  });
});

function outputLines(run: RunResult): string[] {
  return `${run.stdout}\n${run.stderr}`.split(/\r\n|\r|\n/);
}

describe('the goos/goarch table is what Go says', () => {
  it('holds every pair that go tool dist list prints, for every Go fixture', async () => {
    const { isGoTarget } = await import('../../src/go-targets.js');
    const minors = (await goFixtures()).map((f) => f.minor);
    expect(minors.length).toBeGreaterThan(0);
    for (const minor of minors) {
      const goroot = await extractedGoroot(minor);
      const pairs = execFileSync(path.join(goroot, 'bin', 'go'), ['tool', 'dist', 'list'], {
        env: { ...process.env, GOTOOLCHAIN: 'local', GOROOT: goroot },
      })
        .toString()
        .trim()
        .split('\n');
      expect(pairs.length, minor).toBeGreaterThan(30);
      expect(
        pairs.filter((p) => !isGoTarget(...(p.split('/') as [string, string]))),
        minor,
      ).toEqual([]);
    }
  });
});
