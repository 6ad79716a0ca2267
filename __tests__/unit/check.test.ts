// The pure parts of the deploy check: the stack → glibc table, what /proc says about listeners and
// processes, the smoke test's environment, and the inputs that configure it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { STACKS, glibcFailure, glibcTarget } from '../../src/check/glibc.js';
import {
  isLoopback,
  isWildcard,
  parseProcNetTcp,
  parseStat,
  procAddress,
  showListener,
} from '../../src/check/procfs.js';
import { DYNO_PATH, smokeEnv } from '../../src/check/policy.js';
import { readInputs } from '../../src/inputs.js';
import type { Runtime } from '../../src/runtime/ports.js';

describe('the stack table', () => {
  // Each stack's glibc, from its distribution's libc6 package (docs/deploy-check.md).
  it.each([
    ['heroku-18', '2.27'],
    ['heroku-20', '2.31'],
    ['heroku-22', '2.35'],
    ['heroku-24', '2.39'],
    ['ubuntu-20.04', '2.31'],
    ['ubuntu-22.04', '2.35'],
    ['ubuntu-24.04', '2.39'],
    ['noble', '2.39'],
    ['debian-10', '2.28'],
    ['bullseye', '2.31'],
    ['debian-11', '2.31'],
    ['bookworm', '2.36'],
    ['debian-12', '2.36'],
    ['trixie', '2.41'],
    ['debian-13', '2.41'],
    ['Heroku-24', '2.39'],
  ])('%s runs glibc %s', (stack, glibc) => {
    expect(glibcTarget(stack, 'target-glibc')).toEqual({
      given: stack,
      glibc,
      stack: stack.toLowerCase(),
    });
  });

  it('a heroku-N stack is the Ubuntu release it is built on', () => {
    for (const s of STACKS.filter((x) => x.names[0]!.startsWith('heroku-'))) {
      const n = s.names[0]!.slice('heroku-'.length);
      expect(s.names).toContain(`ubuntu-${n}.04`);
      expect(s.base).toBe(`Ubuntu ${n}.04`);
    }
  });

  it('a plain version is taken as it is', () => {
    expect(glibcTarget('2.17', 'target-glibc')).toEqual({ given: '2.17', glibc: '2.17' });
  });

  it.each([
    'heroku-99',
    'ubuntu-latest',
    '2',
    '2.',
    '3.1',
    '2.100',
    '2.31.1',
    ' 2.31',
    '-2.31',
    '2.31\n::error::x',
  ])('refuses %j, listing the accepted forms', (value) => {
    let err: unknown;
    try {
      glibcTarget(value, 'target-glibc (from STACK)');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message).toMatch(
      /^target-glibc \(from STACK\): ".*" is not a known stack or glibc version; use a stack \(heroku-18, .*, trixie\) or a glibc version such as 2\.31$/,
    );
    expect(message).not.toContain('\n');
    expect(message).not.toContain('::error');
  });

  it('the failure names the binary, both versions and the fix', () => {
    const target = glibcTarget('heroku-20', 'target-glibc');
    expect(
      glibcFailure({ name: 'bin/api', finding: '', needs: 'GLIBC_2.34', ok: false }, target),
    ).toBe(
      "target-glibc: bin/api needs GLIBC_2.34, newer than heroku-20's glibc 2.31; build it with CGO_ENABLED=0, or on an image whose glibc is 2.31 or older",
    );
  });
});

describe('/proc/net/tcp', () => {
  const HEADER =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const row = (local: string, st: string, inode: number) =>
    `   0: ${local} 00000000:0000 ${st} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;

  it('lists the listening sockets with their address, port and inode', () => {
    const text =
      HEADER +
      row('0100007F:1F90', '0A', 11) +
      row('00000000:0BB8', '0A', 12) +
      row('0100007F:D2F0', '01', 13) +
      'garbage line\n';
    expect(parseProcNetTcp(text, true)).toEqual([
      { address: '127.0.0.1', port: 8080, inode: 11 },
      { address: '0.0.0.0', port: 3000, inode: 12 },
    ]);
  });

  it('reads IPv6 addresses word by word, in the host byte order', () => {
    expect(procAddress('00000000000000000000000000000000', true)).toBe('::');
    expect(procAddress('00000000000000000000000001000000', true)).toBe('::1');
    expect(procAddress('00000000000000000000000000000001', false)).toBe('::1');
    expect(procAddress('0000000000000000FFFF00000100007F', true)).toBe('127.0.0.1');
    expect(procAddress('B80D0120000000000000000001000000', true)).toBe('2001:db8::1');
    expect(procAddress('7F000001', false)).toBe('127.0.0.1');
  });

  it('tells wildcard, loopback and other addresses apart, and shows them as users write them', () => {
    expect(['0.0.0.0', '::', '127.0.0.1', '::1', '10.0.0.2'].map(isWildcard)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(['127.0.0.1', '127.1.2.3', '::1', '0.0.0.0', '::'].map(isLoopback)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(showListener({ address: '::', port: 8080 })).toBe('[::]:8080');
    expect(showListener({ address: '127.0.0.1', port: 3000 })).toBe('127.0.0.1:3000');
  });
});

describe('/proc/<pid>/stat', () => {
  it('reads the group, session and start time, whatever the command name holds', () => {
    const rest = ' 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10';
    expect(parseStat(`4242 (a) b) (c) S 1 4240 4240${rest}`)).toEqual({
      pid: 4242,
      state: 'S',
      ppid: 1,
      pgrp: 4240,
      session: 4240,
      start: 987654,
    });
    expect(parseStat('not a stat line')).toBeUndefined();
    expect(parseStat('12 (x) S 1')).toBeUndefined();
  });

  it('reads this process', () => {
    const st = parseStat(fs.readFileSync('/proc/self/stat', 'utf8'));
    expect(st).toMatchObject({ pid: process.pid, ppid: process.ppid, state: 'R' });
  });
});

describe('the environment of the smoke test', () => {
  it("is the job's, less the runner's and the build's own, with a dyno's HOME, PORT and PATH", () => {
    const env = smokeEnv(
      {
        DATABASE_URL: 'postgres://x',
        GITHUB_TOKEN: 't',
        RUNNER_TEMP: '/tmp',
        ACTIONS_RUNTIME_TOKEN: 'secret',
        INPUT_SMOKE_TEST: 'true',
        STATE_x: '1',
        GOROOT: '/go',
        GOTOOLCHAIN: 'local',
        PATH: '/go/bin:/usr/bin',
        HOME: '/root',
        PORT: '3000',
        GOFLAGS: '-mod=mod',
      },
      '/slug',
      'id',
    );
    expect(env).toEqual({
      DATABASE_URL: 'postgres://x',
      GOFLAGS: '-mod=mod',
      HOME: '/slug',
      PORT: '8080',
      PATH: DYNO_PATH,
      GO_PAAS_BUILD_SMOKE_TEST: 'id',
    });
  });
});

describe('the deploy-check inputs', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'deploy-inputs-'));
  });
  afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }));

  const rt = (inputs: Record<string, string>, env: Record<string, string> = {}): Runtime =>
    ({
      host: { platform: 'linux', arch: 'x64' },
      env,
      input: (n: string) => (inputs[n] ?? '').trim(),
      workspace,
    }) as unknown as Runtime;

  it('health-check-paths: one a line, else CC_HEALTH_CHECK_PATH then _0, _1, … while set; / by default', () => {
    expect(readInputs(rt({})).healthCheckPaths).toEqual(['/']);
    expect(readInputs(rt({ 'health-check-paths': '/a\n\n /b \n/a' })).healthCheckPaths).toEqual([
      '/a',
      '/b',
    ]);
    const env = {
      CC_HEALTH_CHECK_PATH: '/x',
      CC_HEALTH_CHECK_PATH_0: '/y',
      CC_HEALTH_CHECK_PATH_1: '/z?ready=1',
      CC_HEALTH_CHECK_PATH_3: '/not-read',
    };
    expect(readInputs(rt({}, env)).healthCheckPaths).toEqual(['/x', '/y', '/z?ready=1']);
    expect(readInputs(rt({ 'health-check-paths': '/in' }, env)).healthCheckPaths).toEqual(['/in']);
  });

  it.each([
    [{ 'health-check-paths': 'health' }, {}, 'health-check-paths: "health"'],
    [{ 'health-check-paths': '/a b' }, {}, 'health-check-paths: "/a b"'],
    [
      {},
      { CC_HEALTH_CHECK_PATH: '/a\n/b' },
      'health-check-paths (from CC_HEALTH_CHECK_PATH): "/a\\n/b"',
    ],
    [
      {},
      { CC_HEALTH_CHECK_PATH_0: 'http://x/' },
      'health-check-paths (from CC_HEALTH_CHECK_PATH_0): "http://x/"',
    ],
    [{ 'health-check-paths': '/é' }, {}, 'health-check-paths: "/é"'],
  ])('refuses %j %j', (inputs, env, start) => {
    expect(() => readInputs(rt(inputs, env))).toThrow(
      `${start} is not a health-check path; use a path such as /health (it starts with /, at most 2048 characters, no space or control character)`,
    );
  });

  it('target-glibc falls back to STACK; run hooks come from their variables', () => {
    const i = readInputs(
      rt({ 'smoke-test': 'yes' }, { STACK: 'heroku-22', CC_PRE_RUN_HOOK: ' ./pre.sh ' }),
    );
    expect(i.targetGlibc).toEqual({ given: 'heroku-22', glibc: '2.35', stack: 'heroku-22' });
    expect(i.smokeTest).toBe(true);
    expect(i.runHooks).toEqual({ preRun: './pre.sh', succeeded: undefined, failed: undefined });
    expect(() => readInputs(rt({}, { STACK: 'cedar-14' }))).toThrow(
      /^target-glibc \(from STACK\): "cedar-14" is not a known stack or glibc version; use /,
    );
  });
});
