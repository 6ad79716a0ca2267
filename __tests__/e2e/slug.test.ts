// The slug runs as the platform runs it (SPEC §6): extracted into an empty directory, its
// .profile.d scripts sourced, PORT set, the Procfile's web command started from its root.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { extractedGoroot, goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { runEnv, workspaceWith } from './helpers.js';

let server: ReleaseServer;
let toolCache: string;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  toolCache = await makeTempDir('tc-slug-');
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

async function build(ws: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  const run = await runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: {
      'go-download-base-url': server.url,
      'go-version': '1.24',
      'pack-slug': 'true',
      ...inputs,
    },
    env: await runEnv(),
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The archive, extracted into an empty directory: what a platform unpacks. */
async function unpack(archive: string): Promise<string> {
  const dyno = await makeTempDir('dyno-');
  execFileSync('tar', ['-xzf', archive, '-C', dyno]);
  return dyno;
}

/**
 * Starts a Procfile process the way a dyno does: HOME is the slug's root and the working
 * directory, every .profile.d script is sourced, PORT is set, then the command runs in bash. The
 * environment is otherwise a bare one: no PATH entry leads to the binaries.
 */
async function serveFromSlug(dyno: string, command: string): Promise<string> {
  const port = await freePort();
  const script = 'for f in .profile.d/*.sh; do . "$f"; done; exec bash -c "$0"';
  const child = spawn('bash', ['-c', script, command], {
    cwd: dyno,
    env: { HOME: dyno, PORT: String(port), PATH: '/usr/bin:/bin' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  try {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`the process exited: ${stderr}`);
      try {
        return await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`nothing answered on port ${port}: ${stderr}`);
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('the slug runs as the platform runs it', () => {
  it("holds the app's files: a bare-name Procfile web process serves a template read from its working directory", async () => {
    const ws = await workspaceWith('templated');
    symlinkSync('templates/index.html', path.join(ws, 'index.html'));
    // A real checkout: a repository with a commit (go stamps the binary from it).
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.com', ...args], {
        cwd: ws,
        stdio: 'ignore',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'app');
    const run = await build(ws);
    const dyno = await unpack(run.outputs['slug-archive']!);
    const files = entries(dyno);
    // The app's files, its hook's output beside the binary, Heroku's profile script.
    for (const f of [
      'templates/index.html',
      'static/app.css',
      'main.go',
      'bin/templated',
      'bin/migrate',
      'bin/go-post-compile',
      '.profile.d/go.sh',
      'Procfile',
      '.slugignore',
    ]) {
      expect(files, f).toContain(f);
    }
    // .git/ and what .slugignore names are left out.
    expect(
      files.filter((f) => f.startsWith('.git') || f.endsWith('.psd') || f.startsWith('notes')),
    ).toEqual([]);
    expect(readFileSync(path.join(dyno, '.profile.d', 'go.sh'), 'utf8')).toBe(
      'PATH=$PATH:$HOME/bin\n',
    );
    expect(readFileSync(path.join(dyno, 'Procfile'), 'utf8')).toBe('web: templated\n');
    // A symlink stays a symlink.
    expect(lstatSync(path.join(dyno, 'index.html')).isSymbolicLink()).toBe(true);
    expect(execFileSync(path.join(dyno, 'bin', 'migrate')).toString()).toBe('migrate ran\n');
    expect(await serveFromSlug(dyno, 'templated')).toBe('Hello from templates/index.html\n');
    expect(run.stdout).toContain('Left out by .slugignore: docs/design.psd, notes/');
  });

  it('app-files: false ships bin/ (with what the hooks put there), Procfile and .profile.d/ only', async () => {
    const run = await build(await workspaceWith('templated'), { 'app-files': 'false' });
    const dyno = await unpack(run.outputs['slug-archive']!);
    expect(entries(dyno)).toEqual([
      '.profile.d',
      '.profile.d/go.sh',
      'Procfile',
      'bin',
      'bin/go-post-compile',
      'bin/migrate',
      'bin/templated',
    ]);
  });

  it("the CLI's own output directory inside the app is never copied into the slug", async () => {
    const goroot = await extractedGoroot('1.24');
    const ws = await workspaceWith('templated');
    const env = await runEnv({ PATH: `${path.join(goroot, 'bin')}:${process.env.PATH}` });
    for (let i = 0; i < 2; i++) {
      const run = await runAction({
        entry: 'cli',
        workspace: ws,
        args: [ws, '--go-version', '1.24', '--go-download-base-url', server.url],
        env,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    const slug = path.join(ws, 'slug');
    expect(existsSync(path.join(slug, 'templates', 'index.html'))).toBe(true);
    expect(existsSync(path.join(slug, 'slug'))).toBe(false);
    expect(readdirSync(ws).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
