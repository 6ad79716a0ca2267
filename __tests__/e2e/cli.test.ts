// The workstation CLI, the first thing a newcomer runs: strict flags generated from the input
// table, a --help that lists every input, and errors that say what to do.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupTempDirs, repoRoot, runAction } from '../../test/support/action-harness.js';
import { runEnv, workspaceWith } from './helpers.js';

afterAll(cleanupTempDirs);

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A PATH with the system's tools but no go. */
const NO_GO = '/usr/local/sbin:/usr/sbin:/sbin:/bin:/usr/bin'
  .split(':')
  .filter((d) => {
    try {
      readFileSync(path.join(d, 'go'));
      return false;
    } catch {
      return true;
    }
  })
  .join(':');

describe('the CLI', () => {
  it('a misspelt flag fails naming it, with the flag it meant, before any work', async () => {
    const ws = await workspaceWith('tiny');
    const run = await runAction({
      entry: 'cli',
      workspace: ws,
      args: [ws, '--go-verison', '1.23'],
      env: await runEnv(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'error: "--go-verison" is not a flag of go-paas-build; did you mean --go-version? (--help lists them)',
    );
    expect(run.stdout).toBe('');
  });

  it('--help lists every input of action.yml, with the variable it falls back to', async () => {
    const ws = await workspaceWith('tiny');
    const run = await runAction({
      entry: 'cli',
      workspace: ws,
      args: ['--help'],
      env: await runEnv(),
    });
    expect(run.code).toBe(0);
    const action = parse(readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
    };
    const listed = [...run.stdout.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(['output', ...Object.keys(action.inputs), 'help']);
    expect(run.stdout).toMatch(/^ {2}--go-version +Go version spec .* \(or GOVERSION\)$/m);
  });

  it('offline with no go on PATH, the error says it looked for one and names --go-download-base-url', async () => {
    const ws = await workspaceWith('tiny');
    const base = `http://127.0.0.1:${await closedPort()}`;
    const run = await runAction({
      entry: 'cli',
      workspace: ws,
      args: [ws, '--go-version', '1.24'],
      env: await runEnv({ PATH: NO_GO, GO_DOWNLOAD_BASE_URL: base }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `^error: Could not fetch the Go release index "${base.replace(/\./g, '\\.')}/\\?mode=json&include=all": .*ECONNREFUSED.*; there is no go on PATH; to install Go from a mirror, set --go-download-base-url \\(GO_DOWNLOAD_BASE_URL\\)$`,
      ),
    );
  });
});
