/**
 * What the main step hands to the post step (as JSON in GITHUB_STATE), in a module of its own so
 * that the post step's bundle holds the cache code only.
 */

/** How long a key lookup may take before the job goes on without caches (SPEC §4). */
export const LOOKUP_DEADLINE_MS = 3_000;
export const STATE_NAME = 'cache';
export const BUILD_OK_STATE = 'build-ok';

export interface CacheState {
  mode: 'true' | 'read-only';
  /** The service failed in the main step: the post step does not try again. */
  fault?: string;
  mod?: { path: string; key: string; exactHit: boolean };
  build?: {
    path: string;
    key: string;
    restoredKey?: string;
    /** When the entries were dated back (ms since the epoch). */
    mark: number;
    /** Entry files present after the restore, and their bytes. */
    entries: number;
    bytes?: number;
    /** How long ago the restored cache was saved (its marker), as far as known. */
    savedRunsAgo?: number;
    savedHoursAgo?: number;
    /** Written into the marker of the next save. */
    workflow?: string;
    runNumber?: number;
    /**
     * Layers (layers.ts), when a base was restored: the file listing the base's entries, the
     * key this job's layer would be saved under, and the layer restored over the base, if any.
     */
    layer?: { baseNames: string; key: string; restoredKey?: string };
  };
}
