// The deploy check (SPEC §10) on the bundled action: real Go builds of a small web app and worker,
// started by the smoke test as the platform would start them, and real cgo and static binaries
// read by the glibc check. Each failure is asserted as its exact line, and no process the smoke
// test started may outlive the step.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  makeTempDir,
  runAction,
  type RunResult,
} from '../../test/support/action-harness.js';
import { goFixtures } from '../../test/support/fixtures.js';
import { startReleaseServer, type ReleaseServer } from '../../test/support/release-server.js';
import { expectNoForgedCommands } from './hostile-support.js';
import { runEnv, workspaceWith } from './helpers.js';

let server: ReleaseServer;
let toolCache: string;

beforeAll(async () => {
  server = await startReleaseServer({ fixtures: await goFixtures() });
  toolCache = await makeTempDir('tc-deploy-');
});
afterAll(async () => {
  await server.close();
  await cleanupTempDirs();
});

interface Case {
  app?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Files written into the workspace (a Procfile). */
  files?: Record<string, string>;
}

const WEB_ONLY = { Procfile: 'web: bin/web\n' };

async function run(
  c: Case,
  harness: { killWhen?: (pids: string) => boolean } = {},
): Promise<RunResult & { pids: string }> {
  const app = c.app ?? 'deploy-check';
  const ws = await workspaceWith(app);
  for (const [rel, text] of Object.entries(c.files ?? {})) writeFileSync(path.join(ws, rel), text);
  const pids = await makeTempDir('pids-');
  const result = await runAction({
    entry: 'main',
    workspace: ws,
    toolCache,
    inputs: {
      'go-download-base-url': server.url,
      'go-version': '1.24',
      upload: 'false',
      'smoke-test': 'true',
      ...(app === 'deploy-check' ? { 'install-package-spec': './cmd/...' } : {}),
      ...c.inputs,
    },
    env: await runEnv({ PIDS_DIR: pids, ...c.env }),
    timeoutMs: 5 * 60_000,
    ...(harness.killWhen
      ? { killWhen: () => harness.killWhen!(pids), killSignal: 'SIGTERM' as const }
      : {}),
  });
  return { ...result, pids };
}

/** Whether a pids file is there with its three pids (it is written in one go, but not atomically). */
function written(file: string): boolean {
  try {
    return /^\d+ \d+ \d+\n$/.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** The error annotations of a run: the one line it failed with. */
function errors(r: RunResult): string[] {
  return r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

/** The newest `GLIBC_x.y` in the version needs that readelf (binutils, beside gcc) prints. */
function newestGlibcByReadelf(file: string): string {
  const text = execFileSync('readelf', ['-V', '-W', file], { encoding: 'utf8' });
  const versions = [...text.matchAll(/Name: GLIBC_(\d+)\.(\d+)(?:\.(\d+))?/g)].map((m) => ({
    name: m[0].slice('Name: '.length),
    key: [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)],
  }));
  versions.sort((a, b) => b.key[0]! - a.key[0]! || b.key[1]! - a.key[1]! || b.key[2]! - a.key[2]!);
  return versions[0]?.name ?? 'none';
}

/** The step failed with exactly this one line. */
function failsWith(r: RunResult, message: string): void {
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(errors(r)).toEqual([message]);
}

/**
 * The processes still running that came from a test's app: they carry its PIDS_DIR in their
 * environment, or in their command line (a process that cleared its environment names itself
 * after it). Pids written by the app are no help: in a PID namespace they are the namespace's.
 */
function survivors(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (cmdline.includes(dir) || environ.includes(`PIDS_DIR=${dir}`)) {
        out.push(`${pid}: ${cmdline.replaceAll('\0', ' ')}`);
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * Every process that recorded itself (the app's processes, each with a child in its process
 * group and a child in a session of its own) was started, and none of the app's processes is
 * running once the step is over.
 */
function expectNoSurvivor(dir: string, names: string[]): void {
  for (const name of names) expect(written(path.join(dir, name)), `${name} started`).toBe(true);
  expect(survivors(dir), 'processes still running').toEqual([]);
}

/** A directory whose `name` fails as the tool does where it is refused, first on PATH. */
async function failing(name: string, message: string): Promise<string> {
  const dir = await makeTempDir('failing-');
  writeFileSync(path.join(dir, name), `#!/bin/sh\necho ${JSON.stringify(message)} >&2\nexit 1\n`, {
    mode: 0o755,
  });
  return `${dir}:${process.env.PATH}`;
}

const WEB = 'the web process (bin/web)';
const USE_PORT = 'in Go: ":" + os.Getenv("PORT")';

describe('smoke test', () => {
  it('a good web app and its worker boot: web listens on 0.0.0.0:8080, / answers 200, the worker keeps running; nothing survives', async () => {
    const r = await run({
      files: { Procfile: 'release: echo migrated\nweb: bin/web\nworker: bin/worker\n' },
      inputs: { 'health-check-paths': '/\n/health', 'target-glibc': 'heroku-24' },
      env: {
        CC_PRE_RUN_HOOK: 'echo pre-run with HOME=$HOME',
        CC_RUN_SUCCEEDED_HOOK: 'echo succeeded; exit 2',
      },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`CC_PRE_RUN_HOOK | pre-run with HOME=${r.outputs['slug-dir']}`);
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'the CC_RUN_SUCCEEDED_HOOK hook ("echo succeeded; exit 2") exited with code 2; this does not fail the step',
    ]);
    expect(r.stdout).toContain('The web process listens on [::]:8080');
    expect(r.stdout).toContain('The slug boots: the smoke test passed');
    expect(r.stdout).toMatch(/^web \| listening on :8080$/m);
    expect(r.stdout).toMatch(/^worker \| worker started$/m);
    expect(r.stdout).toMatch(/^release \| migrated$/m);
    expect(r.summary).toContain('| ✅ | `release` process | `echo migrated`: exited with code 0 |');
    expect(r.summary).toContain('| ✅ | `web` process | `bin/web`: running |');
    expect(r.summary).toContain('| ✅ | `worker` process | `bin/worker`: running |');
    expect(r.summary).toContain('| ✅ | GET `/health` | returned 200 |');
    expectNoSurvivor(r.pids, ['web', 'worker']);
  });

  it('a job cancelled during the smoke test (SIGTERM to the step) takes every process with it', async () => {
    const r = await run(
      { inputs: { 'health-check-paths': '/' } },
      { killWhen: (dir) => ['web', 'worker'].every((n) => written(path.join(dir, n))) },
    );
    expect(r.killed).toBe(true);
    expect(r.code).not.toBe(0);
    expectNoSurvivor(r.pids, ['web', 'worker']);
  });

  it('processes that ignore SIGTERM are killed 3 s later, grandchildren included', async () => {
    // An ignored signal stays ignored across fork and exec: the shell and all its sleeps ignore it.
    const worker =
      'trap "" TERM; sleep 1000 & child=$!; setsid sleep 1001 & echo "$$ $child $!" > "$PIDS_DIR/worker"; while :; do sleep 1; done';
    const r = await run({ files: { Procfile: `web: bin/web\nworker: ${worker}\n` } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // They did ignore it: the stop waited its 3 s of grace after the 3 s alive check.
    const took = Number(/^\| Deploy check \| ([\d.]+) s \|$/m.exec(r.summary)?.[1]);
    expect(took).toBeGreaterThanOrEqual(5.9);
    expectNoSurvivor(r.pids, ['web', 'worker']);
  });

  it('an app bound to 127.0.0.1 fails, naming what it bound', async () => {
    const r = await run({ files: WEB_ONLY, env: { BIND_HOST: '127.0.0.1' } });
    failsWith(
      r,
      `smoke-test: ${WEB} listens on 127.0.0.1:8080, which only this machine can reach; listen on 0.0.0.0:8080 (${USE_PORT})`,
    );
    expectNoSurvivor(r.pids, ['web']);
  });

  it('an app that ignores PORT fails, naming the port it bound', async () => {
    // A port no common dev server or test server (ephemeral ports) uses.
    const r = await run({ files: WEB_ONLY, env: { APP_PORT: '9876' } });
    failsWith(
      r,
      `smoke-test: ${WEB} listens on [::]:9876, not on port 8080; listen on the port in PORT (${USE_PORT})`,
    );
    expectNoSurvivor(r.pids, ['web']);
  });

  it("a health path answering 500 fails with Clever Cloud's words (paths from CC_HEALTH_CHECK_PATH_<n>)", async () => {
    const r = await run({
      files: WEB_ONLY,
      env: { HEALTH_STATUS: '500', CC_HEALTH_CHECK_PATH_0: '/', CC_HEALTH_CHECK_PATH_1: '/health' },
    });
    failsWith(r, 'smoke-test: Health check failed: - GET /health returned 500');
    expect(r.summary).toContain('| ✅ | GET `/` | returned 200 |');
    expect(r.summary).toContain('| ❌ | GET `/health` | returned 500 |');
    expectNoSurvivor(r.pids, ['web']);
  });

  it('a health path is asked again until it answers 200: an app warming up passes', async () => {
    const r = await run({
      files: WEB_ONLY,
      inputs: { 'health-check-paths': '/health' },
      env: { READY_AFTER: '2s' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.summary).toContain('| ✅ | GET `/health` | returned 200 |');
    expectNoSurvivor(r.pids, ['web']);
  });

  it('an app that exits at start fails with its exit code and last output', async () => {
    const r = await run({ files: WEB_ONLY, env: { REQUIRED_VAR: 'DATABASE_URL' } });
    failsWith(
      r,
      `smoke-test: ${WEB} exited with code 3; last output: "starting web\\nconfig: DATABASE_URL is not set"`,
    );
  });

  it('a web process that never listens fails after 30 s with the words of Clever Cloud', async () => {
    const r = await run({
      app: 'tiny',
      files: { Procfile: 'web: echo warming up; exec sleep 100\n' },
    });
    failsWith(
      r,
      'smoke-test: Nothing listening on port 8080: the web process ("echo warming up; exec sleep 100") did not listen on 0.0.0.0:8080 within 30 s; last output: "warming up"',
    );
  });

  it("Heroku's release process runs first, to its end: one that fails stops everything", async () => {
    const r = await run({
      app: 'tiny',
      files: { Procfile: 'release: echo migrating; exit 2\nweb: bin/tiny\n' },
    });
    failsWith(
      r,
      'smoke-test: the release process ("echo migrating; exit 2") exited with code 2; last output: "migrating"',
    );
    expect(r.stdout).not.toContain('Starting web');
  });

  it('port 8080 taken on the runner is named before anything starts', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(8080, '0.0.0.0', resolve));
    try {
      const r = await run({ app: 'tiny', files: { Procfile: 'web: bin/tiny\n' } });
      failsWith(
        r,
        'smoke-test: port 8080 is already in use on this machine (0.0.0.0:8080), so the web process could not have it; stop what listens there before this step',
      );
      expect(r.stdout).not.toContain('Starting web');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a worker that stops on its own fails: a Procfile process must keep running', async () => {
    const r = await run({ env: { WORKER_EXIT: '1' } });
    failsWith(
      r,
      'smoke-test: the worker process (bin/worker) exited with code 0 (a process of the Procfile must keep running); last output: "worker started\\nworker: queue empty, done"',
    );
    expectNoSurvivor(r.pids, ['web', 'worker']);
  });

  it('a failing CC_PRE_RUN_HOOK fails before anything starts; CC_RUN_FAILED_HOOK runs and never fails', async () => {
    const r = await run({
      files: WEB_ONLY,
      env: {
        CC_PRE_RUN_HOOK: 'echo pre-run in $PWD with PORT=$PORT; exit 4',
        CC_RUN_FAILED_HOOK: 'echo failed hook ran; exit 9',
      },
    });
    failsWith(
      r,
      `smoke-test: the CC_PRE_RUN_HOOK hook ("echo pre-run in $PWD with PORT=$PORT; exit 4") exited with code 4; last output: "pre-run in ${r.outputs['slug-dir']} with PORT=8080"`,
    );
    expect(r.stdout).toMatch(/^CC_RUN_FAILED_HOOK \| failed hook ran$/m);
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'the CC_RUN_FAILED_HOOK hook ("echo failed hook ran; exit 9") exited with code 9; this does not fail the step',
    ]);
    // Nothing of the app was started.
    expect(r.stdout).not.toContain('Starting web');
  });
});

describe('target-glibc', () => {
  /** Builds without the smoke test. */
  const glibc = (c: Case) => run({ ...c, inputs: { 'smoke-test': 'false', ...c.inputs } });
  const CGO = { CGO_CFLAGS: '-I${build_dir}/include' };

  it('a cgo binary built here needs a newer glibc than 2.17: one line names it, both versions and the fix', async () => {
    const r = await glibc({ app: 'cgo', inputs: { 'target-glibc': '2.17' }, env: CGO });
    // The newest GLIBC version binutils' readelf lists for the binary the build left.
    const needs = newestGlibcByReadelf(path.join(r.outputs['slug-dir']!, 'bin', 'cgoapp'));
    expect(needs).toMatch(/^GLIBC_2\.(1[89]|[2-9]\d)/);
    failsWith(
      r,
      `target-glibc: bin/cgoapp needs ${needs}, newer than the target's glibc 2.17; build it with CGO_ENABLED=0, or on an image whose glibc is 2.17 or older`,
    );
    expect(r.summary).toContain(
      `| ❌ | \`bin/cgoapp\` | needs ${needs} (the target's glibc 2.17) |`,
    );
    // Not published: the check comes before the upload.
    expect(r.outputs['slug-archive']).toBeUndefined();
  });

  it('the same binary passes a stack with a newer glibc (STACK=heroku-24)', async () => {
    const r = await glibc({ app: 'cgo', env: { ...CGO, STACK: 'heroku-24' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bin\/cgoapp: needs GLIBC_2\.\d+/m);
    expect(r.stdout).toContain("Every binary runs with heroku-24's glibc 2.39");
  });

  it('a static binary (CGO_ENABLED=0) passes any target', async () => {
    const r = await glibc({
      app: 'tiny',
      inputs: { 'target-glibc': '2.0' },
      env: { CGO_ENABLED: '0' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bin\/tiny: statically linked$/m);
  });

  it('an unknown target is refused before any download', async () => {
    server.resetLog();
    const r = await glibc({ app: 'tiny', inputs: { 'target-glibc': 'heroku-99' } });
    failsWith(
      r,
      'target-glibc: "heroku-99" is not a known stack or glibc version; use a stack (heroku-18, ubuntu-18.04, bionic, heroku-20, ubuntu-20.04, focal, heroku-22, ubuntu-22.04, jammy, heroku-24, ubuntu-24.04, noble, debian-10, buster, debian-11, bullseye, debian-12, bookworm, debian-13, trixie) or a glibc version such as 2.31',
    );
    expect(server.requests).toEqual([]);
  });
});

// Port 8080 is one per machine: every test that starts a slug is in this file, run one by one.
describe('hostile output and paths', () => {
  it('a Procfile process printing workflow commands is shown inert, in the log and in the error', async () => {
    const r = await run({
      app: 'tiny',
      files: { Procfile: "web: echo ::error::forged; echo '##[add-mask]x'; exit 5\n" },
    });
    expect(r.code).toBe(1);
    const message = `smoke-test: the web process ("echo :\\u003aerror:\\u003aforged; echo '#\\u0023[add-mask]x'; exit 5") exited with code 5; last output: ":\\u003aerror:\\u003aforged\\n#\\u0023[add-mask]x"`;
    expectNoForgedCommands(r, [message]);
  });

  // A grandchild that leaves the process group, the session and the environment, named after
  // PIDS_DIR so that survivors() finds it, and leaving a file to show that it did start.
  const ESCAPEE = `( setsid env -i bash -c 'echo started > "$0.started"; exec -a "$0" sleep 600' "$PIDS_DIR/escapee" & )`;

  it.each([
    ['a PID namespace of their own', 'namespace', undefined, 'kill -KILL $PPID; '],
    [
      'the subtree of a subreaper',
      'subreaper',
      () => failing('unshare', 'unshare: unshare failed: Operation not permitted'),
      '',
    ],
  ] as const)(
    'a process that leaves its group, session and environment is stopped all the same: %s',
    async (where, _kind, path_, extra) => {
      const r = await run({
        files: { Procfile: `web: ${extra}${ESCAPEE}; exec bin/web\n` },
        env: path_ ? { PATH: await path_() } : {},
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(
        `The processes run in ${where}: nothing they start outlives the step`,
      );
      expect(r.summary).toContain(`| ✅ | processes kept in | ${where} |`);
      expect(readFileSync(path.join(r.pids, 'escapee.started'), 'utf8')).toBe('started\n');
      expectNoSurvivor(r.pids, ['web']);
    },
  );

  it('a process that kills its subreaper fails the step, and what it started is still stopped', async () => {
    const command = 'kill -KILL $PPID; exec bin/web';
    const r = await run({
      files: { Procfile: `web: ${command}\n` },
      env: { PATH: await failing('unshare', 'unshare: unshare failed: Operation not permitted') },
    });
    failsWith(
      r,
      `smoke-test: the supervisor holding what the web process (${JSON.stringify(command)}) started was ended (SIGKILL) before the stop, so what it started could outlive the step; a process of the Procfile must not signal its parent`,
    );
    // Out of the subtree, but not out of the environment: found by the variable.
    expectNoSurvivor(r.pids, ['web']);
  });

  it('without perl, the processes are kept in their groups and sessions, with a warning', async () => {
    const r = await run({
      files: WEB_ONLY,
      env: { PATH: await failing('perl', 'perl: not here') },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'smoke-test: no perl on PATH, so the processes are kept in their process groups and sessions only: one that leaves both and clears its environment can outlive the step',
    ]);
    expect(r.summary).toContain('| ⚠️ | processes kept in | their process groups and sessions |');
    // A grandchild in a session of its own is still found, by the variable in its environment.
    expectNoSurvivor(r.pids, ['web']);
  });

  it("an app's output is text in the job summary: no link, image or HTML of its own", async () => {
    const command =
      "echo '[Security review passed](https://evil.example/ok)'; echo '<img src=x onerror=alert(1)>'; echo '<details><summary>fine</summary>'; exit 1";
    const r = await run({ app: 'tiny', files: { Procfile: `web: ${command}\n` } });
    const printed =
      '[Security review passed](https://evil.example/ok)\\n<img src=x onerror=alert(1)>\\n<details><summary>fine</summary>';
    failsWith(
      r,
      `smoke-test: the web process (${JSON.stringify(command)}) exited with code 1; last output: "${printed}"`,
    );
    const html = micromark(r.summary, {
      allowDangerousHtml: true,
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    });
    expect(html).toContain('Security review passed');
    expect(html).not.toMatch(/<a\b|<img\b/);
    // The only <details> is the summary's own, around the Procfile.
    expect(html.match(/<details\b[^>]*>/g)).toEqual(['<details open>']);
  });

  it('a health path holding :: reaches the app as a path, and forges nothing', async () => {
    const r = await run({ files: WEB_ONLY, inputs: { 'health-check-paths': '/::error::forged' } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.summary).toContain('| ✅ | GET `/::error::forged` | returned 200 |');
    expectNoForgedCommands(r, []);
  });
});

describe('the CLI', () => {
  it('--smoke-test alone, before the app dir, runs the same check and fails with the same line', async () => {
    const ws = await workspaceWith('deploy-check');
    writeFileSync(path.join(ws, 'Procfile'), WEB_ONLY.Procfile);
    const pids = await makeTempDir('pids-');
    const r = await runAction({
      entry: 'cli',
      workspace: ws,
      args: [
        '--smoke-test',
        ws,
        '--go-version',
        '1.24',
        '--go-download-base-url',
        server.url,
        '--install-package-spec',
        './cmd/...',
      ],
      env: await runEnv({
        XDG_CACHE_HOME: await makeTempDir('xdg-'),
        PIDS_DIR: pids,
        BIND_HOST: '127.0.0.1',
      }),
      timeoutMs: 5 * 60_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('== Deploy check');
    expect(r.stderr.trim()).toBe(
      `error: smoke-test: ${WEB} listens on 127.0.0.1:8080, which only this machine can reach; listen on 0.0.0.0:8080 (${USE_PORT})`,
    );
    expectNoSurvivor(pids, ['web']);
  });
});
