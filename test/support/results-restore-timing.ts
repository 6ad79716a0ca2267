// Times the warm restore of the build cache, two builds of the action side by side against the
// same entry of the loopback cache service, and `zstd -d | tar -x` of the same archive as the
// floor: the bundled main step's `Restore caches` phase and its `Restored the build cache …
// (size, s)` line, each on an emptied HOME, the two bundles alternating within each round.
//
//   node --import ./scripts/ts-loader.mjs test/support/results-restore-timing.ts OLD_DIST [NEW_DIST] [RUNS] [PACKAGES]
//
// OLD_DIST: a bundle dir such as a copy of an earlier commit's dist/; NEW_DIST defaults to dist/.
// The app is the generated module of test/support/big-module.ts (PACKAGES, default 240), built
// cold once to make the build cache; Go 1.24 comes from the loopback release server.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cleanupTempDirs,
  makeTempDir,
  repoRoot,
  runAction,
  type RunResult,
} from './action-harness.js';
import { writeBigModule } from './big-module.js';
import { goFixture } from './fixtures.js';
import { startReleaseServer } from './release-server.js';
import { resultsEnv, startResultsServer } from './results-server.js';

const [oldDist, newDist = path.join(repoRoot(), 'dist'), runsArg = '5', pkgArg = '240'] =
  process.argv.slice(2);
if (!oldDist) {
  console.error('usage: results-restore-timing.ts OLD_DIST [NEW_DIST] [RUNS] [PACKAGES]');
  process.exit(2);
}
const runs = Number(runsArg);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const releases = await startReleaseServer({ fixtures: [await goFixture('1.24')] });
const results = await startResultsServer();
try {
  const root = await makeTempDir('restore-timing-');
  const ws = path.join(root, 'ws');
  const home = path.join(root, 'home');
  const trash = path.join(root, 'trash');
  for (const d of [ws, trash]) mkdirSync(d, { recursive: true });
  await writeBigModule(ws, { packages: Number(pkgArg) });
  const toolCache = await makeTempDir('restore-timing-tc-');
  let run = 100;
  let emptied = 0;
  /** An emptied HOME (renamed away: an rm -rf of thousands of files would slow the next job). */
  const freshHome = () => {
    try {
      renameSync(home, path.join(trash, String((emptied += 1))));
    } catch {
      // first job
    }
    mkdirSync(home);
  };
  const main = async (dist: string, post = false): Promise<RunResult> => {
    freshHome();
    run += 1;
    const env = {
      HOME: home,
      GOPROXY: 'off',
      GOSUMDB: 'off',
      ...resultsEnv(results, { runId: `run${run}` }),
      GITHUB_RUN_ID: String(run),
      GITHUB_RUN_NUMBER: String(run),
    };
    const inputs = { 'go-download-base-url': releases.url, 'go-version': '1.24', upload: 'false' };
    const opts = { workspace: ws, toolCache, inputs, env, dist };
    const m = await runAction({ ...opts, entry: 'main' });
    if (m.code !== 0) throw new Error(`main failed:\n${m.stdout}\n${m.stderr}`);
    if (post) await runAction({ ...opts, entry: 'post', state: m.state });
    return m;
  };

  console.error('cold job (builds and saves the build cache)…');
  await main(newDist, true);
  const entry = results.cacheEntries().find((e) => e.key.startsWith('go-paas-build-build-'))!;
  const archive = path.join(root, 'cache.tzst');
  writeFileSync(archive, (await results.cacheBlob(entry.key))!);

  const phase = (r: RunResult) => Number(/^Restore caches: ([\d.]+) s$/m.exec(r.stdout)![1]);
  const restoreLine = (r: RunResult) => {
    const m = /^Restored the build cache from .* \(([\d.]+ \w+), ([\d.]+) s\)$/m.exec(r.stdout);
    if (!m) throw new Error(`no restore line:\n${r.stdout}`);
    return { size: m[1]!, secs: Number(m[2]) };
  };
  const sides = { old: oldDist, new: newDist };
  const out: Record<string, { phase: number[]; restore: number[]; main: number[] }> = {
    old: { phase: [], restore: [], main: [] },
    new: { phase: [], restore: [], main: [] },
  };
  const floor: number[] = [];
  let size = '';
  for (let round = 0; round < runs; round++) {
    const order = round % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const);
    for (const side of order) {
      const r = await main(sides[side]);
      const line = restoreLine(r);
      size = line.size;
      out[side]!.phase.push(phase(r));
      out[side]!.restore.push(line.secs);
      out[side]!.main.push(r.durationMs / 1000);
    }
    freshHome();
    const started = performance.now();
    execFileSync('sh', [
      '-c',
      `zstd -d --long=30 -c "$1" | tar -xf - -P -C "$2"`,
      'sh',
      archive,
      ws,
    ]);
    floor.push((performance.now() - started) / 1000);
    console.error(`round ${round + 1}/${runs} done`);
  }
  const f = (xs: number[]) => `${median(xs).toFixed(2)} s`;
  console.log(
    `Warm build-cache restore, ${size} archive (${entry.blobSize} B), median of ${runs}:`,
  );
  console.log(`| what | old | new |\n| --- | ---: | ---: |`);
  console.log(`| \`Restore caches\` phase | ${f(out.old!.phase)} | ${f(out.new!.phase)} |`);
  console.log(
    `| its "Restored the build cache" line | ${f(out.old!.restore)} | ${f(out.new!.restore)} |`,
  );
  console.log(`| whole main step | ${f(out.old!.main)} | ${f(out.new!.main)} |`);
  console.log(`\`zstd -d --long=30 | tar -x\` of the same archive: ${f(floor)}`);
  console.log(`raw: ${JSON.stringify({ ...out, floor })}`);
} finally {
  await Promise.all([releases.close(), results.close()]);
  await cleanupTempDirs();
}
