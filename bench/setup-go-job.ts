// The baseline of the warm benchmark (warm.ts): actions/setup-go's own release, run as the runner
// runs a job of it. setup-go's bundles are run as they are, never copied: BENCH_SETUP_GO names the
// release's folder (action.yml, dist/setup/index.js, dist/cache-save/index.js, matchers.json),
// else `shared/anchors/setup-go` beside the checkout.
//
// A job is three steps, each its own process with fresh file-command files, as the runner gives
// them:
//   main    node dist/setup/index.js, with INPUT_GO-VERSION, INPUT_CACHE=true,
//           INPUT_CACHE-DEPENDENCY-PATH and the action's other defaults
//   build   the user's step after it, `run: go build -o bin/ ./...`, as the runner runs a `run:`
//           step (its script in RUNNER_TEMP, `bash -e`), with main's GITHUB_ENV applied and its
//           GITHUB_PATH entries put before PATH
//   post    node dist/cache-save/index.js, with that environment, the same inputs and the
//           STATE_* main saved
// Go must be in the tool cache (RUNNER_TOOL_CACHE/go/<version>/x64 with its .complete marker),
// as on a hosted runner: setup-go looks there first, and a download would leave this machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FAKE_SHA, parseFileCommands, repoRoot } from '../test/support/action-harness.js';

/** The release's folder (see the file comment). */
export function setupGoDir(): string {
  return process.env.BENCH_SETUP_GO || path.join(repoRoot(), '..', 'shared', 'anchors', 'setup-go');
}

/** Throws unless `dir` holds setup-go's two bundles. */
export function checkSetupGo(dir: string): void {
  for (const entry of ['setup', 'cache-save']) {
    if (!existsSync(path.join(dir, 'dist', entry, 'index.js')))
      throw new Error(
        `no setup-go release in ${dir} (dist/${entry}/index.js): set BENCH_SETUP_GO to its folder`,
      );
  }
}

/** One line of a step's stdout, with the time it arrived (seconds since the step started). */
export interface TimedLine {
  at: number;
  text: string;
}

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: TimedLine[];
  secs: number;
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  /** GITHUB_PATH entries in the order written. */
  path: string[];
  state: Record<string, string>;
}

const FILE_COMMANDS = ['OUTPUT', 'ENV', 'PATH', 'STATE', 'STEP_SUMMARY'] as const;

/**
 * Runs `cmd args…` as one step in `dir` (made here, it holds the step's file-command files),
 * with `env` and nothing else, and reads back what the step wrote to them.
 */
async function runStep(
  dir: string,
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<StepRun> {
  await mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of FILE_COMMANDS) {
    files[name] = path.join(dir, name.toLowerCase());
    await writeFile(files[name], '');
  }
  const stepEnv = { ...env };
  for (const name of FILE_COMMANDS) stepEnv[`GITHUB_${name}`] = files[name]!;

  const started = performance.now();
  const since = (): number => (performance.now() - started) / 1000;
  const run = await new Promise<Omit<StepRun, 'outputs' | 'exportedEnv' | 'path' | 'state'>>(
    (resolve, reject) => {
      const child = spawn(cmd, args, { cwd, env: stepEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const lines: TimedLine[] = [];
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        stdout += s;
        const parts = (partial + s).split('\n');
        partial = parts.pop()!;
        const at = since();
        for (const text of parts) lines.push({ at, text });
      });
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.once('error', reject);
      child.once('close', (code) => {
        if (partial) lines.push({ at: since(), text: partial });
        resolve({ code, stdout, stderr, lines, secs: since() });
      });
    },
  );
  const read = (name: (typeof FILE_COMMANDS)[number]): Promise<string> =>
    readFile(files[name]!, 'utf8');
  return {
    ...run,
    outputs: parseFileCommands(await read('OUTPUT')),
    exportedEnv: parseFileCommands(await read('ENV')),
    path: (await read('PATH')).split(/\r?\n/).filter((l) => l !== ''),
    state: parseFileCommands(await read('STATE')),
  };
}

/** Seconds from the step's start to its first stdout line that starts with one of `prefixes`. */
export function lineAt(run: StepRun, ...prefixes: string[]): number {
  return run.lines.find((l) => prefixes.some((p) => l.text.startsWith(p)))?.at ?? NaN;
}

export interface SetupGoJobOptions {
  /** setup-go's release folder (setupGoDir()). */
  release: string;
  workspace: string;
  /** Where this job's step dirs and RUNNER_TEMP go (a fresh dir). */
  scratch: string;
  toolCache: string;
  goVersion: string;
  cacheDependencyPath: string;
  /** The job's environment besides the runner's own variables (HOME, cache service, run ids…). */
  env: Record<string, string>;
  /** The user's step between main and post (a `run:` script). */
  buildScript: string;
  /** Untimed looks between the steps (at GOCACHE, say), as if the runner were that fast. */
  beforeBuild?: () => Promise<void>;
  beforePost?: () => Promise<void>;
}

export interface SetupGoJob {
  main: StepRun;
  build: StepRun;
  post: StepRun;
}

/** One job of setup-go and the user's build step (throws when a step fails). */
export async function setupGoJob(o: SetupGoJobOptions): Promise<SetupGoJob> {
  const runnerTemp = path.join(o.scratch, 'runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  // What the runner gives every step of a Linux x64 job on a hosted image.
  const job: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.LANG ? { LANG: process.env.LANG } : {}),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: 'owner/app',
    GITHUB_SHA: FAKE_SHA,
    GITHUB_JOB: 'build',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: o.toolCache,
    ImageOS: 'ubuntu24',
    ...o.env,
  };
  // The runner passes every input the workflow sets, and the defaults of action.yml for the others.
  const inputs: Record<string, string> = {
    'INPUT_GO-VERSION': o.goVersion,
    'INPUT_CHECK-LATEST': 'false',
    INPUT_TOKEN: '',
    INPUT_CACHE: 'true',
    'INPUT_CACHE-DEPENDENCY-PATH': o.cacheDependencyPath,
  };
  const failed = (what: string, r: StepRun): Error =>
    new Error(`setup-go job: ${what} exited ${r.code}:\n${(r.stdout + r.stderr).slice(-3000)}`);

  const main = await runStep(
    path.join(o.scratch, 'main'),
    process.execPath,
    [path.join(o.release, 'dist', 'setup', 'index.js')],
    o.workspace,
    { ...job, ...inputs },
  );
  // setup-go reports its failures with ::error:: and exit code 1.
  if (main.code !== 0) throw failed('its main step', main);
  if (!main.lines.some((l) => l.text.startsWith('Found in cache @ ')))
    throw new Error(
      `setup-go job: the main step did not find Go ${o.goVersion} in the tool cache:\n` +
        main.stdout.slice(-3000),
    );

  // Later steps: GITHUB_ENV applied, GITHUB_PATH prepended (the last entry written comes first).
  const after: Record<string, string> = {
    ...job,
    ...main.exportedEnv,
    PATH: [...main.path].reverse().concat(job.PATH!).join(path.delimiter),
  };
  await o.beforeBuild?.();
  const script = path.join(runnerTemp, 'build-step.sh');
  await writeFile(script, `${o.buildScript}\n`);
  const build = await runStep(
    path.join(o.scratch, 'build'),
    'bash',
    ['-e', script],
    o.workspace,
    after,
  );
  if (build.code !== 0) throw failed('the build step', build);

  await o.beforePost?.();
  const state: Record<string, string> = {};
  for (const [name, value] of Object.entries(main.state)) state[`STATE_${name}`] = value;
  const post = await runStep(
    path.join(o.scratch, 'post'),
    process.execPath,
    [path.join(o.release, 'dist', 'cache-save', 'index.js')],
    o.workspace,
    { ...after, ...inputs, ...state },
  );
  if (post.code !== 0) throw failed('its post step', post);
  return { main, build, post };
}
