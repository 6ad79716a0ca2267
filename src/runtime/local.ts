import os from 'node:os';
import path from 'node:path';
import type { Logger, Runtime } from './ports.js';

export const localLogger: Logger = {
  info: (m) => console.log(m),
  debug: (m) => {
    if (process.env.RUNNER_DEBUG === '1' || process.env.GO_PAAS_BUILD_DEBUG)
      console.log(`debug: ${m}`);
  },
  notice: (m) => console.log(`notice: ${m}`),
  warning: (m) => console.error(`warning: ${m}`),
  error: (m) => console.error(`error: ${m}`),
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

/** A workstation: flags or env vars as inputs, console logs, outputs printed at the end. */
export function localRuntime(opts: LocalOptions): Runtime & { outputs: Record<string, string> } {
  const root = localCacheRoot(process.env);
  // The Go caches live beside the tool cache and persist: an explicit GOCACHE/GOMODCACHE wins.
  process.env.GOCACHE ||= path.join(root, 'go-build');
  process.env.GOMODCACHE ||= path.join(root, 'mod');
  const outputs: Record<string, string> = {};
  return {
    kind: 'local',
    log: localLogger,
    env: process.env,
    input: (name) => (opts.flags[name] ?? '').trim(),
    workspace: opts.workspace,
    toolCache: path.join(root, 'tool-cache'),
    slugDir: (_name, appDir) => opts.output ?? path.join(appDir, 'slug'),
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
    addProblemMatcher: () => undefined,
    writeSummary: async () => undefined,
    outputs,
  };
}
