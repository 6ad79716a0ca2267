/**
 * The SBOM (SPEC §11): `go version -m` text parsed into build info, the model that lists each
 * module once, and both documents checked by their formats' own schemas and validators.
 */
import { createHash } from 'node:crypto';
import fs, { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSetting, parseVersionM, readQuoted } from '../../src/sbom/buildinfo.js';
import { renderSbom, repositoryUrl, writeSbom } from '../../src/sbom/index.js';
import {
  buildModel,
  goPurl,
  h1Hex,
  moduleList,
  uuidV5,
  type SbomSubject,
} from '../../src/sbom/model.js';
import { PRODUCT } from '../../src/product.js';
import {
  SPDX_SCHEMA_PATH,
  SPDX_SCHEMA_SHA256,
  cyclonedxErrors,
  spdxErrors,
} from '../../test/support/sbom-schemas.js';

const SUM_A = `h1:${Buffer.alloc(32, 1).toString('base64')}`;
const SUM_B = `h1:${Buffer.alloc(32, 2).toString('base64')}`;
const SUM_C = `h1:${Buffer.alloc(32, 3).toString('base64')}`;

/** What `go version -m` prints for a binary with a replaced dependency and quoted settings. */
function versionM(file: string, over: { go?: string; extraDep?: string } = {}): string {
  return [
    `${file}: ${over.go ?? 'go1.24.4'}`,
    '\tpath\texample.com/app/cmd/web',
    '\tmod\texample.com/app\t(devel)\t',
    `\tdep\texample.com/greet\tv1.1.0\t${SUM_A}`,
    '\tdep\texample.com/old\tv1.0.0',
    `\t=>\texample.com/new\tv1.2.0+incompatible\t${SUM_B}`,
    '\t',
    '\tdep\texample.com/local\tv0.0.0',
    '\t=>\t../local\t(devel)\t',
    '\t',
    ...(over.extraDep ? [over.extraDep] : []),
    '\tbuild\t-buildmode=exe',
    '\tbuild\t-ldflags="-X \\"main.v=a b\\" -s"',
    '\tbuild\t"odd key="=x',
    '\tbuild\tCGO_ENABLED=0',
    '\tbuild\tGOOS=linux',
    '',
  ].join('\n');
}

describe('go version -m text', () => {
  it('gives the main module, dependencies with replacements, and the build settings', () => {
    const info = parseVersionM(versionM('/s/bin/web'), '/s/bin/web')!;
    expect(info.goVersion).toBe('go1.24.4');
    expect(info.path).toBe('example.com/app/cmd/web');
    expect(info.main).toEqual({ path: 'example.com/app', version: '(devel)', sum: '' });
    expect(info.deps).toEqual([
      { path: 'example.com/greet', version: 'v1.1.0', sum: SUM_A },
      {
        path: 'example.com/old',
        version: 'v1.0.0',
        sum: '',
        replace: { path: 'example.com/new', version: 'v1.2.0+incompatible', sum: SUM_B },
      },
      {
        path: 'example.com/local',
        version: 'v0.0.0',
        sum: '',
        replace: { path: '../local', version: '(devel)', sum: '' },
      },
    ]);
    expect(info.settings).toEqual([
      { key: '-buildmode', value: 'exe' },
      { key: '-ldflags', value: '-X "main.v=a b" -s' },
      { key: 'odd key=', value: 'x' },
      { key: 'CGO_ENABLED', value: '0' },
      { key: 'GOOS', value: 'linux' },
    ]);
  });

  it("reads only the named file's header", () => {
    expect(parseVersionM(versionM('/s/bin/web'), '/s/bin/api')).toBeUndefined();
    expect(parseVersionM('', '/s/bin/web')).toBeUndefined();
    expect(parseVersionM('/s/bin/web: go1.12.17\n', '/s/bin/web')).toEqual({
      goVersion: 'go1.12.17',
      deps: [],
      settings: [],
    });
  });

  it("unquotes as Go's strconv.Quote quotes", () => {
    expect(readQuoted('"a\\tb\\n\\"c\\\\"', 0)).toEqual({ value: 'a\tb\n"c\\', end: 13 });
    expect(readQuoted('"\\u00e9\\U0001F600\\x41\\101"', 0)?.value).toBe('é😀AA');
    expect(readQuoted('"\\xc3\\xa9"', 0)?.value).toBe('é');
    expect(readQuoted('"naïve ✓"', 0)?.value).toBe('naïve ✓');
    for (const bad of ['"open', '"\\q"', '"\\x4"', '"\\ud800"', '"\\400"', 'x'])
      expect(readQuoted(bad, 0), bad).toBeUndefined();
    expect(parseSetting('noequals')).toBeUndefined();
    expect(parseSetting('"unterminated=x')).toBeUndefined();
    expect(parseSetting('k="half')).toEqual({ key: 'k', value: '"half' });
    expect(parseSetting('-tags=a,b')).toEqual({ key: '-tags', value: 'a,b' });
  });
});

function subject(over: Partial<SbomSubject> = {}): SbomSubject {
  const info = (file: string) => parseVersionM(versionM(file), file);
  return {
    name: 'app-linux-amd64-go1.24.4',
    created: 1_700_000_000,
    tool: PRODUCT,
    repositoryUrl: 'https://github.com/owner/app',
    binaries: [
      { file: 'bin/web', sha256: 'a'.repeat(64), info: info('/s/bin/web') },
      { file: 'bin/worker', sha256: 'b'.repeat(64), info: info('/s/bin/worker') },
      { file: 'bin/helper.sh', sha256: 'c'.repeat(64) },
    ],
    ...over,
  };
}

describe('the model', () => {
  it('lists each module once, replacements as what was built, and the standard library', () => {
    const m = buildModel(subject());
    expect(moduleList(m)).toEqual([
      'example.com/app',
      'example.com/greet@v1.1.0',
      'example.com/local',
      'example.com/new@v1.2.0+incompatible',
    ]);
    const byName = new Map(m.components.map((c) => [c.name, c]));
    expect(byName.get('example.com/new')).toMatchObject({
      sum: SUM_B,
      purl: 'pkg:golang/example.com/new@v1.2.0%2Bincompatible',
      replaced: 'replaces example.com/old@v1.0.0',
    });
    expect(byName.get('example.com/local')).toMatchObject({
      version: '',
      sum: '',
      replaced: 'replaced by the directory ../local',
    });
    expect(byName.get('stdlib')).toMatchObject({
      version: 'go1.24.4',
      purl: 'pkg:golang/stdlib@1.24.4',
    });
    // Both Go binaries link the same five components; the shell script links none.
    const [helper, web, worker] = m.binaries;
    expect(helper!.file).toBe('bin/helper.sh');
    expect(helper!.links).toEqual([]);
    expect(web!.links).toHaveLength(5);
    expect(worker!.links).toEqual(web!.links);
    expect(web!.builtFrom).toBe(m.components.find((c) => c.kind === 'main-module')!.ref);
  });

  it('keeps two Go releases apart, and experiments off the version', () => {
    const m = buildModel(
      subject({
        binaries: [
          {
            file: 'bin/a',
            sha256: 'a'.repeat(64),
            info: parseVersionM(versionM('a', { go: 'go1.22.2' }), 'a'),
          },
          {
            file: 'bin/b',
            sha256: 'b'.repeat(64),
            info: parseVersionM(versionM('b', { go: 'go1.24.4 X:boringcrypto' }), 'b'),
          },
        ],
      }),
    );
    expect(m.components.filter((c) => c.kind === 'stdlib').map((c) => c.version)).toEqual([
      'go1.22.2',
      'go1.24.4',
    ]);
  });

  it('package URLs and checksums', () => {
    expect(goPurl('github.com/BurntSushi/toml', 'v1.3.2')).toBe(
      'pkg:golang/github.com/BurntSushi/toml@v1.3.2',
    );
    expect(goPurl('example.com/app', '')).toBe('pkg:golang/example.com/app');
    expect(h1Hex(SUM_C)).toBe('03'.repeat(32));
    expect(h1Hex('h1:short=')).toBeUndefined();
    expect(h1Hex('h2:' + SUM_C.slice(3))).toBeUndefined();
    // What Python's uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/x') gives.
    expect(uuidV5('https://example.com/x')).toBe('49517db3-5541-5e91-9cd4-395dd68a97ac');
  });

  it('repositoryUrl names the repository only from well-formed values', () => {
    expect(repositoryUrl({ GITHUB_REPOSITORY: 'owner/app' })).toBe('https://github.com/owner/app');
    expect(
      repositoryUrl({ GITHUB_REPOSITORY: 'o/a', GITHUB_SERVER_URL: 'https://ghe.example/' }),
    ).toBe('https://ghe.example/o/a');
    expect(repositoryUrl({ GITHUB_REPOSITORY: 'o/a/../../x' })).toBeUndefined();
    expect(repositoryUrl({ GITHUB_REPOSITORY: 'o/a', GITHUB_SERVER_URL: 'javascript:x' })).toBe(
      undefined,
    );
    expect(repositoryUrl({})).toBeUndefined();
  });
});

describe('the documents pass their schemas', () => {
  it('the SPDX schema copy is the published one', () => {
    const sum = createHash('sha256').update(readFileSync(SPDX_SCHEMA_PATH)).digest('hex');
    expect(sum).toBe(SPDX_SCHEMA_SHA256);
  });

  it('SPDX 2.3', () => {
    const text = renderSbom(buildModel(subject()), 'spdx');
    expect(spdxErrors(text)).toEqual([]);
    const doc = JSON.parse(text);
    expect(doc.creationInfo).toEqual({
      created: '2023-11-14T22:13:20Z',
      creators: [`Tool: go-paas-build-${PRODUCT.version}`],
    });
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/github\.com\/owner\/app\/sbom\/app-linux-amd64-go1\.24\.4-[0-9a-f]{32}$/,
    );
    const greet = doc.packages.find((p: { name: string }) => p.name === 'example.com/greet');
    expect(greet.versionInfo).toBe('v1.1.0');
    expect(greet.checksums).toEqual([{ algorithm: 'SHA256', checksumValue: '01'.repeat(32) }]);
    expect(greet.externalRefs[0].referenceLocator).toBe('pkg:golang/example.com/greet@v1.1.0');
    const web = doc.packages.find((p: { name: string }) => p.name === 'web');
    expect(web.annotations[0].comment).toContain('-ldflags=-X "main.v=a b" -s');
    const links = doc.relationships.filter(
      (r: { spdxElementId: string; relationshipType: string }) =>
        r.spdxElementId === web.SPDXID && r.relationshipType === 'STATIC_LINK',
    );
    expect(links).toHaveLength(4);
  });

  it('CycloneDX 1.5', async () => {
    const text = renderSbom(buildModel(subject()), 'cyclonedx');
    expect(await cyclonedxErrors(text)).toEqual([]);
    const doc = JSON.parse(text);
    expect(doc.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
    const web = doc.components.find((c: { name: string }) => c.name === 'web');
    expect(web.properties).toContainEqual({ name: 'cdx:gomod:build:env:GOOS', value: 'linux' });
    expect(doc.dependencies[0]).toEqual({
      ref: 'Slug',
      dependsOn: ['Binary-helper.sh', 'Binary-web', 'Binary-worker'],
    });
  });

  it('the validators refuse what is wrong, so a pass means something', async () => {
    const spdx = JSON.parse(renderSbom(buildModel(subject()), 'spdx'));
    delete spdx.packages[1].downloadLocation;
    spdx.relationships.push({
      spdxElementId: 'SPDXRef-Nowhere',
      relationshipType: 'CONTAINS',
      relatedSpdxElement: 'SPDXRef-Slug',
    });
    spdx.packages[2].checksums = [{ algorithm: 'SHA-256', checksumValue: 'x' }];
    const errs = spdxErrors(JSON.stringify(spdx));
    expect(errs.some((e) => e.includes("must have required property 'downloadLocation'"))).toBe(
      true,
    );
    expect(errs.some((e) => e.includes('/checksums/0/algorithm'))).toBe(true);
    expect(errs).toContain('relationship to unknown SPDXRef-Nowhere');

    const cdx = JSON.parse(renderSbom(buildModel(subject()), 'cyclonedx'));
    cdx.components[0].type = 'binary';
    cdx.dependencies.push({ ref: 'Ghost' });
    const cerrs = await cyclonedxErrors(JSON.stringify(cdx));
    expect(cerrs.some((e) => e.startsWith('schema:'))).toBe(true);
    expect(cerrs).toContain('dependency on unknown Ghost');
  });

  it('the same build gives the same bytes, another build another URI', () => {
    for (const f of ['spdx', 'cyclonedx'] as const) {
      const a = renderSbom(buildModel(subject()), f);
      expect(renderSbom(buildModel(subject()), f)).toBe(a);
      const other = subject();
      other.binaries[0] = { ...other.binaries[0]!, sha256: 'd'.repeat(64) };
      const b = renderSbom(buildModel(other), f);
      const id = (t: string) => JSON.parse(t).documentNamespace ?? JSON.parse(t).serialNumber;
      expect(id(b)).not.toBe(id(a));
    }
  });

  it('PRODUCT names the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(PRODUCT).toEqual({ name: pkg.name, version: pkg.version });
  });
});

describe('writeSbom', () => {
  it('replaces a symlink left at its name or its temporary name, never writing through it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbom-write-'));
    try {
      const victim = path.join(dir, 'victim');
      fs.writeFileSync(victim, 'keep');
      const slugDir = path.join(dir, 'slug');
      fs.mkdirSync(slugDir);
      const target = path.join(dir, 'app.spdx.json');
      fs.symlinkSync(victim, target);
      fs.symlinkSync(victim, `${target}.${process.pid}.tmp`);
      const logged: string[] = [];
      const log = {
        info: (m: string) => logged.push(m),
        warning: (m: string) => logged.push(m),
        notice: () => undefined,
        debug: () => undefined,
        group: <T>(_t: string, fn: () => Promise<T>) => fn(),
      };
      const w = await writeSbom({
        format: 'spdx',
        slug: { dir: slugDir, binaries: [] },
        name: 'app',
        created: 0,
        genv: { goroot: '/nonexistent', gopath: dir, env: {} },
        env: {},
        log,
      });
      expect(w.path).toBe(target);
      expect(fs.readFileSync(victim, 'utf8')).toBe('keep');
      expect(fs.lstatSync(target).isFile()).toBe(true);
      expect(fs.existsSync(`${target}.${process.pid}.tmp`)).toBe(false);
      expect(spdxErrors(fs.readFileSync(target, 'utf8'))).toEqual([]);
      expect(logged).toEqual([`Wrote the SBOM (SPDX 2.3) to ${target}: 0 binaries, 0 Go modules`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
