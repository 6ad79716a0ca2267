import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readBytes } from '../toolchain/http.js';
import { quote } from '../trust/log-text.js';
import {
  cacheVersion,
  field,
  retrying,
  ServiceError,
  twirp,
  type Compression,
} from './protocol.js';
import type { ServiceConfig } from './protocol.js';
import { send } from './transport.js';

/**
 * One cache archive saved through the v2 cache service, as @actions/cache saves it, without
 * loading it (its bundle, with the Azure storage client, takes longer to load than a small
 * archive takes to save): packed by `tar` into a temporary file exactly as the library packs it
 * (the same members, relative to the workspace, the same compressor), so either can restore what
 * the other saved; the entry reserved while it packs (CreateCacheEntry), the archive PUT to the
 * signed URL as Azure's block-blob API takes it (one request up to 128 MiB, else 64 MiB blocks
 * and a block list, as @azure/storage-blob sends them), then the entry finalized with its size.
 */

/** Above this size the archive goes up in blocks (storage-blob's `maxSingleShotSize`). */
export const SINGLE_SHOT_MAX = 128 * 1024 * 1024;
/** The block size @actions/cache asks of storage-blob for the v2 service. */
export const BLOCK_SIZE = 64 * 1024 * 1024;
/** Blocks in flight at once. */
const BLOCK_CONCURRENCY = 4;

export interface SaveArchiveOptions {
  cfg: Extract<ServiceConfig, { ok: true }>;
  /** The dirs saved, as the lookup names them (their `version` depends on them). */
  paths: readonly string[];
  key: string;
  workspace: string;
  /** Where the archive is packed (the runner's temp dir); removed after. */
  tempDir: string;
  compression: Compression;
  signal: AbortSignal;
  /** Tests lower these to exercise the block upload with small archives. */
  singleShotMax?: number;
  blockSize?: number;
}

export type SavedArchive = { archiveBytes: number } | { taken: string };

/** Saves one archive; throws a ServiceError for the service's faults, an Error for the pack's. */
export async function saveArchive(o: SaveArchiveOptions): Promise<SavedArchive> {
  const version = cacheVersion(o.paths, o.compression);
  const dir = await fs.mkdtemp(path.join(o.tempDir, 'go-paas-build-save-'));
  const archive = path.join(dir, o.compression === 'gzip' ? 'cache.tgz' : 'cache.tzst');
  // A reservation that fails stops the pack: nothing is left running behind the answer.
  const stop = new AbortController();
  const packing = pack(o, dir, archive, AbortSignal.any([o.signal, stop.signal]));
  packing.catch(() => undefined);
  try {
    let created;
    try {
      created = await retrying(o.signal, () =>
        twirp(o.cfg, 'CreateCacheEntry', { key: o.key, version }, o.signal),
      );
    } catch (err) {
      // github.com answers a taken key with a Twirp 409 (already_exists).
      if (err instanceof ServiceError && err.status === 409)
        return { taken: err.serviceMessage || 'already_exists' };
      throw err;
    }
    const url = field(created.body, 'signed_upload_url', 'signedUploadUrl');
    if (created.body.ok !== true || !url)
      // Other services say `ok: false` with a reason (@actions/cache: "reservation failed").
      return { taken: field(created.body, 'message') || 'the service refused the reservation' };
    const size = await packing;
    if (size <= (o.singleShotMax ?? SINGLE_SHOT_MAX)) {
      await retrying(o.signal, () =>
        put(
          url,
          '',
          { 'x-ms-blob-type': 'BlockBlob' },
          () => createReadStream(archive),
          size,
          o.signal,
        ),
      );
    } else {
      await putBlocks(url, archive, size, o.blockSize ?? BLOCK_SIZE, o.signal);
    }
    const done = await retrying(o.signal, () =>
      twirp(
        o.cfg,
        'FinalizeCacheEntryUpload',
        { key: o.key, size_bytes: String(size), version },
        o.signal,
      ),
    );
    if (done.body.ok !== true) {
      const why = field(done.body, 'message');
      throw new ServiceError(
        `the cache service did not finalize the entry${why ? `: ${quote(why)}` : ''}`,
        false,
      );
    }
    return { archiveBytes: size };
  } finally {
    stop.abort();
    await packing.catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Packs the dirs as @actions/cache does (tar.js createTar): `tar --posix`, members named by
 * their paths relative to the workspace (`-P`, so `../` is kept), compressed by `zstdmt`, or by
 * gzip where no zstd answers. Resolves with the archive's size.
 */
async function pack(
  o: SaveArchiveOptions,
  dir: string,
  archive: string,
  signal: AbortSignal,
): Promise<number> {
  const manifest = path.join(dir, 'manifest.txt');
  const names = o.paths.map((p) =>
    path.relative(o.workspace, path.resolve(o.workspace, p)).split(path.sep).join('/'),
  );
  await fs.writeFile(manifest, names.join('\n'), { mode: 0o600 });
  const compress =
    o.compression === 'gzip'
      ? ['-z']
      : ['--use-compress-program', o.compression === 'zstd' ? 'zstdmt --long=30' : 'zstdmt'];
  const args = [
    '--posix',
    '-cf',
    archive,
    '--exclude',
    archive,
    '-P',
    '-C',
    o.workspace,
    '--files-from',
    manifest,
    ...compress,
  ];
  await new Promise<void>((resolve, reject) => {
    const tar = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'], signal });
    let stderr = '';
    tar.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    tar.on('error', reject);
    tar.on('close', (code, sig) => {
      if (code === 0) return resolve();
      const why = stderr.trim().split('\n')[0] ?? '';
      reject(new Error(`tar could not pack the cache (${quote(why || `exit ${code ?? sig}`)})`));
    });
  });
  return (await fs.stat(archive)).size;
}

/** PUTs one body to the signed URL (plus `query`); a non-2xx answer throws a ServiceError. */
async function put(
  url: string,
  query: string,
  headers: Record<string, string>,
  body: () => import('node:stream').Readable | string,
  size: number,
  signal: AbortSignal,
): Promise<void> {
  let res;
  try {
    // As a presigned URL requires: no Authorization, a Content-Length, no chunked body.
    res = await send(query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url, {
      method: 'PUT',
      headers: { ...headers, 'Content-Length': String(size) },
      body: body(),
      signal,
    });
  } catch (err) {
    throw new ServiceError(`the upload failed: ${(err as Error).message}`, true);
  }
  const status = res.statusCode ?? 0;
  const text = (await readBytes(res, 64 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
  if (status >= 200 && status < 300) return;
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
  throw new ServiceError(
    `the upload answered HTTP ${status}${code ? ` (${quote(code)})` : ''}`,
    status >= 500 || status === 408 || status === 429,
    status,
  );
}

/** The archive in blocks (a few at once), then the block list that makes them the blob. */
async function putBlocks(
  url: string,
  archive: string,
  size: number,
  blockSize: number,
  signal: AbortSignal,
): Promise<void> {
  const count = Math.ceil(size / blockSize);
  // Block ids: base64 of one length for every block, as the service requires.
  const ids = Array.from({ length: count }, (_, i) =>
    Buffer.from(`go-paas-build-${String(i).padStart(6, '0')}`).toString('base64'),
  );
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const start = i * blockSize;
      const end = Math.min(size, start + blockSize);
      await retrying(signal, () =>
        put(
          url,
          `comp=block&blockid=${encodeURIComponent(ids[i]!)}`,
          {},
          () => createReadStream(archive, { start, end: end - 1 }),
          end - start,
          signal,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOCK_CONCURRENCY, count) }, worker));
  const list =
    '<?xml version="1.0" encoding="utf-8"?><BlockList>' +
    ids.map((id) => `<Latest>${id}</Latest>`).join('') +
    '</BlockList>';
  await retrying(signal, () =>
    put(
      url,
      'comp=blocklist',
      { 'Content-Type': 'application/xml' },
      () => list,
      Buffer.byteLength(list),
      signal,
    ),
  );
}
