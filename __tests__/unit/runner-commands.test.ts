// The action speaks to the runner itself (src/adapters/runner-commands.ts), no longer through
// @actions/core: the same calls must leave the same bytes on stdout and in the command files as
// the library does, escapes and delimiter blocks included (the delimiters' UUIDs aside).
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runner } from '../../src/adapters/runner-commands.js';
import { cleanupTempDirs, makeTempDir } from '../../test/support/action-harness.js';

const FILES = ['OUTPUT', 'ENV', 'PATH', 'STATE', 'STEP_SUMMARY'] as const;
const saved = { ...process.env };
let dir: string;

type Side = 'ours' | 'core';
/** One sequence of calls, made through either side. */
async function calls(side: Side): Promise<void> {
  const c =
    side === 'ours'
      ? runner
      : {
          ...core,
          appendSummary: (m: string) =>
            core.summary
              .addRaw(m, true)
              .write()
              .then(() => undefined),
        };
  c.setOutput('slug-sha256', 'abc');
  c.setOutput('multi', 'line 1\nline 2\r\n::warning::not a command');
  c.setOutput('number', 42 as unknown as string);
  c.exportVariable('GOTOOLCHAIN', 'local');
  c.addPath('/opt/go/bin');
  c.saveState('go-paas-build-cache', JSON.stringify({ a: 1, b: 'x\ny' }));
  c.setSecret('s3cr%t\nline');
  c.info('plain line');
  c.debug('debug\nwith % and \r');
  c.notice('a notice: with, commas');
  c.warning('a warning\n::error::forged?');
  c.error('an error');
  c.startGroup('Build: 50%');
  c.endGroup();
  c.setFailed('failed\nwith two lines');
  await c.appendSummary('## Summary\n\n| a | b |');
}

async function run(side: Side): Promise<{
  stdout: string;
  files: Record<string, string>;
  env: Record<string, string | undefined>;
  exitCode: unknown;
}> {
  const root = path.join(dir, side);
  fs.mkdirSync(root, { recursive: true });
  for (const f of FILES) {
    const file = path.join(root, f);
    fs.writeFileSync(file, '');
    process.env[`GITHUB_${f}`] = file;
  }
  process.env.PATH = '/usr/bin';
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  }) as typeof process.stdout.write;
  const exitCode = process.exitCode;
  try {
    await calls(side);
  } finally {
    process.stdout.write = write;
  }
  const result = {
    stdout: chunks.join(''),
    files: Object.fromEntries(
      FILES.map((f) => [
        f,
        fs.readFileSync(path.join(root, f), 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM'),
      ]),
    ),
    env: { GOTOOLCHAIN: process.env.GOTOOLCHAIN, PATH: process.env.PATH },
    exitCode: process.exitCode,
  };
  process.exitCode = exitCode;
  return result;
}

beforeEach(async () => {
  dir = await makeTempDir('runner-commands-');
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await cleanupTempDirs();
});

describe('runner commands', () => {
  it('write what @actions/core writes for the same calls', async () => {
    const ours = await run('ours');
    const theirs = await run('core');
    expect(ours).toEqual(theirs);
    // And it is not empty: every kind of line and file was written.
    expect(ours.files.OUTPUT).toContain('multi<<DELIM');
    expect(ours.files.PATH).toBe('/opt/go/bin\n');
    expect(ours.stdout).toContain('::warning::a warning%0A::error::forged?\n');
    expect(ours.exitCode).toBe(1);
  });

  it('reads inputs and state as the library does: trimmed inputs, spaces as underscores', () => {
    process.env['INPUT_GO-VERSION'] = '  1.24 \n';
    process.env.INPUT_A_B = 'x';
    process.env.STATE_s = ' kept ';
    expect(runner.getInput('go-version')).toBe(core.getInput('go-version'));
    expect(runner.getInput('a b')).toBe('x');
    expect(runner.getState('s')).toBe(core.getState('s'));
    expect(runner.getInput('missing')).toBe('');
  });

  it('refuses a missing command file as the library does', () => {
    process.env.GITHUB_OUTPUT = path.join(dir, 'gone');
    expect(() => runner.setOutput('a', 'b')).toThrow(/Missing file at path/);
    expect(() => core.setOutput('a', 'b')).toThrow(/Missing file at path/);
  });
});
