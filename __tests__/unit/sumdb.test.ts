import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { keyHash, NoteError, openNote, parseVerifierKey } from '../../src/toolchain/note.js';
import {
  parseGoSumDb,
  parseLookup,
  parseTreeNote,
  recordedHash,
  SUM_GOLANG_ORG_KEY,
  tileReader,
  verifiedHash,
  type Fetch,
} from '../../src/toolchain/sumdb.js';
import {
  nodeHash,
  proveConsistent,
  proveRecord,
  recordHash,
  tileFor,
  tilePath,
  treeHash,
  type HashReader,
} from '../../src/toolchain/tlog.js';
import { HttpStatusError } from '../../src/toolchain/http.js';
import {
  makeKey,
  parseTilePath,
  signNote,
  TestLog,
  treeText,
} from '../../test/support/sumdb-server.js';

const hex = (b: Buffer): string => b.toString('hex');

/** A fetch of tiles straight from a TestLog, as a database of `size` records serves them. */
function logFetch(log: TestLog, size = log.size): Fetch {
  return async (url) => {
    const t = parseTilePath(url.replace(/^.*?\/tile\//, ''));
    const data = t && log.tile(t.level, t.index, t.width, size);
    if (!data) throw new HttpStatusError(url, 404);
    return data;
  };
}

function logOf(n: number, tag = 'r'): TestLog {
  const log = new TestLog();
  for (let i = 0; i < n; i++) log.append(Buffer.from(`${tag} ${i}\n`));
  return log;
}

describe('RFC 6962 hashing (the published Certificate Transparency vectors)', () => {
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ].map((h) => Buffer.from(h, 'hex'));
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('gives the reference root for every tree size 0 to 8', async () => {
    const log = new TestLog();
    for (const l of leaves) log.append(l);
    for (let n = 1; n <= 8; n++) {
      expect(hex(await treeHash(n, tileReader('', n, logFetch(log, n)))), `size ${n}`).toBe(
        roots[n - 1],
      );
    }
    expect(hex(await treeHash(0, tileReader('', 0, logFetch(log, 0))))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(recordHash(Buffer.alloc(0)))).toBe(roots[0]);
  });
});

describe('tiles', () => {
  it('paths group the index in threes, x-prefixed, and name partial tiles', () => {
    expect(tilePath({ level: 0, index: 5, width: 256 })).toBe('tile/8/0/005');
    expect(tilePath({ level: 1, index: 999, width: 256 })).toBe('tile/8/1/999');
    expect(tilePath({ level: 0, index: 1000, width: 3 })).toBe('tile/8/0/x001/000.p/3');
    expect(tilePath({ level: 2, index: 1234067, width: 256 })).toBe('tile/8/2/x001/x234/067');
    for (const index of [0, 7, 999, 1000, 1234067, 2_000_000_000]) {
      const back = parseTilePath(tilePath({ level: 0, index, width: 9 }).slice('tile/'.length));
      expect(back).toEqual({ level: 0, index, width: 9 });
    }
  });

  it('place a subtree in the tile of its level, partial at the right edge', () => {
    // 700 records: level-0 tiles 0 and 1 are full, tile 2 holds 188 hashes.
    expect(tileFor(0, 650, 700)).toEqual({
      tile: { level: 0, index: 2, width: 188 },
      start: 138,
      count: 1,
    });
    // Level 3, index 10: leaves 80…87, eight level-0 hashes of full tile 0.
    expect(tileFor(3, 10, 700)).toEqual({
      tile: { level: 0, index: 0, width: 256 },
      start: 80,
      count: 8,
    });
    // Level 9, index 0: two level-8 hashes of tile (1, 0), which has 2 of them at 700 records.
    expect(tileFor(9, 0, 700)).toEqual({
      tile: { level: 1, index: 0, width: 2 },
      start: 0,
      count: 2,
    });
  });

  it('give the same root as the definition, for trees across tile boundaries', async () => {
    const log = logOf(1100);
    for (const n of [1, 2, 3, 255, 256, 257, 511, 512, 513, 700, 1024, 1100]) {
      const got = await treeHash(n, tileReader('', n, logFetch(log, n)));
      expect(hex(got), `size ${n}`).toBe(hex(log.root(n)));
    }
  });
});

describe('inclusion proofs', () => {
  it('prove every record of small trees, and no other record', async () => {
    for (let n = 1; n <= 17; n++) {
      const log = logOf(n);
      const tree = { size: n, hash: log.root() };
      for (let id = 0; id < n; id++) {
        const read = tileReader('', n, logFetch(log));
        await proveRecord(tree, id, log.records[id]!, read);
        await expect(proveRecord(tree, id, Buffer.from('forged\n'), read)).rejects.toThrow(
          /inclusion proof failed/,
        );
        if (n > 1) {
          // The right record at the wrong place is no proof either.
          await expect(proveRecord(tree, (id + 1) % n, log.records[id]!, read)).rejects.toThrow(
            /inclusion proof failed/,
          );
        }
      }
    }
  });

  it('prove records deep in a tree of several tile levels', async () => {
    const log = logOf(66_000);
    const tree = { size: log.size, hash: log.root() };
    for (const id of [0, 255, 256, 65_535, 65_536, 65_999]) {
      await proveRecord(tree, id, log.records[id]!, tileReader('', log.size, logFetch(log)));
    }
  });

  it('fail when a tile lies, and refuse ids outside the tree', async () => {
    const log = logOf(300);
    const tree = { size: 300, hash: log.root() };
    const honest = logFetch(log);
    const lying: Fetch = async (url) => {
      const data = Buffer.from(await honest(url));
      data[data.length - 1] = data[data.length - 1]! ^ 1;
      return data;
    };
    await expect(
      proveRecord(tree, 10, log.records[10]!, tileReader('', 300, lying)),
    ).rejects.toThrow(/inclusion proof failed/);
    await expect(
      proveRecord(tree, 300, log.records[0]!, tileReader('', 300, honest)),
    ).rejects.toThrow(/outside its tree of 300 records/);
  });
});

describe('consistency between two tree heads', () => {
  it('holds for every older size of one log', async () => {
    const log = logOf(530);
    const newer = { size: 530, hash: log.root() };
    for (const n of [0, 1, 2, 3, 7, 8, 255, 256, 257, 300, 512, 529, 530]) {
      await proveConsistent(
        { size: n, hash: log.root(n) },
        newer,
        tileReader('', 530, logFetch(log)),
      );
    }
  });

  it('fails for a log that was forked', async () => {
    const log = logOf(530);
    const fork = logOf(300);
    for (let i = 0; i < 100; i++) fork.append(Buffer.from(`other ${i}\n`));
    const read = tileReader('', 530, logFetch(log));
    await expect(
      proveConsistent({ size: 400, hash: fork.root() }, { size: 530, hash: log.root() }, read),
    ).rejects.toThrow(/not one history .*forked/);
    await expect(
      proveConsistent({ size: 530, hash: fork.root() }, { size: 530, hash: log.root() }, read),
    ).rejects.toThrow(/forked/);
  });

  it('fails when the tiles do not give the newer head', async () => {
    const log = logOf(40);
    const other = logOf(40, 'x');
    await expect(
      proveConsistent(
        { size: 20, hash: log.root(20) },
        { size: 40, hash: log.root() },
        tileReader('', 40, logFetch(other)),
      ),
    ).rejects.toThrow(/tiles that do not give its signed tree of 40 records/);
  });
});

describe('signed notes', () => {
  it('the key built into the go command parses, its hash matching its name and key', () => {
    const key = parseVerifierKey(SUM_GOLANG_ORG_KEY, 'GOSUMDB');
    expect(key.name).toBe('sum.golang.org');
    expect(key.hash).toBe(0x033de0ae);
    const data = Buffer.from('Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', 'base64');
    expect(keyHash('sum.golang.org', data)).toBe(0x033de0ae);
  });

  it('refuses keys that are not name+hash+Ed25519 key, in one line naming GOSUMDB', () => {
    const good = makeKey('db.example');
    const [name, hash, b64] = good.verifier.split('+') as [string, string, string];
    for (const bad of [
      'db.example',
      `${name}+${hash}`,
      `${name}+00000000+${b64}`,
      `${name}+${hash}+${b64.slice(1)}`,
      `+${hash}+${b64}`,
      `${name}+${hash}+${Buffer.concat([Buffer.from([2]), Buffer.from(b64, 'base64').subarray(1)]).toString('base64')}`,
    ]) {
      expect(() => parseVerifierKey(bad, 'GOSUMDB'), bad).toThrow(UserError);
      expect(() => parseVerifierKey(bad, 'GOSUMDB')).toThrow(
        /^GOSUMDB: ".*" is not a checksum database key/,
      );
    }
    expect(parseVerifierKey(good.verifier, 'GOSUMDB').name).toBe('db.example');
  });

  const key = makeKey('db.example');
  const verifier = parseVerifierKey(key.verifier, 'GOSUMDB');
  const text = treeText(5, Buffer.alloc(32, 7));

  it('opens a note signed by the key, also among signatures by other keys', () => {
    expect(openNote(signNote(text, [key]), verifier)).toBe(text);
    expect(openNote(signNote(text, [makeKey('witness.example'), key]), verifier)).toBe(text);
  });

  it('refuses a bad signature, a note not signed by the key, and malformed notes', () => {
    expect(() => openNote(signNote(text, [key], true), verifier)).toThrow(
      /invalid signature by db\.example/,
    );
    // Same name, another key: its hash differs, so it is not a signature by this key.
    expect(() => openNote(signNote(text, [makeKey('db.example')]), verifier)).toThrow(
      /not signed by the key db\.example\+[0-9a-f]{8} \(signed by "db\.example"\)/,
    );
    const other = signNote(text.replace('5', '6'), [key]);
    const spliced = Buffer.concat([Buffer.from(text), other.subarray(other.indexOf('\n\n') + 1)]);
    expect(() => openNote(spliced, verifier)).toThrow(NoteError);
    expect(() => openNote(Buffer.from(text), verifier)).toThrow(/no signature block/);
    expect(() => openNote(signNote('a\x07b\n', [key]), verifier)).toThrow(/control characters/);
  });
});

describe('checksum database answers', () => {
  it('parses tree heads strictly', () => {
    const root = Buffer.alloc(32, 1);
    expect(parseTreeNote(treeText(42, root))).toEqual({ size: 42, hash: root });
    expect(parseTreeNote(`${treeText(42, root)}extra\n`)).toBeUndefined();
    expect(parseTreeNote(treeText(42, Buffer.alloc(31)))).toBeUndefined();
    expect(
      parseTreeNote('go.sum database tree\n042\n' + root.toString('base64') + '\n'),
    ).toBeUndefined();
  });

  it('parses a lookup and finds the one h1: of the module version', () => {
    const h1 = `h1:${Buffer.alloc(32, 3).toString('base64')}`;
    const record = `m.example/t v1.0.0 ${h1}\nm.example/t v1.0.0/go.mod h1:${Buffer.alloc(32, 4).toString('base64')}\n`;
    const body = Buffer.from(`17\n${record}\nNOTE\n`);
    const parsed = parseLookup(body)!;
    expect(parsed.id).toBe(17);
    expect(parsed.record.toString()).toBe(record);
    expect(parsed.note.toString()).toBe('NOTE\n');
    expect(recordedHash(record, 'm.example/t', 'v1.0.0')).toBe(h1);
    expect(recordedHash(record, 'm.example/t', 'v1.0.1')).toBeUndefined();
    expect(recordedHash(record + record, 'm.example/t', 'v1.0.0')).toBeUndefined();
    expect(parseLookup(Buffer.from('x\nrecord\n\n'))).toBeUndefined();
  });

  it('reads GOSUMDB as the go command does', () => {
    const k = makeKey('db.example');
    expect(parseGoSumDb('off')).toBe('off');
    expect(parseGoSumDb(undefined)).toMatchObject({
      key: { name: 'sum.golang.org' },
      url: 'https://sum.golang.org',
    });
    expect(parseGoSumDb('sum.golang.google.cn')).toMatchObject({
      key: { name: 'sum.golang.org' },
      url: 'https://sum.golang.google.cn',
    });
    expect(parseGoSumDb(k.verifier)).toMatchObject({ url: 'https://db.example' });
    expect(parseGoSumDb(`${k.verifier} http://127.0.0.1:9/db/`)).toMatchObject({
      url: 'http://127.0.0.1:9/db',
    });
    expect(() => parseGoSumDb(`${k.verifier} a b`)).toThrow(/^GOSUMDB: .* too many fields/);
    expect(() => parseGoSumDb(`${k.verifier} ftp://x`)).toThrow(/not an http\(s\) URL/);
    expect(() => parseGoSumDb('db.example')).toThrow(/not a checksum database key/);
  });

  it('verifies a module version end to end, and refuses each lie', async () => {
    const key = makeKey('db.example');
    const db = parseGoSumDb(key.verifier) as Exclude<ReturnType<typeof parseGoSumDb>, 'off'>;
    const log = logOf(400);
    const h1 = `h1:${Buffer.alloc(32, 9).toString('base64')}`;
    const record = `golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 ${h1}\ngolang.org/toolchain v0.0.1-go1.24.4.linux-amd64/go.mod h1:${Buffer.alloc(32, 8).toString('base64')}\n`;
    const id = log.append(Buffer.from(record));
    for (let i = 0; i < 20; i++) log.append(Buffer.from(`later ${i}\n`));
    const head = (size: number, l = log, k = key) => signNote(treeText(size, l.root(size)), [k]);
    const serve =
      (o: { latest?: Buffer; lookup?: Buffer } = {}): Fetch =>
      async (url) => {
        if (url.endsWith('/latest')) return o.latest ?? head(410);
        if (url.includes('/lookup/')) {
          return o.lookup ?? Buffer.concat([Buffer.from(`${id}\n${record}\n`), head(421)]);
        }
        return logFetch(log)(url);
      };
    const mod = 'golang.org/toolchain';
    const v = 'v0.0.1-go1.24.4.linux-amd64';
    const ok = await verifiedHash(db, 'https://db.example', mod, v, serve());
    expect(ok).toEqual({ h1, id, tree: { size: 421, hash: log.root() } });

    const refused = (f: Fetch) => verifiedHash(db, 'https://db.example', mod, v, f);
    await expect(refused(serve({ latest: head(410, log, makeKey('db.example')) }))).rejects.toThrow(
      /^The checksum database db\.example answered a \/latest that is not signed by the key .*; nothing was installed$/,
    );
    const forged = record.replace(h1, `h1:${Buffer.alloc(32, 1).toString('base64')}`);
    await expect(
      refused(serve({ lookup: Buffer.concat([Buffer.from(`${id}\n${forged}\n`), head(421)]) })),
    ).rejects.toThrow(/did not prove the record is in its tree of 421 records/);
    const fork = logOf(400, 'f');
    await expect(refused(serve({ latest: head(400, fork) }))).rejects.toThrow(/the log was forked/);
    await expect(
      refused(serve({ lookup: Buffer.concat([Buffer.from(`${id}\nno record\n\n`), head(421)]) })),
    ).rejects.toThrow(/a record without one h1: line/);
  });
});

it('nodeHash is the 0x01-prefixed hash of the two children', () => {
  const a = Buffer.alloc(32, 1);
  const b = Buffer.alloc(32, 2);
  const read: HashReader = async () => a;
  expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
  return expect(treeHash(1, read)).resolves.toEqual(a);
});
