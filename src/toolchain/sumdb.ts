import { UserError } from '../errors.js';
import { quote, show } from '../trust/log-text.js';
import { decodeBase64, NoteError, openNote, parseVerifierKey, type VerifierKey } from './note.js';
import {
  HASH_SIZE,
  ProofError,
  proveConsistent,
  proveRecord,
  tileFor,
  hashFromTile,
  tilePath,
  type HashReader,
  type Tree,
} from './tlog.js';

/**
 * The Go checksum database client for one module version (the protocol of `go help
 * module-auth`): `/latest` and `/lookup/<module>@<version>` give signed tree heads, the lookup
 * gives the record (`<module> <version> h1:…` lines), and `/tile/8/…` give the hashes that prove
 * the record is in the tree and that the two heads are one history.
 */

/** The database's public key built into the go command. */
export const SUM_GOLANG_ORG_KEY =
  'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';

/** Names the go command knows without a key (GOSUMDB=sum.golang.org), with their URLs. */
const KNOWN: Record<string, { key: string; url: string }> = {
  'sum.golang.org': { key: SUM_GOLANG_ORG_KEY, url: 'https://sum.golang.org' },
  // The database mirrored for China: same key, another host.
  'sum.golang.google.cn': { key: SUM_GOLANG_ORG_KEY, url: 'https://sum.golang.google.cn' },
};

export interface SumDb {
  key: VerifierKey;
  /** The database's own URL, used when no proxy in GOPROXY serves it (no trailing slash). */
  url: string;
}

/**
 * GOSUMDB as the go command reads it: `off`, a known name, `<name>+<hash>+<key>`, either of the
 * last two followed by the database's URL. Empty means sum.golang.org.
 */
export function parseGoSumDb(value: string | undefined): SumDb | 'off' {
  const text = (value ?? '').trim() || 'sum.golang.org';
  if (text === 'off') return 'off';
  const fields = text.split(/\s+/);
  const accepted =
    'use off, sum.golang.org, or name+hash+key with an optional URL (name+hash+key https://host/path)';
  if (fields.length > 2) {
    throw new UserError(`GOSUMDB: ${quote(text)} has too many fields; ${accepted}`);
  }
  const known = KNOWN[fields[0]!];
  const key = parseVerifierKey(known?.key ?? fields[0]!, 'GOSUMDB');
  let url = known?.url ?? `https://${key.name}`;
  if (fields[1] !== undefined) {
    let u: URL;
    try {
      u = new URL(fields[1]);
    } catch {
      throw new UserError(`GOSUMDB: ${quote(fields[1])} is not a URL; ${accepted}`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      throw new UserError(`GOSUMDB: ${quote(fields[1])} is not an http(s) URL; ${accepted}`);
    }
    url = u.href.replace(/\/+$/, '');
  }
  return { key, url };
}

/** The three lines of a tree head: `go.sum database tree`, the size, the base64 root hash. */
export function parseTreeNote(text: string): Tree | undefined {
  const m = /^go\.sum database tree\n(0|[1-9][0-9]{0,15})\n([A-Za-z0-9+/=]{44})\n$/.exec(text);
  const hash = m ? decodeBase64(m[2]!) : undefined;
  const size = Number(m?.[1]);
  if (!m || !hash || hash.length !== HASH_SIZE || !Number.isSafeInteger(size)) return undefined;
  return { size, hash };
}

/** A lookup answer: the record id, the record, then the signed tree head. */
export function parseLookup(
  body: Buffer,
): { id: number; record: Buffer; note: Buffer } | undefined {
  const nl = body.indexOf(0x0a);
  const idText = nl > 0 ? body.subarray(0, nl).toString('latin1') : '';
  if (!/^(0|[1-9][0-9]{0,15})$/.test(idText)) return undefined;
  const blank = body.indexOf('\n\n', nl + 1);
  if (blank < 0) return undefined;
  return {
    id: Number(idText),
    record: body.subarray(nl + 1, blank + 1),
    note: body.subarray(blank + 2),
  };
}

/** The `h1:` of `<module> <version>` in a record, if it holds exactly one. */
export function recordedHash(record: string, module: string, version: string): string | undefined {
  const found = record
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length === 3 && f[0] === module && f[1] === version);
  if (found.length !== 1) return undefined;
  const h = found[0]![2]!;
  return /^h1:[A-Za-z0-9+/]{43}=$/.test(h) ? h : undefined;
}

/** Fetches a path under the database's base URL; throws HttpStatusError for a non-2xx answer. */
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
 * Finds `module@version`'s `h1:` in the database at `base` and proves it: both tree heads signed
 * by the key, one history, the record in the tree.
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
  const signedTree = (what: string, msg: Buffer): Tree => {
    let text: string;
    try {
      text = openNote(msg, db.key);
    } catch (err) {
      if (err instanceof NoteError) throw refuse(`answered a ${what} that ${err.message}`);
      throw err;
    }
    const tree = parseTreeNote(text);
    if (!tree) throw refuse(`answered a ${what} that is not a tree head (${quote(text)})`);
    return tree;
  };

  const latest = signedTree('/latest', await fetch(`${base}/latest`));
  const lookupUrl = `${base}/lookup/${module}@${version}`;
  const answer = parseLookup(await fetch(lookupUrl));
  if (!answer) throw refuse(`answered ${show(lookupUrl)} with no record`);
  const tree = signedTree('lookup', answer.note);
  const h1 = recordedHash(answer.record.toString('utf8'), module, version);
  if (!h1) throw refuse(`answered a record without one h1: line`);

  const [older, newer] = latest.size <= tree.size ? [latest, tree] : [tree, latest];
  const read = tileReader(base, newer.size, fetch);
  try {
    await proveConsistent(older, newer, read);
    await proveRecord(newer, answer.id, answer.record, read);
  } catch (err) {
    if (err instanceof ProofError || err instanceof TileError) throw refuse(err.message);
    throw err;
  }
  return { h1, tree: newer, id: answer.id };
}

class TileError extends Error {}

/** Reads subtree hashes from the tiles of a tree of `treeSize` records, each tile fetched once. */
export function tileReader(base: string, treeSize: number, fetch: Fetch): HashReader {
  const tiles = new Map<string, Promise<Buffer>>();
  return async (level, index) => {
    const { tile, start, count } = tileFor(level, index, treeSize);
    const path = tilePath(tile);
    let data = tiles.get(path);
    if (!data) {
      data = fetch(`${base}/${path}`);
      tiles.set(path, data);
    }
    const bytes = await data;
    if (bytes.length !== tile.width * HASH_SIZE) {
      throw new TileError(
        `served ${path} with ${bytes.length} bytes, not ${tile.width} hashes of ${HASH_SIZE}`,
      );
    }
    return hashFromTile(bytes, start, count);
  };
}
