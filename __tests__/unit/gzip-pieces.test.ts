// gzipPieces: one gzip member compressed in pieces on the thread pool. Any gzip reader gets the
// input back; the bytes depend on the input and level only (not on how the input is chunked or
// how many pieces run at once), which is what keeps slug-sha256 reproducible; each piece is primed
// with the window before it, so cutting costs next to nothing in size.
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipPieces, PIECE } from '../../src/publish/gzip-pieces.js';

async function gzip(chunks: Iterable<Buffer>, level = 1, inFlight?: number): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of gzipPieces(chunks, level, inFlight)) out.push(b);
  return Buffer.concat(out);
}

function* chunked(buf: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += size) yield buf.subarray(at, at + size);
}

/** Text-like bytes (compressible, not trivially): words drawn from a small random vocabulary. */
function textLike(length: number): Buffer {
  const words = Array.from({ length: 500 }, () => randomBytes(3).toString('hex'));
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    const w = `${words[Math.floor(Math.random() * words.length)]} `;
    parts.push(w);
    n += w.length;
  }
  return Buffer.from(parts.join('')).subarray(0, length);
}

describe('gzipPieces', () => {
  it.each([0, 1, 100, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 12_345])(
    'gives back %i bytes through gunzip',
    async (length) => {
      const input = textLike(length);
      expect(gunzipSync(await gzip([input])).equals(input)).toBe(true);
    },
  );

  it('writes the same bytes however the input is chunked and however many pieces run at once', async () => {
    const input = textLike(2 * PIECE + 777);
    const whole = await gzip([input], 1, 4);
    expect((await gzip(chunked(input, 4099), 1, 1)).equals(whole)).toBe(true);
    expect((await gzip(chunked(input, PIECE), 1, 2)).equals(whole)).toBe(true);
    expect((await gzip([input], 6, 4)).equals(whole)).toBe(false);
  });

  it("writes zlib's own header for the level: no name, no time, Unix", async () => {
    for (const level of [1, 6, 9])
      expect((await gzip([Buffer.from('x')], level)).subarray(0, 10)).toEqual(
        gzipSync(Buffer.from('x'), { level }).subarray(0, 10),
      );
  });

  it('primes each piece with the window before it: repeats across a cut still match', async () => {
    // 16 KiB of noise repeated: each piece after the first is all matches into the window.
    const block = randomBytes(16 * 1024);
    const input = Buffer.concat(Array.from({ length: 256 }, () => block));
    const pieced = await gzip([input]);
    const single = gzipSync(input, { level: 1 });
    expect(pieced.length).toBeLessThan(single.length * 1.05 + 64);
  });
});
