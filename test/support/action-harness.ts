// Runs the bundled action (dist/<entry>/index.js) as the GitHub runner does: a child process that
// sees only environment variables and file-command files, with nothing leaked from the dev machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  realpath,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export interface RunOptions {
  entry: 'main' | 'post' | 'cli';
  /** Action inputs by their action.yml name (`go-version`), passed as `INPUT_GO-VERSION`. */
  inputs?: Record<string, string>;
  /** Merged last, over everything the harness sets. */
  env?: Record<string, string>;
  workspace: string;
  /** Defaults to a fresh dir inside the run dir (see RunResult.dirs). */
  runnerTemp?: string;
  /** Defaults to a fresh dir inside the run dir: pass a shared one to reuse installed Go versions. */
  toolCache?: string;
  /** What the main step saved, handed to `post` as `STATE_<name>`, as the runner does. */
  state?: Record<string, string>;
  /** Command-line arguments (for `cli`). */
  args?: string[];
  /** Defaults to the workspace. */
  cwd?: string;
  /** Default 10 minutes; on expiry the whole process group is killed. */
  timeoutMs?: number;
  /** Polled every 50 ms while the step runs: when it answers true, the process group is killed. */
  killWhen?: () => boolean;
  /** The signal killWhen sends (default SIGKILL; SIGTERM is what a cancelled job gets). */
  killSignal?: NodeJS.Signals;
  /** Another bundle dir than the checkout's dist/ (to compare two builds of the action). */
  dist?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  /** `file=…,line=…` properties as written, '' when none. */
  properties: string;
  message: string;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  /** GITHUB_PATH entries in the order written (the runner prepends them, last written first on PATH). */
  path: string[];
  state: Record<string, string>;
  summary: string;
  durationMs: number;
  /** `::error`/`::warning`/`::notice` workflow commands found in stdout. */
  annotations: Annotation[];
  timedOut: boolean;
  /** killWhen fired. */
  killed: boolean;
  dirs: { run: string; runnerTemp: string; toolCache: string };
}

/**
 * GO_PAAS_BUILD_TEST_USER (a user name, e.g. `nobody`): the action runs as that user instead of
 * the test process's (root on CI), and every dir the harness makes is handed to it, so the suites
 * that install into a tool cache are proven to work without root (`.ci/run` does this).
 */
export interface TestUser {
  uid: number;
  gid: number;
}
let testUserCache: TestUser | null | undefined;
export function testUser(): TestUser | undefined {
  if (testUserCache === undefined) {
    const name = process.env.GO_PAAS_BUILD_TEST_USER;
    testUserCache = name
      ? {
          uid: Number(execFileSync('id', ['-u', name]).toString().trim()),
          gid: Number(execFileSync('id', ['-g', name]).toString().trim()),
        }
      : null;
  }
  return testUserCache ?? undefined;
}

/** Hands `path` (and, with `deep`, everything under it, symlinks not followed) to the test user. */
export async function giveToTestUser(path: string, deep = false): Promise<void> {
  const user = testUser();
  if (!user) return;
  await chown(path, user.uid, user.gid);
  if (!deep || !(await lstat(path)).isDirectory()) return;
  for (const e of await readdir(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isSymbolicLink()) continue;
    await giveToTestUser(p, e.isDirectory());
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let declaredDefaults: Record<string, string> | undefined;
/**
 * The `default:` of every input in action.yml. The runner passes each of them as `INPUT_*` when
 * the workflow does not set the input, so the harness does too: an env fallback hidden behind a
 * default would never be read on a real runner, and the tests must see the same.
 */
export function actionDefaults(): Record<string, string> {
  if (!declaredDefaults) {
    const doc = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { default?: unknown }>;
    };
    declaredDefaults = {};
    for (const [name, spec] of Object.entries(doc.inputs ?? {}))
      if (spec.default !== undefined) declaredDefaults[name] = String(spec.default);
  }
  return declaredDefaults;
}
/** A fixed commit id, so outputs and linker values that embed GITHUB_SHA are predictable. */
export const FAKE_SHA = '0123456789abcdef0123456789abcdef01234567';
const KEPT_FROM_PARENT = ['PATH', 'HOME', 'LANG'] as const;
const FILE_COMMANDS = ['OUTPUT', 'ENV', 'PATH', 'STATE', 'STEP_SUMMARY'] as const;
const made = new Set<string>();

/** A new dir under os.tmpdir(), real path (so comparisons with what Go prints hold), removed by cleanupTempDirs(). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await realpath(
    await mkdtemp(join(tmpdir(), prefix.endsWith('-') ? prefix : `${prefix}-`)),
  );
  made.add(dir);
  await giveToTestUser(dir);
  return dir;
}

/**
 * rm -rf that also copes with Go's read-only module cache (dirs 0555 make a non-root rm fail):
 * on EACCES/EPERM, make every directory writable and try again.
 */
export async function removeTempDir(dir: string): Promise<void> {
  made.delete(dir);
  try {
    await rm(dir, { recursive: true, force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw err;
    await makeWritable(dir);
    await rm(dir, { recursive: true, force: true });
  }
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755).catch(() => undefined);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isDirectory()) await makeWritable(join(dir, e.name));
}

/** Removes every dir made by makeTempDir in this process; set KEEP_TEST_DIRS=1 to keep them for a post-mortem. */
export async function cleanupTempDirs(): Promise<void> {
  if (process.env.KEEP_TEST_DIRS) return;
  for (const dir of [...made]) await removeTempDir(dir);
}

/** The runner's file-command syntax: `name=value` lines and `name<<DELIM` … `DELIM` heredocs. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) throw new Error(`invalid file-command line: ${JSON.stringify(line)}`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    if (i >= lines.length) throw new Error(`unterminated heredoc for ${name} (${delimiter})`);
    out[name] = value.join('\n');
  }
  return out;
}

function parseAnnotations(stdout: string): Annotation[] {
  const found: Annotation[] = [];
  const re = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm;
  for (const m of stdout.matchAll(re)) {
    // Undo core's escaping of the message (%25 last, so an escaped "%0A" stays literal).
    const message = m[3]!.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
    found.push({ level: m[1] as Annotation['level'], properties: m[2] ?? '', message });
  }
  return found;
}

async function readIfExists(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

const bundles = new Map<string, Promise<string>>();
/**
 * The bundle's entry script. For a test user it is copied to a dir that user can read (the
 * checkout may sit in a home the user cannot enter).
 */
function bundle(entry: RunOptions['entry'], dist?: string): Promise<string> {
  let got = bundles.get(`${dist ?? ''}/${entry}`);
  if (!got) {
    got = (async () => {
      const dir = dist
        ? join(dist, entry)
        : fileURLToPath(new URL(`../../dist/${entry}/`, import.meta.url));
      const script = join(dir, 'index.js');
      if (!existsSync(script)) {
        throw new Error(`${script} does not exist: bundle the action first (npm run bundle)`);
      }
      if (!testUser()) return script;
      const copy = await makeTempDir(`bundle-${entry}-`);
      await cp(dir, copy, { recursive: true });
      await chmod(copy, 0o755);
      return join(copy, 'index.js');
    })();
    bundles.set(`${dist ?? ''}/${entry}`, got);
  }
  return got;
}

export async function runAction(opts: RunOptions): Promise<RunResult> {
  const script = await bundle(opts.entry, opts.dist);
  const run = await makeTempDir('go-paas-build-run');
  const runnerTemp = opts.runnerTemp ?? join(run, 'runner-temp');
  const toolCache = opts.toolCache ?? join(run, 'tool-cache');
  const files = join(run, 'files');
  await Promise.all([runnerTemp, toolCache, files].map((d) => mkdir(d, { recursive: true })));

  // env -i: nothing from the parent but these, so a dev machine's GITHUB_*/proxy/GO* vars cannot leak in.
  const env: Record<string, string> = {};
  for (const name of KEPT_FROM_PARENT) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (opts.entry !== 'cli') {
    Object.assign(env, {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_REPOSITORY: 'owner/app',
      GITHUB_SHA: FAKE_SHA,
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build',
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: toolCache,
      NO_PROXY: '127.0.0.1,localhost',
    });
    // core 3 throws "Missing file at path" when a file-command var names a file that does not exist.
    for (const cmd of FILE_COMMANDS) {
      const file = join(files, cmd.toLowerCase());
      await writeFile(file, '');
      env[`GITHUB_${cmd}`] = file;
    }
    for (const [name, value] of Object.entries({ ...actionDefaults(), ...opts.inputs })) {
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value;
  }
  Object.assign(env, opts.env ?? {});
  await giveToTestUser(run, true);
  const user = testUser();

  const started = performance.now();
  const child = spawn(process.execPath, [script, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? opts.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a timeout can kill the go/tar/make processes the action spawned too.
    detached: true,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  const echo = Boolean(process.env.ACTION_HARNESS_ECHO);
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
    if (echo) process.stderr.write(s);
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    if (echo) process.stderr.write(s);
  });
  let timedOut = false;
  let killed = false;
  const killGroup = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      child.kill(signal);
    }
  };
  const timeoutMs = opts.timeoutMs ?? 10 * 60 * 1000;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);
  const poll = opts.killWhen
    ? setInterval(() => {
        if (!killed && opts.killWhen!()) {
          killed = true;
          killGroup(opts.killSignal);
        }
      }, 50)
    : undefined;
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  }).finally(() => {
    clearTimeout(timer);
    clearInterval(poll);
  });
  const durationMs = performance.now() - started;
  if (timedOut) stderr += `\n[action-harness] killed after ${timeoutMs} ms\n`;

  const fileText = (cmd: (typeof FILE_COMMANDS)[number]): Promise<string> =>
    readIfExists(join(files, cmd.toLowerCase()));
  const pathText = await fileText('PATH');
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(await fileText('OUTPUT')),
    exportedEnv: parseFileCommands(await fileText('ENV')),
    path: pathText.split(/\r?\n/).filter((l) => l !== ''),
    state: parseFileCommands(await fileText('STATE')),
    summary: await fileText('STEP_SUMMARY'),
    durationMs,
    annotations: parseAnnotations(stdout),
    timedOut,
    killed,
    dirs: { run, runnerTemp, toolCache },
  };
}

/** The repository root, for tests that need paths such as action.yml. */
export function repoRoot(): string {
  return REPO_ROOT;
}
