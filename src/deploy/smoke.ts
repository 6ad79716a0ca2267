import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import http from 'node:http';
import { UserError } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import type { ProcfileEntry } from '../slug/procfile.js';
import { quote, show } from '../trust/log-text.js';
import {
  isLoopback,
  isWildcard,
  listeningSockets,
  processesOf,
  showListener,
  socketInodes,
  type Listener,
} from './procfs.js';

/**
 * The smoke test (SPEC §10): every process of the slug's Procfile started from the slug root as a
 * dyno or a Clever Cloud instance starts it, the web process checked for a listener on
 * 0.0.0.0:8080 and for 200 answers on the health paths, the others for still running. Everything
 * it started is stopped before it returns, whatever happened.
 */

/** The port both platforms give the web process (Clever Cloud requires 0.0.0.0:8080). */
export const SMOKE_PORT = 8080;

/** How long each stage may take (README, "Deploy check"). */
export const SMOKE_TIMEOUTS = {
  /** The web process must listen on 0.0.0.0:8080 within this. */
  listenMs: 30_000,
  /** Once it listens somewhere else only (127.0.0.1, another port), it has this long to fix it. */
  wrongListenerGraceMs: 2_000,
  /** Each health path is asked again until it answers 200, for this long. */
  healthMs: 10_000,
  /** One health request. */
  requestMs: 5_000,
  /** Every process must still run this long after its start. */
  aliveMs: 3_000,
  /** A `release` process, a run hook: must finish within this. */
  oneOffMs: 60_000,
  /** SIGTERM, then SIGKILL after this. */
  stopGraceMs: 3_000,
  /** The whole smoke test, hooks included: past it, everything is stopped and the step fails. */
  overallMs: 180_000,
};

/** The system PATH of a dyno: the slug's .profile.d scripts add bin/ to it. */
export const DYNO_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Sources the slug's .profile.d scripts, as a dyno does, then runs the command with bash. */
const START =
  'for f in .profile.d/*.sh; do if [ -r "$f" ]; then . "$f"; fi; done; exec bash -c "$1"';

/** Variables of the job that are the runner's or the build's own, not the app's. */
const NOT_THE_APPS = /^(?:GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_)|^(?:GOROOT|GOTOOLCHAIN)$/;

const MARKER_NAME = 'GO_PAAS_BUILD_SMOKE_TEST';

/**
 * The environment of the processes: the job's, less the runner's own variables and what the build
 * set, with HOME the slug root, PORT 8080 and a dyno's PATH; `marker` lets the stop find a
 * grandchild that left the process group.
 */
export function smokeEnv(
  job: Readonly<Record<string, string | undefined>>,
  slugDir: string,
  marker: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(job))
    if (v !== undefined && !NOT_THE_APPS.test(k)) env[k] = v;
  return {
    ...env,
    HOME: slugDir,
    PORT: String(SMOKE_PORT),
    PATH: DYNO_PATH,
    [MARKER_NAME]: marker,
  };
}

export interface RunHooks {
  preRun?: string;
  succeeded?: string;
  failed?: string;
}

export interface SmokeOptions {
  slugDir: string;
  entries: ProcfileEntry[];
  healthPaths: string[];
  jobEnv: Readonly<Record<string, string | undefined>>;
  hooks: RunHooks;
  log: Logger;
  timeouts?: Partial<typeof SMOKE_TIMEOUTS>;
}

export interface SmokeReport {
  processes: { name: string; command: string; result: string; ok: boolean }[];
  /** What the web process listened on. */
  listeners?: string;
  health: { path: string; result: string; ok: boolean }[];
  /** The line the smoke test failed with. */
  error?: string;
}

const TAIL_LINES = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One process the smoke test started: its output (logged, and its last lines kept) and its end. */
class Started {
  readonly startedAt = Date.now();
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly tail: string[] = [];
  /** Its output ends (or a grandchild keeps it open: then not long after the exit). */
  private readonly closed: Promise<void>;
  private readonly flushes: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly command: string,
    readonly child: ChildProcess,
    private readonly log: Logger,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      // Each stream its own decoder and partial line: a UTF-8 character or a line split across
      // reads stays whole.
      const decoder = new StringDecoder('utf8');
      let partial = '';
      stream.on('data', (b: Buffer) => {
        const lines = (partial + decoder.write(b)).split(/\r?\n|\r/);
        partial = lines.pop() ?? '';
        for (const line of lines) this.line(line);
      });
      this.flushes.push(() => {
        const rest = partial + decoder.end();
        partial = '';
        if (rest !== '') this.line(rest);
      });
    }
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
    });
    child.on('error', (err) => {
      this.exit = { code: 127, signal: null };
      this.line(String(err));
    });
    this.closed = new Promise((resolve) => child.on('close', () => resolve()));
  }

  private line(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    // The app's output: every line made inert by the logger.
    this.log.info(`${this.name} | ${line}`);
  }

  /** Logs what is left of a line without its line break. */
  flush(): void {
    for (const f of this.flushes) f();
  }

  /** Its last words: what it printed up to its exit, given a moment to arrive. */
  async settled(): Promise<void> {
    await Promise.race([this.closed, sleep(500)]);
    this.flush();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** `the web process (bin/app)`, `the CC_PRE_RUN_HOOK hook ("./pre.sh x")` */
  get what(): string {
    return `the ${this.name} ${this.name.startsWith('CC_') ? 'hook' : 'process'} (${show(this.command)})`;
  }

  /** `exited with code 3`, `was killed by SIGSEGV` */
  get ending(): string {
    if (!this.exit) return 'is running';
    return this.exit.signal
      ? `was killed by ${this.exit.signal}`
      : `exited with code ${this.exit.code ?? '?'}`;
  }

  /** `; last output: "…"` (its end, on one line), or that it printed nothing. */
  get lastOutput(): string {
    const lines = this.tail.filter((l) => l.trim() !== '').slice(-5);
    if (lines.length === 0) return '; it printed nothing';
    let text = lines.join('\n');
    if (text.length > 190) text = `…${text.slice(-189)}`;
    return `; last output: ${quote(text)}`;
  }
}

/** A check that failed: its message becomes the step's error. */
class SmokeFailure extends Error {}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One smoke test: what it started, and the time it has left. */
class SmokeRun {
  private readonly t: typeof SMOKE_TIMEOUTS;
  private readonly log: Logger;
  private readonly marker = `${MARKER_NAME}=${randomBytes(12).toString('hex')}`;
  private readonly env: Record<string, string>;
  private readonly started: Started[] = [];
  /** Each process it started leads its own process group (and session). */
  private readonly groups = new Set<number>();
  private readonly overall: number;

  constructor(
    private readonly opts: SmokeOptions,
    private readonly report: SmokeReport,
  ) {
    this.t = { ...SMOKE_TIMEOUTS, ...opts.timeouts };
    this.log = opts.log;
    this.env = smokeEnv(opts.jobEnv, opts.slugDir, this.marker.slice(MARKER_NAME.length + 1));
    this.overall = Date.now() + this.t.overallMs;
  }

  /** A deadline `ms` from now, within the overall one. */
  private until(ms: number): number {
    return Math.min(Date.now() + ms, this.overall);
  }

  private start(name: string, command: string): Started {
    const child = spawn('bash', ['-c', START, name, command], {
      cwd: this.opts.slugDir,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own session and process group: the stop kills the group, grandchildren included.
      detached: true,
    });
    const s = new Started(name, command, child, this.log);
    if (child.pid !== undefined) this.groups.add(child.pid);
    this.started.push(s);
    return s;
  }

  /** Fails with the first of `procs` that has exited, its exit code and last output. */
  private async failIfExited(procs: Started[]): Promise<void> {
    const p = procs.find((x) => x.exit);
    if (!p?.exit) return;
    await p.settled();
    const zero = p.exit.code === 0 && !p.exit.signal;
    throw new SmokeFailure(
      `${p.what} ${p.ending}${zero ? ' (a process of the Procfile must keep running)' : ''}${p.lastOutput}`,
    );
  }

  /** Runs a one-off (a hook, the release process) to its end. */
  private async runOnce(name: string, command: string): Promise<Started> {
    this.log.info(`Running ${name}: ${command}`);
    const p = this.start(name, command);
    const deadline = this.until(this.t.oneOffMs);
    while (!p.exit && Date.now() < deadline) await sleep(50);
    await p.settled();
    if (!p.exit) {
      throw new SmokeFailure(
        `${p.what} did not finish within ${this.t.oneOffMs / 1000} s${p.lastOutput}`,
      );
    }
    return p;
  }

  /** Every check, in the platform's order; throws a SmokeFailure at the first that fails. */
  private async checks(): Promise<void> {
    const { opts, report, log } = this;
    const busy = listeningSockets().filter((l) => l.port === SMOKE_PORT);
    if (busy.length > 0) {
      throw new SmokeFailure(
        `port ${SMOKE_PORT} is already in use on this machine (${busy.map(showListener).join(', ')}), so the web process could not have it; stop what listens there before this step`,
      );
    }
    if (opts.hooks.preRun) {
      const hook = await this.runOnce('CC_PRE_RUN_HOOK', opts.hooks.preRun);
      if (hook.exit?.code !== 0) {
        throw new SmokeFailure(`${hook.what} ${hook.ending}${hook.lastOutput}`);
      }
    }
    // Heroku's release phase: run to its end before anything else starts.
    const release = opts.entries.find((e) => e.name === 'release');
    if (release) {
      const p = await this.runOnce('release', release.command);
      const ok = p.exit?.code === 0;
      report.processes.push({ name: 'release', command: release.command, result: p.ending, ok });
      if (!ok) throw new SmokeFailure(`${p.what} ${p.ending}${p.lastOutput}`);
    }
    const entries = opts.entries.filter((e) => e.name !== 'release');
    if (entries.length === 0) {
      throw new SmokeFailure('the Procfile has no process to start; add a web process');
    }
    const procs = entries.map((e) => {
      log.info(`Starting ${e.name}: ${e.command}`);
      return this.start(e.name, e.command);
    });
    const web = procs.find((p) => p.name === 'web');
    if (web) {
      const bound = await this.awaitListener(web, procs);
      report.listeners = bound.map(showListener).join(', ');
      log.info(`The web process listens on ${report.listeners}`);
      const host = bound.some((l) => l.address === '0.0.0.0') ? '127.0.0.1' : '::1';
      report.health = await this.healthChecks(host, procs);
      const failed = report.health.filter((h) => !h.ok);
      if (failed.length > 0) {
        // Clever Cloud's words.
        throw new SmokeFailure(
          `Health check failed: ${failed.map((h) => `- GET ${show(h.path)} ${h.result}`).join(' ')}`,
        );
      }
    } else {
      log.info('The Procfile has no web process: nothing to listen on 8080 or to health-check');
    }
    // Every process must still run a few seconds after its start.
    const aliveUntil = Math.min(
      Math.max(...procs.map((p) => p.startedAt)) + this.t.aliveMs,
      this.overall,
    );
    while (Date.now() < aliveUntil) {
      await this.failIfExited(procs);
      await sleep(50);
    }
    await this.failIfExited(procs);
    for (const p of procs) {
      report.processes.push({ name: p.name, command: p.command, result: 'running', ok: true });
    }
  }

  /** The web process's listeners, once it listens on 0.0.0.0:8080 (or [::]:8080). */
  private async awaitListener(web: Started, procs: Started[]): Promise<Listener[]> {
    const deadline = this.until(this.t.listenMs);
    let wrongSince: number | undefined;
    for (;;) {
      await this.failIfExited(procs);
      const bound = listenersOf(web.pid);
      if (bound.some((l) => l.port === SMOKE_PORT && isWildcard(l.address))) return bound;
      if (bound.length > 0) wrongSince ??= Date.now();
      const now = Date.now();
      if (wrongSince !== undefined && now - wrongSince >= this.t.wrongListenerGraceMs) {
        throw new SmokeFailure(wrongListener(web, bound));
      }
      if (now >= deadline) {
        await web.settled();
        throw new SmokeFailure(
          `Nothing listening on port ${SMOKE_PORT}: ${web.what} did not listen on 0.0.0.0:${SMOKE_PORT} within ${this.t.listenMs / 1000} s${web.lastOutput}`,
        );
      }
      await sleep(100);
    }
  }

  /** Asks each path until it answers 200 or the time is up. */
  private async healthChecks(host: string, procs: Started[]): Promise<SmokeReport['health']> {
    const paths = this.opts.healthPaths;
    const deadline = this.until(this.t.healthMs);
    const results = new Map<string, { result: string; ok: boolean }>();
    for (;;) {
      for (const p of paths) {
        if (!results.get(p)?.ok) results.set(p, await get(host, p, this.t.requestMs));
      }
      await this.failIfExited(procs);
      if ([...results.values()].every((r) => r.ok) || Date.now() >= deadline) break;
      await sleep(250);
    }
    return paths.map((p) => ({ path: p, ...results.get(p)! }));
  }

  /** The checks, then Clever Cloud's after-start hook; everything stopped whatever happens. */
  async run(): Promise<void> {
    const { opts, report, log } = this;
    // A job cancelled, or an exception: nothing the test started may survive the step.
    const killNow = () => killAll(this.groups, this.marker, 'SIGKILL');
    const onSignal = (sig: NodeJS.Signals) => {
      killNow();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    process.on('exit', killNow);
    for (const sig of SIGNALS) process.on(sig, onSignal);
    let failure: string | undefined;
    try {
      try {
        await this.checks();
      } catch (err) {
        if (!(err instanceof SmokeFailure)) throw err;
        failure = `smoke-test: ${err.message}`;
        for (const p of this.started) {
          if (p.name.startsWith('CC_') || report.processes.some((r) => r.name === p.name)) continue;
          report.processes.push({
            name: p.name,
            command: p.command,
            result: p.ending,
            ok: !p.exit,
          });
        }
      }
      // After start, the app still running; their failure never fails the deploy.
      const [name, hook] =
        failure === undefined
          ? ['CC_RUN_SUCCEEDED_HOOK', opts.hooks.succeeded]
          : ['CC_RUN_FAILED_HOOK', opts.hooks.failed];
      if (hook) {
        try {
          const p = await this.runOnce(name, hook);
          if (p.exit?.code !== 0) log.warning(`${p.what} ${p.ending}; this does not fail the step`);
        } catch (err) {
          if (!(err instanceof SmokeFailure)) throw err;
          log.warning(`${err.message}; this does not fail the step`);
        }
      }
    } finally {
      await stopAll(this.groups, this.marker, this.t.stopGraceMs);
      process.off('exit', killNow);
      for (const sig of SIGNALS) process.off(sig, onSignal);
      for (const p of this.started) p.flush();
    }
    if (failure !== undefined) {
      report.error = failure;
      throw new UserError(failure);
    }
  }
}

/** Runs the smoke test; throws a UserError with the first failure, after everything is stopped. */
export async function smokeTest(opts: SmokeOptions, report: SmokeReport): Promise<void> {
  await new SmokeRun(opts, report).run();
}

const USE_PORT = 'in Go: ":" + os.Getenv("PORT")';

/** Why the web process's listeners will not do: on 8080 but not on every interface, or elsewhere. */
function wrongListener(web: Started, bound: Listener[]): string {
  const shown = bound.map(showListener).join(', ');
  const on8080 = bound.filter((l) => l.port === SMOKE_PORT);
  if (on8080.length > 0) {
    const where = on8080.every((l) => isLoopback(l.address))
      ? 'which only this machine can reach'
      : 'not on every interface';
    return `${web.what} listens on ${shown}, ${where}; listen on 0.0.0.0:${SMOKE_PORT} (${USE_PORT})`;
  }
  return `${web.what} listens on ${shown}, not on port ${SMOKE_PORT}; listen on the port in PORT (${USE_PORT})`;
}

/** The TCP listeners of every process in the group led by `pid`. */
function listenersOf(pgid: number): Listener[] {
  const inodes = new Set<number>();
  for (const p of processesOf(new Set([pgid]))) {
    for (const i of socketInodes(p.pid)) inodes.add(i);
  }
  if (inodes.size === 0) return [];
  const seen = new Set<string>();
  return listeningSockets()
    .filter((l) => inodes.has(l.inode))
    .filter((l) => {
      const k = showListener(l);
      return !seen.has(k) && seen.add(k) !== undefined;
    })
    .sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}

function get(
  host: string,
  path: string,
  timeoutMs: number,
): Promise<{ result: string; ok: boolean }> {
  return new Promise((resolve) => {
    const req = http.get(
      { host, port: SMOKE_PORT, path, agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve({ result: `returned ${status}`, ok: status === 200 });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      resolve({ result: `failed: ${code ?? err.message}`, ok: false });
    });
  });
}

/** Sends `signal` to every process group the test started and every process carrying the marker. */
function killAll(groups: ReadonlySet<number>, marker: string, signal: NodeJS.Signals): number {
  const left = processesOf(groups, marker);
  for (const g of groups) {
    try {
      process.kill(-g, signal);
    } catch {
      // the group is gone
    }
  }
  for (const p of left) {
    try {
      process.kill(p.pid, signal);
    } catch {
      // gone meanwhile
    }
  }
  return left.length;
}

/** SIGTERM to everything, SIGKILL to what is left after the grace time, until nothing is left. */
async function stopAll(
  groups: ReadonlySet<number>,
  marker: string,
  graceMs: number,
): Promise<void> {
  if (killAll(groups, marker, 'SIGTERM') === 0) return;
  const term = Date.now() + graceMs;
  while (Date.now() < term && processesOf(groups, marker).length > 0) await sleep(50);
  for (let i = 0; i < 100 && killAll(groups, marker, 'SIGKILL') > 0; i++) await sleep(50);
}
