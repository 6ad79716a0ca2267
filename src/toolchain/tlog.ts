import { createHash } from 'node:crypto';

/**
 * The transparency log behind the Go checksum database, computed as golang.org/x/mod/sumdb/tlog
 * computes it (RFC 6962 hashing), so that the same tiles are read and the same checks made as by
 * the go command:
 *
 * - A record's hash is sha256(0x00 || record); an inner node is sha256(0x01 || left || right).
 * - Every hash of the tree is "stored" at an index: `storedHashIndex(level, n)` for the hash of
 *   the complete subtree of 2^level records starting at record n·2^level.
 * - The log serves those hashes as tiles of height H (8): the tile at tile level L, number N,
 *   holds the level-L·H hashes N·2^H … N·2^H+W−1 (W = 2^H for a full tile, fewer on the right
 *   edge: `tile/8/<L>/<N>.p/<W>`).
 * - Tiles are trusted only once checked: the tiles on the tree's right edge must hash to the
 *   signed root, and every other tile read must hash to its entry in the tile above it
 *   (`tileHashReader`).
 *
 * Indexes are JavaScript numbers: exact up to 2^53, so trees up to MAX_TREE_SIZE records.
 */
export const HASH_SIZE = 32;
/** Stored indexes are about twice the tree size: this keeps them exact. */
export const MAX_TREE_SIZE = 2 ** 51;

export interface Tree {
  /** Number of records. */
  size: number;
  /** Root hash of the records [0, size). */
  hash: Buffer;
}

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export function recordHash(record: Buffer | string): Buffer {
  return sha256(Buffer.from([0]), Buffer.from(record));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([1]), left, right);
}

/** The hash of the empty tree. */
export const EMPTY_HASH = sha256();

const pow2 = (k: number): number => 2 ** k;
/** n >> k for n ≥ 0 beyond 32 bits. */
const shr = (n: number, k: number): number => Math.floor(n / pow2(k));

/** tlog.StoredHashIndex: where the hash of level `level`, number `n` is stored (0 for n < 0, as Go). */
export function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = shr(n, 1)) i += n;
  return i + level;
}

function trailingZeros(n: number): number {
  let z = 0;
  for (; n > 0 && n % 2 === 0; n /= 2) z++;
  return n === 0 ? 64 : z;
}

/** tlog.SplitStoredHashIndex: the level and number of a stored index. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  let n = shr(index, 1);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return { level, n: shr(n, level) };
}

/** tlog.StoredHashCount: how many hashes a tree of n records stores. */
export function storedHashCount(n: number): number {
  if (n === 0) return 0;
  let count = storedHashIndex(0, n - 1) + 1;
  for (let i = n - 1; i % 2 === 1; i = shr(i, 1)) count++;
  return count;
}

/** Reads stored hashes by index. */
export type HashReader = (indexes: number[]) => Promise<Buffer[]>;

/** maxpow2: the largest power of two below n, and its log. */
function maxpow2(n: number): { k: number; l: number } {
  let l = 0;
  while (pow2(l + 1) < n) l++;
  return { k: pow2(l), l };
}

/** The stored indexes of the complete subtrees that make up [lo, hi), left to right. */
function subTreeIndex(lo: number, hi: number, need: number[] = []): number[] {
  while (lo < hi) {
    const { k, l } = maxpow2(hi - lo + 1);
    need.push(storedHashIndex(l, shr(lo, l)));
    lo += k;
  }
  return need;
}

/** The root hash of a tree of `n` records (tlog.TreeHash). */
export async function treeHash(n: number, read: HashReader): Promise<Buffer> {
  if (n === 0) return EMPTY_HASH;
  const indexes = subTreeIndex(0, n);
  const hashes = await read(indexes);
  if (hashes.length !== indexes.length) throw new TileError('read the wrong number of hashes');
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h);
  return h;
}

/** A tile: height h, tile level l, number n, width w (1 … 2^h). */
export interface Tile {
  h: number;
  l: number;
  n: number;
  w: number;
}

/** Why tiles could not be used: the message completes "the checksum database …". */
export class TileError extends Error {}

/** tlog's tileForIndex: the smallest tile holding a stored hash, and the hash's bytes in it. */
export function tileForIndex(h: number, index: number): { tile: Tile; start: number; end: number } {
  const split = splitStoredHashIndex(index);
  let { level, n } = split;
  const l = Math.floor(level / h);
  level -= l * h;
  const tn = shr(n * pow2(level), h);
  n -= shr(tn * pow2(h), level);
  return {
    tile: { h, l, n: tn, w: (n + 1) * pow2(level) },
    start: n * pow2(level) * HASH_SIZE,
    end: (n + 1) * pow2(level) * HASH_SIZE,
  };
}

/** The root of a power-of-two run of a tile's hashes. */
function tileHash(data: Buffer): Buffer {
  if (data.length === HASH_SIZE) return data;
  const half = data.length / 2;
  return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}

/** tlog.HashFromTile: a stored hash, computed from the tile that holds it. */
export function hashFromTile(t: Tile, data: Buffer, index: number): Buffer {
  if (t.h < 1 || t.h > 30 || t.l < 0 || t.l >= 64 || t.w < 1 || t.w > pow2(t.h)) {
    throw new TileError(`asked for an invalid tile ${tilePath(t)}`);
  }
  if (data.length < t.w * HASH_SIZE) throw new TileError(`served ${tilePath(t)} too short`);
  const { tile, start, end } = tileForIndex(t.h, index);
  if (t.l !== tile.l || t.n !== tile.n || t.w < tile.w) {
    throw new TileError(`has hash ${index} in ${tilePath(tile)}, not ${tilePath(t)}`);
  }
  return tileHash(data.subarray(start, end));
}

/**
 * The path of a tile: `tile/<H>/<L>/<N>[.p/<W>]`, N in groups of three digits, each group but the
 * last prefixed with `x` (1234067 → `x001/x234/067`), so that no directory grows too large.
 */
export function tilePath(t: Tile): string {
  let n = t.n;
  let digits = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    digits = `x${String(n % 1000).padStart(3, '0')}/${digits}`;
  }
  const partial = t.w === pow2(t.h) ? '' : `.p/${t.w}`;
  return `tile/${t.h}/${t.l === -1 ? 'data' : t.l}/${digits}${partial}`;
}

/** tlog's tileParent: the tile k levels up that covers t, in a tree of n records (undefined: none). */
function tileParent(t: Tile, k: number, n: number): Tile | undefined {
  const p = { ...t, l: t.l + k, n: shr(t.n, k * t.h), w: pow2(t.h) };
  const max = shr(n, p.l * p.h);
  if (p.n * pow2(p.h) + p.w >= max) {
    if (p.n * pow2(p.h) >= max) return undefined;
    p.w = max - p.n * pow2(p.h);
  }
  return p;
}

const tileKey = (t: Tile | undefined): string => (t ? `${t.l}/${t.n}/${t.w}` : 'none');

/** Fetches tiles (all of one height). */
export interface TileReader {
  height: number;
  readTiles(tiles: Tile[]): Promise<Buffer[]>;
}

/**
 * tlog.TileHashReader: reads stored hashes of `tree` from tiles, trusting none that it has not
 * checked against the tree's signed root, directly or through the tiles above it.
 */
export function tileHashReader(tree: Tree, tr: TileReader): HashReader {
  return async (indexes) => {
    const h = tr.height;
    const order = new Map<string, number>();
    const tiles: Tile[] = [];
    const add = (t: Tile): number => {
      order.set(tileKey(t), tiles.length);
      tiles.push(t);
      return tiles.length - 1;
    };
    // The tiles of the tree's right edge: together they give the root.
    const stx = subTreeIndex(0, tree.size);
    if (stx.length === 0) throw new TileError('has no hashes in a tree of 0 records');
    const stxTile = stx.map((x) => {
      const t = tileParent(tileForIndex(h, x).tile, 0, tree.size);
      if (!t) throw new TileError(`has no tile for hash ${x}`);
      return order.get(tileKey(t)) ?? add(t);
    });
    // Each index's tile, and the full tiles between it and one already read.
    const indexTile = indexes.map((x) => {
      if (x >= storedHashIndex(0, tree.size))
        throw new TileError('asked for a hash not in its tree');
      const t = tileForIndex(h, x).tile;
      let k = 0;
      for (; !order.has(tileKey(tileParent(t, k, tree.size))); k++) {
        if (k > 64) throw new TileError(`has no tile above ${tilePath(t)}`);
      }
      let at = order.get(tileKey(tileParent(t, k, tree.size)))!;
      for (k--; k >= 0; k--) {
        const p = tileParent(t, k, tree.size);
        if (!p || p.w !== pow2(p.h)) throw new TileError(`has no full tile above ${tilePath(t)}`);
        at = add(p);
      }
      return at;
    });

    const data = await tr.readTiles(tiles);
    tiles.forEach((t, i) => {
      if (data[i]!.length !== t.w * HASH_SIZE) {
        throw new TileError(
          `served ${tilePath(t)} with ${data[i]!.length} bytes, not ${t.w} hashes of ${HASH_SIZE}`,
        );
      }
    });
    const inconsistent = () =>
      new TileError(`served tiles that do not give its signed tree of ${tree.size} records`);
    let root: Buffer | undefined;
    for (let i = stx.length - 1; i >= 0; i--) {
      const x = hashFromTile(tiles[stxTile[i]!]!, data[stxTile[i]!]!, stx[i]!);
      root = root ? nodeHash(x, root) : x;
    }
    if (!root!.equals(tree.hash)) throw inconsistent();
    for (let i = stxTile[stx.length - 1]! + 1; i < tiles.length; i++) {
      const t = tiles[i]!;
      const p = tileParent(t, 1, tree.size);
      const j = order.get(tileKey(p));
      if (!p || j === undefined) throw new TileError(`has no tile above ${tilePath(t)}`);
      const x = hashFromTile(p, data[j]!, storedHashIndex(p.l * p.h, t.n));
      if (!x.equals(tileHash(data[i]!))) throw inconsistent();
    }
    return indexes.map((x, i) => hashFromTile(tiles[indexTile[i]!]!, data[indexTile[i]!]!, x));
  };
}
