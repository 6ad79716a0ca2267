import { UserError } from '../errors.js';
import { quote, show } from '../trust/log-text.js';
import { goBase64, goParseInt64, isUtf8 } from './go-rules.js';
import type { SumDb } from './gosumdb.js';
import { NoteError, openNote } from './note.js';
import {
  EMPTY_HASH,
  HASH_SIZE,
  MAX_TREE_SIZE,
  TileError,
  recordHash,
  storedHashIndex,
  tileHashReader,
  tilePath,
  treeHash,
  type Tile,
  type TileReader,
  type Tree,
} from './tlog.js';

/**
 * The Go checksum database client for one module version, making the decisions of
 * golang.org/x/mod/sumdb's Client as the go command uses it (`go help module-auth`):
 * `/lookup/<module>@<version>` gives the record and a signed tree head, `/tile/8/…` the hashes
 * that prove the record is in that tree; `/latest` is read first, as the head the go command
 * keeps from earlier runs, and the two heads must be one history.
 */

export { parseGoSumDb, SUM_GOLANG_ORG_KEY, type SumDb } from './gosumdb.js';

const TILE_HEIGHT = 8;

/** tlog.ParseTree: `go.sum database tree`, the size, the base64 root hash; more lines are ignored. */
export function parseTreeNote(text: Buffer | string): { size: bigint; hash: Buffer } | undefined {
  const bytes = Buffer.from(text);
  const prefix = 'go.sum database tree\n';
  const lines = bytes.toString('latin1').split('\n');
  if (!bytes.toString('latin1').startsWith(prefix) || lines.length < 4 || bytes.length > 1e6) {
    return undefined;
  }
  const size = goParseInt64(lines[1]!);
  // The size is written in its one canonical form (no sign, no leading zero).
  if (size === undefined || size < 0n || lines[1] !== size.toString()) return undefined;
  const hash = goBase64(lines[2]!);
  return hash?.length === HASH_SIZE ? { size, hash } : undefined;
}

/** tlog's isValidRecordText: UTF-8, no control character but \n, no blank line, ends in \n. */
function isRecordText(text: Buffer): boolean {
  const s = text.toString('utf8');
  // eslint-disable-next-line no-control-regex
  return isUtf8(text) && !/[\x00-\x09\x0b-\x1f]/.test(s) && !s.includes('\n\n') && s.endsWith('\n');
}

/** tlog.ParseRecord: the record id, the record's text, and what follows (the signed head). */
export function parseRecord(msg: Buffer): { id: bigint; text: Buffer; rest: Buffer } | undefined {
  const nl = msg.indexOf(0x0a);
  if (nl < 0) return undefined;
  const id = goParseInt64(msg.subarray(0, nl).toString('latin1'));
  if (id === undefined) return undefined;
  const body = msg.subarray(nl + 1);
  const blank = body.indexOf('\n\n');
  if (blank < 0) return undefined;
  const text = body.subarray(0, blank + 1);
  return isRecordText(text) ? { id, text, rest: body.subarray(blank + 2) } : undefined;
}

/**
 * What the go command compares the download with: the lines of the record for `module version`
 * (Client.Lookup), the first of them that is an `h1:` (modfetch's checkSumDB). Other hash kinds
 * (`h2:`) are passed over.
 */
export function recordedHash(record: string, module: string, version: string): string | undefined {
  const prefix = `${module} ${version} `;
  const line = record.split('\n').find((l) => l.startsWith(`${prefix}h1:`));
  return line?.slice(prefix.length);
}

/**
 * cmd/go/internal/web's Join: `path` after the base URL's path (one trailing slash dropped), its
 * query kept.
 */
export function joinUrl(base: string, path: string): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/$/, '')}/${path}`;
  return u.href;
}

/** Fetches a URL under the database's base; throws for a non-2xx answer or a network error. */
export type Fetch = (url: string) => Promise<Buffer>;

export interface Verified {
  /** The module's `h1:` as the database records it. */
  h1: string;
  /** The tree the record was proved in. */
  tree: Tree;
  /** The record's number in the log. */
  id: number;
}

/** A refusal by the checksum check: never retried, never hidden by another error. */
export class SumDbError extends UserError {}

/**
 * Reads tiles, each fetched once. A partial tile that cannot be fetched is read from the full
 * tile (its first W hashes) when that one can be, as Go's client does: the log may have filled
 * the tile since the tree was signed.
 */
export function tileFetcher(base: string, fetch: Fetch): TileReader {
  const cache = new Map<string, Promise<Buffer>>();
  const one = async (tile: Tile): Promise<Buffer> => {
    const full: Tile = { ...tile, w: 2 ** tile.h };
    try {
      return await fetch(joinUrl(base, tilePath(tile)));
    } catch (err) {
      if (tile.w === full.w) throw err;
      try {
        const data = await fetch(joinUrl(base, tilePath(full)));
        return data.subarray(0, Math.floor(data.length / full.w) * tile.w);
      } catch {
        throw err;
      }
    }
  };
  return {
    height: TILE_HEIGHT,
    readTiles: (tiles) =>
      Promise.all(
        tiles.map((t) => {
          const key = tilePath(t);
          let data = cache.get(key);
          if (!data) {
            data = one(t);
            cache.set(key, data);
          }
          return data;
        }),
      ),
  };
}

/**
 * Finds `module@version`'s `h1:` in the database at `base` and proves it, as the go command does:
 * the heads signed by the key, one history (each older head is the prefix of the newer tree,
 * computed from tiles checked against its signed root), the record's hash in the newest tree.
 */
export async function verifiedHash(
  db: SumDb,
  base: string,
  module: string,
  version: string,
  fetch: Fetch,
): Promise<Verified> {
  const name = db.key.name;
  const refuse = (what: string): SumDbError =>
    new SumDbError(
      `The checksum database ${name} ${what} for ${module}@${version}; nothing was installed`,
    );
  const tiles = tileFetcher(base, fetch);
  const proved = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof TileError) throw refuse(err.message);
      throw err;
    }
  };
  /** The tree the go command would keep: it starts empty. */
  let latest: Tree = { size: 0, hash: EMPTY_HASH };
  /** Client.checkTrees: `older` must be the first records of `newer`. */
  const checkTrees = async (older: Tree, newer: Tree): Promise<void> => {
    const h = await proved(() => treeHash(older.size, tileHashReader(newer, tiles)));
    if (!h.equals(older.hash)) {
      throw refuse(
        `signed two trees that are not one history (${older.size} and ${newer.size} records): the log was forked`,
      );
    }
  };
  /**
   * Client.mergeLatestMem: whether `msg` is a head before, at or after the newest seen (an empty
   * answer is the empty tree), after checking that the two are one history.
   */
  const mergeMem = async (what: string, msg: Buffer): Promise<'past' | 'now' | 'future'> => {
    if (msg.length === 0) return latest.size === 0 ? 'now' : 'past';
    let text: string;
    try {
      text = openNote(msg, db.key);
    } catch (err) {
      if (err instanceof NoteError) throw refuse(`answered a ${what} that ${err.message}`);
      throw err;
    }
    const parsed = parseTreeNote(text);
    if (!parsed) throw refuse(`answered a ${what} that is not a tree head (${quote(text)})`);
    if (parsed.size > BigInt(MAX_TREE_SIZE)) {
      throw refuse(
        `answered a ${what} with a tree of ${parsed.size} records, more than can be checked`,
      );
    }
    const tree = { size: Number(parsed.size), hash: parsed.hash };
    if (tree.size <= latest.size) {
      await checkTrees(tree, latest);
      return tree.size < latest.size ? 'past' : 'now';
    }
    await checkTrees(latest, tree);
    latest = tree;
    return 'future';
  };
  // /latest stands for the head the go command keeps on disk (its "latest" configuration file).
  const kept = await fetch(joinUrl(base, 'latest'));
  /**
   * Client.mergeLatest: a head that moves the newest forward is merged with the kept one once more
   * before the kept one is replaced (for the kept head itself: checked against its own tiles).
   */
  const merge = async (what: string, msg: Buffer): Promise<void> => {
    if ((await mergeMem(what, msg)) === 'future') await mergeMem('/latest', kept);
  };

  await merge('/latest', kept);
  const lookupUrl = joinUrl(base, `lookup/${module}@${version}`);
  const answer = parseRecord(await fetch(lookupUrl));
  if (!answer) throw refuse(`answered ${show(lookupUrl)} with no well-formed record`);
  await merge('lookup', answer.rest);
  // Client.checkRecord: the record's hash, read from tiles checked against the newest head (a
  // negative id reads record 0, as tlog.StoredHashIndex makes Go do).
  if (answer.id >= BigInt(latest.size)) {
    throw refuse(`names record ${answer.id}, outside its tree of ${latest.size} records`);
  }
  const id = Number(answer.id);
  const [stored] = await proved(() => tileHashReader(latest, tiles)([storedHashIndex(0, id)]));
  if (!stored!.equals(recordHash(answer.text))) {
    throw refuse(
      `did not prove the record is in its tree of ${latest.size} records (inclusion proof failed)`,
    );
  }
  const h1 = recordedHash(answer.text.toString('utf8'), module, version);
  if (h1 === undefined) throw refuse('answered a record without an h1: line');
  // The go command compares the zip's h1: with this text; one that is not a dirhash h1: can match
  // no zip, so it is refused before the download rather than after.
  if (!/^h1:[A-Za-z0-9+/]{43}=$/.test(h1)) {
    throw refuse(`records ${quote(h1)}, which no zip hashes to`);
  }
  return { h1, tree: latest, id };
}
