// The Build and Slug phases of two CLI bundles, side by side on one machine (alone:
// `node --import ./scripts/ts-loader.mjs bench/build-slug.ts BEFORE/cli/index.js [AFTER/cli/index.js]`,
// AFTER defaulting to this checkout's dist/cli/index.js; an older commit's bundle comes from
// `git archive REV dist/cli | tar -x -C DIR`).
//
// The app is a generated module of BENCH_PACKAGES (default 150) packages. Each side has its own
// copy of it, its own HOME (GOPATH, GOBIN) and its own persistent Go caches (the CLI keeps them
// under XDG_CACHE_HOME), warmed by one untimed build; both use the Go 1.24 fixture on PATH. Then,
// for BENCH_ROUNDS rounds (default 7), the two sides take turns (the order alternates) on each of
// BENCH_CASES (default all three, comma-separated):
//   unchanged  nothing changed since the last build: the Build phase is the action's own overhead
//              around a `go install` that has nothing to compile
//   bodies     one function body changed in 3 core packages (they and their importers recompile,
//              as in bench/warm.ts)
//   tools      unchanged, with install-tools-in-image: the Slug phase also copies GOROOT
// A phase's time is measured from outside, between the arrival of its `== Build` line and of its
// `== Build: N s` line (the CLI prints 0.1 s; this keeps milliseconds). Every run writes a new
// slug directory, as on a fresh runner. "Paired" is the median of the rounds' differences (after
// minus before), which a machine whose load drifts during the run disturbs less than a difference
// of medians. Progress goes to stderr, the table to stdout.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir, repoRoot } from '../test/support/action-harness.js';
import { packageDir, writeBigModule } from '../test/support/big-module.js';
import { extractedGoroot } from '../test/support/fixtures.js';
import {
  list,
  paired,
  loadAverage,
  machineLine,
  positiveIntFromEnv,
  progressFor,
  runWhenMain,
} from './common.js';
import { markdownGrid, median } from './stats.js';

const progress = progressFor('build-slug');
const ALL_CASES = ['unchanged', 'bodies', 'tools'];
const PHASES = ['Build', 'Slug'] as const;

interface Side {
  label: string;
  cli: string;
  app: string;
  root: string;
  runs: number;
}

interface Run {
  /** Seconds, by phase. */
  phases: Record<string, number>;
  /** The go commands the run logged (`list`, `install`, …). */
  goCommands: string[];
}

/** `acc := x*N + Tuning` opens the body of `step0` in every generated package (big-module.ts). */
const STEP0_BODY = /^(\tacc := x\*\d+ \+ Tuning)(?: \+ \d+)?$/m;

function editBodies(app: string, variant: number): void {
  for (const index of [12, 13, 14]) {
    const file = path.join(app, packageDir(index), 'pkg.go');
    writeFileSync(file, readFileSync(file, 'utf8').replace(STEP0_BODY, `$1 + ${variant}`));
  }
}

/** One CLI run; phase times from the arrival of its group lines. */
function runCli(side: Side, goroot: string, extra: string[]): Promise<Run> {
  const out = path.join(side.root, `slug-${++side.runs}`);
  const env = {
    PATH: `${path.join(goroot, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: path.join(side.root, 'home'),
    XDG_CACHE_HOME: path.join(side.root, 'cache'),
    GOPROXY: 'off',
    GOFLAGS: '',
  };
  const args = [side.cli, side.app, '--output', out, '--go-version', '1.24', '--sbom', 'false'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, ...extra], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started: Record<string, number> = {};
    const run: Run = { phases: {}, goCommands: [] };
    let rest = '';
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const now = performance.now();
      log += text;
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const group = /^== (\w[\w ]*?)(: \d+\.\d s)?$/.exec(line);
        if (group?.[2]) run.phases[group[1]!] = (now - started[group[1]!]!) / 1000;
        else if (group) started[group[1]!] = now;
        const go = /^Running: \S+\/bin\/go (\w+)/.exec(line);
        if (go) run.goCommands.push(go[1]!);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (log += text));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(run);
      else reject(new Error(`${side.label}: the CLI exited ${code}:\n${log.slice(-3000)}`));
    });
  });
}

async function newSide(label: string, cli: string, template: string): Promise<Side> {
  const root = await makeTempDir(`bench-build-slug-${label}-`);
  const app = path.join(root, 'app');
  cpSync(template, app, { recursive: true });
  mkdirSync(path.join(root, 'home'));
  return { label, cli: path.resolve(cli), app, root, runs: 0 };
}

/** Runs the benchmark and returns its markdown. */
export async function buildSlugBench(before: string, after: string): Promise<string> {
  const rounds = positiveIntFromEnv(['BENCH_ROUNDS'], 7);
  const packages = positiveIntFromEnv(['BENCH_PACKAGES'], 150);
  const cases = (process.env.BENCH_CASES ?? ALL_CASES.join(',')).split(',').filter(Boolean);
  const unknown = cases.filter((c) => !ALL_CASES.includes(c));
  if (unknown.length) throw new Error(`BENCH_CASES: unknown ${unknown.join(', ')}`);
  const load = loadAverage();
  const goroot = await extractedGoroot('1.24');
  const template = await makeTempDir('bench-build-slug-module-');
  await writeBigModule(template, { packages });
  const sides = [
    await newSide('before', before, template),
    await newSide('after', after, template),
  ];
  for (const side of sides) {
    progress(`${side.label}: a cold build to warm its caches`);
    await runCli(side, goroot, []);
  }
  const samples = new Map<string, Run[]>();
  for (let round = 0; round < rounds; round++) {
    for (const c of cases) {
      if (c === 'bodies') for (const side of sides) editBodies(side.app, round + 1);
      const order = (round + cases.indexOf(c)) % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const run = await runCli(
          side,
          goroot,
          c === 'tools' ? ['--install-tools-in-image', 'true'] : [],
        );
        const key = `${c} ${side.label}`;
        samples.set(key, [...(samples.get(key) ?? []), run]);
        progress(
          `round ${round + 1}/${rounds} ${c} ${side.label}: Build ${run.phases.Build?.toFixed(3)} s, Slug ${run.phases.Slug?.toFixed(3)} s, go ${run.goCommands.join(' ')}`,
        );
      }
    }
  }
  const rows: string[][] = [];
  for (const c of cases) {
    for (const phase of PHASES) {
      const of = (label: string) =>
        (samples.get(`${c} ${label}`) ?? []).map((r) => r.phases[phase]!);
      const [b, a] = [of('before'), of('after')];
      const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
      rows.push([
        `${c}: ${phase}`,
        median(b).toFixed(3),
        median(a).toFixed(3),
        signed(median(a) - median(b)),
        signed(median(paired(a, b, (x, y) => x - y))),
        `${list(b, 3)} / ${list(a, 3)}`,
      ]);
    }
  }
  const goLine = (label: string) =>
    samples.get(`${cases[0]} ${label}`)?.[0]?.goCommands.join(', ') ?? '';
  return [
    `## Build and Slug phases: ${path.relative(repoRoot(), before) || before} → ${path.relative(repoRoot(), after) || after}`,
    '',
    machineLine(load),
    `- ${packages} packages, ${rounds} rounds, medians in seconds; go commands of a build: before ${goLine('before')}; after ${goLine('after')}`,
    '',
    markdownGrid(
      ['Case: phase', 'Before', 'After', 'Change', 'Paired', 'Samples (before / after)'],
      rows,
    ),
    '',
  ].join('\n');
}

runWhenMain(import.meta.url, 'build-slug', () => {
  const [before, after = path.join(repoRoot(), 'dist', 'cli', 'index.js')] = process.argv.slice(2);
  if (!before)
    throw new Error('usage: bench/build-slug.ts BEFORE/cli/index.js [AFTER/cli/index.js]');
  return buildSlugBench(before, after);
});
