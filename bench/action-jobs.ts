// Jobs of the bundled action on a simulated runner, for the cache benchmarks (cache.ts, warm.ts):
// a job is dist/main and then dist/post with main's state, as the e2e cache test runs them, on a
// fresh runner (the same HOME path every time, emptied), with a new GITHUB_RUN_ID, against a
// loopback cache service. Go comes from the loopback release server, installed once into a tool
// cache all jobs share.
import { cpSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { CacheState } from '../src/cache/state.js';
import {
  makeTempDir,
  repoRoot,
  runAction,
  type RunResult,
} from '../test/support/action-harness.js';
import type { ReleaseServer } from '../test/support/release-server.js';
import { resultsEnv, type ResultsServer } from '../test/support/results-server.js';
import { waitForBundles } from './common.js';

export const GO_MINOR = '1.24';
/** `Saved the build cache as KEY: N entry files (…) used or written by this job, M of them new; K unused (…) trimmed` */
export const SAVED_BUILD =
  /^Saved the build cache as (\S+): (\d+) entry files \(([^)]*)\) used or written by this job, (\d+) of them new; (\d+) unused \(([^)]*)\) trimmed/m;

/** The simulated runner: its servers, its shared tool cache and the paths every job reuses. */
export interface Runner {
  releases: ReleaseServer;
  results: ResultsServer;
  toolCache: string;
  /** The runner's HOME: the same path for every job, emptied (renamed away) before each. */
  home: string;
  /** Where emptied HOMEs go, removed at the end: an rm -rf of thousands of inodes between two
   *  timed jobs would slow the next job's file creation on journal-less ext4 (see run.ts). */
  trash: string;
  /** The checkout: GITHUB_WORKSPACE of every job. */
  ws: string;
  runId: number;
  jobs: number;
  verbose: boolean;
  checkpoint: () => void;
  progress: (message: string) => void;
}

export interface JobOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  resultsUrl?: string;
  /** Runs after main and before post (untimed): a look at GOCACHE as the post step will find it. */
  beforePost?: (main: RunResult) => Promise<void>;
}

export interface Job {
  main: RunResult;
  post: RunResult;
  /** main + post wall time, seconds. */
  wall: number;
}

/** `Build: 11.7 s`, the line the action prints when a log group ends (0.1 s resolution). */
export function phaseSecs(r: RunResult, phase: string): number {
  const m = new RegExp(`^${phase}: (\\d+(?:\\.\\d+)?) s$`, 'm').exec(r.stdout);
  return m ? Number(m[1]) : NaN;
}

/** The build part of the main step's cache state. */
export type BuildState = NonNullable<CacheState['build']>;

export function buildState(main: RunResult): BuildState | undefined {
  const text = main.state['cache'];
  if (!text) return undefined;
  return (JSON.parse(text) as { build?: BuildState }).build;
}

function failure(what: string, r: RunResult): Error {
  const tail = (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::debug::'))
    .slice(-40)
    .join('\n');
  return new Error(`${what} exited ${r.code}${r.timedOut ? ' (timed out)' : ''}:\n${tail}`);
}

function echo(label: string, r: RunResult): void {
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => !l.startsWith('::debug::'));
  process.stderr.write(`--- ${label} ---\n${lines.join('\n')}\n`);
}

/** Waits for dist/main and dist/post to settle (see waitForBundles); throws when they never do. */
export async function bundlesReady(r: Runner): Promise<void> {
  if (!(await waitForBundles(['main', 'post'], r.checkpoint, r.progress)))
    throw new Error('dist/main or dist/post is missing or keeps changing (npm run bundle)');
}

/** A fresh runner for the next job: HOME emptied (same path), a new GITHUB_RUN_ID. */
export function freshRunner(r: Runner): void {
  renameSync(r.home, path.join(r.trash, String(++r.jobs)));
  mkdirSync(r.home);
  r.runId += 1;
}

/** The job's environment besides what the harness sets: HOME, offline Go, the cache service, the run. */
export function runnerEnv(r: Runner, resultsUrl: string): Record<string, string> {
  return {
    HOME: r.home,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    ...resultsEnv(resultsUrl),
    GITHUB_RUN_ID: String(r.runId),
    // One workflow whose runs count up: what the build-cache save rule reads (src/cache/save-rule.ts).
    GITHUB_RUN_NUMBER: String(r.runId),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW_REF: 'owner/app/.github/workflows/ci.yml@refs/heads/main',
  };
}

/** One job on a fresh runner: main, then post with main's state (as `post-if: always()`). */
export async function job(r: Runner, opts: JobOptions = {}): Promise<Job> {
  r.checkpoint();
  await bundlesReady(r);
  freshRunner(r);
  const env = { ...runnerEnv(r, opts.resultsUrl ?? r.results.url), ...opts.env };
  const inputs = {
    'go-download-base-url': r.releases.url,
    'go-version': GO_MINOR,
    upload: 'false',
    ...opts.inputs,
  };
  const common = { workspace: r.ws, toolCache: r.toolCache, inputs, env };
  const main = await runAction({ entry: 'main', ...common });
  if (r.verbose) echo(`main (run ${r.runId})`, main);
  if (main.code !== 0) throw failure('the main step', main);
  await opts.beforePost?.(main);
  const post = await runAction({ entry: 'post', ...common, state: main.state });
  if (r.verbose) echo(`post (run ${r.runId})`, post);
  if (post.code !== 0) throw failure('the post step', post);
  return { main, post, wall: (main.durationMs + post.durationMs) / 1000 };
}

/**
 * Installs Go into the shared tool cache (and warms the bundles), with a small app and no cache.
 * Returns the main step's outputs (`go-version`, `go-root`).
 */
export async function installGoOnce(r: Runner): Promise<Record<string, string>> {
  const ws = await makeTempDir('bench-cache-tiny');
  cpSync(path.join(repoRoot(), '__tests__', 'fixtures', 'apps', 'tiny'), ws, { recursive: true });
  const saved = r.ws;
  r.ws = ws;
  try {
    const j = await job(r, { inputs: { cache: 'false' } });
    if (!j.main.outputs['go-version']) throw new Error('the action set no go-version output');
    return j.main.outputs;
  } finally {
    r.ws = saved;
  }
}
