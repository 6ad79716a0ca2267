import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { UserError } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import type { ProcfileEntry } from '../slug/procfile.js';
import { show } from '../trust/log-text.js';
import { chooseKeeping, KEEP_DESCRIPTION, Keeper, type KeepKind } from './keeper.js';
import {
  isLoopback,
  isWildcard,
  listeningSockets,
  showListener,
  socketInodes,
  type Listener,
} from './procfs.js';
import { Started } from './started.js';

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
  /** Where its processes were kept, so that none outlives the step. */
  keptIn?: KeepKind;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  private readonly keeper: Keeper;
  private readonly overall: number;

  constructor(
    private readonly opts: SmokeOptions,
    private readonly report: SmokeReport,
  ) {
    this.t = { ...SMOKE_TIMEOUTS, ...opts.timeouts };
    this.log = opts.log;
    this.env = smokeEnv(opts.jobEnv, opts.slugDir, this.marker.slice(MARKER_NAME.length + 1));
    this.overall = Date.now() + this.t.overallMs;
    this.keeper = new Keeper(chooseKeeping(opts.jobEnv.PATH), this.marker);
    report.keptIn = this.keeper.kind;
  }

  /** A deadline `ms` from now, within the overall one. */
  private until(ms: number): number {
    return Math.min(Date.now() + ms, this.overall);
  }

  private start(name: string, command: string): Started {
    const kept = this.keeper.start(['bash', '-c', START, name, command], {
      cwd: this.opts.slugDir,
      env: this.env,
    });
    const s = new Started(name, command, kept, this.log);
    this.started.push(s);
    return s;
  }

  /** Fails with the first of `procs` that has exited, its exit code and last output. */
  private async failIfExited(procs: Started[]): Promise<void> {
    this.failIfUnheld();
    const p = procs.find((x) => x.exit);
    if (!p?.exit) return;
    await p.settled();
    const zero = p.exit.code === 0 && !p.exit.signal;
    throw new SmokeFailure(
      `${p.what} ${p.ending}${zero ? ' (a process of the Procfile must keep running)' : ''}${p.lastOutput}`,
    );
  }

  /**
   * Fails when a supervisor is gone before the stop: only a process of the app signalling it can
   * do that (in a namespace, nothing inside can), and what it held may then get away.
   */
  private failIfUnheld(): void {
    const p = this.started.find((x) => x.supervisorExit);
    if (!p?.supervisorExit) return;
    const how = p.supervisorExit.signal ?? `exit code ${p.supervisorExit.code ?? '?'}`;
    throw new SmokeFailure(
      `the supervisor holding what ${p.what} started was ended (${how}) before the stop, so what it started could outlive the step; a process of the Procfile must not signal its parent`,
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
      const bound = this.listenersOf(web);
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

  /** The TCP listeners of every process the web process started, itself included. */
  private listenersOf(web: Started): Listener[] {
    const inodes = new Set<number>();
    for (const p of this.keeper.processes(web.root)) {
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
    const kind = this.keeper.kind;
    if (kind === 'groups') {
      log.warning(
        `smoke-test: no perl on PATH, so the processes are kept in ${KEEP_DESCRIPTION[kind]} only: one that leaves both and clears its environment can outlive the step`,
      );
    } else {
      log.info(
        `The processes run in ${KEEP_DESCRIPTION[kind]}: nothing they start outlives the step`,
      );
    }
    // A job cancelled, or an exception: nothing the test started may survive the step.
    const killNow = () => this.keeper.killNow();
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
      if (failure === undefined) {
        try {
          this.failIfUnheld();
        } catch (err) {
          if (!(err instanceof SmokeFailure)) throw err;
          failure = `smoke-test: ${err.message}`;
        }
      }
    } finally {
      for (const p of this.started) p.stopping = true;
      await this.keeper.stop(this.t.stopGraceMs);
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
