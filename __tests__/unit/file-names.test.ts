/**
 * File names that are not UTF-8 (src/fs-tree.ts): the string form names exactly one file and gives
 * its bytes back, whatever the bytes; the log shows such a byte as `\xNN`, never as U+FFFD, and
 * never as a forged workflow command; removing a tree works on such names as any other.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeName, encodeName, fsPath, isUtf8Name, readNames } from '../../src/fs-tree.js';
import { quote, show } from '../../src/trust/log-text.js';
import { bytes, under } from '../../test/support/byte-names.js';
import { workflowCommands } from '../../test/support/workflow-commands.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'file-names-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Byte strings at the edges of UTF-8 (Unicode table 3-7), well-formed and not. */
const EDGES: Array<[string, Buffer, boolean]> = [
  ['ASCII', bytes('main.go'), true],
  ['two-byte é', bytes('h\u00e9llo'), true],
  ['an astral character whose low surrogate is U+DC80', bytes('\u{10080}'), true],
  ['U+FFFD itself', bytes('\ufffd'), true],
  ['a lone 0xff', bytes('caf', 0xff, '.txt'), false],
  ['a continuation byte alone', bytes(0x80), false],
  ['a truncated three-byte sequence', bytes(0xe2, 0x82, 'x'), false],
  ['an encoded UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), false],
  ['an overlong slash', bytes(0xc0, 0xaf), false],
  ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), false],
  ['past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), false],
  ['a lead byte that never starts UTF-8', bytes(0xf5, 0x80, 0x80, 0x80), false],
  ['a valid character between bad bytes', bytes(0xff, 0xc3, 0xa9, 0xfe), false],
];

/** A fixed pseudo-random sequence (the test gives the same bytes every run). */
function* randomNames(count: number): Generator<Buffer> {
  let x = 0x2545f491;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  for (let i = 0; i < count; i++) {
    const len = 1 + (next() % 12);
    // Mostly high bytes: most of them are not UTF-8, some are by chance.
    yield Buffer.from(
      Array.from({ length: len }, () => (next() % 4 ? 0x80 + (next() % 128) : next() % 128)),
    );
  }
}

describe('decodeName / encodeName', () => {
  it.each(EDGES)('%s: gives the bytes back, and says whether they are UTF-8', (_n, b, utf8) => {
    const name = decodeName(b);
    expect(encodeName(name).equals(b)).toBe(true);
    expect(isUtf8Name(name)).toBe(utf8);
    if (utf8) expect(name).toBe(b.toString('utf8'));
    // The fs form: the string itself when it is UTF-8, else the very bytes.
    const p = fsPath(name);
    expect(Buffer.isBuffer(p) ? p.equals(b) : p === name).toBe(true);
  });

  it('is one to one: different bytes never give the same name, as U+FFFD does', () => {
    const seen = new Map<string, string>();
    let notUtf8 = 0;
    for (const b of randomNames(5000)) {
      const name = decodeName(b);
      expect(encodeName(name).equals(b)).toBe(true);
      const hex = b.toString('hex');
      expect(seen.get(name) ?? hex).toBe(hex);
      seen.set(name, hex);
      if (!isUtf8Name(name)) notUtf8 += 1;
    }
    expect(notUtf8).toBeGreaterThan(1000);
    // The lossy reading merges these three; the byte-exact one keeps them apart.
    const trio = [bytes('a', 0xff), bytes('a', 0xfe), bytes('a\ufffd')];
    expect(new Set(trio.map((b) => b.toString('utf8'))).size).toBe(1);
    expect(new Set(trio.map(decodeName)).size).toBe(3);
  });
});

describe('names in the log', () => {
  const ff = decodeName(bytes('caf', 0xff, '.txt'));

  it('shows a byte that is not UTF-8 as \\xNN, and a literal backslash as \\\\', () => {
    expect(show(ff)).toBe('"caf\\xff.txt"');
    expect(quote(decodeName(bytes(0xc3, 0x28)))).toBe('"\\xc3("');
    // The text `caf\xff.txt` (a backslash, an x, two letters) is another name, shown otherwise.
    expect(show('caf\\xff.txt')).toBe('"caf\\\\xff.txt"');
    expect(show(`\\${ff}`)).toBe('"\\\\caf\\xff.txt"');
    // A real surrogate pair is a character, not a byte.
    expect(quote('\u{10080}')).toBe('"\u{10080}"');
  });

  it('never prints U+FFFD or a workflow command for a hostile name', () => {
    const names = [
      decodeName(bytes('\n::error::forged', 0xff)),
      decodeName(bytes('##[error]legacy', 0xc3, 0x28)),
      decodeName(bytes('::add-mask::', 0xfe, '\r::warning::x')),
      decodeName(Buffer.alloc(300, 0xff)),
    ];
    for (const n of names) {
      const line = `Left out by .slugignore: ${show(n)}`;
      expect(line).not.toMatch(/[\r\n\ufffd]/);
      expect(workflowCommands(line)).toEqual([]);
    }
    expect(show(names[3]!)).toBe(`"${'\\xff'.repeat(200)}…" (300 characters)`);
  });
});

describe('readNames', () => {
  it('lists names that a lossy reading merges as distinct entries, in byte order, each usable', () => {
    const dir = path.join(tmp, 'list');
    fs.mkdirSync(dir);
    const names = [bytes('a\ufffd'), bytes('a', 0xfe), bytes('a', 0xff), bytes('b')];
    for (const [i, n] of names.entries()) fs.writeFileSync(under(dir, n), String(i));
    const listed = readNames(dir);
    expect(listed.map((e) => encodeName(e.name).toString('hex'))).toEqual(
      [...names].sort(Buffer.compare).map((n) => n.toString('hex')),
    );
    // Each name reads its own file.
    for (const e of listed) {
      const i = names.findIndex((n) => n.equals(encodeName(e.name)));
      expect(fs.readFileSync(fsPath(path.join(dir, e.name)), 'utf8')).toBe(String(i));
    }
  });
});

describe('removeTree', () => {
  it('removes a read-only directory whose name is not UTF-8, as a user that is not root', () => {
    // The tree and the folder holding it belong to the user who removes it.
    const home = path.join(tmp, 'remover');
    const root = path.join(home, 'tree');
    const ro = under(root, bytes('ro', 0xff));
    fs.mkdirSync(ro, { recursive: true });
    fs.writeFileSync(under(ro, bytes('f', 0xfe)), 'x');
    fs.chmodSync(ro, 0o555);
    // Root removes anything at once: the case only exists for another user, so as root (CI) the
    // removal runs as nobody, on a tree given to nobody.
    const asNobody = process.getuid?.() === 0;
    if (asNobody) spawnSync('chown', ['-R', '65534:65534', home]);
    fs.chmodSync(tmp, 0o755);
    const repo = path.resolve(import.meta.dirname, '../..');
    const script = `import { removeTree } from ${JSON.stringify(path.join(repo, 'src/fs-tree.ts'))}; removeTree(${JSON.stringify(root)});`;
    const res = spawnSync(
      process.execPath,
      ['--import', path.join(repo, 'scripts/ts-loader.mjs'), '--input-type=module', '-e', script],
      { cwd: repo, encoding: 'utf8', ...(asNobody ? { uid: 65534, gid: 65534 } : {}) },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(fs.existsSync(root)).toBe(false);
  });
});
