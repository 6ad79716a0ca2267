import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  chooseVersionSpec,
  parseGoMod,
  parseGoVersionFile,
  parseToolVersions,
  type AppVersionFiles,
} from '../../src/plan/version-source.js';
import type { GoRelease } from '../../src/toolchain/releases.js';
import { resolveRelease } from '../../src/toolchain/resolve.js';

const releases = JSON.parse(
  readFileSync(new URL('../fixtures/go-releases.json', import.meta.url), 'utf8'),
) as GoRelease[];

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('parseGoMod', () => {
  it('reads module, go and toolchain, ignoring comments', () => {
    const text = 'module example.com/app // the app\n\ngo 1.22.3 // min\ntoolchain go1.22.5\n';
    expect(parseGoMod(text)).toEqual({
      module: 'example.com/app',
      go: '1.22.3',
      toolchain: 'go1.22.5',
    });
  });

  it.each([
    ['module "github.com/x/y"', 'github.com/x/y'],
    ['module `github.com/x/y`', 'github.com/x/y'],
    ['module "github.com/x/y" // quoted', 'github.com/x/y'],
    ['\uFEFFmodule bom.example/m', 'bom.example/m'],
  ])('module line %j', (line, module) => {
    expect(parseGoMod(`${line}\ngo 1.21\n`).module).toBe(module);
  });

  it('handles CRLF line endings', () => {
    const info = parseGoMod(
      'module m\r\n\r\ngo 1.21.4\r\ntoolchain go1.22.1\r\n// +heroku install ./cmd/...\r\n',
    );
    expect(info).toEqual({
      module: 'm',
      go: '1.21.4',
      toolchain: 'go1.22.1',
      herokuInstall: ['./cmd/...'],
    });
  });

  it('is not confused by block contents', () => {
    // Entries inside blocks are never directives, even ones whose first word looks like one.
    const text = [
      'module m',
      'require (',
      '\tgo.uber.org/zap v1.27.0',
      '\tgo 1.99 // not a directive: inside require',
      ')',
      'replace(',
      '\ttoolchain => ./toolchain',
      ')',
      'godebug (',
      '\tdefault=go1.21',
      ')',
      'require golang.org/x/mod v0.20.0',
      'go 1.23.0',
      'toolchain go1.23.4',
    ].join('\n');
    expect(parseGoMod(text)).toEqual({ module: 'm', go: '1.23.0', toolchain: 'go1.23.4' });
  });

  it('reads the Heroku comment directives like the buildpack (fields 3 and 4…; first wins)', () => {
    const text = [
      'module m',
      '// +heroku goVersion go1.22',
      '// +heroku goVersion go1.21',
      '// +heroku install ./cmd/... ./other',
      '//+heroku goVersion go1.19',
      'go 1.23',
    ].join('\n');
    expect(parseGoMod(text)).toEqual({
      module: 'm',
      go: '1.23',
      herokuGoVersion: 'go1.22',
      herokuInstall: ['./cmd/...', './other'],
    });
  });

  it('takes the 4th field of `// +heroku goVersion go 1.15`, as Heroku does', () => {
    expect(parseGoMod('// +heroku goVersion go 1.15\n').herokuGoVersion).toBe('go');
  });

  it('reads go.work use lines in all forms', () => {
    const text = [
      'go 1.22.0',
      'toolchain go1.22.6',
      'use ./a',
      'use (',
      '\t./b // comment',
      '\t"./c d"',
      ')',
      'use ( ./e ./f )',
      'replace example.com/x => ./x',
    ].join('\r\n');
    expect(parseGoMod(text)).toEqual({
      go: '1.22.0',
      toolchain: 'go1.22.6',
      use: ['./a', './b', './c d', './e', './f'],
    });
  });

  it('returns nothing for an empty file', () => {
    expect(parseGoMod('')).toEqual({});
  });
});

describe('parseToolVersions / parseGoVersionFile', () => {
  it.each([
    ['golang 1.22.5\n', '1.22.5'],
    ['go 1.22.5', '1.22.5'],
    ['nodejs 20.1.0\n# golang 1.11\ngolang 1.21.3 1.20.0 # two versions\n', '1.21.3'],
    ['golangci-lint 1.55.2\n', undefined],
    ['golang\n', undefined],
    ['  golang   1.23.1  \r\n', '1.23.1'],
    ['', undefined],
  ])('%j → %j', (text, version) => {
    expect(parseToolVersions(text)).toBe(version);
  });

  it.each([
    ['1.22.5\n', '1.22.5'],
    ['\n  go1.21 \r\nsomething else\n', 'go1.21'],
    ['', undefined],
  ])('.go-version %j → %j', (text, version) => {
    expect(parseGoVersionFile(text)).toBe(version);
  });
});

describe('chooseVersionSpec: first found wins (SPEC §2)', () => {
  // Every source is present; each case removes the ones that should win before it.
  const full: AppVersionFiles = {
    goMod: 'module m\n// +heroku goVersion go1.19\ntoolchain go1.22.5\ngo 1.22.3\n',
    goWork: 'go 1.21.1\ntoolchain go1.21.4\nuse .\n',
    goVersion: '1.18\n',
    toolVersions: 'golang 1.17.2\n',
    godeps: '{"ImportPath": "m", "GoVersion": "go1.16"}',
    vendorJson: '{"heroku": {"goVersion": "go1.15"}}',
  };
  const noMod = { ...full, goMod: 'module m\n' };
  const noWork = { ...noMod, goWork: 'use .\n' };

  it.each([
    ['input', { input: '1.24', envGOVERSION: '1.23', app: full }, '1.24', 'go1.24.13'],
    ['GOVERSION', { input: '  ', envGOVERSION: 'go1.23', app: full }, 'go1.23', 'go1.23.12'],
    [
      'go-version-file',
      { envGOVERSION: '', versionFile: { path: '.go-version', content: '1.20\n' }, app: full },
      '1.20',
      'go1.20.14',
    ],
    ['go.mod heroku-directive', { app: full }, 'go1.19', 'go1.19.13'],
    [
      'go.mod toolchain',
      { app: { ...full, goMod: 'module m\ntoolchain go1.22.5\ngo 1.22.3\n' } },
      'go1.22.5',
      'go1.22.5',
    ],
    ['go.mod go', { app: { ...full, goMod: 'module m\ngo 1.22.3\n' } }, '1.22.3', 'go1.22.12'],
    ['go.work toolchain', { app: noMod }, 'go1.21.4', 'go1.21.4'],
    ['go.work go', { app: { ...noMod, goWork: 'go 1.21.1\n' } }, '1.21.1', 'go1.21.13'],
    ['.go-version', { app: noWork }, '1.18', 'go1.18.10'],
    ['.tool-versions', { app: { ...noWork, goVersion: undefined } }, '1.17.2', 'go1.17.2'],
    [
      'Godeps.json',
      { app: { ...noWork, goVersion: undefined, toolVersions: 'nodejs 20\n' } },
      'go1.16',
      'go1.16.15',
    ],
    [
      'vendor.json',
      { app: { ...noWork, goVersion: undefined, toolVersions: undefined, godeps: '{not json' } },
      'go1.15',
      'go1.15.15',
    ],
  ] as const)('%s', (source, opts, raw, goName) => {
    const choice = chooseVersionSpec(opts);
    expect(choice.source).toBe(source);
    if (choice.spec === undefined) throw new Error('expected a spec');
    expect(choice.raw).toBe(raw);
    expect(resolveRelease(choice.spec, releases, 'linux', 'amd64').goName).toBe(goName);
  });

  it('default when nothing names a version', () => {
    expect(
      chooseVersionSpec({ input: '', envGOVERSION: '', app: { goMod: 'module m\n' } }),
    ).toEqual({
      spec: undefined,
      source: 'default',
    });
    expect(
      chooseVersionSpec({ app: { godeps: '{"GoVersion": 16}', vendorJson: '{"heroku": null}' } })
        .source,
    ).toBe('default');
  });

  it.each([
    // a go directive newer than the toolchain wins, as a minimum
    ['go 1.23.0\ntoolchain go1.22.5\n', 'go.mod go', 'go1.23.12'],
    ['go 1.22.6\ntoolchain go1.22.5\n', 'go.mod go', 'go1.22.12'],
    // equal or older: the toolchain, exactly
    ['go 1.22.5\ntoolchain go1.22.5\n', 'go.mod toolchain', 'go1.22.5'],
    ['go 1.21\ntoolchain go1.22.1\n', 'go.mod toolchain', 'go1.22.1'],
    ['go 1.21rc2\ntoolchain go1.21.0\n', 'go.mod toolchain', 'go1.21.0'],
    // `toolchain default` names no toolchain
    ['go 1.22.3\ntoolchain default\n', 'go.mod go', 'go1.22.12'],
    ['go 1.21rc2\n', 'go.mod go', 'go1.21.13'],
  ])('go.mod %j → %s → %s', (goMod, source, goName) => {
    const choice = chooseVersionSpec({ app: { goMod: `module m\n${goMod}` } });
    expect(choice.source).toBe(source);
    if (choice.spec === undefined) throw new Error('expected a spec');
    expect(resolveRelease(choice.spec, releases, 'linux', 'amd64').goName).toBe(goName);
  });

  it.each([
    [
      { path: 'ci/go.mod', content: 'module m\n// +heroku goVersion go1.21\ngo 1.23.0\n' },
      'go1.21',
      'go1.21.13',
    ],
    [
      { path: 'ci/go.mod', content: 'module m\ngo 1.23.0\ntoolchain go1.23.2\n' },
      'go1.23.2',
      'go1.23.2',
    ],
    // go.work has no Heroku directive
    [
      { path: 'go.work', content: '// +heroku goVersion go1.21\ngo 1.23.0\n' },
      '1.23.0',
      'go1.23.12',
    ],
    [{ path: '/abs/.tool-versions', content: 'ruby 3.3\ngo 1.22.4\n' }, '1.22.4', 'go1.22.4'],
    // any other name is raw text, like setup-go
    [{ path: 'build/go.tool.mod', content: ' ^1.22 \n' }, '^1.22', 'go1.27.0'],
  ])('go-version-file %j', (versionFile, raw, goName) => {
    const choice = chooseVersionSpec({ versionFile, app: { goMod: 'module m\ngo 1.11\n' } });
    expect(choice.source).toBe('go-version-file');
    if (choice.spec === undefined) throw new Error('expected a spec');
    expect(choice.raw).toBe(raw);
    expect(resolveRelease(choice.spec, releases, 'linux', 'amd64').goName).toBe(goName);
  });

  it.each([
    [
      { input: '1.2x', app: {} },
      'go-version: "1.2x" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    ],
    [
      { envGOVERSION: 'latest', app: {} },
      'GOVERSION: "latest" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    ],
    [
      { app: { goMod: 'module m\n// +heroku goVersion go 1.15\n' } },
      'go.mod heroku-directive: "go" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    ],
    [
      { app: { goMod: 'module m\ngo 1.22\ntoolchain 1.22.5\n' } },
      'go.mod toolchain: "1.22.5" is not a Go toolchain name; use a toolchain name such as go1.22.5 (as in `toolchain go1.22.5`)',
    ],
    [
      { app: { goWork: 'go 1.x\n' } },
      'go.work go directive: "1.x" is not a Go version; use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)',
    ],
    [
      { app: { godeps: '{"GoVersion": "devel-abc123"}' } },
      'Godeps/Godeps.json GoVersion: "devel-abc123" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    ],
    [
      { versionFile: { path: 'x/.go-version', content: 'system\n' }, app: {} },
      'go-version-file x/.go-version: "system" is not a Go version; use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    ],
    [
      { versionFile: { path: 'x/go.mod', content: 'module m\n' }, app: { goMod: 'go 1.22\n' } },
      'go-version-file: x/go.mod names no Go version; add one or remove go-version-file',
    ],
  ])('errors name where the value came from: %j', (opts, message) => {
    const err = errorOf(() => chooseVersionSpec(opts));
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(message);
  });
});
