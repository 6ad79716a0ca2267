import type { ProcfileEntry } from '../slug/procfile.js';
import { show } from '../trust/log-text.js';
import { KEEP_DESCRIPTION, type KeepKind } from './keeper.js';
import { isLoopback, isWildcard, showListener, type Listener } from './procfs.js';
import type { Ending } from './started.js';
import { bad } from '../trust/refusal.js';

/**
 * The smoke test's rules (SPEC §10), as a dyno or a Clever Cloud instance applies them: which
 * processes of the Procfile start and with what environment, the port and the health paths of the
 * web process, how long each stage may take, and how what happened is judged. Decisions only: no
 * process, no socket, no clock of its own (the times are given).
 */

/** The port both platforms give the web process (Clever Cloud requires 0.0.0.0:8080). */
export const SMOKE_PORT = 8080;

/** How long each stage may take (docs/deploy-check.md). */
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

export type SmokeTimeouts = typeof SMOKE_TIMEOUTS;

/** The timeouts, with those a caller gives (the tests) in place of the defaults. */
export function smokeTimeouts(given?: Partial<SmokeTimeouts>): SmokeTimeouts {
  return { ...SMOKE_TIMEOUTS, ...given };
}

/** A deadline `ms` after `now`, within the overall one. */
export function deadlineWithin(now: number, ms: number, overall: number): number {
  return Math.min(now + ms, overall);
}

/** The system PATH of a dyno: the slug's .profile.d scripts add bin/ to it. */
export const DYNO_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Sources the slug's .profile.d scripts, as a dyno does, then runs the command with bash. */
const START =
  'for f in .profile.d/*.sh; do if [ -r "$f" ]; then . "$f"; fi; done; exec bash -c "$1"';

/** The command line that starts one process of the Procfile (or a hook), from the slug root. */
export function startArgs(name: string, command: string): string[] {
  return ['bash', '-c', START, name, command];
}

/** Variables of the job that are the runner's or the build's own, not the app's. */
const NOT_THE_APPS = /^(?:GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_)|^(?:GOROOT|GOTOOLCHAIN)$/;

export const MARKER_NAME = 'GO_PAAS_BUILD_SMOKE_TEST';

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

/** Clever Cloud's run hooks: CC_PRE_RUN_HOOK, CC_RUN_SUCCEEDED_HOOK, CC_RUN_FAILED_HOOK. */
export interface RunHooks {
  preRun?: string;
  succeeded?: string;
  failed?: string;
}

/** The hook run once the checks are over, by their outcome, and its name. */
export function afterStartHook(failed: boolean, hooks: RunHooks): [string, string | undefined] {
  return failed ? ['CC_RUN_FAILED_HOOK', hooks.failed] : ['CC_RUN_SUCCEEDED_HOOK', hooks.succeeded];
}

/** Whether a name the smoke test runs is a hook (`CC_…`) rather than a process of the Procfile. */
export function isHook(name: string): boolean {
  return name.startsWith('CC_');
}

/**
 * The processes the smoke test starts: Heroku's `release`, run to its end before anything else,
 * then every other one, kept running; with none of those the test fails before it starts any.
 */
export function smokeProcesses(entries: readonly ProcfileEntry[]): {
  release?: ProcfileEntry;
  started: ProcfileEntry[];
  failure?: string;
} {
  const release = entries.find((e) => e.name === 'release');
  const started = entries.filter((e) => e.name !== 'release');
  if (started.length > 0) return { release, started };
  return { release, started, failure: 'the Procfile has no process to start; add a web process' };
}

/** The process the listener and the health paths are checked on. */
export function webProcess<T extends { name: string }>(started: readonly T[]): T | undefined {
  return started.find((p) => p.name === 'web');
}

/** Whether a one-off (the release process, a hook) succeeded: it exited with code 0. */
export function oneOffSucceeded(exit: Ending | undefined): boolean {
  return exit?.code === 0;
}

/** One process as the messages show it: `the web process (bin/app)`, how it ended, its output. */
export interface Shown {
  what: string;
  ending: string;
  lastOutput: string;
}

/** A one-off that did not succeed, or a process that ended: `<what> <ending><last output>`. */
export function endedFailure(p: Shown): string {
  return `${p.what} ${p.ending}${p.lastOutput}`;
}

/** A process of the Procfile that ended while it had to keep running. */
export function exitedFailure(p: Shown & { exit: Ending }): string {
  const zero = p.exit.code === 0 && !p.exit.signal;
  return `${p.what} ${p.ending}${zero ? ' (a process of the Procfile must keep running)' : ''}${p.lastOutput}`;
}

/** A one-off still running at its deadline. */
export function oneOffTimeout(p: Omit<Shown, 'ending'>, oneOffMs: number): string {
  return `${p.what} did not finish within ${oneOffMs / 1000} s${p.lastOutput}`;
}

/**
 * A supervisor gone before the stop: only a process of the app signalling it can do that (in a
 * namespace, nothing inside can), and what it held may then get away.
 */
export function unheldFailure(what: string, supervisorExit: Ending): string {
  const how = supervisorExit.signal ?? `exit code ${supervisorExit.code ?? '?'}`;
  return `the supervisor holding what ${what} started was ended (${how}) before the stop, so what it started could outlive the step; a process of the Procfile must not signal its parent`;
}

/** What an after-start hook's failure becomes: a warning, never the step's failure. */
export function hookWarning(message: string): string {
  return `${message}; this does not fail the step`;
}

/** The step's error for a check that failed. */
export function smokeError(message: string): string {
  return `smoke-test: ${message}`;
}

/** Something already listening on the smoke port, before anything started. */
export function busyPortFailure(busy: readonly Listener[]): string {
  return `port ${SMOKE_PORT} is already in use on this machine (${busy.map(showListener).join(', ')}), so the web process could not have it; stop what listens there before this step`;
}

export type ListenerVerdict = 'listening' | 'wait' | 'wrong' | 'timeout';

/**
 * Where the web process stands, from its listeners at `now`: on 0.0.0.0:8080 (or [::]:8080) it
 * listens; listening elsewhere only since `wrongSince` for the grace time, it is wrong; past the
 * deadline with none, it timed out. `wrongSince` is when it was first seen listening.
 */
export function listenerVerdict(s: {
  bound: readonly Listener[];
  wrongSince?: number;
  now: number;
  deadline: number;
  graceMs: number;
}): { verdict: ListenerVerdict; wrongSince?: number } {
  if (s.bound.some((l) => l.port === SMOKE_PORT && isWildcard(l.address))) {
    return { verdict: 'listening', wrongSince: s.wrongSince };
  }
  const wrongSince = s.bound.length > 0 ? (s.wrongSince ?? s.now) : s.wrongSince;
  if (wrongSince !== undefined && s.now - wrongSince >= s.graceMs) {
    return { verdict: 'wrong', wrongSince };
  }
  return { verdict: s.now >= s.deadline ? 'timeout' : 'wait', wrongSince };
}

const USE_PORT = 'in Go: ":" + os.Getenv("PORT")';

/** Why the web process's listeners will not do: on 8080 but not on every interface, or elsewhere. */
export function wrongListener(what: string, bound: readonly Listener[]): string {
  const shown = bound.map(showListener).join(', ');
  const on8080 = bound.filter((l) => l.port === SMOKE_PORT);
  if (on8080.length > 0) {
    const where = on8080.every((l) => isLoopback(l.address))
      ? 'which only this machine can reach'
      : 'not on every interface';
    return `${what} listens on ${shown}, ${where}; listen on 0.0.0.0:${SMOKE_PORT} (${USE_PORT})`;
  }
  return `${what} listens on ${shown}, not on port ${SMOKE_PORT}; listen on the port in PORT (${USE_PORT})`;
}

/** The web process not listening at all by the deadline. */
export function notListening(p: Omit<Shown, 'ending'>, listenMs: number): string {
  return `Nothing listening on port ${SMOKE_PORT}: ${p.what} did not listen on 0.0.0.0:${SMOKE_PORT} within ${listenMs / 1000} s${p.lastOutput}`;
}

/** Where the health paths are asked: IPv4 loopback when it listens on 0.0.0.0, else IPv6's. */
export function healthHost(bound: readonly Listener[]): string {
  return bound.some((l) => l.address === '0.0.0.0') ? '127.0.0.1' : '::1';
}

/** What one health request got: `returned 200` (the only answer that passes), `failed: …`. */
export interface HealthAnswer {
  result: string;
  ok: boolean;
}

export type HealthResult = HealthAnswer & { path: string };

/** The answer a health path's HTTP status makes. */
export function healthStatus(status: number): HealthAnswer {
  return { result: `returned ${status}`, ok: status === 200 };
}

/** The answer a health request that got none makes (`ECONNREFUSED`, a timeout's message). */
export function healthError(reason: string): HealthAnswer {
  return { result: `failed: ${reason}`, ok: false };
}

/** The failure of the health paths that never answered 200, in Clever Cloud's words. */
export function healthFailure(health: readonly HealthResult[]): string | undefined {
  const failed = health.filter((h) => !h.ok);
  if (failed.length === 0) return undefined;
  return `Health check failed: ${failed.map((h) => `- GET ${show(h.path)} ${h.result}`).join(' ')}`;
}

/** Until when every process must still run: `aliveMs` after the last start, within the overall. */
export function aliveUntil(startedAt: readonly number[], aliveMs: number, overall: number): number {
  return Math.min(Math.max(...startedAt) + aliveMs, overall);
}

/** The report row of a process the failed test had started and not yet reported, or none. */
export function unreportedRow(
  p: { name: string; command: string; ending: string; exit?: Ending },
  reported: readonly { name: string }[],
): { name: string; command: string; result: string; ok: boolean } | undefined {
  if (isHook(p.name) || reported.some((r) => r.name === p.name)) return undefined;
  return { name: p.name, command: p.command, result: p.ending, ok: !p.exit };
}

/** What is said of where the processes are kept: a warning for the weakest way, else a line. */
export function keepingNotice(kind: KeepKind): { warning: boolean; text: string } {
  if (kind === 'groups') {
    return {
      warning: true,
      text: `smoke-test: no perl on PATH, so the processes are kept in ${KEEP_DESCRIPTION[kind]} only: one that leaves both and clears its environment can outlive the step`,
    };
  }
  return {
    warning: false,
    text: `The processes run in ${KEEP_DESCRIPTION[kind]}: nothing they start outlives the step`,
  };
}

/** The exit code of a step the runner cancelled with `sig`, as a shell reports it. */
export function signalExitCode(sig: NodeJS.Signals): number {
  return sig === 'SIGINT' ? 130 : 143;
}

/** Longest health-check path accepted (a request line, not a document). */
const MAX_HEALTH_PATH = 2048;

/** A request target: it starts with `/` and holds only visible ASCII (no space, no line break). */
export function healthCheckPath(value: string, label: string): string {
  if (!/^\/[\x21-\x7e]*$/.test(value) || value.length > MAX_HEALTH_PATH) {
    throw bad(
      label,
      value,
      `not a health-check path; use a path such as /health (it starts with /, at most ${MAX_HEALTH_PATH} characters, no space or control character)`,
    );
  }
  return value;
}
