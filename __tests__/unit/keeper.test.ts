// How the smoke test keeps its processes: the supervisor's report of an ending, and the choice of
// the strongest way the machine allows, tried with this machine's real unshare and perl, and with
// stand-ins that fail as they do where the kernel or the image refuses them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseKeeping } from '../../src/check/keeper.js';
import { parseEnding } from '../../src/check/started.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** PATH with `name` first as a script that fails as a refused tool does. */
function failing(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keeper-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, name), '#!/bin/sh\necho "refused" >&2\nexit 1\n', { mode: 0o755 });
  return `${dir}:${process.env.PATH}`;
}

describe("the supervisor's report", () => {
  it.each([
    ['exit 0', { code: 0, signal: null }],
    ['exit 3', { code: 3, signal: null }],
    ['signal 9', { code: null, signal: 'SIGKILL' }],
    ['signal 11', { code: null, signal: 'SIGSEGV' }],
    ['signal 15', { code: null, signal: 'SIGTERM' }],
  ])('%s', (line, ending) => {
    expect(parseEnding(line)).toEqual(ending);
  });

  it.each(['ready', 'exit', 'exit -1', 'exit 3 ', 'signal SEGV', 'exit 1234', ''])(
    'ignores %j',
    (line) => {
      expect(parseEnding(line)).toBeUndefined();
    },
  );
});

describe('the way the processes are kept', () => {
  it('is the subtree of a subreaper where unshare is refused', () => {
    expect(chooseKeeping(failing('unshare')).kind).toBe('subreaper');
  });

  it('is process groups where perl does not run, and where the architecture has no known prctl', () => {
    expect(chooseKeeping(failing('perl')).kind).toBe('groups');
    expect(chooseKeeping(failing('unshare'), 'mips').kind).toBe('groups');
  });

  it('is process groups with no PATH at all, or only relative directories on it', () => {
    expect(chooseKeeping(undefined).kind).toBe('groups');
    expect(chooseKeeping('bin:.').kind).toBe('groups');
  });

  it('runs the supervisor with the perl and unshare it found, by absolute path', () => {
    const how = chooseKeeping(process.env.PATH);
    // Which one depends on the kernel and the user (the e2e suite checks the namespace on CI).
    expect(['namespace', 'subreaper']).toContain(how.kind);
    expect(path.isAbsolute(how.prefix[0]!)).toBe(true);
    expect(path.basename(how.prefix[0]!)).toBe(how.kind === 'namespace' ? 'unshare' : 'perl');
  });
});
