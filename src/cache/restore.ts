import fs from 'node:fs';
import path from 'node:path';
import type { GoEnv } from '../compile/go-env.js';
import type { BuildInputs, Method } from '../compile/job.js';
import type { CacheMode } from '../words.js';
import { goCacheDirs, type CacheDirs } from './dirs.js';
import type { CacheEntryRef, Runtime } from '../runtime/ports.js';
import { quote, show } from '../trust/log-text.js';
import type { DependencyFiles } from './dependency-files.js';
import { LOOKUP_DEADLINE_MS, STATE_NAME, type CacheState } from './state.js';
import { formatSize } from '../fs-tree.js';
import { backdateEntries, makeDirsWritable, nonEmptyDir } from './gocache.js';
import { markerAge, parseMarker, readMarker, workflowId } from './save-rule.js';
import { baseNamesFile, layerDir, writeBaseNames } from './layers.js';
import {
  buildCacheKey,
  layerCacheKey,
  flavorHash,
  hashFiles,
  modCacheKey,
  type BuildFlavor,
  type HostId,
  type Keyed,
} from './keys.js';

/** The settings the cache stage reads (the plan hands over its inputs; only these are read). */
export interface CacheInputs extends Pick<
  BuildInputs,
  'appDir' | 'platform' | 'host' | 'buildTags' | 'buildFlags' | 'troubleshoot'
> {
  cache: CacheMode;
  cacheKeySuffix?: string;
  /** The architecture of the Go installed (GOARCH when no goarch is given). */
  architecture: string;
}

/** The cache stage's part of the plan: its settings, the build method, the files that key it. */
export interface CachePlan {
  settings: CacheInputs;
  method: Method;
  /** What keys the module cache, when caches will be restored. */
  depFiles?: DependencyFiles;
}

/** A restore that has found its entry: download and unpack, bounded generously. */
const RESTORE_DEADLINE_MS = 10 * 60_000;

export interface RestoreResult {
  modHit: boolean;
  buildHit: boolean;
  /** Why nothing was restored, for the summary. */
  note?: string;
}

/** Env variables that change what the compiler produces, beyond the inputs. */
const FLAVOR_ENV = [
  'GOFLAGS',
  'CGO_ENABLED',
  'CGO_CFLAGS',
  'CGO_CPPFLAGS',
  'CGO_CXXFLAGS',
  'CGO_LDFLAGS',
  'CC',
  'CXX',
  'GOAMD64',
  'GOARM',
  'GOARM64',
  'GO386',
  'GOEXPERIMENT',
  'GODEBUG',
];

/** The cache keys' machine: Node's names, as the runner's (`linux`, `x64`). */
export function hostId(host: Runtime['host']): HostId {
  return { os: host.platform, arch: host.arch };
}

export function buildFlavor(inputs: CacheInputs, genv: GoEnv, method: Method): BuildFlavor {
  const env: Record<string, string> = {};
  for (const name of FLAVOR_ENV) {
    const v = genv.env[name];
    if (v) env[name] = v;
  }
  return {
    platform: `${inputs.platform}/${method}`,
    goos: genv.env.GOOS ?? inputs.host.goos,
    goarch: genv.env.GOARCH ?? inputs.architecture,
    tags: inputs.buildTags,
    buildFlags: inputs.buildFlags,
    troubleshoot: inputs.troubleshoot,
    env,
  };
}

function describeMatch(k: Keyed, matched: string): string {
  return matched === k.key ? `exact key ${show(matched)}` : `restore key match ${show(matched)}`;
}

/**
 * Restores the module cache and the build cache before the first go command that could write
 * them. Never fails the job: a service fault is one warning and the build goes on cold.
 */
export async function restoreCaches(
  rt: Runtime,
  plan: CachePlan,
  goVersion: string,
  genv: GoEnv,
  /** The cache dirs, when already known (predicted while Go downloads); else asked of go. */
  known?: CacheDirs,
): Promise<RestoreResult> {
  const { settings: inputs, method, depFiles: deps } = plan;
  const log = rt.log;
  const none: RestoreResult = { modHit: false, buildHit: false };
  if (inputs.cache === 'false') {
    log.info('cache: false: the module and build caches are neither restored nor saved');
    return { ...none, note: 'cache: false' };
  }
  const store = rt.cacheStore;
  if (!store) {
    log.info('Go caches persist on this machine: nothing to restore');
    return { ...none, note: 'local caches' };
  }
  // Asking go for its cache dirs overlaps with loading the cache client.
  const [available, dirsOr] = await Promise.all([
    store.available(),
    known ??
      goCacheDirs(genv, inputs.appDir).catch((err: unknown) =>
        err instanceof Error ? err : new Error(String(err)),
      ),
  ]);
  if (!available.ok) {
    log.info(`Caches are not restored: ${available.reason}`);
    return { ...none, note: 'no cache service' };
  }
  if (dirsOr instanceof Error) {
    log.warning(`Caches are not restored: ${dirsOr.message}`);
    return { ...none, note: 'go env failed' };
  }
  const dirs = dirsOr;

  const host = hostId(rt.host);
  let mod: Keyed | undefined;
  if (fs.existsSync(path.join(inputs.appDir, 'vendor', 'modules.txt'))) {
    log.info('Module cache: not used (vendor/modules.txt: modules come from vendor/)');
  } else {
    if (deps?.unmatched)
      log.warning(
        `cache-dependency-path: no file matches ${quote(deps.unmatched)}; the module cache key uses the app's go.sum / go.mod instead`,
      );
    if (!deps) {
      log.info('Module cache: not used (the app has no go.mod: it does not use modules)');
    } else {
      mod = modCacheKey(host, hashFiles(deps.files), inputs.cacheKeySuffix);
      log.info(`Module cache key ${mod.key} (from ${deps.description})`);
    }
  }
  const run = {
    id: rt.env.GITHUB_RUN_ID || String(Date.now()),
    attempt: rt.env.GITHUB_RUN_ATTEMPT || '1',
  };
  const build = buildCacheKey(
    host,
    goVersion,
    flavorHash(buildFlavor(inputs, genv, method)),
    run,
    inputs.cacheKeySuffix,
  );
  log.info(`Build cache key ${build.key}`);

  // Both lookups at once, bounded: a sick service costs at most LOOKUP_DEADLINE_MS.
  const [modLook, buildLook] = await Promise.all([
    mod ? store.lookup([dirs.gomodcache], mod.key, mod.restoreKeys, LOOKUP_DEADLINE_MS) : undefined,
    store.lookup([dirs.gocache], build.key, build.restoreKeys, LOOKUP_DEADLINE_MS),
  ]);
  const lookupFault = modLook?.fault ?? buildLook.fault;
  /** A fault of the service in the main step: the post step does not try it again. */
  let fault = lookupFault;

  /** The key restored; undefined when none was, `false` when its archive was discarded. */
  const restoreOne = async (
    what: string,
    dir: string,
    k: Keyed,
    found?: CacheEntryRef,
    archivedFrom?: string,
  ) => {
    if (lookupFault || !found) return undefined;
    const r = await store.restore(dir, found, RESTORE_DEADLINE_MS, archivedFrom);
    if (r.value.rejected !== undefined) {
      // The archive, not the service: nothing of it is left, and the build goes on cold.
      log.warning(
        `The ${what} was not restored from ${show(found.key)}: ${r.value.rejected}; the archive was discarded and the build goes on without it`,
      );
      return false;
    }
    if (r.fault) {
      fault ??= r.fault;
      return undefined;
    }
    const size = r.value.archiveBytes !== undefined ? `${formatSize(r.value.archiveBytes)}, ` : '';
    log.info(
      `Restored the ${what} from ${describeMatch(k, found.key)} (${size}${(r.ms / 1000).toFixed(1)} s)`,
    );
    return found.key;
  };
  if (mod && modLook?.value && !lookupFault && (await nonEmptyDir(dirs.gomodcache))) {
    const n = await makeDirsWritable(dirs.gomodcache);
    log.info(
      `The module cache already holds files: restoring over them (${n} read-only dirs made writable)`,
    );
  }
  // The newest layer of the base found is looked up while the base downloads.
  const base = lookupFault ? undefined : buildLook.value;
  const layerKeys = base && rt.env.RUNNER_TEMP ? layerCacheKey(base.key, run) : undefined;
  const layerFrom = layerDir(dirs.gocache);
  const [modResult, buildResult, layerLook] = await Promise.all([
    mod ? restoreOne('module cache', dirs.gomodcache, mod, modLook?.value) : undefined,
    restoreOne('build cache', dirs.gocache, build, buildLook.value),
    layerKeys
      ? store.lookup([layerFrom], layerKeys.key, layerKeys.restoreKeys, LOOKUP_DEADLINE_MS)
      : undefined,
  ]);
  const modMatched = modResult || undefined;
  const buildMatched = buildResult || undefined;
  let layer: NonNullable<CacheState['build']>['layer'];
  if (buildMatched && layerKeys && rt.env.RUNNER_TEMP) {
    // The base's entries, before the layer adds its own: the post step's layer is what it lacks.
    const baseNames = baseNamesFile(rt.env.RUNNER_TEMP);
    const named = await writeBaseNames(baseNames, dirs.gocache).then(
      () => true,
      () => false,
    );
    if (named) layer = { baseNames, key: layerKeys.key };
    if (layerLook?.fault) fault ??= layerLook.fault;
    else if (named && layerLook?.value) {
      const got = await restoreOne(
        'build cache layer',
        dirs.gocache,
        layerKeys,
        layerLook.value,
        layerFrom,
      );
      if (got) layer!.restoredKey = got;
    }
  }
  if (lookupFault) log.info('Caches not restored: the build runs without them');
  else if (!fault) {
    if (mod && modResult === undefined)
      log.info('Module cache: no entry for this key or its prefix');
    if (buildResult === undefined)
      log.info('Build cache: no entry for this Go version and build flavor');
  }

  // From here on, Go dates every entry it uses; the post step keeps only those.
  const mark = Date.now();
  const [before, markerText] = await Promise.all([
    backdateEntries(dirs.gocache, mark),
    buildMatched ? readMarker(dirs.gocache) : undefined,
  ]);
  const workflow = workflowId(rt.env);
  const runNumber = /^\d{1,15}$/.test(rt.env.GITHUB_RUN_NUMBER ?? '')
    ? Number(rt.env.GITHUB_RUN_NUMBER)
    : undefined;
  const age = markerAge(parseMarker(markerText), { workflow, runNumber, time: mark });
  const state: CacheState = {
    mode: inputs.cache,
    fault,
    mod: mod
      ? { path: dirs.gomodcache, key: mod.key, exactHit: modMatched === mod.key }
      : undefined,
    build: {
      path: dirs.gocache,
      key: build.key,
      restoredKey: buildMatched,
      mark,
      entries: before.entries,
      bytes: before.bytes,
      ...age,
      workflow,
      runNumber,
      layer,
    },
  };
  rt.saveState(STATE_NAME, JSON.stringify(state));
  return {
    modHit: modMatched !== undefined && modMatched === mod?.key,
    buildHit: !!buildMatched,
    note: fault ? 'cache service failed' : inputs.cache === 'read-only' ? 'read-only' : undefined,
  };
}
