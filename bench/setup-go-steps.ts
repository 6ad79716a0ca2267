// The baseline of the warm benchmark (warm.ts): setup-go's documented cache strategy, written with
// @actions/cache directly. warm.ts bundles this file with ncc (as setup-go ships its two steps)
// and runs it as two steps of a job, in the job's runner environment:
//
//   node index.js restore <go version>   before the build: GOMODCACHE and GOCACHE restored as one
//                                        archive under `setup-go-<os>-<arch>-go-<version>-<hash>`,
//                                        no restore keys (the hash is go.mod's, setup-go's default)
//   node index.js save <go version>      after the build: both dirs saved under that key, unless
//                                        the restore was an exact hit (STATE_CACHE_RESULT = key)
//
// Each prints one line `setup-go-steps: {json}` (what it did, and the milliseconds of its cache
// work after Node started); @actions/cache's own log goes to stdout before it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as cache from '@actions/cache';
import { hashFiles } from '@actions/glob';

const execFileP = promisify(execFile);

export interface RestoreReport {
  step: 'restore';
  key: string;
  /** The key restored ('' on a miss). */
  matchedKey: string;
  paths: string[];
  ms: number;
}

export interface SaveReport {
  step: 'save';
  key: string;
  /** Why nothing was saved ('' when it was). */
  skipped: string;
  /** saveCache's id (-1 when the service refused). */
  id?: number;
  ms: number;
}

const REPORT_PREFIX = 'setup-go-steps: ';

/** `go env GOMODCACHE` and `go env GOCACHE`, as two commands (what setup-go runs). */
async function cachePaths(): Promise<string[]> {
  const got = await Promise.allSettled(
    ['GOMODCACHE', 'GOCACHE'].map(async (name) =>
      (await execFileP('go', ['env', name])).stdout.trim(),
    ),
  );
  const paths = got.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  if (!paths.length) throw new Error('Could not get cache folder paths.');
  return paths;
}

async function primaryKey(goVersion: string): Promise<string> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const hash = await hashFiles(path.join(workspace, 'go.mod'));
  if (!hash) throw new Error(`no go.mod in ${workspace}`);
  return `setup-go-${process.env.RUNNER_OS}-${process.arch}-go-${goVersion}-${hash}`;
}

function report(r: RestoreReport | SaveReport): void {
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(r)}\n`);
}

async function restore(goVersion: string): Promise<void> {
  const started = performance.now();
  const paths = await cachePaths();
  const key = await primaryKey(goVersion);
  const matchedKey = (await cache.restoreCache(paths, key)) ?? '';
  report({ step: 'restore', key, matchedKey, paths, ms: performance.now() - started });
}

async function save(goVersion: string): Promise<void> {
  const started = performance.now();
  const paths = await cachePaths();
  const key = process.env.STATE_CACHE_KEY || (await primaryKey(goVersion));
  const done = (skipped: string, id?: number): void =>
    report({ step: 'save', key, skipped, id, ms: performance.now() - started });
  if (!paths.some((p) => existsSync(p))) return done('no cache folder exists');
  if (process.env.STATE_CACHE_RESULT === key) return done('restored with this exact key');
  done('', await cache.saveCache(paths, key));
}

const [step, goVersion] = process.argv.slice(2);
if ((step !== 'restore' && step !== 'save') || !goVersion) {
  process.stderr.write('usage: node index.js restore|save <go version>\n');
  process.exit(2);
}
try {
  await (step === 'restore' ? restore(goVersion) : save(goVersion));
} catch (err) {
  process.stderr.write(`setup-go-steps: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
// As setup-go's post step does: the cache client may leave sockets open.
process.exit(0);
