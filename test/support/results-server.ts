// A loopback stand-in for GitHub's "results" service as @actions/cache (v2) and @actions/artifact
// speak it: Twirp JSON for CacheService and ArtifactService, plus the Azure block-blob subset that
// the "signed" upload/download URLs point at. Both clients share ACTIONS_RESULTS_URL, so one server
// plays both, with switchable faults and a request log.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { drained, writeFlushed } from './http-flow.js';

const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';
const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';
/** Path-style blob URLs (as storage-blob parses them for IP hosts): /<account>/<container>/<blob>. */
const ACCOUNT = 'devstoreaccount1';
/** What github.com says about a taken cache key (seen in real runs as a Twirp 409 `msg`). */
const TAKEN_KEY = 'cache entry with the same key, version, and scope already exists';

/** A Twirp error answer: that HTTP status with `{"code":…,"msg":…}`. */
export interface TwirpFault {
  status: number;
  msg: string;
  /** Twirp error code; derived from the status when omitted (409 → already_exists, …). */
  code?: string;
  /** Only these methods (e.g. `['CreateCacheEntry']`); all of the service's methods when omitted. */
  methods?: string[];
}

/** Mutable at any time. */
export interface Faults {
  /** Every request's connection is reset without an answer (the client sees ECONNRESET). For a
   *  refused connection use `stop()`/`start()` or `downUrl`. */
  down?: boolean;
  /** CacheService calls answer this Twirp error. */
  twirpStatus?: TwirpFault;
  /** CreateCacheEntry answers `{"ok":false,"message":"cache entry with the same key, version, and
   *  scope already exists"}` (the `ok:false` shape; a real taken key answers 409, see below). */
  reservationConflict?: boolean;
  /** Blob GETs announce the full Content-Length, send only this many bytes, then drop the socket. */
  truncateGet?: number;
  /** Every response (Twirp and blob) is held back this long. */
  delayMs?: number;
  /** ArtifactService calls answer this Twirp error. */
  artifactStatus?: TwirpFault;
  /** CreateArtifact answers `{"ok":false}`. */
  artifactCreateNotOk?: boolean;
}

export interface RequestLogEntry {
  service: 'cache' | 'artifact' | 'blob' | 'other';
  /** The Twirp method (`CreateCacheEntry`) or, for blob and other paths, the HTTP verb. */
  method: string;
  /** The request target as sent, query included. */
  path: string;
  /** The status sent; 0 when the connection was dropped without an answer (`faults.down`). */
  status: number;
  /** The parsed JSON request of a Twirp call. */
  body?: unknown;
  /** Date.now() when the request arrived. */
  at: number;
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

export interface ArtifactInfo {
  /** The `artifact_id` / `database_id`. */
  id: number;
  name: string;
  runId: string;
  jobId: string;
  /** `mime_type` from CreateArtifact (`application/zip`, or the raw file's type with skipArchive). */
  mimeType?: string;
  version?: number;
  /** `expires_at` from CreateArtifact (RFC 3339), present when a retention was asked for. */
  expiresAt?: string;
  /** `size` from FinalizeArtifact. */
  size?: number;
  /** `hash` from FinalizeArtifact (`sha256:<hex>`). */
  hash?: string;
  finalized: boolean;
  createdAt: string;
  /** The name in the download URL's path: `<name>.zip` for zip artifacts, else the name. */
  fileName: string;
  blobSize?: number;
  /** `x-ms-blob-content-type` the client set when committing the blob. */
  blobContentType?: string;
}

export interface ResultsServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** A URL on a port that was allocated and closed again: connections are refused. */
  downUrl: string;
  requests: RequestLogEntry[];
  faults: Faults;
  resetLog(): void;
  /** Reservations and finalized entries, in reservation order. */
  cacheEntries(): CacheEntryInfo[];
  /** Created and finalized artifacts, in creation order. */
  artifacts(): ArtifactInfo[];
  /** The committed bytes of the newest finalized entry for `key` (and `version`, if given). */
  cacheBlob(key: string, version?: string): Promise<Buffer | undefined>;
  /** The committed bytes of the newest finalized artifact named `name`. */
  artifactBlob(name: string): Promise<Buffer | undefined>;
  /** Forget every cache entry (reserved or finalized) and its blob. */
  clearCaches(): Promise<void>;
  clearArtifacts(): Promise<void>;
  /** Stop listening (connections to `url` are refused) until `start()`; state is kept. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Stop and remove the server's temp dir. */
  close(): Promise<void>;
}

interface BlockRef {
  id: string;
  size: number;
}

/** One blob that a signed URL points at. Committed bytes live in `file`. */
interface BlobSlot {
  n: number;
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

interface CacheRecord {
  id: number;
  key: string;
  version: string;
  createdSeq: number;
  finalizedSeq?: number;
  size?: number;
  blob: BlobSlot;
  path: string;
}

type ArtifactRecord = Omit<ArtifactInfo, 'blobSize' | 'blobContentType'> & {
  blob: BlobSlot;
  path: string;
};

type Json = Record<string, unknown>;

class TwirpError extends Error {
  constructor(
    readonly status: number,
    msg: string,
    readonly code = twirpCode(status),
  ) {
    super(msg);
  }
}

class BlobError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string,
  ) {
    super(msg);
  }
}

function twirpCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'invalid_argument',
    401: 'unauthenticated',
    403: 'permission_denied',
    404: 'not_found',
    408: 'deadline_exceeded',
    409: 'already_exists',
    412: 'failed_precondition',
    429: 'resource_exhausted',
    501: 'unimplemented',
    503: 'unavailable',
  };
  return codes[status] ?? (status >= 500 ? 'internal' : 'unknown');
}

/** An unsigned JWT (`alg: none`) whose `scp` carries `Actions.Results:<runId>:<jobId>`, which is all
 *  @actions/artifact reads from ACTIONS_RUNTIME_TOKEN (the cache client never decodes it). */
export function runtimeToken(runId = 'run-1', jobId = 'job-1'): string {
  if (/[\s:]/.test(runId + jobId))
    throw new Error('run and job ids must not contain ":" or spaces');
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runId}:${jobId}`,
    iat: now,
    exp: now + 6 * 3600,
  };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** The env a process running the toolkit clients needs to talk to `server` (or to a bare URL such
 *  as `server.downUrl`). */
export function resultsEnv(
  server: { url: string } | string,
  ids: { runId?: string; jobId?: string } = {},
): Record<string, string> {
  const url = typeof server === 'string' ? server : server.url;
  return {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${url.replace(/\/+$/, '')}/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(ids.runId, ids.jobId),
    GITHUB_SERVER_URL: 'https://github.com',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** proto3 JSON unwraps wrapper types (`"x"`), but accept the `{"value":"x"}` form too. */
const wrapped = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : v && typeof v === 'object' && 'value' in v
        ? wrapped((v as { value: unknown }).value)
        : undefined;
/** int64 fields are JSON strings; numbers are accepted too. */
const int64 = (v: unknown): number | undefined => {
  const s = wrapped(v);
  if (s === undefined || !/^-?\d+$/.test(s)) return undefined;
  return Number(s);
};

function required(body: Json, field: string): string {
  const v = str(body[field]);
  if (!v) throw new TwirpError(400, `${field} is required`);
  return v;
}

/** RFC 6266 attachment with an ASCII fallback and the UTF-8 name, as blob storage sends it. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export async function startResultsServer(): Promise<ResultsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'results-server-'));
  const requests: RequestLogEntry[] = [];
  const faults: Faults = {};
  const blobs = new Map<string, BlobSlot>(); // by decoded pathname
  let caches: CacheRecord[] = [];
  let artifactList: ArtifactRecord[] = [];
  let seq = 0;
  let fileSeq = 0;
  let nextCacheId = 1;
  let nextArtifactId = 1;
  let base = '';

  const newSlot = (serve: BlobSlot['serve']): BlobSlot => {
    const n = ++fileSeq;
    return {
      n,
      sig: randomBytes(12).toString('hex'),
      file: join(dir, `blob-${n}`),
      committed: false,
      size: 0,
      blocks: [],
      staged: new Map(),
      serve,
    };
  };
  const signedUrl = (path: string, slot: BlobSlot): string => `${base}${path}?sig=${slot.sig}`;
  const dropSlot = async (path: string, slot: BlobSlot): Promise<void> => {
    blobs.delete(path);
    await Promise.all([
      rm(slot.file, { force: true }),
      ...[...slot.staged.values()].map((b) => rm(b.file, { force: true })),
    ]);
  };

  // ---------------------------------------------------------------- CacheService
  const cacheMethods: Record<string, (body: Json) => Json> = {
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
      const path = `/${ACCOUNT}/actions-cache/${id}`;
      const blob = newSlot(() => ({ contentType: 'application/octet-stream' }));
      blobs.set(path, blob);
      caches.push({ id, key, version, createdSeq: ++seq, blob, path });
      return { ok: true, signed_upload_url: signedUrl(path, blob) };
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
      return { ok: true, signed_download_url: signedUrl(hit.path, hit.blob), matched_key: hit.key };
    },
  };

  // ---------------------------------------------------------------- ArtifactService
  const ids = (body: Json): { runId: string; jobId: string } => ({
    runId: required(body, 'workflow_run_backend_id'),
    jobId: required(body, 'workflow_job_run_backend_id'),
  });
  const finalizedIn = (runId: string): ArtifactRecord[] =>
    artifactList.filter((a) => a.finalized && a.runId === runId);
  const listed = (a: ArtifactRecord): Json => ({
    workflow_run_backend_id: a.runId,
    workflow_job_run_backend_id: a.jobId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size ?? 0),
    created_at: a.createdAt,
    ...(a.hash ? { digest: a.hash } : {}),
  });
  const artifactMethods: Record<string, (body: Json) => Json> = {
    CreateArtifact(body) {
      const { runId, jobId } = ids(body);
      const name = required(body, 'name');
      if (faults.artifactCreateNotOk) return { ok: false };
      if (finalizedIn(runId).some((a) => a.name === name)) {
        throw new TwirpError(409, 'an artifact with this name already exists on the workflow run');
      }
      // An earlier attempt that never finalized is replaced.
      artifactList = artifactList.filter((a) => !(a.runId === runId && a.name === name));
      const mimeType = wrapped(body['mime_type']);
      const id = nextArtifactId++;
      const fileName = !mimeType || mimeType === 'application/zip' ? `${name}.zip` : name;
      const path = `/${ACCOUNT}/actions-results/${runId}/${id}/${fileName}`;
      const record: ArtifactRecord = {
        id,
        runId,
        jobId,
        name,
        mimeType,
        version: typeof body['version'] === 'number' ? body['version'] : undefined,
        expiresAt: str(body['expires_at']),
        finalized: false,
        createdAt: new Date().toISOString(),
        fileName,
        path,
        blob: newSlot(() => {
          // Zip artifacts are served as application/zip (the client unzips them); anything else
          // as an octet stream with its file name in Content-Disposition (the client saves it
          // under that name, else as "artifact").
          const zip = (record.mimeType ?? 'application/zip') === 'application/zip';
          return {
            contentType: zip ? 'application/zip' : 'application/octet-stream',
            disposition: contentDisposition(fileName),
          };
        }),
      };
      blobs.set(path, record.blob);
      artifactList.push(record);
      return { ok: true, signed_upload_url: signedUrl(path, record.blob) };
    },
    FinalizeArtifact(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = artifactList.find((a) => a.runId === runId && a.name === name && !a.finalized);
      if (!record) throw new TwirpError(404, 'artifact not found');
      if (!record.blob.committed) throw new TwirpError(412, 'no upload found for the artifact');
      record.size = int64(body['size']) ?? 0;
      record.hash = wrapped(body['hash']);
      record.finalized = true;
      return { ok: true, artifact_id: String(record.id) };
    },
    ListArtifacts(body) {
      const { runId } = ids(body);
      const nameFilter = wrapped(body['name_filter']);
      const idFilter = wrapped(body['id_filter']);
      const found = finalizedIn(runId).filter(
        (a) =>
          (nameFilter === undefined || a.name === nameFilter) &&
          (idFilter === undefined || String(a.id) === idFilter),
      );
      return { artifacts: found.map(listed) };
    },
    GetSignedArtifactURL(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = finalizedIn(runId).find((a) => a.name === name);
      if (!record) throw new TwirpError(404, 'artifact not found');
      return { signed_url: signedUrl(record.path, record.blob) };
    },
    DeleteArtifact(body) {
      const { runId } = ids(body);
      const name = required(body, 'name');
      const record = finalizedIn(runId).find((a) => a.name === name);
      if (!record) throw new TwirpError(404, 'artifact not found');
      artifactList = artifactList.filter((a) => a !== record);
      void dropSlot(record.path, record.blob);
      return { ok: true, artifact_id: String(record.id) };
    },
  };

  // ---------------------------------------------------------------- Twirp transport
  const handleTwirp = async (
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    service: string,
    method: string,
  ): Promise<void> => {
    const send = (status: number, body: Json): void => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    const raw = await readAll(req);
    try {
      const isCache = service === CACHE_SERVICE;
      const methods = isCache ? cacheMethods : service === ARTIFACT_SERVICE ? artifactMethods : {};
      const impl = Object.hasOwn(methods, method) ? methods[method] : undefined;
      if (!impl || req.method !== 'POST') {
        throw new TwirpError(404, `no handler for path "${entry.path}"`, 'bad_route');
      }
      let body: Json;
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
        body = parsed as Json;
        entry.body = body;
      } catch {
        throw new TwirpError(400, 'the json request could not be decoded', 'malformed');
      }
      if (!/^Bearer \S/.test(req.headers.authorization ?? '')) {
        throw new TwirpError(401, 'missing or malformed runtime token');
      }
      const fault = isCache ? faults.twirpStatus : faults.artifactStatus;
      if (fault && (!fault.methods || fault.methods.includes(method))) {
        throw new TwirpError(fault.status, fault.msg, fault.code);
      }
      send(200, impl(body));
    } catch (err) {
      if (!(err instanceof TwirpError)) throw err;
      send(err.status, { code: err.code, msg: err.message });
    }
  };

  // ---------------------------------------------------------------- Azure blob subset
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

  const handleBlob = async (
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
        entry.status = 201;
        res.writeHead(201, blobHeaders()).end();
        return;
      }
      if (req.method === 'PUT' && comp === 'blocklist') {
        const xml = (await readAll(req)).toString('utf8');
        if (!/<BlockList\s*>/.test(xml)) {
          throw new BlobError(
            400,
            'InvalidXmlDocument',
            'XML specified is not syntactically valid.',
          );
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
        entry.status = 201;
        res.writeHead(201, blobHeaders()).end();
        return;
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
        entry.status = 201;
        res.writeHead(201, blobHeaders()).end();
        return;
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

  // ---------------------------------------------------------------- dispatch
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const url = new URL(target, 'http://results-server.invalid');
    const twirp = /^\/twirp\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const service: RequestLogEntry['service'] = twirp
      ? twirp[1] === CACHE_SERVICE
        ? 'cache'
        : twirp[1] === ARTIFACT_SERVICE
          ? 'artifact'
          : 'other'
      : url.pathname.startsWith(`/${ACCOUNT}/`)
        ? 'blob'
        : 'other';
    const entry: RequestLogEntry = {
      service,
      method: twirp && service !== 'other' ? twirp[2]! : (req.method ?? 'GET'),
      path: target,
      status: 0,
      at: Date.now(),
    };
    requests.push(entry);
    if (faults.down) {
      req.socket.destroy();
      return;
    }
    if (faults.delayMs) await sleep(faults.delayMs);
    if (twirp) return handleTwirp(req, res, entry, twirp[1]!, twirp[2]!);
    if (service === 'blob') return handleBlob(req, res, entry, url);
    req.resume();
    entry.status = 404;
    res
      .writeHead(404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ code: 'bad_route', msg: `no handler for path "${url.pathname}"` }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A handler bug must show up in the test, not hang it: answer 500 (JSON) or drop the connection.
      if (!res.headersSent) {
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ code: 'internal', msg: String(err) }));
      } else res.destroy();
    });
  });
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  // A port that was just free: allocate it, close it, and hand it out as the unreachable service.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const downPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const newestCache = (key: string, version?: string): CacheRecord | undefined =>
    caches
      .filter((c) => c.key === key && c.finalizedSeq !== undefined)
      .filter((c) => version === undefined || c.version === version)
      .sort((a, b) => b.finalizedSeq! - a.finalizedSeq!)[0];

  return {
    url: base,
    downUrl: `http://127.0.0.1:${downPort}`,
    requests,
    faults,
    resetLog: () => void requests.splice(0),
    cacheEntries: () =>
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
    artifacts: () =>
      artifactList.map((a) => ({
        id: a.id,
        name: a.name,
        runId: a.runId,
        jobId: a.jobId,
        mimeType: a.mimeType,
        version: a.version,
        expiresAt: a.expiresAt,
        size: a.size,
        hash: a.hash,
        finalized: a.finalized,
        createdAt: a.createdAt,
        fileName: a.fileName,
        blobSize: a.blob.committed ? a.blob.size : undefined,
        blobContentType: a.blob.contentType,
      })),
    cacheBlob: async (key, version) => {
      const hit = newestCache(key, version);
      return hit ? readFile(hit.blob.file) : undefined;
    },
    artifactBlob: async (name) => {
      const hit = artifactList.filter((a) => a.finalized && a.name === name).at(-1);
      return hit ? readFile(hit.blob.file) : undefined;
    },
    clearCaches: async () => {
      const gone = caches;
      caches = [];
      await Promise.all(gone.map((c) => dropSlot(c.path, c.blob)));
    },
    clearArtifacts: async () => {
      const gone = artifactList;
      artifactList = [];
      await Promise.all(gone.map((a) => dropSlot(a.path, a.blob)));
    },
    stop: stopListening,
    start: () => (server.listening ? Promise.resolve() : listen(port)),
    close: async () => {
      await stopListening();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
