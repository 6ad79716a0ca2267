// CacheService, the Twirp service that @actions/cache (v2) calls on save and restore:
// - CreateCacheEntry reserves a key + version and hands out a blob upload URL.
// - FinalizeCacheEntryUpload makes the uploaded entry restorable.
// - GetCacheEntryDownloadURL looks an entry up and hands out its download URL: the exact key
//   first, then each restore key as a prefix, newest entry first.
// The server decides the matches, as github.com does; the client only reports them. Tests read the
// entries back (cacheEntries(), cacheBlob()) and set the faults below to see how the action copes.
import type { BlobSlot, BlobStore } from './blob-store.js';
import { int64, required, TwirpError, type TwirpFault, type TwirpService } from './twirp.js';

export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
/** What github.com says about a taken cache key (seen in real runs as a Twirp 409 `msg`). */
const TAKEN_KEY = 'cache entry with the same key, version, and scope already exists';

/** Mutable at any time (part of the server's `faults`). */
export interface CacheFaults {
  /** CacheService calls answer this Twirp error. */
  twirpStatus?: TwirpFault;
  /** CreateCacheEntry answers `{"ok":false,"message":"cache entry with the same key, version, and
   *  scope already exists"}` (the `ok:false` shape; a real taken key answers 409, see below). */
  reservationConflict?: boolean;
}

export interface CacheEntryInfo {
  /** The `entry_id` FinalizeCacheEntryUpload answers (what saveCache returns). */
  id: number;
  key: string;
  version: string;
  /** Finalized (restorable). */
  ready: boolean;
  /** `size_bytes` as finalized. */
  size?: number;
  /** Bytes actually committed to the blob. */
  blobSize?: number;
  /** Server-wide sequence numbers: reservation order and finalize order (newest wins on prefix). */
  createdSeq: number;
  finalizedSeq?: number;
}

export interface CacheService extends TwirpService {
  /** Reservations and finalized entries, in reservation order. */
  entries(): CacheEntryInfo[];
  /** The committed bytes of the newest finalized entry for `key` (and `version`, if given). */
  blob(key: string, version?: string): Promise<Buffer | undefined>;
  /** Forget every entry (reserved or finalized) and its blob. */
  clear(): Promise<void>;
}

interface CacheRecord {
  id: number;
  key: string;
  version: string;
  createdSeq: number;
  finalizedSeq?: number;
  size?: number;
  blob: BlobSlot;
}

export function cacheService(blobs: BlobStore, faults: CacheFaults): CacheService {
  let caches: CacheRecord[] = [];
  let seq = 0;
  let nextCacheId = 1;

  const methods: CacheService['methods'] = {
    CreateCacheEntry(body) {
      const key = required(body, 'key');
      const version = required(body, 'version');
      if (faults.reservationConflict) {
        return { ok: false, message: TAKEN_KEY };
      }
      // github.com answers a taken key (reserved or finalized) with a Twirp 409, not `ok:false`.
      if (caches.some((c) => c.key === key && c.version === version)) {
        throw new TwirpError(409, TAKEN_KEY);
      }
      const id = nextCacheId++;
      const blob = blobs.create(`actions-cache/${id}`, () => ({
        contentType: 'application/octet-stream',
      }));
      caches.push({ id, key, version, createdSeq: ++seq, blob });
      return { ok: true, signed_upload_url: blobs.signedUrl(blob) };
    },
    FinalizeCacheEntryUpload(body) {
      const key = required(body, 'key');
      const version = required(body, 'version');
      const entry = caches.find((c) => c.key === key && c.version === version);
      if (!entry) throw new TwirpError(404, 'cache entry not found');
      if (entry.finalizedSeq !== undefined) {
        throw new TwirpError(409, TAKEN_KEY);
      }
      if (!entry.blob.committed) {
        throw new TwirpError(412, 'no upload found for the cache entry');
      }
      entry.size = int64(body['size_bytes']) ?? 0;
      entry.finalizedSeq = ++seq;
      return { ok: true, entry_id: String(entry.id) };
    },
    GetCacheEntryDownloadURL(body) {
      const key = required(body, 'key');
      const version = required(body, 'version');
      const restoreKeys = Array.isArray(body['restore_keys'])
        ? body['restore_keys'].filter((k): k is string => typeof k === 'string')
        : [];
      const ready = caches
        .filter((c) => c.finalizedSeq !== undefined && c.version === version)
        .sort((a, b) => b.finalizedSeq! - a.finalizedSeq!);
      const hit =
        ready.find((c) => c.key === key) ??
        restoreKeys.map((p) => ready.find((c) => c.key.startsWith(p))).find((c) => c);
      if (!hit) return { ok: false };
      return { ok: true, signed_download_url: blobs.signedUrl(hit.blob), matched_key: hit.key };
    },
  };

  const newest = (key: string, version?: string): CacheRecord | undefined =>
    caches
      .filter((c) => c.key === key && c.finalizedSeq !== undefined)
      .filter((c) => version === undefined || c.version === version)
      .sort((a, b) => b.finalizedSeq! - a.finalizedSeq!)[0];

  return {
    methods,
    fault: () => faults.twirpStatus,
    entries: () =>
      caches.map((c) => ({
        id: c.id,
        key: c.key,
        version: c.version,
        ready: c.finalizedSeq !== undefined,
        size: c.size,
        blobSize: c.blob.committed ? c.blob.size : undefined,
        createdSeq: c.createdSeq,
        finalizedSeq: c.finalizedSeq,
      })),
    blob: async (key, version) => {
      const hit = newest(key, version);
      return hit ? blobs.read(hit.blob) : undefined;
    },
    clear: async () => {
      const gone = caches;
      caches = [];
      await Promise.all(gone.map((c) => blobs.drop(c.blob)));
    },
  };
}
