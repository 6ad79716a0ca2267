// The orchestrator in-process, with a fake runtime: the real plan (inputs and app files read from a
// temporary app), the real slug and publish stages (nothing is uploaded: the runtime publishes
// nothing), and stand-ins for the stages that need a Go toolchain or a cache service. What is
// checked is the job's order: the restore started beside a download, what a failure leaves
// (outputs, report, no later stage), and that a slug that fails its check is not published.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OK_STATE } from '../../src/cache/state.js';
import type { EarlyRestore } from '../../src/cache/early.js';
import { UserError } from '../../src/errors.js';
import { RUNDIR_DEPRECATED, runPipeline, STAGES, type Stages } from '../../src/pipeline.js';
import { newReport } from '../../src/report/summary.js';
import type { Runtime } from '../../src/runtime/ports.js';
import type { Toolchain } from '../../src/toolchain/setup.js';

let ws: string;
beforeEach(() => {
  ws = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'pipeline-'));
  fs.mkdirSync(path.join(ws, 'app'));
  fs.writeFileSync(path.join(ws, 'app', 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
  fs.writeFileSync(path.join(ws, 'app', 'main.go'), 'package main\n\nfunc main() {}\n');
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

/** A runtime that records what the job asks of it. */
function fakeRuntime(inputs: Record<string, string> = {}) {
  const seen = {
    outputs: {} as Record<string, string>,
    exported: {} as Record<string, string>,
    paths: [] as string[],
    state: {} as Record<string, string>,
    lines: [] as string[],
    groups: [] as string[],
  };
  const log = {
    info: (m: string) => seen.lines.push(m),
    debug: () => undefined,
    notice: (m: string) => seen.lines.push(`notice: ${m}`),
    warning: (m: string) => seen.lines.push(`warning: ${m}`),
    group: <T>(title: string, fn: () => Promise<T>) => (seen.groups.push(title), fn()),
  };
  const rt: Runtime = {
    host: { platform: 'linux', arch: 'x64' },
    publishes: false,
    log,
    env: { HOME: path.join(ws, 'home'), PATH: '/usr/bin' },
    input: (n) => ({ 'working-directory': 'app', ...inputs })[n] ?? '',
    usesGoOnPath: false,
    settingName: (n) => n,
    workspace: ws,
    toolCache: path.join(ws, 'tool-cache'),
    slugDir: (name) => path.join(ws, 'out', name),
    setOutput: (n, v) => void (seen.outputs[n] = v),
    exportVariable: (n, v) => void (seen.exported[n] = v),
    addPath: (d) => void seen.paths.push(d),
    saveState: (n, v) => void (seen.state[n] = v),
    mask: () => undefined,
    addProblemMatcher: () => undefined,
  };
  return { rt, seen };
}

/**
 * Stand-ins for the stages that need Go or a cache service, recording the order they run in.
 * `download`: Go is not in the tool cache, and its install ends when `finishInstall` is called.
 */
function fakeStages(o: { download: boolean; buildFails?: boolean; checkFails?: boolean }) {
  const events: string[] = [];
  let finishInstall = () => {};
  const goroot = path.join(ws, 'tool-cache', 'go', '1.22.5', 'x64');
  const tc: Toolchain = { version: '1.22.5', goroot, origin: 'download', verified: 'sha256' };
  const early = { installed: () => events.push('installed') } as unknown as EarlyRestore;
  const stages: Stages = {
    ...STAGES,
    findGo: async (_rt, plan) => {
      events.push(`findGo ${plan.spec?.raw}`);
      if (!o.download) return { toolchain: { ...tc, origin: 'tool-cache' } };
      const install = () =>
        new Promise<Toolchain>((resolve) => {
          events.push('install started');
          finishInstall = () => (events.push('install done'), resolve(tc));
        });
      return { download: { version: tc.version, goroot, install } };
    },
    startEarlyRestore: (_rt, plan, version, genv) => {
      events.push(`early restore ${plan.method} ${version} ${genv.goroot === goroot}`);
      // The install is still running when the restore starts beside it.
      setImmediate(() => finishInstall());
      return early;
    },
    restore: async (_rt, _plan, _version, _genv, given) => {
      events.push(`restore ${given === early ? 'early' : 'now'}`);
      return { modHit: true, buildHit: false };
    },
    build: async (job, version, genv) => {
      events.push(`build ${job.detection.method} ${job.gomod?.packages.join(' ')} ${version}`);
      if (o.buildFails) throw new UserError('go build failed');
      fs.mkdirSync(genv.gobin!, { recursive: true });
      const file = path.join(genv.gobin!, 'hello');
      fs.writeFileSync(file, 'binary');
      const binaries = [{ name: 'hello', path: file, package: 'example.com/hello' }];
      return { packages: ['example.com/hello'], binaries, processNames: ['hello'], importPath: '' };
    },
    mtime: async () => (events.push('mtime'), 1_700_000_000),
    sbom: async (opts) => {
      events.push(`sbom ${opts.format} ${opts.created}`);
      return {
        path: `${opts.slug.dir}.spdx.json`,
        format: opts.format,
        label: 'SPDX',
        modules: [],
        binaries: 1,
      };
    },
    check: async () => {
      events.push('check');
      if (o.checkFails) throw new UserError('smoke test: web did not answer');
      return {};
    },
    publish: (...args) => (events.push('publish'), STAGES.publish(...args)),
    release: async (plan, slug, archive) => {
      events.push(
        `release ${plan.app.name} ${archive.path === path.join(ws, 'out', `${path.basename(slug.dir)}.tar.gz`)}`,
      );
      const digest = createHash('sha256').update(fs.readFileSync(archive.path)).digest('hex');
      events.push(`released bytes ${digest === archive.sha256}`);
      return {
        slugId: 's1',
        releaseId: 'r1',
        version: 7,
        status: 'succeeded',
        app: plan.app.name,
        bytes: archive.bytes,
      };
    },
  };
  return { stages, events };
}

describe('runPipeline, in-process', () => {
  it('runs the job in order, the caches restored beside a download', async () => {
    const { rt, seen } = fakeRuntime({ 'go-version': '1.22' });
    const { stages, events } = fakeStages({ download: true });
    const report = newReport();
    const { slugDir } = await runPipeline(rt, report, stages);

    expect(events).toEqual([
      'findGo 1.22',
      'early restore gomod 1.22.5 true',
      'install started',
      'install done',
      'installed',
      'restore early',
      'build gomod example.com/hello 1.22.5',
      'publish',
    ]);
    expect(report.phases.map((p) => p.name)).toEqual([
      'Resolve',
      'Install Go',
      'Restore caches',
      'Build',
      'Slug',
      'Upload',
    ]);
    expect(seen.groups).toEqual(report.phases.map((p) => p.name));
    expect(slugDir).toBe(path.join(ws, 'out', 'app-linux-amd64-go1.22.5'));
    expect(fs.readFileSync(path.join(slugDir, 'Procfile'), 'utf8')).toBe('web: bin/hello\n');
    expect(fs.readFileSync(path.join(slugDir, 'bin', 'hello'), 'utf8')).toBe('binary');
    expect(seen.outputs).toMatchObject({
      'go-version': '1.22.5',
      'go-version-source': 'input',
      'build-tool': 'gomod',
      'cache-hit': 'true',
      'build-cache-hit': 'false',
      packages: '["example.com/hello"]',
      'slug-dir': slugDir,
      binary: path.join(slugDir, 'bin', 'hello'),
    });
    expect(seen.exported).toEqual({
      GOROOT: path.join(ws, 'tool-cache', 'go', '1.22.5', 'x64'),
      GOTOOLCHAIN: 'local',
    });
    expect(seen.paths).toEqual([
      path.join(ws, 'tool-cache', 'go', '1.22.5', 'x64', 'bin'),
      path.join(ws, 'home', 'go_home', 'bin'),
    ]);
    expect(seen.state).toEqual({ [BUILD_OK_STATE]: 'true' });
    expect(report).toMatchObject({ goVersion: '1.22.5', buildTool: 'gomod', slugDir });
  });

  it('restores the usual way when Go is already in the tool cache', async () => {
    const { rt } = fakeRuntime();
    const { stages, events } = fakeStages({ download: false });
    await runPipeline(rt, newReport(), stages);
    expect(events.slice(0, 2)).toEqual(['findGo 1.22', 'restore now']);
  });

  it('stops at a failed build: no slug, no upload, the earlier outputs and report kept', async () => {
    const { rt, seen } = fakeRuntime();
    const { stages, events } = fakeStages({ download: false, buildFails: true });
    const report = newReport();
    await expect(runPipeline(rt, report, stages)).rejects.toThrow('go build failed');
    expect(events.at(-1)).toMatch(/^build /);
    expect(report.phases.map((p) => p.name).at(-1)).toBe('Build');
    expect(seen.outputs['go-version']).toBe('1.22.5');
    expect(seen.outputs).not.toHaveProperty('slug-dir');
    expect(seen.state).toEqual({});
    expect(fs.existsSync(path.join(ws, 'out'))).toBe(false);
  });

  it('publishes nothing when the deploy check fails', async () => {
    const { rt, seen } = fakeRuntime({ 'target-glibc': '2.36' });
    const { stages, events } = fakeStages({ download: false, checkFails: true });
    const report = newReport();
    await expect(runPipeline(rt, report, stages)).rejects.toThrow('smoke test');
    expect(events.at(-1)).toBe('check');
    expect(report.deploy).toEqual({});
    expect(seen.outputs).not.toHaveProperty('slug-sha256');
  });

  /** The real plan, to which a Heroku app is added as resolvePlan adds it once looked up. */
  const withHerokuApp = (stages: Stages): Stages => ({
    ...stages,
    plan: async (rt) => {
      const plan = await stages.plan(rt);
      plan.publish.herokuFormat = true;
      plan.release = {
        api: { base: 'http://127.0.0.1:9', key: 'k', app: 'go-app', env: {} },
        app: { id: 'id', name: 'go-app', stack: 'heroku-24' },
        mode: 'if-changed',
        pollMs: 1,
      };
      return plan;
    },
  });

  it('releases the packed archive to Heroku after the upload, and records the release', async () => {
    const { rt, seen } = fakeRuntime();
    const { stages, events } = fakeStages({ download: false });
    const report = newReport();
    await runPipeline(rt, report, withHerokuApp(stages));
    expect(events.slice(-3)).toEqual(['publish', 'release go-app true', 'released bytes true']);
    expect(report.phases.map((p) => p.name).slice(-2)).toEqual(['Upload', 'Release']);
    expect(seen.outputs).toMatchObject({ 'heroku-release-version': '7', 'heroku-slug-id': 's1' });
    expect(report.heroku).toEqual({
      app: 'go-app',
      version: 7,
      bytes: expect.any(Number),
      status: 'succeeded',
    });
  });

  it('releases nothing when the deploy check fails', async () => {
    const { rt } = fakeRuntime({ 'target-glibc': '2.36' });
    const { stages, events } = fakeStages({ download: false, checkFails: true });
    await expect(runPipeline(rt, newReport(), withHerokuApp(stages))).rejects.toThrow('smoke test');
    expect(events.filter((e) => e.startsWith('release') || e === 'publish')).toEqual([]);
  });

  it('works out the slug mtime once, for the SBOM and the upload', async () => {
    const { rt, seen } = fakeRuntime({ sbom: 'spdx', 'pack-slug': 'true' });
    const { stages, events } = fakeStages({ download: false });
    await runPipeline(rt, newReport(), stages);
    expect(events.filter((e) => e === 'mtime')).toEqual(['mtime']);
    expect(events).toContain('sbom spdx 1700000000');
    // pack-slug packed the slug with that mtime: the archive's first member says so.
    const tar = zlib.gunzipSync(fs.readFileSync(seen.outputs['slug-archive']!));
    expect(parseInt(tar.subarray(136, 148).toString('latin1'), 8)).toBe(1_700_000_000);
    expect(seen.outputs.sbom).toMatch(/\.spdx\.json$/);
  });

  it('prints the plan’s warnings when it refuses, and runs nothing after', async () => {
    const { rt, seen } = fakeRuntime({ rundir: 'x', 'smoke-test': 'true', goos: 'darwin' });
    const { stages, events } = fakeStages({ download: false });
    await expect(runPipeline(rt, newReport(), stages)).rejects.toThrow(
      /^smoke-test: "true" starts/,
    );
    expect(seen.lines).toContain(`warning: ${RUNDIR_DEPRECATED}`);
    expect(events).toEqual([]);
  });
});
