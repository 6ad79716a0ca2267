import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir, runAction } from '../../test/support/action-harness.js';
import { extractedGoroot, goFixture, goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { runEnv, workspaceWith } from './helpers.js';

let server: ReleaseServer;
let toolCache: string;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  toolCache = await makeTempDir('tc-build-');
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

/** The go commands the build ran, as logged (`Running: …/bin/go list -find …` → `list -find …`). */
function goCommands(stdout: string): string[] {
  return [...stdout.matchAll(/^Running: \S+\/bin\/go (.*)$/gm)].map((m) => m[1]!);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the web binary the way the platform does (PORT set) and returns what `/` answers. */
async function serveOnce(bin: string): Promise<string> {
  const port = await freePort();
  const child = spawn(bin, [], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        return await res.text();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`${bin} never answered on port ${port}`);
  } finally {
    child.kill();
  }
}

describe('gomod builds with the bundled action', () => {
  it('builds examples/hello into a slug whose web process serves HTTP', async () => {
    const ws = await workspaceWith('examples/hello');
    const run = await runAction({
      entry: 'main',
      workspace: ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url },
      env: await runEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // go.mod says `go 1.22`: the newest 1.22.x the server has.
    expect(run.outputs['go-version']).toMatch(/^1\.22\.\d+$/);
    expect(run.outputs['go-version-source']).toBe('go.mod go');
    expect(run.outputs['build-tool']).toBe('gomod');
    expect(JSON.parse(run.outputs.packages!)).toEqual(['example.com/hello']);
    const slug = run.outputs['slug-dir']!;
    expect(slug).toBe(
      path.join(
        run.dirs.runnerTemp,
        'go-paas-build',
        `${path.basename(ws)}-linux-amd64-go${run.outputs['go-version']}`,
      ),
    );
    expect(readFileSync(path.join(slug, 'Procfile'), 'utf8')).toBe('web: bin/hello\n');
    expect(run.outputs.procfile).toBe('web: bin/hello\n');
    expect(JSON.parse(run.outputs.binaries!)).toEqual([path.join(slug, 'bin', 'hello')]);
    expect(run.outputs.binary).toBe(path.join(slug, 'bin', 'hello'));
    expect(statSync(run.outputs.binary!).mode & 0o777).toBe(0o755);
    expect(run.stdout).toContain('Running: ');
    expect(run.stdout).toContain(' install example.com/hello');
    expect(run.stdout).toContain('Created a Procfile with the following entries:');
    expect(await serveOnce(run.outputs.binary!)).toBe('Hello from go-paas-build\n');
  });

  it('builds a module with two main packages into two processes (Heroku)', async () => {
    const run = await runAction({
      entry: 'main',
      workspace: await workspaceWith('two-binaries'),
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24', platform: 'heroku' },
      env: await runEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const slug = run.outputs['slug-dir']!;
    expect(readFileSync(path.join(slug, 'Procfile'), 'utf8')).toBe(
      'api: bin/api\nworker: bin/worker\n',
    );
    const bins = JSON.parse(run.outputs.binaries!) as string[];
    expect(bins).toEqual([path.join(slug, 'bin', 'api'), path.join(slug, 'bin', 'worker')]);
    expect(execFileSync(bins[0]!).toString()).toBe('api process\n');
    expect(execFileSync(bins[1]!).toString()).toBe('worker process\n');
    // No web process among them: no single web binary to name.
    expect(run.outputs.binary).toBe('');
  });

  it('an app that needs Go 1.25 (go 1.25 in go.mod) builds with the newest 1.25; Go 1.24 cannot', async () => {
    const fixture = await goFixture('1.25');
    const ws = await workspaceWith('go125');
    const run = await runAction({
      entry: 'main',
      workspace: ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url },
      env: await runEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['go-version']).toBe(fixture.semver);
    expect(run.outputs['go-version-source']).toBe('go.mod go');
    expect(execFileSync(run.outputs.binary!).toString()).toBe(
      `go125 built with ${fixture.version} sums [1 4 9]\n`,
    );
    const old = await runAction({
      entry: 'main',
      workspace: ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24' },
      env: await runEnv(),
    });
    expect(old.code).toBe(1);
    expect(old.annotations.map((a) => a.message)).toContain(
      'go list failed with exit code 1: go: go.mod requires go >= 1.25 (running go 1.24.4; GOTOOLCHAIN=local)',
    );
  });

  it('keeps and validates an app Procfile, and rejects a broken one', async () => {
    const ws = await workspaceWith('two-binaries');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(ws, 'Procfile'), 'web: bin/api --port $PORT\n');
    const ok = await runAction({
      entry: 'main',
      workspace: ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24', package: './cmd/...' },
      env: await runEnv(),
    });
    expect(ok.code, ok.stdout).toBe(0);
    expect(readFileSync(path.join(ok.outputs['slug-dir']!, 'Procfile'), 'utf8')).toBe(
      'web: bin/api --port $PORT\n',
    );
    expect(ok.outputs.binary).toBe(path.join(ok.outputs['slug-dir']!, 'bin', 'api'));

    writeFileSync(path.join(ws, 'Procfile'), 'web bin/api\n');
    const bad = await runAction({
      entry: 'main',
      workspace: ws,
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24' },
      env: await runEnv(),
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::Procfile:1: "web bin/api" is not a process line');
  });

  it('runs the same pipeline from the committed CLI bundle with a go on PATH', async () => {
    const goroot = await extractedGoroot('1.22');
    const ws = await workspaceWith('examples/hello');
    const xdg = await makeTempDir('xdg-');
    // No GOCACHE/GOMODCACHE of its own: the CLI keeps Go's caches beside its tool cache.
    const env = await runEnv({
      PATH: `${path.join(goroot, 'bin')}:${process.env.PATH}`,
      XDG_CACHE_HOME: xdg,
      GOCACHE: '',
    });
    const run = await runAction({ entry: 'cli', workspace: ws, args: [ws], env });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Using the go on PATH: Go `);
    expect(run.stdout).toContain(`Slug: ${path.join(ws, 'slug')}`);
    expect(run.stdout).toContain(
      `Not uploaded outside GitHub Actions: the slug is at ${path.join(ws, 'slug')}`,
    );
    expect(readdirSync(ws).filter((f) => f.endsWith('.tar.gz'))).toEqual([]);
    expect(readdirSync(path.join(xdg, 'go-paas-build', 'go-build')).length).toBeGreaterThan(10);
    expect(readFileSync(path.join(ws, 'slug', 'Procfile'), 'utf8')).toBe('web: bin/hello\n');
    expect(await serveOnce(path.join(ws, 'slug', 'bin', 'hello'))).toBe(
      'Hello from go-paas-build\n',
    );
  });
});

describe('the go commands of a gomod build', () => {
  /** tiny, whose root is the main package, plus a second main package, cmd/tool. */
  async function tinyWithTool(): Promise<string> {
    const ws = await workspaceWith('tiny');
    mkdirSync(path.join(ws, 'cmd', 'tool'), { recursive: true });
    writeFileSync(path.join(ws, 'cmd', 'tool', 'main.go'), 'package main\n\nfunc main() {}\n');
    return ws;
  }

  it('lists the module once: the binary and the Procfile come from the listing made before the build', async () => {
    const run = await runAction({
      entry: 'main',
      workspace: await tinyWithTool(),
      toolCache,
      inputs: { 'go-download-base-url': server.url, 'go-version': '1.24' },
      env: await runEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(goCommands(run.stdout)).toEqual([
      `list -find -f $'{{if eq .Name "main"}}{{.ImportPath}}\\t{{.Target}}{{end}}' ./...`,
      'install example.com/tiny',
    ]);
    const slug = run.outputs['slug-dir']!;
    expect(JSON.parse(run.outputs.binaries!)).toEqual([path.join(slug, 'bin', 'tiny')]);
    expect(execFileSync(path.join(slug, 'bin', 'tiny')).toString()).toMatch(
      /^tiny built with go1\.24/,
    );
    // Clever Cloud builds the module path; the default Procfile lists every main package.
    expect(run.outputs.procfile).toBe('tiny: bin/tiny\ntool: bin/tool\n');
  });

  it('cross-compiling, the listing gives the binaries under bin/<goos>_<goarch>/', async () => {
    const run = await runAction({
      entry: 'main',
      workspace: await workspaceWith('cmd-multi'),
      toolCache,
      inputs: {
        'go-download-base-url': server.url,
        'go-version': '1.24',
        platform: 'heroku',
        goarch: 'arm64',
      },
      env: await runEnv(),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(goCommands(run.stdout).map((c) => c.split(' ')[0])).toEqual(['list', 'install']);
    expect(run.stdout).toMatch(/^ {2}\S+\/go\/bin\/linux_arm64\/clock$/m);
    const bins = JSON.parse(run.outputs.binaries!) as string[];
    expect(bins.map((b) => path.basename(b))).toEqual(['clock', 'migrate', 'web']);
    expect(readFileSync(bins[2]!)[18]).toBe(0xb7); // e_machine AArch64
  });

  it.each([
    ['pre-build-hook', { 'pre-build-hook': "sed -i 's/^package main$/package tiny/' main.go" }, ''],
    ['bin/go-pre-compile', {}, "#!/bin/sh\nsed -i 's/^package main$/package tiny/' main.go\n"],
  ])(
    'after a %s, Go is asked again: a hook that made the main package a library ships no stale binary',
    async (_hook, inputs, preCompile) => {
      const ws = await workspaceWith('tiny');
      if (preCompile) {
        mkdirSync(path.join(ws, 'bin'));
        writeFileSync(path.join(ws, 'bin', 'go-pre-compile'), preCompile, { mode: 0o755 });
      }
      const run = await runAction({
        entry: 'main',
        workspace: ws,
        toolCache,
        inputs: { 'go-download-base-url': server.url, 'go-version': '1.24', ...inputs },
        env: await runEnv(),
      });
      expect(run.code).toBe(1);
      expect(goCommands(run.stdout).map((c) => c.split(' ')[0])).toEqual([
        'list',
        'install',
        'list',
      ]);
      expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
        'go install built no binary: none of example.com/tiny is a main package',
      ]);
    },
  );
});
