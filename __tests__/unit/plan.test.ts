// decidePlan: the plan's decisions from gathered facts alone (no file is read, nothing runs), over
// the platforms' rules: the version spec and Heroku's default and override, what a gomod build
// installs on each platform, the notices and warnings each says, and the refusals, in the order
// a run meets them (a refused app file is raised where the plan reaches it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readInputs } from '../../src/inputs.js';
import type { AppLayout } from '../../src/plan/app-layout.js';
import { decidePlan, type PlanFacts } from '../../src/plan/plan.js';
import { HEROKU_DEFAULT_GO } from '../../src/plan/platform.js';
import type { AppVersionFiles } from '../../src/plan/version-source.js';
import type { Runtime } from '../../src/runtime/ports.js';

// readInputs checks that the app dir is a directory of the workspace: a real, empty one. The
// facts below are made up; nothing in it is read.
const WS = path.join(fs.realpathSync(os.tmpdir()), `plan-ws-${process.pid}`);
beforeAll(() => fs.mkdirSync(path.join(WS, 'app'), { recursive: true }));
afterAll(() => fs.rmSync(WS, { recursive: true, force: true }));

const NO_LAYOUT: AppLayout = {
  hasGoMod: false,
  hasGoWork: false,
  hasMakefile: false,
  hasMainGo: false,
  hasClevercloudGoJson: false,
  hasGlideYaml: false,
  binIsNotDir: false,
  binIsLink: false,
  profileDIsLink: false,
  hasGbSrc: false,
  gbDirs: [],
  hasVendorDir: false,
};

interface Case {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  layout?: Partial<AppLayout>;
  files?: Partial<AppVersionFiles>;
  host?: Runtime['host'];
  appRefused?: unknown;
}

function facts(c: Case): PlanFacts {
  const rt = {
    env: c.env ?? {},
    input: (n: string) => ({ 'working-directory': 'app', ...c.inputs })[n]?.trim() ?? '',
    workspace: WS,
    host: { platform: 'linux', arch: 'x64' },
    mask: () => undefined,
  } as unknown as Runtime;
  return {
    inputs: readInputs(rt),
    host: c.host ?? { platform: 'linux', arch: 'x64' },
    app: c.appRefused
      ? { refused: c.appRefused }
      : { value: { layout: { ...NO_LAYOUT, ...c.layout }, versionFiles: { ...c.files } } },
    slugignore: {},
    procfile: { refused: new UserError('never raised by decidePlan') },
  };
}

function decide(c: Case) {
  const warnings: string[] = [];
  const plan = decidePlan(facts(c), warnings);
  return { plan, warnings };
}

const MODULE = {
  layout: { hasGoMod: true },
  files: { goMod: 'module example.com/app\n\ngo 1.22\n' },
};

describe('decidePlan over the platforms', () => {
  it.each([
    ['clever-cloud', ['example.com/app'], 'module'],
    ['heroku', [], 'discover'],
  ])('%s: a module app installs %j (%s), with the go.mod version', (platform, packages, source) => {
    const { plan, warnings } = decide({ ...MODULE, inputs: { platform } });
    expect(plan.detection.method).toBe('gomod');
    expect(plan.build.gomod).toEqual({ packages, source });
    expect(plan.choice).toMatchObject({ source: 'go.mod go', raw: '1.22' });
    expect(warnings).toEqual([]);
  });

  it('heroku: no version anywhere is its default, with its warning; clever-cloud leaves it open', () => {
    const noGo = { layout: { hasGoMod: true }, files: { goMod: 'module example.com/app\n' } };
    const h = decide({ ...noGo, inputs: { platform: 'heroku' } });
    expect(h.plan.choice).toMatchObject({ source: 'default', raw: HEROKU_DEFAULT_GO.spec });
    expect(h.warnings).toEqual([
      expect.stringMatching(/^The go.mod file for this project does not specify a Go version/),
    ]);
    const cc = decide({ ...noGo, inputs: { platform: 'clever-cloud' } });
    expect(cc.plan.choice.spec).toBeUndefined();
    expect(cc.warnings).toEqual([]);
  });

  it.each([
    ['go-version', { inputs: { 'go-version': '1.23' } }, 'go-version'],
    ['GOVERSION', { env: { GOVERSION: 'go1.23' } }, 'GOVERSION'],
  ] as [string, Case, string][])(
    'heroku: the %s override wins and says so',
    (_what, over, name) => {
      const { plan, warnings } = decide({
        ...MODULE,
        ...over,
        inputs: { platform: 'heroku', ...over.inputs },
      });
      expect(plan.choice).toMatchObject({ raw: expect.stringMatching(/1\.23/) });
      expect(warnings).toEqual([expect.stringContaining(`Using the ${name} override`)]);
    },
  );

  it('heroku: modules with a Go before 1.11 are refused; clever-cloud builds with it', () => {
    const old = { layout: { hasGoMod: true }, files: { goMod: 'module m\n' } };
    expect(() => decide({ ...old, inputs: { platform: 'heroku', 'go-version': '1.10' } })).toThrow(
      UserError,
    );
    expect(
      decide({ ...old, inputs: { platform: 'clever-cloud', 'go-version': '1.10' } }).plan.build
        .gomod,
    ).toEqual({ packages: ['m'], source: 'module' });
  });

  it('// +heroku install: installed on heroku, a notice on clever-cloud', () => {
    const goMod = 'module example.com/app\n// +heroku install ./cmd/web ./cmd/worker\ngo 1.22\n';
    const h = decide({
      layout: { hasGoMod: true },
      files: { goMod },
      inputs: { platform: 'heroku' },
    });
    expect(h.plan.build.gomod).toEqual({
      packages: ['./cmd/web', './cmd/worker'],
      source: 'heroku-install',
    });
    const cc = decide({
      layout: { hasGoMod: true },
      files: { goMod },
      inputs: { platform: 'clever-cloud' },
    });
    expect(cc.plan.build.gomod?.source).toBe('module');
    expect(cc.plan.notices).toEqual([expect.stringContaining('read on Heroku only')]);
  });

  it('install-package-spec: a warning on heroku, a notice on clever-cloud', () => {
    const spec = { 'install-package-spec': './cmd/a' };
    const h = decide({ ...MODULE, inputs: { platform: 'heroku', ...spec } });
    expect(h.warnings).toEqual([expect.stringMatching(/not the detected main packages$/)]);
    const cc = decide({ ...MODULE, inputs: { platform: 'clever-cloud', ...spec } });
    expect(cc.warnings).toEqual([]);
    expect(cc.plan.notices).toEqual([expect.stringContaining('install-package-spec')]);
    expect(cc.plan.build.gomod).toEqual({ packages: ['./cmd/a'], source: 'install-package-spec' });
  });

  it('a main.go without go.mod is a GOPATH build placed under the app folder name', () => {
    const { plan } = decide({ layout: { hasMainGo: true }, inputs: { platform: 'clever-cloud' } });
    expect(plan.detection.method).toBe('gobuild');
    expect(plan.build.gopath?.importPath).toBe('app');
    expect(plan.build.importPath).toBe('app');
  });

  it.each([
    ['binIsLink', /^bin: is a symlink/],
    ['profileDIsLink', /^\.profile\.d: is a symlink/],
    ['binIsNotDir', /^bin: File bin exists and is not a directory/],
  ])('%s is refused on both platforms', (flag, message) => {
    for (const platform of ['heroku', 'clever-cloud'])
      expect(() =>
        decide({ ...MODULE, layout: { hasGoMod: true, [flag]: true }, inputs: { platform } }),
      ).toThrow(message);
  });
});

describe('the order of refusals', () => {
  it('a smoke test on a machine that cannot run it comes before a refused app file', () => {
    const refused = new UserError('go.mod: is a symlink out of the app');
    expect(() =>
      decide({
        inputs: { 'smoke-test': 'true' },
        host: { platform: 'darwin', arch: 'arm64' },
        appRefused: refused,
      }),
    ).toThrow(/^smoke-test: "true" needs a Linux machine/);
    expect(() => decide({ appRefused: refused })).toThrow(refused);
  });

  it('a go-version-file that is not a file of the workspace is refused before the app files', () => {
    const f = facts({ appRefused: new UserError('app refused') });
    f.versionFile = { value: { path: '/ws/nope/go.mod', rel: 'nope/go.mod' } };
    expect(() => decidePlan(f, [])).toThrow(/^go-version-file: "nope\/go.mod" is not a file/);
  });
});
