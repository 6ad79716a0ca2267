import { createHash } from 'node:crypto';

/**
 * The transparency log behind the Go checksum database (golang.org/x/mod/sumdb/tlog, RFC 6962
 * hashing): records are leaves of a Merkle tree whose signed head names its size and root hash.
 *
 * - A record's leaf hash is sha256(0x00 || record); an inner node is sha256(0x01 || left || right).
 * - The hash of leaves [0, n) splits at the largest power of two below n (RFC 6962 §2.1).
 * - The log serves its hashes as tiles of height 8: the tile at level L, index N holds the
 *   hashes at tree level 8·L with indices 256·N … 256·N+W−1 (W = 256 for a full tile, fewer for
 *   the right edge: `tile/8/<L>/<N>.p/<W>`). Every complete, aligned subtree's hash can be
 *   computed from one tile.
 *
 * Proofs are checked end to end: a root is recomputed from the record's own hash and hashes read
 * from tiles, and must equal the signed root. A tile that lies changes the root, so tiles need no
 * separate authentication.
 */
export const HASH_SIZE = 32;
export const TILE_HEIGHT = 8;
const TILE_WIDTH = 2 ** TILE_HEIGHT;

export interface Tree {
  /** Number of records. */
  size: number;
  /** Root hash of the records [0, size). */
  hash: Buffer;
}

export function recordHash(record: Buffer | string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(record)
    .digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}

/** log2 of a power of two. */
function log2(n: number): number {
  let l = 0;
  for (; n > 1; n /= 2) l++;
  return l;
}

/** A tile's coordinates: level L (of tiles), index N, width W (1 … 256). */
export interface Tile {
  level: number;
  index: number;
  width: number;
}

/**
 * The path of a tile: `tile/8/<L>/<N>[.p/<W>]`, N written in groups of three digits, each group
 * but the last prefixed with `x` (1234067 → `x001/x234/067`), so no directory grows too large.
 */
export function tilePath(t: Tile): string {
  let n = t.index;
  let digits = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    digits = `x${String(n % 1000).padStart(3, '0')}/${digits}`;
  }
  const partial = t.width === TILE_WIDTH ? '' : `.p/${t.width}`;
  return `tile/${TILE_HEIGHT}/${t.level}/${digits}${partial}`;
}

/**
 * Where the hash of the complete subtree at tree level `level`, index `index` lives in a tree of
 * `treeSize` records: its tile, and the range of that tile's hashes it is the root of.
 */
export function tileFor(
  level: number,
  index: number,
  treeSize: number,
): { tile: Tile; start: number; count: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const below = level - tileLevel * TILE_HEIGHT;
  const count = 2 ** below;
  const first = index * count; // index of the first hash at level 8·tileLevel
  const tileIndex = Math.floor(first / TILE_WIDTH);
  const hashesAtLevel = Math.floor(treeSize / 2 ** (tileLevel * TILE_HEIGHT));
  const width = Math.min(TILE_WIDTH, hashesAtLevel - tileIndex * TILE_WIDTH);
  return {
    tile: { level: tileLevel, index: tileIndex, width },
    start: first - tileIndex * TILE_WIDTH,
    count,
  };
}

/** The root of `count` (a power of two) consecutive hashes of a tile's data, from `start`. */
export function hashFromTile(data: Buffer, start: number, count: number): Buffer {
  if (count === 1) return data.subarray(start * HASH_SIZE, (start + 1) * HASH_SIZE);
  const half = count / 2;
  return nodeHash(hashFromTile(data, start, half), hashFromTile(data, start + half, half));
}

/** Reads the hash of the complete subtree at tree level `level`, index `index`. */
export type HashReader = (level: number, index: number) => Promise<Buffer>;

interface Pins {
  /** Boundaries no subtree read from the reader may straddle (a smaller tree's size). */
  cuts: number[];
  /** A leaf whose hash is given, not read: the record being proved. */
  leaf?: { index: number; hash: Buffer };
}

/** RFC 6962 hash of leaves [lo, hi), reading complete subtrees unless a pin is inside them. */
async function rangeHash(lo: number, hi: number, pins: Pins, read: HashReader): Promise<Buffer> {
  const size = hi - lo;
  const { leaf } = pins;
  if (leaf && size === 1 && lo === leaf.index) return leaf.hash;
  const holdsLeaf = leaf !== undefined && leaf.index >= lo && leaf.index < hi;
  const straddled = pins.cuts.some((c) => c > lo && c < hi);
  // In this recursion a power-of-two range is always aligned: a complete subtree.
  if (isPowerOfTwo(size) && !holdsLeaf && !straddled) return read(log2(size), lo / size);
  const k = splitPoint(size);
  const left = await rangeHash(lo, lo + k, pins, read);
  const right = await rangeHash(lo + k, hi, pins, read);
  return nodeHash(left, right);
}

/** The root hash of a tree of `size` records, from its complete subtrees. */
export function treeHash(size: number, read: HashReader): Promise<Buffer> {
  if (size === 0) return Promise.resolve(createHash('sha256').digest());
  return rangeHash(0, size, { cuts: [] }, read);
}

/** Why a proof failed: the message completes "the checksum database …". */
export class ProofError extends Error {}

/**
 * Proves that `record` is record `id` of `tree`: the root recomputed from the record's hash and
 * the hashes around it must be the signed root.
 */
export async function proveRecord(
  tree: Tree,
  id: number,
  record: Buffer,
  read: HashReader,
): Promise<void> {
  if (!(Number.isSafeInteger(id) && id >= 0 && id < tree.size)) {
    throw new ProofError(`names record ${id}, outside its tree of ${tree.size} records`);
  }
  const root = await rangeHash(
    0,
    tree.size,
    { cuts: [], leaf: { index: id, hash: recordHash(record) } },
    read,
  );
  if (!root.equals(tree.hash)) {
    throw new ProofError(
      `did not prove the record is in its tree of ${tree.size} records (inclusion proof failed)`,
    );
  }
}

/**
 * Proves that `older` is a prefix of `newer` (the log only grew): both roots are recomputed from
 * one set of subtree hashes, which must give both signed roots. A log that shows two different
 * histories (a fork) fails here.
 */
export async function proveConsistent(older: Tree, newer: Tree, read: HashReader): Promise<void> {
  if (older.size > newer.size) throw new Error('proveConsistent: trees in the wrong order');
  const forked = new ProofError(
    `signed two trees that are not one history (${older.size} and ${newer.size} records): the log was forked`,
  );
  if (older.size === newer.size) {
    if (!older.hash.equals(newer.hash)) throw forked;
    return;
  }
  const big = await rangeHash(0, newer.size, { cuts: [older.size] }, read);
  if (!big.equals(newer.hash)) {
    throw new ProofError(`served tiles that do not give its signed tree of ${newer.size} records`);
  }
  const small = older.size === 0 ? createHash('sha256').digest() : await treeHash(older.size, read);
  if (!small.equals(older.hash)) throw forked;
}
