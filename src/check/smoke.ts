import { UserError } from '../errors.js';
import type { Logger } from '../runtime/ports.js';
import type { ProcfileEntry } from '../slug/procfile.js';
import type { KeepKind } from './keeper.js';
import {
  afterStartHook,
  aliveUntil,
  busyPortFailure,
  endedFailure,
  healthFailure,
  healthHost,
  hookWarning,
  keepingNotice,
  listenerVerdict,
  notListening,
  oneOffSucceeded,
  smokeError,
  smokeProcesses,
  smokeTimeouts,
  SMOKE_PORT,
  unreportedRow,
  webProcess,
  wrongListener,
  type HealthResult,
  type RunHooks,
  type SmokeTimeouts,
} from './policy.js';
import { listenersOf, listenersOn, probeHealth } from './probe.js';
import { showListener, type Listener } from './procfs.js';
import type { Started } from './started.js';
import { SmokeFailure, Supervisor } from './supervisor.js';

/**
 * The smoke test (SPEC §10): every process of the slug's Procfile started from the slug root as a
 * dyno or a Clever Cloud instance starts it, the web process checked for a listener on
 * 0.0.0.0:8080 and for 200 answers on the health paths, the others for still running. Everything
 * it started is stopped before it returns, whatever happened. The rules are policy.ts's, the
 * processes supervisor.ts's, the questions to the machine probe.ts's; this runs them in order.
 */

export interface SmokeOptions {
  slugDir: string;
  entries: ProcfileEntry[];
  healthPaths: string[];
  jobEnv: Readonly<Record<string, string | undefined>>;
  hooks: RunHooks;
  log: Logger;
  timeouts?: Partial<SmokeTimeouts>;
}

export interface SmokeReport {
  processes: { name: string; command: string; result: string; ok: boolean }[];
  /** What the web process listened on. */
  listeners?: string;
  health: HealthResult[];
  /** The line the smoke test failed with. */
  error?: string;
  /** Where its processes were kept, so that none outlives the step. */
  keptIn?: KeepKind;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One smoke test: its checks, in the platform's order, on what its supervisor started. */
class SmokeRun {
  private readonly t: SmokeTimeouts;
  private readonly log: Logger;
  private readonly sup: Supervisor;

  constructor(
    private readonly opts: SmokeOptions,
    private readonly report: SmokeReport,
  ) {
    this.t = smokeTimeouts(opts.timeouts);
    this.log = opts.log;
    this.sup = new Supervisor({
      slugDir: opts.slugDir,
      jobEnv: opts.jobEnv,
      log: opts.log,
      t: this.t,
    });
    report.keptIn = this.sup.kind;
  }

  /** Every check, in the platform's order; throws a SmokeFailure at the first that fails. */
  private async checks(): Promise<void> {
    const { opts, report, log, sup } = this;
    const busy = listenersOn(SMOKE_PORT);
    if (busy.length > 0) throw new SmokeFailure(busyPortFailure(busy));
    if (opts.hooks.preRun) {
      const hook = await sup.runOnce('CC_PRE_RUN_HOOK', opts.hooks.preRun);
      if (!oneOffSucceeded(hook.exit)) throw new SmokeFailure(endedFailure(hook));
    }
    const { release, started, failure } = smokeProcesses(opts.entries);
    // Heroku's release phase: run to its end before anything else starts.
    if (release) {
      const p = await sup.runOnce('release', release.command);
      const ok = oneOffSucceeded(p.exit);
      report.processes.push({ name: 'release', command: release.command, result: p.ending, ok });
      if (!ok) throw new SmokeFailure(endedFailure(p));
    }
    if (failure !== undefined) throw new SmokeFailure(failure);
    const procs = started.map((e) => {
      log.info(`Starting ${e.name}: ${e.command}`);
      return sup.start(e.name, e.command);
    });
    const web = webProcess(procs);
    if (web) {
      const bound = await this.awaitListener(web, procs);
      report.listeners = bound.map(showListener).join(', ');
      log.info(`The web process listens on ${report.listeners}`);
      report.health = await probeHealth(
        { host: healthHost(bound), port: SMOKE_PORT, paths: opts.healthPaths },
        {
          deadline: sup.until(this.t.healthMs),
          requestMs: this.t.requestMs,
          between: () => sup.failIfExited(procs),
        },
      );
      const unhealthy = healthFailure(report.health);
      if (unhealthy !== undefined) throw new SmokeFailure(unhealthy);
    } else {
      log.info('The Procfile has no web process: nothing to listen on 8080 or to health-check');
    }
    // Every process must still run a few seconds after its start.
    const until = aliveUntil(
      procs.map((p) => p.startedAt),
      this.t.aliveMs,
      sup.overall,
    );
    while (Date.now() < until) {
      await sup.failIfExited(procs);
      await sleep(50);
    }
    await sup.failIfExited(procs);
    for (const p of procs) {
      report.processes.push({ name: p.name, command: p.command, result: 'running', ok: true });
    }
  }

  /** The web process's listeners, once it listens on 0.0.0.0:8080 (or [::]:8080). */
  private async awaitListener(web: Started, procs: Started[]): Promise<Listener[]> {
    const deadline = this.sup.until(this.t.listenMs);
    let wrongSince: number | undefined;
    for (;;) {
      await this.sup.failIfExited(procs);
      const bound = listenersOf(this.sup.pidsOf(web));
      const v = listenerVerdict({
        bound,
        wrongSince,
        now: Date.now(),
        deadline,
        graceMs: this.t.wrongListenerGraceMs,
      });
      wrongSince = v.wrongSince;
      if (v.verdict === 'listening') return bound;
      if (v.verdict === 'wrong') throw new SmokeFailure(wrongListener(web.what, bound));
      if (v.verdict === 'timeout') {
        await web.settled();
        throw new SmokeFailure(notListening(web, this.t.listenMs));
      }
      await sleep(100);
    }
  }

  /** The checks, then Clever Cloud's after-start hook; everything stopped whatever happens. */
  async run(): Promise<void> {
    const { opts, report, log, sup } = this;
    const notice = keepingNotice(sup.kind);
    if (notice.warning) log.warning(notice.text);
    else log.info(notice.text);
    sup.guard();
    let failure: string | undefined;
    try {
      try {
        await this.checks();
      } catch (err) {
        if (!(err instanceof SmokeFailure)) throw err;
        failure = smokeError(err.message);
        for (const p of sup.started) {
          const row = unreportedRow(p, report.processes);
          if (row) report.processes.push(row);
        }
      }
      // After start, the app still running; their failure never fails the deploy.
      const [name, hook] = afterStartHook(failure !== undefined, opts.hooks);
      if (hook) {
        try {
          const p = await sup.runOnce(name, hook);
          if (!oneOffSucceeded(p.exit)) log.warning(hookWarning(`${p.what} ${p.ending}`));
        } catch (err) {
          if (!(err instanceof SmokeFailure)) throw err;
          log.warning(hookWarning(err.message));
        }
      }
      if (failure === undefined) {
        try {
          sup.failIfUnheld();
        } catch (err) {
          if (!(err instanceof SmokeFailure)) throw err;
          failure = smokeError(err.message);
        }
      }
    } finally {
      await sup.stopAll();
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
