// Start-up of two bundles of the main step, side by side (alone:
// `node --import ./scripts/ts-loader.mjs bench/startup.ts BEFORE/main/index.js [AFTER/main/index.js]`,
// AFTER defaulting to this checkout's dist/main/index.js; an older commit's bundle comes from
// `git archive REV dist | tar -x -C DIR`).
//
// Each run is the main step as the runner starts it (a fresh process, `INPUT_*`, `GITHUB_*` and
// `RUNNER_*` variables, pre-created file-command files) up to its first decision: the app folder
// it is given does not exist, so it loads its bundle, reads every input and refuses that one, in
// one line, before anything else. That is the fixed cost every job pays before its first phase.
// BENCH_ROUNDS rounds (default 21), the two sides taking turns (the order alternates); medians.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, repoRoot } from '../test/support/action-harness.js';
import {
  loadAverage,
  machineLine,
  positiveIntFromEnv,
  progressFor,
  runWhenMain,
} from './common.js';
import { markdownGrid, median } from './stats.js';

const progress = progressFor('startup');

export async function startupBench(before: string, after: string): Promise<string> {
  const rounds = positiveIntFromEnv(['BENCH_ROUNDS'], 21);
  const load = loadAverage();
  const ws = await makeTempDir('bench-startup-ws-');
  const tmp = await makeTempDir('bench-startup-rt-');
  const files = ['output', 'env', 'path', 'state', 'summary'].map((f) => path.join(tmp, f));
  for (const f of files) writeFileSync(f, '');
  const env = {
    PATH: process.env.PATH,
    HOME: tmp,
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: tmp,
    RUNNER_TOOL_CACHE: tmp,
    GITHUB_OUTPUT: files[0],
    GITHUB_ENV: files[1],
    GITHUB_PATH: files[2],
    GITHUB_STATE: files[3],
    GITHUB_STEP_SUMMARY: files[4],
    'INPUT_WORKING-DIRECTORY': 'does-not-exist',
    'INPUT_GO-VERSION': '1.24',
  };
  const sides = { before, after };
  const ms: Record<keyof typeof sides, number[]> = { before: [], after: [] };
  for (let round = 0; round < rounds; round++) {
    const order: (keyof typeof sides)[] = round % 2 ? ['before', 'after'] : ['after', 'before'];
    for (const side of order) {
      const started = performance.now();
      const r = spawnSync(process.execPath, [sides[side]], { env, encoding: 'utf8' });
      ms[side].push(performance.now() - started);
      if (!/^::error::working-directory: /m.test(r.stdout)) {
        throw new Error(`${side} did not refuse the app folder first:\n${r.stdout}${r.stderr}`);
      }
    }
    progress(`round ${round + 1}/${rounds}`);
  }
  const b = median(ms.before);
  const a = median(ms.after);
  return [
    '## Start-up of the main step: two bundles',
    '',
    `- before: ${before}`,
    `- after: ${after}`,
    `- ${rounds} rounds, the sides alternating`,
    machineLine(load),
    '',
    markdownGrid(
      ['Bundle', 'median ms'],
      [
        ['before', b.toFixed(1)],
        ['after', a.toFixed(1)],
        ['after / before', (a / b).toFixed(3)],
      ],
    ),
    '',
  ].join('\n');
}

runWhenMain(import.meta.url, 'startup', () => {
  const [before, after = path.join(repoRoot(), 'dist', 'main', 'index.js')] = process.argv.slice(2);
  if (!before)
    throw new Error('usage: bench/startup.ts BEFORE/main/index.js [AFTER/main/index.js]');
  return startupBench(path.resolve(before), path.resolve(after));
});
