// The checksum database client: GOSUMDB as the go command reads it, and lookups proved as
// golang.org/x/mod/sumdb's Client proves them, on client_test.go's published database and on
// lies a server could tell.
import { describe, expect, it } from 'vitest';
import { HttpStatusError } from '../../src/toolchain/http.js';
import {
  goAcceptsSumDbName,
  parseGoSumDb,
  sumDbNameProblem,
  SUM_GOLANG_ORG_KEY,
  type SumDb,
} from '../../src/toolchain/gosumdb.js';
import { joinUrl, recordedHash, verifiedHash, type Fetch } from '../../src/toolchain/sumdb.js';
import {
  makeKey,
  parseTilePath,
  signNote,
  TestLog,
  treeText,
  type TestKey,
} from '../../test/support/sumdb-server.js';
import {
  CLIENT_NAME,
  CLIENT_RECORDS,
  CLIENT_SIGNER_KEY,
  CLIENT_VERIFIER_KEY,
  signerFromKey,
  signWith,
} from '../../test/support/sumdb-vectors.js';

const db = (gosumdb: string): SumDb => parseGoSumDb(gosumdb) as SumDb;

interface Served {
  log: TestLog;
  /** Signs a head of the log at this size. */
  head: (size?: number, extra?: string) => Buffer;
  lookups: Map<string, { id: number; text: string }>;
  /** What to answer instead, by path. */
  override?: (path: string) => Buffer | undefined;
  requests: string[];
}

/** A database at https://db.example serving `s`, as a Fetch. */
function serve(s: Served): Fetch {
  return async (url) => {
    const path = url.replace(/^https:\/\/db\.example/, '');
    s.requests.push(path);
    const o = s.override?.(path);
    if (o) return o;
    if (path === '/latest') return s.head();
    if (path.startsWith('/lookup/')) {
      const r = s.lookups.get(path.slice('/lookup/'.length));
      if (!r) throw new HttpStatusError(url, 404);
      return Buffer.concat([Buffer.from(`${r.id}\n${r.text}\n`), s.head()]);
    }
    const t = parseTilePath(path.replace(/^\/tile\//, ''));
    const data = t && s.log.tile(t.level, t.index, t.width);
    if (!data) throw new HttpStatusError(url, 404);
    return data;
  };
}

/** client_test.go's database, signed with its published key. */
function clientDb(): Served {
  const signer = signerFromKey(CLIENT_SIGNER_KEY);
  const log = new TestLog();
  const lookups = new Map<string, { id: number; text: string }>();
  for (const r of CLIENT_RECORDS) {
    lookups.set(r.key, { id: log.append(Buffer.from(r.text)), text: r.text });
  }
  const head = (size = log.size, extra = '') =>
    signWith(`${treeText(size, log.root(size))}${extra}`, [signer]);
  return { log, head, lookups, requests: [] };
}

const lookup = (s: Served, module: string, version: string, gosumdb = CLIENT_VERIFIER_KEY) =>
  verifiedHash(db(gosumdb), 'https://db.example', module, version, serve(s));

describe("client_test.go's database", () => {
  it('proves its records, passing over an h2: line beside the h1:', async () => {
    const s = clientDb();
    expect(db(CLIENT_VERIFIER_KEY).key.name).toBe(CLIENT_NAME);
    await expect(lookup(s, 'rsc.io/sampler', 'v1.3.0')).resolves.toMatchObject({
      h1: 'h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=',
      id: 2,
      tree: { size: 4 },
    });
    await expect(lookup(s, 'rsc.io/quote', 'v1.5.2')).resolves.toMatchObject({
      h1: 'h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=',
    });
    // The kept head is checked against its own tiles first, as the go command checks the head it
    // keeps on disk.
    expect(s.requests.slice(0, 3)).toEqual([
      '/latest',
      '/tile/8/0/000.p/4',
      '/lookup/rsc.io/sampler@v1.3.0',
    ]);
  });

  it('refuses a recorded hash no zip can have, and a record of another module', async () => {
    const s = clientDb();
    await expect(lookup(s, 'rsc.io/!quote', 'v1.5.2')).rejects.toThrow(
      /^The checksum database localhost\.localdev\/sumdb answered a record without an h1: line/,
    );
    // TestRejectUnauthenticatedLines: a line in the signed head is not part of the record.
    const good = 'golang.org/x/good v1.0.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\n';
    const id = s.log.append(Buffer.from(good));
    s.lookups.set('golang.org/x/bad@v1.0.0', { id, text: good });
    const bad = good.replace('good', 'bad');
    const head = s.head;
    s.head = (size, extra) => head(size, extra ?? bad);
    await expect(lookup(s, 'golang.org/x/bad', 'v1.0.0')).rejects.toThrow(
      /answered a record without an h1: line for golang\.org\/x\/bad@v1\.0\.0/,
    );
  });

  it('refuses tiles whose bits were flipped (TestClientBadTiles)', async () => {
    const s = clientDb();
    const honest = serve(s);
    const flipped: Fetch = async (url) => {
      const data = Buffer.from(await honest(url));
      if (url.includes('/tile/')) for (let i = 0; i < data.length; i++) data[i]! ^= 0x80;
      return data;
    };
    await expect(
      verifiedHash(
        db(CLIENT_VERIFIER_KEY),
        'https://db.example',
        'rsc.io/sampler',
        'v1.3.0',
        flipped,
      ),
    ).rejects.toThrow(/served tiles that do not give its signed tree of 4 records/);
  });

  it('refuses two heads that are not one history (TestClientFork)', async () => {
    const s = clientDb();
    const fork = clientDb();
    const add = (d: Served, v: string) => {
      const text = `rsc.io/pkg1 ${v} h1:${Buffer.alloc(32, v.length).toString('base64')}\n`;
      d.lookups.set(`rsc.io/pkg1@${v}`, { id: d.log.append(Buffer.from(text)), text });
    };
    add(s, 'v1.5.2');
    add(s, 'v1.5.4');
    add(fork, 'v1.5.3');
    add(fork, 'v1.5.4');
    add(fork, 'v1.5.5');
    // The lookup comes from one log; /latest (what Go would have kept) and the tiles from the other.
    s.override = (path) => {
      if (path === '/latest') return fork.head();
      const t = parseTilePath(path.replace(/^\/tile\//, ''));
      return t ? fork.log.tile(t.level, t.index, t.width) : undefined;
    };
    await expect(lookup(s, 'rsc.io/pkg1', 'v1.5.2')).rejects.toThrow(
      /signed two trees that are not one history \(6 and 7 records\): the log was forked/,
    );
  });
});

describe('what Go accepts, and so do we', () => {
  it('a head with more lines after the tree, and a note signed twice by the key', async () => {
    const s = clientDb();
    const signer = signerFromKey(CLIENT_SIGNER_KEY);
    s.head = (size = s.log.size) =>
      signWith(`${treeText(size, s.log.root(size))}more\nlines\n`, [signer, signer]);
    await expect(lookup(s, 'rsc.io/sampler', 'v1.3.0')).resolves.toMatchObject({ id: 2 });
  });

  it('a lookup whose head is empty: the record is proved in the /latest tree', async () => {
    const s = clientDb();
    const r = s.lookups.get('rsc.io/sampler@v1.3.0')!;
    s.override = (path) =>
      path.startsWith('/lookup/') ? Buffer.from(`${r.id}\n${r.text}\n`) : undefined;
    await expect(lookup(s, 'rsc.io/sampler', 'v1.3.0')).resolves.toMatchObject({ id: 2 });
  });

  it('a partial tile that is gone, read from the full tile that replaced it', async () => {
    const key = makeKey('db.example');
    const log = new TestLog();
    const text = 'm.example/x v1.0.0 h1:7uVkIFmeBqHfdjD+gZwtXXI+RODJ2Wc4O7MPEh/QiW4=\n';
    for (let i = 0; i < 200; i++) log.append(Buffer.from(`filler ${i}\n`));
    const id = log.append(Buffer.from(text));
    for (let i = 0; i < 100; i++) log.append(Buffer.from(`later ${i}\n`));
    const size = 250; // the heads sign 250 records; the server has filled the tile since
    const s: Served = {
      log,
      head: () => signNote(treeText(size, log.root(size)), [key]),
      lookups: new Map([['m.example/x@v1.0.0', { id, text }]]),
      requests: [],
      override: (path) => {
        if (path.includes('.p/')) throw new HttpStatusError(path, 404);
        return undefined;
      },
    };
    await expect(lookup(s, 'm.example/x', 'v1.0.0', key.verifier)).resolves.toMatchObject({ id });
    expect(s.requests).toContain('/tile/8/0/000.p/250');
    expect(s.requests).toContain('/tile/8/0/000');
    // Neither there: the partial tile's failure is the one reported.
    s.override = (path) => {
      if (path.startsWith('/tile/')) throw new Error(`${path} is gone`);
      return undefined;
    };
    await expect(lookup(s, 'm.example/x', 'v1.0.0', key.verifier)).rejects.toThrow(
      '/tile/8/0/000.p/250 is gone',
    );
  });
});

describe('refused lies', () => {
  const setup = (): { s: Served; key: TestKey } => {
    const key = makeKey('db.example');
    const log = new TestLog();
    for (let i = 0; i < 400; i++) log.append(Buffer.from(`r ${i}\n`));
    const text = `golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:${Buffer.alloc(32, 9).toString('base64')}\n`;
    const id = log.append(Buffer.from(text));
    const s: Served = {
      log,
      head: (size = log.size) => signNote(treeText(size, log.root(size)), [key]),
      lookups: new Map([['golang.org/toolchain@v0.0.1-go1.24.4.linux-amd64', { id, text }]]),
      requests: [],
    };
    return { s, key };
  };
  const run = (s: Served, key: TestKey) =>
    lookup(s, 'golang.org/toolchain', 'v0.0.1-go1.24.4.linux-amd64', key.verifier);

  it('a head signed by another key of the same name', async () => {
    const { s, key } = setup();
    s.override = (p) =>
      p === '/latest' ? signNote(treeText(1, s.log.root(1)), [makeKey('db.example')]) : undefined;
    await expect(run(s, key)).rejects.toThrow(
      /^The checksum database db\.example answered a \/latest that is not signed by the key db\.example\+[0-9a-f]{8} \(signed by "db\.example"\) for golang\.org\/toolchain@v0\.0\.1-go1\.24\.4\.linux-amd64; nothing was installed$/,
    );
  });

  it('a record that is not the one in the tree', async () => {
    const { s, key } = setup();
    const r = [...s.lookups.values()][0]!;
    r.text = r.text.replace('h1:CQ', 'h1:AQ');
    await expect(run(s, key)).rejects.toThrow(
      /did not prove the record is in its tree of 401 records/,
    );
  });

  it('a record outside the tree, and a lookup that is not a record', async () => {
    const { s, key } = setup();
    [...s.lookups.values()][0]!.id = 401;
    await expect(run(s, key)).rejects.toThrow(/names record 401, outside its tree of 401 records/);
    s.override = (p) => (p.startsWith('/lookup/') ? Buffer.from('x\nrecord\n\n') : undefined);
    await expect(run(s, key)).rejects.toThrow(/with no well-formed record/);
  });
});

describe('GOSUMDB, read as the go command reads it', () => {
  const k = makeKey('db.example');

  it('off, the default, the known name, the alias, a key, a key and a URL', () => {
    expect(parseGoSumDb('off')).toBe('off');
    expect(db('sum.golang.org')).toMatchObject({
      key: { text: SUM_GOLANG_ORG_KEY },
      direct: 'https://sum.golang.org',
    });
    expect(parseGoSumDb(undefined)).toEqual(parseGoSumDb('sum.golang.org'));
    expect(parseGoSumDb('')).toEqual(parseGoSumDb('sum.golang.org'));
    // The alias has a URL: it is reached there, never through a proxy.
    expect(db('sum.golang.google.cn')).toMatchObject({
      key: { name: 'sum.golang.org' },
      url: 'https://sum.golang.google.cn/',
    });
    expect(() => parseGoSumDb('sum.golang.google.cn https://x.example')).toThrow(
      /^GOSUMDB: "sum\.golang\.google\.cn" is not a checksum database key/,
    );
    expect(db(k.verifier)).toMatchObject({ direct: 'https://db.example' });
    expect(db(k.verifier).url).toBeUndefined();
    expect(db(`${k.verifier}\u0085http://127.0.0.1:9/db/`)).toMatchObject({
      url: 'http://127.0.0.1:9/db/',
    });
  });

  it('refuses what Go refuses, in one line', () => {
    expect(() => parseGoSumDb(`${k.verifier} a b`)).toThrow(/^GOSUMDB: .* too many fields/);
    expect(() => parseGoSumDb(' ')).toThrow(/^GOSUMDB: " " names no database/);
    expect(() => parseGoSumDb(`${k.verifier} ftp://x`)).toThrow(/not an http\(s\) URL/);
    expect(() => parseGoSumDb('db.example')).toThrow(/not a checksum database key/);
  });

  it('takes credentials out of the URL into a basic-auth header, never over plain http', () => {
    const d = db(`${k.verifier} https://ci:s3cr%40t@db.corp.example/sumdb?x=1#frag`);
    expect(d.url).toBe('https://db.corp.example/sumdb?x=1');
    expect(d.authorization).toBe(`Basic ${Buffer.from('ci:s3cr@t').toString('base64')}`);
    expect(joinUrl(d.url!, 'lookup/m@v1')).toBe('https://db.corp.example/sumdb/lookup/m@v1?x=1');
    expect(() => parseGoSumDb(`${k.verifier} http://ci:s3cret@db.corp.example`)).toThrow(
      'GOSUMDB: "http://***@db.corp.example" would send credentials over plain http, which the go command refuses; use https',
    );
  });

  it.each([
    ['sum.example', true],
    ['sum.example/path/to/db', true],
    ['sum.example:8443', true],
    ['localhost.localdev/sumdb', true],
    ['[::1]:8443', true],
    ['sum.example/a%3Fb', true],
    ['sum.example#', true],
    ['sum.example/', false],
    ['/sum.example', false],
    ['u@sum.example', false],
    ['sum.example?x', false],
    ['sum.example?', false],
    ['sum.example#x', false],
    ['sum.example:8a', false],
    ['sum.example:1:2', false],
    ['sum\\example', false],
    ['sum.example/a%3fb', false],
    ['sum.example/a%41', false],
    ['sum.example/!', false],
    ['sum.example/é', false],
    ['sum.example/a%zz', false],
    ['s%41.example', false],
    ['a[b', false],
    ['[1.2.3.4]', false],
    ['sum.example:99999', true],
    ['sum.example/../x', true],
    ['sum\x01example', false],
  ])("the name %j is host[/path] by Go's rule: %s", (name, ok) => {
    expect(goAcceptsSumDbName(name)).toBe(ok);
  });

  it('refuses a name Go accepts but whose URL ours would rewrite', () => {
    expect(sumDbNameProblem('sum.example/path')).toBeUndefined();
    expect(sumDbNameProblem('sum.example/../x')).toBe('it holds . or .. as a path segment');
    expect(sumDbNameProblem('sum.example/./x')).toBe('it holds . or .. as a path segment');
    expect(sumDbNameProblem('sum.example#')).toBe('it holds % or #');
    expect(sumDbNameProblem('sum.example/a%3Fb')).toBe('it holds % or #');
    expect(sumDbNameProblem('a<b.example')).toBe('its host or port is not valid in a URL');
    expect(sumDbNameProblem('sum.example:99999')).toBe('its host or port is not valid in a URL');
    expect(sumDbNameProblem('u@sum.example')).toBe('the go command refuses it');
  });
});

it('recordedHash takes the first h1: line of the version, as checkSumDB does', () => {
  const r = 'm v1 h2:xyzzy\nm v1/go.mod h1:AAA=\nm v1 h1:first\nm v1 h1:second\n';
  expect(recordedHash(r, 'm', 'v1')).toBe('h1:first');
  expect(recordedHash(r, 'm', 'v2')).toBeUndefined();
});
