import { describe, expect, it } from 'vitest';
import { choosePackages, detect } from '../../src/plan/detect.js';
import { parseGopkgToml } from '../../src/plan/legacy.js';
import { HEROKU_DEFAULT_GO, beforeModules } from '../../src/plan/platform.js';
import { chooseVersionSpec } from '../../src/plan/version-source.js';
import { parseVersionSpec } from '../../src/toolchain/version-spec.js';
import { layout } from '../../test/support/layouts.js';

describe("Heroku's default Go", () => {
  it(`is go1.25, the buildpack's data.json DefaultVersion (last checked ${HEROKU_DEFAULT_GO.checked})`, () => {
    expect(HEROKU_DEFAULT_GO.spec).toBe('1.25');
    expect(HEROKU_DEFAULT_GO.source).toContain('heroku/heroku-buildpack-go data.json');
    expect(parseVersionSpec(HEROKU_DEFAULT_GO.spec, 'user', 'x')).toEqual({
      kind: 'latest-minor',
      raw: '1.25',
      minor: '1.25',
    });
  });
});

describe('modules need Go 1.11', () => {
  it.each([
    ['1.10', 'user', true],
    ['go1.10.8', 'user', true],
    ['1.9', 'go-directive', true],
    ['<1.11', 'user', true],
    ['1.11', 'user', false],
    ['1.11.0', 'go-directive', false],
    ['>=1.10', 'user', false],
    ['stable', 'user', false],
  ] as const)('%s (%s) predates modules: %s', (raw, kind, want) => {
    expect(beforeModules(parseVersionSpec(raw, kind, 'x'))).toBe(want);
  });
});

describe('dep (Gopkg.toml)', () => {
  const toml =
    '[metadata.heroku]\nroot-package = "github.com/acme/app"\ngo-version = "go1.19"\ninstall = ["./cmd/...", "."]\n';

  it('reads metadata.heroku', () => {
    expect(parseGopkgToml(toml)).toEqual({
      tool: 'dep',
      rootPackage: 'github.com/acme/app',
      install: ['./cmd/...', '.'],
      goVersion: 'go1.19',
    });
    expect(parseGopkgToml('[metadata.heroku]\nroot-package = "x.org/y"\n').install).toEqual(['.']);
  });

  it.each([
    ['[[constraint]\nname = "x"\n', 'Bad Gopkg.toml file: line 1, column'],
    [
      '[metadata]\n',
      `The 'metadata.heroku["root-package"]' field is not specified in 'Gopkg.toml'`,
    ],
    [
      '[metadata.heroku]\nroot-package = "../x"\n',
      'Gopkg.toml metadata.heroku.root-package: "../x" is not an import path',
    ],
    [
      '[metadata.heroku]\nroot-package = "x.org/y"\ninstall = ["-toolexec=z"]\n',
      'Gopkg.toml metadata.heroku.install: "-toolexec=z" starts with "-"',
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parseGopkgToml(text)).toThrow(message);
  });

  it('is detected before Godeps.json, needs vendor/, and names its go-version', () => {
    const d = detect({
      buildTool: 'auto',
      layout: layout({ gopkgToml: toml, hasVendorDir: true, godepsJson: '{' }),
      appDir: '/app',
    });
    expect(d.method).toBe('dep');
    expect(d.warnings[0]).toMatch(/^This app uses dep \(Gopkg\.toml\), which is deprecated/);
    expect(() =>
      detect({ buildTool: 'auto', layout: layout({ gopkgToml: toml }), appDir: '/app' }),
    ).toThrow(/^Gopkg\.toml found \(dep\) without a vendor\/ directory/);
    const v = chooseVersionSpec({ app: { gopkgToml: toml } });
    expect(v.source).toBe('Gopkg.toml');
  });

  it('glide fails with one line', () => {
    expect(() =>
      detect({ buildTool: 'auto', layout: layout({ hasGlideYaml: true }), appDir: '/app' }),
    ).toThrow(/^glide\.yaml found: glide is not supported .* a go\.mod is needed/);
  });
});

describe('warnings survive a failed detection', () => {
  it('the Makefile warning is in the sink when go.work without a package fails', () => {
    const warnings: string[] = [];
    expect(() =>
      detect({
        buildTool: 'auto',
        layout: layout({ hasMakefile: true, hasGoWork: true }),
        appDir: '/app',
        warnings,
      }),
    ).toThrow(/go\.work found/);
    expect(warnings).toEqual(['Makefile found but CC_GO_BINARY is not set; ignoring it']);
  });
});

describe("Clever Cloud's gomod rule", () => {
  it('installs the module path when nothing is given, and package still wins', () => {
    expect(choosePackages({ modulePath: 'example.com/app' })).toEqual({
      packages: ['example.com/app'],
      source: 'module',
    });
    expect(choosePackages({ modulePath: 'example.com/app', package: './cmd/x' }).source).toBe(
      'package',
    );
    expect(choosePackages({}).source).toBe('discover');
  });
});
