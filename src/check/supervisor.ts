import { randomBytes } from 'node:crypto';
import type { Logger } from '../runtime/ports.js';
import { chooseKeeping, Keeper, type KeepKind } from './keeper.js';
import {
  deadlineWithin,
  exitedFailure,
  MARKER_NAME,
  oneOffTimeout,
  signalExitCode,
  smokeEnv,
  startArgs,
  unheldFailure,
  type SmokeTimeouts,
} from './policy.js';
import type { ProcStat } from './procfs.js';
import { Started } from './started.js';

/** A check that failed: its message becomes the step's error. */
export class SmokeFailure extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * What one smoke test started, kept by the Keeper (keeper.ts) and watched through Started
 * (started.ts), and the time it has left; nothing it started outlives `stopAll`, nor a cancelled
 * job once `guard` is on.
 */
export class Supervisor {
  readonly started: Started[] = [];
  private readonly marker = `${MARKER_NAME}=${randomBytes(12).toString('hex')}`;
  private readonly env: Record<string, string>;
  private readonly keeper: Keeper;
  /** The overall deadline. */
  readonly overall: number;
  private unguard?: () => void;

  constructor(
    private readonly opts: {
      slugDir: string;
      jobEnv: Readonly<Record<string, string | undefined>>;
      log: Logger;
      t: SmokeTimeouts;
    },
  ) {
    this.env = smokeEnv(opts.jobEnv, opts.slugDir, this.marker.slice(MARKER_NAME.length + 1));
    this.overall = Date.now() + opts.t.overallMs;
    this.keeper = new Keeper(chooseKeeping(opts.jobEnv.PATH), this.marker);
  }

  get kind(): KeepKind {
    return this.keeper.kind;
  }

  /** A deadline `ms` from now, within the overall one. */
  until(ms: number): number {
    return deadlineWithin(Date.now(), ms, this.overall);
  }

  start(name: string, command: string): Started {
    const kept = this.keeper.start(startArgs(name, command), {
      cwd: this.opts.slugDir,
      env: this.env,
    });
    const s = new Started(name, command, kept, this.opts.log);
    this.started.push(s);
    return s;
  }

  /** The pids of the processes `p` started, itself included, supervisors left out. */
  pidsOf(p: Started): number[] {
    return this.keeper.processes(p.root).map((x: ProcStat) => x.pid);
  }

  /** Fails with the first of `procs` that has exited, its exit code and last output. */
  async failIfExited(procs: Started[]): Promise<void> {
    this.failIfUnheld();
    const p = procs.find((x) => x.exit);
    if (!p?.exit) return;
    await p.settled();
    throw new SmokeFailure(
      exitedFailure({ what: p.what, ending: p.ending, exit: p.exit, lastOutput: p.lastOutput }),
    );
  }

  /** Fails when a supervisor is gone before the stop (policy: unheldFailure). */
  failIfUnheld(): void {
    const p = this.started.find((x) => x.supervisorExit);
    if (!p?.supervisorExit) return;
    throw new SmokeFailure(unheldFailure(p.what, p.supervisorExit));
  }

  /** Runs a one-off (a hook, the release process) to its end. */
  async runOnce(name: string, command: string): Promise<Started> {
    this.opts.log.info(`Running ${name}: ${command}`);
    const p = this.start(name, command);
    const deadline = this.until(this.opts.t.oneOffMs);
    while (!p.exit && Date.now() < deadline) await sleep(50);
    await p.settled();
    if (!p.exit) throw new SmokeFailure(oneOffTimeout(p, this.opts.t.oneOffMs));
    return p;
  }

  /** A job cancelled, or an exception: from now on, nothing started may survive the step. */
  guard(): void {
    const killNow = () => this.keeper.killNow();
    const onSignal = (sig: NodeJS.Signals) => {
      killNow();
      process.exit(signalExitCode(sig));
    };
    process.on('exit', killNow);
    for (const sig of SIGNALS) process.on(sig, onSignal);
    this.unguard = () => {
      process.off('exit', killNow);
      for (const sig of SIGNALS) process.off(sig, onSignal);
    };
  }

  /** Stops everything started (SIGTERM, SIGKILL after the grace time), then logs what is left. */
  async stopAll(): Promise<void> {
    for (const p of this.started) p.stopping = true;
    await this.keeper.stop(this.opts.t.stopGraceMs);
    this.unguard?.();
    this.unguard = undefined;
    for (const p of this.started) p.flush();
  }
}
