// Benchmarks: `npm run bench` runs the install benchmark (this file), the cache benchmark (cache.ts)
// and the warm-cache benchmark (warm.ts), in that order; `BENCH_ONLY=install`, `cache` or `warm`
// runs one of them.
//
// Install speed (BENCH_RUNS=5 by default, BENCH_VERBOSE=1 to see the installer's log): every
// figure is measured against the same loopback release server (its own process, see
// server-process.ts) serving the same archive, the Go 1.22 fixture, and reported as a median with
// its ratio to a plain-shell baseline. Progress goes to stderr, the tables to stdout.
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Logger, Runtime } from '../src/runtime/ports.js';
import { installGo } from '../src/toolchain/install.js';
import type { GoFile } from '../src/toolchain/releases.js';
import { setupGo } from '../src/toolchain/setup.js';
import { parseVersionSpec } from '../src/toolchain/version-spec.js';
import {
  cleanupTempDirs,
  makeTempDir,
  removeTempDir,
  repoRoot,
  runAction,
  type RunResult,
} from '../test/support/action-harness.js';
import { goFixture, type GoFixture } from '../test/support/fixtures.js';
import type { Faults } from '../test/support/release-server.js';
import { cacheBench } from './cache.js';
import { warmBench } from './warm.js';
import {
  checkpoint,
  firstLine,
  Interrupted,
  isInterrupted,
  list,
  loadAverage,
  machineLine,
  paired,
  positiveIntFromEnv,
  progressFor,
  stopOnSignals,
  timed,
  waitForBundles,
} from './common.js';
import type { FromServer, ToServer } from './server-process.js';
import { markdownTable, median, mib, ratio, secs, verdict, type Row } from './stats.js';

const execFileP = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOADER = pathToFileURL(path.join(repoRoot(), 'scripts', 'ts-loader.mjs')).href;

const MINOR = '1.22';
const GO_ARCH = 'amd64';
const THROTTLE_BYTES_PER_SEC = 25_000_000;
const TARGET_COLD = 1.15;
const TARGET_THROTTLED = 1.1;
const TARGET_HIT_SECS = 0.1;
const RUNS = positiveIntFromEnv(['BENCH_RUNS'], 5);
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
/**
 * Sample dirs are kept until the end of the run unless BENCH_RM_EACH=1 (or the disk is short).
 * On an ext4 without a journal (this VM's root fs) the inode allocator skips every inode freed in
 * the last 60-360 s (`recently_deleted` in fs/ext4/ialloc.c), so an `rm -rf` of one extracted Go
 * tree (~14k inodes) makes the next extraction 5-10x slower, in the kernel, for minutes.
 */
let rmEach = Boolean(process.env.BENCH_RM_EACH);
/** Upper bound of one extracted go1.22 tree on disk (the tar is 229 MB, plus block slack). */
const TREE_BYTES = 330 * 1024 * 1024;

const progress = progressFor();

/** The installer's log goes nowhere (or to stderr with BENCH_VERBOSE): stdout is for the tables. */
const benchLog: Logger = {
  info: (m) => void (VERBOSE && process.stderr.write(`  ${m}\n`)),
  debug: () => undefined,
  notice: (m) => void (VERBOSE && process.stderr.write(`  notice: ${m}\n`)),
  warning: (m) => void process.stderr.write(`  warning: ${m}\n`),
  group: (_title, fn) => fn(),
};

// ---------------------------------------------------------------------------------------------
// The release server, in a child process.

interface ServerHandle {
  url: string;
  setFaults(faults: Faults): Promise<void>;
  close(): Promise<void>;
}

function nextMessage<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
      reject(new Error('the release server process is gone'));
      return;
    }
    const onMessage = (raw: unknown): void => {
      const msg = raw as FromServer;
      if (msg.type === 'error') {
        done();
        reject(new Error(`release server: ${msg.message}`));
      } else if (msg.type === type) {
        done();
        resolve(msg as Extract<FromServer, { type: T }>);
      }
    };
    const onExit = (code: number | null): void => {
      done();
      reject(new Error(`the release server process exited (${code}) unexpectedly`));
    };
    const done = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function startServerProcess(minor: string): Promise<ServerHandle> {
  const child = fork(path.join(HERE, 'server-process.ts'), [minor], {
    execArgv: ['--import', LOADER],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await nextMessage(child, 'ready');
  // A send on a closed channel (the server died, e.g. on Ctrl-C) is reported by nextMessage.
  child.on('error', () => undefined);
  const send = (msg: ToServer): void => {
    if (child.connected) child.send(msg, () => undefined);
  };
  return {
    url,
    async setFaults(faults) {
      const ack = nextMessage(child, 'faults-set');
      send({ type: 'faults', faults });
      await ack;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Timed samples.

/** Flush dirty pages left by the previous sample (and its rm -rf), so it is not billed to the next. */
async function settle(): Promise<void> {
  await execFileP('sync');
}

/** `bash -c <script> _ <args…>`: the URL and dirs are positional arguments, never interpolated. */
function bash(script: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, '_', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`bash -c '${script}' exited ${code}: ${stderr.trim()}`)),
    );
  });
}

/** Removes a sample dir now (BENCH_RM_EACH) or leaves it to cleanupTempDirs() at the end. */
async function discard(dir: string): Promise<void> {
  if (rmEach) await removeTempDir(dir);
}

/** Keeping every sample dir needs about this much space: fall back to removing them if short. */
async function checkDiskSpace(): Promise<void> {
  if (rmEach) return;
  const trees = 2 + 3 * RUNS + 2 * RUNS + 1; // warm-ups, cold + local, throttled, slack
  const need = trees * TREE_BYTES * 1.2;
  const st = await statfs(os.tmpdir());
  const free = st.bavail * st.bsize;
  if (free < need) {
    rmEach = true;
    progress(
      `only ${mib(free)} free in ${os.tmpdir()} (keeping every sample needs ~${mib(need)}): ` +
        'removing each sample dir right after it, which slows the next extraction on journal-less ext4',
    );
  }
}

interface Ctx {
  server: ServerHandle;
  fixture: GoFixture;
  file: GoFile;
  archiveUrl: string;
}

/** One `installGo` into a fresh tool cache (see discard; never discarded when `keep`). */
async function sampleInstall(ctx: Ctx, keep = false): Promise<{ secs: number; toolCache: string }> {
  checkpoint();
  const toolCache = await makeTempDir('bench-toolcache');
  await settle();
  let goroot = '';
  const s = await timed(async () => {
    goroot = await installGo({
      version: ctx.fixture.semver,
      file: ctx.file,
      download: { url: ctx.server.url },
      toolCache,
      goArch: GO_ARCH,
      log: benchLog,
    });
  });
  if (!existsSync(path.join(goroot, 'bin', 'go')))
    throw new Error(`installGo left no ${goroot}/bin/go`);
  if (!keep) await discard(toolCache);
  return { secs: s, toolCache };
}

/** `curl -sf URL | tar -xz -C DIR` into a fresh dir (see discard). */
async function sampleCurlTar(ctx: Ctx): Promise<number> {
  checkpoint();
  const dir = await makeTempDir('bench-curl-tar');
  await settle();
  const s = await timed(() => bash('curl -sf "$1" | tar -xz -C "$2"', [ctx.archiveUrl, dir]));
  if (!existsSync(path.join(dir, 'go', 'bin', 'go')))
    throw new Error(`curl | tar left no ${dir}/go/bin/go`);
  await discard(dir);
  return s;
}

/** `tar -xzf <fixture file>`: extraction alone, no HTTP and no hashing (context for where time goes). */
async function sampleLocalTar(ctx: Ctx): Promise<number> {
  checkpoint();
  const dir = await makeTempDir('bench-local-tar');
  await settle();
  const s = await timed(() => bash('tar -xzf "$1" -C "$2"', [ctx.fixture.path, dir]));
  await discard(dir);
  return s;
}

/** `curl -sf URL -o /dev/null`: the pure transfer. */
async function sampleCurlNull(ctx: Ctx): Promise<number> {
  checkpoint();
  await settle();
  return timed(() => bash('curl -sf "$1" -o /dev/null', [ctx.archiveUrl]));
}

/** Runs `a` and `b` once per round, `a` first in even rounds and `b` first in odd ones. */
async function alternate(
  label: string,
  a: { name: string; run: () => Promise<number> },
  b: { name: string; run: () => Promise<number> },
): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let round = 0; round < RUNS; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    const parts: string[] = [];
    for (const which of order) {
      const spec = which === 'a' ? a : b;
      const s = await spec.run();
      out[which].push(s);
      parts.push(`${spec.name} ${s.toFixed(2)} s`);
    }
    progress(`${label} round ${round + 1}/${RUNS}: ${parts.join(', ')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The three sections.

async function coldInstall(
  ctx: Ctx,
): Promise<{ table: string; warmToolCache: string; extractSecs: number }> {
  progress(
    'cold install: warm-up (not counted: loads the archive into the page cache, JITs the client)',
  );
  const warm = await sampleInstall(ctx, true);
  await sampleCurlTar(ctx);
  const { a: install, b: curl } = await alternate(
    'cold install',
    { name: 'installGo', run: async () => (await sampleInstall(ctx)).secs },
    { name: 'curl|tar', run: () => sampleCurlTar(ctx) },
  );
  const local: number[] = [];
  for (let i = 0; i < RUNS; i++) local.push(await sampleLocalTar(ctx));
  progress(`cold install: local tar -xzf ${list(local)} s`);

  const base = median(curl);
  const r = median(install) / base;
  const perRound = paired(install, curl, (x, y) => x / y);
  const table = [
    markdownTable([
      {
        what: '`curl -sf URL \\| tar -xz -C DIR` (baseline)',
        median: secs(base),
        ratio: ratio(1),
        target: '—',
        verdict: 'baseline',
      },
      {
        what: '`installGo` (sha256 + `tar -xz` in one pass, verified, published)',
        median: secs(median(install)),
        ratio: ratio(r),
        target: `≤ ${TARGET_COLD.toFixed(2)}×`,
        verdict: verdict(r, TARGET_COLD),
      },
      {
        what: '`tar -xzf <local file> -C DIR` (extraction alone, context)',
        median: secs(median(local)),
        ratio: ratio(median(local) / base),
        target: '—',
        verdict: 'context',
      },
    ]),
    '',
    `Samples (s): installGo ${list(install)}; curl|tar ${list(curl)}; ` +
      `paired per-round ratios ${list(perRound)} (median ${ratio(median(perRound))}).`,
  ].join('\n');
  return { table, warmToolCache: warm.toolCache, extractSecs: median(local) };
}

async function throttledInstall(ctx: Ctx, extractSecs: number): Promise<string> {
  await ctx.server.setFaults({ throttleBytesPerSec: THROTTLE_BYTES_PER_SEC });
  let res;
  try {
    res = await alternate(
      'throttled',
      { name: 'installGo', run: async () => (await sampleInstall(ctx)).secs },
      { name: 'curl >/dev/null', run: () => sampleCurlNull(ctx) },
    );
  } finally {
    await ctx.server.setFaults({});
  }
  const { a: install, b: transfer } = res;
  const base = median(transfer);
  const r = median(install) / base;
  const perRound = paired(install, transfer, (x, y) => x / y);
  const ideal = ctx.fixture.size / THROTTLE_BYTES_PER_SEC;
  return [
    markdownTable([
      {
        what: '`curl -sf URL -o /dev/null` (pure transfer, baseline)',
        median: secs(base),
        ratio: ratio(1),
        target: '—',
        verdict: 'baseline',
      },
      {
        what: '`installGo` (cold, fresh tool cache)',
        median: secs(median(install)),
        ratio: ratio(r),
        target: `≤ ${TARGET_THROTTLED.toFixed(2)}×`,
        verdict: verdict(r, TARGET_THROTTLED),
      },
    ]),
    '',
    `Samples (s): installGo ${list(install)}; transfer ${list(transfer)}; ` +
      `paired per-round ratios ${list(perRound)} (median ${ratio(median(perRound))}). ` +
      `Size / rate = ${ideal.toFixed(2)} s.` +
      (r > TARGET_THROTTLED && extractSecs > base
        ? ` Extraction alone (\`tar -xzf\` of the local file, table 1) took ${extractSecs.toFixed(2)} s here, ` +
          'longer than the transfer: the install cannot end before tar does, so this figure is ' +
          'bound by the disk, not by the download.'
        : ''),
  ].join('\n');
}

function benchRuntime(toolCache: string, scratch: string): Runtime {
  return {
    publishes: true,
    log: benchLog,
    env: {},
    input: () => '',
    workspace: scratch,
    usesGoOnPath: false,
    host: { platform: 'linux', arch: 'x64' },
    settingName: (input: string) => input,
    toolCache,
    slugDir: (name) => path.join(scratch, name),
    setOutput: () => undefined,
    exportVariable: () => undefined,
    addPath: () => undefined,
    saveState: () => undefined,
    mask: () => undefined,
    addProblemMatcher: () => undefined,
  };
}

async function toolCacheHit(ctx: Ctx, warmToolCache: string): Promise<string> {
  const scratch = await makeTempDir('bench-scratch');
  const rt = benchRuntime(warmToolCache, scratch);
  const spec = parseVersionSpec(MINOR, 'user', 'go-version');
  const hits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let origin = '';
    const s = await timed(async () => {
      const tc = await setupGo(rt, {
        spec,
        checkLatest: false,
        download: { url: ctx.server.url },
        source: { kind: 'dl' },
        goArch: GO_ARCH,
      });
      origin = tc.origin;
    });
    if (origin !== 'tool-cache')
      throw new Error(`setupGo did not hit the tool cache (origin ${origin})`);
    hits.push(s);
  }
  progress(`tool-cache hit: setupGo ${hits.map((s) => `${(s * 1000).toFixed(2)} ms`).join(', ')}`);

  const rows: Row[] = [
    {
      what: '`setupGo`, version already in the tool cache (in-process)',
      median: `${secs(median(hits), 4)} (${(median(hits) * 1000).toFixed(2)} ms)`,
      ratio: `${((median(hits) / TARGET_HIT_SECS) * 100).toFixed(2)}% of budget`,
      target: `≤ ${TARGET_HIT_SECS.toFixed(3)} s`,
      verdict: verdict(median(hits), TARGET_HIT_SECS),
    },
  ];
  const e2e = await endToEnd(ctx, warmToolCache);
  rows.push(
    {
      what: '"Install Go" log group of the bundled action (0.1 s resolution, context)',
      median: secs(median(e2e.group), 1),
      ratio: '—',
      target: '—',
      verdict: 'context',
    },
    {
      what: 'Bundled action end-to-end, warm tool cache + GOCACHE, `tiny` app (context)',
      median: secs(median(e2e.wall)),
      ratio: '—',
      target: '—',
      verdict: 'context',
    },
  );
  return [
    markdownTable(rows),
    '',
    `Samples: setupGo ${hits.map((s) => (s * 1000).toFixed(2)).join(', ')} ms; ` +
      `action wall ${list(e2e.wall)} s; "Install Go" group ${e2e.group.map((s) => s.toFixed(1)).join(', ')} s.` +
      (e2e.note ? ` End-to-end not measured: ${e2e.note}.` : ''),
  ].join('\n');
}

/** `runAction` on __tests__/fixtures/apps/tiny with the tool cache that already holds 1.22. */
async function endToEnd(
  ctx: Ctx,
  toolCache: string,
): Promise<{ wall: number[]; group: number[]; note?: string }> {
  const wall: number[] = [];
  const group: number[] = [];
  const app = path.join(repoRoot(), '__tests__', 'fixtures', 'apps', 'tiny');
  const gocache = await makeTempDir('bench-gocache');
  let failures = 0;
  // One uncounted run first: it compiles the standard library into the shared GOCACHE.
  for (let i = -1; i < RUNS; i++) {
    checkpoint();
    if (!(await waitForBundles(['main'], checkpoint, progress))) {
      return { wall: [NaN], group: [NaN], note: 'dist/main/index.js is missing (npm run bundle)' };
    }
    const workspace = await makeTempDir('bench-ws-tiny');
    cpSync(app, workspace, { recursive: true });
    const home = await makeTempDir('bench-home');
    let res: RunResult | undefined;
    let why = '';
    try {
      res = await runAction({
        entry: 'main',
        workspace,
        toolCache,
        inputs: {
          'go-version': MINOR,
          'go-download-base-url': ctx.server.url,
          cache: 'false',
          upload: 'false',
        },
        env: { HOME: home, GOCACHE: gocache, GOPROXY: 'off' },
      });
      if (res.code !== 0) why = `exit ${res.code}:\n${res.stdout}${res.stderr}`;
    } catch (err) {
      why = err instanceof Error ? err.message : String(err);
    }
    await Promise.all(
      [res?.dirs.run, workspace, home].filter((d) => d !== undefined).map(removeTempDir),
    );
    if (why || !res) {
      progress(`end-to-end: the action failed (${why})`);
      // The bundle may have been replaced mid-run: try this run again, a few times at most.
      if (++failures >= 3) {
        return {
          wall: [NaN],
          group: [NaN],
          note: `the bundled action failed: ${why.split('\n')[0]}`,
        };
      }
      i--;
      continue;
    }
    if (!res.stdout.includes(`Found Go ${ctx.fixture.semver} in the tool cache`)) {
      progress('end-to-end: warning: the action did not report a tool-cache hit');
    }
    const m = /^Install Go: (\d+(?:\.\d+)?) s$/m.exec(res.stdout);
    const s = res.durationMs / 1000;
    progress(
      `end-to-end ${i < 0 ? 'warm-up' : `run ${i + 1}/${RUNS}`}: ${s.toFixed(2)} s (Install Go group ${m?.[1] ?? '?'} s)`,
    );
    if (i < 0) continue;
    wall.push(s);
    group.push(m ? Number(m[1]) : NaN);
  }
  return { wall, group };
}

// ---------------------------------------------------------------------------------------------

async function machineInfo(fixture: GoFixture): Promise<string> {
  return [
    machineLine(loadAverage()),
    `- Node ${process.version}; ${await firstLine('curl', ['--version'])}; ${await firstLine('tar', ['--version'])}`,
    `- Temp dirs in ${os.tmpdir()} (${(await firstLine('findmnt', ['-no', 'SOURCE,FSTYPE', '--target', os.tmpdir()])).replace(/\s+/g, ' ')})`,
    `- Archive: ${fixture.filename}, ${mib(fixture.size)} (${fixture.size} bytes), ` +
      `sha256 ${fixture.sha256.slice(0, 12)}…, served by a loopback release server in its own process`,
    `- Median of ${RUNS} runs (BENCH_RUNS) after one uncounted warm-up; the two sides of each ratio ` +
      'alternate order every round; each sample extracts into a fresh dir, after a `sync`; ' +
      (rmEach
        ? 'each dir is removed right after its sample (BENCH_RM_EACH)'
        : 'the dirs are removed at the end (set BENCH_RM_EACH=1 to remove each at once: on ' +
          'journal-less ext4 that makes the next extraction 5-10x slower)'),
  ].join('\n');
}

/** The install benchmark's markdown (its own release server, in a child process). */
async function installBench(): Promise<string> {
  const started = performance.now();
  const fixture = await goFixture(MINOR);
  progress(`archive ${fixture.filename} (${mib(fixture.size)}); ${RUNS} runs per figure`);
  const server = await startServerProcess(MINOR);
  try {
    const ctx: Ctx = {
      server,
      fixture,
      archiveUrl: `${server.url}/${fixture.filename}`,
      file: {
        filename: fixture.filename,
        os: 'linux',
        arch: GO_ARCH,
        version: fixture.version,
        sha256: fixture.sha256,
        size: fixture.size,
        kind: 'archive',
      },
    };
    await checkDiskSpace();
    const info = await machineInfo(fixture);
    const cold = await coldInstall(ctx);
    const throttled = await throttledInstall(ctx, cold.extractSecs);
    const hit = await toolCacheHit(ctx, cold.warmToolCache);
    const total = (performance.now() - started) / 1000;
    return [
      '## go-paas-build install benchmark',
      '',
      info,
      '',
      '### 1. Cold install, unthrottled loopback',
      '',
      cold.table,
      '',
      `### 2. Cold install, throttled to ${THROTTLE_BYTES_PER_SEC / 1e6} MB/s`,
      '',
      throttled,
      '',
      '### 3. Tool-cache hit',
      '',
      hit,
      '',
      `Benchmark wall time: ${total.toFixed(0)} s.`,
      '',
    ].join('\n');
  } finally {
    await server.close();
  }
}

const BENCHES = {
  install: () => installBench(),
  cache: () => cacheBench({ checkpoint, verbose: VERBOSE }),
  warm: () => warmBench({ checkpoint, verbose: VERBOSE }),
} as const;
type BenchName = keyof typeof BENCHES;

/** `BENCH_ONLY=install|cache|warm` runs one of the benchmarks; all of them when unset. */
function benchOnly(): BenchName | undefined {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw === '') return undefined;
  if (Object.hasOwn(BENCHES, raw)) return raw as BenchName;
  throw new Error(`BENCH_ONLY must be ${Object.keys(BENCHES).join(', ')}, not ${raw}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const only = benchOnly();
  stopOnSignals(progress);
  try {
    const names = only ? [only] : (Object.keys(BENCHES) as BenchName[]);
    for (const [i, name] of names.entries()) {
      if (i > 0) {
        // The previous benchmark's dirs are not needed by the next one.
        progress(`removing the ${names[i - 1]} sample dirs`);
        await cleanupTempDirs();
        process.stdout.write('\n');
      }
      process.stdout.write(await BENCHES[name]());
    }
  } finally {
    progress('removing the sample dirs');
    await cleanupTempDirs();
    progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((err: unknown) => {
  // A Ctrl-C in a terminal also kills the server, curl and tar: whatever failed then, it was that.
  if (err instanceof Interrupted || isInterrupted()) {
    progress('interrupted');
    process.exitCode = 130;
    return;
  }
  process.stderr.write(
    `[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exitCode = 1;
});
