import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { BuildTool } from '../../src/inputs.js';
import { scanApp, type AppLayout } from '../../src/plan/app-layout.js';
import { realRoot } from '../../src/trust/paths.js';
import { choosePackages, detect, type Detection, type Method } from '../../src/plan/detect.js';
import {
  describeJsonError,
  parseGodeps,
  parseVendorJson,
  type LegacyMeta,
} from '../../src/plan/legacy.js';

import { layout } from '../../test/support/layouts.js';

const APP = '/work/app';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

const GODEPS = JSON.stringify({ ImportPath: 'github.com/me/old', GoVersion: 'go1.9', Deps: [] });
const VENDOR = JSON.stringify({ rootPath: 'github.com/me/vend', heroku: { install: ['./cmd/x'] } });

const MAKEFILE_WARNING = 'Makefile found but CC_GO_BINARY is not set; ignoring it';
const GO_JSON_WARNING =
  'clevercloud/go.json is deprecated and not read by this action; use the build-tool, binary and package inputs (CC_GO_BUILD_TOOL, CC_GO_BINARY, CC_GO_PKG) instead';
const GODEP_WARNING =
  "This app uses godep (Godeps/Godeps.json), which is deprecated and no longer maintained (Heroku removed it); use Go modules instead: run 'go mod init github.com/me/old' and 'go mod tidy' in the app root";
const GOVENDOR_WARNING =
  "This app uses govendor (vendor/vendor.json), which is deprecated and no longer maintained (Heroku removed it); use Go modules instead: run 'go mod init github.com/me/vend' and 'go mod tidy' in the app root";
const GB_WARNING =
  "This app uses gb (a src/ tree of .go files), which is deprecated and no longer maintained (Heroku removed it); use Go modules instead: run 'go mod init <module>' and 'go mod tidy' in the app root";
const GOGET_WARNING =
  "goget is deprecated: 'go get' stopped installing binaries in Go 1.18, so it runs here in GOPATH mode (GO111MODULE=off); use gomod instead (build-tool / CC_GO_BUILD_TOOL)";
const WORKSPACE_ERROR =
  "go.work found in /work/app without a root go.mod: set package (CC_GO_PKG) to the package or .go file to build in workspace mode, as in Clever Cloud's go-workspaces example (e.g. CC_GO_PKG=cmd/main.go)";

// Options of one detect() call besides the layout; buildTool defaults to auto.
interface Opts {
  buildTool?: BuildTool;
  binary?: string;
  package?: string;
}

function run(opts: Opts, over: Partial<AppLayout>): Detection {
  return detect({ buildTool: 'auto', ...opts, layout: layout(over), appDir: APP });
}

function want(
  method: Method,
  reason: string,
  warnings: string[] = [],
  extra: Partial<Detection> = {},
): Detection {
  return { method, reason, warnings, workspaceMode: false, ...extra };
}

const MAKE = 'Makefile found, binary (CC_GO_BINARY) set and no go.mod';
const GOMOD = 'go.mod found in the app root';
const MAIN = 'no go.mod: gobuild of main.go';
const GB = 'src/ holds .go files two levels down (gb)';
const WS = { workspaceMode: true };
const GODEP_META: LegacyMeta = {
  tool: 'godep',
  importPath: 'github.com/me/old',
  packages: ['.'],
  goVersion: 'go1.9',
};
const GOVENDOR_META: LegacyMeta = {
  tool: 'govendor',
  rootPath: 'github.com/me/vend',
  install: ['./cmd/x'],
};

const cases: [string, Opts, Partial<AppLayout>, Detection][] = [
  [
    'Makefile + binary + no go.mod → makefile',
    { binary: 'bin/app' },
    { hasMakefile: true, hasMainGo: true },
    want('makefile', MAKE),
  ],
  [
    'Makefile + binary + lone go.work → makefile (go-workspaces)',
    { binary: 'bin/myApp' },
    { hasMakefile: true, hasGoWork: true },
    want('makefile', MAKE),
  ],
  [
    'Makefile + binary + go.mod → gomod',
    { binary: 'bin/app' },
    { hasMakefile: true, hasGoMod: true },
    want('gomod', `${GOMOD}; the Makefile is not used with go.mod`),
  ],
  [
    'Makefile without binary warns, detection goes on',
    {},
    { hasMakefile: true, hasGoMod: true },
    want('gomod', GOMOD, [MAKEFILE_WARNING]),
  ],
  [
    'a blank binary is no binary',
    { binary: '  ' },
    { hasMakefile: true, hasMainGo: true },
    want('gobuild', MAIN, [MAKEFILE_WARNING]),
  ],
  ['binary without a Makefile', { binary: 'bin/app' }, { hasGoMod: true }, want('gomod', GOMOD)],
  [
    'go.mod + go.work → gomod, not workspace mode',
    {},
    { hasGoMod: true, hasGoWork: true },
    want('gomod', GOMOD),
  ],
  [
    'lone go.work + package → workspace mode',
    { package: 'cmd/main.go' },
    { hasGoWork: true, godepsJson: '{' },
    want('gomod', 'go.work found without a root go.mod (workspace mode)', [], WS),
  ],
  [
    'go.mod wins over legacy metadata, left unparsed',
    {},
    { hasGoMod: true, godepsJson: '{', vendorJson: '[', hasGbSrc: true },
    want('gomod', GOMOD),
  ],
  [
    'Godeps.json → godep, ahead of vendor.json and gb',
    {},
    { godepsJson: GODEPS, vendorJson: VENDOR, hasGbSrc: true, hasMainGo: true },
    want('godep', 'Godeps/Godeps.json found (godep)', [GODEP_WARNING], { legacy: GODEP_META }),
  ],
  [
    'vendor.json → govendor, ahead of gb',
    {},
    { vendorJson: VENDOR, hasVendorDir: true, hasGbSrc: true },
    want('govendor', 'vendor/vendor.json found (govendor)', [GOVENDOR_WARNING], {
      legacy: GOVENDOR_META,
    }),
  ],
  [
    'gb src tree → gb, ahead of main.go',
    {},
    { hasGbSrc: true, gbDirs: ['app', 'tools'], hasMainGo: true },
    want('gb', GB, [GB_WARNING], {
      legacy: { tool: 'gb', packages: ['app/...', 'tools/...'] },
    }),
  ],
  ['main.go only → gobuild', {}, { hasMainGo: true }, want('gobuild', MAIN)],
  [
    'package, no main.go → gobuild',
    { package: ' github.com/me/p/cmd/s ' },
    {},
    want('gobuild', 'no go.mod: gobuild of package github.com/me/p/cmd/s'),
  ],
  [
    'go.json warns with gomod',
    {},
    { hasGoMod: true, hasClevercloudGoJson: true },
    want('gomod', GOMOD, [GO_JSON_WARNING]),
  ],
  [
    'go.json warns first, with other warnings',
    {},
    { hasGbSrc: true, hasClevercloudGoJson: true, hasMakefile: true },
    want('gb', GB, [GO_JSON_WARNING, MAKEFILE_WARNING, GB_WARNING], {
      legacy: { tool: 'gb', packages: [] },
    }),
  ],
  // Explicit build-tool: the app only has to have what that method needs.
  [
    'gomod with go.mod ignores Godeps and Makefile',
    { buildTool: 'gomod' },
    { hasGoMod: true, godepsJson: '{', hasMakefile: true },
    want('gomod', 'build-tool set to gomod'),
  ],
  [
    'gomod with go.work + package',
    { buildTool: 'gomod', package: 'cmd/main.go' },
    { hasGoWork: true },
    want('gomod', 'build-tool set to gomod (workspace mode: go.work, no go.mod)', [], WS),
  ],
  [
    'makefile with a Makefile, even with go.mod',
    { buildTool: 'makefile', binary: 'b' },
    { hasMakefile: true, hasGoMod: true },
    want('makefile', 'build-tool set to makefile'),
  ],
  [
    'gobuild with go.mod and main.go',
    { buildTool: 'gobuild' },
    { hasGoMod: true, hasMainGo: true },
    want('gobuild', 'build-tool set to gobuild'),
  ],
  [
    'gobuild with a package, no main.go',
    { buildTool: 'gobuild', package: 'cmd/s.go' },
    {},
    want('gobuild', 'build-tool set to gobuild'),
  ],
  [
    'goget warns',
    { buildTool: 'goget' },
    { hasMainGo: true, hasClevercloudGoJson: true },
    want('goget', 'build-tool set to goget', [GO_JSON_WARNING, GOGET_WARNING]),
  ],
];

const failures: [string, Opts, Partial<AppLayout>, string][] = [
  ['lone go.work without package', {}, { hasGoWork: true }, WORKSPACE_ERROR],
  [
    'lone go.work with a blank package',
    { package: ' ' },
    { hasGoWork: true, hasMainGo: true },
    WORKSPACE_ERROR,
  ],
  ['gomod, lone go.work, no package', { buildTool: 'gomod' }, { hasGoWork: true }, WORKSPACE_ERROR],
  [
    'nothing to build',
    {},
    { hasMakefile: true, hasVendorDir: true, hasClevercloudGoJson: true },
    'Nothing to build in /work/app: no go.mod, go.work, Makefile with binary (CC_GO_BINARY), Gopkg.toml, Godeps/Godeps.json, vendor/vendor.json, gb src/ tree or main.go; set build-tool and package (CC_GO_BUILD_TOOL, CC_GO_PKG)',
  ],
  [
    'invalid Godeps.json is validated first',
    {},
    { godepsJson: '{\n  "ImportPath": "x",\n}', hasMainGo: true },
    'Bad Godeps/Godeps.json file: line 3, column 1: Expected double-quoted property name in JSON',
  ],
  [
    'Godeps.json without ImportPath',
    {},
    { godepsJson: '{"GoVersion": "go1.9"}' },
    "The 'ImportPath' field is not specified in 'Godeps/Godeps.json'",
  ],
  [
    'vendor.json without rootPath',
    {},
    { vendorJson: '{"package": []}' },
    "The 'rootPath' field is not specified in 'vendor/vendor.json'; re-run 'govendor init'",
  ],
  [
    'gomod without go.mod or go.work',
    { buildTool: 'gomod' },
    { hasMainGo: true },
    "build-tool gomod needs a go.mod (or a go.work) in /work/app and there is none; run 'go mod init <module>' or set build-tool (CC_GO_BUILD_TOOL) to gobuild",
  ],
  [
    'makefile without a Makefile',
    { buildTool: 'makefile', binary: 'bin/app' },
    { hasGoMod: true },
    'build-tool makefile needs a Makefile in /work/app and there is none (looked for GNUmakefile, makefile and Makefile)',
  ],
  [
    'gobuild without package or main.go',
    { buildTool: 'gobuild' },
    { hasGoMod: true },
    'build-tool gobuild needs package (CC_GO_PKG) or a main.go in /work/app, and neither is there; set package to the package or .go file(s) to build',
  ],
];

describe('detect', () => {
  it.each(cases)('%s', (_name, opts, over, expected) => {
    expect(run(opts, over)).toEqual(expected);
  });

  it.each(failures)('fails: %s', (_name, opts, over, message) => {
    const err = errorOf(() => run(opts, over));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(message);
  });
});

describe('parseGodeps / parseVendorJson: unparsable JSON', () => {
  const bad: { name: string; text: string; where: string }[] = [
    {
      name: 'trailing comma',
      text: '{\n  "ImportPath": "github.com/x/y",\n  "Packages": ["./..."],\n}\n',
      where: 'line 4, column 1: Expected double-quoted property name in JSON',
    },
    {
      name: 'missing closing brace',
      text: '{\n  "ImportPath": "github.com/x/y"\n',
      where: "line 3, column 1: Expected ',' or '}' after property value in JSON",
    },
    {
      name: 'missing comma between properties',
      text: '{"ImportPath": "a" "Packages": []}',
      where: "line 1, column 20: Expected ',' or '}' after property value in JSON",
    },
    {
      name: 'file truncated inside a string',
      text: '{\n  "ImportPath": "github.com/x/y",\n  "GoVersion": "go1.',
      where: 'line 3, column 21: Unterminated string in JSON',
    },
    { name: 'empty file', text: '', where: 'line 1, column 1: Unexpected end of JSON input' },
    {
      name: 'truncated after a colon: the position is just after the last token',
      text: '{\n  "ImportPath": \n\n',
      where: 'line 2, column 16: Unexpected end of JSON input',
    },
    {
      name: 'a character that starts no token (V8 gives no position)',
      text: '{\n  "ImportPath": x\n}',
      where: "line 2, column 17: Unexpected token 'x' in JSON",
    },
    {
      name: 'bad literal deep in the file (placed at the literal itself)',
      text: '{\n "ImportPath": "a",\n "Deps": [{"Rev": tru}]}',
      where: "line 3, column 19: Unexpected token 'tru' in JSON",
    },
    {
      name: 'two top-level values',
      text: '{"ImportPath": "a"}\n}',
      where: 'line 2, column 1: Unexpected non-whitespace character after JSON',
    },
  ];

  it.each(bad)('Godeps.json: $name', ({ text, where }) => {
    const err = errorOf(() => parseGodeps(text));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`Bad Godeps/Godeps.json file: ${where}`);
  });

  it.each(bad)('vendor.json: $name', ({ text, where }) => {
    const err = errorOf(() => parseVendorJson(text));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(`Bad vendor/vendor.json file: ${where}`);
  });

  it('reads the (line L column C) form of newer Node versions as given', () => {
    const text = '{\n\n\n  "a": 1,\n}';
    const raw = 'Expected double-quoted property name in JSON at position 14 (line 5 column 1)';
    expect(describeJsonError(text, raw)).toEqual({
      line: 5,
      column: 1,
      message: 'Expected double-quoted property name in JSON',
    });
  });

  it('reads the Node 18 `Unexpected token } in JSON at position N` form', () => {
    const text = '{\n  "a": 1,\n  }';
    expect(describeJsonError(text, 'Unexpected token } in JSON at position 14')).toEqual({
      line: 3,
      column: 3,
      message: 'Unexpected token } in JSON',
    });
  });
});

describe('parseGodeps / parseVendorJson: fields', () => {
  it('Godeps.json: Packages and GoVersion', () => {
    const text = JSON.stringify({
      ImportPath: 'github.com/me/app',
      GoVersion: 'go1.8',
      Packages: ['./cmd/a', './cmd/b ./cmd/c'],
    });
    expect(parseGodeps(text)).toEqual({
      tool: 'godep',
      importPath: 'github.com/me/app',
      packages: ['./cmd/a', './cmd/b', './cmd/c'],
      goVersion: 'go1.8',
    });
  });

  it('Godeps.json: an empty Packages list means the default ".", a BOM is skipped like jq does', () => {
    expect(parseGodeps('\uFEFF{"ImportPath": "a", "Packages": []}')).toEqual({
      tool: 'godep',
      importPath: 'a',
      packages: ['.'],
    });
  });

  it.each([
    ['empty', '{"ImportPath": ""}'],
    ['blank', '{"ImportPath": "  "}'],
    ['not a string', '{"ImportPath": 42}'],
    ['null', '{"ImportPath": null}'],
    ['top level is an array', '[{"ImportPath": "a"}]'],
  ])('Godeps.json: ImportPath %s', (_name, text) => {
    const err = errorOf(() => parseGodeps(text));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe("The 'ImportPath' field is not specified in 'Godeps/Godeps.json'");
  });

  it('Godeps.json: Packages that are not a list of strings', () => {
    const err = errorOf(() => parseGodeps('{"ImportPath": "a", "Packages": "./..."}'));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      `The 'Packages' field in 'Godeps/Godeps.json' must be an array of package paths, e.g. ["./cmd/app"]`,
    );
  });

  it('vendor.json: defaults without a heroku section', () => {
    expect(parseVendorJson('{"rootPath": "github.com/me/v", "heroku": "x"}')).toEqual({
      tool: 'govendor',
      rootPath: 'github.com/me/v',
      install: ['.'],
    });
  });

  it('vendor.json: heroku.install and heroku.goVersion', () => {
    const text = JSON.stringify({
      rootPath: 'github.com/me/v',
      heroku: { install: ['./...'], goVersion: 'go1.10' },
    });
    expect(parseVendorJson(text)).toEqual({
      tool: 'govendor',
      rootPath: 'github.com/me/v',
      install: ['./...'],
      goVersion: 'go1.10',
    });
  });

  it('vendor.json: rootPath missing or empty', () => {
    for (const text of ['{}', '{"rootPath": ""}', '{"heroku": {"install": ["."]}}']) {
      const err = errorOf(() => parseVendorJson(text));
      expect(err).toBeInstanceOf(UserError);
      expect(err.message).toBe(
        "The 'rootPath' field is not specified in 'vendor/vendor.json'; re-run 'govendor init'",
      );
    }
  });

  it('vendor.json: heroku.install that is not a list of strings', () => {
    const err = errorOf(() => parseVendorJson('{"rootPath": "a", "heroku": {"install": [1]}}'));
    expect(err.message).toBe(
      `The 'heroku.install' field in 'vendor/vendor.json' must be an array of package paths, e.g. ["./cmd/app"]`,
    );
  });
});

describe('choosePackages', () => {
  it.each([
    [
      'package wins, split into several .go files',
      { package: ' main.go  util.go ', installPackageSpec: './cmd/...', herokuInstall: ['./x'] },
      { packages: ['main.go', 'util.go'], source: 'package' },
    ],
    [
      'then install-package-spec',
      { package: '  ', installPackageSpec: './cmd/... ./tools/gen', herokuInstall: ['./x'] },
      { packages: ['./cmd/...', './tools/gen'], source: 'install-package-spec' },
    ],
    [
      'then // +heroku install',
      { installPackageSpec: '', herokuInstall: ['./cmd/a', './cmd/b'] },
      { packages: ['./cmd/a', './cmd/b'], source: 'heroku-install' },
    ],
    ['then discovery', { herokuInstall: [] }, { packages: [], source: 'discover' }],
    ['nothing at all', {}, { packages: [], source: 'discover' }],
  ])('%s', (_name, opts, want) => {
    expect(choosePackages(opts)).toEqual(want);
  });
});

const scan = (dir: string): AppLayout => scanApp(realRoot(dir, 'the app directory'));

describe('scanApp', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function app(files: Record<string, string | null>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-'));
    dirs.push(dir);
    for (const [rel, content] of Object.entries(files)) {
      const p = path.join(dir, rel);
      if (content === null) fs.mkdirSync(p, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, content);
      }
    }
    return dir;
  }

  it('an empty app has nothing', () => {
    expect(scan(app({}))).toEqual(layout());
  });

  it('reads every marker and the legacy metadata text', () => {
    const dir = app({
      'go.mod': 'module x\n',
      'go.work': 'go 1.22\n',
      'main.go': 'package main\n',
      'clevercloud/go.json': '{}',
      'Godeps/Godeps.json': '{"ImportPath": "a"}',
      'vendor/vendor.json': '{"rootPath": "b"}',
    });
    expect(scan(dir)).toEqual(
      layout({
        hasGoMod: true,
        hasGoWork: true,
        hasMainGo: true,
        hasClevercloudGoJson: true,
        godepsJson: '{"ImportPath": "a"}',
        vendorJson: '{"rootPath": "b"}',
        hasVendorDir: true,
      }),
    );
  });

  it.each(['Makefile', 'makefile', 'GNUmakefile'])('finds a Makefile named %s', (name) => {
    expect(scan(app({ [name]: 'all:\n' })).hasMakefile).toBe(true);
  });

  it('does not take a directory named Makefile or a Makefile elsewhere', () => {
    expect(scan(app({ Makefile: null, 'build/Makefile': 'all:\n' })).hasMakefile).toBe(false);
  });

  it.each([
    ['src/main.go (depth 1)', { 'src/main.go': '' }, false],
    ['src/app/ with no .go file', { 'src/app/README': '' }, false],
    ['no src/ but app/x/main.go', { 'app/x/main.go': '' }, false],
    ['src/app/main.go (depth 2)', { 'src/app/main.go': '' }, true],
    ['src/github.com/me/app/main.go (depth 4)', { 'src/github.com/me/app/main.go': '' }, true],
    ['src/app/x.go as a directory (find -name without -type)', { 'src/app/x.go': null }, true],
  ])('gb src tree: %s', (_name, files, want) => {
    expect(scan(app(files)).hasGbSrc).toBe(want);
  });

  it('does not follow a symlinked directory under src/, as find -P does not', () => {
    const dir = app({ 'other/pkg/main.go': '', src: null });
    fs.symlinkSync(path.join(dir, 'other'), path.join(dir, 'src', 'link'));
    expect(scan(dir).hasGbSrc).toBe(false);
    fs.mkdirSync(path.join(dir, 'src', 'real'));
    fs.writeFileSync(path.join(dir, 'src', 'real', 'a.go'), '');
    expect(scan(dir).hasGbSrc).toBe(true);
  });
});
