// Generated inputs for the differential test against golang.org/x/mod: verifier keys, database
// names, GOSUMDB values, signed notes, tree heads, records and whole lookups (a log, its tiles,
// two signed heads), each valid or mutated in the ways that matter (spaces Go and JavaScript
// disagree on, limits, repeated signatures, extra lines, partial tiles, lies). Deterministic: a
// seeded generator, so a disagreement can be replayed.
import { generateKeyPairSync, createHash } from 'node:crypto';
import { makeKey, signNote, TestLog, treeText, type TestKey } from './sumdb-server.js';
import type { GoVector } from './sumdb-diff.js';
import { ENOCH_SIG, PETER_KEY, PETER_SIG, PETER_TEXT } from './sumdb-vectors.js';

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64');
/** Spaces to Go (unicode.IsSpace) or to JavaScript (\s), or to neither. */
const SPACES = ['\t', ' ', '\u0085', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u200b', '\x0b'];

/** A valid key whose name is given as is (the hash is computed over it, as Go does). */
function keyNamed(name: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const data = Buffer.concat([Buffer.from([1]), raw]);
  const hash = createHash('sha256').update(`${name}\n`).update(data).digest().subarray(0, 4);
  return `${name}+${hash.toString('hex')}+${data.toString('base64')}`;
}

export function keyVectors(r: () => number): GoVector[] {
  const out: string[] = [PETER_KEY, PETER_KEY.replace('c74f20a3', 'C74F20A3')];
  const names = ['db.example', 'sum.golang.org', 'ключ.example', 'a/b/c', 'x', 'a\x01b', 'a\x7fb'];
  for (const s of SPACES) names.push(`a${s}b`);
  names.push('a+b', '');
  for (const n of names) out.push(keyNamed(n));
  const base = makeKey('db.example').verifier;
  const name = 'db.example';
  const hash = base.split('+')[1]!;
  const key = base.split('+').slice(2).join('+');
  const data = Buffer.from(key, 'base64');
  const withData = (d: Buffer) => {
    const h = createHash('sha256').update(`${name}\n`).update(d).digest().subarray(0, 4);
    return `${name}+${h.toString('hex')}+${d.toString('base64')}`;
  };
  out.push(
    `${name}+${hash.toUpperCase()}+${key}`,
    `${name}+${hash.slice(1)}+${key}`,
    `${name}+0${hash}+${key}`,
    `${name}+0x${hash.slice(2)}+${key}`,
    `${name}+${hash}+${key.replace(/=+$/, '')}`,
    `${name}+${hash}+${key}\n`,
    `${name}+${hash}+${key.slice(0, 10)}\r\n${key.slice(10)}`,
    `${name}+${hash}+${key}=`,
    `${name}+${hash}`,
    `${name}+${hash}+`,
    withData(Buffer.concat([Buffer.from([2]), data.subarray(1)])),
    withData(data.subarray(0, 32)),
    withData(Buffer.concat([data, Buffer.from([0])])),
    withData(Buffer.from([1])),
  );
  // Substrings and one-character changes of a valid key, as x/mod's own test makes them.
  for (let i = 0; i < 150; i++) {
    const a = Math.floor(r() * base.length);
    const b = a + 1 + Math.floor(r() * (base.length - a));
    out.push(base.slice(a, b));
    const at = Math.floor(r() * base.length);
    out.push(base.slice(0, at) + String.fromCharCode(base.charCodeAt(at) + 1) + base.slice(at + 1));
  }
  return out.map((text) => ({ kind: 'key', text }));
}

const NAME_PARTS = [
  'a',
  'sum',
  '.example',
  '.',
  '..',
  '/',
  '//',
  ':',
  ':8443',
  '@',
  '?',
  '#',
  '%',
  '%41',
  '%3F',
  '%3f',
  '%2F',
  '%zz',
  '%c3%a9',
  '[',
  ']',
  '[::1]',
  '[fe80::1%25en0]',
  '[::ffff:1.2.3.4]',
  '[1.2.3.4]',
  'é',
  '!',
  '$',
  '&',
  "'",
  '(',
  ')',
  '*',
  ',',
  ';',
  '=',
  '<',
  '>',
  '"',
  '\\',
  '^',
  '`',
  '{',
  '|',
  '}',
  '~',
  '-',
  '_',
  '\x01',
  '\x7f',
];

export function nameVectors(r: () => number): GoVector[] {
  const names = new Set<string>([
    'sum.golang.org',
    'localhost.localdev/sumdb',
    'sum.example/a%3Fb',
    'sum.example#',
    'sum.example/',
    'sum.example/../x',
    '[::1]:80',
    'sum.example:1:2',
    'a]b',
    'x:',
  ]);
  while (names.size < 500) {
    const n = 1 + Math.floor(r() * 5);
    let s = '';
    for (let i = 0; i < n; i++) s += NAME_PARTS[Math.floor(r() * NAME_PARTS.length)];
    names.add(s);
  }
  return [...names].map((name) => ({ kind: 'name', name }));
}

export function gosumdbVectors(): GoVector[] {
  const k = makeKey('db.example').verifier;
  const values = [
    '',
    'off',
    ' off',
    'off ',
    'OFF',
    'sum.golang.org',
    ' sum.golang.org ',
    'sum.golang.google.cn',
    ' sum.golang.google.cn',
    'sum.golang.google.cn https://x.example',
    'sum.golang.org https://x.example/db',
    k,
    `${k} https://db.example/path`,
    `${k}\thttp://127.0.0.1:9/`,
    `${k} https://a.example b`,
    keyNamed('sum.example/../x'),
    keyNamed('u@sum.example'),
    keyNamed('sum.example?x'),
    keyNamed('sum.example/'),
    keyNamed('/sum.example'),
    keyNamed('sum.example:99999'),
  ];
  for (const s of SPACES) values.push(`${k}${s}https://db.example`, `${s}${k}${s}`, s);
  return values.map((value) => ({ kind: 'gosumdb', value }));
}

/** A note made of text and signature lines, as bytes. */
const noteOf = (text: string, lines: string[]): Buffer => Buffer.from(`${text}\n${lines.join('')}`);

function sigLine(text: string, k: TestKey, name = k.name, corrupt = false): string {
  const signed = signNote(text, [k], corrupt).toString();
  const b = signed.slice(signed.lastIndexOf(' ') + 1);
  return `\u2014 ${name} ${b}`;
}

function mutate(b: Buffer, r: () => number): Buffer {
  const at = Math.floor(r() * b.length);
  const kind = Math.floor(r() * 3);
  if (kind === 0) return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
  if (kind === 1) {
    const c = Buffer.from(b);
    c[at] = c[at]! ^ (1 << Math.floor(r() * 8));
    return c;
  }
  const ins = Buffer.from([[0x0a, 0x20, 0x2b, 0x00, 0x7f, 0xff, 0x3d][Math.floor(r() * 7)]!]);
  return Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
}

export function noteVectors(r: () => number): GoVector[] {
  const k = makeKey('db.example');
  const other = makeKey('witness.example');
  const twin = makeKey('db.example');
  const text = treeText(5, Buffer.alloc(32, 7));
  const good = sigLine(text, k);
  const bad = sigLine(text, k, k.name, true);
  const o = sigLine(text, other);
  const msgs: Buffer[] = [
    noteOf(text, [good]),
    noteOf(text, [o, good]),
    noteOf(text, [good, good]),
    noteOf(text, [good, bad]),
    noteOf(text, [bad, good]),
    noteOf(text, [o]),
    noteOf(text, [sigLine(text, twin)]),
    noteOf(text, [...Array<string>(99).fill(o), good]),
    noteOf(text, [...Array<string>(100).fill(o), good]),
    noteOf(text, Array<string>(101).fill(good)),
    noteOf(text, []),
    Buffer.from(`${text}\n${good.slice(0, -1)}`),
    Buffer.from(`${text}\n\n${good}`),
    Buffer.from(`${text}${good}`),
    Buffer.from(`${text}\r\n${good}`),
    Buffer.from(`\x7f${text}\n${good}`),
    Buffer.from(`a\x01${text}\n${good}`),
    Buffer.from(`${text}\n${good.replace('\u2014 ', '\u2014  ')}`),
    Buffer.from(`${text}\n${good.replace('\u2014 ', '- ')}`),
    Buffer.from(`${text}\n${good.replace(/\n$/, ' \n')}`),
    Buffer.from(`${text}\n${good.replace(/ [^ ]+\n$/, ' AAAA\n')}`),
    Buffer.from(`${text}\n${good.replace(/ [^ ]+\n$/, ' \n')}`),
    Buffer.from(`${text}\n${good.replace(/ [^ ]+\n$/, '\n')}`),
    Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from(`\n${good}`)]),
    noteOf(`${text}more\nlines\n`, [sigLine(`${text}more\nlines\n`, k)]),
    noteOf('\n', [sigLine('\n', k)]),
    Buffer.from(`\n\n${sigLine('\n', k)}`),
    Buffer.from(`${PETER_TEXT}\n${PETER_SIG}${ENOCH_SIG}`),
  ];
  for (const s of [...SPACES, '+', '\x01', '\x7f', '']) {
    msgs.push(noteOf(text, [good, sigLine(text, other, `w${s}x`)]));
    msgs.push(noteOf(text, [sigLine(text, other, `w${s}x`), good]));
  }
  const base = noteOf(text, [o, good]);
  for (let i = 0; i < 400; i++) msgs.push(mutate(base, r));
  return msgs.map((m) => ({ kind: 'note', key: k.verifier, msg: b64(m) }));
}

export function treeVectors(r: () => number): GoVector[] {
  const h = Buffer.alloc(32, 3).toString('base64');
  const texts = [
    ...[
      '0',
      '1',
      '123456789012',
      '9223372036854775807',
      '9223372036854775808',
      '00',
      '01',
      '+1',
      '-0',
      '-1',
      ' 1',
      '1 ',
      '0x1',
      '1e3',
      '',
    ].map((n) => `go.sum database tree\n${n}\n${h}\n`),
    `go.sum database tree\n5\n${h}`,
    `go.sum database tree\n5\n${h}\nextra\n`,
    `go.sum database tree\n5\n${h}\nextra`,
    `go.sum database tree\n5\n${h.slice(0, -1)}\n`,
    `go.sum database tree\n5\n${h.slice(0, 10)}\r${h.slice(10)}\n`,
    `go.sum database tree\n5\n${Buffer.alloc(31).toString('base64')}\n`,
    `go.sum database tree\n5\n${Buffer.alloc(33).toString('base64')}\n`,
    `go.sum database tree v2\n5\n${h}\n`,
    `go.sum database tree\r\n5\n${h}\n`,
    `go.sum database tree\n5\r\n${h}\n`,
    `go.sum database tree\n5\n${h}\n${'x'.repeat(999_900)}\n`,
    `go.sum database tree\n5\n${h}\n${'x'.repeat(1_000_000)}\n`,
  ];
  const out: Buffer[] = texts.map((t) => Buffer.from(t));
  for (let i = 0; i < 200; i++)
    out.push(mutate(Buffer.from(`go.sum database tree\n42\n${h}\n`), r));
  return out.map((m) => ({ kind: 'tree', msg: b64(m) }));
}

export function recordVectors(r: () => number): GoVector[] {
  const ids = [
    '0',
    '5',
    '+5',
    '-3',
    '007',
    '0x1',
    ' 5',
    '',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775808',
  ];
  const texts = ['m v1 h1:x\n', 'a\n', '\n', 'a\x7fb\n', 'a\x01b\n', 'a\n\nb\n', 'a', 'a\nb'];
  const out: Buffer[] = [];
  for (const id of ids) for (const t of texts) out.push(Buffer.from(`${id}\n${t}\nrest`));
  out.push(Buffer.concat([Buffer.from('5\na'), Buffer.from([0xff]), Buffer.from('\n\n')]));
  out.push(
    Buffer.from('5\nm v1 h1:x\n\n'),
    Buffer.from('5'),
    Buffer.from('5\n'),
    Buffer.from('5\n\n'),
  );
  for (let i = 0; i < 200; i++)
    out.push(mutate(Buffer.from('17\nm v1 h1:x\nm v1/go.mod h1:y\n\nnote'), r));
  return out.map((m) => ({ kind: 'record', msg: b64(m) }));
}

/** Every tile path of a log of `size` records, with its bytes, as a server at that size serves them. */
function tilesAt(log: TestLog, size: number, out: Record<string, string>): void {
  for (let level = 0; 256 ** level <= size; level++) {
    const count = Math.floor(size / 256 ** level);
    for (let n = 0; n * 256 < count; n++) {
      const w = Math.min(256, count - n * 256);
      const data = log.tile(level, n, w, size);
      if (!data) continue;
      let digits = String(n % 1000).padStart(3, '0');
      for (let m = n; m >= 1000;) {
        m = Math.floor(m / 1000);
        digits = `x${String(m % 1000).padStart(3, '0')}/${digits}`;
      }
      out[`/tile/8/${level}/${digits}${w === 256 ? '' : `.p/${w}`}`] = b64(data);
    }
  }
}

const MODULE = 'golang.org/toolchain';
const VERSION = 'v0.0.1-go1.24.4.linux-amd64';

export function lookupVectors(r: () => number): GoVector[] {
  const out: GoVector[] = [];
  const big = new TestLog();
  for (let i = 0; i < 66_000; i++) big.append(Buffer.from(`big ${i}\n`));
  const cases = [
    'honest',
    'honest',
    'honest',
    'corrupt-tile',
    'drop-partial',
    'drop-tile',
    'record-changed',
    'id-plus',
    'id-negative',
    'id-outside',
    'fork',
    'empty-latest',
    'empty-lookup-head',
    'extra-lines',
    'signed-twice',
    'h2-and-h1',
    'two-h1-first',
    'two-h1-second',
    'garbage-h1',
    'no-h1',
    'wrong-download',
    'other-key',
    'latest-newer',
    'zero-tree',
    'go-mod-only',
  ];
  for (let i = 0; i < 160; i++) {
    const what = cases[i % cases.length]!;
    const k = makeKey('db.example');
    const useBig = i % 40 === 7;
    const log = useBig ? big : new TestLog();
    const h1 = `h1:${createHash('sha256').update(String(i)).digest('base64')}`;
    const other = `h1:${createHash('sha256').update(`x${i}`).digest('base64')}`;
    let record = `${MODULE} ${VERSION} ${h1}\n${MODULE} ${VERSION}/go.mod ${other}\n`;
    if (what === 'h2-and-h1') record = `${MODULE} ${VERSION} h2:xyzzy\n${record}`;
    if (what === 'two-h1-first') record += `${MODULE} ${VERSION} ${other}\n`;
    if (what === 'two-h1-second') record = `${MODULE} ${VERSION} ${other}\n${record}`;
    if (what === 'garbage-h1') record = `${MODULE} ${VERSION} h1:uppercase!=\n`;
    if (what === 'no-h1') record = `${MODULE} ${VERSION} h2:xyzzy\n`;
    if (what === 'go-mod-only') record = `${MODULE} ${VERSION}/go.mod ${h1}\n`;
    const before = useBig ? 0 : Math.floor(r() * 600);
    if (!useBig) for (let j = 0; j < before; j++) log.append(Buffer.from(`r ${j}\n`));
    const id = useBig ? 65_000 : log.append(Buffer.from(record));
    if (useBig) record = big.records[id]!.toString();
    const after = useBig ? 0 : Math.floor(r() * 300);
    for (let j = 0; j < after; j++) log.append(Buffer.from(`s ${j}\n`));
    const size = log.size;
    const lookupSize = what === 'latest-newer' ? size : id + 1 + Math.floor(r() * (size - id));
    const latestSize =
      what === 'latest-newer' ? size : Math.max(0, lookupSize - Math.floor(r() * (lookupSize + 1)));
    const extra = what === 'extra-lines' ? 'extra\nlines\n' : '';
    const sign = (n: number, l = log, key = k) =>
      what === 'signed-twice'
        ? signNote(treeText(n, l.root(n)) + extra, [key, key])
        : signNote(treeText(n, l.root(n)) + extra, [key]);
    let latest = sign(latestSize);
    if (what === 'empty-latest') latest = Buffer.alloc(0);
    if (what === 'fork') {
      const fork = new TestLog();
      for (let j = 0; j < latestSize; j++) fork.append(Buffer.from(`fork ${j}\n`));
      latest = sign(latestSize, fork);
    }
    if (what === 'zero-tree') latest = signNote(treeText(0, Buffer.alloc(32, 1)), [k]);
    if (what === 'other-key') latest = sign(latestSize, log, makeKey('db.example'));
    let shownId = String(id);
    let shownRecord = record;
    if (what === 'id-plus') shownId = String(id + 1);
    if (what === 'id-negative') {
      shownId = '-5';
      shownRecord = log.records[0]!.toString();
    }
    if (what === 'id-outside') shownId = String(lookupSize + 3);
    if (what === 'record-changed') shownRecord = record.replace(h1, other);
    const head = what === 'empty-lookup-head' ? Buffer.alloc(0) : sign(lookupSize);
    const remote: Record<string, string> = {};
    tilesAt(log, size, remote);
    tilesAt(log, lookupSize, remote);
    tilesAt(log, latestSize, remote);
    remote[`/lookup/${MODULE}@${VERSION}`] = b64(
      Buffer.concat([Buffer.from(`${shownId}\n${shownRecord}\n`), head]),
    );
    const tiles = Object.keys(remote).filter((p) => p.startsWith('/tile/'));
    if (what === 'corrupt-tile' && tiles.length) {
      const p = tiles[Math.floor(r() * tiles.length)]!;
      const d = Buffer.from(remote[p]!, 'base64');
      const at = Math.floor(r() * d.length);
      d[at] = d[at]! ^ 1;
      remote[p] = b64(d);
    }
    if (what === 'drop-partial') for (const p of tiles) if (p.includes('.p/')) delete remote[p];
    if (what === 'drop-tile' && tiles.length) delete remote[tiles[Math.floor(r() * tiles.length)]!];
    out.push({
      kind: 'lookup',
      key: k.verifier,
      latest: b64(latest),
      remote,
      module: MODULE,
      version: VERSION,
      h1: what === 'wrong-download' ? other : h1,
    });
  }
  return out;
}
