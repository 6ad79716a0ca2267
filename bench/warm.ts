// Warm-cache benchmark (part of `npm run bench`; alone: `BENCH_ONLY=warm npm run bench`): a
// sequence of commits replayed on a warm cache, the action against setup-go's cache strategy.
//
// The app is a generated module of BENCH_WARM_PACKAGES (default 150) packages with no
// dependencies (go.mod never changes). A sequence is a cold job, then 8 commits that alternate
// between two kinds (the two of issue 11):
//   bodies  the body of one function changes in 3 core packages (bottom two layers): their
//           export data stays, so they and their direct importers recompile, the rest relinks
//   broad   in turn: the exported `Tuning` constant of a bottom-layer package changes (it is
//           folded into the `Level` constant of every package above it, so most of the module
//           recompiles), or a leaf package changes (one imported by main only: it recompiles)
// Commits accumulate, as in a repository. Every job runs on a fresh runner at the same paths
// (Go's build-cache keys include the package directory): the same GITHUB_WORKSPACE, holding only
// the checkout, and the same HOME, emptied; a new GITHUB_RUN_ID. Both sides use the Go 1.24 that
// the action installed into the shared tool cache, and GOFLAGS=-v, so that the go command prints
// every package it compiles (and none it takes from the cache).
//
//   ours      the bundled dist/main then dist/post with main's state (as cache.ts runs them),
//             the slug packed (pack-slug: true; upload: false)
//   baseline  setup-go's strategy (setup-go-steps.ts, bundled with ncc at the start): restore
//             GOMODCACHE + GOCACHE under a key that only go.mod and the Go version change, a
//             plain `go build -o bin/ ./...`, save under that key unless the restore hit it
//
// Each side has its own loopback cache service. BENCH_WARM_RUNS (default 1) repeats the whole
// sequence from a cold cache; BENCH_VERBOSE=1 echoes the action's log. Progress goes to stderr,
// the tables to stdout.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { entryFiles } from '../src/cache/gocache.js';
import { makeTempDir, repoRoot } from '../test/support/action-harness.js';
import {
  dependentsOf,
  packageDir,
  touchPackage,
  writeBigModule,
  type BigModule,
} from '../test/support/big-module.js';
import { goFixtures } from '../test/support/fixtures.js';
import { startReleaseServer } from '../test/support/release-server.js';
import { startResultsServer, type ResultsServer } from '../test/support/results-server.js';
import {
  buildState,
  bundlesReady,
  freshRunner,
  installGoOnce,
  job,
  phaseSecs,
  runnerEnv,
  type Runner,
} from './action-jobs.js';
import {
  bundleStamp,
  firstLine,
  list,
  loadAverage,
  machineLine,
  positiveIntFromEnv,
  progressFor,
  runWhenMain,
} from './common.js';
import type { RestoreReport, SaveReport } from './setup-go-steps.js';
import { markdownGrid, median } from './stats.js';

const execFileP = promisify(execFile);
const progress = progressFor('warm');

export interface WarmBenchOptions {
  /** Repetitions of the whole sequence (default: BENCH_WARM_RUNS, else 1). */
  runs?: number;
  /** Packages of the generated module (default: BENCH_WARM_PACKAGES, else 150). */
  packages?: number;
  /** Echo the action's log to stderr (default: BENCH_VERBOSE). */
  verbose?: boolean;
  /** Called between jobs; throws to stop the run (Ctrl-C). */
  checkpoint?: () => void;
}

type Kind = 'cold' | 'bodies' | 'broad';
type Side = 'ours' | 'baseline';
const SIDES: readonly Side[] = ['ours', 'baseline'];
/** Packages whose function bodies a `bodies` commit changes. */
const BODIES_PACKAGES = 3;

interface Commit {
  kind: Kind;
  what: string;
  /** Changes the checkout. */
  apply: (checkout: string) => Promise<void>;
}

/** One job of one side. Times in seconds (NaN for a phase the side does not have). */
interface Sample {
  side: Side;
  kind: Kind;
  restore: number;
  build: number;
  save: number;
  pack: number;
  wall: number;
  restoredBytes: number;
  savedBytes: number;
  /** Packages the go command compiled (the lines GOFLAGS=-v printed). */
  compiled: number;
  /** GOCACHE entry files the job wrote. */
  newEntries: number;
}

interface Warm {
  runner: Runner;
  /** The baseline's cache service (the runner's is ours). */
  baseline: ResultsServer;
  /** setup-go-steps.ts bundled. */
  steps: string;
  goVersion: string;
  goroot: string;
}

// ---------------------------------------------------------------------------------------------
// The commits.

/** `acc := x*N + Tuning` opens the body of `step0` in every generated package. */
const STEP0_BODY = /^(\tacc := x\*\d+ \+ Tuning)(?: \+ \d+)?$/m;

/**
 * Changes the body of package `index`'s `step0` (variant 0 restores it). The function is too big
 * to inline, so the package's export data stays: its importers recompile, theirs do not.
 */
async function editBody(dir: string, index: number, variant: number): Promise<void> {
  const file = path.join(dir, packageDir(index), 'pkg.go');
  const text = await readFile(file, 'utf8');
  if (!STEP0_BODY.test(text)) throw new Error(`${file}: no step0 body to edit`);
  await writeFile(file, text.replace(STEP0_BODY, variant ? `$1 + ${variant}` : '$1'));
}

const pkgName = (index: number): string => path.basename(packageDir(index));

/**
 * 8 commits, `broad` and `bodies` in turn, each touching packages no earlier commit touched;
 * `broad` commits alternate between a bottom-layer package and a leaf.
 */
function commitSequence(mod: BigModule): Commit[] {
  const core = Array.from({ length: Math.min(2 * mod.width, mod.packages) }, (_, i) => i);
  const bottom = core.slice(0, mod.width);
  const commits: Commit[] = [];
  let bodies = 0;
  let broad = 0;
  for (let n = 1; n <= 8; n++) {
    if (n % 2 === 0) {
      // Layer 1 first (more importers than the bottom layer's, which `broad` commits touch).
      const order = [...core.slice(mod.width), ...bottom];
      const picked = Array.from(
        { length: BODIES_PACKAGES },
        (_, k) => order[(bodies * BODIES_PACKAGES + k) % order.length]!,
      );
      bodies += 1;
      commits.push({
        kind: 'bodies',
        what: `step0 bodies of ${picked.map(pkgName).join(', ')}`,
        apply: async (dir) => {
          for (const i of picked) await editBody(dir, i, n);
        },
      });
    } else {
      const leaf = broad % 2 === 1;
      const index = leaf
        ? mod.roots[Math.floor(broad / 2) % mod.roots.length]!
        : bottom[Math.floor((broad * bottom.length) / 4) % bottom.length]!;
      broad += 1;
      commits.push({
        kind: 'broad',
        what: `Tuning of ${leaf ? 'leaf ' : ''}${pkgName(index)} (${dependentsOf(mod, index).length} dependents)`,
        apply: async (dir) => void (await touchPackage(dir, index, n)),
      });
    }
  }
  return commits;
}

// ---------------------------------------------------------------------------------------------
// Jobs.

/** The workspace as a fresh runner has it: the checkout alone, at the same path. */
function checkOut(w: Warm, checkout: string): void {
  const r = w.runner;
  renameSync(r.ws, path.join(r.trash, `ws-${r.jobs}`));
  cpSync(checkout, r.ws, { recursive: true });
}

/** Lines a `go build -v` prints: one import path each (std packages included). */
function compiledPackages(stderr: string): number {
  return stderr.split('\n').filter((l) => /^[\w.-]+(?:\/[\w.~-]+)*$/.test(l)).length;
}

const readyIds = (s: ResultsServer): Set<number> =>
  new Set(
    s
      .cacheEntries()
      .filter((e) => e.ready)
      .map((e) => e.id),
  );

/** Bytes of the archives finalized since `before` (what the job saved). */
function savedBytes(s: ResultsServer, before: Set<number>): number {
  return s
    .cacheEntries()
    .filter((e) => e.ready && !before.has(e.id))
    .reduce((n, e) => n + (e.blobSize ?? e.size ?? 0), 0);
}

/** Bytes of the newest archive saved under `key`. */
function archiveBytes(s: ResultsServer, key: string): number {
  const e = s
    .cacheEntries()
    .filter((c) => c.ready && c.key === key)
    .sort((x, y) => y.finalizedSeq! - x.finalizedSeq!)[0];
  return e?.blobSize ?? e?.size ?? NaN;
}

/** `Restored the build cache from exact key K (…)` / `… from restore key match K (…)` */
const RESTORED =
  /^Restored the (?:module|build) cache from (?:exact key|restore key match) (\S+) \(/gm;

async function oursJob(w: Warm, kind: Kind, checkout: string): Promise<Sample> {
  const r = w.runner;
  checkOut(w, checkout);
  const before = readyIds(r.results);
  let newEntries = NaN;
  const j = await job(r, {
    // The slug packed as a job that uploads it would (upload: false spares only the transfer).
    inputs: { 'pack-slug': 'true' },
    env: { GOFLAGS: '-v' },
    beforePost: async (main) => {
      const st = buildState(main);
      if (st) newEntries = (await entryFiles(st.path)).length - st.entries;
    },
  });
  const hit = j.main.outputs['build-cache-hit'];
  if (hit !== (kind === 'cold' ? 'false' : 'true'))
    throw new Error(`ours, ${kind} job: build-cache-hit is ${hit}`);
  const restored = [...j.main.stdout.matchAll(RESTORED)].map((m) => m[1]!);
  return {
    side: 'ours',
    kind,
    restore: phaseSecs(j.main, 'Restore caches'),
    build: phaseSecs(j.main, 'Build'),
    save: j.post.durationMs / 1000,
    pack: phaseSecs(j.main, 'Slug') + phaseSecs(j.main, 'Upload'),
    wall: j.wall,
    restoredBytes: restored.reduce((n, key) => n + archiveBytes(r.results, key), 0),
    savedBytes: savedBytes(r.results, before),
    compiled: compiledPackages(j.main.stderr),
    newEntries,
  };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  secs: number;
}

function runTimed(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout, stderr, secs: (performance.now() - started) / 1000 }),
    );
  });
}

function checked(what: string, ran: Ran, verbose: boolean): Ran {
  if (verbose) process.stderr.write(`--- ${what} ---\n${ran.stdout}${ran.stderr}\n`);
  if (ran.code !== 0)
    throw new Error(`${what} exited ${ran.code}:\n${(ran.stdout + ran.stderr).slice(-3000)}`);
  return ran;
}

/** The report line a setup-go-steps.ts step prints. */
function stepReport<T extends RestoreReport | SaveReport>(ran: Ran): T {
  const m = /^setup-go-steps: (\{.*\})$/m.exec(ran.stdout);
  if (!m) throw new Error(`the baseline step printed no report:\n${ran.stdout.slice(-2000)}`);
  return JSON.parse(m[1]!) as T;
}

async function baselineJob(w: Warm, kind: Kind, checkout: string): Promise<Sample> {
  const r = w.runner;
  r.checkpoint();
  checkOut(w, checkout);
  freshRunner(r);
  const runnerTemp = path.join(r.trash, `runner-temp-${r.jobs}`);
  mkdirSync(runnerTemp);
  // What the runner and setup-go give the job's steps (setup-go puts Go on PATH, GOTOOLCHAIN=local).
  const env: Record<string, string> = {
    ...runnerEnv(r, w.baseline.url),
    PATH: [path.join(w.goroot, 'bin'), process.env.PATH ?? ''].join(path.delimiter),
    ...(process.env.LANG ? { LANG: process.env.LANG } : {}),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: r.ws,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: r.toolCache,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-v',
  };
  const step = (name: 'restore' | 'save', extra: Record<string, string> = {}): Promise<Ran> =>
    runTimed(process.execPath, [w.steps, name, w.goVersion], r.ws, { ...env, ...extra });
  const before = readyIds(w.baseline);

  const restore = checked('the baseline restore step', await step('restore'), r.verbose);
  const restored = stepReport<RestoreReport>(restore);
  if ((restored.matchedKey === restored.key) !== (kind !== 'cold'))
    throw new Error(`baseline, ${kind} job: restored ${JSON.stringify(restored.matchedKey)}`);
  const gocache = restored.paths.at(-1)!;
  const entries = (await entryFiles(gocache)).length;
  const goBin = path.join(w.goroot, 'bin', 'go');
  const build = checked(
    'go build',
    await runTimed(goBin, ['build', '-o', 'bin/', './...'], r.ws, env),
    false,
  );
  const newEntries = (await entryFiles(gocache)).length - entries;
  // setup-go's post step gets CACHE_KEY, and CACHE_RESULT only on a hit.
  const save = checked(
    'the baseline save step',
    await step('save', {
      STATE_CACHE_KEY: restored.key,
      ...(restored.matchedKey ? { STATE_CACHE_RESULT: restored.matchedKey } : {}),
    }),
    r.verbose,
  );
  const saved = stepReport<SaveReport>(save);
  if (kind === 'cold' && (saved.skipped || saved.id === -1))
    throw new Error(`baseline, cold job: nothing saved (${saved.skipped || 'refused'})`);
  return {
    side: 'baseline',
    kind,
    restore: restored.ms / 1000,
    build: build.secs,
    save: save.secs,
    pack: NaN,
    wall: restore.secs + build.secs + save.secs,
    restoredBytes: restored.matchedKey ? archiveBytes(w.baseline, restored.matchedKey) : 0,
    savedBytes: savedBytes(w.baseline, before),
    compiled: compiledPackages(build.stderr),
    newEntries,
  };
}

/** Bundles setup-go-steps.ts as setup-go ships its steps (ncc, one file). */
async function bundleSteps(): Promise<string> {
  const out = await makeTempDir('bench-warm-setup-go');
  const ncc = path.join(repoRoot(), 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  const src = path.join(path.dirname(fileURLToPath(import.meta.url)), 'setup-go-steps.ts');
  await execFileP(process.execPath, [ncc, 'build', src, '-o', out, '-q'], { cwd: repoRoot() });
  return path.join(out, 'index.js');
}

// ---------------------------------------------------------------------------------------------
// The report.

const mibOf = (bytes: number): string =>
  Number.isFinite(bytes) ? (bytes / 1048576).toFixed(1) : '—';
const secsOf = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');

function kindTable(samples: readonly Sample[], kind: Kind): string {
  const of = (side: Side): Sample[] => samples.filter((s) => s.kind === kind && s.side === side);
  const med = (side: Side, f: (s: Sample) => number): number => median(of(side).map(f));
  const rows = SIDES.map((side) => [
    side === 'ours' ? 'ours (go-paas-build)' : 'baseline (setup-go strategy)',
    secsOf(med(side, (s) => s.restore)),
    secsOf(med(side, (s) => s.build)),
    secsOf(med(side, (s) => s.save)),
    secsOf(med(side, (s) => s.pack)),
    secsOf(med(side, (s) => s.wall)),
    mibOf(med(side, (s) => s.restoredBytes)),
    mibOf(med(side, (s) => s.savedBytes)),
    String(med(side, (s) => s.compiled)),
  ]);
  const ours = med('ours', (s) => s.wall);
  const base = med('baseline', (s) => s.wall);
  const lines = [
    markdownGrid(
      [
        'side',
        'restore s',
        'build s',
        'save s',
        'pack s',
        'whole job s',
        'MiB restored',
        'MiB saved',
        'packages compiled',
      ],
      rows,
    ),
    '',
    `Whole job, baseline / ours: ${(base / ours).toFixed(2)}×.`,
  ];
  if (kind !== 'cold') {
    const overhead = of('ours').map((s) => s.restore + s.save + s.pack);
    lines.push(
      `Cache overhead of a warm job for ours (restore + save + pack): ${secsOf(median(overhead))} s ` +
        `(restore ${secsOf(med('ours', (s) => s.restore))}, save ${secsOf(med('ours', (s) => s.save))}, ` +
        `pack ${secsOf(med('ours', (s) => s.pack))}), ${((median(overhead) / ours) * 100).toFixed(0)}% of the job.`,
    );
  }
  return lines.join('\n');
}

function sampleLine(s: Sample): string {
  return (
    `${s.side} restore ${secsOf(s.restore)}, build ${secsOf(s.build)}, save ${secsOf(s.save)}` +
    (s.side === 'ours' ? `, pack ${secsOf(s.pack)}` : '') +
    `, job ${secsOf(s.wall)} s; ${s.compiled} compiled, ${s.newEntries} new GOCACHE entry files; ` +
    `${mibOf(s.restoredBytes)} MiB restored, ${mibOf(s.savedBytes)} MiB saved`
  );
}

/** Runs the warm benchmark and returns its markdown section. */
export async function warmBench(opts: WarmBenchOptions = {}): Promise<string> {
  const started = performance.now();
  const runs = opts.runs ?? positiveIntFromEnv(['BENCH_WARM_RUNS'], 1);
  const packages = opts.packages ?? positiveIntFromEnv(['BENCH_WARM_PACKAGES'], 150);
  const load = loadAverage();
  const releases = await startReleaseServer({ fixtures: await goFixtures() });
  const ours = await startResultsServer();
  const baseline = await startResultsServer();
  try {
    const root = await makeTempDir('bench-warm-runner');
    const runner: Runner = {
      releases,
      results: ours,
      toolCache: await makeTempDir('bench-warm-toolcache'),
      home: path.join(root, 'home'),
      trash: path.join(root, 'old'),
      ws: path.join(root, 'workspace'),
      runId: 5000,
      jobs: 0,
      verbose: opts.verbose ?? Boolean(process.env.BENCH_VERBOSE),
      checkpoint: opts.checkpoint ?? (() => undefined),
      progress,
    };
    for (const dir of [runner.home, runner.trash, runner.ws]) mkdirSync(dir);
    await bundlesReady(runner);
    const stamp = bundleStamp();
    progress('bundling the baseline steps (setup-go-steps.ts) with ncc');
    const steps = await bundleSteps();
    progress('installing Go into the shared tool cache');
    const out = await installGoOnce(runner);
    const w: Warm = {
      runner,
      baseline,
      steps,
      goVersion: out['go-version']!,
      goroot: out['go-root']!,
    };

    const samples: Sample[] = [];
    const log: string[] = [];
    let mod: BigModule | undefined;
    for (let rep = 0; rep < runs; rep++) {
      const checkout = await makeTempDir('bench-warm-checkout');
      mod = await writeBigModule(checkout, { packages });
      await Promise.all([ours.clearCaches(), baseline.clearCaches()]);
      const commits: Commit[] = [
        { kind: 'cold', what: 'cold cache', apply: async () => undefined },
        ...commitSequence(mod),
      ];
      for (const [n, c] of commits.entries()) {
        await c.apply(checkout);
        const order = (rep + n) % 2 === 0 ? SIDES : [...SIDES].reverse();
        const got: Sample[] = [];
        for (const side of order) {
          got.push(await (side === 'ours' ? oursJob : baselineJob)(w, c.kind, checkout));
        }
        samples.push(...got);
        const line = `${c.kind} (${c.what}): ${got.map(sampleLine).join('; ')}`;
        log.push(`${runs > 1 ? `run ${rep + 1}, ` : ''}commit ${n}: ${line}`);
        progress(`run ${rep + 1}/${runs}, commit ${n}/${commits.length - 1} ${line}`);
      }
    }

    const total = (performance.now() - started) / 1000;
    const zstd = /v\d+\.\d+\.\d+/.exec(await firstLine('zstd', ['--version']))?.[0] ?? 'not found';
    const rebundled = bundleStamp() !== stamp;
    if (rebundled) progress('warning: dist/ was re-bundled during the run');
    const m = mod!;
    const kinds: Kind[] = ['bodies', 'broad', 'cold'];
    const title: Record<Kind, string> = {
      bodies: 'Commits that change function bodies in 3 core packages',
      broad:
        'Commits that change an exported constant of a bottom-layer package (most of the module recompiles) or of a leaf, in turn',
      cold: 'The cold job (empty cache services)',
    };
    return [
      '## go-paas-build warm-cache benchmark: a commit sequence, ours vs setup-go',
      '',
      `- Go ${w.goVersion} (both sides, from the shared tool cache); a generated module of ` +
        `${m.packages} packages (${m.layers} layers of ${m.width}, ${m.lines} lines), no ` +
        `dependencies; ${runs} sequence(s) (BENCH_WARM_RUNS) of a cold job and 8 commits; zstd ${zstd}`,
      '- Each job: the same workspace path holding only the checkout, the same HOME emptied, a new ' +
        'GITHUB_RUN_ID, GOFLAGS=-v; each side has its own loopback cache service; the two sides ' +
        'alternate order every commit',
      '- ours: bundled `dist/main` then `dist/post`; restore, build and pack are its `Restore ' +
        'caches`, `Build` and `Slug` + `Upload` (the tgz packed: pack-slug, upload: false) phases ' +
        '(0.1 s resolution), save is the post step, whole job is main + post',
      '- baseline: restore is `go env` + `restoreCache([GOMODCACHE, GOCACHE], ' +
        'setup-go-<os>-<arch>-go-<version>-<hash of go.mod>)` in its step, build is `go build -o ' +
        'bin/ ./...`, save is the post step (`saveCache` under the same key unless the restore hit ' +
        'it), whole job is the two steps (node start included) + the build',
      '- Packages compiled: the import paths the go command printed (GOFLAGS=-v: compiled, not ' +
        'taken from the cache; standard library included); MiB restored / saved: the archives in ' +
        "each side's cache service",
      machineLine(load),
      ...(rebundled
        ? ['- **dist/ was re-bundled during the run: the figures mix two builds of the action**']
        : []),
      '',
      ...kinds.flatMap((k) => [`### ${title[k]} (median)`, '', kindTable(samples, k), '']),
      'Jobs:',
      '',
      ...log.map((l) => `- ${l}`),
      '',
      `Whole-job samples (s): ${kinds
        .map(
          (k) =>
            `${k}: ours ${list(samples.filter((s) => s.kind === k && s.side === 'ours').map((s) => s.wall))}, ` +
            `baseline ${list(samples.filter((s) => s.kind === k && s.side === 'baseline').map((s) => s.wall))}`,
        )
        .join('; ')}.`,
      '',
      `Warm benchmark wall time: ${total.toFixed(0)} s.`,
      '',
    ].join('\n');
  } finally {
    await Promise.all([releases.close(), ours.close(), baseline.close()]);
  }
}

runWhenMain(import.meta.url, 'warm', () => warmBench());
