// What the benchmarks share: progress lines, settings from the environment, number formatting,
// the machine line of a report, waiting for the bundled action, and stopping on Ctrl-C.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cleanupTempDirs, repoRoot } from '../test/support/action-harness.js';
import { mib } from './stats.js';

const execFileP = promisify(execFile);

/** A progress printer: `[bench] <scope>: message` on stderr (stdout is for the tables). */
export function progressFor(scope?: string): (message: string) => void {
  const prefix = scope ? `[bench] ${scope}: ` : '[bench] ';
  return (message) => void process.stderr.write(`${prefix}${message}\n`);
}

/** The first of `names` that is set, as a positive integer; `fallback` when none is. */
export function positiveIntFromEnv(names: readonly string[], fallback: number): number {
  for (const name of names) {
    const raw = process.env[name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} must be a positive integer, not ${raw}`);
    return n;
  }
  return fallback;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
export const s1 = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} s` : 'n/a');
export const s2 = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)} s` : 'n/a');
/** `1.23, 4.56, n/a` */
export const list = (vs: readonly number[], digits = 2): string =>
  vs.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a')).join(', ');
/** `f` over two series, element by element (paired samples). */
export const paired = (
  a: readonly number[],
  b: readonly number[],
  f: (x: number, y: number) => number,
): number[] => a.map((x, i) => f(x, b[i]!));

/** Seconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/** The first line of `cmd args…`'s output (a version), or `cmd: not found`. */
export async function firstLine(cmd: string, args: string[]): Promise<string> {
  try {
    return (await execFileP(cmd, args)).stdout.split('\n')[0]!.trim();
  } catch {
    return `${cmd}: not found`;
  }
}

/** `1.02 0.87 0.65` */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** The report's machine line; `load` is the load average when the benchmark started. */
export function machineLine(load: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return (
    `- Machine: nproc ${os.availableParallelism()} (${cpu}), ${mib(os.totalmem())} RAM, ` +
    `${os.type()} ${os.release()}, load average at start ${load}`
  );
}

// ---------------------------------------------------------------------------------------------
// The bundled action.

export type BundleEntry = 'main' | 'post';

const bundlePath = (entry: BundleEntry): string => path.join(repoRoot(), 'dist', entry, 'index.js');

/** The bundles' mtimes, '' for a missing one: a change during a run means dist/ was re-bundled. */
export function bundleStamp(entries: readonly BundleEntry[] = ['main', 'post']): string {
  return entries
    .map((e) => {
      try {
        return String(statSync(bundlePath(e)).mtimeMs);
      } catch {
        return '';
      }
    })
    .join(' ');
}

/**
 * Waits (up to 2 minutes) until the bundles exist and have not changed for 2 s: other work in
 * this checkout may be re-bundling the action while a benchmark runs. False when they never
 * settled.
 */
export async function waitForBundles(
  entries: readonly BundleEntry[],
  checkpoint: () => void,
  progress: (message: string) => void,
): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  let said = false;
  for (;;) {
    const ages = entries.map((e) => {
      try {
        return Date.now() - statSync(bundlePath(e)).mtimeMs;
      } catch {
        return -1; // missing: being rebuilt, or never bundled
      }
    });
    if (ages.every((a) => a > 2000)) return true;
    checkpoint();
    if (Date.now() > deadline) return false;
    if (!said)
      progress(`waiting for ${entries.map((e) => `dist/${e}`).join(' and ')} (being re-bundled?)`);
    said = true;
    await sleep(1000);
  }
}

// ---------------------------------------------------------------------------------------------
// Ctrl-C: the run stops at the next checkpoint and cleans up.

let interrupted = false;
export class Interrupted extends Error {}

export function isInterrupted(): boolean {
  return interrupted;
}

/** Throws Interrupted once SIGINT/SIGTERM has arrived: called between samples and jobs. */
export function checkpoint(): void {
  if (interrupted) throw new Interrupted('interrupted');
}

/** The first SIGINT/SIGTERM stops the run at the next checkpoint; a second one exits at once. */
export function stopOnSignals(progress: (message: string) => void): void {
  const onSignal = (): void => {
    if (interrupted) {
      progress('interrupted twice: exiting now, temp dirs may be left behind');
      process.exit(130);
    }
    interrupted = true;
    progress('interrupted: stopping after the current sample, then cleaning up');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Runs `bench` and prints its markdown when the module at `moduleUrl` is the script node started
 * (`node --import ./scripts/ts-loader.mjs bench/<name>.ts` runs one benchmark alone).
 */
export function runWhenMain(moduleUrl: string, scope: string, bench: () => Promise<string>): void {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  bench()
    .then((md) => process.stdout.write(md))
    .catch((err: unknown) => {
      process.stderr.write(
        `[bench] ${scope}: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    })
    .finally(() => cleanupTempDirs());
}
