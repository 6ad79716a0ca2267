// The Azure block-blob subset behind the "signed" URLs that the services hand out. CreateCacheEntry
// and CreateArtifact reserve a blob here and give the client its URL. The client then PUTs the
// bytes, either in one shot or, as @azure/storage-blob does above 128 MiB and the artifact client
// always does, as staged blocks plus a block list. Later it GETs them back. Each URL carries its
// blob's `sig`, which must match. Tests reach the store through the services: cacheBlob() and
// artifactBlob() return its committed bytes, and the `truncateGet` fault cuts a download short.
// URLs are path-style (`/<account>/<container>/<blob>`), as storage-blob parses them for IP hosts.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drained, writeFlushed } from '../http-flow.js';
import type { RequestLogEntry } from './server.js';
import { readAll } from './twirp.js';

/** The storage account in every blob path. */
const ACCOUNT = 'devstoreaccount1';

/** Mutable at any time (part of the server's `faults`). */
export interface BlobFaults {
  /** Blob GETs announce the full Content-Length, send only this many bytes, then drop the socket. */
  truncateGet?: number;
}

interface BlockRef {
  id: string;
  size: number;
}

/** One blob that a signed URL points at. Committed bytes live in `file`. */
export interface BlobSlot {
  /** The decoded URL path: `/<account>/<name>`. */
  path: string;
  sig: string;
  file: string;
  committed: boolean;
  size: number;
  contentType?: string;
  /** The committed block list (for `<Committed>` references), in blob order. */
  blocks: BlockRef[];
  /** Staged, uncommitted blocks: block id → file. */
  staged: Map<string, { file: string; size: number }>;
  /** What the GET answers with, besides the body. */
  serve: () => { contentType: string; disposition?: string };
}

export interface BlobStore {
  /** Reserves the blob at `/<account>/<name>` (`<name>` starts with its container); no bytes yet. */
  create(name: string, serve: BlobSlot['serve']): BlobSlot;
  /** The URL the client uploads to and downloads from. */
  signedUrl(slot: BlobSlot): string;
  /** Forgets the blob and deletes its files. */
  drop(slot: BlobSlot): Promise<void>;
  /** The committed bytes. */
  read(slot: BlobSlot): Promise<Buffer>;
  /** Answers a request whose path {@link isBlobPath} accepts; the status goes into `entry`. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    url: URL,
  ): Promise<void>;
}

/** Whether a request path belongs to the blob store. */
export const isBlobPath = (pathname: string): boolean => pathname.startsWith(`/${ACCOUNT}/`);

/** An answer in Azure's error shape: the status, `x-ms-error-code` and an XML body. */
class BlobError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string,
  ) {
    super(msg);
  }
}

/** A store whose blob files live in `dir` and whose URLs start with `origin()` (known once the
 *  server listens). */
export function blobStore(dir: string, faults: BlobFaults, origin: () => string): BlobStore {
  const blobs = new Map<string, BlobSlot>(); // by decoded pathname
  let fileSeq = 0;

  const blobHeaders = (): Record<string, string> => ({
    'x-ms-request-id': randomBytes(16).toString('hex'),
    'x-ms-version': '2025-11-05',
    ETag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
    'Last-Modified': new Date().toUTCString(),
  });

  /** Writes the given parts, in order, to a fresh file, then swaps it in as the blob. */
  const commit = async (
    slot: BlobSlot,
    parts: { read: () => NodeJS.ReadableStream; ref: BlockRef }[],
    contentType: string | undefined,
  ): Promise<void> => {
    const tmp = `${slot.file}.${++fileSeq}.tmp`;
    const out = createWriteStream(tmp);
    try {
      for (const part of parts) await pipeline(part.read(), out, { end: false });
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    } catch (err) {
      out.destroy();
      await rm(tmp, { force: true });
      throw err;
    }
    await rename(tmp, slot.file);
    await Promise.all([...slot.staged.values()].map((b) => rm(b.file, { force: true })));
    slot.staged.clear();
    slot.blocks = parts.map((p) => p.ref);
    slot.size = (await stat(slot.file)).size;
    slot.committed = true;
    slot.contentType = contentType;
  };

  /** `PUT ?comp=blocklist`: the blob becomes the listed blocks, staged or already committed. */
  const commitBlockList = async (req: IncomingMessage, slot: BlobSlot): Promise<void> => {
    const xml = (await readAll(req)).toString('utf8');
    if (!/<BlockList\s*>/.test(xml)) {
      throw new BlobError(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.');
    }
    const committedFile = slot.file;
    const committedOffsets = new Map<string, { start: number; size: number }>();
    let offset = 0;
    for (const b of slot.blocks) {
      committedOffsets.set(b.id, { start: offset, size: b.size });
      offset += b.size;
    }
    const parts = [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(
      ([, kind, id = '']) => {
        const staged = kind !== 'Committed' ? slot.staged.get(id) : undefined;
        if (staged) {
          return { read: () => createReadStream(staged.file), ref: { id, size: staged.size } };
        }
        const old = kind !== 'Uncommitted' ? committedOffsets.get(id) : undefined;
        if (old) {
          const end = old.start + old.size - 1;
          return {
            read: () =>
              old.size === 0
                ? Readable.from([])
                : createReadStream(committedFile, { start: old.start, end }),
            ref: { id, size: old.size },
          };
        }
        throw new BlobError(
          400,
          'InvalidBlockList',
          `The specified block list is invalid (${id}).`,
        );
      },
    );
    await commit(slot, parts, req.headers['x-ms-blob-content-type'] as string | undefined);
  };

  /** GET or HEAD of a committed blob, cut short when `faults.truncateGet` says so. */
  const serveBlob = async (
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    slot: BlobSlot,
  ): Promise<void> => {
    const { contentType, disposition } = slot.serve();
    // A cut at or past the end is no cut: the body is served whole.
    const truncateAt =
      faults.truncateGet !== undefined && faults.truncateGet < slot.size
        ? faults.truncateGet
        : undefined;
    entry.status = 200;
    res.writeHead(200, {
      ...blobHeaders(),
      'Content-Type': contentType,
      'Content-Length': String(slot.size),
      'x-ms-blob-type': 'BlockBlob',
      'Accept-Ranges': 'bytes',
      ...(disposition ? { 'Content-Disposition': disposition } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let sent = 0;
    const stream = createReadStream(slot.file, { highWaterMark: 64 * 1024 });
    try {
      for await (const data of stream) {
        if (res.destroyed) return;
        const chunk = data as Buffer;
        if (truncateAt !== undefined && sent + chunk.length >= truncateAt) {
          // Let the bytes reach the kernel, then cut: the client sees N bytes and a premature close.
          await writeFlushed(res, chunk.subarray(0, Math.max(0, truncateAt - sent)));
          res.socket?.destroy();
          return;
        }
        if (!res.write(chunk)) await drained(res);
        sent += chunk.length;
      }
      res.end();
    } finally {
      stream.destroy();
    }
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    url: URL,
  ): Promise<void> => {
    const xmlError = (err: BlobError): void => {
      entry.status = err.status;
      res
        .writeHead(err.status, { 'Content-Type': 'application/xml', 'x-ms-error-code': err.code })
        .end(
          `<?xml version="1.0" encoding="utf-8"?><Error><Code>${err.code}</Code><Message>${err.message}</Message></Error>`,
        );
    };
    const created = (): void => {
      entry.status = 201;
      res.writeHead(201, blobHeaders()).end();
    };
    try {
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        throw new BlobError(
          400,
          'InvalidUri',
          'The requested URI does not represent any resource.',
        );
      }
      const slot = blobs.get(path);
      if (!slot || url.searchParams.get('sig') !== slot.sig) {
        // Consume the body, so the client reads our answer rather than a reset.
        req.resume();
        throw new BlobError(403, 'AuthenticationFailed', 'Signature did not match.');
      }
      const comp = url.searchParams.get('comp');
      if (req.method === 'PUT' && comp === 'block') {
        const id = url.searchParams.get('blockid');
        if (!id) throw new BlobError(400, 'InvalidQueryParameterValue', 'blockid is required');
        const file = `${slot.file}.block-${++fileSeq}`;
        await pipeline(req, createWriteStream(file));
        const old = slot.staged.get(id);
        if (old) await rm(old.file, { force: true });
        slot.staged.set(id, { file, size: (await stat(file)).size });
        return created();
      }
      if (req.method === 'PUT' && comp === 'blocklist') {
        await commitBlockList(req, slot);
        return created();
      }
      if (req.method === 'PUT' && !comp) {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
          req.resume();
          throw new BlobError(
            400,
            'MissingRequiredHeader',
            'x-ms-blob-type: BlockBlob is required.',
          );
        }
        await commit(
          slot,
          [{ read: () => req, ref: { id: '', size: 0 } }],
          req.headers['x-ms-blob-content-type'] as string | undefined,
        );
        slot.blocks = [];
        return created();
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && !comp) {
        if (!slot.committed)
          throw new BlobError(404, 'BlobNotFound', 'The specified blob does not exist.');
        await serveBlob(req, res, entry, slot);
        return;
      }
      req.resume();
      throw new BlobError(
        405,
        'UnsupportedHttpVerb',
        `${req.method} ${comp ?? ''} is not supported here.`,
      );
    } catch (err) {
      if (!(err instanceof BlobError)) throw err;
      xmlError(err);
    }
  };

  return {
    create(name, serve) {
      const n = ++fileSeq;
      const slot: BlobSlot = {
        path: `/${ACCOUNT}/${name}`,
        sig: randomBytes(12).toString('hex'),
        file: join(dir, `blob-${n}`),
        committed: false,
        size: 0,
        blocks: [],
        staged: new Map(),
        serve,
      };
      blobs.set(slot.path, slot);
      return slot;
    },
    signedUrl: (slot) => `${origin()}${slot.path}?sig=${slot.sig}`,
    async drop(slot) {
      blobs.delete(slot.path);
      await Promise.all([
        rm(slot.file, { force: true }),
        ...[...slot.staged.values()].map((b) => rm(b.file, { force: true })),
      ]);
    },
    read: (slot) => readFile(slot.file),
    handle,
  };
}
