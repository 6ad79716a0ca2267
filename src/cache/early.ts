import type { GoEnv } from '../compile/go-env.js';
import { holdOutput, type Held } from '../runtime/capture.js';
import type { Runtime } from '../runtime/ports.js';
import { show } from '../trust/log-text.js';
import { goCacheDirs, predictCacheDirs, type CacheDirs } from './dirs.js';
import { restoreCaches, type CachePlan, type RestoreResult } from './restore.js';

/**
 * The caches restored while Go downloads. The restore needs the Go version (the build cache's
 * key) and the cache dirs, which `go env` gives once Go is there; the dirs are worked out as go
 * works them out (dirs.ts), the restore starts with the download, its log is held back until its
 * own phase, and once Go is installed `go env` has the last word: if it names other dirs, the
 * caches are restored again, into those.
 */
export interface EarlyRestore {
  held: Held<RestoreResult>;
  dirs: CacheDirs;
  started: number;
  restoredAt?: number;
  installedAt?: number;
  /** Marks the end of the install. */
  installed(): void;
}

/** Starts the restore beside the download of Go `version`; `genv` is the env of that Go. */
export function startEarlyRestore(
  rt: Runtime,
  plan: CachePlan,
  version: string,
  genv: GoEnv,
): EarlyRestore | undefined {
  if (plan.settings.cache === 'false' || !rt.cacheStore) return undefined;
  const dirs = predictCacheDirs(genv.env, rt.host.platform);
  if (!dirs) return undefined;
  const started = performance.now();
  const held = holdOutput(() => restoreCaches(rt, plan, version, genv, dirs));
  const early: EarlyRestore = {
    held,
    dirs,
    started,
    installed() {
      early.installedAt ??= performance.now();
    },
  };
  // A failed install ends the step before this is awaited: no unhandled rejection then.
  held.result.then(
    () => (early.restoredAt = performance.now()),
    () => undefined,
  );
  return early;
}

/**
 * The Restore caches phase: the early restore's result when it restored into the dirs go uses,
 * else a restore now.
 */
export async function restoreStage(
  rt: Runtime,
  plan: CachePlan,
  version: string,
  genv: GoEnv,
  early: EarlyRestore | undefined,
): Promise<RestoreResult> {
  const done = early && (await finishEarlyRestore(rt, early, genv, plan.settings.appDir));
  return done ?? restoreCaches(rt, plan, version, genv);
}

/**
 * Waits for the early restore and prints its log. Undefined when go names other cache dirs (or
 * none): the caller restores the usual way.
 */
async function finishEarlyRestore(
  rt: Runtime,
  early: EarlyRestore,
  genv: GoEnv,
  appDir: string,
): Promise<RestoreResult | undefined> {
  const actual = await goCacheDirs(genv, appDir).catch(() => undefined);
  let result: RestoreResult | undefined;
  try {
    result = await early.held.result;
  } finally {
    early.held.release();
  }
  if (
    !actual ||
    actual.gocache !== early.dirs.gocache ||
    actual.gomodcache !== early.dirs.gomodcache
  ) {
    rt.log.info(
      `The caches were restored into ${show(early.dirs.gocache)} and ${show(early.dirs.gomodcache)}, but go uses ${actual ? `${show(actual.gocache)} and ${show(actual.gomodcache)}` : 'others'}: restoring them again`,
    );
    return undefined;
  }
  const end = early.restoredAt ?? performance.now();
  const installed = early.installedAt ?? end;
  const beside = Math.max(0, Math.min(end, installed) - early.started);
  rt.log.info(
    `Restored while Go was installed: ${(beside / 1000).toFixed(1)} s of the restore's ${((end - early.started) / 1000).toFixed(1)} s ran beside the download`,
  );
  return result;
}
