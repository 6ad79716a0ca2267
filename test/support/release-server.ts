// A loopback stand-in for go.dev/dl: the JSON release index and the archives, with switchable
// faults so the installer's retry, digest and short-body handling can be tested for real.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GoRelease } from '../../src/toolchain/releases.js';
import { compareGoVersionsDesc, goFixtures, type GoFixture } from './fixtures.js';
import { drained, writeFlushed } from './http-flow.js';

/** Mutable at any time; archive requests only, unless noted. */
export interface Faults {
  /** Flip one byte in the middle of the body (same length, so only the digest can tell). */
  tamperByte?: boolean;
  /** Announce the full Content-Length, then drop the connection after this many body bytes. */
  truncateAt?: number;
  /** The next `count` requests of ANY path answer `status`; `count` is decremented as they go. */
  failFirst?: { count: number; status: number };
  /** Pace the body at this rate (e.g. 25_000_000). */
  throttleBytesPerSec?: number;
  /** Archives answer 404. */
  status404?: boolean;
  /** The index (only) answers this status. */
  indexStatus?: number;
  /** Archives answer 302 to `/mirror/<filename>` (which serves them), as go.dev redirects to dl.google.com. */
  redirect?: boolean;
}

export interface RequestLogEntry {
  method: string;
  /** The request target as sent, query included: `/?mode=json&include=all`, `/go1.22.12.linux-amd64.tar.gz`. */
  path: string;
  /** The status actually sent (200 for a truncated body). */
  status: number;
  /** The Authorization header, when the client sent one. */
  authorization?: string;
}

export interface ReleaseServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123` (a `go-download-base-url`). */
  url: string;
  requests: RequestLogEntry[];
  faults: Faults;
  /** The index as served (with `include=all`). */
  releases: GoRelease[];
  close(): Promise<void>;
  resetLog(): void;
}

const CHUNK = 64 * 1024;

function releasesFrom(fixtures: GoFixture[], extra: GoRelease[]): GoRelease[] {
  const byVersion = new Map<string, GoRelease>();
  for (const f of fixtures) {
    const release = byVersion.get(f.version) ?? { version: f.version, stable: true, files: [] };
    release.files.push({
      filename: f.filename,
      os: 'linux',
      arch: 'amd64',
      version: f.version,
      sha256: f.sha256,
      size: f.size,
      kind: 'archive',
    });
    byVersion.set(f.version, release);
  }
  for (const r of extra) {
    const known = byVersion.get(r.version);
    if (known) known.files.push(...r.files);
    else byVersion.set(r.version, { ...r, files: [...r.files] });
  }
  return [...byVersion.values()].sort((a, b) => compareGoVersionsDesc(a.version, b.version));
}

async function streamArchive(
  res: ServerResponse,
  fixture: GoFixture,
  faults: Faults,
): Promise<void> {
  // Read the switches once, so a test flipping them mid-body cannot produce a mixed response.
  const { tamperByte, truncateAt, throttleBytesPerSec: rate } = faults;
  const tamperAt = tamperByte ? Math.floor(fixture.size / 2) : -1;
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(fixture.size),
  });
  const started = performance.now();
  let sent = 0;
  const stream = createReadStream(fixture.path, { highWaterMark: CHUNK });
  try {
    for await (const data of stream) {
      if (res.destroyed) return;
      let chunk = data as Buffer;
      if (tamperAt >= sent && tamperAt < sent + chunk.length) {
        chunk = Buffer.from(chunk); // never mutate a buffer the fs stream may reuse
        chunk[tamperAt - sent] = chunk[tamperAt - sent]! ^ 0xff;
      }
      if (truncateAt !== undefined && sent + chunk.length >= truncateAt) {
        // Wait until the bytes reach the kernel, then cut: the client sees N bytes and a premature close.
        await writeFlushed(res, chunk.subarray(0, truncateAt - sent));
        res.socket?.destroy();
        return;
      }
      if (!res.write(chunk)) await drained(res);
      sent += chunk.length;
      if (rate) {
        // Pace against the elapsed time since the first byte, so timer slack does not accumulate.
        const due = started + (sent / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
    }
    res.end();
  } finally {
    stream.destroy();
  }
}

export async function startReleaseServer(
  opts: { fixtures?: GoFixture[]; extraReleases?: GoRelease[] } = {},
): Promise<ReleaseServer> {
  const fixtures = opts.fixtures ?? (await goFixtures());
  const releases = releasesFrom(fixtures, opts.extraReleases ?? []);
  const byName = new Map(fixtures.map((f) => [f.filename, f]));
  const requests: RequestLogEntry[] = [];
  const faults: Faults = {};

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: target, status: 0 };
    if (req.headers.authorization !== undefined) entry.authorization = req.headers.authorization;
    requests.push(entry);
    const text = (status: number, body: string): void => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
    };
    if (faults.failFirst && faults.failFirst.count > 0) {
      faults.failFirst.count--;
      return text(faults.failFirst.status, `injected failure ${faults.failFirst.status}`);
    }
    if (entry.method !== 'GET') return text(405, 'method not allowed');
    const url = new URL(target, 'http://release-server.invalid');
    if (url.pathname === '/' && url.searchParams.get('mode') === 'json') {
      if (faults.indexStatus) return text(faults.indexStatus, 'injected index failure');
      // Like go.dev: without include=all only stable releases are listed.
      const all = url.searchParams.get('include') === 'all';
      const body = JSON.stringify(all ? releases : releases.filter((r) => r.stable), null, 1);
      entry.status = 200;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
      return;
    }
    const mirrored = url.pathname.startsWith('/mirror/');
    const name = decodeURIComponent(url.pathname.slice(mirrored ? '/mirror/'.length : 1));
    const fixture = byName.get(name);
    if (!fixture) return text(404, 'not found');
    if (faults.status404) return text(404, 'not found (injected)');
    if (faults.redirect && !mirrored) {
      entry.status = 302;
      res.writeHead(302, { Location: `/mirror/${encodeURIComponent(name)}` }).end();
      return;
    }
    entry.status = 200;
    await streamArchive(res, fixture, faults);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A handler bug must show up in the test, not hang it: answer 500 or drop the connection.
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    releases,
    resetLog: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets (fetch/undici pools them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
