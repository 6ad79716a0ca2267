// The smoke test's rules (src/check/policy.ts), one table per decision: which processes start and
// how, the deadlines, how the web process's listeners and health answers are judged, and the
// words of each failure. Pure functions, called as they are.
import { describe, expect, it } from 'vitest';
import {
  afterStartHook,
  aliveUntil,
  busyPortFailure,
  deadlineWithin,
  endedFailure,
  exitedFailure,
  healthError,
  healthFailure,
  healthHost,
  healthStatus,
  hookWarning,
  isHook,
  keepingNotice,
  listenerVerdict,
  notListening,
  oneOffSucceeded,
  oneOffTimeout,
  signalExitCode,
  smokeError,
  smokeProcesses,
  smokeTimeouts,
  SMOKE_TIMEOUTS,
  startArgs,
  unheldFailure,
  unreportedRow,
  webProcess,
  wrongListener,
  type HealthResult,
  type ListenerVerdict,
  type RunHooks,
} from '../../src/check/policy.js';
import type { Listener } from '../../src/check/procfs.js';
import type { Ending } from '../../src/check/started.js';

const on = (address: string, port: number): Listener => ({ address, port, inode: 1 });
const exit = (code: number | null, signal: NodeJS.Signals | null = null): Ending => ({
  code,
  signal,
});
const WEB = 'the web process (bin/web)';

describe('which processes the smoke test starts', () => {
  const e = (name: string) => ({ name, command: `bin/${name}` });
  it.each([
    {
      entries: [e('web')],
      release: undefined,
      started: ['web'],
      failure: undefined,
    },
    {
      entries: [e('release'), e('web'), e('worker')],
      release: 'release',
      started: ['web', 'worker'],
      failure: undefined,
    },
    { entries: [e('worker'), e('clock')], release: undefined, started: ['worker', 'clock'] },
    {
      entries: [e('release')],
      release: 'release',
      started: [],
      failure: 'the Procfile has no process to start; add a web process',
    },
    {
      entries: [],
      release: undefined,
      started: [],
      failure: 'the Procfile has no process to start; add a web process',
    },
  ])('$entries → release $release, then $started', (c) => {
    const got = smokeProcesses(c.entries);
    expect(got.release?.name).toBe(c.release);
    expect(got.started.map((x) => x.name)).toEqual(c.started);
    expect(got.failure).toBe(c.failure);
  });

  it.each([
    [['worker', 'web'], 'web'],
    [['worker'], undefined],
    [['webapp', 'Web'], undefined],
  ])('among %j the web process is %s', (names, web) => {
    expect(webProcess(names.map((name) => ({ name })))?.name).toBe(web);
  });

  it.each([
    ['CC_PRE_RUN_HOOK', true],
    ['CC_RUN_FAILED_HOOK', true],
    ['web', false],
    ['release', false],
    ['cc_lower', false],
  ])('%s is a hook: %s', (name, hook) => {
    expect(isHook(name)).toBe(hook);
  });

  it.each([
    ['web', 'bin/web -p $PORT'],
    ['CC_PRE_RUN_HOOK', './pre.sh "x y"'],
  ])('%s starts through bash, .profile.d first, the command as one argument', (name, command) => {
    const args = startArgs(name, command);
    expect(args.slice(0, 2)).toEqual(['bash', '-c']);
    expect(args[2]).toContain('.profile.d/*.sh');
    expect(args[2]).toMatch(/exec bash -c "\$1"$/);
    expect(args.slice(3)).toEqual([name, command]);
  });
});

describe('the hooks around the test', () => {
  const hooks: RunHooks = { preRun: 'a', succeeded: 'b', failed: 'c' };
  it.each([
    [false, hooks, ['CC_RUN_SUCCEEDED_HOOK', 'b']],
    [true, hooks, ['CC_RUN_FAILED_HOOK', 'c']],
    [false, { failed: 'c' }, ['CC_RUN_SUCCEEDED_HOOK', undefined]],
    [true, { succeeded: 'b' }, ['CC_RUN_FAILED_HOOK', undefined]],
  ])('failed %s, hooks %j → %j', (failed, given, want) => {
    expect(afterStartHook(failed, given)).toEqual(want);
  });
});

describe('deadlines', () => {
  it.each([
    [{}, SMOKE_TIMEOUTS],
    [{ listenMs: 5 }, { ...SMOKE_TIMEOUTS, listenMs: 5 }],
    [
      { overallMs: 1, aliveMs: 2 },
      { ...SMOKE_TIMEOUTS, overallMs: 1, aliveMs: 2 },
    ],
  ])('timeouts %j', (given, want) => {
    expect(smokeTimeouts(given)).toEqual(want);
  });

  it.each([
    [1_000, 500, 10_000, 1_500],
    [1_000, 500, 1_200, 1_200],
    [1_000, 0, 10_000, 1_000],
  ])('%i + %i within %i → %i', (now, ms, overall, want) => {
    expect(deadlineWithin(now, ms, overall)).toBe(want);
  });

  it.each([
    [[100, 400, 250], 3_000, 10_000, 3_400],
    [[100], 3_000, 2_000, 2_000],
  ])('started at %j, alive for %i, overall %i → until %i', (starts, alive, overall, want) => {
    expect(aliveUntil(starts, alive, overall)).toBe(want);
  });
});

describe("the web process's listeners", () => {
  const grace = 2_000;
  const cases: {
    name: string;
    bound: Listener[];
    wrongSince?: number;
    now: number;
    verdict: ListenerVerdict;
    since?: number;
  }[] = [
    { name: '0.0.0.0:8080', bound: [on('0.0.0.0', 8080)], now: 0, verdict: 'listening' },
    { name: '[::]:8080', bound: [on('::', 8080)], now: 0, verdict: 'listening' },
    {
      name: 'also on 8080 everywhere, after a wrong start',
      bound: [on('127.0.0.1', 9000), on('0.0.0.0', 8080)],
      wrongSince: 10,
      now: 5_000,
      verdict: 'listening',
      since: 10,
    },
    { name: 'nothing yet', bound: [], now: 100, verdict: 'wait' },
    { name: 'nothing by the deadline', bound: [], now: 1_000, verdict: 'timeout' },
    {
      name: 'loopback only, first seen',
      bound: [on('127.0.0.1', 8080)],
      now: 500,
      verdict: 'wait',
      since: 500,
    },
    {
      name: 'loopback only, within the grace time',
      bound: [on('127.0.0.1', 8080)],
      wrongSince: 100,
      now: 999,
      verdict: 'wait',
      since: 100,
    },
    {
      name: 'loopback only, past the grace time',
      bound: [on('127.0.0.1', 8080)],
      wrongSince: 100,
      now: 2_100,
      verdict: 'wrong',
      since: 100,
    },
    {
      name: 'another port, past the deadline but within the grace time',
      bound: [on('0.0.0.0', 3000)],
      wrongSince: 900,
      now: 1_500,
      verdict: 'timeout',
      since: 900,
    },
    {
      name: 'seen wrong once, gone since, past the grace time',
      bound: [],
      wrongSince: 0,
      now: 2_000,
      verdict: 'wrong',
      since: 0,
    },
  ];
  it.each(cases)('$name → $verdict', (c) => {
    expect(
      listenerVerdict({
        bound: c.bound,
        wrongSince: c.wrongSince,
        now: c.now,
        deadline: 1_000,
        graceMs: grace,
      }),
    ).toEqual({ verdict: c.verdict, wrongSince: c.since });
  });

  it.each([
    [
      [on('127.0.0.1', 8080)],
      `${WEB} listens on 127.0.0.1:8080, which only this machine can reach; listen on 0.0.0.0:8080 (in Go: ":" + os.Getenv("PORT"))`,
    ],
    [
      [on('127.0.0.1', 8080), on('::1', 8080)],
      `${WEB} listens on 127.0.0.1:8080, [::1]:8080, which only this machine can reach; listen on 0.0.0.0:8080 (in Go: ":" + os.Getenv("PORT"))`,
    ],
    [
      [on('10.0.0.2', 8080)],
      `${WEB} listens on 10.0.0.2:8080, not on every interface; listen on 0.0.0.0:8080 (in Go: ":" + os.Getenv("PORT"))`,
    ],
    [
      [on('0.0.0.0', 3000)],
      `${WEB} listens on 0.0.0.0:3000, not on port 8080; listen on the port in PORT (in Go: ":" + os.Getenv("PORT"))`,
    ],
  ])('%j is refused with the fix', (bound, message) => {
    expect(wrongListener(WEB, bound)).toBe(message);
  });

  it.each([
    [[on('0.0.0.0', 8080)], '127.0.0.1'],
    [[on('::', 8080), on('0.0.0.0', 8080)], '127.0.0.1'],
    [[on('::', 8080)], '::1'],
  ])('%j is asked on %s', (bound, host) => {
    expect(healthHost(bound)).toBe(host);
  });

  it.each([
    [[on('127.0.0.1', 8080)], 'port 8080 is already in use on this machine (127.0.0.1:8080)'],
    [[on('0.0.0.0', 8080), on('::', 8080)], '(0.0.0.0:8080, [::]:8080)'],
  ])('a busy port %j is named', (busy, part) => {
    const m = busyPortFailure(busy);
    expect(m).toContain(part);
    expect(m).toMatch(/; stop what listens there before this step$/);
  });
});

describe('the health paths', () => {
  it.each([
    [200, { result: 'returned 200', ok: true }],
    [204, { result: 'returned 204', ok: false }],
    [301, { result: 'returned 301', ok: false }],
    [500, { result: 'returned 500', ok: false }],
    [0, { result: 'returned 0', ok: false }],
  ])('status %i → %j', (status, answer) => {
    expect(healthStatus(status)).toEqual(answer);
  });

  it.each([
    ['ECONNREFUSED', 'failed: ECONNREFUSED'],
    ['no answer within 5 s', 'failed: no answer within 5 s'],
  ])('no answer (%s)', (reason, result) => {
    expect(healthError(reason)).toEqual({ result, ok: false });
  });

  const h = (path: string, result: string, ok: boolean): HealthResult => ({ path, result, ok });
  it.each([
    [[h('/', 'returned 200', true)], undefined],
    [[], undefined],
    [
      [h('/', 'returned 200', true), h('/health', 'returned 500', false)],
      'Health check failed: - GET /health returned 500',
    ],
    [
      [h('/a', 'failed: ECONNREFUSED', false), h('/b', 'returned 404', false)],
      'Health check failed: - GET /a failed: ECONNREFUSED - GET /b returned 404',
    ],
  ])('%j → %s', (health, failure) => {
    expect(healthFailure(health)).toBe(failure);
  });
});

describe('how an ending is judged', () => {
  it.each([
    [exit(0), true],
    [exit(1), false],
    [exit(null, 'SIGKILL'), false],
    [undefined, false],
  ])('a one-off that ended %j succeeded: %s', (ending, ok) => {
    expect(oneOffSucceeded(ending)).toBe(ok);
  });

  const out = '; last output: "boom"';
  it.each([
    [exit(1), 'exited with code 1', `${WEB} exited with code 1; last output: "boom"`],
    [
      exit(0),
      'exited with code 0',
      `${WEB} exited with code 0 (a process of the Procfile must keep running); last output: "boom"`,
    ],
    [
      exit(null, 'SIGSEGV'),
      'was killed by SIGSEGV',
      `${WEB} was killed by SIGSEGV; last output: "boom"`,
    ],
  ])('a process of the Procfile that ended %j', (ending, words, message) => {
    expect(exitedFailure({ what: WEB, ending: words, exit: ending, lastOutput: out })).toBe(
      message,
    );
  });

  it.each([
    [
      { what: 'the release process (bin/migrate)', ending: 'exited with code 2', lastOutput: '' },
      'the release process (bin/migrate) exited with code 2',
    ],
    [
      {
        what: 'the CC_PRE_RUN_HOOK hook (./pre.sh)',
        ending: 'exited with code 1',
        lastOutput: out,
      },
      `the CC_PRE_RUN_HOOK hook (./pre.sh) exited with code 1${out}`,
    ],
  ])('a one-off that failed: %j', (p, message) => {
    expect(endedFailure(p)).toBe(message);
  });

  it.each([
    [60_000, `${WEB} did not finish within 60 s${out}`],
    [1_500, `${WEB} did not finish within 1.5 s${out}`],
  ])('a one-off past %i ms', (ms, message) => {
    expect(oneOffTimeout({ what: WEB, lastOutput: out }, ms)).toBe(message);
  });

  it.each([
    [
      30_000,
      `Nothing listening on port 8080: ${WEB} did not listen on 0.0.0.0:8080 within 30 s${out}`,
    ],
  ])('no listener within %i ms', (ms, message) => {
    expect(notListening({ what: WEB, lastOutput: out }, ms)).toBe(message);
  });

  it.each([
    [exit(null, 'SIGTERM'), '(SIGTERM)'],
    [exit(2), '(exit code 2)'],
    [exit(null), '(exit code ?)'],
  ])('a supervisor ended %j before the stop', (ending, how) => {
    expect(unheldFailure(WEB, ending)).toBe(
      `the supervisor holding what ${WEB} started was ended ${how} before the stop, so what it started could outlive the step; a process of the Procfile must not signal its parent`,
    );
  });

  it.each([
    [
      { name: 'worker', command: 'bin/w', ending: 'is running' },
      [],
      { name: 'worker', command: 'bin/w', result: 'is running', ok: true },
    ],
    [
      { name: 'web', command: 'bin/web', ending: 'exited with code 1', exit: exit(1) },
      [{ name: 'release' }],
      { name: 'web', command: 'bin/web', result: 'exited with code 1', ok: false },
    ],
    [
      { name: 'release', command: 'bin/m', ending: 'exited with code 0' },
      [{ name: 'release' }],
      undefined,
    ],
    [{ name: 'CC_PRE_RUN_HOOK', command: './pre', ending: 'exited with code 1' }, [], undefined],
  ])('after a failure, %j is reported (already: %j)', (p, reported, row) => {
    expect(unreportedRow(p, reported)).toEqual(row);
  });

  it.each([['Health check failed: x', 'smoke-test: Health check failed: x']])(
    'the step fails with %j',
    (message, line) => {
      expect(smokeError(message)).toBe(line);
    },
  );

  it.each([
    [`${WEB} exited with code 1`, `${WEB} exited with code 1; this does not fail the step`],
  ])('an after-start hook that failed only warns: %s', (message, warning) => {
    expect(hookWarning(message)).toBe(warning);
  });
});

describe('where the processes are kept, and a cancelled job', () => {
  it.each([
    [
      'namespace',
      false,
      'The processes run in a PID namespace of their own: nothing they start outlives the step',
    ],
    [
      'subreaper',
      false,
      'The processes run in the subtree of a subreaper: nothing they start outlives the step',
    ],
    [
      'groups',
      true,
      'smoke-test: no perl on PATH, so the processes are kept in their process groups and sessions only: one that leaves both and clears its environment can outlive the step',
    ],
  ] as const)('%s → warning %s', (kind, warning, text) => {
    expect(keepingNotice(kind)).toEqual({ warning, text });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 143],
  ] as const)('%s → exit code %i', (sig, code) => {
    expect(signalExitCode(sig)).toBe(code);
  });
});
