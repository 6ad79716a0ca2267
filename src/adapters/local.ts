import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { neutralise, quote, show } from '../trust/log-text.js';
import { isInside, resolveReal } from '../trust/paths.js';
import type { Logger, Runtime } from '../runtime/ports.js';

// The CLI may run inside a workflow step, whose output the runner parses too.
export const localLogger: Logger = {
  info: (m) => console.log(neutralise(m)),
  debug: (m) => {
    if (process.env.RUNNER_DEBUG === '1' || process.env.GO_PAAS_BUILD_DEBUG)
      console.log(neutralise(`debug: ${m}`));
  },
  notice: (m) => console.log(neutralise(`notice: ${m}`)),
  warning: (m) => console.error(neutralise(`warning: ${m}`)),
  async group(title, fn) {
    const started = Date.now();
    console.log(`== ${title}`);
    try {
      return await fn();
    } finally {
      console.log(`== ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  },
};

/** Persistent per-user dirs for the tool cache and Go caches: nothing to save or restore. */
export function localCacheRoot(env: Record<string, string | undefined>): string {
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'go-paas-build');
}

export interface LocalOptions {
  /** `--kebab-case` flags given on the command line. */
  flags: Record<string, string>;
  workspace: string;
  /** Where the slug goes (`--output`, default `<app>/slug`). */
  output?: string;
}

/**
 * The slug directory on a workstation (`--output`, default `<app>/slug`). It is replaced by each
 * run, so it must not hold the app, the current directory or the home directory, and a directory
 * that is already there must be empty or a slug (a Procfile and bin/).
 */
export function outputDir(output: string | undefined, appDir: string): string {
  const given = output ?? path.join(appDir, 'slug');
  const dir = resolveReal(path.resolve(given));
  const label = output === undefined ? 'the slug directory' : '--output';
  for (const keep of [appDir, process.cwd(), os.homedir()]) {
    const real = resolveReal(path.resolve(keep));
    if (isInside(dir, real, true)) {
      throw new UserError(
        `${label}: ${quote(given)} holds ${show(real)}, which writing the slug would delete; use a new or empty directory`,
      );
    }
  }
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return dir; // not there yet
  }
  const isSlug = fs.existsSync(path.join(dir, 'Procfile')) && fs.existsSync(path.join(dir, 'bin'));
  if (entries.length > 0 && !isSlug) {
    throw new UserError(
      `${label}: ${quote(given)} is a directory that is not a slug, and writing the slug would replace it; use a new or empty directory (--output)`,
    );
  }
  return dir;
}

/** A workstation: flags or env vars as inputs, console logs, outputs printed at the end. */
export function localRuntime(opts: LocalOptions): Runtime & { outputs: Record<string, string> } {
  const root = localCacheRoot(process.env);
  // The Go caches live beside the tool cache and persist: an explicit GOCACHE/GOMODCACHE wins.
  process.env.GOCACHE ||= path.join(root, 'go-build');
  process.env.GOMODCACHE ||= path.join(root, 'mod');
  const outputs: Record<string, string> = {};
  return {
    publishes: false,
    host: { platform: process.platform, arch: process.arch },
    log: localLogger,
    env: process.env,
    input: (name) => (opts.flags[name] ?? '').trim(),
    usesGoOnPath: true,
    settingName: (input) => `--${input}`,
    workspace: opts.workspace,
    toolCache: path.join(root, 'tool-cache'),
    slugDir: (_name, appDir) => outputDir(opts.output, appDir),
    setOutput: (n, v) => {
      outputs[n] = v;
    },
    exportVariable: (n, v) => {
      process.env[n] = v;
    },
    addPath: (d) => {
      process.env.PATH = `${d}${path.delimiter}${process.env.PATH ?? ''}`;
    },
    saveState: () => undefined,
    // Nothing prints secrets; a workstation has no log service to mask them in.
    mask: () => undefined,
    addProblemMatcher: () => undefined,
    writeSummary: async () => undefined,
    outputs,
  };
}
