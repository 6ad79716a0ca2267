// Cache benchmark (part of `npm run bench`; alone: `BENCH_ONLY=cache npm run bench`). Every figure
// comes from the BUNDLED action, run as the e2e cache test runs it: a "job" is dist/main and then
// dist/post with main's state, against the loopback cache service, on a fresh runner (the same
// HOME path every time, emptied, so the cached paths match), with a new GITHUB_RUN_ID. The app is
// a generated module of BENCH_CACHE_PACKAGES (default 240) packages; Go 1.24 comes from the
// loopback release server, installed once into a tool cache all jobs share.
//
// BENCH_CACHE_RUNS (else BENCH_RUNS, else 5) rounds per timed figure (5 rounds take about 3 minutes
// on 2 cores); BENCH_VERBOSE=1 echoes the action's log (without ::debug:: lines) to stderr.
// Progress goes to stderr, the table to stdout.
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { entryFiles, partitionEntries } from '../src/cache/gocache.js';
import { SAVE_RULE } from '../src/cache/save-rule.js';
import { makeTempDir } from '../test/support/action-harness.js';
import {
  dependentsOf,
  touchPackage,
  writeBigModule,
  type BigModule,
} from '../test/support/big-module.js';
import { goFixtures } from '../test/support/fixtures.js';
import { startReleaseServer } from '../test/support/release-server.js';
import {
  startResultsServer,
  type ResultsServer,
  type TwirpFault,
} from '../test/support/results-server.js';
import {
  buildState,
  bundlesReady,
  GO_MINOR,
  installGoOnce,
  job,
  phaseSecs,
  SAVED_BUILD,
  type Job,
  type Runner,
} from './action-jobs.js';
import {
  bundleStamp,
  firstLine,
  list,
  loadAverage,
  machineLine,
  paired,
  plural,
  positiveIntFromEnv,
  progressFor,
  runWhenMain,
  s1,
  s2,
} from './common.js';
import { markdownTable, median, mib, ratio, verdict, verdictAtLeast, type Row } from './stats.js';

const TARGET_WARM_SPEEDUP = 8;
const TARGET_GROWTH = 1.3;
const TARGET_OUTAGE_SECS = 5;
/** Successive jobs of the archive-size figure, each changing one more package. */
const TRIM_JOBS = 10;
const BUILD_PREFIX = 'go-paas-build-build-';
const SERVICE_503: TwirpFault = { status: 503, msg: 'unavailable' };

export interface CacheBenchOptions {
  /** Rounds per timed figure (default: BENCH_CACHE_RUNS, else BENCH_RUNS, else 5). */
  runs?: number;
  /** Packages of the generated module (default: BENCH_CACHE_PACKAGES, else 240). */
  packages?: number;
  /** Echo the action's log to stderr (default: BENCH_VERBOSE). */
  verbose?: boolean;
  /** Called between jobs; throws to stop the run (Ctrl-C). */
  checkpoint?: () => void;
}

const progress = progressFor('cache');

/** A row that gives context, with no target to meet. */
function context(what: string, value: string): Row {
  return { what, median: value, ratio: '—', target: '—', verdict: 'context' };
}

interface Bench extends Runner {
  mod: BigModule;
}

const newestBuildEntry = (r: ResultsServer) =>
  r
    .cacheEntries()
    .filter((e) => e.ready && e.key.startsWith(BUILD_PREFIX))
    .sort((x, y) => y.finalizedSeq! - x.finalizedSeq!)[0];

function savedArchiveBytes(r: ResultsServer, key: string): number {
  const e = r.cacheEntries().find((c) => c.ready && c.key === key);
  return e?.blobSize ?? e?.size ?? NaN;
}

function expectOutput(j: Job, name: string, want: string, what: string): void {
  const got = j.main.outputs[name];
  if (got !== want) throw new Error(`${what}: ${name} is ${got}, expected ${want}`);
}

// ---------------------------------------------------------------------------------------------
// 1. Warm rebuild vs cold build.

interface ColdWarm {
  coldBuild: number[];
  warmBuild: number[];
  coldMain: number[];
  warmMain: number[];
  coldRestore: number[];
  warmRestore: number[];
  coldPost: number[];
  warmPost: number[];
  coldArchive: number[];
  savedEntries: string;
}

async function coldVsWarm(b: Bench, runs: number): Promise<ColdWarm> {
  const out: ColdWarm = {
    coldBuild: [],
    warmBuild: [],
    coldMain: [],
    warmMain: [],
    coldRestore: [],
    warmRestore: [],
    coldPost: [],
    warmPost: [],
    coldArchive: [],
    savedEntries: '',
  };
  const cold = async (): Promise<string> => {
    await b.results.clearCaches();
    const j = await job(b);
    expectOutput(j, 'build-cache-hit', 'false', 'cold job');
    const saved = SAVED_BUILD.exec(j.post.stdout);
    if (!saved) throw new Error(`the cold job saved no build cache:\n${j.post.stdout}`);
    out.savedEntries = `${saved[2]} entry files (${saved[3]})`;
    out.coldBuild.push(phaseSecs(j.main, 'Build'));
    out.coldMain.push(j.main.durationMs / 1000);
    out.coldRestore.push(phaseSecs(j.main, 'Restore caches'));
    out.coldPost.push(j.post.durationMs / 1000);
    out.coldArchive.push(savedArchiveBytes(b.results, saved[1]!));
    return `cold: Build ${s1(out.coldBuild.at(-1)!)}, main ${s2(out.coldMain.at(-1)!)}, post ${s2(out.coldPost.at(-1)!)}`;
  };
  const warm = async (): Promise<string> => {
    if (!newestBuildEntry(b.results)) throw new Error('warm job: no build cache to restore');
    const j = await job(b);
    expectOutput(j, 'build-cache-hit', 'true', 'warm job');
    out.warmBuild.push(phaseSecs(j.main, 'Build'));
    out.warmMain.push(j.main.durationMs / 1000);
    out.warmRestore.push(phaseSecs(j.main, 'Restore caches'));
    out.warmPost.push(j.post.durationMs / 1000);
    return `warm: Build ${s1(out.warmBuild.at(-1)!)}, restore ${s1(out.warmRestore.at(-1)!)}, main ${s2(out.warmMain.at(-1)!)}, post ${s2(out.warmPost.at(-1)!)}`;
  };
  for (let round = 0; round < runs; round++) {
    // A warm job restores the newest build cache: in odd rounds, the one the previous round's cold job saved.
    const order = round % 2 === 0 ? [cold, warm] : [warm, cold];
    const parts: string[] = [];
    for (const step of order) parts.push(await step());
    progress(`cold/warm round ${round + 1}/${runs}: ${parts.join('; ')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Archive size over successive jobs.

interface TrimRun {
  pkg: string;
  recompiled: number;
  build: number;
  archive: number;
  keptBytes: number;
  keptFiles: number;
  droppedBytes: number;
  droppedFiles: number;
  newFiles: number;
  /** Entry bytes an untrimmed cache would hold after this job (every entry ever saved). */
  untrimmedBytes: number;
}

/** `n` packages with few dependents, so each job recompiles a handful: top-layer and mid-layer ones. */
function pickPackages(mod: BigModule, n: number): number[] {
  const spread = (xs: readonly number[], k: number): number[] =>
    k <= 0 || xs.length === 0
      ? []
      : Array.from(
          { length: Math.min(k, xs.length) },
          (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / Math.min(k, xs.length))]!,
        );
  const roots = new Set(mod.roots);
  const few = [...Array(mod.packages).keys()].filter((i) => {
    const d = dependentsOf(mod, i).length;
    return !roots.has(i) && d >= 1 && d <= 8;
  });
  const mid = spread(few, Math.ceil(n / 2));
  const top = spread(mod.roots, n - mid.length);
  const picked: number[] = [];
  for (let i = 0; picked.length < mid.length + top.length; i++) {
    if (i < mid.length) picked.push(mid[i]!);
    if (i < top.length) picked.push(top[i]!);
  }
  if (picked.length < n) throw new Error(`only ${picked.length} packages with few dependents`);
  return picked;
}

async function successiveJobs(b: Bench): Promise<TrimRun[]> {
  if (!newestBuildEntry(b.results)) throw new Error('no build cache to start from');
  const picked = pickPackages(b.mod, TRIM_JOBS);
  // Every entry file any job had before its trim (rel path → size): what an untrimmed cache holds.
  const seen = new Map<string, number>();
  const runs: TrimRun[] = [];
  for (let k = 0; k < picked.length; k++) {
    const index = picked[k]!;
    const pkg = await touchPackage(b.ws, index, 1);
    // A one-package change is too small for the save rule; ten runs after the last save it saves
    // anyway. Each job comes ten runs later, so that every one saves and its trim can be measured.
    b.runId += SAVE_RULE.maxRuns - 1;
    let scan:
      | { keptBytes: number; keptFiles: number; droppedBytes: number; droppedFiles: number }
      | undefined;
    const j = await job(b, {
      beforePost: async (main) => {
        // GOCACHE as the post step finds it, partitioned by the same rule it trims with.
        const st = buildState(main);
        if (!st) throw new Error('the main step saved no cache state');
        const files = await entryFiles(st.path);
        const { keep, drop } = partitionEntries(files, st.mark);
        for (const f of files) seen.set(path.relative(st.path, f.path), f.size);
        const sum = (fs: typeof files): number => fs.reduce((n, f) => n + f.size, 0);
        scan = {
          keptBytes: sum(keep),
          keptFiles: keep.length,
          droppedBytes: sum(drop),
          droppedFiles: drop.length,
        };
      },
    });
    expectOutput(j, 'build-cache-hit', 'true', `job ${k + 1}`);
    const saved = SAVED_BUILD.exec(j.post.stdout);
    if (!saved || !scan)
      throw new Error(`job ${k + 1} saved no build cache:\n${j.post.stdout.slice(-2000)}`);
    if (Number(saved[2]) !== scan.keptFiles || Number(saved[5]) !== scan.droppedFiles)
      progress(
        `warning: job ${k + 1}: the post step kept ${saved[2]} / trimmed ${saved[5]} entry files, ` +
          `this benchmark's scan expected ${scan.keptFiles} / ${scan.droppedFiles}`,
      );
    const run: TrimRun = {
      pkg: pkg.slice(b.mod.modulePath.length + 1),
      recompiled: 1 + dependentsOf(b.mod, index).length,
      build: phaseSecs(j.main, 'Build'),
      archive: savedArchiveBytes(b.results, saved[1]!),
      ...scan,
      newFiles: Number(saved[4]),
      untrimmedBytes: [...seen.values()].reduce((n, v) => n + v, 0),
    };
    runs.push(run);
    progress(
      `successive job ${k + 1}/${picked.length}: ${run.pkg} changed (${plural(run.recompiled, 'package')} to recompile), ` +
        `Build ${s1(run.build)}; kept ${run.keptFiles} entry files (${mib(run.keptBytes)}), ` +
        `trimmed ${run.droppedFiles} (${mib(run.droppedBytes)}); archive ${mib(run.archive)}; ` +
        `untrimmed would hold ${mib(run.untrimmedBytes)}`,
    );
  }
  // Leave the sources as written (and the newest cache built from other sources: harmless).
  for (const index of picked) await touchPackage(b.ws, index, 0);
  return runs;
}

// ---------------------------------------------------------------------------------------------
// 3. Cost of a cache-service outage.

interface Outage {
  off: number[];
  down: number[];
  fivexx: number[];
  offRestore: number[];
  downRestore: number[];
  fivexxRestore: number[];
  downPost: number[];
  fivexxPost: number[];
  downWarning: string;
  fivexxWarning: string;
}

async function outage(b: Bench, runs: number, gocache: string): Promise<Outage> {
  const out: Outage = {
    off: [],
    down: [],
    fivexx: [],
    offRestore: [],
    downRestore: [],
    fivexxRestore: [],
    downPost: [],
    fivexxPost: [],
    downWarning: '',
    fivexxWarning: '',
  };
  // The same warm GOCACHE (outside HOME) for all three: the build is the same small one, and
  // what differs is the cache calls.
  const env = { GOCACHE: gocache };
  const firstWarning = (j: Job): string =>
    j.main.annotations.find((a) => a.level === 'warning')?.message.split('\n')[0] ?? '';
  const variants = {
    off: async (): Promise<string> => {
      const j = await job(b, { inputs: { cache: 'false' }, env });
      out.off.push(j.wall);
      out.offRestore.push(phaseSecs(j.main, 'Restore caches'));
      return `cache: false ${s2(j.wall)}`;
    },
    down: async (): Promise<string> => {
      const j = await job(b, { env, resultsUrl: b.results.downUrl });
      out.downWarning = firstWarning(j);
      if (!/ECONNREFUSED|within \d+ s/.test(out.downWarning))
        throw new Error(`service down: unexpected warning ${JSON.stringify(out.downWarning)}`);
      out.down.push(j.wall);
      out.downRestore.push(phaseSecs(j.main, 'Restore caches'));
      out.downPost.push(j.post.durationMs / 1000);
      return `down ${s2(j.wall)} (restore ${s1(out.downRestore.at(-1)!)})`;
    },
    fivexx: async (): Promise<string> => {
      b.results.faults.twirpStatus = SERVICE_503;
      let j: Job;
      try {
        j = await job(b, { env });
      } finally {
        delete b.results.faults.twirpStatus;
      }
      out.fivexxWarning = firstWarning(j);
      if (!out.fivexxWarning) throw new Error(`503: no warning:\n${j.main.stdout.slice(-2000)}`);
      out.fivexx.push(j.wall);
      out.fivexxRestore.push(phaseSecs(j.main, 'Restore caches'));
      out.fivexxPost.push(j.post.durationMs / 1000);
      return `503 ${s2(j.wall)} (restore ${s1(out.fivexxRestore.at(-1)!)})`;
    },
  };
  const names = ['off', 'down', 'fivexx'] as const;
  for (let round = 0; round < runs; round++) {
    const parts: string[] = [];
    for (let i = 0; i < names.length; i++) {
      parts.push(await variants[names[(round + i) % names.length]!]());
    }
    progress(`outage round ${round + 1}/${runs}: ${parts.join(', ')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Runs the cache benchmark and returns its markdown section (a heading, notes and one table). */
export async function cacheBench(opts: CacheBenchOptions = {}): Promise<string> {
  const started = performance.now();
  const runs = opts.runs ?? positiveIntFromEnv(['BENCH_CACHE_RUNS', 'BENCH_RUNS'], 5);
  const packages = opts.packages ?? positiveIntFromEnv(['BENCH_CACHE_PACKAGES'], 240);
  const releases = await startReleaseServer({ fixtures: await goFixtures() });
  const results = await startResultsServer();
  try {
    const root = await makeTempDir('bench-cache-runner');
    const ws = await makeTempDir('bench-cache-app');
    const b: Bench = {
      releases,
      results,
      toolCache: await makeTempDir('bench-cache-toolcache'),
      home: path.join(root, 'home'),
      trash: path.join(root, 'old-homes'),
      ws,
      mod: await writeBigModule(ws, { packages }),
      runId: 1000,
      jobs: 0,
      verbose: opts.verbose ?? Boolean(process.env.BENCH_VERBOSE),
      checkpoint: opts.checkpoint ?? (() => undefined),
      progress,
    };
    mkdirSync(b.home);
    mkdirSync(b.trash);
    const load = loadAverage();
    await bundlesReady(b);
    const stamp = bundleStamp();
    progress(
      `module of ${b.mod.packages} packages (${b.mod.layers} layers of ${b.mod.width}, ` +
        `${b.mod.lines} lines); ${runs} rounds per timed figure`,
    );
    progress(`installing Go ${GO_MINOR} into the shared tool cache`);
    const goVersion = (await installGoOnce(b))['go-version']!;

    const cw = await coldVsWarm(b, runs);
    // The last job's GOCACHE (a full build of these sources) serves the outage jobs.
    const gocache = path.join(root, 'warm-gocache');
    renameSync(path.join(b.home, '.cache', 'go-build'), gocache);
    const down = await outage(b, runs, gocache);
    const trim = await successiveJobs(b);

    const rows: Row[] = [];
    const coldB = median(cw.coldBuild);
    const warmB = median(cw.warmBuild);
    const speedup = coldB / warmB;
    rows.push(
      {
        what: 'Cold build: `Build` phase, empty cache service and GOCACHE',
        median: s1(coldB),
        ratio: ratio(1),
        target: '—',
        verdict: 'baseline',
      },
      {
        what: 'Warm rebuild: `Build` phase, build cache restored, same sources',
        median: s1(warmB),
        ratio: `${ratio(speedup)} faster`,
        target: `≥ ${TARGET_WARM_SPEEDUP}× faster`,
        verdict: verdictAtLeast(speedup, TARGET_WARM_SPEEDUP),
      },
      {
        what: 'Main step wall time, cold',
        median: s2(median(cw.coldMain)),
        ratio: ratio(1),
        target: '—',
        verdict: 'context',
      },
      {
        what: 'Main step wall time, warm (restore included)',
        median: s2(median(cw.warmMain)),
        ratio: `${ratio(median(cw.coldMain) / median(cw.warmMain))} faster`,
        target: '—',
        verdict: 'context',
      },
      context(
        `\`Restore caches\` phase, warm (${mib(median(cw.coldArchive))} archive)`,
        s1(median(cw.warmRestore)),
      ),
      context('`Restore caches` phase, cold (lookups miss)', s1(median(cw.coldRestore))),
      context(`Post step, cold job (saves ${cw.savedEntries})`, s2(median(cw.coldPost))),
      context('Post step, warm job (nothing new to save)', s2(median(cw.warmPost))),
    );

    const first = trim[0]!;
    const last = trim.at(-1)!;
    const growth = last.archive / first.archive;
    const untrimmedGrowth = last.untrimmedBytes / first.keptBytes;
    rows.push(
      {
        what: `Build-cache archive saved by successive job 1 (${first.keptFiles} entry files, ${mib(first.keptBytes)})`,
        median: mib(first.archive),
        ratio: ratio(1),
        target: '—',
        verdict: 'baseline',
      },
      {
        what: `Build-cache archive saved by successive job ${trim.length} (${last.keptFiles} entry files, ${mib(last.keptBytes)})`,
        median: mib(last.archive),
        ratio: ratio(growth),
        target: `≤ ${TARGET_GROWTH.toFixed(2)}×`,
        verdict: verdict(growth, TARGET_GROWTH),
      },
      {
        what: `Without trimming: entry bytes after job ${trim.length} (computed, uncompressed; vs job 1's kept)`,
        median: mib(last.untrimmedBytes),
        ratio: ratio(untrimmedGrowth),
        target: '—',
        verdict: 'context',
      },
    );

    const addedDown = paired(down.down, down.off, (x, y) => x - y);
    const added5xx = paired(down.fivexx, down.off, (x, y) => x - y);
    rows.push(
      {
        what: '`cache: false` job, main + post (warm GOCACHE, baseline)',
        median: s2(median(down.off)),
        ratio: ratio(1),
        target: '—',
        verdict: 'baseline',
      },
      {
        what: 'Cache service down (connection refused): added main + post time',
        median: `+${s2(median(addedDown))}`,
        ratio: ratio(median(down.down) / median(down.off)),
        target: `≤ +${TARGET_OUTAGE_SECS} s`,
        verdict: verdict(median(addedDown), TARGET_OUTAGE_SECS),
      },
      {
        what: 'Cache service answers 503: added main + post time',
        median: `+${s2(median(added5xx))}`,
        ratio: ratio(median(down.fivexx) / median(down.off)),
        target: `≤ +${TARGET_OUTAGE_SECS} s`,
        verdict: verdict(median(added5xx), TARGET_OUTAGE_SECS),
      },
    );

    const total = (performance.now() - started) / 1000;
    const zstd = /v\d+\.\d+\.\d+/.exec(await firstLine('zstd', ['--version']))?.[0] ?? 'not found';
    const rebundled = bundleStamp() !== stamp;
    if (rebundled) progress('warning: dist/ was re-bundled during the run');
    const info = [
      `- Go ${goVersion} from the loopback release server, installed once into a shared tool cache; ` +
        `a generated module of ${b.mod.packages} packages (${b.mod.layers} layers of ${b.mod.width}, ` +
        `${b.mod.lines} lines of Go), no dependencies`,
      `- Each job: bundled \`dist/main\` then \`dist/post\` with main's state, the same HOME path ` +
        'emptied before it (GOCACHE is `$HOME/.cache/go-build`), a new GITHUB_RUN_ID, the ' +
        `loopback cache service in the benchmark's process; zstd ${zstd}`,
      machineLine(load),
      `- Times are medians of ${runs} rounds (BENCH_CACHE_RUNS, else BENCH_RUNS); cold and warm ` +
        'alternate order every round, as do the three outage variants; phase durations are the ' +
        "action's `Build: X s` / `Restore caches: X s` lines (0.1 s resolution), step times are " +
        `wall times; archive sizes come from one sequence of ${TRIM_JOBS} jobs`,
      ...(rebundled
        ? ['- **dist/ was re-bundled during the run: the figures mix two builds of the action**']
        : []),
    ].join('\n');
    const notes = [
      `Samples (s): cold Build ${list(cw.coldBuild, 1)}; warm Build ${list(cw.warmBuild, 1)} ` +
        `(paired speed-ups ${list(paired(cw.coldBuild, cw.warmBuild, (x, y) => x / y))}); ` +
        `cold main ${list(cw.coldMain)}; warm main ${list(cw.warmMain)}; ` +
        `warm restore ${list(cw.warmRestore, 1)}; cold post ${list(cw.coldPost)}; ` +
        `warm post ${list(cw.warmPost)}; cold archives ${cw.coldArchive.map(mib).join(', ')}.`,
      '',
      `Successive jobs (each restores the previous job's build cache, changes one package, saves a ` +
        'trimmed cache):',
      '',
      ...trim.map(
        (t, i) =>
          `${i + 1}. \`${t.pkg}\` changed (${plural(t.recompiled, 'package')} to recompile), Build ${s1(t.build)}: ` +
          `kept ${t.keptFiles} entry files (${mib(t.keptBytes)}, ${t.newFiles} new), ` +
          `trimmed ${t.droppedFiles} (${mib(t.droppedBytes)}); archive ${mib(t.archive)}; ` +
          `untrimmed, the cache would hold ${mib(t.untrimmedBytes)}`,
      ),
      '',
      `Outage samples (s, main + post): cache: false ${list(down.off)}; down ${list(down.down)} ` +
        `(restore phase ${list(down.downRestore, 1)}, post ${list(down.downPost)}); 503 ${list(down.fivexx)} ` +
        `(restore phase ${list(down.fivexxRestore, 1)}, post ${list(down.fivexxPost)}); ` +
        `cache: false restore phase ${list(down.offRestore, 1)}. ` +
        `Warnings: down: "${down.downWarning}"; 503: "${down.fivexxWarning}".`,
      '',
      `Cache benchmark wall time: ${total.toFixed(0)} s.`,
    ].join('\n');
    return [
      '## go-paas-build cache benchmark',
      '',
      info,
      '',
      markdownTable(rows, ['What', 'Value', 'Ratio', 'Target', 'Verdict']),
      '',
      notes,
      '',
    ].join('\n');
  } finally {
    await Promise.all([releases.close(), results.close()]);
  }
}

runWhenMain(import.meta.url, 'cache', () => cacheBench());
