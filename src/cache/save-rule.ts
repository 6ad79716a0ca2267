import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { formatSize } from '../fs-tree.js';

/**
 * When a warm job saves the build cache (SPEC §4, docs/caches.md). Saving costs every job the
 * same: the whole trimmed cache is packed and uploaded again. Not saving costs the next jobs the
 * entries this one added: they build them again. So a job saves when what it added is a real
 * share of what its build used, and otherwise leaves the restored cache in place; the entries it
 * skipped are built again by the next job and count in that job's share, so skipped work adds up
 * to a save instead of piling up. A cache is never left unsaved for long: a save at least every
 * {@link SAVE_RULE}.maxRuns runs of the workflow, or every maxHours when the runs cannot be
 * compared (another workflow saved it, or a cache without the marker).
 *
 * Where the job knows which entries came with the restored base (layers.ts), a job that added
 * a real share ({@link SAVE_RULE}.layerShare, far below newShare: a layer is small) saves: a
 * layer of the entries the base lacks while they are under foldShare of what the build used
 * (cheap to pack, upload and restore), a new base once they reach it, or when the base is old by
 * the rule above. So every commit's work is kept, and the base is re-trimmed to one build now and
 * then.
 */
export const SAVE_RULE = {
  /** New entry bytes, as a share of the bytes the build used or wrote, that make a save. */
  newShare: 0.1,
  maxRuns: 10,
  maxHours: 24,
  /** With layers: the share of the build that the base lacks at which a new base is saved. */
  foldShare: 0.5,
  /** With layers: new entry bytes, as a share of what the build used, worth a layer's upload. */
  layerShare: 0.02,
} as const;

export interface BuildCacheFacts {
  /** A build cache was restored (any key). */
  restored: boolean;
  entriesBefore: number;
  bytesBefore: number;
  entriesNow: number;
  bytesNow: number;
  /** Bytes of the entries this job used or wrote: what a trim keeps. */
  usedBytes: number;
  /** Runs of this workflow since the restored cache was saved, when known. */
  savedRunsAgo?: number;
  /** Hours since the restored cache was saved, when known. */
  savedHoursAgo?: number;
  /**
   * The entries the build used that the restored base lacks (its layer), when the base's entries
   * are known; otherwise layers are not used.
   */
  layer?: { entries: number; bytes: number };
}

/** `layer`: save the layer (the entries the base lacks), not a new base. */
export type SaveDecision = { save: boolean; layer?: boolean; why: string };

/**
 * A share as a percentage, rounded down (whole from 10 %, one decimal under it), so that a share
 * under the threshold never reads as the threshold: 9.96 % is "9.9%", not "10%".
 */
export const pct = (x: number) => {
  // The epsilon keeps 0.1 (not exactly representable) from flooring to 9.9.
  const tenths = Math.floor(x * 1000 + 1e-9);
  return tenths >= 100 ? `${Math.floor(tenths / 10)}%` : `${(tenths / 10).toFixed(1)}%`;
};
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Pure: whether to save, and the reason, for the log. */
export function decideBuildSave(f: BuildCacheFacts): SaveDecision {
  const added = f.entriesNow - f.entriesBefore;
  if (f.entriesNow === 0) return { save: false, why: 'empty, nothing to save' };
  if (added <= 0) {
    return {
      save: false,
      why: `this job added no entry to the ${f.restored ? 'restored cache' : 'cache'}, nothing to save`,
    };
  }
  if (!f.restored) return { save: true, why: 'no build cache was restored' };
  if (f.layer) return decideWithLayers(f, f.layer);
  const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
  const share = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
  const what = `${plural(added, 'new entry file')} (${formatSize(newBytes)}) are ${pct(share)} of the ${formatSize(f.usedBytes)} the build used`;
  if (share >= SAVE_RULE.newShare)
    return { save: true, why: `${what} (${pct(SAVE_RULE.newShare)} or more)` };
  const old = oldBase(f);
  if (old) return { save: true, why: old };
  const age =
    f.savedRunsAgo !== undefined
      ? `${plural(f.savedRunsAgo, 'run')} ago`
      : `${Math.floor(f.savedHoursAgo!)} hours ago`;
  return {
    save: false,
    why: `not saved: ${what} (under ${pct(SAVE_RULE.newShare)}), and the restored cache is from ${age}; the next job builds them again, and saves once its new share reaches ${pct(SAVE_RULE.newShare)} or the cache is ${SAVE_RULE.maxRuns} runs old`,
  };
}

/** Why the restored cache is old enough to be saved anew, or undefined. */
function oldBase(f: BuildCacheFacts): string | undefined {
  if (f.savedRunsAgo !== undefined) {
    return f.savedRunsAgo >= SAVE_RULE.maxRuns
      ? `the restored cache was saved ${plural(f.savedRunsAgo, 'run')} ago (a save at least every ${SAVE_RULE.maxRuns} runs)`
      : undefined;
  }
  if (f.savedHoursAgo === undefined) return 'the restored cache does not say when it was saved';
  return f.savedHoursAgo >= SAVE_RULE.maxHours
    ? `the restored cache was saved ${Math.floor(f.savedHoursAgo)} hours ago (a save at least every ${SAVE_RULE.maxHours} hours)`
    : undefined;
}

/** A warm job that added entries, knowing its base: a layer, or a new base. */
function decideWithLayers(
  f: BuildCacheFacts,
  layer: { entries: number; bytes: number },
): SaveDecision {
  const old = oldBase(f);
  if (old) return { save: true, why: `a new base: ${old}` };
  if (layer.entries === 0) {
    return {
      save: false,
      why: 'every entry the build used is in the restored base, nothing to save',
    };
  }
  const share = f.usedBytes > 0 ? layer.bytes / f.usedBytes : 1;
  const what = `the ${plural(layer.entries, 'entry file')} (${formatSize(layer.bytes)}) the base lacks are ${pct(share)} of the ${formatSize(f.usedBytes)} the build used`;
  if (share >= SAVE_RULE.foldShare) {
    return {
      save: true,
      why: `a new base: ${what} (${pct(SAVE_RULE.foldShare)} or more, folded in)`,
    };
  }
  const added = f.entriesNow - f.entriesBefore;
  const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
  const newShare = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
  if (newShare < SAVE_RULE.layerShare) {
    return {
      save: false,
      why: `not saved: ${plural(added, 'new entry file')} (${formatSize(newBytes)}) are ${pct(newShare)} of the ${formatSize(f.usedBytes)} the build used (under ${pct(SAVE_RULE.layerShare)}: not worth a layer); the next job builds them again`,
    };
  }
  return { save: true, layer: true, why: `a layer over the base: ${what}` };
}

/**
 * The marker a saved build cache carries (`go-paas-build.json` in GOCACHE): which workflow saved
 * it, in which run, when. It arrives from the cache service, so it is read as untrusted: anything
 * malformed counts as unknown.
 */
export const MARKER_FILE = 'go-paas-build.json';
const MARKER_MAX_BYTES = 4096;

export interface CacheMarker {
  /** GITHUB_WORKFLOW_REF without its `@ref`: run numbers count per workflow, on every branch. */
  workflow: string;
  runNumber: number;
  savedAt: number;
}

/**
 * The marker's text, read only from a small regular file: the restored archive could hold a
 * symlink there (to /dev/zero, to a secret), which is not followed.
 */
export async function readMarker(gocache: string): Promise<string | undefined> {
  const file = path.join(gocache, MARKER_FILE);
  try {
    // O_NONBLOCK: a FIFO there would otherwise hold the open until someone writes to it.
    const fh = await fs.open(
      file,
      fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK,
    );
    try {
      const st = await fh.stat();
      if (!st.isFile() || st.size > MARKER_MAX_BYTES) return undefined;
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Writes the marker: a new file beside it, renamed over the name, so that whatever is there (a
 * symlink, a directory's worth of mischief) is replaced, never written through. A failure only
 * costs the next job its knowledge of the age: it then saves.
 */
export async function writeMarker(gocache: string, marker: CacheMarker): Promise<void> {
  const file = path.join(gocache, MARKER_FILE);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify(marker), { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    // the next restore reads it as unknown
  }
}

export function workflowId(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF;
  return ref ? ref.replace(/@.*$/, '') : undefined;
}

export function parseMarker(text: string | undefined): CacheMarker | undefined {
  if (text === undefined || text.length > MARKER_MAX_BYTES) return undefined;
  try {
    const m = JSON.parse(text) as Partial<CacheMarker>;
    if (
      typeof m.workflow === 'string' &&
      Number.isSafeInteger(m.runNumber) &&
      m.runNumber! >= 0 &&
      Number.isFinite(m.savedAt)
    ) {
      return { workflow: m.workflow, runNumber: m.runNumber!, savedAt: m.savedAt! };
    }
  } catch {
    // unknown
  }
  return undefined;
}

/** How long ago a marker's save was, in this workflow's runs and in hours, as far as known. */
export function markerAge(
  marker: CacheMarker | undefined,
  now: { workflow?: string; runNumber?: number; time: number },
): { savedRunsAgo?: number; savedHoursAgo?: number } {
  if (!marker) return {};
  const out: { savedRunsAgo?: number; savedHoursAgo?: number } = {};
  if (
    now.workflow !== undefined &&
    now.runNumber !== undefined &&
    marker.workflow === now.workflow &&
    marker.runNumber <= now.runNumber
  ) {
    out.savedRunsAgo = now.runNumber - marker.runNumber;
  }
  // A time in the future is a clock or a forgery: unknown.
  if (marker.savedAt <= now.time + 60_000) {
    out.savedHoursAgo = Math.max(0, now.time - marker.savedAt) / 3_600_000;
  }
  return out;
}
