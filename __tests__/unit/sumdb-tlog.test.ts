// The transparency log's hashing, stored indexes and tiles, held to golang.org/x/mod/sumdb/tlog's
// published vectors and to its tests' own checks (every hash of every tree read back from
// tiles; a tampered hash anywhere refused).
import { describe, expect, it } from 'vitest';
import { parseRecord, parseTreeNote } from '../../src/toolchain/sumdb.js';
import {
  EMPTY_HASH,
  recordHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  tileHashReader,
  tilePath,
  treeHash,
  type Tile,
  type TileReader,
} from '../../src/toolchain/tlog.js';
import { TestLog } from '../../test/support/sumdb-server.js';
import {
  RECORD_BAD,
  RECORD_IN,
  TILE_PATHS,
  TREE_BAD,
  TREE_TEXT,
} from '../../test/support/sumdb-vectors.js';

const hex = (b: Buffer): string => b.toString('hex');

/** Go's stored order, built from the definition (StoredHashes), not from storedHashIndex. */
function storage(log: TestLog): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < log.size; i++) {
    out.push(log.levels[0]![i]!);
    for (let level = 0, k = i; k % 2 === 1; k = (k - 1) / 2) {
      level++;
      out.push(log.levels[level]![(k - 1) / 2]!);
    }
  }
  return out;
}

/** Tiles of height h read straight from the log's levels (`tamper`: zero one stored hash). */
function tiles(log: TestLog, h: number, tamper?: { level: number; n: number }): TileReader {
  return {
    height: h,
    readTiles: async (want: Tile[]) =>
      want.map((t) => {
        const level = t.l * h;
        const start = t.n * 2 ** h;
        const hashes = (log.levels[level] ?? []).slice(start, start + t.w).map((x, i) => {
          if (!tamper) return x;
          // Zero the hash itself, or the bottom-row hashes of the tile it is computed from.
          const covers = tamper.level - level;
          const inTile = covers >= 0 && covers < h;
          const first = tamper.n * 2 ** covers;
          const hit = inTile && start + i >= first && start + i < first + 2 ** covers;
          return hit ? Buffer.alloc(32) : x;
        });
        return Buffer.concat(hashes);
      }),
  };
}

const logOf = (n: number): TestLog => {
  const log = new TestLog();
  for (let i = 0; i < n; i++) log.append(Buffer.from(`leaf ${i}`));
  return log;
};

describe('tree heads and records (tlog.ParseTree, ParseRecord)', () => {
  it('reads the published tree head, and ignores lines after it', () => {
    const want = { size: 123456789012n, hash: recordHash('hello world') };
    expect(parseTreeNote(TREE_TEXT)).toEqual(want);
    for (const extra of ['JOE', 'JOE\n', 'JOE\n'.repeat(1000)]) {
      expect(parseTreeNote(TREE_TEXT + extra)).toEqual(want);
    }
    for (const bad of TREE_BAD) expect(parseTreeNote(bad), bad).toBeUndefined();
    expect(parseTreeNote(TREE_TEXT.replace('123456789012', '0123456789012'))).toBeUndefined();
    expect(parseTreeNote(TREE_TEXT.replace('123456789012', '+123456789012'))).toBeUndefined();
    expect(parseTreeNote(TREE_TEXT + 'x'.repeat(1e6))).toBeUndefined(); // more than 1e6 bytes
  });

  it('reads the published record, and refuses the malformed ones', () => {
    const r = parseRecord(RECORD_IN)!;
    expect(r.id).toBe(123456789012n);
    expect(r.text.toString()).toBe('hello, world\n');
    expect(r.rest).toEqual(Buffer.from('junk on end\x01\xff', 'latin1'));
    expect(parseRecord(Buffer.from('123456789012\nhello, world\n\n'))!.rest).toEqual(
      Buffer.alloc(0),
    );
    for (const bad of RECORD_BAD) {
      expect(parseRecord(Buffer.from(bad, 'latin1')), JSON.stringify(bad)).toBeUndefined();
    }
    // strconv.ParseInt: a sign and leading zeros are accepted.
    expect(parseRecord(Buffer.from('-007\nx\n\n'))?.id).toBe(-7n);
  });
});

describe('stored hash indexes and tile paths', () => {
  it('splits every index it makes back into its level and number', () => {
    for (let l = 0; l < 10; l++) {
      for (let n = 0; n < 100; n++) {
        expect(splitStoredHashIndex(storedHashIndex(l, n))).toEqual({ level: l, n });
      }
    }
  });

  it("matches Go's stored order and count for trees of 1 to 100 records", () => {
    const log = logOf(100);
    const stored = storage(log);
    for (let n = 1; n <= 100; n++) {
      expect(storedHashCount(n)).toBe(storage(logOf(n)).length);
    }
    for (let level = 0; level < 7; level++) {
      for (let n = 0; n < (log.levels[level]?.length ?? 0); n++) {
        expect(hex(stored[storedHashIndex(level, n)]!)).toBe(hex(log.levels[level]![n]!));
      }
    }
  });

  it('writes the published tile paths', () => {
    for (const [path, tile] of TILE_PATHS) expect(tilePath(tile)).toBe(path);
    expect(tilePath({ h: 8, l: 2, n: 1234067, w: 256 })).toBe('tile/8/2/x001/x234/067');
  });
});

describe('reading hashes from tiles (tlog.TileHashReader)', () => {
  it('reads back every stored hash of every tree of 1 to 40 records, at height 2', async () => {
    for (let n = 1; n <= 40; n++) {
      const log = logOf(n);
      const stored = storage(log);
      const read = tileHashReader({ size: n, hash: log.root() }, tiles(log, 2));
      const all = stored.map((_, i) => i);
      expect((await read(all)).map(hex)).toEqual(stored.map(hex));
      for (let i = 0; i < stored.length; i += 3) {
        expect(hex((await read([i]))[0]!)).toBe(hex(stored[i]!));
      }
      await expect(read([storedHashIndex(0, n)])).rejects.toThrow(/not in its tree/);
    }
  });

  it('refuses a tree whose tiles hold a zeroed hash, wherever it is', async () => {
    for (const n of [5, 13, 22]) {
      const log = logOf(n);
      const stored = storage(log);
      for (let i = 0; i < stored.length; i++) {
        const { level, n: at } = splitStoredHashIndex(i);
        const read = tileHashReader({ size: n, hash: log.root() }, tiles(log, 2, { level, n: at }));
        await expect(read([i]), `tree ${n}, index ${i}`).rejects.toThrow();
      }
    }
  });

  it('gives the RFC 6962 roots of every prefix, through tiles of the newest tree', async () => {
    const log = logOf(300);
    const read = tileHashReader({ size: 300, hash: log.root() }, tiles(log, 8));
    for (const n of [0, 1, 2, 7, 255, 256, 257, 299, 300]) {
      expect(hex(await treeHash(n, read)), `size ${n}`).toBe(hex(n ? log.root(n) : EMPTY_HASH));
    }
  });
});
