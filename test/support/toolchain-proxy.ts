// Go toolchains as the module golang.org/toolchain, and a loopback module proxy serving them.
//
// The zips are made once per machine from the Go fixtures (test/support/go-fixtures.sh), lazily,
// into `<fixturesDir>/toolchain/` (with an `.h1` sidecar). The layout is the one the go command
// unpacks for GOTOOLCHAIN: every member under `golang.org/toolchain@v0.0.1-go<version>.linux-amd64/`,
// the Go tree's files directly below it (`bin/go`, `VERSION`, `src/…`; no `go/` directory), a
// `go.mod` saying `module golang.org/toolchain` at the root, and execute bits recorded as Unix
// modes. The proxy answers the GOPROXY protocol for that module (`/@v/list`, `.info`, `.mod`,
// `.zip`), forwards `/sumdb/<name>/…` to a checksum database when given one (as proxies that
// serve sum.golang.org do), and has switchable faults.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { extractedGoroot, fixturesDir, type GoFixture } from './fixtures.js';
import { crc32, hash1 } from './goproxy.js';

export const MODULE = 'golang.org/toolchain';
export const GO_MOD = `module ${MODULE}\n`;

export interface ToolchainZip {
  /** `go1.24.4` */
  goVersion: string;
  /** `v0.0.1-go1.24.4.linux-amd64` */
  moduleVersion: string;
  path: string;
  size: number;
  /** The zip's `h1:` (what the checksum database records). */
  h1: string;
  /** The `h1:` of go.mod alone (the `/go.mod` line). */
  modH1: string;
}

export function moduleVersionOf(goVersion: string, os = 'linux', arch = 'amd64'): string {
  return `v0.0.1-${goVersion}.${os}-${arch}`;
}

export const goModH1 = (): string => hash1([{ name: 'go.mod', data: GO_MOD }]);

async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, r)));
    else if (e.isFile()) out.push(r);
    else throw new Error(`${join(dir, r)}: not a regular file (fixture trees have none)`);
  }
  return out;
}

/**
 * Writes a zip of `files` (name → bytes, mode) to `out`: deflated members, Unix modes in the
 * central directory, no directory entries, no zip64 (a Go tree has far fewer than 65535 files
 * and is far below 4 GiB).
 */
async function writeZip(
  out: string,
  files: AsyncIterable<{ name: string; data: Buffer; mode: number }>,
): Promise<void> {
  const fh = await open(out, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  try {
    for await (const { name, data, mode } of files) {
      const nameBytes = Buffer.from(name, 'utf8');
      const body = deflateRawSync(data, { level: 6 });
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(8, 8); // deflate
      local.writeUInt16LE(0x21, 12); // 1980-01-01
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      await fh.write(Buffer.concat([local, nameBytes, body]));
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(0x21, 14);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(body.length, 20);
      c.writeUInt32LE(data.length, 24);
      c.writeUInt16LE(nameBytes.length, 28);
      c.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
      c.writeUInt32LE(offset, 42);
      central.push(c, nameBytes);
      offset += local.length + nameBytes.length + body.length;
      count++;
    }
    const dir = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    await fh.write(Buffer.concat([dir, end]));
  } finally {
    await fh.close();
  }
}

const building = new Map<string, Promise<ToolchainZip>>();

/** The golang.org/toolchain zip of a fixture, built on first use and kept beside the fixtures. */
export function toolchainZip(fixture: GoFixture): Promise<ToolchainZip> {
  let pending = building.get(fixture.version);
  if (!pending) {
    pending = buildZip(fixture);
    building.set(fixture.version, pending);
    pending.catch(() => building.delete(fixture.version));
  }
  return pending;
}

async function buildZip(fixture: GoFixture): Promise<ToolchainZip> {
  const moduleVersion = moduleVersionOf(fixture.version);
  const dir = join(fixturesDir(), 'toolchain');
  const path = join(dir, `${moduleVersion}.zip`);
  const sidecar = `${path}.h1`;
  const made = { goVersion: fixture.version, moduleVersion, path, modH1: goModH1() };
  try {
    const [st, h1] = await Promise.all([stat(path), readFile(sidecar, 'utf8')]);
    return { ...made, size: st.size, h1: h1.trim() };
  } catch {
    // not built yet
  }
  await mkdir(dir, { recursive: true });
  const goroot = await extractedGoroot(fixture.minor);
  const prefix = `${MODULE}@${moduleVersion}/`;
  const names = [...(await walk(goroot)), 'go.mod'];
  const sums: Array<{ name: string; data: Buffer }> = [];
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  async function* members() {
    for (const rel of names) {
      const data = rel === 'go.mod' ? Buffer.from(GO_MOD) : await readFile(join(goroot, rel));
      const mode = rel === 'go.mod' ? 0o644 : (await stat(join(goroot, rel))).mode & 0o777;
      // Only the digest is kept for the h1: a whole tree in memory would be ~300 MB.
      sums.push({ name: prefix + rel, data: createHash('sha256').update(data).digest() });
      yield { name: prefix + rel, data, mode };
    }
  }
  try {
    await writeZip(tmp, members());
    const h1 = hash1Of(sums);
    await writeFile(`${sidecar}.tmp`, `${h1}\n`);
    await rename(tmp, path);
    await rename(`${sidecar}.tmp`, sidecar);
    return { ...made, size: (await stat(path)).size, h1 };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Hash1 from per-file sha256 digests (goproxy.ts's hash1 takes the contents). */
function hash1Of(files: Array<{ name: string; data: Buffer }>): string {
  const sorted = [...files].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  );
  const summary = createHash('sha256');
  for (const f of sorted) summary.update(`${f.data.toString('hex')}  ${f.name}\n`);
  return `h1:${summary.digest('base64')}`;
}

export interface ProxyFaults {
  /** Every request answers this status. */
  status?: number;
  /** Flip one byte in the middle of every zip (same length). */
  tamperZip?: boolean;
  /** Serve this file as every zip instead. */
  zipFile?: string;
  /** Answer 404 to `/sumdb/<name>/supported`, as a proxy that does not serve the database. */
  noSumdb?: boolean;
}

export interface ToolchainProxyServer {
  url: string;
  requests: Array<{ path: string; status: number }>;
  faults: ProxyFaults;
  close(): Promise<void>;
}

/**
 * A module proxy for golang.org/toolchain. `list` are the Go versions it lists (linux-amd64, plus
 * a darwin-arm64 entry for each, as real proxies list every platform); `zips` what it can serve.
 * With `sumdb`, `/sumdb/<sumdbName>/…` is forwarded to that database's URL.
 */
export async function startToolchainProxy(opts: {
  list: string[];
  zips: ToolchainZip[];
  sumdb?: { name: string; url: string };
}): Promise<ToolchainProxyServer> {
  const requests: ToolchainProxyServer['requests'] = [];
  const faults: ProxyFaults = {};
  const zips = new Map(opts.zips.map((z) => [z.moduleVersion, z]));
  const listed = opts.list.flatMap((v) => [
    moduleVersionOf(v),
    moduleVersionOf(v, 'darwin', 'arm64'),
  ]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const entry = { path, status: 0 };
    requests.push(entry);
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      entry.status = status;
      res.writeHead(status, { 'Content-Type': type }).end(body);
    };
    if (faults.status) return send(faults.status, `injected ${faults.status}\n`);
    if (opts.sumdb && !faults.noSumdb && path.startsWith(`/sumdb/${opts.sumdb.name}/`)) {
      const rest = path.slice(`/sumdb/${opts.sumdb.name}`.length);
      if (rest === '/supported') return send(200, '');
      return forward(`${opts.sumdb.url}${rest}`, res, entry);
    }
    const base = `/${MODULE}/@v/`;
    if (!path.startsWith(base)) return send(404, 'not found\n');
    const file = path.slice(base.length);
    if (file === 'list') return send(200, listed.map((v) => `${v}\n`).join(''));
    const m = /^(v0\.0\.1-go[^/]+)\.(info|mod|zip)$/.exec(file);
    if (!m || !listed.includes(m[1]!)) return send(404, 'not found\n');
    if (m[2] === 'info')
      return send(200, `${JSON.stringify({ Version: m[1], Time: '2025-01-01T00:00:00Z' })}\n`);
    if (m[2] === 'mod') return send(200, GO_MOD);
    const zip = zips.get(m[1]!);
    if (!zip) return send(404, 'not found\n');
    const source = faults.zipFile ?? zip.path;
    const size = (await stat(source)).size;
    entry.status = 200;
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(size) });
    const tamperAt = faults.tamperZip ? Math.floor(size / 2) : -1;
    let sent = 0;
    for await (const data of createReadStream(source, { highWaterMark: 1 << 20 })) {
      let chunk = data as Buffer;
      if (tamperAt >= sent && tamperAt < sent + chunk.length) {
        chunk = Buffer.from(chunk);
        chunk[tamperAt - sent] = chunk[tamperAt - sent]! ^ 0xff;
      }
      sent += chunk.length;
      if (!res.write(chunk)) await new Promise<void>((r) => res.once('drain', () => r()));
    }
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    faults,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function forward(url: string, res: ServerResponse, entry: { status: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, (up) => {
      entry.status = up.statusCode ?? 502;
      res.writeHead(entry.status, up.headers);
      up.pipe(res).on('finish', resolve).on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
