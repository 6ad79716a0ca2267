import { spawn } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import type { Readable, Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { quote } from '../trust/log-text.js';
import { MemberError, removeStaleStaging, StagedExtraction, type ExtractStats } from './extract.js';
import type { Compression } from './protocol.js';
import { TarFormatError, TarReader } from './tar-reader.js';
import { send } from './transport.js';

/**
 * One cache archive, from the service's download URL into its cache dir in one pass: the body
 * streams into `zstd -d` (or gunzip), whose output streams through the tar reader into a staged
 * extraction (extract.ts). No temporary archive file, no tar process. It is committed only when
 * the download was complete, the decompressor succeeded (zstd checks its frame checksums at the
 * end) and the tar ended at its end marker; otherwise what was written is removed.
 */

/** The download failed (the service or the network): a fault, as with the lookup. */
export class DownloadError extends Error {}
/** The archive itself is bad or not ours: discarded, the build goes on without it. */
export class BadArchive extends Error {}

export interface RestoredArchive {
  archiveBytes: number;
  stats: ExtractStats;
}

interface Decompressor {
  name: 'zstd' | 'gunzip';
  input: Writable;
  output: Readable;
  /** Resolves once it is done: its complaint, or undefined when it succeeded. */
  done: Promise<string | undefined>;
  stop(): void;
}

function decompressor(compression: Compression): Decompressor {
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    const done = new Promise<string | undefined>((resolve) => {
      gunzip.on('error', (err) => resolve(err.message));
      gunzip.on('end', () => resolve(undefined));
    });
    return { name: 'gunzip', input: gunzip, output: gunzip, done, stop: () => gunzip.destroy() };
  }
  // --long=30: archives of @actions/cache's `zstd` method use a long window (tar.js).
  const zstd = spawn('zstd', ['-d', '--long=30', '-q', '-c'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  zstd.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<string | undefined>((resolve) => {
    zstd.on('error', (err) => resolve(err.message));
    zstd.on('close', (code, signal) => {
      if (code === 0) return resolve(undefined);
      const why = stderr
        .trim()
        .split('\n')[0]!
        .replace(/^zstd: /, '')
        .replace(/^\/\*stdin\*\\ ?: ?/, '');
      resolve(why || `exit ${code ?? signal}`);
    });
  });
  return { name: 'zstd', input: zstd.stdin, output: zstd.stdout, done, stop: () => zstd.kill() };
}

/** Downloads `url` into `cacheDir`. Throws DownloadError or BadArchive; leaves nothing on failure. */
export async function restoreArchive(opts: {
  url: string;
  compression: Compression;
  cacheDir: string;
  workspace: string;
  /** The dir the archive was made of, when not `cacheDir`: its members are placed in `cacheDir`. */
  archivedFrom?: string;
  signal?: AbortSignal;
}): Promise<RestoredArchive> {
  removeStaleStaging(opts.cacheDir);
  const staged = new StagedExtraction(opts.cacheDir, opts.workspace, opts.archivedFrom);
  try {
    let res: IncomingMessage;
    try {
      res = await send(opts.url, { method: 'GET', signal: opts.signal });
    } catch (err) {
      throw new DownloadError(`the download failed: ${(err as Error).message}`);
    }
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      res.resume();
      throw new DownloadError(`the download answered HTTP ${status}`);
    }
    const archiveBytes = await pump(
      res,
      decompressor(opts.compression),
      new TarReader(staged),
      opts.signal,
    );
    staged.commit();
    return { archiveBytes, stats: staged.stats };
  } catch (err) {
    staged.discard();
    throw err;
  }
}

async function pump(
  res: IncomingMessage,
  dec: Decompressor,
  reader: TarReader,
  signal: AbortSignal | undefined,
): Promise<number> {
  const expected = Number(res.headers['content-length'] ?? NaN);
  let readError: unknown;
  const stop = (err: unknown) => {
    readError ??= err;
    dec.stop();
    res.destroy();
  };
  const onAbort = () => stop(new DownloadError('the deadline passed'));
  signal?.addEventListener('abort', onAbort, { once: true });

  // The whole body is read even when the decompressor gave up, so that a cut-off download (a
  // fault of the service) is told apart from a bad archive.
  let received = 0;
  let cut: string | undefined;
  let decDead = false;
  dec.input.on('error', () => (decDead = true));
  dec.input.on('close', () => (decDead = true));
  const feeding = (async () => {
    try {
      for await (const chunk of res) {
        received += (chunk as Buffer).length;
        if (!decDead && !dec.input.write(chunk)) await drained(dec.input);
      }
    } catch (err) {
      cut = (err as Error).message;
    } finally {
      dec.input.end();
    }
  })();
  const reading = new Promise<void>((resolve) => {
    dec.output.on('data', (chunk: Buffer) => {
      if (readError !== undefined) return;
      try {
        reader.push(chunk);
      } catch (err) {
        stop(err);
      }
    });
    dec.output.on('close', resolve);
    dec.output.on('end', resolve);
    dec.output.on('error', () => resolve());
  });
  await Promise.all([feeding, reading]);
  const complaint = await dec.done;
  signal?.removeEventListener('abort', onAbort);

  if (readError instanceof MemberError || readError instanceof TarFormatError)
    throw new BadArchive(readError.message);
  if (readError instanceof DownloadError) throw readError;
  if (readError !== undefined)
    throw new BadArchive(`it could not be written: ${(readError as Error).message}`);
  if (cut !== undefined || (Number.isFinite(expected) && received < expected))
    throw new DownloadError(
      `the download was cut off after ${received} of ${Number.isFinite(expected) ? expected : '?'} bytes`,
    );
  if (complaint !== undefined)
    throw new BadArchive(`${dec.name} could not decompress it (${quote(complaint)})`);
  try {
    reader.finish();
  } catch (err) {
    throw new BadArchive((err as Error).message);
  }
  return received;
}

function drained(stream: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
