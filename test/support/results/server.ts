// The one loopback HTTP server that plays GitHub's "results" service. @actions/cache and
// @actions/artifact both find it through ACTIONS_RESULTS_URL (see env.ts). This module routes each
// request to one of three parts:
// - `/twirp/…CacheService/<Method>` goes to cache-service.ts.
// - `/twirp/…ArtifactService/<Method>` goes to artifact-service.ts.
// - `/devstoreaccount1/…` goes to blob-store.ts (the signed upload and download URLs).
// Anything else answers a JSON 404. The module also keeps the request log, applies the faults that
// touch every request (`down`, `delayMs`), and can stop and start listening on the same port.
// Tests start one per file, point the action at it, then read its log, entries and artifacts.
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ARTIFACT_SERVICE,
  artifactService,
  type ArtifactFaults,
  type ArtifactInfo,
} from './artifact-service.js';
import { blobStore, isBlobPath, type BlobFaults } from './blob-store.js';
import {
  CACHE_SERVICE,
  cacheService,
  type CacheEntryInfo,
  type CacheFaults,
} from './cache-service.js';
import { handleTwirp } from './twirp.js';

/** Mutable at any time. The service-specific switches are documented where they act. */
export interface Faults extends CacheFaults, ArtifactFaults, BlobFaults {
  /** Every request's connection is reset without an answer (the client sees ECONNRESET). For a
   *  refused connection use `stop()`/`start()` or `downUrl`. */
  down?: boolean;
  /** Every response (Twirp and blob) is held back this long. */
  delayMs?: number;
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
  /** The request's headers, for blob requests (what a signed URL is sent). */
  headers?: IncomingHttpHeaders;
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
  /** Saves `body` as the entry `key` of `version`, the way a client does (reserve, upload,
   *  finalize): for archives a test crafts. The calls go into the request log. */
  putCacheEntry(key: string, version: string, body: Buffer): Promise<void>;
  clearArtifacts(): Promise<void>;
  /** Stop listening (connections to `url` are refused) until `start()`; state is kept. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Stop and remove the server's temp dir. */
  close(): Promise<void>;
}

export async function startResultsServer(): Promise<ResultsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'results-server-'));
  const requests: RequestLogEntry[] = [];
  const faults: Faults = {};
  let base = '';
  const blobs = blobStore(dir, faults, () => base);
  const cache = cacheService(blobs, faults);
  const artifacts = artifactService(blobs, faults);

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
      : isBlobPath(url.pathname)
        ? 'blob'
        : 'other';
    const entry: RequestLogEntry = {
      service,
      method: twirp && service !== 'other' ? twirp[2]! : (req.method ?? 'GET'),
      path: target,
      status: 0,
      at: Date.now(),
      ...(service === 'blob' ? { headers: req.headers } : {}),
    };
    requests.push(entry);
    if (faults.down) {
      req.socket.destroy();
      return;
    }
    if (faults.delayMs) await sleep(faults.delayMs);
    if (twirp) {
      const impl = service === 'cache' ? cache : service === 'artifact' ? artifacts : undefined;
      return handleTwirp(req, res, entry, impl, twirp[2]!);
    }
    if (service === 'blob') return blobs.handle(req, res, entry, url);
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

  return {
    url: base,
    downUrl: `http://127.0.0.1:${downPort}`,
    requests,
    faults,
    resetLog: () => void requests.splice(0),
    cacheEntries: () => cache.entries(),
    artifacts: () => artifacts.list(),
    cacheBlob: (key, version) => cache.blob(key, version),
    artifactBlob: (name) => artifacts.blob(name),
    clearCaches: () => cache.clear(),
    putCacheEntry: async (key, version, body) => {
      const call = async (method: string, req: unknown): Promise<Record<string, unknown>> => {
        const res = await fetch(`${base}/twirp/${CACHE_SERVICE}/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test' },
          body: JSON.stringify(req),
        });
        const answer = (await res.json()) as Record<string, unknown>;
        if (!res.ok || answer.ok !== true) throw new Error(`${method}: ${JSON.stringify(answer)}`);
        return answer;
      };
      const created = await call('CreateCacheEntry', { key, version });
      const put = await fetch(String(created.signed_upload_url), {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body,
      });
      if (put.status !== 201) throw new Error(`blob upload answered ${put.status}`);
      await call('FinalizeCacheEntryUpload', { key, version, size_bytes: String(body.length) });
    },
    clearArtifacts: () => artifacts.clear(),
    stop: stopListening,
    start: () => (server.listening ? Promise.resolve() : listen(port)),
    close: async () => {
      await stopListening();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
