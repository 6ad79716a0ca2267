// A loopback Go checksum database: a real transparency log (RFC 6962 hashes, stored as levels),
// its tiles served at /tile/8/<L>/<N>[.p/<W>], tree heads signed as notes with a test Ed25519
// key, /latest and /lookup/<module>@<version> as sum.golang.org answers them, plus switchable
// lies (a bad signature, a record that is not in the tree, a tile that does not add up, a head
// of a forked log) so that the client's refusals are tested against real bytes.
//
// Written from the protocol (`go help module-auth`, golang.org/x/mod/sumdb/{note,tlog}), not
// from the client in src/, so the two check each other.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const H = 8;
const W = 1 << H;

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const leafHash = (data: Buffer): Buffer => sha256(Buffer.from([0]), data);
export const nodeHash = (l: Buffer, r: Buffer): Buffer => sha256(Buffer.from([1]), l, r);

/** An append-only log: `levels[l][i]` is the hash of the complete subtree of 2^l leaves at i. */
export class TestLog {
  readonly records: Buffer[] = [];
  readonly levels: Buffer[][] = [[]];

  append(record: Buffer): number {
    const id = this.records.length;
    this.records.push(record);
    let h = leafHash(record);
    let i = id;
    for (let l = 0; ; l++) {
      (this.levels[l] ??= [])[i] = h;
      if (i % 2 === 0) break;
      h = nodeHash(this.levels[l]![i - 1]!, h);
      i = (i - 1) / 2;
    }
    return id;
  }

  get size(): number {
    return this.records.length;
  }

  /** RFC 6962 Merkle tree hash of leaves [lo, hi); complete subtrees come from the levels. */
  rangeHash(lo: number, hi: number): Buffer {
    if (hi - lo === 0) return sha256();
    const level = Math.log2(hi - lo);
    if (Number.isInteger(level)) return this.levels[level]![lo / (hi - lo)]!;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    return nodeHash(this.rangeHash(lo, lo + k), this.rangeHash(lo + k, hi));
  }

  root(size = this.size): Buffer {
    return this.rangeHash(0, size);
  }

  /** Tile data for a tree of `size` records, or undefined if no such tile. */
  tile(level: number, index: number, width: number, size = this.size): Buffer | undefined {
    const count = Math.floor(size / 2 ** (level * H));
    if (width < 1 || width > W || index * W + width > count) return undefined;
    const hashes = this.levels[level * H] ?? [];
    return Buffer.concat(hashes.slice(index * W, index * W + width));
  }
}

/** Tile path → coordinates, or undefined: `8/<L>/[x001/]005[.p/<W>]`. */
export function parseTilePath(
  p: string,
): { level: number; index: number; width: number } | undefined {
  const m = /^8\/(\d+)\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/(\d+))?$/.exec(p);
  if (!m) return undefined;
  const groups = [...(m[2] ?? '').matchAll(/x(\d{3})\//g)].map((g) => g[1]!);
  const index = Number([...groups, m[3]!].join(''));
  return { level: Number(m[1]), index, width: m[4] ? Number(m[4]) : W };
}

export interface TestKey {
  name: string;
  /** `name+hash+base64key`, a GOSUMDB value. */
  verifier: string;
  privateKey: KeyObject;
  hash: Buffer;
}

export function makeKey(name: string): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyData = Buffer.concat([Buffer.from([1]), raw]);
  const hash = sha256(Buffer.from(`${name}\n`), keyData).subarray(0, 4);
  return {
    name,
    verifier: `${name}+${hash.toString('hex')}+${keyData.toString('base64')}`,
    privateKey,
    hash,
  };
}

/** A signed note; `corrupt` flips a bit of each signature (still well-formed base64). */
export function signNote(text: string, keys: TestKey[], corrupt = false): Buffer {
  const lines = keys.map((k) => {
    const sig = sign(null, Buffer.from(text), k.privateKey);
    if (corrupt) sig[0] = sig[0]! ^ 0x01;
    return `\u2014 ${k.name} ${Buffer.concat([k.hash, sig]).toString('base64')}\n`;
  });
  return Buffer.from(`${text}\n${lines.join('')}`);
}

export function treeText(size: number, root: Buffer): string {
  return `go.sum database tree\n${size}\n${root.toString('base64')}\n`;
}

export interface SumDbLies {
  /** Heads are signed by this key instead of the database's (a bad or unknown signature). */
  signWith?: TestKey;
  /** Flip a bit of every signature. */
  corruptSignature?: boolean;
  /** The lookup answers this record text instead of the logged one (not in the tree). */
  record?: (logged: string) => string;
  /** Flip a byte of every tile served. */
  corruptTiles?: boolean;
  /**
   * A forked log: /latest is signed for a second log holding other records, with this many
   * records, while lookups and tiles come from the real one.
   */
  forkLatest?: number;
}

export interface SumDbServer {
  url: string;
  name: string;
  key: TestKey;
  log: TestLog;
  /** GOSUMDB in URL form: `<name>+<hash>+<key> <url>`. */
  gosumdb: string;
  lies: SumDbLies;
  requests: Array<{ path: string; status: number }>;
  /** Adds `<module> <version> h1:…\n<module> <version>/go.mod h1:…\n` as one record. */
  add(module: string, version: string, h1: string, modH1: string): number;
  close(): Promise<void>;
}

export async function startSumDb(name = 'sum.test.example'): Promise<SumDbServer> {
  const key = makeKey(name);
  const log = new TestLog();
  const ids = new Map<string, number>();
  const lies: SumDbLies = {};
  const requests: SumDbServer['requests'] = [];
  // Unrelated records first, so trees span more than one tile and proofs have depth.
  for (let i = 0; i < 300; i++) {
    log.append(
      Buffer.from(
        `example.com/filler${i} v1.0.0 h1:${sha256(Buffer.from(String(i))).toString('base64')}\n`,
      ),
    );
  }

  const signed = (text: string): Buffer => {
    return signNote(text, [lies.signWith ?? key], lies.corruptSignature);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const send = (status: number, body: Buffer | string): void => {
      requests.push({ path, status });
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
    };
    if (path === '/latest') {
      if (lies.forkLatest !== undefined) {
        const other = new TestLog();
        for (let i = 0; i < lies.forkLatest; i++) other.append(Buffer.from(`fork ${i}\n`));
        return send(200, signed(treeText(other.size, other.root())));
      }
      return send(200, signed(treeText(log.size, log.root())));
    }
    if (path.startsWith('/lookup/')) {
      const id = ids.get(path.slice('/lookup/'.length));
      if (id === undefined) return send(404, 'not found\n');
      const logged = log.records[id]!.toString();
      const record = lies.record ? lies.record(logged) : logged;
      const head = signed(treeText(log.size, log.root()));
      return send(200, Buffer.concat([Buffer.from(`${id}\n${record}\n`), head]));
    }
    if (path.startsWith('/tile/')) {
      const t = parseTilePath(path.slice('/tile/'.length));
      const data = t && log.tile(t.level, t.index, t.width);
      if (!data) return send(404, 'no such tile\n');
      const out = Buffer.from(data);
      if (lies.corruptTiles) for (let i = 0; i < out.length; i += 32) out[i] = out[i]! ^ 0x01;
      return send(200, out);
    }
    send(404, 'not found\n');
  };

  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    name,
    key,
    log,
    gosumdb: `${key.verifier} ${url}`,
    lies,
    requests,
    add(module, version, h1, modH1) {
      const id = log.append(
        Buffer.from(`${module} ${version} ${h1}\n${module} ${version}/go.mod ${modH1}\n`),
      );
      ids.set(`${module}@${version}`, id);
      return id;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
