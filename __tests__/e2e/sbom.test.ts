/**
 * The SBOM (SPEC §11) from the bundled action with real Go: the moddeps app built against a
 * loopback module proxy, its document checked by the format's schema and validator, each module
 * with the version and go.sum hash the build used, uploaded beside the slug; and the build-info
 * parser held to what the go command itself prints as JSON.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVersionM } from '../../src/sbom/buildinfo.js';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { extractedGoroot, goFixtures } from '../../test/support/fixtures.js';
import {
  moddepsBuildList,
  serveGoProxy,
  writeTestProxy,
  type GoProxyServer,
} from '../../test/support/goproxy.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import {
  resultsEnv,
  startResultsServer,
  type ResultsServer,
} from '../../test/support/results-server.js';
import { cyclonedxErrors, spdxErrors } from '../../test/support/sbom-schemas.js';
import { downloadArtifact, runEnv, workspaceWith } from './helpers.js';

let releases: ReleaseServer;
let results: ResultsServer;
let proxy: GoProxyServer;
let toolCache: string;
let runId = 7000;

beforeAll(async () => {
  releases = await startReleaseServer({ fixtures: await goFixtures() });
  results = await startResultsServer();
  const dir = await makeTempDir('goproxy-sbom-');
  await writeTestProxy(dir);
  proxy = await serveGoProxy(dir);
  toolCache = await makeTempDir('tc-sbom-');
});
afterAll(async () => {
  await Promise.all([releases.close(), results.close(), proxy.close()]);
  await cleanupTempDirs();
});

async function build(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const ws = await workspaceWith('moddeps');
  runId += 1;
  const run = await runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: {
      'go-download-base-url': releases.url,
      'go-version': '1.24',
      package: './...',
      ...inputs,
    },
    env: await runEnv({
      GOPROXY: proxy.url,
      ...resultsEnv(results, { runId: `run${runId}` }),
      GITHUB_RUN_ID: String(runId),
      ACTIONS_CACHE_SERVICE_V2: '',
      ...env,
    }),
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run;
}

/** go.sum's `h1:` of each module line (not `/go.mod`), as hex. */
function goSumHex(): Map<string, string> {
  const file = path.join(import.meta.dirname, '..', 'fixtures', 'apps', 'moddeps', 'go.sum');
  const out = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [mod, ver, sum] = line.split(' ');
    if (!mod || !ver || ver.endsWith('/go.mod') || !sum?.startsWith('h1:')) continue;
    out.set(`${mod}@${ver}`, Buffer.from(sum.slice(3), 'base64').toString('hex'));
  }
  return out;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  packageFileName?: string;
  checksums?: { algorithm: string; checksumValue: string }[];
  externalRefs?: { referenceLocator: string }[];
}

describe('sbom', () => {
  it('spdx: the moddeps binaries, every module with its version and go.sum hash, uploaded beside the slug', async () => {
    const run = await build({ sbom: 'spdx' });
    const file = run.outputs['sbom']!;
    const slugDir = run.outputs['slug-dir']!;
    expect(path.dirname(file)).toBe(path.dirname(slugDir));
    expect(path.basename(file)).toBe(`${path.basename(slugDir)}.spdx.json`);
    const text = readFileSync(file, 'utf8');
    expect(spdxErrors(text)).toEqual([]);
    const doc = JSON.parse(text) as { name: string; packages: SpdxPackage[] };
    expect(doc.name).toBe(path.basename(slugDir));

    // Every module the build list holds, with go.sum's hash as its checksum.
    const sums = goSumHex();
    const modules = doc.packages.filter((p) => p.externalRefs && p.name !== 'stdlib');
    const listed = modules.map((p) => (p.versionInfo ? `${p.name}@${p.versionInfo}` : p.name));
    expect(listed.sort()).toEqual(['example.com/moddeps', ...moddepsBuildList].sort());
    for (const p of modules.filter((m) => m.versionInfo)) {
      expect(p.checksums, p.name).toEqual([
        { algorithm: 'SHA256', checksumValue: sums.get(`${p.name}@${p.versionInfo}`) },
      ]);
      expect(p.externalRefs![0]!.referenceLocator).toBe(`pkg:golang/${p.name}@${p.versionInfo}`);
    }
    expect(doc.packages.find((p) => p.name === 'stdlib')?.versionInfo).toBe('go1.24.4');

    // Both binaries, by their bytes in the slug.
    const bins = doc.packages.filter((p) => p.packageFileName);
    expect(bins.map((b) => b.packageFileName).sort()).toEqual(['bin/moddeps', 'bin/tool']);
    for (const b of bins) {
      expect(b.checksums).toEqual([
        { algorithm: 'SHA256', checksumValue: sha256(path.join(slugDir, b.packageFileName!)) },
      ]);
    }

    expect(run.stdout).toMatch(
      /Wrote the SBOM \(SPDX 2\.3\) to \S+\.spdx\.json: 2 binaries, 5 Go modules \(/,
    );
    // Its own artifact, the file as is.
    const stored = results.artifacts().find((a) => a.name === path.basename(file));
    expect(stored?.finalized).toBe(true);
    const dest = await downloadArtifact(results, stored!.id, `run${runId}`);
    expect(readdirSync(dest)).toEqual([path.basename(file)]);
    expect(readFileSync(path.join(dest, path.basename(file)), 'utf8')).toBe(text);
    expect(run.summary).toMatch(
      new RegExp(
        `^\\| SBOM \\| \\[${path.basename(file).replace(/\./g, '\\.')}\\]\\(https://github\\.com/owner/app/actions/runs/${runId}/artifacts/${stored!.id}\\) \\(\\d+(\\.\\d+)? KiB\\), json<br>SPDX 2\\.3, 5 Go modules \\|$`,
        'm',
      ),
    );
    expect(run.summary).toMatch(/^\| SBOM \| \d+\.\d s \|$/m);
  });

  it('cyclonedx: a CycloneDX 1.5 BOM that passes the strict validator', async () => {
    const run = await build({ sbom: 'cyclonedx', upload: 'false' });
    const file = run.outputs['sbom']!;
    expect(file.endsWith('.cdx.json')).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(await cyclonedxErrors(text)).toEqual([]);
    const doc = JSON.parse(text) as {
      components: { name: string; version?: string; purl?: string; type: string }[];
    };
    const libs = doc.components.filter((c) => c.type === 'library' && c.name !== 'stdlib');
    expect(libs.map((c) => (c.version ? `${c.name}@${c.version}` : c.name)).sort()).toEqual(
      ['example.com/moddeps', ...moddepsBuildList].sort(),
    );
    expect(doc.components.filter((c) => c.type === 'application').map((c) => c.name)).toEqual([
      'moddeps',
      'tool',
    ]);
  });

  it('reproducible: two workspaces give the same SBOM bytes; without sbom there is none', async () => {
    const same = {
      sbom: 'true',
      reproducible: 'true',
      upload: 'false',
      'pack-slug': 'true',
      'artifact-name': 'moddeps',
    };
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const [a, b] = [await build(same, env), await build(same, env)];
    expect(a.outputs['sbom']).not.toBe(b.outputs['sbom']);
    expect(readFileSync(b.outputs['sbom']!, 'utf8')).toBe(readFileSync(a.outputs['sbom']!, 'utf8'));
    expect(JSON.parse(readFileSync(a.outputs['sbom']!, 'utf8')).creationInfo.created).toBe(
      '2023-11-14T22:13:20Z',
    );
    expect(b.outputs['slug-sha256']).toBe(a.outputs['slug-sha256']);
    // What a release's SHA256SUMS would say of the archive.
    const sums = execFileSync('sha256sum', [a.outputs['slug-archive']!]).toString();
    expect(sums.split(' ')[0]).toBe(a.outputs['slug-sha256']);
    const none = await build({ upload: 'false' });
    expect(none.outputs['sbom']).toBe('');
    expect(readdirSync(path.dirname(none.outputs['slug-dir']!))).toEqual([
      path.basename(none.outputs['slug-dir']!),
    ]);
  });
});

describe('the build-info parser reads what go version -m -json reads', () => {
  /** A module with a dependency replaced by a directory, and settings Go must quote. */
  function app(dir: string): void {
    mkdirSync(path.join(dir, 'dep'), { recursive: true });
    mkdirSync(path.join(dir, 'app'), { recursive: true });
    writeFileSync(path.join(dir, 'dep', 'go.mod'), 'module example.com/dep\n\ngo 1.19\n');
    writeFileSync(path.join(dir, 'dep', 'dep.go'), 'package dep\n\nconst Hi = "hi"\n');
    writeFileSync(
      path.join(dir, 'app', 'go.mod'),
      'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ../dep\n',
    );
    writeFileSync(
      path.join(dir, 'app', 'main.go'),
      'package main\n\nimport "example.com/dep"\n\nvar v string\n\nfunc main() { println(dep.Hi, v) }\n',
    );
  }

  it('for a binary of every Go fixture, as read by the newest Go', async () => {
    const fixtures = await goFixtures();
    const newest = await extractedGoroot(fixtures[0]!.minor);
    const help = execFileSync(path.join(newest, 'bin', 'go'), ['help', 'version']).toString();
    // go version -m -json exists from Go 1.25; the fixtures hold one at least that new.
    expect(help).toContain('-json');
    const dir = await makeTempDir('buildinfo-');
    app(dir);
    // The suite's shared build cache: the standard library is compiled once per machine.
    const { GOCACHE } = await runEnv();
    for (const f of fixtures) {
      const minor = f.minor;
      const goroot = await extractedGoroot(minor);
      const go = path.join(goroot, 'bin', 'go');
      const env = {
        PATH: process.env.PATH,
        HOME: dir,
        GOROOT: goroot,
        GOTOOLCHAIN: 'local',
        GOFLAGS: '-mod=mod',
        GOPROXY: 'off',
        GOCACHE,
        GOPATH: path.join(dir, 'gopath'),
      };
      const bin = path.join(dir, `app-${minor}`);
      execFileSync(
        go,
        ['build', '-o', bin, '-tags', 'x y', '-ldflags', '-X "main.v=a b\tc" -s', '.'],
        { cwd: path.join(dir, 'app'), env },
      );
      const text = execFileSync(go, ['version', '-m', bin], { env }).toString();
      const json = JSON.parse(
        execFileSync(path.join(newest, 'bin', 'go'), ['version', '-m', '-json', bin], {
          env: { ...env, GOROOT: newest },
        }).toString(),
      ) as {
        GoVersion: string;
        Path: string;
        Main: { Path: string; Version: string; Sum?: string };
        Deps: {
          Path: string;
          Version: string;
          Sum?: string;
          Replace?: { Path: string; Version: string; Sum?: string };
        }[];
        Settings: { Key: string; Value?: string }[];
      };
      const mod = (m: { Path: string; Version: string; Sum?: string }) => ({
        path: m.Path,
        version: m.Version,
        sum: m.Sum ?? '',
      });
      expect(parseVersionM(text, bin), f.version).toEqual({
        goVersion: json.GoVersion,
        path: json.Path,
        main: mod(json.Main),
        deps: json.Deps.map((d) => (d.Replace ? { ...mod(d), replace: mod(d.Replace) } : mod(d))),
        settings: json.Settings.map((s) => ({ key: s.Key, value: s.Value ?? '' })),
      });
      expect(json.Settings.find((s) => s.Key === '-ldflags')?.Value).toBe('-X "main.v=a b\tc" -s');
    }
  });
});
