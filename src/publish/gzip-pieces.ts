import os from 'node:os';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * One gzip member compressed in pieces on the thread pool, as pigz does, so that a slug is
 * packed on every core rather than one: the input is cut into pieces of {@link PIECE} bytes, each
 * deflated on its own, primed with the 32 KiB before it (so matches still reach back across the
 * cut) and ended by a sync flush (the last by the final block), and the pieces' outputs are one
 * deflate stream in order. The CRC is taken over the input as it passes. The bytes depend only on
 * the input and the level (fixed pieces, fixed priming), never on timing or on how the input
 * arrives, so the archive stays reproducible. Any gzip reader reads it: it is one member, one
 * deflate stream.
 */

/** Input bytes per piece. */
export const PIECE = 1 << 20;
const WINDOW = 32 * 1024;
const deflateRaw = promisify(zlib.deflateRaw) as (
  buf: Buffer,
  opts: zlib.ZlibOptions,
) => Promise<Buffer>;

/** The 10-byte header zlib writes: no name, no time, its extra flags for the level, Unix. */
function header(level: number): Buffer {
  const xfl = level === 9 ? 2 : level < 2 ? 4 : 0;
  return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]);
}

/**
 * Compresses `input` (any chunking) into gzip, yielding the output in order. At most `inFlight`
 * pieces are compressed at once (the thread pool has four threads).
 */
export async function* gzipPieces(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  level: number,
  inFlight = Math.min(4, Math.max(2, os.availableParallelism())),
): AsyncGenerator<Buffer> {
  yield header(level);
  let crc = 0;
  let size = 0;
  const pending: Promise<Buffer>[] = [];
  let prior: Buffer | undefined; // the 32 KiB before the next piece
  const start = (piece: Buffer, last: boolean): void => {
    const opts: zlib.ZlibOptions = {
      level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      ...(prior ? { dictionary: prior } : {}),
    };
    const done = deflateRaw(piece, opts);
    done.catch(() => undefined); // awaited in turn; a failure meanwhile is not unhandled
    pending.push(done);
    prior = Buffer.from(piece.subarray(Math.max(0, piece.length - WINDOW)));
  };

  // Pieces are cut from the input at fixed offsets; the newest is held back until it is known
  // whether it is the last (which ends the stream).
  let parts: Buffer[] = [];
  let held = 0;
  let waiting: Buffer | undefined;
  for await (const chunk of input) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(PIECE - held, rest.length);
      parts.push(rest.subarray(0, take));
      held += take;
      rest = rest.subarray(take);
      if (held === PIECE) {
        if (waiting) start(waiting, false);
        waiting = Buffer.concat(parts, held);
        parts = [];
        held = 0;
        while (pending.length >= inFlight) yield await pending.shift()!;
      }
    }
  }
  if (held > 0) {
    if (waiting) start(waiting, false);
    waiting = Buffer.concat(parts, held);
  }
  start(waiting ?? Buffer.alloc(0), true);
  while (pending.length) yield await pending.shift()!;
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  yield trailer;
}
