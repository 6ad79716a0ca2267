import { errorMessage } from '../errors.js';
import type { CacheStore, Logger } from '../runtime/ports.js';
import { formatSize, removeTree } from '../fs-tree.js';
import {
  BACKDATE_MS,
  dateBack,
  dirBytes,
  entryFiles,
  partitionEntries,
  trimEntries,
  type EntryFile,
} from './gocache.js';
import { entryName, readBaseNames, stageLayer } from './layers.js';
import { decideBuildSave, writeMarker } from './save-rule.js';
import type { CacheState } from './state.js';

/** Upload time allowed: a base plus a floor rate far below any runner's. */
function saveDeadlineMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / 2_000_000) * 1000;
}

/**
 * Saves one cache; a key already taken (a re-run, a parallel matrix cell) is the store's notice.
 * Returns false when the service failed (the caller stops trying).
 */
async function saveOne(
  store: CacheStore,
  log: Logger,
  what: string,
  dir: string,
  key: string,
  bytes: number,
  detail: string,
): Promise<boolean> {
  const r = await store.save([dir], key, saveDeadlineMs(bytes));
  if (r.fault) return false;
  if (r.value.saved)
    log.info(`Saved the ${what} as ${key}: ${detail} (${(r.ms / 1000).toFixed(1)} s)`);
  return true;
}

/**
 * Saves `files` (GOCACHE entries) as the layer `key`, from the layer dir beside GOCACHE, which is
 * removed after; the copies are dated back, as a base's entries are (the restore need not).
 */
async function saveLayer(
  store: CacheStore,
  log: Logger,
  gocache: string,
  key: string,
  files: readonly EntryFile[],
  why: string,
): Promise<void> {
  const bytes = files.reduce((n, f) => n + f.size, 0);
  let dir: string | undefined;
  try {
    dir = await stageLayer(gocache, files, new Date(Date.now() - BACKDATE_MS));
    await saveOne(store, log, 'build cache layer', dir, key, bytes, why);
  } catch (err) {
    log.warning(`The build cache layer was not saved: ${errorMessage(err)}`);
  } finally {
    if (dir) removeTree(dir);
  }
}

/** The post step: saves what the main step restored or built, by the rules of SPEC §4. */
export async function saveCaches(
  store: CacheStore,
  log: Logger,
  state: CacheState,
  buildOk: boolean,
): Promise<void> {
  if (state.mode === 'read-only') {
    log.info('cache: read-only: nothing is saved');
    return;
  }
  if (state.fault) {
    log.info('Caches are not saved: the cache service failed in the main step');
    return;
  }

  if (state.mod) {
    const mod = state.mod;
    if (mod.exactHit) {
      log.info('Module cache: restored with its exact key, nothing new to save');
    } else if (!buildOk) {
      log.info(
        'Module cache: not saved, the build did not succeed (the downloads may be incomplete)',
      );
    } else {
      const bytes = await dirBytes(mod.path);
      if (bytes === 0) {
        log.info('Module cache: empty (no module was downloaded), nothing to save');
      } else if (
        !(await saveOne(store, log, 'module cache', mod.path, mod.key, bytes, formatSize(bytes)))
      ) {
        return;
      }
    }
  }

  if (state.build) {
    const b = state.build;
    const files = await entryFiles(b.path);
    const { keep, drop } = partitionEntries(files, b.mark);
    const sum = (list: readonly EntryFile[]) => list.reduce((n, f) => n + f.size, 0);
    // The entries the build used that its base lacks: the layer, when the base is known.
    const baseNames = b.layer ? await readBaseNames(b.layer.baseNames) : undefined;
    const layer = baseNames
      ? keep.filter((f) => !baseNames.has(entryName(b.path, f.path)))
      : undefined;
    const decision = decideBuildSave({
      restored: b.restoredKey !== undefined,
      entriesBefore: b.entries,
      // A state from before bytes were recorded: every byte counts as new, so it saves.
      bytesBefore: b.bytes ?? 0,
      entriesNow: files.length,
      bytesNow: sum(files),
      usedBytes: sum(keep),
      savedRunsAgo: b.savedRunsAgo,
      savedHoursAgo: b.savedHoursAgo,
      layer: layer ? { entries: layer.length, bytes: sum(layer) } : undefined,
    });
    if (!decision.save) {
      log.info(`Build cache: ${decision.why}`);
      return;
    }
    if (decision.layer && layer && b.layer) {
      await saveLayer(store, log, b.path, b.layer.key, layer, decision.why);
      return;
    }
    const t = await trimEntries(drop);
    const added = files.length - b.entries;
    const detail =
      `${keep.length} entry files (${formatSize(sum(keep))}) used or written by this job, ` +
      `${added} of them new; ${t.removed} unused (${formatSize(t.removedBytes)}) trimmed; ${decision.why}`;
    // Dated back now, so that the job restoring them need not (backdateEntries).
    await dateBack(keep, Date.now());
    await writeMarker(b.path, {
      workflow: b.workflow ?? '',
      runNumber: b.runNumber ?? 0,
      savedAt: Date.now(),
    });
    await saveOne(store, log, 'build cache', b.path, b.key, sum(keep), detail);
  }
}
