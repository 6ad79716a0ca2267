// Where a cache archive's members may go, and what a bad archive leaves: the confined, staged
// extraction (extract.ts) and the download → zstd → tar pipeline (restore-archive.ts) against a
// loopback server that serves crafted bodies, cut-off ones too.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memberPath, MemberError, removeStaleStaging, safeMode } from '../../src/cache/extract.js';
import { BadArchive, DownloadError, restoreArchive } from '../../src/cache/restore-archive.js';
import { tarGz, type TarEntry } from '../../test/support/tar-writer.js';

let tmp: string;
let ws: string;
let cacheDir: string;
let victim: string;
let server: Server;
let base: string;
const bodies = new Map<string, { body: Buffer; cutAt?: number }>();
const ENTRY = `ab/${'ab'.repeat(32)}-d`;
/** The workspace is <tmp>/work/app/app: a member `../../../home/.cache/go-build/x` is in GOCACHE. */
const UP = '../../../home/.cache/go-build';

const zstd = (tar: Buffer) => execFileSync('zstd', ['-q', '-c'], { input: tar });
const tarOf = (entries: TarEntry[]) => gunzipSync(tarGz(entries));

/** Every path under `dir` with its type and content, links not followed. */
function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((rel) => {
      const st = fs.lstatSync(path.join(dir, rel));
      if (st.isSymbolicLink()) return `${rel} -> ${fs.readlinkSync(path.join(dir, rel))}`;
      return st.isFile() ? `${rel} ${fs.readFileSync(path.join(dir, rel), 'utf8')}` : `${rel}/`;
    });
}

async function restore(_name: string, body: Buffer, cutAt?: number) {
  const id = `body-${bodies.size}`;
  bodies.set(id, { body, cutAt });
  return restoreArchive({
    url: `${base}/${id}`,
    compression: 'zstd-without-long',
    cacheDir,
    workspace: ws,
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-extract-'));
  ws = path.join(tmp, 'work', 'app', 'app');
  server = createServer((req, res) => {
    const hit = bodies.get(req.url!.slice(1));
    if (!hit) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Length': hit.body.length });
    if (hit.cutAt === undefined) return void res.end(hit.body);
    res.write(hit.body.subarray(0, hit.cutAt), () => res.socket?.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  fs.rmSync(path.join(tmp, 'home'), { recursive: true, force: true });
  fs.rmSync(path.join(tmp, 'victim'), { recursive: true, force: true });
  cacheDir = path.join(tmp, 'home', '.cache', 'go-build');
  victim = path.join(tmp, 'victim');
  fs.mkdirSync(victim, { recursive: true });
  fs.writeFileSync(path.join(victim, 'secret.txt'), 'secret');
  fs.mkdirSync(ws, { recursive: true });
});

describe('memberPath', () => {
  it('resolves names against the workspace and keeps them inside the cache dir', () => {
    const dir = path.join(tmp, 'home', '.cache', 'go-build');
    expect(memberPath(ws, dir, `${UP}/${ENTRY}`)).toBe(ENTRY);
    expect(memberPath(ws, dir, `${UP}/`)).toBe('');
    expect(memberPath(ws, dir, path.join(dir, 'ab', 'x'))).toBe('ab/x');
    expect(memberPath(ws, dir, `${UP}/ab/../cd/x`)).toBe('cd/x');
    for (const name of [
      `${UP}/../../victim/x`,
      `${UP}/ab/../../go-build2/x`,
      '/etc/passwd',
      `${UP}x/y`,
    ])
      expect(() => memberPath(ws, dir, name)).toThrow(MemberError);
    expect(() => memberPath(ws, dir, '../x\n::error::forged')).toThrow(
      /^member "\.\.\/x\\n:\\u003aerror:\\u003aforged" is outside the cache dir /,
    );
  });

  it('drops setuid, setgid, sticky and write for others; keeps the owner able to read', () => {
    expect(safeMode(0o6777, 'file').toString(8)).toBe('755');
    expect(safeMode(0o1777, 'dir').toString(8)).toBe('755');
    expect(safeMode(0o444, 'file').toString(8)).toBe('444');
    expect(safeMode(0o555, 'dir').toString(8)).toBe('555');
    expect(safeMode(0o000, 'file').toString(8)).toBe('400');
    expect(safeMode(0o000, 'dir').toString(8)).toBe('500');
  });
});

describe('restoreArchive', () => {
  it('unpacks a good archive: modes sanitised, FIFOs dropped, read-only dirs applied last', async () => {
    const tar = tarOf([
      { name: `${UP}/`, type: 'dir' },
      { name: `${UP}/m@v1/`, type: 'dir', mode: 0o555 },
      { name: `${UP}/m@v1/go.mod`, content: 'module m\n', mode: 0o444 },
      { name: `${UP}/${ENTRY}`, content: 'output', mode: 0o6755 },
    ]);
    // A FIFO member: type 6 in place of a file's 0 (the writer has no FIFO type).
    const fifo = tarOf([{ name: `${UP}/fifo`, content: '' }]);
    fifo[156] = '6'.charCodeAt(0);
    fifo.fill(0x20, 148, 156);
    fifo.write(
      `${fifo
        .subarray(0, 512)
        .reduce((n, b) => n + b, 0)
        .toString(8)
        .padStart(6, '0')}\0 `,
      148,
      'latin1',
    );
    const r = await restore('good', zstd(Buffer.concat([fifo.subarray(0, 512), tar])));
    expect(r.stats).toMatchObject({ files: 2, dropped: 1 });
    expect(listing(cacheDir)).toEqual([
      'ab/',
      `${ENTRY} output`,
      'm@v1/',
      'm@v1/go.mod module m\n',
    ]);
    expect((fs.statSync(path.join(cacheDir, 'm@v1')).mode & 0o7777).toString(8)).toBe('555');
    expect((fs.statSync(path.join(cacheDir, ENTRY)).mode & 0o7777).toString(8)).toBe('755');
    expect(fs.statSync(path.join(cacheDir, ENTRY)).mtimeMs).toBe(1_700_000_000_000);
  });

  it("drops members under another restore's staging name, and refuses a file at the cache dir", async () => {
    const staging = `${UP}/.go-paas-build-restore-host-1-00`;
    const r = await restore(
      'staging',
      zstd(
        tarOf([
          { name: `${staging}/`, type: 'dir' },
          { name: `${staging}/x`, content: 'x' },
        ]),
      ),
    );
    expect(r.stats).toMatchObject({ files: 0, dropped: 2 });
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    const self = await restore('self', zstd(tarOf([{ name: UP, content: 'x' }]))).catch(
      (e: unknown) => e,
    );
    expect((self as Error).message).toBe(`member "${UP}" is the cache dir itself`);
  });

  const hostile: Record<string, (v: string) => TarEntry[]> = {
    'a member with ..': () => [{ name: `${UP}/../../victim/pwned`, content: 'x' }],
    'an absolute member outside': (v) => [{ name: `${v}/pwned`, content: 'x' }],
    'a symlink member': (v) => [
      { name: `${UP}/ab/`, type: 'dir' },
      { name: `${UP}/ab/link`, type: 'symlink', target: v },
      { name: `${UP}/ab/link/pwned`, content: 'x' },
    ],
    'a hard link member': (v) => [
      { name: `${UP}/${ENTRY}`, type: 'hardlink', target: `${v}/secret.txt` },
    ],
    'a file named twice': () => [
      { name: `${UP}/${ENTRY}`, content: 'one' },
      { name: `${UP}/${ENTRY}`, content: 'two' },
    ],
  };
  for (const [name, entries] of Object.entries(hostile)) {
    it(`discards ${name}: nothing outside, nothing of it left, the cache dir as it was`, async () => {
      fs.mkdirSync(path.join(cacheDir, 'cd'), { recursive: true });
      fs.writeFileSync(path.join(cacheDir, 'cd', 'kept'), 'kept');
      const before = [listing(cacheDir), listing(victim)];
      const good = [{ name: `${UP}/ab/${'cd'.repeat(32)}-a`, content: 'first' }];
      const err = await restore(name, zstd(tarOf([...good, ...entries(victim)]))).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BadArchive);
      expect([listing(cacheDir), listing(victim)]).toEqual(before);
    });
  }

  it('tells a cut-off download (a fault) from a bad body (discarded), and leaves nothing', async () => {
    const good = zstd(tarOf([{ name: `${UP}/${ENTRY}`, content: 'x'.repeat(100_000) }]));
    const cut = await restore('cut', good, 100).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(DownloadError);
    expect((cut as Error).message).toMatch(/^the download was cut off after 100 of \d+ bytes$/);
    const plain = await restore('plain', tarOf([{ name: `${UP}/x`, content: 'x' }])).catch(
      (e: unknown) => e,
    );
    expect((plain as Error).message).toMatch(
      /^zstd could not decompress it \(".*unsupported format"\)$/,
    );
    const whole = tarOf([{ name: `${UP}/${ENTRY}`, content: 'y'.repeat(5000) }]);
    const short = await restore('short', zstd(whole.subarray(0, 2048))).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(BadArchive);
    expect((short as Error).message).toMatch(/ends in the middle of a member/);
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 2] = corrupt[corrupt.length - 2]! ^ 0xff;
    expect(await restore('corrupt', corrupt).catch((e: unknown) => e)).toBeInstanceOf(BadArchive);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});

describe('removeStaleStaging', () => {
  it('removes what a dead restore left, and not a live one', () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    const host =
      os
        .hostname()
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 32) || 'host';
    const dead = path.join(cacheDir, `.go-paas-build-restore-${host}-999999999-00`);
    const live = path.join(cacheDir, `.go-paas-build-restore-${host}-${process.pid}-00`);
    for (const d of [dead, live]) fs.mkdirSync(path.join(d, 'ab'), { recursive: true });
    removeStaleStaging(cacheDir);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(live)]);
  });
});
