// Warm-cache benchmark (part of `npm run bench`; alone: `BENCH_ONLY=warm npm run bench`): a
// sequence of commits replayed on a warm cache, the action against actions/setup-go's own release
// followed by a hand-written build step.
//
// The app is a generated module of BENCH_WARM_PACKAGES (default 150) packages with no
// dependencies (go.mod never changes; there is no go.sum). A sequence is a cold job, then 8
// commits of two kinds (the two of issue 11), in turn (BENCH_WARM_SEQUENCE=mixed, the default),
// or of one kind (`bodies`, `broad`; `kinds` runs one sequence of each):
//   bodies  the body of one function changes in 3 core packages (bottom two layers): their
//           export data stays, so they and their direct importers recompile, the rest relinks
//   broad   in turn: the exported `Tuning` constant of a bottom-layer package changes (it is
//           folded into the `Level` constant of every package above it, so most of the module
//           recompiles), or a leaf package changes (one imported by main only: it recompiles)
// Commits accumulate, as in a repository. Every job runs on a fresh runner at the same paths
// (Go's build-cache keys include the package directory): the same GITHUB_WORKSPACE, holding only
// the checkout, and the same HOME, emptied; a new GITHUB_RUN_ID. Both sides take the Go 1.24 that
// the action installed into the shared tool cache (RUNNER_TOOL_CACHE/go/<version>/x64 and its
// .complete marker, where setup-go looks first), with GOFLAGS=-v, so that the go command prints
// every package it compiles (and none it takes from the cache).
//
//   ours      the bundled dist/main then dist/post with main's state (as cache.ts runs them),
//             the slug packed (pack-slug: true; upload: false); its phases are the ones its job
//             summary lists
//   setup-go  its released dist/setup/index.js (go-version 1.24, cache: true,
//             cache-dependency-path: go.mod), the user's `run: go build -o bin/ ./...`, then its
//             dist/cache-save/index.js with main's state (setup-go-job.ts)
//
// Each side has its own loopback cache service. BENCH_WARM_RUNS (default 1) repeats the whole
// sequence from empty caches; BENCH_VERBOSE=1 echoes both sides' logs. Progress goes to stderr,
// the tables to stdout.
import { cpSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { entryFiles } from '../src/cache/gocache.js';
import { isComplete, toolCacheDir } from '../src/toolchain/toolcache.js';
import { makeTempDir } from '../test/support/action-harness.js';
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
  GO_MINOR,
  installGoOnce,
  job,
  runnerEnv,
  type Runner,
} from './action-jobs.js';
import {
  bundleStamp,
  firstLine,
  loadAverage,
  machineLine,
  positiveIntFromEnv,
  progressFor,
  runWhenMain,
} from './common.js';
import { checkSetupGo, lineAt, setupGoDir, setupGoJob, type StepRun } from './setup-go-job.js';
import { markdownGrid, median } from './stats.js';

const progress = progressFor('warm');

export interface WarmBenchOptions {
  /** Repetitions of the whole sequence (default: BENCH_WARM_RUNS, else 1). */
  runs?: number;
  /** Packages of the generated module (default: BENCH_WARM_PACKAGES, else 150). */
  packages?: number;
  /** Echo both sides' logs to stderr (default: BENCH_VERBOSE). */
  verbose?: boolean;
  /** Called between jobs; throws to stop the run (Ctrl-C). */
  checkpoint?: () => void;
  /** The sequences of each run (default: BENCH_WARM_SEQUENCE, else mixed). */
  sequences?: SequenceMode[];
}

/**
 * BENCH_WARM_SEQUENCE: `mixed` (default: broad and bodies commits in turn), `bodies`, `broad`, or
 * `kinds` (a bodies-only sequence and a broad-only one, each from empty caches).
 */
function sequencesFromEnv(): SequenceMode[] {
  const v = (process.env.BENCH_WARM_SEQUENCE ?? 'mixed').trim();
  if (v === 'kinds') return ['bodies', 'broad'];
  if (v === 'mixed' || v === 'bodies' || v === 'broad') return [v];
  throw new Error(`BENCH_WARM_SEQUENCE: ${JSON.stringify(v)}; use mixed, bodies, broad or kinds`);
}

type Kind = 'cold' | 'bodies' | 'broad';
type Side = 'ours' | 'setup-go';
const SIDES: readonly Side[] = ['ours', 'setup-go'];
const KINDS: readonly Kind[] = ['bodies', 'broad', 'cold'];
/** Packages whose function bodies a `bodies` commit changes. */
const BODIES_PACKAGES = 3;
/** The step a workflow writes after setup-go to build every package and its commands. */
const BUILD_STEP = 'go build -o bin/ ./...';
/** The module has no dependencies, hence no go.sum: setup-go's cache is keyed by go.mod. */
const CACHE_DEPENDENCY_PATH = 'go.mod';

/** setup-go's time columns: its main step in three, the user's build step, its post step. */
const SETUP_GO_COLUMNS = [
  'main: Go found',
  'main: restore',
  'main: rest',
  'build step',
  'post',
] as const;
/** Ours after its summary's phases: main outside them (node, the bundle, the summary), post. */
const OURS_TAIL = ['main: rest', 'post'] as const;

interface Commit {
  kind: Kind;
  what: string;
  /** Changes the checkout. */
  apply: (checkout: string) => Promise<void>;
}

/** One job of one side. Times in seconds. */
interface Sample {
  side: Side;
  kind: Kind;
  /** `r1 #3`: the sequence and the commit. */
  label: string;
  /** The side's time columns (ours: its phases, then OURS_TAIL; setup-go: SETUP_GO_COLUMNS). */
  secs: Record<string, number>;
  /** Whole job: ours main + post; setup-go main + build step + post. */
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
  /** setup-go's cache service (the runner's is ours). */
  setupGo: ResultsServer;
  /** setup-go's release folder. */
  release: string;
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

/** Which commits a sequence holds (BENCH_WARM_SEQUENCE). */
type SequenceMode = 'mixed' | 'bodies' | 'broad';

/**
 * 8 commits, each touching packages no earlier commit touched: `mixed`, `broad` and `bodies` in
 * turn; `bodies` or `broad`, commits of that kind only (a run of one kind, where a save rule that
 * saves only on big additions never saves, and freshness shows). `broad` commits alternate
 * between a bottom-layer package and a leaf.
 */
function commitSequence(mod: BigModule, mode: SequenceMode = 'mixed'): Commit[] {
  const core = Array.from({ length: Math.min(2 * mod.width, mod.packages) }, (_, i) => i);
  const bottom = core.slice(0, mod.width);
  const commits: Commit[] = [];
  let bodies = 0;
  let broad = 0;
  for (let n = 1; n <= 8; n++) {
    if (mode === 'bodies' || (mode === 'mixed' && n % 2 === 0)) {
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

/** The job summary's phase table: `| Build | 3.2 s |` rows (0.1 s resolution), total left out. */
function summaryPhases(summary: string): Record<string, number> {
  const out: Record<string, number> = {};
  const table = summary.split('| phase | time |')[1] ?? '';
  for (const m of table.matchAll(/^\| ([^|*]+?) \| (\d+(?:\.\d+)?) s \|$/gm))
    out[m[1]!] = Number(m[2]);
  return out;
}

async function oursJob(w: Warm, kind: Kind, label: string, checkout: string): Promise<Sample> {
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
  const phases = summaryPhases(j.main.summary);
  if (!Object.keys(phases).length) throw new Error('ours: the job summary has no phase table');
  const inPhases = Object.values(phases).reduce((n, v) => n + v, 0);
  const restored = [...j.main.stdout.matchAll(RESTORED)].map((m) => m[1]!);
  return {
    side: 'ours',
    kind,
    label,
    secs: {
      ...phases,
      'main: rest': j.main.durationMs / 1000 - inPhases,
      post: j.post.durationMs / 1000,
    },
    wall: j.wall,
    restoredBytes: restored.reduce((n, key) => n + archiveBytes(r.results, key), 0),
    savedBytes: savedBytes(r.results, before),
    compiled: compiledPackages(j.main.stderr),
    newEntries,
  };
}

function echoStep(label: string, s: StepRun): void {
  const lines = (s.stdout + s.stderr).split('\n').filter((l) => !l.startsWith('::debug::'));
  process.stderr.write(`--- ${label} ---\n${lines.join('\n')}\n`);
}

async function setupGoSide(w: Warm, kind: Kind, label: string, checkout: string): Promise<Sample> {
  const r = w.runner;
  r.checkpoint();
  checkOut(w, checkout);
  freshRunner(r);
  const before = readyIds(w.setupGo);
  // Its GOCACHE: HOME is the only thing that places it (no XDG_CACHE_HOME, no GOCACHE).
  const gocache = path.join(r.home, '.cache', 'go-build');
  let entries = 0;
  let newEntries = NaN;
  const j = await setupGoJob({
    release: w.release,
    workspace: r.ws,
    scratch: path.join(r.trash, `setup-go-${r.jobs}`),
    toolCache: r.toolCache,
    goVersion: GO_MINOR,
    cacheDependencyPath: CACHE_DEPENDENCY_PATH,
    env: { ...runnerEnv(r, w.setupGo.url), GOFLAGS: '-v' },
    buildScript: BUILD_STEP,
    beforeBuild: async () => void (entries = (await entryFiles(gocache)).length),
    beforePost: async () => void (newEntries = (await entryFiles(gocache)).length - entries),
  });
  if (r.verbose) {
    echoStep(`setup-go main (run ${r.runId})`, j.main);
    echoStep(`build step (run ${r.runId})`, j.build);
    echoStep(`setup-go post (run ${r.runId})`, j.post);
  }
  const hit = j.main.outputs['cache-hit'];
  if (hit !== (kind === 'cold' ? 'false' : 'true'))
    throw new Error(`setup-go, ${kind} job: cache-hit is ${hit}`);
  const postSaid = kind === 'cold' ? 'Cache saved with the key: ' : 'Cache hit occurred on the ';
  if (Number.isNaN(lineAt(j.post, postSaid)))
    throw new Error(
      `setup-go, ${kind} job: its post step did not say "${postSaid}…":\n${j.post.stdout}`,
    );
  const found = lineAt(j.main, 'Successfully set up Go version');
  const restored = lineAt(j.main, 'Cache restored from key: ', 'Cache is not found');
  if (Number.isNaN(found + restored))
    throw new Error(`setup-go: its main step's log has changed:\n${j.main.stdout.slice(-3000)}`);
  const matched = j.main.state['CACHE_RESULT'];
  const secs: Record<(typeof SETUP_GO_COLUMNS)[number], number> = {
    'main: Go found': found,
    'main: restore': restored - found,
    'main: rest': j.main.secs - restored,
    'build step': j.build.secs,
    post: j.post.secs,
  };
  return {
    side: 'setup-go',
    kind,
    label,
    secs,
    wall: j.main.secs + j.build.secs + j.post.secs,
    restoredBytes: matched ? archiveBytes(w.setupGo, matched) : 0,
    savedBytes: savedBytes(w.setupGo, before),
    compiled: compiledPackages(j.build.stderr),
    newEntries,
  };
}

/** Throws unless Go `version` lies in the tool cache as setup-go looks for it. */
function checkToolCache(toolCache: string, version: string, goroot: string | undefined): void {
  const dir = toolCacheDir(toolCache, version, 'amd64');
  if (!isComplete(dir) || !existsSync(path.join(dir, 'bin', 'go')))
    throw new Error(`Go ${version} is not in the tool cache as setup-go expects it (${dir})`);
  if (goroot !== dir) throw new Error(`the action's go-root ${goroot} is not ${dir}`);
}

// ---------------------------------------------------------------------------------------------
// The report.

const mibOf = (bytes: number): string =>
  Number.isFinite(bytes) ? (bytes / 1048576).toFixed(1) : '—';
const secsOf = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '—');
const times = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');

/** Ours's time columns: its phases in the order its summaries list them, then OURS_TAIL. */
function oursColumns(samples: readonly Sample[]): string[] {
  const cols: string[] = [];
  for (const s of samples)
    if (s.side === 'ours')
      for (const name of Object.keys(s.secs))
        if (!cols.includes(name) && !(OURS_TAIL as readonly string[]).includes(name))
          cols.push(name);
  return [...cols, ...OURS_TAIL];
}

const columnsOf = (side: Side, samples: readonly Sample[]): string[] =>
  side === 'ours' ? oursColumns(samples) : [...SETUP_GO_COLUMNS];

/** setup-go's whole job over ours's, commit by commit (the two jobs of one commit). */
function pairedRatios(samples: readonly Sample[], kind: Kind): number[] {
  const ours = new Map(
    samples.filter((s) => s.side === 'ours' && s.kind === kind).map((s) => [s.label, s.wall]),
  );
  return samples
    .filter((s) => s.side === 'setup-go' && s.kind === kind)
    .map((s) => s.wall / ours.get(s.label)!);
}

function ratioTable(samples: readonly Sample[]): string {
  const rows = KINDS.map((kind) => {
    const wall = (side: Side): number =>
      median(samples.filter((s) => s.side === side && s.kind === kind).map((s) => s.wall));
    const per = pairedRatios(samples, kind);
    return [
      kind,
      String(per.length),
      secsOf(wall('ours')),
      secsOf(wall('setup-go')),
      `**${times(wall('setup-go') / wall('ours'))}**`,
      per.length > 1
        ? `${times(median(per))} (${times(Math.min(...per))} – ${times(Math.max(...per))})`
        : times(per[0] ?? NaN),
    ];
  });
  return markdownGrid(
    [
      'commits',
      'jobs per side',
      'ours s',
      'setup-go s',
      'setup-go / ours',
      'per commit: median (min – max)',
    ],
    rows,
  );
}

const COUNT_HEADERS = ['compiled', 'new entries', 'MiB restored', 'MiB saved'];
const countCells = (of: readonly Sample[]): string[] => [
  String(median(of.map((s) => s.compiled))),
  String(median(of.map((s) => s.newEntries))),
  mibOf(median(of.map((s) => s.restoredBytes))),
  mibOf(median(of.map((s) => s.savedBytes))),
];

/** One side's columns, medians per kind. */
function phaseTable(samples: readonly Sample[], side: Side): string {
  const cols = columnsOf(side, samples);
  const rows = KINDS.map((kind) => {
    const of = samples.filter((s) => s.side === side && s.kind === kind);
    return [
      kind,
      ...cols.map((c) => secsOf(median(of.map((s) => s.secs[c] ?? 0)))),
      secsOf(median(of.map((s) => s.wall))),
      ...countCells(of),
    ];
  });
  return markdownGrid(['commits', ...cols, 'whole job', ...COUNT_HEADERS], rows);
}

/** One side's columns, job by job (setup-go's with the commit's ratio). */
function jobTable(samples: readonly Sample[], side: Side): string {
  const cols = columnsOf(side, samples);
  const oursWall = new Map(samples.filter((s) => s.side === 'ours').map((s) => [s.label, s.wall]));
  const rows = samples
    .filter((s) => s.side === side)
    .map((s) => [
      `${s.label} ${s.kind}`,
      ...cols.map((c) => secsOf(s.secs[c] ?? 0)),
      secsOf(s.wall),
      ...(side === 'setup-go' ? [times(s.wall / oursWall.get(s.label)!)] : []),
      ...countCells([s]),
    ]);
  return markdownGrid(
    [
      'job',
      ...cols,
      'whole job',
      ...(side === 'setup-go' ? ['setup-go / ours'] : []),
      ...COUNT_HEADERS,
    ],
    rows,
  );
}

function progressLine(s: Sample): string {
  return (
    `${s.side} ${secsOf(s.wall)} s (` +
    Object.entries(s.secs)
      .map(([name, v]) => `${name} ${secsOf(v)}`)
      .join(', ') +
    `); ${s.compiled} compiled, ${s.newEntries} new entries, ` +
    `${mibOf(s.restoredBytes)} MiB restored, ${mibOf(s.savedBytes)} MiB saved`
  );
}

/** Runs the warm benchmark and returns its markdown section. */
export async function warmBench(opts: WarmBenchOptions = {}): Promise<string> {
  const started = performance.now();
  const runs = opts.runs ?? positiveIntFromEnv(['BENCH_WARM_RUNS'], 1);
  const packages = opts.packages ?? positiveIntFromEnv(['BENCH_WARM_PACKAGES'], 150);
  const modes = opts.sequences ?? sequencesFromEnv();
  const release = setupGoDir();
  checkSetupGo(release);
  const load = loadAverage();
  const releases = await startReleaseServer({ fixtures: await goFixtures() });
  const ours = await startResultsServer();
  const setupGo = await startResultsServer();
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
    progress('installing Go into the shared tool cache');
    const out = await installGoOnce(runner);
    const goVersion = out['go-version']!;
    checkToolCache(runner.toolCache, goVersion, out['go-root']);
    const w: Warm = { runner, setupGo, release };

    const samples: Sample[] = [];
    let mod: BigModule | undefined;
    const listed: string[] = [];
    for (let rep = 0; rep < runs; rep++) {
      for (const mode of modes) {
        const checkout = await makeTempDir('bench-warm-checkout');
        mod = await writeBigModule(checkout, { packages });
        await Promise.all([ours.clearCaches(), setupGo.clearCaches()]);
        const commits: Commit[] = [
          { kind: 'cold', what: 'cold caches', apply: async () => undefined },
          ...commitSequence(mod, mode),
        ];
        if (rep === 0)
          listed.push(...commits.map((c, n) => `- ${mode} #${n} ${c.kind}: ${c.what}`));
        for (const [n, c] of commits.entries()) {
          await c.apply(checkout);
          const label = `r${rep + 1}${modes.length > 1 ? ` ${mode}` : ''} #${n}`;
          const order = (rep + n) % 2 === 0 ? SIDES : [...SIDES].reverse();
          const got: Sample[] = [];
          for (const side of order) {
            got.push(await (side === 'ours' ? oursJob : setupGoSide)(w, c.kind, label, checkout));
          }
          samples.push(...got);
          const [o, s] = SIDES.map((side) => got.find((g) => g.side === side)!);
          progress(
            `run ${rep + 1}/${runs}, ${mode} sequence, commit ${n}/${commits.length - 1}, ${c.kind} (${c.what}), ` +
              `${order[0]} first: setup-go / ours ${times(s!.wall / o!.wall)}; ` +
              got.map(progressLine).join('; '),
          );
        }
      }
    }

    const total = (performance.now() - started) / 1000;
    const zstd = /v\d+\.\d+\.\d+/.exec(await firstLine('zstd', ['--version']))?.[0] ?? 'not found';
    const rebundled = bundleStamp() !== stamp;
    if (rebundled) progress('warning: dist/ was re-bundled during the run');
    const m = mod!;
    return [
      '## go-paas-build warm-cache benchmark: a commit sequence, ours vs setup-go',
      '',
      `- Go ${goVersion} (both sides, from the shared tool cache); a generated module of ` +
        `${m.packages} packages (${m.layers} layers of ${m.width}, ${m.lines} lines), no ` +
        `dependencies; ${runs} run(s) (BENCH_WARM_RUNS) of ${modes.length > 1 ? 'sequences' : 'a sequence'} ` +
        `(BENCH_WARM_SEQUENCE: ${modes.join(', ')}) of a cold job and 8 commits, from empty caches; zstd ${zstd}`,
      '- Each job: the same workspace path holding only the checkout, the same HOME emptied, a new ' +
        'GITHUB_RUN_ID, GOFLAGS=-v; each side has its own loopback cache service; the two sides ' +
        'alternate order every commit',
      '- ours: bundled `dist/main` then `dist/post` (pack-slug: true, upload: false); its columns ' +
        "are the phases of the main step's job summary (0.1 s resolution), `main: rest` the rest " +
        'of the main step (node, loading the bundle, the summary), `post` the post step; whole ' +
        'job is main + post',
      `- setup-go: its release's \`dist/setup/index.js\` (go-version ${GO_MINOR}, cache: true, ` +
        `cache-dependency-path: ${CACHE_DEPENDENCY_PATH}), the user's \`run: ${BUILD_STEP}\` ` +
        "(bash -e, with main's GITHUB_ENV and GITHUB_PATH), then `dist/cache-save/index.js` with " +
        "main's state (as a runner runs them: fresh file-command files per step). `main: Go found` " +
        'is the main step up to `Successfully set up Go version` (node, the bundle, the tool-cache ' +
        'lookup), `main: restore` up to `Cache restored from key` / `Cache is not found` (`go env` ' +
        'and `go version`, the key, the cache lookup, download and extraction), `main: rest` up to ' +
        'its exit (`go env`); whole job is main + build step + post',
      '- compiled: the import paths the go command printed (GOFLAGS=-v: compiled, not taken from ' +
        'the cache; standard library included); new entries: GOCACHE entry files the job wrote; ' +
        "MiB restored / saved: the archives in each side's cache service",
      machineLine(load),
      ...(rebundled
        ? ['- **dist/ was re-bundled during the run: the figures mix two builds of the action**']
        : []),
      '',
      '### Whole job, setup-go / ours (medians over the jobs of each kind)',
      '',
      ratioTable(samples),
      '',
      '### Where the time goes: ours (medians, s)',
      '',
      phaseTable(samples, 'ours'),
      '',
      '### Where the time goes: setup-go + the build step (medians, s)',
      '',
      phaseTable(samples, 'setup-go'),
      '',
      'Commits (the same in every run):',
      '',
      ...listed,
      '',
      '### Every job: ours (s)',
      '',
      jobTable(samples, 'ours'),
      '',
      '### Every job: setup-go + the build step (s)',
      '',
      jobTable(samples, 'setup-go'),
      '',
      `Warm benchmark wall time: ${total.toFixed(0)} s.`,
      '',
    ].join('\n');
  } finally {
    await Promise.all([releases.close(), ours.close(), setupGo.close()]);
  }
}

runWhenMain(import.meta.url, 'warm', () => warmBench());
